"""The review's Drafts table: every draft and every page with a draft notice,
with the git dates of its notice (``lintkit.drafts`` says what a draft is)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..document import Document
from ..drafts import notice_of
from ..drafts import status as draft_status
from ..git import Git
from .common import doc_title as _doc_title


def _days_between(earlier: str | None, later: _dt.date) -> int | None:
    if not earlier:
        return None
    try:
        return (later - _dt.date.fromisoformat(earlier)).days
    except ValueError:
        return None


# ------------------------------------------------------------------ drafts
def draft_table(
    reviewed: dict[str, Document], options: dict[str, Any], git: Git, today: _dt.date
) -> list[dict[str, Any]]:
    """The drafts among ``reviewed`` and the pages carrying a draft notice,
    oldest notice first, with the dates git knows (``options``: the
    draft-notice rule's)."""
    try:
        pattern = re.compile(options["pattern"])
    except re.error:
        pattern = None
    drafts: list[dict[str, Any]] = []
    for rel in sorted(reviewed):
        doc = reviewed[rel]
        if not doc.readable:
            continue
        state = draft_status(doc, options["paths"])
        notice = notice_of(doc, pattern) if pattern is not None else None
        if not state.draft and notice is None:
            continue
        remark = ""
        if notice is not None and state.not_draft:
            remark = f"front matter says {state.not_draft} but the page carries a draft notice"
        elif state.draft and notice is None:
            remark = f"a draft ({state.why}) without a draft notice at its end"
        drafts.append(
            {
                "path": rel,
                "title": _doc_title(doc),
                "draft_by": state.by or "notice only",
                "notice": " ".join(notice[1].split()) if notice else "",
                "notice_line": notice[0]["line"] if notice else None,
                "notice_added": None,
                "last_changed": None,
                "age_days": None,
                "consistent": not remark,
                "remark": remark,
                "_needle": _needle(notice[1]) if notice else "",
            }
        )
    if git.ok and drafts:
        by_text: dict[str, list[str]] = {}
        for d in drafts:
            if d["_needle"]:
                by_text.setdefault(d["_needle"], []).append(d["path"])
        added: dict[str, str] = {}
        for text in sorted(by_text):
            dates = git.notice_added(text, by_text[text])
            added.update({p: dates[p] for p in by_text[text] if p in dates})
        changed = git.last_changed([d["path"] for d in drafts])
        for d in drafts:
            d["notice_added"] = added.get(d["path"])
            d["last_changed"] = changed.get(d["path"])
            d["age_days"] = _days_between(d["notice_added"], today)
    for d in drafts:
        del d["_needle"]
    drafts.sort(key=lambda d: (d["notice_added"] is None, d["notice_added"] or "", d["path"]))
    return drafts


def _needle(notice: str) -> str:
    """The text git searches for: the notice's longest source line (a notice
    can wrap over lines; one line is enough to find when it arrived)."""
    lines = [ln.strip() for ln in notice.split("\n") if ln.strip()]
    return max(lines, key=len) if lines else ""
