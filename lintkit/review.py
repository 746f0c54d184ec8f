"""``lintkit review``: build the review model of a site (see ``lintkit.review_model``).

``build(paths, ...)`` runs the engine over the documents, then adds what a
reviewer of a content change wants to see beside the findings: the drafts
(with git dates of their notices), the milestone tracks side by side with the
prose that refers to them, orphan pages and broken links, and a checklist.
It returns the plain-data model; ``lintkit.review_render`` turns it into
Markdown or HTML. Nothing here prints.

Git is optional: outside a work tree every git value is ``None`` and the model
says so in ``git_note``. Git is asked a fixed number of questions: two for the
revision, one per distinct draft notice text (``git log -S``, which batches
every draft carrying the same notice) and one for the last change of every
draft at once; with ``--since`` two for the changed files and one
``cat-file --batch`` for their old contents.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote

from . import git as git_module
from . import links, liquid, markdown, references, safeio, yamlread
from .document import Document
from .drafts import notice_of
from .drafts import status as draft_status
from .engine import Engine, display_path
from .errors import UsageError
from .findings import SEVERITIES, SEVERITY_RANK
from .git import Changes, Git
from .gitchanges import (
    changes_since,
    linked_removed,
    old_urls,
    removed_targets,
    site_rel,
    site_rels,
)
from .gitchanges import select as since_files
from .lists import milestone_page, milestone_runs

DEFAULT_STALE_DAYS = 90
LINK_RULES = ("link-tag", "link-target", "malformed-link")
NOT_GIT_NOTE = "not a git repository: the dates of drafts are unavailable"
SHALLOW_NOTE = "the dates of drafts may be wrong: " + git_module.SHALLOW_NOTE


# ------------------------------------------------------------------ dates
def generated_date(environ: dict[str, str] | None = None) -> _dt.date:
    """Today, or the UTC date of ``SOURCE_DATE_EPOCH`` when it is set
    (the reproducible-builds convention), so a report can be pinned."""
    env = os.environ if environ is None else environ
    value = env.get("SOURCE_DATE_EPOCH")
    if value is None or value.strip() == "":
        return _dt.date.today()
    try:
        seconds = int(value.strip())
        return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not '{value}'"
        ) from None


def _days_between(earlier: str | None, later: _dt.date) -> int | None:
    if not earlier:
        return None
    try:
        return (later - _dt.date.fromisoformat(earlier)).days
    except ValueError:
        return None


# ------------------------------------------------------------- the model
def build(
    paths: Sequence[str] = (".",),
    *,
    site_root: str | None = None,
    config_path: str | None = None,
    since: str | None = None,
    stale_days: int = DEFAULT_STALE_DAYS,
    today: _dt.date | None = None,
    external: bool = False,
    progress: Any = None,
) -> tuple[dict[str, Any], list[str]]:
    """(review model, internal errors of rules) for ``paths`` of one site.
    Raises ``UsageError`` for a problem with the run itself."""
    paths = list(paths) or ["."]
    today = today or generated_date()
    engine = Engine(
        site_root=site_root,
        config_path=config_path,
        keep_documents=True,
        external=external,
        progress=progress,
    )
    for given in paths:
        if not os.path.exists(given):
            raise UsageError(f"path '{given}' does not exist")
    roots = sorted({engine.root_for(os.path.abspath(p)) for p in paths})
    if len(roots) > 1:
        raise UsageError(
            "review covers one site at a time, but the paths belong to "
            f"{len(roots)} sites ({', '.join(display_path(r) for r in roots)}): "
            "review each site on its own, or pass --site-root"
        )
    root = roots[0]
    site = engine.site(root)
    cfg = engine.config(root)
    git = Git(root)

    targets = paths
    changes: Changes | None = None
    if since is not None:
        # the files ``check --since`` checks: the changed pages and the pages
        # linking to what the change renamed or deleted
        changes = changes_since(since, root)
        targets = since_files(engine, paths, since, {root: changes})

    result = engine.check(targets)
    reviewed = {doc.rel: doc for doc in result.documents.values() if site.contains(doc.path)}
    graph = LinkGraph(site, reviewed)

    revision, rev_date, branch = git.head() if git.ok else (None, None, None)
    model: dict[str, Any] = {
        "site": {
            "root": display_path(root),
            "title": _site_title(site, root),
            "git": git.ok,
            "revision": revision,
            "branch": branch,
            "date": rev_date,
        },
        "generated": today.isoformat(),
        "scope": {"paths": sorted({_scope_path(site, p) for p in paths}), "since": since},
        "documents": len(result.files),
        "counts": result.counts(),
        "by_rule": _by_rule(result.findings),
    }
    draft_rule = cfg.rules.get("draft-notice")
    draft_options = draft_rule.options if draft_rule else engine.rules["draft-notice"].defaults()
    model["drafts"] = _drafts(reviewed, draft_options, git, today)
    model["tracks"] = _tracks(reviewed, graph, site, engine, cfg)
    model["findings"] = _findings(result.findings, site)
    inbound_changed = _inbound_changed(graph, git, changes) if changes is not None else None
    candidates = dict(reviewed)
    for entry in inbound_changed or ():
        # a page the change stopped linking to may have become an orphan
        if entry["removed"] and entry["path"] in graph.docs:
            candidates.setdefault(entry["path"], graph.docs[entry["path"]])
    model["links"] = {
        "orphans": graph.orphans(candidates),
        "broken": _broken(result.findings, site),
        "inbound_changed": inbound_changed,
        "external": _external(result, site),
    }
    model["checklist"] = _checklist(model, stale_days)
    model["git_note"] = (NOT_GIT_NOTE if not git.ok else "") or (
        SHALLOW_NOTE if git.shallow else ""
    )
    return model, list(result.errors)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _scope_path(site, given: str) -> str:
    absolute = os.path.abspath(given)
    return site.rel(absolute) if site.contains(absolute) else display_path(absolute)


def _site_title(site, root: str) -> str:
    title = site.config.get("title")
    if isinstance(title, (str, int, float)) and str(title).strip():
        return str(title).strip()
    return os.path.basename(os.path.abspath(root)) or root


def _doc_title(doc: Document) -> str:
    title = doc.data.get("title")
    if isinstance(title, (str, int, float)) and str(title).strip():
        return " ".join(str(title).split())
    for tok in markdown.walk(doc.tokens):
        if tok["type"] == "heading":
            return " ".join(tok.get("text", "").split()) or doc.rel
    return doc.rel


def _rel_path(site, shown: str) -> str:
    absolute = os.path.abspath(shown)
    return site.rel(absolute) if site.contains(absolute) else shown


def _by_rule(findings) -> list[dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for f in findings:
        row = table.setdefault(f.rule, {"rule": f.rule, "error": 0, "warning": 0, "info": 0})
        row[f.severity or "error"] += 1
    return sorted(table.values(), key=lambda r: (-r["error"], -r["warning"], -r["info"], r["rule"]))


# ------------------------------------------------------------------ drafts
def _drafts(
    reviewed: dict[str, Document], options: dict[str, Any], git: Git, today: _dt.date
) -> list[dict[str, Any]]:
    try:
        pattern = re.compile(options["pattern"])
    except re.error:
        pattern = None
    drafts = []
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


# ------------------------------------------------------------------ tracks
_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F][\w'\u2019-]*")
_CLAUSE_STOP = '.;:!?()[]\u201c\u201d"'


def _description_words(item) -> int:
    parts = []
    children = item.token.get("children", [])
    first = item.first_block
    for tok in markdown.walk(children):
        if tok["type"] not in ("paragraph", "block_text", "heading"):
            continue
        text = tok.get("text", "")
        if tok is first and item.bold_title:
            text = re.sub(r"^\s*(\*\*|__).+?\1[.:]?", "", text, count=1, flags=re.S)
        parts.append(text)
    text = re.sub(r"\]\([^)\s]*\)", "]", " ".join(parts))
    return len(_WORD_RE.findall(text))


def _cell(doc: Document, item) -> dict[str, Any]:
    title = item.bold_title
    if title is None:
        block = item.first_block
        title = (block.get("text", "") if block else "").strip().split("\n")[0]
    return {"title": " ".join(title.split()), "words": _description_words(item), "line": item.line}


def _tracks(reviewed, graph: LinkGraph, site, engine: Engine, cfg) -> list[dict[str, Any]]:
    numbering = engine.rules["milestone-numbering"]
    num_rc = cfg.rules.get("milestone-numbering")
    options = dict(num_rc.options if num_rc else numbering.defaults())
    # The word and the tracks come from the configuration: a ``consistency``
    # rule names its noun, its group of track documents and whether totals
    # count; without one, the milestone rules' paths and their word.
    wording = {"noun": "milestone", "totals": True}
    for rid, rc in sorted(cfg.rules.items()):
        kind = getattr(cfg.rule_objects.get(rid) or engine.rules.get(rid), "kind", "")
        if rc.enabled and kind == "consistency":
            wording = {"noun": rc.options["noun"], "totals": rc.options["totals"]}
            options["paths"] = list(rc.options["group"])
            break
    reviewed_folders = {posixpath.dirname(rel) for rel in reviewed}
    groups: dict[str, list[tuple[Document, Any]]] = {}
    for rel in sorted(graph.docs):
        folder = posixpath.dirname(rel)
        if folder not in reviewed_folders:
            continue
        doc = graph.docs[rel]
        if not doc.readable or not milestone_page(doc, options["paths"]):
            continue
        runs = milestone_runs(doc, options["min-items"])
        if runs:
            groups.setdefault(folder, []).append((doc, runs[0]))
    tracks = []
    for folder in sorted(groups):
        members = groups[folder]
        if not any(doc.rel in reviewed for doc, _ in members):
            continue
        tracks.append(_track(folder, members, graph, site, numbering, options, wording))
    return tracks


def _track(folder, members, graph, site, numbering, options, wording) -> dict[str, Any]:
    documents = [
        {"path": doc.rel, "title": _doc_title(doc), "count": len(run.items)} for doc, run in members
    ]
    counts = [d["count"] for d in documents]
    rows = []
    for n in range(1, max(counts) + 1):
        rows.append(
            {
                "number": n,
                "cells": [
                    _cell(doc, run.items[n - 1]) if n <= len(run.items) else None
                    for doc, run in members
                ],
            }
        )
    checks = []
    if len(counts) > 1:
        checks.append(
            {
                "check": "equal lengths",
                "ok": len(set(counts)) == 1,
                "detail": _and([str(c) for c in counts]),
            }
        )
    problems = []
    for doc, _ in members:
        for f in numbering.check(doc, site, options):
            problems.append(f"{doc.rel} line {f.line}: {f.message}")
    if problems:
        checks.append({"check": "numbering", "ok": False, "detail": "; ".join(problems)})
    else:
        where = "in both" if len(members) == 2 else ("in all" if len(members) > 2 else "")
        span = f"1 to {counts[0]}" if len(set(counts)) == 1 else _and([f"1 to {c}" for c in counts])
        checks.append(
            {
                "check": "numbering",
                "ok": True,
                "detail": " ".join(x for x in (span, where) if x) + ", no gaps",
            }
        )
    balance = _balance(members, rows)
    if balance:
        checks.append(balance)
    references = _references(members, graph, counts, wording["noun"], wording["totals"])
    bad = [r for r in references if not r["in_range"]]
    checks.append(
        {
            "check": "references",
            "ok": not bad,
            "detail": (
                f"{len(references)} mention{'s' if len(references) != 1 else ''} "
                f"on other pages, {len(bad)} out of range"
            ),
        }
    )
    return {
        "name": folder or "(site root)",
        "documents": documents,
        "rows": rows,
        "checks": checks,
        "references": references,
    }


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _balance(members, rows) -> dict[str, Any] | None:
    """Is any description more than twice as long as another of its track?"""
    worst = None
    for col, (doc, _) in enumerate(members):
        cells = [(row["number"], row["cells"][col]) for row in rows if row["cells"][col]]
        cells = [(n, c["words"]) for n, c in cells if c["words"]]
        if len(cells) < 2:
            continue
        long_n, long_w = max(cells, key=lambda nc: (nc[1], -nc[0]))
        short_n, short_w = min(cells, key=lambda nc: (nc[1], nc[0]))
        if long_w > 2 * short_w and (worst is None or long_w / short_w > worst[0]):
            worst = (long_w / short_w, doc, long_n, long_w, short_n, short_w)
    if worst is None:
        return {
            "check": "description lengths",
            "ok": True,
            "detail": "no description is more than twice as long as another in its track",
        }
    _, doc, long_n, long_w, short_n, short_w = worst
    name = _doc_title(doc)
    return {
        "check": "description lengths",
        "ok": False,
        "detail": f"{name} milestone {long_n} has {long_w} words, more than twice "
        f"milestone {short_n} ({short_w})",
    }


def _references(
    members, graph: LinkGraph, counts: list[int], noun: str, totals: bool
) -> list[dict[str, Any]]:
    track_paths = {doc.rel for doc, _ in members}
    sources = sorted(
        {
            src
            for t in track_paths
            for src in graph.inbound.get(t, ())
            if src not in track_paths and src in graph.docs
        }
    )
    out = []
    for src in sources:
        doc = graph.docs[src]
        for index, _column, ref in references.in_document(doc, noun):
            ok = references.in_range(ref, counts, totals)
            out.append({"path": src, "line": index, "text": ref.text, "in_range": ok})
    return out


# ---------------------------------------------------------------- findings
def _findings(findings, site) -> list[dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for f in findings:
        path = _rel_path(site, f.path)
        entry = docs.setdefault(
            path, {"path": path, "counts": {s: 0 for s in SEVERITIES}, "items": []}
        )
        sev = f.severity or "error"
        entry["counts"][sev] += 1
        entry["items"].append(
            {
                "line": f.line,
                "column": f.column,
                "rule": f.rule,
                "severity": sev,
                "message": f.message,
                "source": f.source,
            }
        )
    for entry in docs.values():
        entry["items"].sort(
            key=lambda i: (
                SEVERITY_RANK[i["severity"]],
                i["line"],
                i["column"],
                i["rule"],
                i["message"],
            )
        )
    return sorted(
        docs.values(),
        key=lambda e: (
            -e["counts"]["error"],
            -e["counts"]["warning"],
            -e["counts"]["info"],
            e["path"],
        ),
    )


def _broken(findings, site) -> list[dict[str, Any]]:
    out = []
    for f in findings:
        if f.rule not in LINK_RULES or "cannot check" in f.message:
            continue
        out.append(
            (
                _rel_path(site, f.path),
                f.line,
                f.column,
                {
                    "path": _rel_path(site, f.path),
                    "line": f.line,
                    "target": _target_at(f.source or "", f.column, f.rule),
                    "message": f.message,
                },
            )
        )
    out.sort(key=lambda b: b[:3])
    return [b[3] for b in out]


_TAG_AT_RE = re.compile(r"\{%-?\s*\w+\s+(.*?)\s*-?%\}")
_DEST_AT_RE = re.compile(r"<[^>\n]*>|[^\s)]+")


def _external(result, site) -> dict[str, Any] | None:
    """What the external link check found (None: it did not run): its
    counts, and the links to dead URLs and URLs that could not be checked."""
    stats = result.external
    if stats is None:
        return None
    dead = []
    for f in result.findings:
        if f.rule == "link-external" and f.severity in ("error", "warning") and f.line:
            url = f.message[1:].split("'", 1)[0] if f.message.startswith("'") else ""
            dead.append(
                {
                    "path": _rel_path(site, f.path),
                    "line": f.line,
                    "url": url,
                    "severity": f.severity,
                    "message": f.message,
                }
            )
    return {
        "urls": stats.urls,
        "checked": stats.checked,
        "cached": stats.cached,
        "dead": stats.dead,
        "unavailable": stats.unavailable,
        "links": dead,
    }


def _target_at(source: str, column: int, rule: str) -> str:
    """The link target a link finding points at, read from its source line."""
    rest = source[column - 1 :] if column >= 1 else source
    if rule == "link-tag":
        m = _TAG_AT_RE.match(rest)
        return liquid.link_path(m.group(1)) if m else rest[:80]
    if rule == "link-target":
        m = _DEST_AT_RE.match(rest)
        return m.group() if m else rest[:80]
    for closer in (")", "%}"):
        end = rest.find(closer)
        if end >= 0:
            return rest[: end + len(closer)][:120]
    return rest[:80]


# ------------------------------------------------------------------- links
_HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"<>\n]*)"|'([^'<>\n]*)')""")
_LOOP_RE = re.compile(r"\bsite\.(\w+)")
_DATA_KEYS = {"link", "url", "href", "path", "permalink", "page"}
_MAX_DATA_NODES = 50_000


