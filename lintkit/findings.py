"""Findings: what a rule reports. A leaf module: imports only the leaf ``fix``.

A finding is a position in a file (1-based line and column), the id of the rule
that produced it, a message that says what is wrong and how to fix it, and a
severity. Rules create findings with ``severity=None`` (the engine applies the
configured severity) or with an explicit lower severity for a weaker variant of
the same problem (for example ``info`` for a link the rule cannot resolve).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .fix import Fix

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    path: str  # the path as shown to the user (POSIX separators)
    line: int  # 1-based; 0 means "the file as a whole"
    column: int  # 1-based; 0 means "the whole line"
    rule: str
    message: str
    severity: str | None = None
    fix: Fix | None = field(default=None, compare=False)  # a repair the engine may apply
    source: str | None = field(default=None, compare=False)  # the source line, for reports

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (
            self.path,
            self.line,
            self.column,
            SEVERITY_RANK.get(self.severity or "error", 0),
            self.rule,
            self.message,
        )

    def with_(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def to_dict(self) -> dict[Any, Any]:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.fix is not None:
            data["fix"] = self.fix.to_dict()
        return data
