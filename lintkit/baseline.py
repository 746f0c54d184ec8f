"""Baselines: accept the findings a site has today, report only new ones.

A baseline is a JSON document::

    {
      "version": 1,
      "entries": [
        {"rule": "link-tag", "path": "docs/a.md", "context": "See [x](/x.html).",
         "message": "...", "count": 1}
      ]
    }

An entry stands for ``count`` findings of ``rule`` in ``path`` whose offending line,
stripped, is ``context``. Matching ignores line numbers and messages, so a finding
still matches after lines are inserted above it or after a message is reworded.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lintkit.findings import Finding
from lintkit.report.fingerprint import source_text

BASELINE_VERSION = 1

LinesOf = Callable[[str], list[Any]]


class BaselineError(ValueError):
    """The baseline file cannot be used (not JSON, wrong version, bad entry)."""


@dataclass(frozen=True)
class BaselineEntry:
    rule: str
    path: str
    context: str
    message: str
    count: int = 1

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.path, self.context)

    def to_dict(self) -> dict[Any, Any]:
        return {
            "rule": self.rule,
            "path": self.path,
            "context": self.context,
            "message": self.message,
            "count": self.count,
        }


def finding_key(finding: Finding, lines_of: LinesOf | None = None) -> tuple[Any, ...]:
    """(rule, path, stripped line text): what a baseline entry matches on."""
    return (finding.rule, finding.path, source_text(finding, lines_of).strip())


def baseline_entries(findings: Iterable[Finding], lines_of: LinesOf | None = None) -> list[Any]:
    """Group findings into entries, sorted by (path, rule, context). The message kept is
    that of the first finding of the group in ``Finding.sort_key`` order."""
    counts: Counter[Any] = Counter()
    messages: dict[Any, Any] = {}
    for f in sorted(findings, key=Finding.sort_key):
        key = finding_key(f, lines_of)
        counts[key] += 1
        messages.setdefault(key, f.message)
    return [
        BaselineEntry(
            rule, path, context, messages[(rule, path, context)], counts[(rule, path, context)]
        )
        for rule, path, context in sorted(counts, key=lambda k: (k[1], k[0], k[2]))
    ]


def write_baseline(findings: Iterable[Finding], lines_of: LinesOf | None = None) -> str:
    """The baseline document for ``findings`` (JSON text, deterministic)."""
    doc = {
        "version": BASELINE_VERSION,
        "entries": [e.to_dict() for e in baseline_entries(findings, lines_of)],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


class Baseline:
    def __init__(self, entries: Iterable[BaselineEntry] = ()):
        # Entries with the same key (e.g. from a hand-merged file) add up.
        counts: Counter[tuple[str, str, str]] = Counter()
        first: dict[tuple[str, str, str], BaselineEntry] = {}
        for e in entries:
            counts[e.key] += e.count
            first.setdefault(e.key, e)
        self.entries = [BaselineEntry(k[0], k[1], k[2], first[k].message, counts[k]) for k in first]

    def __len__(self) -> int:
        return len(self.entries)

    def split(
        self,
        findings: Iterable[Finding],
        *,
        lines_of: LinesOf | None = None,
        checked_paths: Iterable[str] | None = None,
    ) -> tuple[Any, ...]:
        """Return ``(new, matched, fixed)``.

        ``new`` and ``matched`` are findings (in input order); a baseline entry with
        ``count`` n absorbs at most n findings with its key, the first ones in
        ``Finding.sort_key`` order. ``fixed`` lists entries (with ``count`` = how many
        were not matched) whose path was checked in this run: ``checked_paths``, or
        every path of the baseline when it is None (a full run).
        """
        findings = list(findings)
        remaining = Counter({e.key: e.count for e in self.entries})
        is_new = [True] * len(findings)
        for i in sorted(range(len(findings)), key=lambda i: findings[i].sort_key()):
            key = finding_key(findings[i], lines_of)
            if remaining[key] > 0:
                remaining[key] -= 1
                is_new[i] = False
        new = [f for f, n in zip(findings, is_new) if n]
        matched = [f for f, n in zip(findings, is_new) if not n]
        checked = None if checked_paths is None else set(checked_paths)
        fixed = [
            BaselineEntry(*e.key, e.message, remaining[e.key])
            for e in sorted(self.entries, key=lambda e: (e.path, e.rule, e.context))
            if remaining[e.key] > 0 and (checked is None or e.path in checked)
        ]
        return new, matched, fixed


def _entry(raw: Any, index: int) -> BaselineEntry:
    where = f"baseline entry {index + 1}"
    if not isinstance(raw, dict):
        raise BaselineError(f"{where}: expected an object, got {type(raw).__name__}")
    values = {}
    for name in ("rule", "path", "context"):
        if name not in raw:
            raise BaselineError(f"{where}: missing {name!r}")
        if not isinstance(raw[name], str):
            raise BaselineError(f"{where}: {name!r} must be a string")
        values[name] = raw[name]
    message = raw.get("message", "")
    if not isinstance(message, str):
        raise BaselineError(f"{where}: 'message' must be a string")
    count = raw.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise BaselineError(f"{where}: 'count' must be a positive integer, got {count!r}")
    return BaselineEntry(values["rule"], values["path"], values["context"], message, count)


def load_baseline(text: str) -> Baseline:
    """Parse a baseline document; raise BaselineError saying what is wrong."""
    try:
        doc = json.loads(text)
    except ValueError as exc:  # JSONDecodeError, and UnicodeDecodeError for bytes
        raise BaselineError(f"baseline is not valid JSON: {exc}") from None
    except RecursionError:  # [[[[... 100,000 deep: not a baseline lintkit wrote
        raise BaselineError("baseline nests too deeply to be one lintkit wrote") from None
    if not isinstance(doc, dict):
        raise BaselineError("baseline must be a JSON object with 'version' and 'entries'")
    version = doc.get("version")
    if type(version) is not int or version != BASELINE_VERSION:
        raise BaselineError(
            f"unsupported baseline version {version!r} (expected {BASELINE_VERSION})"
        )
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise BaselineError("baseline 'entries' must be a list")
    return Baseline(_entry(raw, i) for i, raw in enumerate(entries))


# ------------------------------------------------------------- files on disk
# A baseline file stores paths relative to the folder holding it (POSIX), so it
# matches wherever lintkit runs from: findings carry paths as displayed (relative
# to the current folder), and these helpers translate between the two.


def relative_to(folder: str, shown: str) -> str:
    """A displayed path as a POSIX path relative to ``folder``."""
    return os.path.relpath(os.path.abspath(shown), folder).replace(os.sep, "/")


def shown_path(folder: str, stored: str) -> str:
    """A stored path as displayed: relative to the current folder when inside it."""
    path = os.path.abspath(os.path.join(folder, *stored.split("/")))
    rel = os.path.relpath(path)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return path.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def folder_of(file: str) -> str:
    return os.path.dirname(os.path.abspath(file))


def write_file_text(file: str, findings: Iterable[Finding]) -> str:
    """The baseline document for ``findings`` to be saved as ``file``."""
    folder = folder_of(file)
    return write_baseline([f.with_(path=relative_to(folder, f.path)) for f in findings])


def read_file(file: str) -> Baseline:
    """Load a baseline file; BaselineError names the file and says what is wrong."""
    try:
        with open(file, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise BaselineError(
            f"cannot read baseline '{file}': {exc.strerror or exc}; "
            "create it with 'lintkit baseline'"
        ) from None
    try:
        return load_baseline(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(f"baseline '{file}' is not UTF-8 text") from None
    except BaselineError as exc:
        raise BaselineError(f"baseline '{file}': {exc}") from None


def split_file(
    baseline: Baseline, file: str, findings: Iterable[Finding], checked: Iterable[str]
) -> tuple[Any, ...]:
    """``Baseline.split`` for findings and checked files as displayed, against a
    baseline saved as ``file``. Returns ``(new, matched, fixed)``: findings as given,
    and fixed entries with their paths as displayed."""
    folder = folder_of(file)
    findings = list(findings)
    stored = [f.with_(path=relative_to(folder, f.path)) for f in findings]
    new_s, _matched_s, fixed = baseline.split(
        stored, checked_paths=[relative_to(folder, p) for p in checked]
    )
    new_ids = {id(f) for f in new_s}
    new = [f for f, s in zip(findings, stored) if id(s) in new_ids]
    matched = [f for f, s in zip(findings, stored) if id(s) not in new_ids]
    fixed = [
        BaselineEntry(e.rule, shown_path(folder, e.path), e.context, e.message, e.count)
        for e in fixed
    ]
    return new, matched, fixed


def describe_fixed(entry: BaselineEntry) -> str:
    """``fixed: path [rule] line text`` (the message for a whole-file finding)."""
    what = entry.context or entry.message or "(whole file)"
    times = f" ({entry.count} findings)" if entry.count > 1 else ""
    return f"fixed: {entry.path} [{entry.rule}] {what}{times}"
