"""GitHub Actions output: workflow-command annotations and a job step summary."""

from __future__ import annotations

from collections import Counter
from typing import Any

from lintkit.escape import visible
from lintkit.findings import SEVERITIES, Finding
from lintkit.report.common import rules_by_id, severity_of, sorted_findings

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SUMMARY_LIMIT = 200


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's ``escapeData``), after
    showing control characters and escape sequences as text (lintkit.escape):
    the command stays on one line and no terminal sequence reaches the log."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(text)


def escape_property(text: str) -> str:
    """Escape a workflow command property value (GitHub's ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, severity: str) -> str:
    props = [f"file={escape_property(finding.path)}"]
    if finding.line > 0:
        props.append(f"line={finding.line}")
        if finding.column > 0:
            props.append(f"col={finding.column}")
    props.append(f"title={escape_property(f'lintkit [{finding.rule}]')}")
    return f"::{COMMANDS[severity]} {','.join(props)}::{escape_data(finding.message)}"


def render(findings: list[Any], *, rules: list[Any], files: list[Any], tool_version: str) -> str:
    """One workflow command per finding, sorted, each on its own line."""
    table = rules_by_id(rules)
    return "".join(annotation(f, severity_of(f, table)) + "\n" for f in sorted_findings(findings))


# What can start Markdown or HTML inside a table cell: code, emphasis, links
# and images, HTML and entities, strikethrough, math, cell breaks.
_MARKDOWN_ACTIVE = frozenset("\\`*_[]()<>!|~&$")


def escape_cell(text: str) -> str:
    """Make text inert inside a Markdown table cell: each character that can
    start Markdown or HTML is backslash-escaped (CommonMark allows it for all
    ASCII punctuation), so no link, image, emphasis, HTML, entity or cell
    break comes from the site; control characters shown as escapes; one line."""
    text = visible(" ".join(text.split()))
    return "".join("\\" + c if c in _MARKDOWN_ACTIVE else c for c in text)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def step_summary(
    findings: list[Any],
    files: list[Any],
    *,
    rules: list[Any] | None = None,
    limit: int = SUMMARY_LIMIT,
    external: Any = None,
) -> str:
    """A Markdown summary to append to ``$GITHUB_STEP_SUMMARY`` (with the
    external link check's counts when ``external``, its Stats, is given)."""
    table = rules_by_id(rules)
    findings = sorted_findings(findings)
    severities = [severity_of(f, table) for f in findings]
    by_severity = Counter(severities)
    out = ["## lintkit", ""]
    counts = ", ".join(
        _plural(by_severity[s], s if s != "info" else "info finding") for s in SEVERITIES
    )
    out.append(f"Checked {_plural(len(files), 'file')}: {counts}.")
    if external is not None:
        from .text import external_summary

        out.append("")
        out.append(
            external_summary(
                external.urls,
                external.checked,
                external.cached,
                external.dead,
                external.unavailable,
            )
        )
    if not findings:
        out.append("")
        out.append("No problems found.")
        return "\n".join(out) + "\n"

    by_rule = Counter((f.rule, s) for f, s in zip(findings, severities))
    out += ["", "| Rule | Errors | Warnings | Info |", "| --- | ---: | ---: | ---: |"]
    for rule in sorted({f.rule for f in findings}):
        cells = [str(by_rule[(rule, s)]) for s in SEVERITIES]
        out.append(f"| {escape_cell(rule)} | {' | '.join(cells)} |")

    out += [
        "",
        "| Severity | File | Line | Column | Rule | Message |",
        "| --- | --- | ---: | ---: | --- | --- |",
    ]
    for f, s in list(zip(findings, severities))[:limit]:
        out.append(
            f"| {s} | {escape_cell(f.path)} | {f.line} | {f.column} | {escape_cell(f.rule)} | {escape_cell(f.message)} |"
        )
    if len(findings) > limit:
        out += ["", f"Showing the first {limit} of {len(findings)} findings."]
    return "\n".join(out) + "\n"