class LinkGraph:
    """Who links to whom in the site: ``{% link %}`` tags, Markdown links in
    every Markdown file, ``{% link %}`` and ``href`` in HTML files (layouts,
    includes, pages) and link entries of ``_data`` files. Targets are source
    paths relative to the site root. A link built from Liquid counts for every
    page it can produce when a literal folder precedes the variable
    (``/people/{{ p.key }}.html``); loops over ``site.pages`` (search
    indexes) do not count as links, loops over a collection do."""

    def __init__(self, site, reviewed: dict[str, Document]):
        self.site = site
        self.docs: dict[str, Document] = {}
        self.outbound: dict[str, set[str]] = {}
        self.looped: set[str] = set()  # collections some Liquid loop lists
        layout_templates: dict[str, list[str]] = {}  # layout name -> relative hrefs in it
        for rel in site.files:
            ext = posixpath.splitext(rel)[1].lower()
            if ext in site.markdown_exts:
                if site.excluded(rel):
                    continue
                doc = reviewed.get(rel) or Document.load(site.abspath(rel), rel, rel)
                if not doc.readable:
                    continue
                self.docs[rel] = doc
                self.outbound[rel] = self.targets_of(doc)
                self._loops(doc.text)
            elif ext in (".html", ".htm", ".liquid", ".xml") and not site.excluded(rel):
                text = _read_text(site.abspath(rel))
                if text is None:
                    continue
                self.outbound[rel] = self._html_targets(rel, text)
                self._loops(text)
                if rel.startswith("_layouts/"):
                    name = posixpath.splitext(rel[len("_layouts/") :])[0]
                    layout_templates[name] = [
                        h
                        for h in _hrefs(text)
                        if "{{" in h
                        and not h.startswith("/")
                        and not links.BASEURL_RE.match(h)
                        and not links.SCHEME_RE.match(h)
                    ]
            elif rel.startswith("_data/") and ext in (".yml", ".yaml", ".json"):
                self.outbound[rel] = self._data_targets(_read_text(site.abspath(rel)))
        for rel, doc in self.docs.items():
            # a layout's relative templated links ("{{ theme.name }}.html") resolve from
            # each page that uses the layout
            hrefs = layout_templates.get(str(doc.data.get("layout", "")))
            if hrefs and doc.rendered:
                base = site.url_of(rel) or "/" + rel
                for href in hrefs:
                    self.outbound[rel].update(self._template_targets(base, href))
        self.inbound: dict[str, set[str]] = {}
        for src, targets in self.outbound.items():
            for t in targets:
                if t != src:
                    self.inbound.setdefault(t, set()).add(src)

    def _loops(self, text: str) -> None:
        if "site." in text:
            for m in _LOOP_RE.finditer(text):
                self.looped.add(m.group(1))

    # ------------------------------------------------------- extraction
    def targets_of(self, doc: Document) -> set[str]:
        out: set[str] = set()
        for tag in doc.liquid.tags:
            if tag.kind == "tag" and tag.name == "link" and tag.region is None:
                path = liquid.link_path(tag.markup)
                if path and not liquid.has_liquid(path) and path.lstrip("/") in self.site.file_set:
                    out.add(path.lstrip("/"))
        for pl in doc.links:
            if pl.dest is not None:
                target = self.resolve(doc.rel, pl.dest, doc.rendered)
                if target:
                    out.add(target)
        out.update(self._path_values(doc.data))
        return out

    def _path_values(self, data: Any) -> set[str]:
        """Strings of front matter or data naming a Markdown file of the site
        (``details_link: society/events/next.md``, used as ``{% link {{ ... }} %}``)."""
        out: set[str] = set()
        stack = [data]
        seen = 0
        while stack and seen < _MAX_DATA_NODES:
            value = stack.pop()
            seen += 1
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif (
                isinstance(value, str)
                and value.strip().lstrip("/") in self.site.file_set
                and posixpath.splitext(value.strip())[1].lower() in self.site.markdown_exts
            ):
                out.add(value.strip().lstrip("/"))
        return out

    def _html_targets(self, rel: str, text: str) -> set[str]:
        out: set[str] = set()
        scan = liquid.scan(text)
        for tag in scan.tags:
            if tag.kind == "tag" and tag.name == "link" and tag.region is None:
                path = liquid.link_path(tag.markup)
                if path and not liquid.has_liquid(path) and path.lstrip("/") in self.site.file_set:
                    out.add(path.lstrip("/"))
        rendered = not rel.startswith(("_layouts/", "_includes/"))
        base = (self.site.url_of(rel) or "/" + rel) if rendered else ""
        for href in _hrefs(text):
            absolute = href.startswith("/") or links.BASEURL_RE.match(href) is not None
            if not absolute and not rendered:
                continue
            if "{{" in links.BASEURL_RE.sub("", href, count=1) or "{%" in href:
                out.update(self._template_targets(base, href))
                continue
            target = self.resolve(rel, href, True)
            if target:
                out.add(target)
        return out

    def _template_targets(self, base_url: str, href: str) -> set[str]:
        """Pages a link built with Liquid can reach: ``/society/contributors/{{ key }}.html``
        stands for every URL it can produce, ``/society/contributors/*.html``.
        Only templates with a literal folder before the first variable count."""
        if "{%" in href:
            return set()
        site = self.site
        m = links.BASEURL_RE.match(href)
        if m:
            href = "/" + href[m.end() :].lstrip("/")
        href = href.split("#", 1)[0].split("?", 1)[0]
        holder = "\x00"
        path = re.sub(r"\{\{.*?\}\}", holder, href)
        if "{" in path or "}" in path or not path:
            return set()
        if not path.startswith("/"):
            if not base_url:
                return set()
            base_dir = base_url if base_url.endswith("/") else posixpath.dirname(base_url) + "/"
            path = posixpath.normpath(posixpath.join(base_dir, path)) + (
                "/" if path.endswith("/") else ""
            )
        prefix = path.split(holder, 1)[0]
        if holder not in path:
            source = site.resolve_url(unquote(path))
            return {source} if source else set()
        if "/" not in prefix or len(prefix.strip("/")) == 0:
            return set()
        if href.startswith("{{") and not re.search(r"\}\}[^{}/]*\.\w+$", href):
            return set()  # "{{ item.url }}" may be any address; "{{ name }}.html" is a page here
        pattern = re.compile(
            "".join(
                "[^/]+" if part == holder else re.escape(part) for part in re.split("(\x00)", path)
            )
            + "$"
        )
        return {src for url, src in site.url_map.items() if pattern.match(url)}

    def _data_targets(self, text: str | None) -> set[str]:
        out: set[str] = set()
        if not text:
            return out
        try:
            data = yamlread.load(text, max_nodes=yamlread.MAX_DATA_NODES)
        except yamlread.YAMLProblem:
            return out
        stack: list[tuple[Any, Any]] = [(None, data)]
        seen = 0
        while stack and seen < _MAX_DATA_NODES:
            key, value = stack.pop()
            seen += 1
            if isinstance(value, dict):
                stack.extend((k, v) for k, v in value.items())
            elif isinstance(value, list):
                stack.extend((key, v) for v in value)
            elif isinstance(value, str):
                value = value.strip()
                liquid_link = re.match(r"^\{%-?\s*link\s+(.+?)\s*-?%\}$", value)
                if liquid_link:
                    path = liquid.link_path(liquid_link.group(1)).lstrip("/")
                    if path in self.site.file_set:
                        out.add(path)
                elif str(key).lower() in _DATA_KEYS or value.startswith("/"):
                    if value.startswith(("/", "{{")) and not value.startswith("//"):
                        target = self.resolve("", value, True)
                        if target:
                            out.add(target)
        return out

    def resolve(self, rel: str, dest: str, rendered: bool) -> str | None:
        """The source path a link destination reaches, or None (outside
        address, fragment only, Liquid, or nothing there)."""
        site = self.site
        target = links.site_target(site, rel, rendered, dest)
        if target is None:
            return None
        kind, value = target
        if kind == "source":
            return value if value in site.file_set else None
        source = site.resolve_url(value)
        if source is not None:
            return source
        # a link to a page's source file: broken on the site, but meant for that page
        candidate = value.lstrip("/")
        return candidate if candidate in site.file_set else None

    # ---------------------------------------------------------- orphans
    def orphans(self, reviewed: dict[str, Document]) -> list[str]:
        """Reviewed pages that Jekyll renders and no other file links to.
        Index pages and 404 pages are entry points, not orphans; documents of
        a collection that a Liquid loop lists (``site.<name>``) are reached."""
        out = []
        for rel, doc in reviewed.items():
            if not doc.readable or not doc.rendered:
                continue
            stem = posixpath.splitext(posixpath.basename(rel))[0]
            if stem in ("index", "404"):
                continue
            kind = self.site.classify(rel)
            if kind not in ("page", "document") or self.site.url_of(rel) is None:
                continue
            if kind == "document":
                col = self.site.collection_of(rel)
                if col is not None and (col.name in self.looped or "collections" in self.looped):
                    continue
            if not self.inbound.get(rel):
                out.append(rel)
        return sorted(out)


