"""JUnit XML output (for CI systems that display test reports).

One ``<testcase>`` per checked file. Each error-level finding is one ``<failure>``
(type = rule id, message = ``path:line:col [rule] message``, body = that line plus
the offending source line). Warnings and info findings go into the test case's
``<system-out>``. The suite's ``failures`` attribute counts failed test cases (files),
as JUnit consumers compute passed = tests - failures - errors - skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from lintkit.escape import visible
from lintkit.findings import Finding
from lintkit.report.common import rules_by_id, severity_of, sorted_findings

# Characters XML 1.0 cannot represent at all (not even as character references).
_COMMAND_LINE = re.compile(r"^([ \t]*):(?=:)", re.M)
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Replace characters XML 1.0 forbids by a visible ``\\xNN`` / ``\\uNNNN`` escape."""

    def repl(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVALID_XML.sub(repl, text)


def describe(finding: Finding) -> str:
    path, message = visible(finding.path), visible(finding.message)
    return f"{path}:{finding.line}:{finding.column} [{finding.rule}] {message}"


def _line(finding: Finding, severity: str) -> str:
    return f"{severity}: {describe(finding)}"


def render(
    findings: list[Any],
    *,
    rules: list[Any],
    files: list[Any],
    tool_version: str,
    timestamp: str | None = None,
) -> str:
    table = rules_by_id(rules)
    by_path: dict[Any, Any] = {}
    for f in sorted_findings(findings):
        by_path.setdefault(f.path, []).append(f)
    # Every checked file is a test case; a finding for a path outside ``files`` (e.g. a
    # load error) gets its own test case so it is never dropped.
    paths = sorted(set(files) | set(by_path))

    suites = ET.Element("testsuites", {"name": "lintkit"})
    suite = ET.SubElement(suites, "testsuite", {"name": "lintkit"})
    failed_cases = 0
    failure_count = 0
    for path in paths:
        case = ET.SubElement(
            suite, "testcase", {"classname": "lintkit", "name": xml_safe(visible(path))}
        )
        out_lines = []
        case_failed = False
        for f in by_path.get(path, ()):
            severity = severity_of(f, table)
            if severity == "error":
                case_failed = True
                failure_count += 1
                failure = ET.SubElement(
                    case, "failure", {"type": xml_safe(f.rule), "message": xml_safe(describe(f))}
                )
                body = describe(f)
                if f.source is not None and f.source.strip():
                    body += "\n    " + visible(f.source.strip())
                failure.text = xml_safe(body) + "\n"
            else:
                out_lines.append(_line(f, severity))
        if out_lines:
            ET.SubElement(case, "system-out").text = xml_safe("\n".join(out_lines)) + "\n"
        failed_cases += case_failed

    for element in (suites, suite):
        element.set("tests", str(len(paths)))
        element.set("failures", str(failed_cases))
        element.set("errors", "0")
    suite.set("skipped", "0")
    if timestamp:
        suite.set("timestamp", timestamp)
    properties = ET.Element("properties")
    ET.SubElement(
        properties, "property", {"name": "lintkit.version", "value": xml_safe(str(tool_version))}
    )
    ET.SubElement(
        properties, "property", {"name": "lintkit.findings.error", "value": str(failure_count)}
    )
    suite.insert(0, properties)
    ET.indent(suites, space="  ")
    body = ET.tostring(suites, encoding="unicode")
    # A text line of the XML must not pass for a GitHub workflow command when
    # the file is printed in a CI log: a leading "::" becomes "&#58;:".
    body = _COMMAND_LINE.sub(r"\1&#58;", body)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
