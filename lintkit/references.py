"""References to the items of numbered tracks in prose: "milestone 4",
"milestones 1-3", "five milestones", "The 10 technical coaching milestones".

The one scanner used by the ``consistency`` rule kind (which reports the
references out of range) and by ``lintkit review`` (which lists them all beside
the tracks). The word is a parameter: ``noun`` (``milestone``; its plural is
``noun + "s"``), taken from the configuration.

``scan(line, noun)`` finds the references in one line of prose;
``in_document(doc, noun)`` in every line of a document outside code;
``in_range(ref, counts, totals)`` judges one against the lengths of the tracks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_DASH = r"\s*(?:-|\u2013|\u2014|to|through)\s*"
_LIST_SEP = r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)"
_SMALL_WORDS = "of|and|or|in|to|for|at|on|by|with|from|than|per"
_QUALIFIER_RE = re.compile(
    r"\s+(?:in\s+(?:(?:each|both|either)(?:\s+(?:of\s+the\s+)?tracks?)?"
    r"|all\s+(?:(?:of\s+)?the\s+)?tracks?)"
    r"|per\s+track|of\s+(?:each|both)\s+tracks?)\b",
    re.I,
)
# ("in all" alone is a total: "the 10 milestones in all")
_EVERY_TRACK_RE = re.compile(r"\b(?:each|both|all|per)\b", re.I)
# "the first 3 milestones": a part of a track, not its length
_PART_RE = re.compile(r"\b(?:first|last|next|previous|these|those)\s+$", re.I)
_CLAUSE_STOP = '.;:!?()[]\u201c\u201d"'


@dataclass(frozen=True)
class Reference:
    start: int  # where the mention starts in the line (a leading "the" included)
    end: int  # where it ends, a qualifier such as "in each track" included
    core: tuple[int, int]  # the number(s) and the noun alone: "milestone 6", "12 milestones"
    text: str  # the mention with up to three words of its clause before it
    kind: str  # "numbers" (milestone 4, milestones 1-3) or "count" (five milestones)
    numbers: list[int]  # the numbers named, or the count
    every_track: bool  # "in each track", "in both tracks", "per track"
    part: bool = False  # "the first 3 milestones": a part of a track, not its length


@lru_cache(maxsize=16)
def _patterns(noun: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    n = re.escape(noun)
    plural = re.escape(noun + "s")
    numbered = re.compile(
        rf"\b{n}s?\s+(?P<first>{_NUM})(?:{_DASH}(?P<last>{_NUM}))?"
        rf"(?P<more>(?:{_LIST_SEP}{_NUM}\b)*)\b",
        re.I,
    )
    count = re.compile(
        rf"\b(?:(?P<the>the)\s+)?(?P<count>{_NUM})\s+(?:(?!(?:{n}s?|{_SMALL_WORDS})\b)"
        rf"[A-Za-z][\w'\u2019-]*\s+){{0,4}}"
        rf"{plural}\b",
        re.I,
    )
    return numbered, count


def number(token: str) -> int:
    token = token.lower()
    return int(token) if token.isdigit() else NUMBER_WORDS[token]


def scan(text: str, noun: str = "milestone") -> list[Reference]:
    """The references to ``noun`` items in one line of prose, in order."""
    numbered_re, count_re = _patterns(noun)
    clean = _unemphasise(text)
    spans: list[tuple[int, int, int, str, list[int]]] = []
    for m in numbered_re.finditer(clean):
        first = number(m.group("first"))
        numbers = [first]
        if m.group("last"):
            last = number(m.group("last"))
            numbers = list(range(first, last + 1)) if first <= last <= first + 50 else [first, last]
        numbers += [number(t) for t in re.findall(_NUM, m.group("more") or "", re.I)]
        spans.append((m.start(), m.start(), m.end(), "numbers", numbers))
    taken = list(spans)
    for m in count_re.finditer(clean):
        start = m.start("count") if not m.group("the") else m.start()
        if any(a < m.end() and start < b for a, _, b, _, _ in taken):
            continue
        spans.append((start, m.start("count"), m.end(), "count", [number(m.group("count"))]))
    spans.sort()
    found: list[Reference] = []
    floor = 0
    for start, core, end, kind, numbers in spans:
        ref = _reference(clean, start, core, end, kind, numbers, floor)
        floor = ref.end
        found.append(ref)
    return found


def _unemphasise(text: str) -> str:
    """Emphasis markers to spaces (same length): ``ten **Skill Milestones**``."""
    text = text.replace("*", " ")
    return re.sub(r"(?<![\w])_+|_+(?![\w])", lambda m: " " * len(m.group()), text)


def _reference(
    text: str, start: int, core: int, end: int, kind: str, numbers: list[int], floor: int
) -> Reference:
    core_end = end
    q = _QUALIFIER_RE.match(text, end)
    if q:
        end = q.end()
    every = bool(q and _EVERY_TRACK_RE.search(q.group()))
    clause = max([floor] + [text.rfind(c, 0, start) + 1 for c in _CLAUSE_STOP])
    lead = [w for w in text[clause:start].split() if any(c.isalnum() for c in w)][-3:]
    shown = " ".join(lead + text[start:end].split()).strip(",")
    part = kind == "count" and bool(_PART_RE.search(text[:core]))
    return Reference(start, end, (core, core_end), shown, kind, numbers, every, part)


def in_document(doc: Any, noun: str = "milestone") -> list[tuple[int, int, Reference]]:
    """(line, column, reference) for every reference in ``doc`` outside code
    blocks, code spans, Liquid and HTML comments (the document's masked text);
    the column is where the reference's number and noun start."""
    out: list[tuple[int, int, Reference]] = []
    probe = noun[1:].lower()
    for index, line in enumerate(doc.masked.split("\n"), 1):
        if probe not in line.lower() or doc.in_code(index):
            continue
        for ref in scan(line, noun):
            out.append((index, ref.core[0] + 1, ref))
    return out


def in_range(ref: Reference, counts: list[int], totals: bool = True) -> bool:
    """Does ``ref`` fit tracks of these lengths? A number must exist in its
    track (in every track with "in each track"); a count must be the length
    of the tracks (all of the same length), their total (with ``totals``),
    or, for "the first N", at most the length."""
    if not counts:
        return True
    smallest, largest, total = min(counts), max(counts), sum(counts)
    if ref.kind == "numbers":
        top = smallest if ref.every_track else largest
        return all(1 <= n <= top for n in ref.numbers)
    n = ref.numbers[0]
    if ref.every_track:
        return all(c == n for c in counts)
    if ref.part:
        return n <= largest
    return (n == largest and len(set(counts)) == 1) or (totals and n == total)
