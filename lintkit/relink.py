"""Where a broken link should point instead: the one answer the link fixes
(link-tag, link-target) share.

A path that names no page is repaired, in this order, when:

- git says the page was renamed (``check --since REF``): safe;
- it differs only in letter case from exactly one page: safe;
- it names the ``.html`` output of exactly one Markdown source: safe;
- exactly one page has the same file name in another folder (it moved): safe;
- a page has a close name: unsafe (a guess), the closest one.

The site's habit decides whether a link to a page's Markdown source becomes
the page's URL or a ``{% link %}`` tag: whichever its Markdown links already
use more (ties go to the tag, which Jekyll checks at build time).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from .fix import SAFE, UNSAFE

_TAG_LINK_RE = re.compile(r"\]\(\s*\{%-?\s*link\s")
_URL_LINK_RE = re.compile(r"\]\(\s*(?!\{|#|[A-Za-z][A-Za-z0-9+.-]*:|//)[^)\s]")


def moved_path(site: Any, rel: str) -> tuple[str, str] | None:
    """(site path, safety) of the page a missing site path ``rel`` should
    name, or None when nothing is close enough."""
    renamed = site.renames.get(rel)
    if renamed and site.linkable(renamed):
        return renamed, SAFE
    if rel.startswith("/") and site.linkable(rel[1:]):
        return rel[1:], SAFE
    rel = rel.lstrip("/")
    variants = [v for v in site.case_variants(rel) if site.linkable(v)]
    if len(variants) == 1:
        return variants[0], SAFE
    if variants:
        return None
    stem, ext = posixpath.splitext(rel)
    if ext == ".html":
        sources = [stem + e for e in sorted(site.markdown_exts) if site.linkable(stem + e)]
        if len(sources) == 1:
            return sources[0], SAFE
    same = [p for p in site.same_name(rel) if site.linkable(p)]
    if len(same) == 1:
        return same[0], SAFE
    guess = site.suggest(rel)
    if guess and guess != rel and site.linkable(guess):
        return guess, UNSAFE
    return None


def prefers_link_tags(site: Any) -> bool:
    """Do the site's Markdown pages link to pages with ``{% link %}`` at least
    as often as with a plain URL? Counted once per site."""
    memo = site.memo
    if "relink.habit" not in memo:
        tags = urls = 0
        for rel in site.files:
            if posixpath.splitext(rel)[1].lower() not in site.markdown_exts:
                continue
            if site.excluded(rel):
                continue
            try:
                with open(site.abspath(rel), encoding="utf-8", errors="replace") as fh:
                    text = fh.read(1 << 20)
            except OSError:
                continue
            tags += len(_TAG_LINK_RE.findall(text))
            urls += len(_URL_LINK_RE.findall(text))
        memo["relink.habit"] = tags >= urls
    return bool(memo["relink.habit"])
