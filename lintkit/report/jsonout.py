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

from lintkit.escape import visible
from lintkit.findings import Finding


def render(findings: list[Finding]) -> str:
    """Paths and messages as every report shows them (lintkit.escape.visible):
    valid UTF-8, no terminal escape sequence."""
    out = []
    for f in findings:
        data = f.to_dict()
        data["path"] = visible(f.path)
        data["message"] = visible(f.message)
        out.append(data)
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
