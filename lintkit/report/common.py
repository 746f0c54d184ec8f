"""Helpers shared by the reporters (duck-typed rule metadata, severities, sorting)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit.findings import SEVERITIES, Finding

DEFAULT_SEVERITY = "error"


def rule_attr(rule: Any, name: str, default: str = "") -> str:
    """Read ``rule.<name>`` as a string; rule metadata is duck typed (``id``, ``summary``,
    ``doc``, ``severity``)."""
    value = getattr(rule, name, None)
    return default if value is None else str(value)


def rules_by_id(rules: Iterable[Any] | None) -> dict[Any, Any]:
    """``{rule.id: rule}``; the first rule wins if an id is given twice."""
    table: dict[Any, Any] = {}
    for rule in rules or ():
        table.setdefault(rule_attr(rule, "id"), rule)
    return table


def severity_of(finding: Finding, rules: dict[Any, Any] | None = None) -> str:
    """The finding's severity; for a finding the engine has not configured yet, the
    rule's default severity, else ``error`` (as ``Finding.sort_key`` assumes)."""
    if finding.severity in SEVERITIES:
        return finding.severity
    rule = (rules or {}).get(finding.rule)
    default = rule_attr(rule, "severity") if rule is not None else ""
    return default if default in SEVERITIES else DEFAULT_SEVERITY


def sorted_findings(findings: Iterable[Finding]) -> list[Any]:
    return sorted(findings, key=Finding.sort_key)
