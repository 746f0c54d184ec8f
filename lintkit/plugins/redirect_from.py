"""jekyll-redirect-from (0.16.0): every ``redirect_from`` path of a written page
or document becomes a page (``/old`` -> ``old.html``, ``/old/`` ->
``old/index.html``); a page with ``redirect_to`` still exists (it redirects);
``redirects.json`` is written unless ``redirect_from: {json: false}`` or the
site has its own."""

from __future__ import annotations

from typing import Any

from lintkit import permalinks

NAME = "jekyll-redirect-from"


def _paths(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items if v is not None and str(v) != ""]


def generated(site: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for rel in site.files:
        if site.classify(rel) not in ("page", "document"):
            continue
        text = site.front_matter_text(rel)
        if not text or "redirect_from" not in text:
            continue
        if site.url_of(rel) is None:
            continue
        for path in _paths(site.front_matter(rel).get("redirect_from")):
            url = path if path.startswith("/") else "/" + path
            dest = permalinks.page_destination(url, ".html")
            out.setdefault(dest, NAME)
    opt = site.config.get("redirect_from")
    if not (isinstance(opt, dict) and opt.get("json") is False):
        if "redirects.json" not in site.file_set:
            out.setdefault("redirects.json", NAME)
    return out
