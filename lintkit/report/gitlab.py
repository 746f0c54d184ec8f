"""GitLab Code Quality report (a JSON list of issues)."""

from __future__ import annotations

import json
from typing import Any

from lintkit.escape import visible
from lintkit.report.common import rules_by_id, severity_of, sorted_findings
from lintkit.report.fingerprint import fingerprints

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(
    findings: list[Any],
    *,
    rules: list[Any],
    files: list[Any],
    tool_version: str,
    lines_of: Any = None,
) -> str:
    table = rules_by_id(rules)
    findings = sorted_findings(findings)
    issues = []
    for f, fp in zip(findings, fingerprints(findings, lines_of)):
        issues.append(
            {
                "description": f"[{f.rule}] {visible(f.message)}",
                "check_name": f.rule,
                "fingerprint": fp,
                "severity": SEVERITIES[severity_of(f, table)],
                # GitLab requires a begin line >= 1; a whole-file finding points at line 1.
                "location": {"path": visible(f.path), "lines": {"begin": max(f.line, 1)}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
