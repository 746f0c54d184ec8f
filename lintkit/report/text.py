"""The human report: ``path:line:col: severity [rule] message``, the source line
with a caret under the column, then a summary line."""

from __future__ import annotations

from lintkit.findings import Finding


def caret_line(source: str, column: int) -> str:
    """Spaces (tabs kept, so the caret lines up in a terminal) then ``^``."""
    prefix = source[: max(column - 1, 0)]
    return "".join("\t" if c == "\t" else " " for c in prefix) + "^"


def render_finding(f: Finding, show_source: bool = True) -> str:
    where = f.path
    if f.line:
        where += f":{f.line}"
        if f.column:
            where += f":{f.column}"
    out = [f"{where}: {f.severity} [{f.rule}] {f.message}"]
    if show_source and f.line and f.source is not None and f.source.strip():
        out.append("    " + f.source)
        if f.column:
            out.append("    " + caret_line(f.source, f.column))
    return "\n".join(out)


def summary(counts: dict[str, int], files: int, seconds: float) -> str:
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
    notes: list[str] | None = None,
) -> str:
    body = [render_finding(f, show_source) for f in findings]
    body.append(summary(counts, files, seconds))
    body.extend(f"Note: {n}" for n in notes or ())
    return "\n".join(body) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
