"""The site index: one walk of a Jekyll site, answering "does this target
exist" and "what URL does this source produce".

Built once per run per site root. Mirrors Jekyll 4's reader: ``exclude``
(plus Jekyll's default excludes) and ``include``, names starting with ``.``,
``_``, ``#`` or ending with ``~`` are skipped, collections are read from
``_<name>`` folders, and a file is a page (rendered) when it starts with front
matter, a static file (copied) otherwise.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import posixpath
import re
import stat
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO

from . import permalinks, plugins, safeio, yamlread
from .globs import match_any
from .nearest import Nearest

if TYPE_CHECKING:
    from .anchors import Anchors

# (starts with front matter, the front matter's text or None)
_Sniff = tuple[bool, str | None]
# (URL, output file relative to _site); (None, None): not written
_Out = tuple[str | None, str | None]
# (one regular expression for the patterns or None, the patterns themselves)
_Globs = tuple["re.Pattern[str] | None", set[str]]

_FM_RE = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*$", re.S | re.M)


def has_front_matter_bytes(head: bytes) -> bool:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.startswith(b"---") and head[3:4] in (b"\n", b"\r", b" ", b"\t")


ALWAYS_SKIP = {
    "_site",
    ".git",
    "node_modules",
    "vendor",
    ".jekyll-cache",
    ".sass-cache",
    ".bundle",
    ".hg",
    ".svn",
    "__pycache__",
    ".venv",
    ".tox",
}
DEFAULT_EXCLUDES = [
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
]
MAX_FILES = 200_000
MAX_CONFIG_BYTES = 4 * 1024 * 1024
MAX_CONFIG_NODES = 200_000  # values _config.yml may expand to (aliases): more is an attack


@dataclass(frozen=True)
class Refreshed:
    """What ``Site.refresh`` changed."""

    touched: frozenset[str]  # site paths of the files read again, added or removed
    special: bool  # one of them is not a page or static file (a layout, an include, data...)
    urls: dict[str, str]  # URL -> site path: the URLs those files were and are served at


@dataclass(frozen=True)
class Collection:
    name: str
    output: bool
    permalink: str | None


def find_root(path: str) -> str | None:
    """The nearest folder upward from ``path`` holding ``_config.yml``."""
    return safeio.nearest_up(path, "_config.yml", file=True)


class Site:
    def __init__(
        self, root: str, config: dict[str, Any] | None = None, config_error: str | None = None
    ):
        self.root = os.path.abspath(root)
        self.config = config or {}
        self.config_error = config_error
        self.config_error_line = 0  # the line of _config.yml it is about (0: unknown)
        # check --staged: files of the work tree that the commit does not have
        self.unstaged: frozenset[str] = frozenset()
        self.markdown_exts = {
            "." + e.strip().lower()
            for e in str(self.config.get("markdown_ext", "markdown,mkdown,mkdn,mkd,md")).split(",")
        }
        exclude = self.config.get("exclude") or []
        include = self.config.get("include") or [".htaccess"]
        self.exclude = [
            str(e) for e in (exclude if isinstance(exclude, list) else [exclude])
        ] + DEFAULT_EXCLUDES
        self.include = [str(e) for e in (include if isinstance(include, list) else [include])]
        self.collections: dict[str, Collection] = {}
        cols = self.config.get("collections") or {}
        if isinstance(cols, list):
            cols = {str(c): {} for c in cols}
        if isinstance(cols, dict):
            for name, meta in cols.items():
                meta = meta if isinstance(meta, dict) else {}
                self.collections[str(name)] = Collection(
                    str(name), bool(meta.get("output", False)), meta.get("permalink")
                )
        # Jekyll always writes posts, with the site's permalink style unless
        # the posts collection has its own permalink.
        posts = self.collections.get("posts")
        style = self.config.get("permalink")
        style = str(style) if style not in (None, "") else "date"
        self.collections["posts"] = Collection(
            "posts",
            True,
            (posts.permalink if posts else None) or permalinks.style_to_permalink(style),
        )
        cdir = str(self.config.get("collections_dir") or "").strip("/")
        self.collections_dir = cdir
        self.build_version: int | None = None  # the lintkit option jekyll-version
        self.deploy_paths: list[str] = []  # the lintkit option deploy-paths
        self.baseurl = str(self.config.get("baseurl") or "").rstrip("/")
        self.url = str(self.config.get("url") or "").rstrip("/")
        # Pages renamed since a git revision (``check --since REF``), for the
        # link fixes: old site path -> new site path, and the URL the old path
        # was served at -> new site path.
        self.renames: dict[str, str] = {}
        self.renamed_urls: dict[str, str] = {}

    # ----------------------------------------------------------- construct
    @classmethod
    def load(cls, root: str) -> Site:
        path = os.path.join(root, "_config.yml")
        config: dict[str, Any] = {}
        error = None
        line = 0
        text = ""
        try:
            with safeio.open_in_site(path, root) as fh:
                text = fh.read(MAX_CONFIG_BYTES).decode("utf-8-sig")
            loaded = yamlread.load(text, max_nodes=MAX_CONFIG_NODES)
            if isinstance(loaded, dict):
                config = loaded
            elif loaded is not None:
                error = "_config.yml must be a mapping of settings"
                line = 1
        except FileNotFoundError:
            pass
        except yamlread.YAMLProblem as exc:
            line = exc.line
            error = f"_config.yml {exc.message}; Jekyll refuses to build the site"
        except (OSError, UnicodeDecodeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            error = f"_config.yml cannot be read: {first}"
        if error is None:
            for key in ("exclude", "include"):
                value = config.get(key)
                if value is not None and not isinstance(value, list):
                    error = (
                        f"'{key}' should be a list of paths (e.g. {key}: [drafts/]), but was: "
                        f"{value!r}; Jekyll refuses to build the site"
                    )
                    line = _key_line(text, key)
                    config = {k: v for k, v in config.items() if k != key}
                    break
        value = config.get("markdown_ext")
        if error is None and value is not None and not isinstance(value, str):
            error = (
                "'markdown_ext' should be a string of extensions separated by commas "
                f'(e.g. markdown_ext: "md,markdown"), but was: {value!r}; Jekyll refuses to '
                "build the site (lintkit reads the default extensions)"
            )
            line = _key_line(text, "markdown_ext")
            config = {k: v for k, v in config.items() if k != "markdown_ext"}
        site = cls(root, config, error)
        site.config_error_line = line
        return site

    # --------------------------------------------------------------- build
    @cached_property
    def build(self) -> plugins.Build:
        """How the site is built: Jekyll 4 or GitHub Pages, and its plugins."""
        found = plugins.detect(self.root, self.config)
        if self.build_version in (3, 4):
            found = plugins.with_version(found, self.build_version)
        return found

    @property
    def plugins(self) -> frozenset[str]:
        return self.build.plugins

    @cached_property
    def plugin_modules(self) -> list[ModuleType]:
        return plugins.modules(self.build)

    def renders_plain(self, rel: str) -> bool:
        """Is ``rel``, a file without front matter, rendered all the same (by
        jekyll-optional-front-matter)?"""
        return self.classify(rel) == "page" and not self._sniff(rel)[0]

    # ---------------------------------------------------------------- walk
    @cached_property
    def files(self) -> list[str]:
        """Every file of the source tree that lintkit looks at (POSIX, relative),
        before Jekyll's own filtering: that is what ``classify`` decides."""
        return self._walk[0]

    @cached_property
    def skipped(self) -> list[tuple[str, str]]:
        """(POSIX path relative to the root, why) of what the walk did not
        take: links out of the site (Jekyll's safe mode ignores them), named
        pipes, devices and sockets, folders it cannot read. Reported, never
        silently dropped."""
        return self._walk[1]

    @cached_property
    def _walk(self) -> tuple[list[str], list[tuple[str, str]]]:
        out: list[str] = []
        skipped: list[tuple[str, str]] = []
        self._scan([""], out, skipped)
        out.sort()
        skipped.sort()
        return out, skipped

    def _scan(self, stack: list[str], out: list[str], skipped: list[tuple[str, str]]) -> None:
        """Walk the folders on ``stack`` (site paths, "" for the root) and what
        is below them: files into ``out``, what is not taken into ``skipped``."""
        while stack and len(out) < MAX_FILES:
            rel_dir = stack.pop()
            try:
                with os.scandir(os.path.join(self.root, rel_dir)) as it:
                    entries = list(it)
            except OSError as exc:
                why = exc.strerror or type(exc).__name__
                skipped.append(
                    (rel_dir or ".", f"cannot read the folder ({why}); its files were not checked")
                )
                continue
            for entry in entries:
                self._take(entry, rel_dir, stack, out, skipped)

    def _take(
        self,
        entry: os.DirEntry[str],
        rel_dir: str,
        stack: list[str],
        out: list[str],
        skipped: list[tuple[str, str]],
    ) -> None:
        """What the walk makes of one entry of the folder ``rel_dir``."""
        name = entry.name
        rel = f"{rel_dir}/{name}" if rel_dir else name
        try:
            if entry.is_dir(follow_symlinks=False):
                if name not in ALWAYS_SKIP:
                    stack.append(rel)
            elif entry.is_file(follow_symlinks=False):
                out.append(rel)
            elif entry.is_symlink():
                if safeio.inside(entry.path, self.root):
                    out.append(rel)  # Jekyll follows a link that stays in the site
                else:
                    skipped.append((rel, safeio.OUTSIDE))
            else:
                skipped.append((rel, safeio.NOT_REGULAR))
        except OSError:
            return

    @cached_property
    def file_set(self) -> set[str]:
        return set(self.files)

    @cached_property
    def dir_set(self) -> set[str]:
        return _folders(self.files)

    @cached_property
    def _lower(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for f in self.files:
            table.setdefault(f.lower(), []).append(f)
        return table

    def case_variants(self, rel: str) -> list[str]:
        return [f for f in self._lower.get(rel.lower(), []) if f != rel]

    # ----------------------------------------------------- Jekyll's filter
    def _glob_hit(self, patterns: list[str], rel: str, is_dir: bool = False) -> bool:
        """Does a pattern (a glob, or a path prefix) match ``rel``? The same
        test for every pattern, compiled once into one regular expression."""
        key = tuple(patterns)
        compiled = self._glob_cache.get(key)
        if compiled is None:
            compiled = self._glob_cache[key] = _compile_globs(patterns)
        regex, dir_names = compiled
        if regex is not None and regex.match(rel):
            return True
        return is_dir and (rel + "/") in dir_names

    @cached_property
    def _glob_cache(self) -> dict[tuple[str, ...], _Globs]:
        return {}

    def excluded(self, rel: str) -> bool:
        hit = self._excluded.get(rel)
        if hit is None:
            hit = self._excluded[rel] = self._is_excluded(rel)
        return hit

    @cached_property
    def _excluded(self) -> dict[str, bool]:
        return {}

    def _is_excluded(self, rel: str) -> bool:
        """Jekyll's ``exclude`` (with its defaults), checked on the path and
        every folder above it, as Jekyll's reader does while it walks."""
        parts = rel.split("/")
        excl = self._effective_excludes
        folders = self._excluded_folders
        for i in range(1, len(parts)):
            sub = "/".join(parts[:i])
            hit = folders.get(sub)
            if hit is None:
                hit = folders[sub] = self._glob_hit(excl, sub, True) and not self._included(sub)
            if hit:
                return True
        return self._glob_hit(excl, rel, False) and not self._included(rel)

    @cached_property
    def _effective_excludes(self) -> list[str]:
        return [e for e in self.exclude if e not in self.include]

    @cached_property
    def _excluded_folders(self) -> dict[str, bool]:
        return {}

    def _included(self, rel: str) -> bool:
        return self._glob_hit(self.include, rel) or self._glob_hit(
            self.include, posixpath.basename(rel)
        )

    def _special(self, name: str) -> bool:
        return name[:1] in (".", "_", "#", "~") or name.endswith("~")

    @cached_property
    def _collection_dirs(self) -> dict[str, Collection]:
        prefix = self.collections_dir + "/" if self.collections_dir else ""
        return {f"{prefix}_{c.name}": c for c in self.collections.values()}

    def collection_of(self, rel: str) -> Collection | None:
        if ("_posts/" in rel or "_drafts/" in rel) and self._post_folder(rel) is not None:
            return self.collections["posts"]
        depth = self._collection_depth
        parts = rel.split("/", depth)
        if len(parts) <= depth:
            return None
        return self._collection_dirs.get("/".join(parts[:depth]))

    @cached_property
    def _collection_depth(self) -> int:
        return self.collections_dir.count("/") + 2 if self.collections_dir else 1

    def classify(self, rel: str) -> str:
        kind = self._classified.get(rel)
        if kind is None:
            kind = self._classified[rel] = self._classify(rel)
        return kind

    @cached_property
    def _classified(self) -> dict[str, str]:
        return {}

    @cached_property
    def memo(self) -> dict[str, Any]:
        """A cache rules may use for answers that depend only on the site."""
        return {}

    def _classify(self, rel: str) -> str:
        """What Jekyll makes of a source file: ``page``, ``static``,
        ``document`` (of a collection that is written), ``unwritten`` (a
        document of a collection with ``output: false``), ``special``
        (layouts, includes, data, config...) or ``excluded``."""
        if self.excluded(rel):
            return "excluded"
        magic = self._post_folder(rel)
        if magic is not None:
            return self._classify_post(rel, magic)
        col = self.collection_of(rel)
        if col is not None:
            inner = rel[len(self._collection_dir_of(col)) + 1 :]
            if any(self._special(p) for p in inner.split("/")[:-1]) and not self._included(inner):
                return "excluded"
            name = posixpath.basename(rel)
            if self._special(name) and not self._included(name):
                return "excluded"
            if col.name == "posts" or col.output:
                return "document" if self._sniff(rel)[0] else "static"
            return "unwritten"
        parts = rel.split("/")
        for i, part in enumerate(parts):
            if self._special(part) and not self._included("/".join(parts[: i + 1])):
                return "special"
        if self._sniff(rel)[0]:
            return "page"
        ofm = "jekyll-optional-front-matter" in self.plugins
        if ofm and plugins.optional_front_matter_renders(self, rel):
            return "page"
        return "static"

    def _post_folder(self, rel: str) -> tuple[int, str] | None:
        """(index of the ``_posts`` / ``_drafts`` part, that name) when ``rel``
        is inside such a folder that Jekyll's reader visits: at the site root
        or in any folder whose names do not start with ``_`` or ``.`` (under
        ``collections_dir`` when one is set)."""
        if "_posts/" not in rel and "_drafts/" not in rel:
            return None
        parts = rel.split("/")
        start = self.collections_dir.count("/") + 1 if self.collections_dir else 0
        if start and "/".join(parts[:start]) != self.collections_dir:
            return None
        for i in range(start, len(parts) - 1):
            part = parts[i]
            if part in ("_posts", "_drafts"):
                return i, part
            if self._special(part) and not self._included("/".join(parts[: i + 1])):
                return None
        return None

    def _classify_post(self, rel: str, magic: tuple[int, str]) -> str:
        """A file in a ``_posts`` or ``_drafts`` folder: a post (``document``)
        when its name carries a date (drafts: any name, with ``show_drafts``);
        files Jekyll's post reader skips are ``special``."""
        i, name = magic
        inner = rel.split("/")[i + 1 :]
        if any(self._special(p) for p in inner):
            return "excluded"
        if name == "_drafts":
            return "document" if self.config.get("show_drafts") else "special"
        if not permalinks.DATE_FILENAME_RE.match("/".join(inner)):
            return "special"
        return "document"

    def post_categories(self, rel: str) -> list[str]:
        """Categories a post takes from the folders above its ``_posts``."""
        magic = self._post_folder(rel)
        if magic is None:
            return []
        start = self.collections_dir.count("/") + 1 if self.collections_dir else 0
        return [p for p in rel.split("/")[start : magic[0]] if p]

    @cached_property
    def posts(self) -> list[str]:
        """Source paths of every post (and draft, with ``show_drafts``)."""
        return [f for f in self.files if self._post_folder(f) and self.classify(f) == "document"]

    def post_for(self, name: str) -> str | None:
        """The post ``{% post_url name %}`` names (Jekyll 4's matching: the
        folders before the date are those around or inside ``_posts``; then
        its deprecated fallback on date and slug alone)."""
        name = name.strip().lstrip("/")
        m = re.match(r"^(.+/)*(\d+-\d+-\d+)-(.*)$", name)
        if m is None:
            return None
        folder, date, slug = m.group(1) or "", m.group(2), m.group(3)
        fallback = None
        for rel in self.posts:
            if self._post_folder(rel)[1] != "_posts":  # type: ignore[index]
                continue
            stem = posixpath.splitext(rel)[0]
            if stem in (f"_posts/{folder}{date}-{slug}", f"{folder}_posts/{date}-{slug}"):
                return rel
            if fallback is None:
                pm = permalinks.DATE_FILENAME_RE.match(rel)
                if pm and pm.group(2) == slug and _same_date(pm.group(1), date):
                    fallback = rel
        return fallback

    def lint_scope(self, rel: str) -> str | None:
        """How much of ``rel`` (a Markdown source) lintkit checks, from what
        ``classify`` says Jekyll makes of it:

        - ``"all"``: Jekyll renders it (a page, a collection document, a
          template in ``_layouts`` / ``_includes``, a draft in ``_drafts``), or
          it is in a collection's folder: every rule;
        - ``"links"``: Jekyll copies it as it is or never reads it, but the
          repository shows it (a README without front matter, a file in an
          ``_folder`` that is no collection): only the rules tagged ``copied``
          (the link rules that apply there), judged as GitHub shows the file;
        - ``None``: Jekyll never reads it and it is not site content: excluded
          (``exclude`` in ``_config.yml``) or in a folder whose name starts
          with ``.`` (``.github/``, ``.claude/``): not checked.
        """
        kind = self.classify(rel)
        if kind == "excluded":
            return None
        if kind in ("page", "document", "unwritten"):
            return "all"
        if kind == "static" and self.collection_of(rel) is not None:
            return "all"  # a collection's page that lost its front matter: a mistake to report
        parts = rel.split("/")
        for i, part in enumerate(parts):
            if part[:1] in (".", "#") and not self._included("/".join(parts[: i + 1])):
                return None
        if kind == "special" and parts[0] in ("_layouts", "_includes", "_drafts"):
            return "all"
        return "links"

    def _sniff(self, rel: str) -> _Sniff:
        """(starts with front matter, the front matter's text or None), read
        once per file: what classify and the URL need, from one open."""
        cache = self._sniffed
        hit = cache.get(rel)
        if hit is None:
            hit = cache[rel] = self._read_head(rel)
        return hit

    @cached_property
    def _sniffed(self) -> dict[str, _Sniff]:
        return {}

    def _read_head(self, rel: str) -> _Sniff:
        try:
            with self.open_source(rel) as fh:
                head = fh.read(4096)
                if not has_front_matter_bytes(head):
                    return False, None
                text = head.decode("utf-8-sig", "replace").replace("\r\n", "\n")
                m = _FM_RE.match(text)
                if m is None and len(head) == 4096:
                    head += fh.read(65536)
                    text = head.decode("utf-8-sig", "replace").replace("\r\n", "\n")
                    m = _FM_RE.match(text)
        except OSError:
            return False, None
        return True, (m.group(1) if m and m.group(1) else None)

    def _collection_dir_of(self, col: Collection) -> str:
        prefix = self.collections_dir + "/" if self.collections_dir else ""
        return f"{prefix}_{col.name}"

    def open_source(self, rel: str) -> BinaryIO:
        """A file of the site opened for reading (binary): only a regular file
        inside the site root (lintkit.safeio), never a link out of it or a pipe."""
        return safeio.open_in_site(self.abspath(rel), self.root)

    def abspath(self, rel: str) -> str:
        return os.path.join(self.root, *rel.split("/"))

    def rel(self, path: str) -> str:
        path = os.path.abspath(path)
        prefix = self.root.rstrip(os.sep) + os.sep
        if path.startswith(prefix):
            return path[len(prefix) :].replace(os.sep, "/")
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def contains(self, path: str) -> bool:
        path = os.path.abspath(path)
        if path.startswith(self.root.rstrip(os.sep) + os.sep):
            return True
        rel = os.path.relpath(path, self.root)
        return not (rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel))

    # --------------------------------------------------------- {% link %}
    def linkable(self, rel: str) -> bool:
        """Would ``{% link rel %}`` find this file? (exact, case-sensitive)"""
        if rel.startswith("/"):
            # Jekyll compares "/"+path only with static files' relative paths.
            rel = rel[1:]
            return (
                rel in self.file_set
                and self.classify(rel) == "static"
                and self.url_of(rel) is not None
            )
        # Only what Jekyll writes: not published: false, not a document dated in the future.
        return (
            rel in self.file_set
            and self.classify(rel) in ("page", "static", "document")
            and self.url_of(rel) is not None
        )

    @cached_property
    def linkable_paths(self) -> list[str]:
        return [f for f in self.files if self.classify(f) in ("page", "static", "document")]

    def _nearest(self, folder: str | None) -> Nearest:
        """The "did you mean" index of the linkable paths, or of every file
        under ``folder``; built once per site."""
        cache: dict[str | None, Nearest] = self.memo.setdefault("site.nearest", {})
        index = cache.get(folder)
        if index is None:
            if folder is None:
                names = self.linkable_paths
            else:
                names = [f for f in self.files if f.startswith(folder + "/")]
            index = cache[folder] = Nearest(names)
        return index

    def same_name(self, rel: str) -> list[str]:
        """The linkable paths whose file name is that of ``rel``."""
        return self._nearest(None).same_name(rel)

    def suggest(self, rel: str, within: str | None = None) -> str | None:
        """The closest existing path to a missing one, when one is close: among
        the linkable paths, or among the files under the folder ``within``."""
        index = self._nearest(within)
        pool_set = index.name_set
        rel = rel.lstrip("/")
        stem, ext = posixpath.splitext(rel)
        for alt_ext in (".md", ".markdown", ".html"):
            if alt_ext != ext and stem + alt_ext in pool_set:
                return stem + alt_ext
        variants = [v for v in self.case_variants(rel) if v in pool_set]
        if variants:
            return variants[0]
        same_name = index.same_name(rel)
        if len(same_name) == 1:
            return same_name[0]
        close = index.close(rel, 0.85)
        if close:
            return close
        same_dir = index.in_folder(posixpath.dirname(rel), rel)
        return index.close(rel, 0.7, same_dir)

    # -------------------------------------------------------------- URLs
    def output_ext(self, rel: str) -> str:
        ext = posixpath.splitext(rel)[1].lower()
        if ext in self.markdown_exts:
            return ".html"
        if ext in (".scss", ".sass"):
            return ".css"
        return posixpath.splitext(rel)[1]

    @cached_property
    def permalink_style(self) -> str:
        style = self.config.get("permalink")
        return str(style) if style not in (None, "") else "date"

    @cached_property
    def _defaults_sets(self) -> list[Any]:
        sets = self.config.get("defaults")
        return sets if isinstance(sets, list) else []

    @cached_property
    def _url_defaults(self) -> list[dict[str, Any]]:
        """The ``defaults`` entries that set a key URLs depend on."""
        keys = ("permalink", "published", "date", "slug", "categories", "category")
        return [
            d
            for d in self._defaults_sets
            if isinstance(d, dict)
            and isinstance(d.get("values"), dict)
            and any(k in d["values"] for k in keys)
        ]

    def type_of(self, rel: str, kind: str | None = None) -> str | None:
        """The type a ``defaults`` scope names for ``rel``: ``pages`` for a
        page, the collection's name for a document (or a static file of a
        collection), None for a file of no type. ``kind``: ``classify(rel)``,
        when the caller knows it better (a page not yet on disk)."""
        if (kind or self.classify(rel)) == "page":
            return "pages"
        col = self.collection_of(rel)
        return col.name if col else None

    def defaults(self, rel: str, type_: str | None = None) -> dict[str, Any]:
        """Front matter ``defaults`` of ``_config.yml`` that apply to ``rel``
        (``type_``: ``pages``, a collection's name, or None for a static
        file; by default ``type_of(rel)``): the one model of defaults, used
        for URLs, Liquid values and the front-matter rule."""
        if not self._defaults_sets:
            return {}
        if type_ is None:
            type_ = self.type_of(rel)
        return permalinks.defaults_for(self._defaults_sets, rel, type_, self.collections_dir)

    def url_data(self, rel: str) -> dict[str, Any]:
        """What decides the URL of ``rel``: its defaults merged with the keys of
        its front matter that URLs use (permalink, published, date, slug,
        categories)."""
        kind = self.classify(rel)
        data: dict[str, Any] = {}
        if self._url_defaults:
            type_ = self.type_of(rel, kind)
            data.update(
                permalinks.defaults_for(self._url_defaults, rel, type_, self.collections_dir)
            )
        if kind in ("page", "document", "unwritten"):
            data.update(self._url_front_matter(rel))
        return data

    def url_of(self, rel: str) -> str | None:
        """The URL Jekyll writes this source to, decoded (None: not written)."""
        return self._out(rel)[0]

    def dest_of(self, rel: str) -> str | None:
        """The file Jekyll writes for this source, relative to ``_site``."""
        return self._out(rel)[1]

    def _out(self, rel: str) -> _Out:
        cache = self._urls
        hit = cache.get(rel)
        if hit is None:
            try:
                hit = self._compute_out(rel)
            except permalinks.UnknownPlaceholder:
                hit = (None, None)
            cache[rel] = hit
        return hit

    @cached_property
    def _urls(self) -> dict[str, _Out]:
        return {}

    def _compute_out(self, rel: str) -> _Out:
        kind = self.classify(rel)
        if kind == "static":
            return self._static_out(rel)
        if kind not in ("page", "document"):
            return None, None
        data = self.url_data(rel)
        if data.get("published") is False and not self.config.get("unpublished"):
            return None, None
        ext = self.output_ext(rel)
        permalink = data.get("permalink")
        permalink = str(permalink) if permalink not in (None, False, "") else None
        if kind == "document":
            col = self.collection_of(rel)
            if col is None:  # pragma: no cover - classify says document only inside a collection
                return None, None
            if self._hidden_in_future(rel, data):
                return None, None
            template = col.permalink or permalinks.add_permalink_suffix(
                "/:collection/:path", self.permalink_style
            )
            used = _placeholders_in(str(permalink or template))
            values = self._document_placeholders(rel, col, data, ext, used)
            url = permalinks.url_with_template(
                str(template), permalink, lambda t: permalinks.expand_drop(t, values)
            )
            return url, permalinks.document_destination(url, ext)
        d, name = posixpath.split(rel)
        src_ext = posixpath.splitext(name)[1]
        basename = (name[: len(name) - len(src_ext)] if src_ext else name).rstrip(".")
        if ext.lower() not in permalinks.HTML_EXTENSIONS:
            template = "/:path/:basename:output_ext"
        elif basename == "index":
            template = "/:path/"
        else:
            template = permalinks.add_permalink_suffix("/:path/:basename", self.permalink_style)
        placeholders: list[tuple[str, Any]] = [
            ("path", "/" + d if d else ""),
            ("basename", basename),
            ("output_ext", ext),
        ]
        url = permalinks.url_with_template(
            template, permalink, lambda t: permalinks.expand_hash(t, placeholders)
        )
        return url, permalinks.page_destination(url, ext)

    def _static_out(self, rel: str) -> _Out:
        col = self.collection_of(rel)
        if col is None:
            url = "/" + rel
        else:
            url = self._collection_static_url(rel, col)
        # Jekyll matches a static file's defaults against its URL, not its path.
        data = (
            permalinks.defaults_for(
                self._url_defaults, url.lstrip("/"), col.name if col else None, self.collections_dir
            )
            if self._url_defaults
            else {}
        )
        if data.get("published") is False:
            return None, None
        return url, url.lstrip("/")

    def _collection_static_url(self, rel: str, col: Collection) -> str:
        base_dir = self._collection_dir_of(col)
        stem, ext = posixpath.splitext(rel)
        cleaned = stem.rstrip(".")
        cleaned = cleaned.replace(base_dir, "", 1)
        template = col.permalink or permalinks.add_permalink_suffix(
            "/:collection/:path", self.permalink_style
        )
        name = posixpath.splitext(posixpath.basename(rel))[0]
        values = [
            ("collection", col.name),
            ("path", cleaned),
            ("output_ext", ""),
            ("name", name),
            ("title", ""),
        ]
        url = permalinks.sanitize_url(permalinks.expand_hash(str(template), values))
        return url.rstrip("/") + ext

    def _hidden_in_future(self, rel: str, data: dict[str, Any]) -> bool:
        if self.config.get("future"):
            return False
        date = self._document_date(rel, data)
        return date is not None and date > self.now

    @cached_property
    def now(self) -> datetime.datetime:
        return datetime.datetime.now()

    def _document_date(self, rel: str, data: dict[str, Any]) -> datetime.datetime | None:
        date = permalinks.to_datetime(data.get("date"))
        if date is None:
            col = self.collection_of(rel)
            if col is not None and col.name == "posts":
                m = permalinks.DATE_FILENAME_RE.match(rel)
                if m:
                    date = permalinks.to_datetime(m.group(1))
        if date is not None and date.tzinfo is not None:
            try:
                date = date.astimezone().replace(tzinfo=None)
            except (OverflowError, ValueError):  # 9999-12-31 23:59:59 -12:00
                date = date.replace(tzinfo=None)
        return date

    def _document_placeholders(
        self,
        rel: str,
        col: Collection,
        data: dict[str, Any],
        ext: str,
        used: frozenset[str] | None = None,
    ) -> dict[str, str | None]:
        """The values of a document's URL placeholders (only those ``used``,
        when given: the rest cost time and are not needed)."""
        stem = posixpath.splitext(rel)[0]
        cleaned = stem.rstrip(".").replace(self._collection_dir_of(col), "", 1)
        base = posixpath.splitext(posixpath.basename(rel))[0]
        slug = base
        if col.name == "posts":
            m = permalinks.DATE_FILENAME_RE.match(rel)
            if m:
                slug = m.group(2)
        slug = slug.rstrip(".")
        fm_slug = data.get("slug")
        slug_src = str(fm_slug) if fm_slug not in (None, "") else slug
        cats = data.get("categories")
        if cats is None and col.name == "posts":
            cats = self.post_categories(rel)
        cats = cats or []
        if isinstance(cats, str):
            cats = cats.split()
        cats = [str(c) for c in (cats if isinstance(cats, list) else [cats])]
        one = data.get("category")
        if one not in (None, ""):
            cats.append(str(one))
        # (Jekyll takes categories from folders above _posts, never from folders inside it.)
        seen: list[str] = []
        for c in cats:
            if c.lower() not in seen:
                seen.append(c.lower())
        values: dict[str, str | None] = {
            "collection": col.name,
            "path": cleaned,
            "output_ext": ext,
            "categories": "/".join(seen),
        }
        lazy: dict[str, Callable[[], str | None]] = {
            "name": lambda: permalinks.slugify(base),
            "slug": lambda: permalinks.slugify(slug_src),
            "title": lambda: permalinks.slugify(slug_src, mode="pretty", cased=True),
            "slugified_categories": lambda: "/".join(permalinks.slugify(c) or "" for c in seen),
        }
        for key, make in lazy.items():
            if used is None or key in used:
                values[key] = make()
            else:
                values[key] = ""  # not in the template
        if used is None or used - set(values):
            date = self._document_date(rel, data) or self.now
            values.update(permalinks.date_placeholders(date))
        return values

    _URL_KEYS_RE = re.compile(
        r"^(?:permalink|published|date|slug|categories|category)[ \t]*:", re.M
    )

    def _url_front_matter(self, rel: str) -> dict[str, Any]:
        """The front matter of a file, read cheaply: parsed only when it
        mentions a key that URLs depend on."""
        fm = self._front_matter_text(rel)
        if fm is None or not self._URL_KEYS_RE.search(fm):
            return {}
        return self._parse_yaml(fm)

    def _front_matter_text(self, rel: str) -> str | None:
        return self._sniff(rel)[1]

    def front_matter_text(self, rel: str) -> str | None:
        """The raw front matter of ``rel`` (None: none)."""
        return self._sniff(rel)[1]

    @staticmethod
    def _parse_yaml(text: str) -> dict[str, Any]:
        data = yamlread.load_or(text, {})
        return data if isinstance(data, dict) else {}

    def front_matter(self, rel: str) -> dict[str, Any]:
        """The whole front matter of a file (cached; {} when absent or broken)."""
        cache: dict[str, dict[str, Any]] = self.memo.setdefault("site.front_matter", {})
        if rel not in cache:
            text = self._front_matter_text(rel)
            cache[rel] = self._parse_yaml(text) if text else {}
        return cache[rel]

    def collection_documents(self, name: str) -> list[str]:
        """Source paths of the documents ``site.<name>`` lists, in path order
        (published ones, future ones included, as Jekyll's collection has them)."""
        col = self.collections.get(name)
        if col is None:
            return []
        prefix = self._collection_dir_of(col) + "/"
        out = []
        for rel in self.files:
            if rel.startswith(prefix) and self.classify(rel) in ("document", "unwritten"):
                if self.url_data(rel).get("published") is False:
                    continue
                out.append(rel)
        return out

    @cached_property
    def generated(self) -> dict[str, str]:
        """Output files plugins write without a source: dest -> plugin."""
        out: dict[str, str] = {}
        for mod in self.plugin_modules:
            make = getattr(mod, "generated", None)
            if make is not None:
                for dest, name in make(self).items():
                    out.setdefault(dest, name)
        if "jekyll-readme-index" in self.plugins:
            from .plugins import readme_index

            for rel in readme_index.readmes(self):
                url = posixpath.dirname(self.url_of(rel) or "/").rstrip("/") + "/"
                out.setdefault(url.lstrip("/") + "index.html", readme_index.NAME)
        sass = self.config.get("sass")
        if not (isinstance(sass, dict) and str(sass.get("sourcemap")) == "never"):
            for rel in self.files:  # jekyll-sass-converter writes a source map next to the CSS
                if (
                    rel.endswith((".scss", ".sass"))
                    and not posixpath.basename(rel).startswith("_")
                    and self.classify(rel) == "page"
                ):
                    dest = self.dest_of(rel)
                    if dest:
                        out[dest + ".map"] = "jekyll-sass-converter"
        return out

    @cached_property
    def url_map(self) -> dict[str, str]:
        """Output URL (decoded) -> source path, for every written file."""
        out: dict[str, str] = {}
        for rel in self.files:
            url = self.url_of(rel)
            if url is not None:
                out.setdefault(url, rel)
        return out

    @cached_property
    def dest_map(self) -> dict[str, str]:
        """Output file (relative to ``_site``) -> source path ("" for files a
        plugin generates). When two sources write the same file, the later one
        in Jekyll's order wins; here the first in path order is kept."""
        out: dict[str, str] = {}
        for rel in self.files:
            dest = self.dest_of(rel)
            if dest is not None:
                out.setdefault(dest, rel)
        for dest in self.generated:
            out.setdefault(dest, "")
        return out

    @cached_property
    def dest_dirs(self) -> set[str]:
        return _folders(self.dest_map)

    @cached_property
    def _dest_lower(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for f in list(self.dest_map) + [d + "/" for d in self.dest_dirs if d]:
            table.setdefault(f.lower(), []).append(f)
        return table

    def dest_case_variants(self, dest: str) -> list[str]:
        return sorted(f for f in self._dest_lower.get(dest.lower(), []) if f != dest)

    def resolve_dest(self, url: str) -> str | None:
        """The output file a link to ``url`` (a decoded, site-absolute path
        without query or fragment) opens, the way html-proofer 3 finds it in
        ``_site``: the file itself, or ``index.html`` of a folder (with or
        without the trailing ``/``). No ``.html`` is guessed."""
        path = url.lstrip("/")
        bare = path.rstrip("/")
        if bare in self.dest_dirs:
            index = posixpath.join(bare, "index.html") if bare else "index.html"
            return index if index in self.dest_map else None
        if path.endswith("/"):
            return None
        return path if path in self.dest_map else None

    def resolve_url(self, url: str) -> str | None:
        """The source that serves ``url`` (a decoded path without query or
        fragment), the way a static web server finds it: also ``/x`` for
        ``/x.html``."""
        dest = self.resolve_dest(url)
        if dest is None and not url.endswith("/"):
            dest = self.resolve_dest(url + ".html")
        if dest is None:
            table = self.url_map
            if url in table:
                return table[url]
            return None
        return self.dest_map.get(dest) or None

    # ------------------------------------------------------------- anchors
    def anchors(self, dest: str) -> Anchors:
        """The ids a link fragment may name in output file ``dest`` (parsed on
        first use, then cached): see ``lintkit.anchors``."""
        cache: dict[str, Anchors] = self.memo.setdefault("site.anchors", {})
        if dest not in cache:
            from . import anchors  # a site answer computed only when a fragment needs it

            cache[dest] = anchors.of_dest(self, dest)
        return cache[dest]

    @cached_property
    def keep_files(self) -> list[str]:
        """``keep_files``: output paths Jekyll leaves alone, so something else writes them."""
        keep = self.config.get("keep_files")
        if keep is None:
            keep = [".git", ".svn"]
        keep = keep if isinstance(keep, list) else [keep]
        return [str(k).strip("/") for k in keep if str(k).strip("/")]

    def deployed(self, url: str) -> str | None:
        """The ``deploy-paths`` glob or ``keep_files`` entry that ``url`` (a
        decoded site path) falls under: a file made outside the build."""
        path = url.lstrip("/")
        for glob in self.deploy_paths:
            if match_any([glob], path) or match_any([glob], path.rstrip("/") + "/index.html"):
                return glob
        for keep in self.keep_files:
            if path == keep or path.startswith(keep + "/"):
                return keep
        return None

    _SCRIPTS = ("Rakefile", "Makefile", "package.json", "netlify.toml", "vercel.json")
    _SCRIPT_DIRS = ("script", "scripts", "bin", ".github/workflows")

    @cached_property
    def _build_scripts(self) -> str:
        """The text of the site's build and deploy scripts (small files only)."""
        names = [n for n in self._SCRIPTS if n in self.file_set]
        for folder in self._SCRIPT_DIRS:
            names += [
                f
                for f in self.files
                if f.startswith(folder + "/") and f.count("/") == folder.count("/") + 1
            ]
        for folder in (".github/workflows",):
            try:
                entries = sorted(os.listdir(os.path.join(self.root, *folder.split("/"))))
            except OSError:
                entries = []
            names += [f"{folder}/{e}" for e in entries if f"{folder}/{e}" not in names]
        chunks = []
        for rel in names[:200]:
            try:
                with self.open_source(rel) as fh:
                    chunks.append(fh.read(200_000).decode("utf-8", "replace"))
            except OSError:
                continue
        return "\n".join(chunks)

    def build_scripts_mention(self, folder: str) -> bool:
        """Do the site's build or deploy scripts name the folder ``folder``?"""
        text = self._build_scripts
        return bool(folder) and ("/" + folder in text or folder + "/" in text)

    # ------------------------------------------------------------ update
    # Files that decide how the whole site is built (plugins, GitHub Pages):
    # a change to one of them needs a new index.
    REBUILD_FILES = ("_config.yml", "Gemfile")
    REBUILD_FOLDERS = ("_plugins", ".github/workflows")
    # Per-file answers: only the entries of the files that changed are dropped.
    _PER_FILE = ("_classified", "_sniffed", "_urls")
    # Answers that combine every file: recomputed on their next use, from the
    # per-file answers that are still there.
    _COMBINED = (
        "files",
        "skipped",
        "file_set",
        "dir_set",
        "_lower",
        "posts",
        "linkable_paths",
        "generated",
        "url_map",
        "dest_map",
        "dest_dirs",
        "_dest_lower",
        "_build_scripts",
    )
    # site.memo entries keyed by a site path, and those that depend on
    # _config.yml alone; every other entry is dropped on a change.
    _MEMO_PER_FILE = ("site.front_matter", "links.base_dir")
    _MEMO_CONFIG_ONLY = ("links.own_host",)

    def refresh(self, rels: Iterable[str]) -> Refreshed | None:
        """Bring the index up to date after the files or folders at the site
        paths ``rels`` were created, changed or deleted (a rename: both paths),
        as an editor's file watcher reports them (``lintkit lsp``).

        Only those paths are looked at on disk again (a folder: what is below
        it); the answers about the other files (their kind, URL, front matter,
        the ids of their headings) are kept, and the answers that combine every
        file (URL maps, "did you mean" indexes) are recomputed from them on
        their next use. A change to a file of ``_layouts``, ``_includes``,
        ``_data`` or another folder Jekyll does not render as pages may change
        what every page renders: the rules' cached answers are all dropped
        then. Returns what changed; None, changing nothing, when a path
        decides how the whole site is built (``_config.yml``, ``Gemfile``,
        ``_plugins/``, a workflow): the caller loads the site anew."""
        wanted = sorted({r.strip("/") for r in rels} - {"", "."})
        for rel in wanted:
            if rel in self.REBUILD_FILES or any(
                rel == d or rel.startswith(d + "/") or d.startswith(rel + "/")
                for d in self.REBUILD_FOLDERS
            ):
                return None
        if not wanted:
            return Refreshed(frozenset(), False, {})
        old_files = self.files
        old_skipped = self.skipped
        old_dests = self.__dict__.get("dest_map")
        gone: set[str] = set()
        found: list[str] = []
        skipped = [s for s in old_skipped if not any(_below(s[0], r) for r in wanted)]
        for rel in wanted:
            gone.update(_under(old_files, rel))
            self._rescan(rel, found, skipped)
        touched = gone | set(found)
        special = any(self.classify(rel) not in _PAGE_KINDS for rel in gone)
        cached = self.__dict__.get("_urls", {})
        old_urls = {rel: cached.get(rel) for rel in touched}
        for name in self._PER_FILE:
            cache = self.__dict__.get(name)
            if cache is not None:
                for rel in touched:
                    cache.pop(rel, None)
        special = special or any(self.classify(rel) not in _PAGE_KINDS for rel in found)
        file_set = (self.file_set - gone) | set(found)
        for name in self._COMBINED:
            self.__dict__.pop(name, None)
        skipped.sort()
        self.__dict__["_walk"] = (sorted(file_set), skipped)
        self.__dict__["file_set"] = file_set
        # The same files at the same URLs: the ids of the other pages stand (a
        # heading may hold a {% link %}, whose URL is in its id).
        new_urls = {rel: self._out(rel) if rel in file_set else None for rel in touched}
        same = gone == set(found) and all(old_urls[rel] == new_urls[rel] for rel in touched)
        self._refresh_memo(touched, special, old_dests if same else None)
        urls: dict[str, str] = {}
        for rel in sorted(touched):
            for out in (old_urls[rel], new_urls[rel]):
                if out is not None and out[0] is not None:
                    urls.setdefault(out[0], rel)
        return Refreshed(frozenset(touched), special, urls)

    def _rescan(self, rel: str, found: list[str], skipped: list[tuple[str, str]]) -> None:
        """What the walk takes now at the site path ``rel`` (and below it)."""
        parts = rel.split("/")
        for i in range(1, len(parts)):  # the walk reaches only real folders it does not skip
            if parts[i - 1] in ALWAYS_SKIP:
                return
            try:
                mode = os.lstat(os.path.join(self.root, *parts[:i])).st_mode
            except OSError:
                return
            if not stat.S_ISDIR(mode):
                return
        parent = "/".join(parts[:-1])
        stack: list[str] = []
        try:
            with os.scandir(os.path.join(self.root, *parts[:-1])) as it:
                for entry in it:
                    if entry.name == parts[-1]:
                        self._take(entry, parent, stack, found, skipped)
        except OSError:
            return
        self._scan(stack, found, skipped)

    def _refresh_memo(
        self, touched: set[str], special: bool, old_dests: dict[str, str] | None
    ) -> None:
        memo = self.memo
        keep: tuple[str, ...]
        if special:
            keep = self._MEMO_CONFIG_ONLY
        else:
            keep = (
                self._MEMO_PER_FILE + self._MEMO_CONFIG_ONLY + ("site.anchors", "anchors.layouts")
            )
        for key in list(memo):
            if key not in keep:
                del memo[key]
        for key in self._MEMO_PER_FILE:
            for rel in touched:
                memo.get(key, {}).pop(rel, None)
        ids = memo.get("site.anchors")
        if ids:
            if old_dests is None:
                ids.clear()
            else:
                new_dests = self.dest_map
                for dest in list(ids):
                    before, now = old_dests.get(dest), new_dests.get(dest)
                    if before != now or not before or before in touched:
                        del ids[dest]

    def source_exists(self, rel: str) -> bool:
        rel = rel.rstrip("/")
        return rel in self.file_set or rel in self.dir_set


_PAGE_KINDS = ("page", "document", "static", "unwritten", "excluded")


def _below(path: str, folder: str) -> bool:
    """Is the site path ``path`` the site path ``folder`` or below it?"""
    return path == folder or path.startswith(folder + "/")


def _under(files: list[str], rel: str) -> list[str]:
    """The paths of ``files`` (sorted) that are ``rel`` or below it."""
    out = []
    i = bisect_left(files, rel)
    if i < len(files) and files[i] == rel:
        out.append(rel)
    lo, hi = bisect_left(files, rel + "/"), bisect_left(files, rel + "0")  # "0" follows "/"
    out.extend(files[lo:hi])
    return out


def _key_line(text: str, key: str) -> int:
    """The line of a top-level ``key:`` in YAML text (0 if not found)."""
    m = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 0


def _same_date(a: str, b: str) -> bool:
    try:
        return [int(x) for x in a.split("-")] == [int(x) for x in b.split("-")]
    except ValueError:
        return False


def _compile_globs(patterns: list[str]) -> _Globs:
    """(regex matching what fnmatchcase(rel, p) or rel.startswith(p) accepts
    for some pattern p, the patterns themselves: a folder written with '/')."""
    parts: list[str] = []
    dirs: set[str] = set()
    for pattern in patterns:
        p = pattern.lstrip("/")
        if not p:
            continue
        parts.append(fnmatch.translate(p))
        parts.append(re.escape(p))  # a prefix
        dirs.add(p)
    regex = re.compile("|".join(f"(?:{x})" for x in parts)) if parts else None
    return regex, dirs


@lru_cache(maxsize=256)
def _placeholders_in(template: str) -> frozenset[str]:
    return frozenset(re.findall(r":([a-z_]+)", template))


def _folders(paths: Iterable[str]) -> set[str]:
    """Every folder (POSIX, relative; "" for the root) holding one of ``paths``."""
    dirs = {""}
    for f in paths:
        d = posixpath.dirname(f)
        while d not in dirs:
            dirs.add(d)
            d = posixpath.dirname(d)
    return dirs
