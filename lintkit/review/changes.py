"""What a reviewer asks first: what changed? (``lintkit review --since REF``)

Adds to the review model, after it is built:

- each milestone's text (title and description, plain) in the track cells,
  and with ``--since`` a ``change`` mark on the milestones whose text differs
  from REF (``"new"``, or ``"changed"`` with a word diff), the old version
  read from git at REF, following the page's rename;
- ``changes``: the pages changed, added and renamed since REF, each with a
  link to its source (the repository's web address when its ``origin`` is a
  known forge, else the path) and to its URL on the site (``url`` and
  ``baseurl`` in ``_config.yml``);
- ``notices_removed``: pages whose draft notice was removed since REF, which
  the checklist asks about ("was this page adopted?");
- titles without Markdown markup (``**``, ``_``, backticks, link syntax), and
  the broken-links table's target as the bare path or address.

Pure functions of the model, the documents and git's answers; nothing prints.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from typing import Any

from ..document import Document
from ..drafts import notice_of
from ..git import Changes, Git
from ..lists import milestone_runs

_WORD_RE = re.compile(r"\S+")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REF_LINK_RE = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1")
_TAG_RE = re.compile(r"\{%-?\s*\w+\s+(.*?)\s*-?%\}")
_BARE_TAG_RE = re.compile(r"%-?\s*(?:link|include|include_relative|post_url)\s+(.*?)\s*-?%")
_REMOTE_RE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?|git@|ssh://git@)(github\.com|gitlab\.com|codeberg\.org)[:/]"
    r"([\w.-]+/[\w.-]+?)(?:\.git)?/?$"
)


# ------------------------------------------------------------------ text
def plain(text: Any) -> str:
    """``text`` without inline Markdown markup: ``**a**`` -> ``a``,
    ``[t](u)`` -> ``t``, whitespace collapsed."""
    out = str(text or "")
    out = _LINK_RE.sub(r"\1", out)
    out = _REF_LINK_RE.sub(r"\1", out)
    for _ in range(3):  # nested emphasis: ***a*** -> a
        new = _EMPHASIS_RE.sub(r"\2", out)
        if new == out:
            break
        out = new
    return " ".join(out.split())


def word_diff(old: str, new: str) -> list[list[str]]:
    """The words of ``old`` and ``new`` as ``[op, text]`` runs: ``"="`` kept,
    ``"-"`` removed, ``"+"`` added (difflib on words, so it is linear enough
    for milestone descriptions and never backtracks)."""
    a, b = _WORD_RE.findall(old), _WORD_RE.findall(new)
    out: list[list[str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(["=", " ".join(a[i1:i2])])
            continue
        if i2 > i1:
            out.append(["-", " ".join(a[i1:i2])])
        if j2 > j1:
            out.append(["+", " ".join(b[j1:j2])])
    return out


def milestone_text(doc: Document, item: Any) -> tuple[str, str]:
    """(title, description) of a milestone item, as plain text."""
    title = item.bold_title
    first = item.first_block
    parts: list[str] = []
    for tok in item.token.get("children", []):
        if tok.get("type") not in ("paragraph", "block_text"):
            continue
        text = str(tok.get("text", ""))
        if tok is first and title is not None:
            text = re.sub(r"^\s*(\*\*|__).+?\1[.:]?", "", text, count=1, flags=re.S)
        parts.append(text)
    if title is None:
        head = (str(first.get("text", "")) if first else "").strip().split("\n")
        title, parts = head[0], ["\n".join(head[1:])] + parts[1:]
    return plain(title), plain(" ".join(parts))


def target_of(target: str) -> str:
    """The bare path or address of a broken link's target as found in its
    source: ``{% link a.md %}`` -> ``a.md``, ``[t](a.md)`` -> ``a.md``,
    ``(a.md)`` -> ``a.md``, ``<u>`` -> ``u``."""
    text = target.strip()
    m = _TAG_RE.search(text) or _BARE_TAG_RE.search(text)
    if m:
        return m.group(1).strip().strip("'\"")
    m = re.search(r"\]\(\s*([^)\s]*)", text)
    if m:
        text = m.group(1)
    text = text.strip().lstrip("(").rstrip(")").strip()
    if (text.startswith("<") and text.endswith(">")) or (
        text.startswith("[") and text.endswith("]")
    ):
        text = text[1:-1]
    return text or "(empty)"


# ----------------------------------------------------------------- links
def web_source(git: Git) -> str | None:
    """The web address of the repository's files at its branch (GitHub,
    GitLab, Codeberg ``origin``), ending in ``/``; None when unknown."""
    if not git.ok:
        return None
    m = _REMOTE_RE.match(git.remote_url() or "")
    if not m:
        return None
    _, _, branch = git.head()
    ref = branch or git.commit("HEAD") or "HEAD"
    host, repo = m.group(1), m.group(2)
    middle = (
        "/-/blob/" if host == "gitlab.com" else ("/src/branch/" if "codeberg" in host else "/blob/")
    )
    return f"https://{host}/{repo}{middle}{ref}/{git.prefix}"


def site_url(site: Any, rel: str) -> str | None:
    """The page's address on the published site (None without ``url``)."""
    url = site.url_of(rel) if rel in site.file_set else None
    if url is None or not site.url:
        return None
    return f"{site.url}{site.baseurl}{url}"


