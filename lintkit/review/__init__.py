"""``lintkit review``: build the review model of a site (see ``lintkit.review_model``).

``build(paths, ...)`` runs the engine over the documents, then adds what a
reviewer of a content change wants to see beside the findings: the drafts
(with git dates of their notices), the milestone tracks side by side with the
prose that refers to them, orphan pages and broken links, and a checklist.
It returns the plain-data model; ``lintkit.review_render`` turns it into
Markdown or HTML. Nothing here prints.

Git is optional: outside a work tree every git value is ``None`` and the model
says so in ``git_note`` (which also warns when the clone is shallow). Git is
asked through ``lintkit.git``: one question for the revision, one per draft
for the date its notice arrived (following renames) and one for the last
change of every draft at once; with ``--since``, what ``check --since`` asks
(``lintkit.gitchanges``) and one ``cat-file --batch`` for old contents.

The parts, one module each: ``drafts`` (the Drafts table), ``tracks`` (tracks
side by side and references to them), ``findings`` (findings by page, broken
links), ``linkgraph`` (who links to whom, and what a change did to that),
``checklist``, ``changes`` (what changed since REF: word diffs of milestones,
changed pages, removed notices); ``common`` holds what they share.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Sequence
from typing import Any

from .. import git as git_module
from ..engine import Engine, display_path
from ..errors import UsageError
from ..findings import Finding
from ..git import Changes, Git
from ..gitchanges import changes_since
from ..gitchanges import select as since_files
from ..site import Site
from . import changes as changes_module
from .checklist import checklist
from .drafts import draft_table
from .findings import broken_links, external_links, findings_by_page
from .linkgraph import LinkGraph, inbound_changed
from .tracks import track_tables

DEFAULT_STALE_DAYS = 90

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
    model["drafts"] = draft_table(reviewed, draft_options, git, today)
    model["tracks"] = track_tables(reviewed, graph, site, engine, cfg)
    model["findings"] = findings_by_page(result.findings, site)
    changed_links = inbound_changed(graph, git, changes) if changes is not None else None
    candidates = dict(reviewed)
    for entry in changed_links or ():
        # a page the change stopped linking to may have become an orphan
        if entry["removed"] and entry["path"] in graph.docs:
            candidates.setdefault(entry["path"], graph.docs[entry["path"]])
    model["links"] = {
        "orphans": graph.orphans(candidates),
        "broken": broken_links(result.findings, site, cfg.rule_objects),
        "inbound_changed": changed_links,
        "external": external_links(result, site),
    }
    numbering = cfg.rules.get("milestone-numbering")
    min_items = (
        numbering.options if numbering else engine.rules["milestone-numbering"].defaults()
    )["min-items"]
    changes_module.annotate(
        model, graph.docs, site, git, changes, int(min_items), str(draft_options["pattern"])
    )
    model["checklist"] = checklist(model, stale_days) + changes_module.checklist_items(model)
    model["git_note"] = (NOT_GIT_NOTE if not git.ok else "") or (
        SHALLOW_NOTE if git.shallow else ""
    )
    return model, list(result.errors)


def _scope_path(site: Site, given: str) -> str:
    absolute = os.path.abspath(given)
    return site.rel(absolute) if site.contains(absolute) else display_path(absolute)


def _site_title(site: Site, root: str) -> str:
    title = site.config.get("title")
    if isinstance(title, (str, int, float)) and str(title).strip():
        return str(title).strip()
    return os.path.basename(os.path.abspath(root)) or root


def _by_rule(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for f in findings:
        row = table.setdefault(f.rule, {"rule": f.rule, "error": 0, "warning": 0, "info": 0})
        row[f.severity or "error"] += 1
    return sorted(table.values(), key=lambda r: (-r["error"], -r["warning"], -r["info"], r["rule"]))


def render(model: dict[str, Any], fmt: str) -> str:
    from .. import review_render

    if fmt == "html":
        return review_render.render_html(model)
    return review_render.render_markdown(model)
