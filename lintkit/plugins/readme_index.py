"""jekyll-readme-index (0.3.0): a ``README`` (any Markdown extension, any letter
case) that Jekyll copies as a static file becomes the index page of its folder
when the folder has no index (``index.html``, ``index.htm``, ``index.xhtml``,
``index.xml`` or a page at the folder's URL). Off with
``readme_index: {enabled: false}``."""

from __future__ import annotations

import posixpath
import re
from typing import Any

NAME = "jekyll-readme-index"
_INDEX_RE = re.compile(r"index\.(html?|xhtml|xml)$", re.I)


def enabled(config: dict[str, Any]) -> bool:
    opt = config.get("readme_index")
    return not (isinstance(opt, dict) and opt.get("enabled") is False)


def readmes(site: Any) -> list[str]:
    """Source paths of the READMEs that become their folder's index page."""
    if not enabled(site.config):
        return []
    out = []
    folders_with_index: set[str] | None = None
    for rel in site.files:
        name = posixpath.basename(rel)
        stem, ext = posixpath.splitext(name)
        if stem.lower() != "readme" or ext.lower() not in site.markdown_exts:
            continue
        if site.classify(rel) != "static" or site.url_of(rel) is None:
            continue
        if folders_with_index is None:
            folders_with_index = _indexed(site)
        folder = posixpath.dirname(site.url_of(rel) or "/").rstrip("/") + "/"
        if folder not in folders_with_index:
            out.append(rel)
    return out


def _indexed(site: Any) -> set[str]:
    out = set()
    for rel in site.files:
        url = site.url_of(rel)
        if url is None:
            continue
        if url.endswith("/"):
            out.add(url)
            continue
        folder, name = posixpath.split(url)
        if _INDEX_RE.fullmatch(name):
            out.add(folder.rstrip("/") + "/")
    return out