def _hrefs(text: str) -> list[str]:
    return [
        (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        for m in _HREF_RE.finditer(text)
    ]


def _read_text(path: str) -> str | None:
    try:
        with safeio.open_in_site(path, os.path.dirname(path)) as fh:
            raw = fh.read(5 * 1024 * 1024)
    except OSError:
        return None
    if b"\x00" in raw[:8192]:
        return None
    return raw.decode("utf-8-sig", "replace").replace("\r\n", "\n")


def _inbound_changed(graph: LinkGraph, git: Git, changes: Changes) -> list[dict[str, Any]]:
    """Pages whose set of linking files differs between the revision and the
    work tree. A changed file is read at the revision (one ``git cat-file
    --batch``; a renamed file under its old name) and its old links are
    resolved against today's site, with removed files standing where they
    were; a file that did not change but links to a file the change renamed
    or deleted no longer reaches it. A renamed page keeps its links under its
    new name."""
    site = graph.site
    real_root = os.path.realpath(site.root)
    removed = site_rels(changes.removed, real_root)  # site path -> absolute path
    renamed: dict[str, str] = {}  # site path at the revision -> site path now
    for old_abs, new_abs in changes.renamed.items():
        old_rel, new_rel = site_rel(old_abs, real_root), site_rel(new_abs, real_root)
        if old_rel is not None and new_rel is not None:
            renamed[old_rel] = new_rel
    changed = sorted(set(site_rels(changes.changed, real_root)) | set(removed))
    relevant = [p for p in changed if _link_source(site, p) and p not in renamed]
    was = {new: old for old, new in renamed.items()}  # current path -> path at the revision
    contents = git.old_contents(changes.revision, [was.get(p, p) for p in relevant])
    old = {p: contents[was.get(p, p)] for p in relevant if was.get(p, p) in contents}
    urls = old_urls(site, removed, changes) if removed else {}
    gone = set(removed)

    def now(rel: str) -> str:
        return renamed.get(rel, rel)

    added: dict[str, set[str]] = {}
    dropped: dict[str, set[str]] = {}
    for path in relevant:
        before = (
            {now(t) for t in _targets_from_bytes(graph, path, old[path], gone, urls)}
            if (path in old)
            else set()
        )
        after = graph.outbound.get(path, set())
        for t in after - before:
            if t != path:
                added.setdefault(t, set()).add(path)
        for t in before - after:
            if t != path:
                dropped.setdefault(t, set()).add(path)
    if removed:
        unchanged = [site.abspath(rel) for rel in graph.docs if rel not in changed]
        for path, targets in linked_removed(site, unchanged, removed, changes).items():
            for t in targets:
                dropped.setdefault(now(t), set()).add(site.rel(path))
    out = []
    for target in sorted(set(added) | set(dropped)):
        out.append(
            {
                "path": target,
                "added": sorted(added.get(target, ())),
                "removed": sorted(dropped.get(target, ())),
            }
        )
    return out


def _link_source(site, rel: str) -> bool:
    ext = posixpath.splitext(rel)[1].lower()
    if rel.startswith("_data/"):
        return ext in (".yml", ".yaml", ".json")
    return ext in site.markdown_exts or ext in (".html", ".htm", ".liquid", ".xml")


def _targets_from_bytes(
    graph: LinkGraph, rel: str, raw: bytes, removed: set[str], urls: dict[str, str]
) -> set[str]:
    """The files ``rel`` linked to with the content ``raw`` (removed files included)."""
    site = graph.site
    ext = posixpath.splitext(rel)[1].lower()
    if rel.startswith("_data/"):
        return graph._data_targets(raw.decode("utf-8-sig", "replace"))
    if ext in site.markdown_exts:
        doc = Document.from_bytes(site.abspath(rel), rel, rel, raw)
        if not doc.readable:
            return set()
        return graph.targets_of(doc) | removed_targets(doc, site, removed, urls)
    return graph._html_targets(rel, raw.decode("utf-8-sig", "replace").replace("\r\n", "\n"))


# --------------------------------------------------------------- checklist
def _checklist(model: dict[str, Any], stale_days: int) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    for d in model["drafts"]:
        if d["age_days"] is not None and d["age_days"] > stale_days:
            items.append(
                {
                    "text": f"{d['path']} has been a draft for {d['age_days']} days (notice "
                    f"added {d['notice_added']}): publish it or update the notice",
                    "kind": "stale-draft",
                }
            )
    for d in model["drafts"]:
        if not d["consistent"]:
            items.append(
                {
                    "text": f"{d['path']}: {d['remark']}; decide whether it is a draft and "
                    "make the front matter and the notice agree",
                    "kind": "draft-inconsistent",
                }
            )
    for track in model["tracks"]:
        for check in track["checks"]:
            if check["ok"]:
                continue
            if check["check"] == "equal lengths":
                items.append(
                    {
                        "text": f"the milestone tracks in {_folder(track)} have different "
                        f"lengths ({check['detail']}): add or remove milestones so "
                        "they match, or say why they differ",
                        "kind": "track-length",
                    }
                )
            elif check["check"] == "numbering":
                items.append(
                    {"text": f"milestone numbering: {check['detail']}", "kind": "track-numbering"}
                )
            elif check["check"] == "description lengths":
                items.append(
                    {
                        "text": f"{check['detail']}: check the track reads evenly",
                        "kind": "track-balance",
                    }
                )
        for ref in track["references"]:
            if not ref["in_range"]:
                items.append(
                    {
                        "text": f"{ref['path']} line {ref['line']} says \u201c{ref['text']}"
                        f"\u201d, which does not match the milestone tracks in "
                        f"{_folder(track)} ({_and([str(d['count']) for d in track['documents']])}"
                        " milestones): update the text",
                        "kind": "track-reference",
                    }
                )
    orphans = model["links"]["orphans"]
    if len(orphans) > 10:
        items.append(
            {
                "text": f"{len(orphans)} pages are linked from no page (see Links): link "
                "them or remove them",
                "kind": "orphan",
            }
        )
    else:
        for path in orphans:
            items.append(
                {"text": f"{path} is linked from no page: link it or remove it", "kind": "orphan"}
            )
    broken = len(model["links"]["broken"])
    if broken:
        items.append(
            {
                "text": f"Fix the {broken} broken link{'s' if broken != 1 else ''}",
                "kind": "broken-links",
            }
        )
    external = model["links"].get("external")
    dead = external["dead"] if external else 0
    if dead:
        items.append(
            {
                "text": f"Replace or remove the links to {dead} dead "
                f"URL{'s' if dead != 1 else ''} on other sites",
                "kind": "dead-links",
            }
        )
    errors = model["counts"].get("error", 0)
    if errors:
        items.append(
            {
                "text": f"Fix the {errors} error{'s' if errors != 1 else ''} before merging",
                "kind": "errors",
            }
        )
    return items


def _folder(track: dict[str, Any]) -> str:
    name = track["name"]
    return "the site root" if name == "(site root)" else name + "/"


def render(model: dict[str, Any], fmt: str) -> str:
    from . import review_render

    if fmt == "html":
        return review_render.render_html(model)
    return review_render.render_markdown(model)
