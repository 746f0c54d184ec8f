"""The external link check (``lintkit check --external``): which URLs the
checked pages link to, and what each one answered.

The links are the ones ``lintkit.links`` finds (the one place that finds
links); a link is external when ``links.resolve`` says so. Each URL (without
its fragment) is asked once per run: from the cache (``lintkit.urlcache``)
while its answer is fresh, else over HTTP (``lintkit.httpcheck``, which is
where aiohttp is imported, and only then). The ``link-external`` rule turns
the verdicts into findings; the engine calls ``run`` once per site.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from . import links
from .globs import match_any

RULE_ID = "link-external"


@dataclass
class Stats:
    """What the external check of a run did (the summary line shows it)."""

    urls: int = 0  # distinct URLs linked from the checked pages (excluded ones not counted)
    checked: int = 0  # asked over the network this run
    cached: int = 0  # answered from the cache
    dead: int = 0  # dead URLs
    unavailable: str | None = None  # the network was unavailable: why
    warnings: list[str] = field(default_factory=list)  # for stderr (cache not saved, ...)

    def add(self, other: Stats) -> None:
        self.urls += other.urls
        self.checked += other.checked
        self.cached += other.cached
        self.dead += other.dead
        self.unavailable = self.unavailable or other.unavailable
        self.warnings.extend(other.warnings)


def links_of(doc: Any, site: Any) -> list[tuple[links.SiteLink, str]]:
    """(link, absolute URL as written, fragment included) for every link of
    ``doc`` to another site."""
    cached: list[tuple[links.SiteLink, str]] | None = doc.memo.get("external.links")
    if cached is not None:
        return cached
    out: list[tuple[links.SiteLink, str]] = []
    for sl in links.site_links(doc):
        if links.owned_by_malformed_link(sl.dest):
            continue
        dest = sl.dest.strip()
        if dest.startswith("<") and dest.endswith(">"):
            dest = dest[1:-1]
        href = links.render(doc, site, dest).href if doc.rendered else dest
        if href is None:
            continue
        if links.resolve(doc, site, href).kind != "external":
            continue
        url = href.strip().replace("\u200b", "")
        if url.startswith("//"):
            url = "https:" + url
        out.append((sl, url))
    doc.memo["external.links"] = out
    return out


def url_key(url: str) -> str:
    """The URL that is asked: without its fragment."""
    return url.split("#", 1)[0]


def has_id(ids: frozenset[str], fragment: str) -> bool:
    if fragment == "top" or fragment in ids:
        return True
    decoded = unquote(fragment)
    # GitHub prefixes the ids of rendered READMEs and sets them from script
    return decoded in ids or f"user-content-{decoded}" in ids


def settings(options: dict[str, Any]) -> Any:
    from .httpcheck import Settings

    accept = {
        str(host).lower(): frozenset(int(c) for c in codes)
        for host, codes in (options.get("accept") or {}).items()
    }
    return Settings(
        timeout=float(options.get("timeout", 10.0)),
        retries=int(options.get("retries", 2)),
        concurrency=int(options.get("concurrency", 16)),
        per_host=int(options.get("per-host", 2)),
        max_redirects=int(options.get("max-redirects", 10)),
        max_bytes=int(options.get("max-bytes", 1048576)),
        allow_hosts=tuple(options.get("allow-hosts") or ()),
        accept=accept,
    )


@dataclass
class Outcome:
    verdicts: dict[str, Any]  # URL without fragment -> httpcheck.Verdict
    stats: Stats


def run(
    docs: dict[str, Any],
    site: Any,
    options: dict[str, Any],
    progress: Callable[[int, int, int], None] | None = None,
    now: Callable[[], float] = time.time,
) -> Outcome:
    """The verdict on every external URL of ``docs`` (rel -> document)."""
    from .httpcheck import check_urls
    from .urlcache import Cache

    fragments = bool(options.get("fragments"))
    exclude = list(options.get("exclude") or [])
    wanted: dict[str, bool] = {}
    for rel in sorted(docs):
        for _sl, url in links_of(docs[rel], site):
            key = url_key(url)
            if exclude and match_any(exclude, key):
                continue
            wants_ids = fragments and "#" in url and bool(url.split("#", 1)[1])
            wanted[key] = wanted.get(key, False) or wants_ids
    stats = Stats(urls=len(wanted))
    folder = options.get("cache", ".lintkit-cache")
    where = os.path.join(site.root, *folder.split("/")) if folder else None
    if where is not None and not _inside(where, site.root):
        stats.warnings.append(f"the link cache {folder} leads out of the site; it is not used")
        where = None
    hour = 3600.0
    cache = Cache(
        where,
        {
            "ok": float(options.get("ttl-ok", 168.0)) * hour,
            "dead": float(options.get("ttl-dead", 24.0)) * hour,
            "error": float(options.get("ttl-error", 1.0)) * hour,
        },
        now,
    )
    if cache.problem:
        stats.warnings.append(cache.problem)
    verdicts: dict[str, Any] = {}
    ask: dict[str, bool] = {}
    for url, wants_ids in wanted.items():
        hit = cache.get(url, wants_ids)
        if hit is not None:
            verdicts[url] = hit
        else:
            ask[url] = wants_ids
    stats.cached = len(verdicts)
    report = check_urls(ask, settings(options), progress)
    if report.unavailable:
        stats.unavailable = report.unavailable
        return Outcome(verdicts, stats)  # what the cache knows still holds
    for url, verdict in report.verdicts.items():
        verdicts[url] = verdict
        cache.put(url, verdict, ask[url])
    stats.checked = len(report.verdicts)
    stats.dead = sum(1 for v in verdicts.values() if v.kind == "dead")
    problem = cache.save()
    if problem:
        stats.warnings.append(problem)
    return Outcome(verdicts, stats)


def _inside(path: str, root: str) -> bool:
    """Is ``path`` inside ``root`` once links are followed (a folder the
    site commits as a link to elsewhere is not)?"""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
