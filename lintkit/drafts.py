"""Drafts: is a page a draft, and does it end with a draft notice.

The one answer used by the ``draft-notice`` rule and by ``lintkit review``
(its Drafts table). A page is a draft when its front matter says so
(``draft: true`` or ``status: draft``) or its path matches one of the
configured globs, unless its front matter says it is not (``draft: false``,
a ``status`` other than ``draft``, or ``published: true``). A draft notice is
the document's last block: an emphasised paragraph (``_..._`` or ``*...*``)
that starts with ``Note:`` and matches the configured pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .globs import match

_EMPH_RE = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1\s*$", re.S)


@dataclass(frozen=True)
class Status:
    draft: bool  # the page is a draft
    why: str  # for a draft: "its front matter says so" or "its path matches 'GLOB'"
    by: str  # for a draft: "front matter" or "path glob"; "" otherwise
    not_draft: str  # the front matter's words saying it is no draft ("draft: false"), or ""


def status(doc: Any, paths: list[str]) -> Status:
    """Whether ``doc`` is a draft, given the globs ``paths`` of draft documents."""
    data = doc.data
    if data.get("draft") is True or str(data.get("status", "")).lower() == "draft":
        return Status(True, "its front matter says so", "front matter", "")
    if data.get("draft") is False:
        words = "draft: false"
    elif "status" in data:
        words = f"status: {data.get('status')}"
    elif data.get("published") is True:
        words = "published: true"
    else:
        words = ""
    if not words:
        for glob in paths:
            if match(glob, doc.rel):
                return Status(True, f"its path matches '{glob}'", "path glob", "")
    return Status(False, "", "", words)


def notice_of(doc: Any, pattern: str | re.Pattern[str]) -> tuple[dict[str, Any], str] | None:
    """(token, text) of the draft notice ending the document, or None."""
    blocks = [t for t in doc.tokens if t["type"] != "blank_line"]
    if not blocks or blocks[-1]["type"] != "paragraph":
        return None
    last = blocks[-1]
    inner = notice_text(last.get("text", ""), pattern)
    return None if inner is None else (last, inner)


def notice_text(paragraph: str, pattern: str | re.Pattern[str]) -> str | None:
    """The text of ``paragraph`` (its Markdown source) when it is a draft
    notice, without the emphasis markers; None when it is not one."""
    m = _EMPH_RE.match(paragraph.strip())
    if not m:
        return None
    inner = m.group(2).strip()
    if not inner.startswith("Note:") or not re.search(pattern, inner):
        return None
    return inner