# ------------------------------------------------------------------ model
def annotate(
    model: dict[str, Any],
    docs: dict[str, Document],
    site: Any,
    git: Git,
    changes: Changes | None,
    min_items: int,
    notice_pattern: str,
) -> None:
    """Add what changed to ``model`` (see the module's docstring), in place."""
    for draft in model.get("drafts") or []:
        draft["title"] = plain(draft.get("title"))
    for page in model.get("findings") or []:
        if "title" in page:
            page["title"] = plain(page.get("title"))
    for broken in (model.get("links") or {}).get("broken") or []:
        broken["target"] = target_of(str(broken.get("target", "")))

    renamed_to = {}
    old_of: dict[str, str] = {}
    if changes is not None:
        for old, new in changes.renamed.items():
            if site.contains(old) and site.contains(new):
                renamed_to[site.rel(old)] = site.rel(new)
                old_of[site.rel(new)] = site.rel(old)

    track_paths = [
        d.get("path") for t in model.get("tracks") or [] for d in t.get("documents") or []
    ]
    old_bytes: dict[str, bytes] = {}
    if changes is not None and git.ok:
        wanted = sorted({old_of.get(p, p) for p in track_paths if p})
        old_bytes = git.old_contents(changes.revision, wanted)

    for track in model.get("tracks") or []:
        documents = track.get("documents") or []
        for doc_entry in documents:
            doc_entry["title"] = plain(doc_entry.get("title"))
        for col, doc_entry in enumerate(documents):
            rel = doc_entry.get("path")
            doc = docs.get(rel)
            if doc is None or not doc.readable:
                continue
            runs = milestone_runs(doc, min_items)
            items = runs[0].items if runs else []
            old_items = None
            old_doc = None
            if changes is not None:
                raw = old_bytes.get(old_of.get(rel, rel))
                if raw is not None:
                    old_doc = Document.from_bytes(doc.path, rel, rel, raw)
                    old_runs = milestone_runs(old_doc, min_items) if old_doc.readable else []
                    old_items = old_runs[0].items if old_runs else []
                else:
                    old_items = []  # a page new since REF: every milestone is new
            for row in track.get("rows") or []:
                cells = row.get("cells") or []
                n = int(row.get("number", 0))
                if col >= len(cells) or not cells[col] or not 1 <= n <= len(items):
                    continue
                cell = cells[col]
                title, description = milestone_text(doc, items[n - 1])
                cell["title"] = title or plain(cell.get("title"))
                cell["description"] = description
                if old_items is None:
                    continue
                if old_doc is None or n > len(old_items):
                    cell["change"] = "new"
                    continue
                old_title, old_description = milestone_text(old_doc, old_items[n - 1])
                before = f"{old_title} {old_description}".strip()
                after = f"{title} {description}".strip()
                if before != after:
                    cell["change"] = "changed"
                    cell["diff"] = word_diff(before, after)

    if changes is None:
        model["changes"] = None
        model["notices_removed"] = []
        return
    model["changes"] = _pages(changes, site, git, docs, renamed_to)
    model["notices_removed"] = _notices_removed(changes, site, git, docs, old_of, notice_pattern)


def _pages(
    changes: Changes, site: Any, git: Git, docs: dict[str, Document], renamed_to: dict[str, str]
) -> dict[str, Any]:
    """The Markdown pages of the site changed, added and renamed since REF."""
    source = web_source(git)
    exts = site.markdown_exts
    existed: set[str] = set()
    if git.ok:
        rels = sorted(
            site.rel(p)
            for p in changes.changed
            if site.contains(p) and posixpath.splitext(p)[1].lower() in exts
        )
        existed = set(git.old_contents(changes.revision, rels))
    pages = []
    new_paths = set(renamed_to.values())
    for path in sorted(changes.changed):
        if not site.contains(path) or os.path.splitext(path)[1].lower() not in exts:
            continue
        rel = site.rel(path)
        if rel not in site.file_set:
            continue
        old = next((o for o, n in renamed_to.items() if n == rel), None)
        if rel in new_paths and old is not None:
            status = "renamed"
        elif rel in existed:
            status = "modified"
        else:
            status = "added"
        doc = docs.get(rel)
        title = doc.data.get("title") if doc is not None and doc.readable else None
        pages.append(
            {
                "path": rel,
                "status": status,
                "from": old,
                "title": plain(title) if isinstance(title, (str, int, float)) else "",
                "source": (source + rel) if source else None,
                "url": site_url(site, rel),
            }
        )
    return {"since": changes.revision[:12], "pages": pages}


def _notices_removed(
    changes: Changes,
    site: Any,
    git: Git,
    docs: dict[str, Document],
    old_of: dict[str, str],
    pattern: str,
) -> list[dict[str, Any]]:
    """Pages that ended with a draft notice at REF and do not any more."""
    candidates = sorted(
        site.rel(p) for p in changes.changed if site.contains(p) and site.rel(p) in docs
    )
    olds = (
        git.old_contents(changes.revision, [old_of.get(r, r) for r in candidates]) if git.ok else {}
    )
    out = []
    for rel in candidates:
        raw = olds.get(old_of.get(rel, rel))
        doc = docs[rel]
        if raw is None or not doc.readable:
            continue
        old_doc = Document.from_bytes(doc.path, rel, rel, raw)
        if not old_doc.readable:
            continue
        before = notice_of(old_doc, pattern)
        if before is not None and notice_of(doc, pattern) is None:
            out.append({"path": rel, "notice": plain(before[1])})
    return out


def checklist_items(model: dict[str, Any]) -> list[dict[str, str]]:
    """The checklist's questions about what changed since REF."""
    since = (model.get("scope") or {}).get("since")
    return [
        {
            "text": f"{n['path']}: its draft notice was removed since {since}: was this page "
            "adopted? If so, say so in its front matter (draft: false)",
            "kind": "notice-removed",
        }
        for n in model.get("notices_removed") or []
    ]
