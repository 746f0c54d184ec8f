"""The ``durations`` kind: the time boxes of a list add up to a bound."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import userregex
from ..rule import Fail, Option, finding
from .framework import (
    check_regex,
    compile_regex,
    message_hint,
    register_kind,
    validate_scope,
)
from .scopes import heading_level, resolve_scope, top_headings

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Finding
    from ..site import Site

# ------------------------------------------------------------- durations
DEFAULT_TIMEBOX = r"(?<![\w.])(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s*(?:minutes?|mins?|m)\b"


def _validate_durations(opts: dict[str, Any], fail: Fail) -> None:
    word = opts["scope"].strip().partition(" ")[0]
    if word not in ("body", "section"):
        fail(
            ("scope",),
            f"time boxes are looked for in 'body' or 'section NAME', not '{opts['scope']}'",
        )
    validate_scope(opts["scope"], fail)
    check_regex(opts["pattern"], ("pattern",), fail)
    if re.compile(opts["pattern"]).groups < 1:
        fail(
            ("pattern",), "the pattern needs a group that captures the minutes, like (\\d+)\\s*min"
        )
    if opts["max"] < opts["min"]:
        fail(("max",), f"max ({opts['max']}) is smaller than min ({opts['min']})")


def _check_durations(
    rid: str, doc: Document, site: Site, opts: dict[str, Any]
) -> Iterator[Finding]:
    scope = resolve_scope(doc, opts["scope"], direct=True)
    hint = message_hint(opts["message"])
    regex = compile_regex(opts["pattern"], re.I)
    boxes: list[int] = []
    ranges = scope.ranges if scope.found else []
    line, _ = scope.anchor
    for tok in doc.tokens:
        if tok["type"] == "list" and any(a <= tok["line"] <= b for a, b in ranges):
            boxes.extend(b for b in _timeboxes(doc, tok, regex) if b is not None)
    if not boxes and opts["anywhere"]:
        for tok in doc.tokens:
            found = _timeboxes(doc, tok, regex) if tok["type"] == "list" else []
            if len(found) >= 2 and None not in found:
                boxes, line = [b for b in found if b is not None], tok["line"]
                break
    if not boxes and opts["anywhere"]:
        timed = [(h, regex.search(h.get("text", ""))) for h in top_headings(doc)]
        timed = [(h, m) for h, m in timed if m and m.group(1) and m.group(1).isdigit()]
        if len(timed) >= 2:
            top = min(heading_level(h) for h, _ in timed)
            boxes = [int(m.group(1)) for h, m in timed if heading_level(h) == top]
            line = next(h["line"] for h, _ in timed if heading_level(h) == top)
    if not boxes:
        if opts["required"]:
            line, _ = scope.anchor
            where = "section" if opts["scope"].startswith("section") else "list"
            what = opts["scope"].partition(" ")[2] or "the body"
            yield finding(
                doc,
                line,
                1,
                f"no time boxes found: add a {where} '{what.split('|')[0]}' that lists "
                f"each part with its minutes, like '* 10 min connect: ...'{hint}",
            )
        return
    total = sum(boxes)
    parts = " + ".join(str(b) for b in boxes)
    if total > opts["max"]:
        yield finding(
            doc,
            line,
            1,
            f"the time boxes add up to {total} minutes ({parts}), more than {opts['max']}: "
            f"shorten them{hint}",
        )
    elif total < opts["min"]:
        yield finding(
            doc,
            line,
            1,
            f"the time boxes add up to {total} minutes ({parts}), less than {opts['min']}: "
            f"fill the time{hint}",
        )


def _timeboxes(doc: Document, lst: dict[str, Any], regex: userregex.Pattern) -> list[int | None]:
    """Minutes of each top-level item of a list (None: no time box)."""
    out: list[int | None] = []
    for item in lst.get("children", []):
        if item["type"] == "list_item":
            m = regex.search(doc.line_text(item.get("line", 0)))
            out.append(int(m.group(1)) if m and m.group(1) and m.group(1).isdigit() else None)
    return out


register_kind(
    "durations",
    "time boxes of a list add up within limits",
    "The top-level items of the lists in ``scope`` (by default the section 'Session Outline') "
    "are time boxes: the first match of ``pattern`` in an item's first line gives its minutes "
    "(group 1; for a range like '35 to 39 min' the lower bound counts). Their sum must be at "
    "most ``max`` and at least ``min``. Items without a time are not counted. With "
    "``anywhere: true``, a document whose scope has no time box is judged by its first list "
    "whose items all have one (an outline under another heading, or none), else by the time "
    "boxes in its headings (``## Connect (10 min)``; those of the highest level). With "
    "``required: true``, a document without any time box gets a finding.",
    {
        "scope": Option(
            str,
            "section Session Outline|Outline|Agenda",
            "where the time boxes are: body or section NAME",
        ),
        "pattern": Option(
            str, DEFAULT_TIMEBOX, "regular expression for one time box; group 1 = minutes"
        ),
        "max": Option(int, 60, "the most minutes the time boxes may add up to"),
        "min": Option(int, 0, "the fewest minutes the time boxes may add up to"),
        "required": Option(bool, False, "a document must have time boxes"),
        "anywhere": Option(
            bool,
            False,
            "when the scope has none, use the first list of two or more "
            "items that all have a time box, else the headings that have one",
        ),
    },
    (),
)(_check_durations)(_validate_durations)
