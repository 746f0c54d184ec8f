"""Small answers the review's parts share: a page's title, a path as shown."""

from __future__ import annotations

import os

from .. import markdown
from ..document import Document
from ..site import Site


def doc_title(doc: Document) -> str:
    title = doc.data.get("title")
    if isinstance(title, (str, int, float)) and str(title).strip():
        return " ".join(str(title).split())
    for tok in markdown.walk(doc.tokens):
        if tok["type"] == "heading":
            return " ".join(tok.get("text", "").split()) or doc.rel
    return doc.rel


def rel_path(site: Site, shown: str) -> str:
    absolute = os.path.abspath(shown)
    return site.rel(absolute) if site.contains(absolute) else shown


def and_(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
