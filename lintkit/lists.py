"""Ordered lists as written in the source: item numbers, lists split by a
stray paragraph, and which lists are milestone lists.

CommonMark keeps only a list's first number; lintkit reads every item's number
from its marker line, since that is what a reader of the source sees.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from . import markdown

_MARKER_RE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:[*+-][ \t]+)*(\d{1,9})[.)]")
# A bold title: bold text that is the whole first line of the item.
_BOLD_RE = re.compile(r"^(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1[.:]?[ \t]*(?:\n|$)")


@dataclass
class Item:
    token: Dict[str, Any]
    line: int
    number: Optional[int]

    @property
    def first_block(self) -> Optional[Dict[str, Any]]:
        for child in self.token.get("children", []):
            if child["type"] != "blank_line":
                return child
        return None

    @property
    def bold_title(self) -> Optional[str]:
        block = self.first_block
        if not block or block["type"] not in ("paragraph", "block_text"):
            return None
        m = _BOLD_RE.match(block.get("text", "").lstrip())
        return m.group(2).strip() if m else None


@dataclass
class Run:
    """Ordered lists of one container that read as one list: later lists
    continue the numbering of the earlier ones after a block between them."""

    lists: List[Dict[str, Any]]
    items: List[Item]
    splits: List[int] = field(default_factory=list)  # index of the first item of each later list
    between: List[Dict[str, Any]] = field(default_factory=list)  # the block that split each


def item_number(lines: List[str], line: int) -> Optional[int]:
    if 1 <= line <= len(lines):
        m = _MARKER_RE.match(lines[line - 1])
        if m:
            return int(m.group(1))
    return None


def _items(lst: Dict[str, Any], lines: List[str]) -> List[Item]:
    return [Item(it, it.get("line", 0), item_number(lines, it.get("line", 0)))
            for it in lst.get("children", []) if it["type"] == "list_item"]


def ordered_runs(tokens: List[Dict[str, Any]], lines: List[str]) -> List[Run]:
    """Every run of ordered lists, in every container of the document."""
    runs: List[Run] = []
    containers = [tokens]
    for tok in markdown.walk(tokens):
        if tok.get("children") and tok["type"] in ("list_item", "block_quote"):
            containers.append(tok["children"])
    for children in containers:
        current: Optional[Run] = None
        gap: List[Dict[str, Any]] = []
        for tok in children:
            if tok["type"] == "blank_line":
                continue
            if tok["type"] == "list" and tok.get("attrs", {}).get("ordered"):
                items = _items(tok, lines)
                if not items:
                    continue
                if (current is not None and len(gap) == 1 and items[0].number is not None
                        and current.items[-1].number is not None
                        and items[0].number == current.items[-1].number + 1
                        and items[0].number != 1):
                    current.splits.append(len(current.items))
                    current.between.append(gap[0])
                    current.lists.append(tok)
                    current.items.extend(items)
                else:
                    current = Run([tok], items)
                    runs.append(current)
                gap = []
            else:
                gap.append(tok)
                if len(gap) > 1:
                    current = None
    runs.sort(key=lambda r: r.items[0].line)
    return runs


def is_milestone_run(run: Run, min_items: int = 3) -> bool:
    """An ordered list of ``min_items`` or more items, most of which start
    with a bold title."""
    items = run.items
    if len(items) < min_items:
        return False
    bold = sum(1 for it in items if it.bold_title)
    return bold * 2 > len(items)


def doc_runs(doc) -> List[Run]:
    """``ordered_runs`` of a document, computed once and shared by the rules."""
    runs = doc.memo.get("ordered_runs")
    if runs is None:
        runs = doc.memo["ordered_runs"] = ordered_runs(doc.tokens, doc.lines) if _has_ordered(doc) else []
    return runs


def _has_ordered(doc) -> bool:
    return any(t["type"] == "list" and t.get("attrs", {}).get("ordered") for t in doc.all_tokens)


def milestone_runs(doc, min_items: int = 3) -> List[Run]:
    return [r for r in doc_runs(doc) if is_milestone_run(r, min_items)]
