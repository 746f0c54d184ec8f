"""Ordered lists as written in the source: item numbers, lists split by a
stray paragraph, and which lists are milestone lists.

CommonMark keeps only a list's first number; lintkit reads every item's number
from its marker line, since that is what a reader of the source sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import markdown
from .findings import Finding
from .fix import SAFE, UNSAFE, Edit, Fix
from .globs import match_any
from .rule import Option, finding

if TYPE_CHECKING:
    from .document import Document

# The pages whose ordered lists are milestone tracks, unless configured otherwise.
MILESTONE_PATHS = ["**/*_milestones.md"]
MILESTONE_PATHS_DOC = (
    "globs of the milestone pages, whose ordered lists are milestone tracks; a page whose "
    "front matter says 'milestones: true' is one too, and 'milestones: false' opts a page out"
)

# The options of the milestone rules (milestone-numbering, milestone-structure):
# one definition, so the two rules find the same milestone lists.
MILESTONE_OPTIONS = {
    "paths": Option(list, MILESTONE_PATHS, MILESTONE_PATHS_DOC, kind="glob"),
    "min-items": Option(
        int, 3, "how many items an ordered list needs to count as a milestone list"
    ),
}


def milestone_page(doc: Document, paths: list[str]) -> bool:
    """Is ``doc`` a milestone page: its front matter says ``milestones: true``,
    or its path matches ``paths`` (unless it says ``milestones: false``)."""
    flag = doc.data.get("milestones") if doc.readable else None
    if isinstance(flag, bool):
        return flag
    return match_any(paths, doc.rel)


_MARKER_RE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:[*+-][ \t]+)*(\d{1,9})[.)]")
# A bold title: bold text that is the whole first line of the item.
_BOLD_RE = re.compile(r"^(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1[.:]?[ \t]*(?:\n|$)")


@dataclass
class Item:
    token: dict[str, Any]
    line: int
    number: int | None

    @property
    def first_block(self) -> dict[str, Any] | None:
        children: list[dict[str, Any]] = self.token.get("children", [])
        for child in children:
            if child["type"] != "blank_line":
                return child
        return None

    @property
    def bold_title(self) -> str | None:
        block = self.first_block
        if not block or block["type"] not in ("paragraph", "block_text"):
            return None
        m = _BOLD_RE.match(block.get("text", "").lstrip())
        return m.group(2).strip() if m else None


@dataclass
class Run:
    """Ordered lists of one container that read as one list: later lists
    continue the numbering of the earlier ones after a block between them."""

    lists: list[dict[str, Any]]
    items: list[Item]
    splits: list[int] = field(default_factory=list)  # index of the first item of each later list
    between: list[dict[str, Any]] = field(default_factory=list)  # the block that split each


def item_number(lines: list[str], line: int) -> int | None:
    if 1 <= line <= len(lines):
        m = _MARKER_RE.match(lines[line - 1])
        if m:
            return int(m.group(1))
    return None


def _items(lst: dict[str, Any], lines: list[str]) -> list[Item]:
    return [
        Item(it, it.get("line", 0), item_number(lines, it.get("line", 0)))
        for it in lst.get("children", [])
        if it["type"] == "list_item"
    ]


def ordered_runs(tokens: list[dict[str, Any]], lines: list[str]) -> list[Run]:
    """Every run of ordered lists, in every container of the document."""
    runs: list[Run] = []
    containers = [tokens]
    for tok in markdown.walk(tokens):
        if tok.get("children") and tok["type"] in ("list_item", "block_quote"):
            containers.append(tok["children"])
    for children in containers:
        current: Run | None = None
        gap: list[dict[str, Any]] = []
        for tok in children:
            if tok["type"] == "blank_line":
                continue
            if tok["type"] == "list" and tok.get("attrs", {}).get("ordered"):
                items = _items(tok, lines)
                if not items:
                    continue
                if (
                    current is not None
                    and len(gap) == 1
                    and items[0].number is not None
                    and current.items[-1].number is not None
                    and items[0].number == current.items[-1].number + 1
                    and items[0].number != 1
                ):
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


def doc_runs(doc: Document) -> list[Run]:
    """``ordered_runs`` of a document, computed once and shared by the rules."""
    runs = doc.memo.get("ordered_runs")
    if runs is None:
        runs = doc.memo["ordered_runs"] = (
            ordered_runs(doc.tokens, doc.lines) if _has_ordered(doc) else []
        )
    return runs


def _has_ordered(doc: Document) -> bool:
    return any(t["type"] == "list" and t.get("attrs", {}).get("ordered") for t in doc.all_tokens)


def milestone_runs(doc: Document, min_items: int = 3) -> list[Run]:
    return [r for r in doc_runs(doc) if is_milestone_run(r, min_items)]


def milestone_lists(doc: Document, options: dict[str, Any]) -> list[Run]:
    """The milestone lists of ``doc`` under the milestone rules' options
    (``MILESTONE_OPTIONS``): none on a page that is not a milestone page."""
    if not milestone_page(doc, options["paths"]):
        return []
    return milestone_runs(doc, options["min-items"])


# --------------------------------------------------------------- shapes
# Shared by the milestone rules and the declarative ``list`` kind, which
# generalises them (the milestone rules are that kind with noun "milestone").
_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+[A-Z]")
_BOLD_PREFIX_RE = re.compile(r"(\*\*|__).+?\1", re.S)


# ---------------------------------------------------------------- fixes
_MARKER_INDENT_RE = re.compile(r"^[ \t]*\d{1,9}[.)]( {1,4})(?=\S)")


def renumber_edits(doc: Document, items: list[Item], numbers: list[int]) -> tuple[list[Edit], bool]:
    """Edits giving ``items[i]`` the source number ``numbers[i]``, and whether
    they are safe: a marker that grows wider (``9.`` -> ``10.``) moves the
    item's content column, which can push an indented paragraph out of the
    item, so renumbering such a list is a guess unless every item is one line."""
    edits: list[Edit] = []
    wider = False
    for item, number in zip(items, numbers):
        if item.number == number or item.number is None:
            continue
        m = _MARKER_RE.match(doc.line_text(item.line))
        if not m:
            continue
        at = doc.offset(item.line, 1) + m.start(1)
        edits.append(doc.edit(at, at + len(m.group(1)), str(number)))
        wider = wider or len(str(number)) > len(m.group(1))
    safe = not wider or all(_one_line(it) for it in items)
    return edits, safe


def _one_line(item: Item) -> bool:
    blocks = [c for c in item.token.get("children", []) if c["type"] != "blank_line"]
    return len(blocks) <= 1 and all(
        b["type"] in ("paragraph", "block_text") and markdown.text_lines(b) <= 1 for b in blocks
    )


def indent_edits(doc: Document, run: Run) -> list[Edit]:
    """Edits indenting each paragraph that splits ``run`` under the item
    before it, so the list reads as one list again."""
    edits: list[Edit] = []
    for split, block in zip(run.splits, run.between):
        if block["type"] != "paragraph":
            continue
        m = _MARKER_INDENT_RE.match(doc.line_text(run.items[split - 1].line))
        if not m:
            continue
        pad = " " * m.end()
        first = block["line"]
        for line in range(first, first + markdown.text_lines(block)):
            if doc.line_text(line).strip():
                at = doc.offset(line, 1)
                edits.append(doc.edit(at, at, pad))
    return edits


def numbering_fix(
    doc: Document, run: Run, noun: str, plural: str, expected: list[int]
) -> Fix | None:
    """One fix for a run: renumber its items ``expected`` and indent the
    paragraphs that split it."""
    edits, safe = renumber_edits(doc, run.items, expected)
    indents = indent_edits(doc, run)
    if not edits and not indents:
        return None
    if indents and edits:
        title = f"indent the paragraph that splits the {noun} list and renumber the {plural}"
    elif indents:
        title = f"indent the paragraph that splits the {noun} list into the {noun} before it"
    else:
        title = f"renumber the {plural} {expected[0]} to {expected[-1]}"
    return Fix(title, tuple(edits + indents), SAFE if safe else UNSAFE)


def title_period_fix(doc: Document, item: Item, noun: str, n: int) -> Fix | None:
    """Add the missing period at the end of a bold title, or None when the
    title has one or ends with other punctuation (then it needs a person)."""
    title = item.bold_title
    block = item.first_block
    if title is None or block is None or title.endswith("."):
        return None
    if not (title[-1].isalnum() or title[-1] in ")]\"'`’”"):
        return None
    line = block.get("line", 0)
    for m in re.finditer(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", doc.line_text(line)):
        if m.group(2).strip() == title:
            if m.string[m.end() : m.end() + 1] == ".":
                return None
            at = doc.offset(line, 1) + m.end(2)
            return Fix(f"end the title of {noun} {n} with a period", (doc.edit(at, at, "."),))
    return None


def numbering_problem(
    doc: Document, run: Run, rid: str, noun: str, plural: str, from_one: bool
) -> Finding | None:
    expected = 1 if from_one else (run.items[0].number or 1)
    start = expected
    fix = numbering_fix(doc, run, noun, plural, list(range(start, start + len(run.items))))
    for index, item in enumerate(run.items):
        if index in run.splits:
            block = run.between[run.splits.index(index)]
            name = block_name(block)
            return Finding(
                doc.display,
                item.line,
                1,
                rid,
                f"the {noun} list is split in two by the {name} at line {block.get('line')}, so "
                f"the site shows a second list starting at {item.number}: indent that {name} by "
                f"three spaces to keep it in {noun} {expected - 1}, or move it after the list",
                fix=fix,
            )
        if item.number != expected:
            pos = expected - start + 1
            if item.number is not None and index and item.number == run.items[index - 1].number:
                what = f"{noun} {pos} repeats the number {item.number}"
            elif item.number == 1 and index:
                what = f"{noun} {pos} restarts the numbering at 1"
            else:
                what = f"{noun} {pos} is numbered {item.number}"
            seq = ", ".join(str(start + i) for i in range(3))
            return Finding(
                doc.display,
                item.line,
                1,
                rid,
                f"{what}; number the {plural} {seq}, ... in order",
                fix=fix,
            )
        expected += 1
    return None


def block_name(block: dict[str, Any]) -> str:
    kind: str = block["type"]
    return {
        "paragraph": "paragraph",
        "heading": "heading",
        "block_code": "code block",
        "block_html": "HTML block",
        "block_quote": "block quote",
        "thematic_break": "horizontal rule",
    }.get(kind, kind.replace("_", " "))


def item_problem(
    item: Item, n: int, noun: str, title_style: str = "bold-sentence", description: bool = True
) -> str | None:
    """What is wrong with the shape of list item ``n`` (1-based), or None."""
    if title_style == "none":
        if description and item.first_block is None:
            return f"{noun} {n} is empty: describe the {noun}"
        return None
    title = item.bold_title
    if title is None:
        return f"{noun} {n} has no bold title: start the item with **A one-sentence title.**"
    block = item.first_block
    assert block is not None  # the bold title is in it
    text = block.get("text", "").lstrip()
    m = _BOLD_PREFIX_RE.match(text)
    after = text[m.end() :] if m else ""
    if title_style == "bold-sentence":
        if not (title.endswith(".") or after.startswith(".")):
            return f"{noun} {n}'s title does not end with a period: write **{title}.**"
        if _SENTENCE_BREAK_RE.search(title.rstrip(".")):
            return (
                f"{noun} {n}'s title is more than one sentence; keep the title to one "
                "sentence and move the rest into the description"
            )
    if not description:
        return None
    rest = after[1:] if after.startswith(".") else after
    if rest.strip():
        return None
    if any(
        child["type"] != "blank_line" and child is not block
        for child in item.token.get("children", [])
    ):
        return None
    return (
        f"{noun} {n} has a title but no description: add a paragraph describing "
        f"the {noun} on the line after the title"
    )


# ----------------------------------------------------------- list shapes
@dataclass(frozen=True)
class Shape:
    """What the lists of a rule must look like: the one model behind the
    milestone rules (``MILESTONES``) and the declarative ``list`` kind, whose
    options are these fields (``unique-titles`` for ``unique_titles``)."""

    noun: str = "item"  # the word for one item in messages
    numbering: str = "from-1"  # from-1, consecutive or any
    title: str = "bold-sentence"  # bold-sentence, bold or none
    description: bool = True  # each item has a description after its title
    unique_titles: bool = True  # no two items of a list have the same title

    @property
    def plural(self) -> str:
        return self.noun + "s"

    def options(self) -> dict[str, Any]:
        """The shape as options of the ``list`` kind."""
        return {
            "numbering": self.numbering,
            "title": self.title,
            "description": self.description,
            "unique-titles": self.unique_titles,
            "noun": self.noun,
        }


# The milestone lists: the list kind's shape with the noun "milestone".
MILESTONES = Shape(noun="milestone")


def numbering_findings(
    doc: Document, runs: list[Run], shape: Shape, rid: str = "", hint: str = ""
) -> Iterator[Finding]:
    """One finding per list whose source numbers break ``shape.numbering``."""
    if shape.numbering == "any":
        return
    for run in runs:
        found = numbering_problem(
            doc, run, rid, shape.noun, shape.plural, shape.numbering == "from-1"
        )
        if found:
            yield found.with_(message=found.message + hint) if hint else found


def item_findings(
    doc: Document, runs: list[Run], shape: Shape, hint: str = "", fixes: bool = False
) -> Iterator[Finding]:
    """A finding for each item whose shape is wrong (title, description) and
    for each title repeated in its list; ``fixes``: with the title period fix."""
    noun = shape.noun
    for run in runs:
        titles: dict[str, int] = {}
        for n, item in enumerate(run.items, 1):
            problem = item_problem(item, n, noun, shape.title, shape.description)
            if problem:
                fix = title_period_fix(doc, item, noun, n) if fixes else None
                yield finding(doc, item.line, 1, problem + hint, fix=fix)
                continue
            if shape.unique_titles and item.bold_title:
                key = " ".join(item.bold_title.lower().split())
                if key in titles:
                    yield finding(
                        doc,
                        item.line,
                        1,
                        f"{noun} {n} has the same title as {noun} {titles[key]}; "
                        f"give each {noun} its own title{hint}",
                    )
                else:
                    titles[key] = n
