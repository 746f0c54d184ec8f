"""Stable fingerprints for findings, shared by the SARIF and GitLab reporters.

A fingerprint must survive edits elsewhere in the file, so it does not use line or
column numbers (nor the message, which may mention line numbers). It hashes

    rule NUL path NUL normalized-line-text NUL occurrence

with SHA-256 (hex), where *normalized-line-text* is the offending source line with
runs of whitespace collapsed to one space and leading/trailing whitespace removed,
and *occurrence* is the 0-based index of the finding among the findings with the
same (rule, path, normalized text), in ``Finding.sort_key`` order. So two identical
defects on two identical lines get different fingerprints, and moving a finding's
line up or down leaves its fingerprint unchanged.

The line text is ``Finding.source`` when set, else ``lines_of(path)[line - 1]`` when a
``lines_of`` callable is given, else the empty string (the occurrence index then
tells findings of one rule in one file apart).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from lintkit.findings import Finding

FINGERPRINT_KEY = "lintkit/v1"

LinesOf = Callable[[str], "list[str] | None"]


def source_text(finding: Finding, lines_of: LinesOf | None = None) -> str:
    """The raw text of the finding's line ('' for whole-file findings or when unknown)."""
    if finding.source is not None:
        return finding.source
    if lines_of is None or finding.line < 1:
        return ""
    try:
        lines = lines_of(finding.path)
    except (OSError, UnicodeDecodeError, KeyError, ValueError):
        return ""
    if lines is None or finding.line > len(lines):
        return ""
    return str(lines[finding.line - 1]).rstrip("\r\n")


def normalize(text: str) -> str:
    return " ".join(text.split())


def fingerprint(rule: str, path: str, text: str, occurrence: int) -> str:
    """SHA-256 hex of ``rule NUL path NUL normalize(text) NUL occurrence``."""
    key = "\0".join((rule, path, normalize(text), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def fingerprints(findings: Iterable[Finding], lines_of: LinesOf | None = None) -> list[Any]:
    """One fingerprint per finding, in the order given (occurrence indexes are counted
    in ``Finding.sort_key`` order, so the result does not depend on input order)."""
    findings = list(findings)
    texts = [normalize(source_text(f, lines_of)) for f in findings]
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    seen: dict[Any, Any] = {}
    result = [""] * len(findings)
    for i in order:
        f = findings[i]
        triple = (f.rule, f.path, texts[i])
        occurrence = seen.get(triple, 0)
        seen[triple] = occurrence + 1
        result[i] = fingerprint(f.rule, f.path, texts[i], occurrence)
    return result
