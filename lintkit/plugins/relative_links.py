"""jekyll-relative-links (0.7.0): in a Markdown page, an inline link or a
reference definition whose path (relative to the page's *source* folder, or
to the site root when it starts with ``/``) names a page, static file or
written document is rewritten to that file's URL (with ``baseurl``), fragment
kept. Collection documents are rewritten only with
``relative_links: {collections: true}``; off with ``enabled: false``. HTML
``<a href>`` is left alone."""

from __future__ import annotations

import posixpath
import re
from typing import Any
from urllib.parse import unquote

NAME = "jekyll-relative-links"
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _option(config: dict[str, Any], key: str) -> Any:
    opt = config.get("relative_links")
    return opt.get(key) if isinstance(opt, dict) else None


def applies_to(site: Any, rel: str) -> bool:
    """Does the plugin rewrite the links of the source ``rel``?"""
    if _option(site.config, "enabled") is False:
        return False
    if posixpath.splitext(rel)[1].lower() not in site.markdown_exts:
        return False
    kind = site.classify(rel)
    if kind == "page":
        return True
    return kind == "document" and _option(site.config, "collections") is True


def rewrite(site: Any, rel: str, href: str) -> str | None:
    """The href the plugin writes for ``href`` in the page ``rel`` (None: kept)."""
    if not href or href.startswith("#") or href.startswith("//") or _SCHEME_RE.match(href):
        return None
    path, hash_, fragment = href.partition("#")
    if not path:
        return None
    absolute = path.startswith("/")
    base = "" if absolute else posixpath.dirname(rel)
    joined = posixpath.normpath(posixpath.join("/", base, unquote(path.lstrip("/"))))
    target = joined.lstrip("/")
    if target not in site.file_set or site.classify(target) not in ("page", "static", "document"):
        return None
    url = site.url_of(target)
    if url is None:
        return None
    return str(site.baseurl) + str(url) + (hash_ + fragment if hash_ else "")
