"""The ``consistency`` kind: the lists of a group have the same length, and
references to their items elsewhere stay within it (``lintkit.references``).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import references
from ..globs import match_any
from ..rule import Fail, Option, finding
from .framework import (
    message_hint,
    register_kind,
)
from .lists import LIST_FIELDS, selected_runs, validate_list_select

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Finding
    from ..site import Site


# ----------------------------------------------------------- consistency
def _validate_consistency(opts: dict[str, Any], fail: Fail) -> None:
    validate_list_select(opts, fail)
    if not opts["group"]:
        fail(("group",), "list the globs of the documents whose lists must have the same length")
    if not re.match(r"^[A-Za-z][A-Za-z -]*$", opts["noun"]):
        fail(("noun",), "expected a word, like milestone")


def _check_consistency(
    rid: str, docs: dict[str, Document], site: Site, opts: dict[str, Any]
) -> Iterator[Finding]:
    """``docs``: the checked documents of this site, rel -> Document."""
    noun = opts["noun"]
    plural = noun + "s"
    hint = message_hint(opts["message"])
    group = sorted(rel for rel in _site_markdown(site) if match_any(opts["group"], rel))
    group = sorted(set(group) | {rel for rel in docs if match_any(opts["group"], rel)})
    if not group:
        return
    counts: dict[str, tuple[int, int]] = {}  # rel -> (count, line of first item)
    for rel in group:
        doc = docs.get(rel) or _load(site, rel)
        if doc is None or not doc.readable:
            continue
        runs = selected_runs(doc, opts)
        if not runs:
            if rel in docs:
                yield finding(
                    doc,
                    1,
                    1,
                    f"this document belongs to the group {', '.join(opts['group'])} but has "
                    f"no list of {plural}; the group's documents each list their {plural}{hint}",
                )
            continue
        counts[rel] = (len(runs[0].items), runs[0].items[0].line)
    if not counts:
        return
    tally = Counter(c for c, _ in counts.values())
    best = max(tally.values())
    leaders = sorted(c for c, n in tally.items() if n == best)
    expected = leaders[-1]
    if len(leaders) > 1:  # no majority: every list is suspect
        table = ", ".join(f"{r}: {c}" for r, (c, _) in sorted(counts.items()))
        for rel, (_count, line) in sorted(counts.items()):
            if rel in docs:
                yield finding(
                    docs[rel],
                    line,
                    1,
                    f"the lists of this group have different numbers of {plural} ({table}); "
                    f"every document of the group must have the same number{hint}",
                )
    for rel, (count, line) in sorted(counts.items()):
        if len(leaders) == 1 and count != expected and rel in docs:
            others = ", ".join(r for r, (c, _) in sorted(counts.items()) if c == expected)
            yield finding(
                docs[rel],
                line,
                1,
                f"this list has {count} {plural}, but {others} "
                f"{'has' if others.count(',') == 0 else 'have'} {expected}; every document "
                f"of the group must have the same number of {plural}{hint}",
            )
    # references are judged against the expected length in every list (a list
    # of another length has its own finding above)
    yield from _references(rid, docs, opts, noun, plural, expected, [expected] * len(counts), hint)


def _references(
    rid: str,
    docs: dict[str, Document],
    opts: dict[str, Any],
    noun: str,
    plural: str,
    expected: int,
    counts: list[int],
    hint: str,
) -> Iterator[Finding]:
    """Findings for the references (``lintkit.references``) out of range."""
    total, tracks = sum(counts), len(counts)
    for rel in sorted(docs):
        if not match_any(opts["references"], rel):
            continue
        doc = docs[rel]
        if not doc.readable:
            continue
        for line, col, ref in references.in_document(doc, noun):
            if references.in_range(ref, counts, opts["totals"]):
                continue
            a, b = ref.core
            said = doc.masked.split("\n")[line - 1][a:b].strip()
            if ref.kind == "numbers":
                bad = [x for x in ref.numbers if not 1 <= x <= expected] or ref.numbers
                yield finding(
                    doc,
                    line,
                    col,
                    f"'{said}' refers to {noun} {bad[0]}, but each list of "
                    f"{plural} has {expected}: correct the number{hint}",
                )
                continue
            want = f"{expected}" + (
                f" (or {total} in all {tracks} lists)" if opts["totals"] and tracks > 1 else ""
            )
            yield finding(
                doc,
                line,
                col,
                f"'{said}' says {ref.numbers[0]} {plural}, but each list of {plural} "
                f"has {want}: correct the number{hint}",
            )


def _site_markdown(site: Site) -> list[str]:
    return [
        rel
        for rel in site.files
        if posixpath.splitext(rel)[1].lower() in site.markdown_exts and not site.excluded(rel)
    ]


def _load(site: Site, rel: str) -> Document:
    cache: dict[str, Document] = site.memo.setdefault("declarative.documents", {})
    if rel not in cache:
        from ..document import Document

        cache[rel] = Document.load(site.abspath(rel), rel, rel)
    return cache[rel]


register_kind(
    "consistency",
    "lists of a group have the same length, and references stay within it",
    "A site rule, run once after the documents. The documents matching ``group`` each have a "
    "list (found as by the list kind: ``scope``, ``select``, ``min-items``); all these lists "
    "must have the same number of items: a document whose list differs from the most common "
    "length gets a finding. Then, in the documents matching ``references``, every "
    "'NOUN N', 'NOUNs N-M', 'NOUNs N and M' must name a number from 1 to that length, and every "
    "'N NOUNs' / 'five ... NOUNs' (up to four words between) must say that length (or, with "
    "``totals``, the length times the number of lists, as in 'the 10 milestones' of two tracks "
    "of five). 'the first N NOUNs' may say fewer.",
    {
        **LIST_FIELDS,
        "group": Option(
            list, [], "globs of the documents whose lists must have the same length", kind="glob"
        ),
        "references": Option(
            list, ["**"], "globs of the documents whose references are checked", kind="glob"
        ),
        "noun": Option(
            str, "item", "the word for one item (e.g. milestone); 'NOUNs' is its plural"
        ),
        "totals": Option(
            bool, True, "'N NOUNs' may also give the total over all lists of the group"
        ),
    },
    ("group",),
    scope="site",
)(_check_consistency)(_validate_consistency)
