"""The ``sections`` kind: required headings, in order, at given levels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypedDict

from ..rule import Fail, Option, finding
from .framework import (
    message_hint,
    register_kind,
)
from .scopes import body_first_line, heading_level, heading_text, top_headings

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Finding
    from ..site import Site


# ------------------------------------------------------------- sections
class _Entry(TypedDict):
    """One entry of ``sections``, its defaults filled in."""

    name: str
    synonyms: list[str]
    levels: list[int]
    optional: bool


def _entries(opts: dict[str, Any]) -> list[_Entry]:
    out: list[_Entry] = []
    for e in opts["sections"]:
        if isinstance(e, str):
            e = {"name": e}
        out.append(
            {
                "name": e["name"],
                "synonyms": list(e.get("synonyms") or []),
                "levels": list(e.get("levels") or opts["levels"]),
                "optional": bool(e.get("optional", False)),
            }
        )
    return out


def _validate_sections(opts: dict[str, Any], fail: Fail) -> None:
    levels = opts["levels"]
    if not levels or not all(isinstance(n, int) and 1 <= n <= 6 for n in levels):
        fail(("levels",), "expected a list of heading levels between 1 and 6")
    if not opts["sections"]:
        fail(("sections",), "list at least one section")
    for i, e in enumerate(opts["sections"]):
        kp = ("sections", i)
        if isinstance(e, str):
            if not e.strip():
                fail(kp, "a section name must not be empty")
            continue
        if not isinstance(e, dict):
            fail(kp, "expected a section name, or a mapping with name, synonyms, levels, optional")
        for key in e:
            if key not in ("name", "synonyms", "levels", "optional"):
                fail(
                    kp + (key,),
                    "unknown field of a section; its fields are: name, synonyms, levels, optional",
                )
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            fail(
                kp + ("name",) if "name" in e else kp, "a section needs a 'name' (its heading text)"
            )
        syn = e.get("synonyms", [])
        if not isinstance(syn, list) or not all(isinstance(s, str) and s.strip() for s in syn):
            fail(
                kp + ("synonyms",),
                "expected a list of other heading texts accepted for this section",
            )
        lv = e.get("levels", levels)
        if (
            not isinstance(lv, list)
            or not lv
            or not all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 6 for n in lv)
        ):
            fail(kp + ("levels",), "expected a list of heading levels between 1 and 6")
        if not isinstance(e.get("optional", False), bool):
            fail(kp + ("optional",), "expected true or false")


def _names(entry: _Entry) -> list[str]:
    return [entry["name"]] + entry["synonyms"]


def _show_names(entry: _Entry) -> str:
    names = _names(entry)
    return f"'{names[0]}'" + (f" (or {', '.join(repr(n) for n in names[1:])})" if names[1:] else "")


def _heading_matches(text: str, entry: _Entry) -> bool:
    low = text.lower()
    for name in _names(entry):
        n = name.lower()
        if low == n or (low.startswith(n) and not low[len(n)].isalnum()):
            return True
    return False


def _check_sections(rid: str, doc: Document, site: Site, opts: dict[str, Any]) -> Iterator[Finding]:
    entries = _entries(opts)
    heads = [(h, heading_text(h)) for h in top_headings(doc)]
    hint = message_hint(opts["message"])
    pos = 0
    matched: list[tuple[_Entry, dict[str, Any]]] = []  # (entry, heading)
    missing: list[tuple[_Entry, int]] = []
    for entry in entries:
        cands = [i for i, (h, t) in enumerate(heads) if _heading_matches(t, entry)]
        after = [i for i in cands if i >= pos]
        good = [i for i in after if heading_level(heads[i][0]) in entry["levels"]]
        if good:
            pos = good[0] + 1
            matched.append((entry, heads[good[0]][0]))
            continue
        if after:
            h = heads[after[0]][0]
            want = " or ".join(str(n) for n in entry["levels"])
            marks = " or ".join("#" * n for n in entry["levels"])
            yield finding(
                doc,
                h["line"],
                1,
                f"the section {_show_names(entry)} is a level {heading_level(h)} heading; make it "
                f"level {want} ({marks}){hint}",
            )
            pos = after[0] + 1
            matched.append((entry, h))
            continue
        if cands and opts["order"]:
            h = heads[cands[-1]][0]
            prev = heading_text(matched[-1][1]) if matched else None
            order = ", ".join(e["name"] for e in entries)
            yield finding(
                doc,
                h["line"],
                1,
                f"the section '{heads[cands[-1]][1]}' comes before '{prev}'; the sections go "
                f"in the order {order}: move it{hint}",
            )
            continue
        if cands:
            continue
        if not entry["optional"]:
            missing.append((entry, len(matched)))
    required = [e for e in entries if not e["optional"]]
    if not matched and len(missing) == len(required) > 1:
        line = min(body_first_line(doc), max(len(doc.lines), 1))
        names = ", ".join(e["name"] for e in required)
        yield finding(
            doc,
            line,
            1,
            f"none of the sections {names} is here: add them as headings "
            f"('{'#' * required[0]['levels'][-1]} {required[0]['name']}', ...){hint}",
        )
        return
    for entry, index in missing:
        if index < len(matched):
            line = matched[index][1]["line"]
            where = f"before '{heading_text(matched[index][1])}'"
        elif matched:
            line = matched[-1][1]["line"]
            where = f"after '{heading_text(matched[-1][1])}'"
        else:
            line = body_first_line(doc)
            line = min(line, max(len(doc.lines), 1))
            where = "to the document"
        level = entry["levels"][-1] if len(entry["levels"]) < 6 else 2
        yield finding(
            doc,
            line,
            1,
            f"missing section {_show_names(entry)}: add a heading "
            f"'{'#' * level} {entry['name']}' {where}{hint}",
        )


register_kind(
    "sections",
    "required headings in order",
    "The document has a heading for each entry of ``sections`` (its ``name`` or one of its "
    "``synonyms``: the heading's text, without leading emoji, numbers or punctuation, is the name "
    "or starts with it followed by a non-letter, ignoring case), at one of its ``levels``, in the "
    "order listed (``order: false`` to accept any order). Entries with ``optional: true`` may be "
    "missing, but when present they are still checked for level and order.",
    {
        "sections": Option(
            list, [], "the sections in order: a name, or {name, synonyms, levels, optional}", object
        ),
        "levels": Option(
            list, [1, 2, 3, 4, 5, 6], "heading levels accepted for every section", int
        ),
        "order": Option(bool, True, "the sections must appear in the order listed"),
    },
    ("sections",),
)(_check_sections)(_validate_sections)
