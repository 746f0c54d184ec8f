"""The ``list`` kind: an ordered list whose items follow a shape; the built-in
milestone rules are this kind (``MILESTONE_LIST``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..lists import Run, is_milestone_run, item_problem, numbering_problem, ordered_runs
from ..rule import Fail, Option, finding
from .framework import (
    message_hint,
    register_kind,
    validate_scope,
)
from .scopes import resolve_scope

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Finding
    from ..site import Site

# ----------------------------------------------------------------- lists
LIST_FIELDS = {
    "scope": Option(str, "body", "where the list is: body or section NAME"),
    "select": Option(
        str,
        "most-bold",
        "which ordered lists: most-bold (most items start with a bold "
        "title, like milestone lists) or all",
    ),
    "min-items": Option(int, 3, "ordered lists with fewer items are ignored"),
}


def validate_list_select(opts: dict[str, Any], fail: Fail) -> None:
    scope = opts["scope"]
    word = scope.strip().partition(" ")[0]
    if word not in ("body", "section"):
        fail(("scope",), f"a list is looked for in 'body' or 'section NAME', not '{scope}'")
    validate_scope(scope, fail)
    if opts["select"] not in ("most-bold", "all"):
        fail(("select",), f"expected most-bold or all, got {opts['select']!r}")
    if opts["min-items"] < 1:
        fail(("min-items",), "expected a number of items of 1 or more")


def _validate_list(opts: dict[str, Any], fail: Fail) -> None:
    validate_list_select(opts, fail)
    if opts["numbering"] not in ("from-1", "consecutive", "any"):
        fail(("numbering",), f"expected from-1, consecutive or any, got {opts['numbering']!r}")
    if opts["title"] not in ("bold-sentence", "bold", "none"):
        fail(("title",), f"expected bold-sentence, bold or none, got {opts['title']!r}")
    if not opts["noun"].strip():
        fail(("noun",), "expected the word for one item, like milestone")


def selected_runs(doc: Document, opts: dict[str, Any]) -> list[Run]:
    runs = ordered_runs(doc.tokens, doc.lines)
    if opts["scope"].strip() != "body":
        ranges = resolve_scope(doc, opts["scope"]).ranges
        runs = [r for r in runs if any(a <= r.items[0].line <= b for a, b in ranges)]
    if opts["select"] == "most-bold":
        return [r for r in runs if is_milestone_run(r, opts["min-items"])]
    return [r for r in runs if len(r.items) >= opts["min-items"]]


def _check_list(rid: str, doc: Document, site: Site, opts: dict[str, Any]) -> Iterator[Finding]:
    noun = opts["noun"]
    plural = noun + "s"
    runs = selected_runs(doc, opts)
    hint = message_hint(opts["message"])
    if not runs and opts["required"]:
        line, _ = resolve_scope(doc, opts["scope"]).anchor
        yield finding(
            doc,
            line,
            1,
            f"no list of {plural} here: write them as an ordered list (1. 2. 3.) of at "
            f"least {opts['min-items']} items{hint}",
        )
    for run in runs:
        if opts["numbering"] != "any":
            f = numbering_problem(doc, run, rid, noun, plural, opts["numbering"] == "from-1")
            if f:
                yield f.with_(message=f.message + hint)
        titles: dict[str, int] = {}
        for n, item in enumerate(run.items, 1):
            problem = item_problem(item, n, noun, opts["title"], opts["description"])
            if problem:
                yield finding(doc, item.line, 1, problem + hint)
                continue
            if opts["unique-titles"] and item.bold_title:
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


register_kind(
    "list",
    "ordered lists of a given shape",
    "Every ordered list in ``scope`` with at least ``min-items`` items (with ``select: "
    "most-bold``, only those most of whose items start with a bold title) follows a shape: "
    "``numbering`` (from-1: the source numbers are 1, 2, 3, ... in one list, not split by an "
    "unindented paragraph; consecutive: from any first number; any), ``title`` (bold-sentence: "
    "each item starts with a bold title that is one sentence ending with a period; bold; none), "
    "``description`` (text after the title in the same item) and ``unique-titles``. "
    "``required: true`` reports a document without such a list. ``noun`` names the items in "
    "messages. The built-in rules milestone-numbering and milestone-structure are this kind "
    "with noun milestone, select most-bold, min-items 3, numbering from-1, title bold-sentence, "
    "description and unique-titles true.",
    {
        **LIST_FIELDS,
        "numbering": Option(str, "from-1", "from-1, consecutive or any"),
        "title": Option(str, "bold-sentence", "bold-sentence, bold or none"),
        "description": Option(bool, True, "each item has a description after its title"),
        "unique-titles": Option(bool, True, "no two items of a list have the same title"),
        "required": Option(bool, False, "the scope must contain such a list"),
        "noun": Option(str, "item", "the word for one item in messages (e.g. milestone)"),
    },
    (),
)(_check_list)(_validate_list)

#: The built-in milestone rules as one declarative ``list`` rule (documentation and tests).
MILESTONE_LIST = {
    "id": "milestone-list",
    "kind": "list",
    "paths": ["**"],
    "select": "most-bold",
    "min-items": 3,
    "numbering": "from-1",
    "title": "bold-sentence",
    "description": True,
    "unique-titles": True,
    "noun": "milestone",
}
