"""Inline suppressions: HTML comments that silence findings.

```markdown
<!-- lintkit-disable-next-line link-tag malformed-link -->
1. **A title** <!-- lintkit-disable-line milestone-structure -->
<!-- lintkit-disable draft-notice -->  ...  <!-- lintkit-enable draft-notice -->
<!-- lintkit-disable-file list-numbering -->
```

No rule id means every rule. ``disable`` lasts until an ``enable`` that names
the rule (or names none) or the end of the file; ``disable-next-line`` covers
the line after the comment; ``disable-line`` the line it ends; ``disable-file`` the whole file, including findings
about the file as a whole (line 0). Comments inside code blocks are examples,
not directives. lintkit reads a document as if its directives were blank
(``mask``), so a comment at column 0 between two list items does not end the
list for the rules, whatever the Markdown renderer makes of it. A directive that suppresses nothing is reported under the rule
``unused-suppression`` (info), for each rule id it names that ran on the file,
and an id that no rule has is reported too. The engine applies this after the
rules and before output; rules never see it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding

MARK = "lintkit-"
RULE_ID = "unused-suppression"
_DIRECTIVE_RE = re.compile(
    r"<!--[ \t]*lintkit-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|-->)"
    r"([^>\n]*?)[ \t]*-->"
)
_IDS_SPLIT_RE = re.compile(r"[\s,]+")
_NON_SPACE_RE = re.compile(r"\S")


@dataclass
class Directive:
    kind: str  # disable-next-line, disable-line, disable-file, disable, enable
    rules: tuple[str, ...]  # empty: every rule
    line: int
    column: int
    text: str
    source: str = ""
    used: set[str] = field(default_factory=set)  # rule ids it suppressed


def mask(text: str) -> str:
    """``text`` with every directive blanked (same length, same lines): what
    the Markdown parser reads, so that a directive never changes the structure
    the rules see. A directive after text becomes spaces; a directive on a
    line of its own becomes an empty line, its characters moved as trailing
    spaces to the last line above that has text (a line of spaces is not
    always blank to mistune, an empty line is). A directive on the first line
    of a document stays: nothing above it can be split."""
    # One pass, in time linear in the text: each directive's fate is decided
    # from what the text looks like after the directives before it were
    # blanked (tracked below), and the edits are applied at the end.
    blanks: list[tuple[int, int]] = []  # directive spans that become spaces
    moves: list[list[int]] = []  # [cut, line end]: spaces first, then the newlines
    prev = 0  # where the text not yet looked at starts
    cut_at = 0  # the end of the last character that is not " \t\n"
    text_at = 0  # the end of the last non-whitespace character
    first_text = -1  # where the first non-whitespace character is (-1: none yet)
    line_cut = 0
    for m in _DIRECTIVE_RE.finditer(text):
        start, end = m.span()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if line_start >= prev:
            cut_at, text_at, first_text = _seen(text, prev, line_start, cut_at, text_at, first_text)
            cut_here = line_cut = cut_at  # the cut of this line: from the lines above only
            prev = line_start
        else:
            cut_here = line_cut  # a second directive on the line
        cut_at, text_at, first_text = _seen(text, prev, start, cut_at, text_at, first_text)
        alone = text_at <= line_start and not _NON_SPACE_RE.search(text, end, line_end)
        if not alone:
            blanks.append((start, end))
            prev = end
            continue
        if first_text < 0 or first_text >= cut_here:
            # the first text of the document: it stays, and is text
            cut_at = text_at = end
            if first_text < 0:
                first_text = start
            prev = end
            continue
        if moves and cut_here < moves[-1][1]:
            moves[-1][1] = line_end
        else:
            moves.append([cut_here, line_end])
        cut_at = cut_here
        prev = line_end
    if not blanks and not moves:
        return text
    edits = sorted(
        [(a, b, False) for a, b in blanks] + [(a, b, True) for a, b in moves],
        key=lambda e: (e[0], -e[1]),
    )
    out = []
    pos = 0
    for a, b, move in edits:
        if a < pos:
            continue  # a blanked directive inside a moved stretch
        out.append(text[pos:a])
        newlines = text.count("\n", a, b) if move else 0
        out.append(" " * (b - a - newlines) + "\n" * newlines)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _seen(
    text: str, a: int, b: int, cut_at: int, text_at: int, first_text: int
) -> tuple[int, int, int]:
    """``mask``'s marks moved past ``text[a:b]``, a stretch left as it is."""
    if a >= b:
        return cut_at, text_at, first_text
    part = text[a:b]
    tail = len(part.rstrip(" \t\n"))
    if tail:
        cut_at = a + tail
    stripped = part.rstrip()
    if stripped:
        text_at = a + len(stripped)
        if first_text < 0:
            first_text = a + len(part) - len(part.lstrip())
    return cut_at, text_at, first_text


