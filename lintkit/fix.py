"""Fixes as data, and the one function that applies them to bytes.

A leaf module: imports nothing from lintkit, knows nothing of files, rules or
the command line, so an editor integration can offer each ``Fix`` as a code
action and apply it with the same ``apply``.

A ``Fix`` is a short title ("renumber milestone 4 as 3"), a safety level and
one or more ``Edit``: a byte span of the file as it was read (BOM, CRLF and
all) and the text that replaces it, already written with the file's own line
endings. A fix is all or nothing: its edits are applied together or not at all.

- ``safe``: the meaning is unchanged (a renumbered list, restored braces);
  ``lintkit check --fix`` applies it.
- ``unsafe``: a guess (the closest of several ids, removing text); applied
  only with ``--unsafe-fixes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SAFE = "safe"
UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Edit:
    start: int  # byte offset in the original file, 0-based
    end: int  # byte offset just past the replaced bytes (== start: an insertion)
    text: str  # the replacement, with the file's line endings

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Fix:
    title: str  # what the fix does, in a few words: "renumber milestone 4 as 3"
    edits: tuple[Edit, ...]  # applied together, never partly
    safety: str = SAFE  # SAFE or UNSAFE

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "safety": self.safety,
            "edits": [e.to_dict() for e in self.edits],
        }

    @property
    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)


@dataclass
class Applied:
    data: bytes  # the bytes after the applied fixes
    applied: list[Fix] = field(default_factory=list)  # fixes applied (duplicates counted once)
    duplicates: list[Fix] = field(default_factory=list)  # same edits as an applied fix
    skipped: list[Fix] = field(default_factory=list)  # overlapping an applied fix: not applied
    invalid: list[Fix] = field(default_factory=list)  # edits outside the data or crossing


def overlaps(a: Edit, b: Edit) -> bool:
    """Two edits touch the same bytes, or insert at the same place (whose
    order would be a guess). An insertion at either end of a replaced span
    does not overlap it."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    return a.start < b.end and b.start < a.end


def _valid(fix: Fix, size: int) -> bool:
    edits = sorted(fix.edits)
    if not edits:
        return False
    if any(not (0 <= e.start <= e.end <= size) for e in edits):
        return False
    return not any(overlaps(x, y) for x, y in zip(edits, edits[1:]))


def apply(data: bytes, fixes: Sequence[Fix]) -> Applied:
    """Apply ``fixes`` to ``data``: pure, deterministic, never partial.

    Fixes are taken in order of position (then title); one whose edits
    overlap an already accepted fix is skipped, so every byte is changed by
    one fix at most. The accepted edits are applied bottom-up, so every offset
    stays that of the original data. Bytes outside the edits are unchanged."""
    result = Applied(data)
    accepted: list[Edit] = []
    seen: set[tuple[Edit, ...]] = set()
    for fix in sorted(fixes, key=lambda f: (f.span, f.title, sorted(f.edits))):
        key = tuple(sorted(fix.edits))
        if key in seen:
            result.duplicates.append(fix)
            continue
        if not _valid(fix, len(data)):
            result.invalid.append(fix)
            continue
        if any(overlaps(e, a) for e in fix.edits for a in accepted):
            result.skipped.append(fix)
            continue
        seen.add(key)
        accepted.extend(fix.edits)
        result.applied.append(fix)
    out = data
    for edit in sorted(accepted, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.text.encode("utf-8") + out[edit.end :]
    result.data = out
    return result
