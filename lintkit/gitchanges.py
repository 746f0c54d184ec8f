"""``lintkit check --since REF``: the Markdown files a change range concerns.

The range is the working tree against the revision ``REF`` (what ``git diff REF``
shows: commits after REF, staged and unstaged edits) plus untracked files that are
not ignored. Checked are:

1. every Markdown file of the site added, modified or renamed (its new path) in
   the range;
2. every other Markdown file of the site that links to a file deleted or renamed
   away in the range: through ``{% link %}``, ``{% include %}``,
   ``{% include_relative %}`` or ``{% post_url %}``, or through a relative or
   site-absolute Markdown link or image that reaches the removed file's source
   path or the URL the file was served at;
3. every Markdown file of the site when ``_config.yml`` or the lintkit
   configuration file changed (they decide URLs, exclusions and rules for all).

The site index is the working tree, so a page linking to a removed file is
reported broken. The URL a removed file was served at is computed from its
content at REF (front matter ``permalink``) under the current ``_config.yml``.
The files are restricted to the PATHS given, like a plain ``check``.

Git problems (git missing, not a repository, unknown revision) raise ``GitError``,
a ``UsageError``: one ``lintkit: error: ...`` line and exit code 2.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from collections.abc import Iterable
from typing import BinaryIO
from urllib.parse import unquote

from . import links
from .config import CONFIG_NAMES
from .document import Document
from .engine import Engine
from .errors import UsageError
from .git import Changes, Git, GitError
from .liquid import Tag, has_liquid, include_target, link_path
from .site import Site

SITE_CONFIG = "_config.yml"


def changes_since(ref: str, folder: str) -> Changes:
    """The changes between ``ref`` and the working tree of the repository holding ``folder``."""
    repo = Git(folder)
    if not repo.ok:
        if repo.error.startswith("git is not installed"):
            raise GitError(f"--since needs git, and {repo.error}")
        raise GitError(
            f"--since needs a git repository, and '{folder}' is not in one"
            + (f" (git: {repo.error})" if repo.error else "")
        )
    return repo.changes(ref)


# ------------------------------------------------------------------ selection
def select(
    engine: Engine, paths: Iterable[str], ref: str, known: dict[str, Changes] | None = None
) -> list[str]:
    """Absolute paths of the files ``check --since ref`` checks, sorted
    (``known``: site root -> its changes, when the caller has them already)."""
    paths = list(paths)
    changes_of: dict[str, Changes] = dict(known or {})  # site root -> changes of its repository
    for given in paths:
        if not os.path.exists(given):
            raise UsageError(f"path '{given}' does not exist")
        root = engine.root_for(os.path.abspath(given))
        if root not in changes_of:  # git errors surface even when PATHS hold no page
            changes_of[root] = changes_since(ref, root)
    candidates: dict[str, list[str]] = {}  # site root -> files a full check of PATHS checks
    for path, root in engine.discover(paths):
        candidates.setdefault(root, []).append(path)
    out: set[str] = set()
    for root, files in candidates.items():
        changes = changes_of.get(root) or changes_of.setdefault(root, changes_since(ref, root))
        real_root = os.path.realpath(root)
        touched = changes.changed | changes.removed
        configs = {os.path.join(real_root, name) for name in (SITE_CONFIG, *CONFIG_NAMES)}
        cfg_path = engine.config(root).path
        if cfg_path:
            configs.add(os.path.realpath(cfg_path))
        if configs & touched:
            out.update(files)
            continue
        unchanged = []
        for path in files:
            if os.path.realpath(path) in changes.changed:
                out.add(path)
            else:
                unchanged.append(path)
        removed = site_rels(changes.removed, real_root)
        if removed and unchanged:
            out.update(linkers(engine.site(root), unchanged, removed, changes))
    return sorted(out)


def renames(site: Site, changes: Changes) -> tuple[dict[str, str], dict[str, str]]:
    """(old site path -> new site path, URL the old path was served at -> new
    site path) of the files of ``site`` renamed in ``changes``: what the link
    fixes of ``check --since REF --fix`` follow."""
    real_root = os.path.realpath(site.root)
    paths: dict[str, str] = {}
    old_abs: dict[str, str] = {}
    for old, new in changes.renamed.items():
        a, b = site_rel(old, real_root), site_rel(new, real_root)
        if a is not None and b is not None:
            paths[a] = b
            old_abs[a] = old
    urls = {url: paths[rel] for url, rel in old_urls(site, old_abs, changes).items()}
    return paths, urls


def site_rel(real: str, real_root: str) -> str | None:
    """The site path of the absolute path ``real`` (None: outside ``real_root``)."""
    rel = os.path.relpath(real, real_root)
    if (
        rel == os.curdir
        or rel == os.pardir
        or rel.startswith(os.pardir + os.sep)
        or os.path.isabs(rel)
    ):
        return None
    return rel.replace(os.sep, "/")


def site_rels(paths: Iterable[str], real_root: str) -> dict[str, str]:
    """Site path -> absolute path, for those of ``paths`` inside ``real_root``."""
    out = {}
    for path in paths:
        rel = site_rel(path, real_root)
        if rel is not None:
            out[rel] = path
    return out


# -------------------------------------------------------------------- linkers
class _Then(Site):
    """The current site, except that removed files read from a copy of their old
    content: enough for ``url_of`` to say where a removed file was served."""

    def __init__(self, site: Site, shadow: dict[str, str]):
        super().__init__(site.root, site.config, site.config_error)
        self._shadow = shadow

    def abspath(self, rel: str) -> str:
        return self._shadow.get(rel) or super().abspath(rel)

    def open_source(self, rel: str) -> BinaryIO:
        shadow = self._shadow.get(rel)  # lintkit's own copy, in a temporary folder
        return open(shadow, "rb") if shadow else super().open_source(rel)


def old_urls(site: Site, removed: dict[str, str], changes: Changes) -> dict[str, str]:
    """URL -> removed site path, for every removed file Jekyll served."""
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="lintkit-since-") as tmp:
        shadow = {}
        for n, (rel, path) in enumerate(sorted(removed.items())):
            copy = os.path.join(tmp, f"{n}{os.path.splitext(rel)[1]}")
            with open(copy, "wb") as fh:
                fh.write(changes.old_bytes(path)[:65536])
            shadow[rel] = copy
        then = _Then(site, shadow)
        for rel in sorted(removed):
            url = then.url_of(rel)
            if url is not None:
                out.setdefault(url, rel)
    return out


def _url_forms(url: str) -> set[str]:
    """The URLs a link to ``url`` may be served by (as ``Site.resolve_url`` tries them)."""
    forms = {url, url + ".html", url + "/", url + "/index.html"}
    if url.endswith("/"):
        forms.add(url + "index.html")
    if url.endswith("/index.html"):
        forms.add(url[:-10])
    return forms


def _tokens(removed: Iterable[str], urls: Iterable[str]) -> set[str] | None:
    """Words one of which a file must contain to link to a removed file; None: any file may."""
    tokens = set()
    for item in list(removed) + list(urls):
        parts = [p for p in item.split("/") if p and p != "index.html"]
        if not parts:
            return None
        stem = posixpath.splitext(parts[-1])[0]
        if not stem:
            return None
        tokens.add(stem)
    return tokens


def linkers(
    site: Site, files: Iterable[str], removed: dict[str, str], changes: Changes
) -> list[str]:
    """Those of ``files`` (absolute paths in ``site``) that link to a removed file."""
    return sorted(linked_removed(site, files, removed, changes))


def linked_removed(
    site: Site, files: Iterable[str], removed: dict[str, str], changes: Changes
) -> dict[str, set[str]]:
    """Those of ``files`` (absolute paths in ``site``) that link to a removed
    file -> the removed site paths each links to."""
    urls = old_urls(site, removed, changes)
    tokens = _tokens(removed, urls)
    out: dict[str, set[str]] = {}
    for path in files:
        rel = site.rel(path)
        doc = Document.load(path, rel, rel)
        if not doc.readable:
            continue
        if tokens is not None:
            text = doc.text if "%" not in doc.text else doc.text + "\n" + unquote(doc.text)
            if not any(t in text for t in tokens):
                continue
        found = removed_targets(doc, site, set(removed), urls)
        if found:
            out[path] = found
    return out


def removed_targets(doc: Document, site: Site, removed: set[str], urls: dict[str, str]) -> set[str]:
    """The removed site paths ``doc`` links to (``urls``: old URL -> removed path)."""
    out: set[str] = set()
    for tag in doc.liquid.tags:
        if tag.region is not None or tag.kind != "tag":
            continue
        target = _tag_target(doc, site, tag, removed)
        if target is not None and target in removed:
            out.add(target)
    for pl in doc.links:
        if pl.dest is None:
            continue
        kind, value = links.site_target(site, doc.rel, doc.rendered, pl.dest) or (None, "")
        if kind == "source" and value in removed:
            out.add(value)
        elif kind == "url":
            if value.lstrip("/") in removed:
                out.add(value.lstrip("/"))
            out.update(urls[u] for u in sorted(_url_forms(value) & urls.keys()))
    return out


def _tag_target(doc: Document, site: Site, tag: Tag, removed: set[str]) -> str | None:
    if tag.name == "link":
        path = link_path(tag.markup)
        return None if not path or has_liquid(path) else path.lstrip("/")
    if tag.name in ("include", "include_relative"):
        target = include_target(tag.markup)
        if not target or has_liquid(target):
            return None
        if tag.name == "include":
            includes = str(site.config.get("includes_dir") or "_includes").strip("/")
            return posixpath.normpath(f"{includes}/{target}")
        return posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), target))
    if tag.name == "post_url":
        name = tag.markup.strip().strip("'\"")
        for rel in removed:
            if "_posts/" in rel:
                stem = posixpath.splitext(rel.split("_posts/", 1)[1])[0]
                if stem == name or posixpath.basename(stem) == posixpath.basename(name):
                    return rel
    return None
