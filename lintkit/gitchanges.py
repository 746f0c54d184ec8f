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
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from . import links
from .config import CONFIG_NAMES
from .document import Document
from .engine import Engine, UsageError
from .liquid import has_liquid, include_target, link_path
from .site import Site

SITE_CONFIG = "_config.yml"
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_BASEURL_RE = re.compile(r"^\{\{-?\s*site\.baseurl\s*-?\}\}")


class GitError(UsageError):
    """git cannot answer: not installed, not a repository, unknown revision."""


@dataclass
class Changes:
    """What changed between ``revision`` and the working tree of ``toplevel``.

    Paths are absolute and resolved (``os.path.realpath``)."""

    toplevel: str
    revision: str  # the full commit id REF resolved to
    changed: set[str] = field(default_factory=set)  # added, modified, renamed-to, untracked
    removed: set[str] = field(default_factory=set)  # deleted, renamed-from

    def old_bytes(self, path: str) -> bytes:
        """The content a removed file had at the revision (b"" if git cannot say)."""
        rel = os.path.relpath(path, self.toplevel).replace(os.sep, "/")
        proc = _run(["cat-file", "blob", f"{self.revision}:{rel}"], self.toplevel)
        return proc.stdout if proc.returncode == 0 else b""


def _run(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("--since needs git, and git is not installed (or not on PATH)") from None
    except OSError as exc:
        raise GitError(f"--since: cannot run git: {exc}") from None


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


def changes_since(ref: str, folder: str) -> Changes:
    """The changes between ``ref`` and the working tree of the repository holding ``folder``."""
    proc = _run(["rev-parse", "--show-toplevel"], folder)
    if proc.returncode != 0:
        why = _first_line(proc.stderr)
        raise GitError(
            f"--since needs a git repository, and '{folder}' is not in one"
            + (f" (git: {why})" if why else "")
        )
    toplevel = os.path.realpath(os.fsdecode(proc.stdout.rstrip(b"\r\n")))
    if not ref.strip() or ref.startswith("-"):
        raise GitError(f"--since: '{ref}' is not a git revision; give a branch, tag or commit")
    proc = _run(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], toplevel)
    if proc.returncode != 0:
        hint = "give a branch, tag or commit that exists in this clone"
        shallow = _run(["rev-parse", "--is-shallow-repository"], toplevel)
        if shallow.stdout.strip() == b"true":
            hint += (
                "; this clone is shallow, so older commits are missing: fetch more history "
                "(e.g. actions/checkout with fetch-depth: 0)"
            )
        raise GitError(f"--since: unknown git revision '{ref}'; {hint}")
    revision = proc.stdout.decode("ascii", "replace").strip()
    changes = Changes(toplevel, revision)

    proc = _run(
        [
            "diff",
            "--name-status",
            "-z",
            "--no-renames",
            "--no-ext-diff",
            "--ignore-submodules",
            revision,
            "--",
        ],
        toplevel,
    )
    if proc.returncode != 0:
        raise GitError(f"--since: git diff {ref} failed: {_first_line(proc.stderr)}")
    fields = proc.stdout.split(b"\0")
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][:1]
        if status in (b"R", b"C"):  # only with rename detection; handled for safety
            old, new = fields[i + 1], fields[i + 2]
            if status == b"R":
                changes.removed.add(_abs(toplevel, old))
            changes.changed.add(_abs(toplevel, new))
            i += 3
            continue
        path = _abs(toplevel, fields[i + 1])
        (changes.removed if status == b"D" else changes.changed).add(path)
        i += 2

    proc = _run(["ls-files", "-z", "--others", "--exclude-standard"], toplevel)
    if proc.returncode == 0:
        changes.changed.update(_abs(toplevel, p) for p in proc.stdout.split(b"\0") if p)
    return changes


def _abs(toplevel: str, raw: bytes) -> str:
    return os.path.join(toplevel, *os.fsdecode(raw).split("/"))


# ------------------------------------------------------------------ selection
def select(engine: Engine, paths: Iterable[str], ref: str) -> list[str]:
    """Absolute paths of the files ``check --since ref`` checks, sorted."""
    paths = list(paths)
    changes_of: dict[str, Changes] = {}  # site root -> changes of its repository
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
        removed = _site_rels(changes.removed, real_root)
        if removed and unchanged:
            out.update(linkers(engine.site(root), unchanged, removed, changes))
    return sorted(out)


def _site_rel(real: str, real_root: str) -> str | None:
    rel = os.path.relpath(real, real_root)
    if (
        rel == os.curdir
        or rel == os.pardir
        or rel.startswith(os.pardir + os.sep)
        or os.path.isabs(rel)
    ):
        return None
    return rel.replace(os.sep, "/")


def _site_rels(paths: Iterable[str], real_root: str) -> dict[str, str]:
    out = {}
    for path in paths:
        rel = _site_rel(path, real_root)
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
    urls = old_urls(site, removed, changes)
    tokens = _tokens(removed, urls)
    out = []
    for path in files:
        rel = site.rel(path)
        doc = Document.load(path, rel, rel)
        if not doc.readable:
            continue
        if tokens is not None:
            text = doc.text if "%" not in doc.text else doc.text + "\n" + unquote(doc.text)
            if not any(t in text for t in tokens):
                continue
        if _links_to(doc, site, set(removed), urls):
            out.append(path)
    return out


def _links_to(doc: Document, site: Site, removed: set[str], urls: dict[str, str]) -> bool:
    for tag in doc.liquid.tags:
        if tag.region is not None or tag.kind != "tag":
            continue
        target = _tag_target(doc, site, tag, removed)
        if target is not None and target in removed:
            return True
    for pl in doc.links:
        if pl.dest is None:
            continue
        kind, value = _link_target(doc, site, pl.dest)
        if kind == "source" and value in removed:
            return True
        if kind == "url" and (value.lstrip("/") in removed or _url_forms(value) & urls.keys()):
            return True
    return False


def _tag_target(doc: Document, site: Site, tag, removed: set[str]) -> str | None:
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


def _link_target(doc: Document, site: Site, dest: str) -> tuple[str | None, str]:
    """("url", URL) for a link of a rendered page, ("source", path) for a file Jekyll
    copies as it is, (None, "") when the link is not to a path on the site. The same
    resolution as the link-target rule."""
    dest = dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    m = _BASEURL_RE.match(dest)
    if m:
        dest = site.baseurl + dest[m.end() :]
        if not dest.startswith("/"):
            dest = "/" + dest
    if (
        not dest
        or has_liquid(dest)
        or dest.startswith(("#", "//"))
        or _SCHEME_RE.match(dest)
        or (dest.startswith("[") and dest.endswith("]"))
    ):
        return None, ""
    path = unquote(dest.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None, ""
    if not doc.rendered:
        if path.startswith("/"):
            return "source", path.lstrip("/")
        return "source", posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), path))
    target = links.resolve(doc, site, path)  # the link-target rule's resolution
    if target.kind != "site" or target.url is None:
        return None, ""
    url = target.url
    return "url", url
