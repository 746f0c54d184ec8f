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
from collections.abc import Iterable
from dataclasses import dataclass, field

from .findings import Finding

MARK = "lintkit-"
RULE_ID = "unused-suppression"
_DIRECTIVE_RE = re.compile(
    r"<!--[ \t]*lintkit-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|-->)"
    r"([^>\n]*?)[ \t]*-->"
)


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
    out = text
    for m in _DIRECTIVE_RE.finditer(text):
        start, end = m.span()
        line_start = out.rfind("\n", 0, start) + 1
        line_end = out.find("\n", end)
        line_end = len(out) if line_end < 0 else line_end
        alone = not out[line_start:start].strip() and not out[end:line_end].strip()
        if not alone:
            out = out[:start] + " " * (end - start) + out[end:]
            continue
        above = out[:line_start].rstrip(" \t\n")
        if not above.strip():
            continue  # the first text of the document
        cut = len(above)  # the end of the last line with text above
        newlines = out.count("\n", cut, line_end)
        out = out[:cut] + " " * (line_end - cut - newlines) + "\n" * newlines + out[line_end:]
    return out


def scan(doc) -> list[Directive]:
    """The directives of a document, in order (none inside code blocks)."""
    out = []
    code = doc.code_lines
    for m in _DIRECTIVE_RE.finditer(doc.text, doc.body_start):
        line, col = doc.position(m.start())
        if any(a <= line <= b for a, b in code):
            continue
        ids = tuple(re.split(r"[\s,]+", m.group(2).strip())) if m.group(2).strip() else ()
        out.append(Directive(m.group(1), ids, line, col, m.group(0), doc.line_text(line)))
    return out


def _covers(d: Directive, rule: str) -> bool:
    return not d.rules or rule in d.rules


def suppressor(directives: list[Directive], f: Finding) -> Directive | None:
    """The directive that silences ``f``, if any."""
    for d in directives:
        if d.kind == "disable-file" and _covers(d, f.rule):
            return d
    if f.line <= 0:
        return None
    for d in directives:
        if d.kind == "disable-next-line" and d.line + 1 == f.line and _covers(d, f.rule):
            return d
        if d.kind == "disable-line" and d.line == f.line and _covers(d, f.rule):
            return d
    active: Directive | None = None
    for d in directives:
        if d.line > f.line:
            break
        if d.kind == "disable" and _covers(d, f.rule):
            active = d
        elif d.kind == "enable" and _covers(d, f.rule):
            active = None
    return active


def apply(findings: Iterable[Finding], directives: dict[str, tuple]) -> list[Finding]:
    """Drop suppressed findings; add one for each suppression that suppressed
    nothing. ``directives``: display path -> (directives, ids of the rules
    that ran there, known rule ids, severity of unused-suppression or None)."""
    out: list[Finding] = []
    for f in findings:
        entry = directives.get(f.path)
        d = suppressor(entry[0], f) if entry else None
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
