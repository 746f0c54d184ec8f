"""SARIF 2.1.0 output (for GitHub code scanning and other SARIF viewers)."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from lintkit.escape import visible
from lintkit.findings import SEVERITY_RANK
from lintkit.report.common import rule_attr, rules_by_id, severity_of, sorted_findings
from lintkit.report.fingerprint import FINGERPRINT_KEY, fingerprints

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GENERIC_SUMMARY = "lintkit check '{id}' (not a documented rule)"


def artifact_uri(path: str) -> dict[Any, Any]:
    """artifactLocation for a finding path: a percent-encoded relative POSIX URI
    against %SRCROOT%, or a file: URI for an absolute path."""
    posix = path  # display paths are POSIX already; a backslash is part of a name
    while posix.startswith("./"):
        posix = posix[2:]
    if PurePosixPath(posix).is_absolute() or (len(posix) > 1 and posix[1] == ":"):
        prefix = "file://" if posix.startswith("/") else "file:///"
        return {"uri": prefix + quote(posix, safe="/:")}
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _first_paragraph(doc: str) -> str:
    for block in doc.strip().split("\n\n"):
        if block.strip():
            return " ".join(block.split())
    return ""


def _rule_descriptor(rule_id: str, summary: str, doc: str, severity: str) -> dict[Any, Any]:
    summary = summary or GENERIC_SUMMARY.format(id=rule_id)
    doc = doc.strip()
    return {
        "id": rule_id,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _first_paragraph(doc) or summary},
        "help": {"text": doc or summary, "markdown": doc or summary},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
    }


def _driver_rules(findings: list[Any], table: dict[Any, Any]) -> list[Any]:
    descriptors = {}
    for rule_id, rule in table.items():
        descriptors[rule_id] = _rule_descriptor(
            rule_id,
            rule_attr(rule, "summary"),
            rule_attr(rule, "doc"),
            rule_attr(rule, "severity", "warning"),
        )
    # Findings from ids that are not documented rules (e.g. the engine's "load-error")
    # still need a descriptor for ruleIndex; their default level is the most severe
    # level seen.
    worst: dict[Any, Any] = {}
    for f in findings:
        if f.rule not in descriptors:
            level = severity_of(f, table)
            if f.rule not in worst or SEVERITY_RANK[level] < SEVERITY_RANK[worst[f.rule]]:
                worst[f.rule] = level
    for rule_id, level in worst.items():
        descriptors[rule_id] = _rule_descriptor(rule_id, "", "", level)
    return [descriptors[k] for k in sorted(descriptors)]


def render(
    findings: list[Any],
    *,
    rules: list[Any],
    files: list[Any],
    tool_version: str,
    information_uri: str | None = None,
    srcroot: str | None = None,
    lines_of: Any = None,
) -> str:
    """SARIF 2.1.0 log with one run. ``srcroot`` (an absolute directory) adds
    ``originalUriBaseIds``; ``lines_of(path) -> lines`` supplies line text for
    fingerprints of findings without ``source``."""
    findings = sorted_findings(findings)
    table = rules_by_id(rules)
    descriptors = _driver_rules(findings, table)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    prints = fingerprints(findings, lines_of)

    results = []
    for f, fp in zip(findings, prints):
        physical: dict[Any, Any] = {"artifactLocation": artifact_uri(visible(f.path))}
        if f.line > 0:
            region = {"startLine": f.line}
            if f.column > 0:
                region["startColumn"] = f.column
            physical["region"] = region
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": LEVELS[severity_of(f, table)],
                "message": {"text": visible(f.message)},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {FINGERPRINT_KEY: fp},
            }
        )

    driver: dict[Any, Any] = {"name": "lintkit", "version": str(tool_version)}
    if information_uri:
        driver["informationUri"] = information_uri
    driver["rules"] = descriptors
    run: dict[Any, Any] = {"tool": {"driver": driver}}
    if srcroot:
        root = PurePosixPath(srcroot.replace("\\", "/")).as_posix().rstrip("/") + "/"
        run["originalUriBaseIds"] = {
            SRCROOT: {
                "uri": "file://" + quote(root if root.startswith("/") else "/" + root, safe="/:")
            }
        }
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    log = {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
