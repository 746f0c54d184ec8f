"""The review's Findings by page and its Broken links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .. import liquid
from ..engine import Result
from ..findings import SEVERITIES, SEVERITY_RANK, Finding
from ..rule import Rule
from ..site import Site
from .common import rel_path as _rel_path


# ---------------------------------------------------------------- findings
def findings_by_page(findings: Iterable[Finding], site: Site) -> list[dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for f in findings:
        path = _rel_path(site, f.path)
        entry = docs.setdefault(
            path, {"path": path, "counts": {s: 0 for s in SEVERITIES}, "items": []}
        )
        sev = f.severity or "error"
        entry["counts"][sev] += 1
        entry["items"].append(
            {
                "line": f.line,
                "column": f.column,
                "rule": f.rule,
                "severity": sev,
                "message": f.message,
                "source": f.source,
            }
        )
    for entry in docs.values():
        entry["items"].sort(
            key=lambda i: (
                SEVERITY_RANK[i["severity"]],
                i["line"],
                i["column"],
                i["rule"],
                i["message"],
            )
        )
    return sorted(
        docs.values(),
        key=lambda e: (
            -e["counts"]["error"],
            -e["counts"]["warning"],
            -e["counts"]["info"],
            e["path"],
        ),
    )


def broken_links(
    findings: Iterable[Finding], site: Site, rules: dict[str, Rule]
) -> list[dict[str, Any]]:
    """The findings of the link rules (tag ``links``; the external link check
    has its own section)."""
    link_rules = {rid for rid, r in rules.items() if "links" in r.tags and r.scope != "external"}
    out = []
    for f in findings:
        if f.rule not in link_rules or "cannot check" in f.message:
            continue
        out.append(
            (
                _rel_path(site, f.path),
                f.line,
                f.column,
                {
                    "path": _rel_path(site, f.path),
                    "line": f.line,
                    "target": _target_at(f.source or "", f.column, f.rule),
                    "message": f.message,
                },
            )
        )
    out.sort(key=lambda b: b[:3])
    return [b[3] for b in out]


_TAG_AT_RE = re.compile(r"\{%-?\s*\w+\s+(.*?)\s*-?%\}")
_DEST_AT_RE = re.compile(r"<[^>\n]*>|[^\s)]+")


def external_links(result: Result, site: Site) -> dict[str, Any] | None:
    """What the external link check found (None: it did not run): its
    counts, and the links to dead URLs and URLs that could not be checked."""
    stats = result.external
    if stats is None:
        return None
    dead = []
    for f in result.findings:
        if f.rule == "link-external" and f.severity in ("error", "warning") and f.line:
            url = f.message[1:].split("'", 1)[0] if f.message.startswith("'") else ""
            dead.append(
                {
                    "path": _rel_path(site, f.path),
                    "line": f.line,
                    "url": url,
                    "severity": f.severity,
                    "message": f.message,
                }
            )
    return {
        "urls": stats.urls,
        "checked": stats.checked,
        "cached": stats.cached,
        "dead": stats.dead,
        "unavailable": stats.unavailable,
        "links": dead,
    }


def _target_at(source: str, column: int, rule: str) -> str:
    """The link target a link finding points at, read from its source line."""
    rest = source[column - 1 :] if column >= 1 else source
    if rule == "link-tag":
        m = _TAG_AT_RE.match(rest)
        return liquid.link_path(m.group(1)) if m else rest[:80]
    if rule == "link-target":
        m = _DEST_AT_RE.match(rest)
        return m.group() if m else rest[:80]
    for closer in (")", "%}"):
        end = rest.find(closer)
        if end >= 0:
            return rest[: end + len(closer)][:120]
    return rest[:80]
