"""The human report: ``path:line:col: severity [rule] message``, the source line
with a caret under the column, then a summary line."""

from __future__ import annotations

from lintkit.escape import defuse_line, visible
from lintkit.findings import Finding


def caret_line(source: str, column: int) -> str:
    """Spaces (tabs kept, so the caret lines up in a terminal) then ``^``."""
    prefix = source[: max(column - 1, 0)]
    return "".join("\t" if c == "\t" else " " for c in prefix) + "^"


def render_finding(f: Finding, show_source: bool = True) -> str:
    """The finding's lines; what comes from the site (path, message, source
    line) is shown with control characters and escape sequences escaped, and
    no line can pass for a CI workflow command (lintkit.escape)."""
    where = visible(f.path, keep_tabs=False)
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    out = [defuse_line(f"{where}: {f.severity} [{f.rule}] {visible(f.message, keep_tabs=False)}")]
    if show_source and f.line and f.source is not None and f.source.strip():
        out.append(defuse_line("    " + visible(f.source)))
        if f.column:
            prefix = visible(f.source[: max(f.column - 1, 0)])
            out.append("    " + caret_line(prefix, len(prefix) + 1))
    return "\n".join(out)


def summary(counts: dict[str, int], files: int, seconds: float, external=None) -> str:
    line = _summary(counts, files, seconds)
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


def _summary(counts: dict[str, int], files: int, seconds: float) -> str:
    parts = [
        _plural(counts.get("error", 0), "error"),
        _plural(counts.get("warning", 0), "warning"),
        f"{counts.get('info', 0)} info",
    ]
    total = sum(counts.values())
    noun = "file" if files == 1 else "files"
    if total == 0:
        return f"No problems found in {files} {noun} ({seconds:.2f}s)."
    return f"Found {', '.join(parts)} in {files} {noun} ({seconds:.2f}s)."


def render(
    findings: list[Finding],
    counts: dict[str, int],
    files: int,
    seconds: float,
    show_source: bool = True,
    external=None,
    notes: list[str] | None = None,
) -> str:
    body = [render_finding(f, show_source) for f in findings]
    body.append(summary(counts, files, seconds, external))
    body.extend(f"Note: {n}" for n in notes or ())
    return "\n".join(body) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
