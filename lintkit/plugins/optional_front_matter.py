"""jekyll-optional-front-matter (0.3.2): a Markdown file without front matter is
rendered as a page, except README, LICENSE, LICENCE, COPYING, CODE_OF_CONDUCT,
CONTRIBUTING, ISSUE_TEMPLATE and PULL_REQUEST_TEMPLATE (any letter case, any
Markdown extension) unless ``include`` names them. Off with
``optional_front_matter: {enabled: false}`` or ``require_front_matter: true``."""

from __future__ import annotations

import posixpath
from typing import Any

NAME = "jekyll-optional-front-matter"
BLOCKED = frozenset(
    (
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CODE_OF_CONDUCT",
        "CONTRIBUTING",
        "ISSUE_TEMPLATE",
        "PULL_REQUEST_TEMPLATE",
    )
)


def enabled(config: dict[str, Any]) -> bool:
    opt = config.get("optional_front_matter")
    if isinstance(opt, dict) and opt.get("enabled") is False:
        return False
    return not config.get("require_front_matter")


def renders(site: Any, rel: str) -> bool:
    """Is ``rel`` (a file Jekyll would copy as static) rendered as a page?"""
    if not enabled(site.config):
        return False
    name = posixpath.basename(rel)
    stem, ext = posixpath.splitext(name)
    if ext.lower() not in site.markdown_exts:
        return False
    blocked = stem.upper() in BLOCKED
    return not blocked or (isinstance(site.config.get("include"), list) and site._included(rel))


def cleanup(config: dict[str, Any]) -> bool:
    opt = config.get("optional_front_matter")
    return (isinstance(opt, dict) and opt.get("remove_originals") is True) or bool(
        config.get("require_front_matter")
    )


def generated(site: Any) -> dict[str, str]:
    """The Markdown source itself, still copied next to the page it became
    (unless ``remove_originals: true``)."""
    if cleanup(site.config):
        return {}
    return {rel: NAME for rel in site.files if site.renders_plain(rel)}
