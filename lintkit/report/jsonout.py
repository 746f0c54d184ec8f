"""``--format json``: a stable, documented list of findings.

Schema (version 1), a JSON array sorted by path, line, column, severity, rule::

    [{"path": "society/a.md",   # as shown to the user, POSIX separators
      "line": 12,               # 1-based; 0 = the file as a whole
      "column": 5,              # 1-based; 0 = the whole line
      "rule": "link-tag",
      "severity": "error",      # error | warning | info
      "message": "..."}]

New keys may be added; existing keys keep their meaning.
"""

from __future__ import annotations

import json

from lintkit.findings import Finding


def render(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"
