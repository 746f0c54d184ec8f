"""Scopes: the parts of a document a declarative rule looks at (``body``,
``section NAME``, ``headings``, ``link-text``, ``last-paragraph``,
``front-matter KEY``), and where a match in them is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .framework import (
    compile_regex,
)

if TYPE_CHECKING:
    from ..document import Document

_LEAD_RE = re.compile(r"^[^A-Za-z]+")
_IAL_RE = re.compile(r"\s*\{[:#][^}]*\}\s*$")


def heading_text(tok: dict[str, Any]) -> str:
    """A heading's words: no trailing ``{#id}``, no leading emoji, numbers,
    emphasis or punctuation."""
    text = tok.get("text", "").strip().split("\n")[0]
    text = _IAL_RE.sub("", text)
    return _LEAD_RE.sub("", text).strip()


def heading_level(tok: dict[str, Any]) -> int:
    level: int = tok.get("attrs", {}).get("level", 1)
    return level


def top_headings(doc: Document) -> list[dict[str, Any]]:
    return [t for t in doc.tokens if t["type"] == "heading"]


def _sections(
    doc: Document, name: str, direct: bool = False
) -> list[tuple[dict[str, Any], int, int]]:
    """(heading, first line, last line) of every section whose heading
    starts with ``name``; ``direct``: up to the next heading of any level."""
    name_re = compile_regex(f"(?:{name})(?![A-Za-z0-9])", re.I)
    heads = top_headings(doc)
    out: list[tuple[dict[str, Any], int, int]] = []
    for i, h in enumerate(heads):
        if name_re.match(heading_text(h)):
            end = len(doc.lines)
            for h2 in heads[i + 1 :]:
                if direct or heading_level(h2) <= heading_level(h):
                    end = h2["line"] - 1
                    break
            out.append((h, h["line"] + 1, end))
    return out


def _blocks_in(doc: Document, first: int, last: int) -> Iterator[tuple[dict[str, Any], int, int]]:
    for tok, start, end in doc.text_blocks():
        if first <= tok["line"] <= last:
            yield tok, start, end


@dataclass
class Scope:
    chunks: list[tuple[str, int]] = field(default_factory=list)  # (text, offset in doc.text)
    ranges: list[tuple[int, int]] = field(default_factory=list)  # line ranges (first, last)
    anchor: tuple[int, int] = (1, 1)  # where a "missing" finding goes
    found: bool = True
    positions: list[tuple[int, int]] | None = None  # explicit (line, col) per chunk


def body_first_line(doc: Document) -> int:
    fm = doc.fm
    return fm.end_line + 1 if fm.present and fm.closed else 1


def resolve_scope(doc: Document, scope: str, direct: bool = False) -> Scope:
    word, _, arg = scope.strip().partition(" ")
    arg = arg.strip()
    text = doc.text
    if word == "body":
        first = body_first_line(doc)
        return Scope(
            [(text[s:e], s) for _, s, e in doc.text_blocks()],
            [(first, len(doc.lines))],
            (min(first, len(doc.lines)) or 1, 1),
        )
    if word == "headings":
        chunks = []
        for tok, s, e in doc.text_blocks():
            if tok["type"] == "heading":
                m = re.match(r"[ \t]*#{1,6}[ \t]*", text[s:e])
                skip = m.end() if m else 0
                chunks.append((text[s + skip : e], s + skip))
        return Scope(chunks, [], (1, 1))
    if word == "link-text":
        chunks = []
        for pl in doc.links:
            start = doc.offset(pl.line, pl.column) + (2 if pl.link.kind == "image" else 1)
            chunks.append((text[start : start + len(pl.link.text)], start))
        return Scope(chunks, [], (1, 1))
    if word == "last-paragraph":
        blocks = [t for t in doc.tokens if t["type"] != "blank_line"]
        if blocks and blocks[-1]["type"] == "paragraph":
            s, e = doc.block_span(blocks[-1])
            return Scope(
                [(text[s:e], s)], [(blocks[-1]["line"], len(doc.lines))], (blocks[-1]["line"], 1)
            )
        return Scope([], [], (max(len(doc.lines) - 1, 1), 1), False)
    if word == "section":
        sections = _sections(doc, arg, direct)
        if not sections:
            return Scope([], [], (body_first_line(doc), 1), False)
        chunks, ranges = [], []
        for _head, first, last in sections:
            ranges.append((first, last))
            chunks.extend((text[s:e], s) for _, s, e in _blocks_in(doc, first, last))
        return Scope(chunks, ranges, (sections[0][0]["line"], 1))
    if word == "front-matter":
        data = doc.data
        line = fm_key_line(doc, arg)
        if arg not in data or data[arg] is None:
            return Scope([], [], (line or 1, 1), False)
        value = data[arg]
        value = " ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        col = 1
        if line:
            idx = doc.lines[line - 1].find(value)
            col = idx + 1 if idx >= 0 else 1
        return Scope([(value, -1)], [], (line or 1, col), True, [(line or 1, col)])
    return Scope([], [], (1, 1), False)


def fm_key_line(doc: Document, key: str) -> int:
    fm = doc.fm
    if not fm.present:
        return 0
    pat = compile_regex(rf"^['\"]?{re.escape(key)}['\"]?[ \t]*:")
    for i, line in enumerate(fm.raw.split("\n")):
        if pat.match(line):
            return fm.start_line + 1 + i
    return 0


def position(
    doc: Document, scope: Scope, chunk_index: int, offset_in_chunk: int
) -> tuple[int, int]:
    _text, start = scope.chunks[chunk_index]
    if start < 0:
        line, col = (scope.positions or [scope.anchor])[chunk_index]
        return line, col + offset_in_chunk if col > 1 else col
    return doc.position(start + offset_in_chunk)


def replace_match(message: str, match: str) -> str:
    return message.replace("{match}", match)