def scan(doc: Any) -> list[Directive]:
    """The directives of a document, in order (none inside code blocks)."""
    out = []
    for m in _DIRECTIVE_RE.finditer(doc.text, doc.body_start):
        line, col = doc.position(m.start())
        if doc.in_code(line):
            continue
        ids = tuple(_IDS_SPLIT_RE.split(m.group(2).strip())) if m.group(2).strip() else ()
        out.append(Directive(m.group(1), ids, line, col, m.group(0), doc.line_text(line)))
    return out


def _covers(d: Directive, rule: str) -> bool:
    return not d.rules or rule in d.rules


class Index:
    """The directives of one file, indexed so that finding the one that
    silences a finding costs a lookup, not a pass over every directive."""

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self._file = [d for d in directives if d.kind == "disable-file"]
        self._next: dict[int, list[Directive]] = {}
        for d in directives:  # in order: the first that covers a rule wins
            if d.kind == "disable-next-line":
                self._next.setdefault(d.line + 1, []).append(d)
            elif d.kind == "disable-line":
                self._next.setdefault(d.line, []).append(d)
        self._ranges: dict[str, tuple[list[int], list[Directive]]] = {}

    def _range(self, rule: str) -> tuple[list[int], list[Directive]]:
        """The ``disable`` and ``enable`` directives that cover ``rule``, in order."""
        found = self._ranges.get(rule)
        if found is None:
            ds = [
                d for d in self.directives if d.kind in ("disable", "enable") and _covers(d, rule)
            ]
            found = self._ranges[rule] = ([d.line for d in ds], ds)
        return found

    def suppressor(self, f: Finding) -> Directive | None:
        """The directive that silences ``f``, if any: a ``disable-file``, a
        ``disable-next-line`` on the line before, a ``disable-line`` on its line, or the last ``disable`` or
        ``enable`` for its rule at or before its line, when that is a ``disable``."""
        for d in self._file:
            if _covers(d, f.rule):
                return d
        if f.line <= 0:
            return None
        for d in self._next.get(f.line, ()):
            if _covers(d, f.rule):
                return d
        lines, ds = self._range(f.rule)
        i = bisect_right(lines, f.line) - 1
        if i >= 0 and ds[i].kind == "disable":
            return ds[i]
        return None


def apply(findings: Iterable[Finding], directives: dict[str, tuple[Any, ...]]) -> list[Finding]:
    """Drop suppressed findings; add one for each suppression that suppressed
    nothing. ``directives``: display path -> (directives, ids of the rules
    that ran there, known rule ids, severity of unused-suppression or None)."""
    out: list[Finding] = []
    indexes: dict[str, Index] = {}
    for f in findings:
        entry = directives.get(f.path)
        d = None
        if entry and entry[0]:
            index = indexes.get(f.path)
            if index is None:
                index = indexes[f.path] = Index(entry[0])
            d = index.suppressor(f)
        if d is None:
            out.append(f)
        else:
            d.used.add(f.rule)
    for path, (dirs, ran, known, severity) in sorted(directives.items()):
        if severity is None:
            continue
        for d in dirs:
            if d.kind == "enable":
                continue
            for problem in _unused(d, ran, known):
                out.append(
                    Finding(path, d.line, d.column, RULE_ID, problem, severity, source=d.source)
                )
    out.sort(key=Finding.sort_key)
    return out


def _unused(d: Directive, ran: set[str], known: set[str]) -> list[str]:
    where = {
        "disable-next-line": f"on line {d.line + 1}",
        "disable-line": f"on line {d.line}",
        "disable-file": "in this file",
        "disable": "after it",
    }[d.kind]
    if not d.rules:
        if d.used:
            return []
        return [f"{d.text} suppresses nothing: no finding {where}; remove the comment"]
    problems = []
    for rid in d.rules:
        if rid not in known:
            problems.append(
                f"{d.text} names '{rid}', which is not a rule; correct the id "
                "('lintkit rules' lists them) or remove it"
            )
        elif rid in ran and rid not in d.used:
            problems.append(
                f"{d.text} suppresses nothing for {rid}: no {rid} finding {where}; "
                f"remove {'the comment' if len(d.rules) == 1 else rid + ' from it'}"
            )
    return problems
