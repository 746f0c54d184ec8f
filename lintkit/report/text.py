"""The human report: ``path:line:col: severity [rule] message``, the source line
with a caret under the column, then a summary line.

A source line longer than ``WIDTH`` characters is shown as a window of that
width around the column, with ``…`` where it was cut, so the caret stays on
screen. With ``colour``, the path, the severity and the caret are coloured
with ANSI escapes (the CLI decides: a terminal, ``NO_COLOR``, ``FORCE_COLOR``)."""

from __future__ import annotations

from typing import Any

from lintkit.escape import defuse_line, visible
from lintkit.findings import Finding


def caret_line(source: str, column: int) -> str:
    """Spaces (tabs kept, so the caret lines up in a terminal) then ``^``."""
    prefix = source[: max(column - 1, 0)]
    return "".join("\t" if c == "\t" else " " for c in prefix) + "^"


WIDTH = 120
_ELLIPSIS = "…"
_SEVERITY_COLOUR = {"error": "31", "warning": "33", "info": "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def window(source: str, column: int, width: int = WIDTH) -> tuple[str, int]:
    """(the part of ``source`` to show, the column in it): the whole line when
    it fits in ``width``, else ``width`` characters around ``column``."""
    if len(source) <= width:
        return source, column
    start = max(0, min(max(column - 1, 0) - width // 2, len(source) - width))
    end = start + width
    head = _ELLIPSIS if start > 0 else ""
    tail = _ELLIPSIS if end < len(source) else ""
    return head + source[start:end] + tail, column - start + len(head) if column else 0


def render_finding(f: Finding, show_source: bool = True, colour: bool = False) -> str:
    """The finding's lines; what comes from the site (path, message, source
    line) is shown with control characters and escape sequences escaped, and
    no line can pass for a CI workflow command (lintkit.escape)."""
    where = visible(f.path, keep_tabs=False)
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    head = defuse_line(f"{where}: {f.severity} [{f.rule}] {visible(f.message, keep_tabs=False)}")
    if colour:  # the same text, painted: the path, the severity, the rule id
        sev = f.severity or "error"
        rest = head[len(where) + 2 + len(sev) :]
        head = (
            _paint(head[: len(where)], "1", True)
            + ": "
            + _paint(sev, _SEVERITY_COLOUR.get(sev, "31"), True)
            + rest
        )
    out = [head]
    if show_source and f.line and f.source is not None and f.source.strip():
        source, column = window(f.source, f.column)
        out.append(defuse_line("    " + visible(source)))
        if column:
            prefix = visible(source[: max(column - 1, 0)])
            caret = caret_line(prefix, len(prefix) + 1)
            out.append("    " + caret[:-1] + _paint("^", "1;31", colour))
    return "\n".join(out)


def summary(
    counts: dict[str, int], files: int, seconds: float, external: Any = None, hidden: int = 0
) -> str:
    line = _summary(counts, files, seconds, hidden)
    if external is not None:
        line += " " + external_summary(
            external.urls, external.checked, external.cached, external.dead, external.unavailable
        )
    return line


def external_summary(
    urls: int, checked: int, cached: int, dead: int, unavailable: str | None = None
) -> str:
    """What the external link check did, in one sentence (the summary line
    and the review say it so)."""
    head = f"{urls:,} external URL" + ("" if urls == 1 else "s")
    if unavailable:
        return f"{head}: {checked:,} checked, {cached:,} from cache; network unavailable."
    return f"{head}: {checked:,} checked, {cached:,} from cache, {dead:,} dead."


def _summary(counts: dict[str, int], files: int, seconds: float, hidden: int = 0) -> str:
    parts = [
        _plural(counts.get("error", 0), "error"),
        _plural(counts.get("warning", 0), "warning"),
        f"{counts.get('info', 0)} info",
    ]
    total = sum(counts.values())
    noun = "file" if files == 1 else "files"
    if total == 0:
        return f"No problems found in {files} {noun} ({seconds:.2f}s)."
    shown = f"; {hidden} below the --show level not shown" if hidden else ""
    return f"Found {', '.join(parts)} in {files} {noun} ({seconds:.2f}s{shown})."


def render(
    findings: list[Finding],
    counts: dict[str, int],
    files: int,
    seconds: float,
    show_source: bool = True,
    colour: bool = False,
    hidden: int = 0,
    external: Any = None,
    notes: list[str] | None = None,
) -> str:
    """The report of ``findings`` (those shown); ``counts`` are of every finding,
    ``hidden`` how many of them are not shown."""
    body = [render_finding(f, show_source, colour) for f in findings]
    body.append(summary(counts, files, seconds, external, hidden))
    body.extend(f"Note: {n}" for n in notes or ())
    return "\n".join(body) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
