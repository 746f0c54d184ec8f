"""The ``list`` kind: an ordered list whose items follow a shape; the built-in
milestone rules are this kind (``MILESTONE_LIST``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..lists import (
    MILESTONE_OPTIONS,
    MILESTONES,
    Run,
    Shape,
    doc_runs,
    is_milestone_run,
    item_findings,
    numbering_findings,
)
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


_SHAPE = Shape()  # the kind's defaults


def selected_runs(doc: Document, opts: dict[str, Any]) -> list[Run]:
    runs = doc_runs(doc)
    if opts["scope"].strip() != "body":
        ranges = resolve_scope(doc, opts["scope"]).ranges
        runs = [r for r in runs if any(a <= r.items[0].line <= b for a, b in ranges)]
    if opts["select"] == "most-bold":
        return [r for r in runs if is_milestone_run(r, opts["min-items"])]
    return [r for r in runs if len(r.items) >= opts["min-items"]]


def _check_list(rid: str, doc: Document, site: Site, opts: dict[str, Any]) -> Iterator[Finding]:
    shape = Shape(
        opts["noun"], opts["numbering"], opts["title"], opts["description"], opts["unique-titles"]
    )
    runs = selected_runs(doc, opts)
    hint = message_hint(opts["message"])
    if not runs and opts["required"]:
        line, _ = resolve_scope(doc, opts["scope"]).anchor
        yield finding(
            doc,
            line,
            1,
            f"no list of {shape.plural} here: write them as an ordered list (1. 2. 3.) of at "
            f"least {opts['min-items']} items{hint}",
        )
    yield from numbering_findings(doc, runs, shape, rid, hint)
    yield from item_findings(doc, runs, shape, hint)


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
        "numbering": Option(str, _SHAPE.numbering, "from-1, consecutive or any"),
        "title": Option(str, _SHAPE.title, "bold-sentence, bold or none"),
        "description": Option(
            bool, _SHAPE.description, "each item has a description after its title"
        ),
        "unique-titles": Option(
            bool, _SHAPE.unique_titles, "no two items of a list have the same title"
        ),
        "required": Option(bool, False, "the scope must contain such a list"),
        "noun": Option(str, _SHAPE.noun, "the word for one item in messages (e.g. milestone)"),
    },
    (),
)(_check_list)(_validate_list)

#: The built-in milestone rules as one declarative ``list`` rule (documentation and tests),
#: from the same shape (``MILESTONES``) and options the two rules use.
MILESTONE_LIST = {
    "id": "milestone-list",
    "kind": "list",
    "paths": ["**"],
    "select": "most-bold",
    "min-items": MILESTONE_OPTIONS["min-items"].default,
    **MILESTONES.options(),
}
