"""The site index: one walk of a Jekyll site, answering "does this target
exist" and "what URL does this source produce".

Built once per run per site root. Mirrors Jekyll 4's reader: ``exclude``
(plus Jekyll's default excludes) and ``include``, names starting with ``.``,
``_``, ``#`` or ending with ``~`` are skipped, collections are read from
``_<name>`` folders, and a file is a page (rendered) when it starts with front
matter, a static file (copied) otherwise.
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Dict, List, Optional, Set

import yaml

from .document import has_front_matter_file

ALWAYS_SKIP = {"_site", ".git", "node_modules", "vendor", ".jekyll-cache", ".sass-cache",
               ".bundle", ".hg", ".svn", "__pycache__", ".venv", ".tox"}
DEFAULT_EXCLUDES = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock",
                    "node_modules", "vendor/bundle/", "vendor/cache/", "vendor/gems/",
                    "vendor/ruby/"]
SPECIAL_DIRS = {"_layouts", "_includes", "_data", "_sass", "_plugins", "_drafts"}
MAX_FILES = 200_000


class SiteConfigError(Exception):
    """``_config.yml`` cannot be read; the message says why."""


@dataclass(frozen=True)
class Collection:
    name: str
    output: bool
    permalink: Optional[str]


def find_root(path: str) -> Optional[str]:
    """The nearest folder upward from ``path`` holding ``_config.yml``."""
    cur = os.path.abspath(path)
    if not os.path.isdir(cur):
        cur = os.path.dirname(cur)
    while True:
        if os.path.isfile(os.path.join(cur, "_config.yml")):
            return cur
        parent = os.path.dirname(cur)
        if parent == cur:
            return None
        cur = parent


class Site:
    def __init__(self, root: str, config: Optional[dict] = None, config_error: Optional[str] = None):
        self.root = os.path.abspath(root)
        self.config = config or {}
        self.config_error = config_error
        self.markdown_exts = {"." + e.strip().lower() for e in
                              str(self.config.get("markdown_ext", "markdown,mkdown,mkdn,mkd,md")).split(",")}
        exclude = self.config.get("exclude") or []
        include = self.config.get("include") or [".htaccess"]
        self.exclude = [str(e) for e in (exclude if isinstance(exclude, list) else [exclude])] + DEFAULT_EXCLUDES
        self.include = [str(e) for e in (include if isinstance(include, list) else [include])]
        self.collections: Dict[str, Collection] = {}
        cols = self.config.get("collections") or {}
        if isinstance(cols, list):
            cols = {str(c): {} for c in cols}
        if isinstance(cols, dict):
            for name, meta in cols.items():
                meta = meta if isinstance(meta, dict) else {}
                self.collections[str(name)] = Collection(
                    str(name), bool(meta.get("output", False)), meta.get("permalink"))
        if "posts" not in self.collections:
            self.collections["posts"] = Collection("posts", True, None)
        cdir = str(self.config.get("collections_dir") or "").strip("/")
        self.collections_dir = cdir
        plugins = self.config.get("plugins") or []
        self.plugins = {str(p) for p in plugins} if isinstance(plugins, list) else set()
        self.baseurl = str(self.config.get("baseurl") or "").rstrip("/")
        self.url = str(self.config.get("url") or "").rstrip("/")

    # ----------------------------------------------------------- construct
    @classmethod
    def load(cls, root: str) -> "Site":
        path = os.path.join(root, "_config.yml")
        config: dict = {}
        error = None
        try:
            with open(path, "rb") as fh:
                loaded = yaml.load(fh.read().decode("utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            if isinstance(loaded, dict):
                config = loaded
            elif loaded is not None:
                error = "_config.yml must be a mapping of settings"
        except FileNotFoundError:
            pass
        except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
            error = f"_config.yml cannot be read: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        return cls(root, config, error)

    # ---------------------------------------------------------------- walk
    @cached_property
    def files(self) -> List[str]:
        """Every file of the source tree that lintkit looks at (POSIX, relative),
        before Jekyll's own filtering: that is what ``classify`` decides."""
        out: List[str] = []
        stack = [""]
        while stack and len(out) < MAX_FILES:
            rel_dir = stack.pop()
            try:
                with os.scandir(os.path.join(self.root, rel_dir)) as it:
                    entries = list(it)
            except OSError:
                continue
            for entry in entries:
                name = entry.name
                rel = f"{rel_dir}/{name}" if rel_dir else name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if name in ALWAYS_SKIP:
                        continue
                    stack.append(rel)
                else:
                    out.append(rel)
        out.sort()
        return out

    @cached_property
    def file_set(self) -> Set[str]:
        return set(self.files)

    @cached_property
    def dir_set(self) -> Set[str]:
        dirs = {""}
        for f in self.files:
            d = posixpath.dirname(f)
            while d not in dirs:
                dirs.add(d)
                d = posixpath.dirname(d)
        return dirs

    @cached_property
    def _lower(self) -> Dict[str, List[str]]:
        table: Dict[str, List[str]] = {}
        for f in self.files:
            table.setdefault(f.lower(), []).append(f)
        return table

    def case_variants(self, rel: str) -> List[str]:
        return [f for f in self._lower.get(rel.lower(), []) if f != rel]

    # ----------------------------------------------------- Jekyll's filter
    def _glob_hit(self, patterns: List[str], rel: str, is_dir: bool = False) -> bool:
        for pattern in patterns:
            p = pattern.lstrip("/")
            if not p:
                continue
            if fnmatch.fnmatchcase(rel, p) or rel.startswith(p) or (is_dir and p == rel + "/"):
                return True
        return False

    def excluded(self, rel: str) -> bool:
        hit = self._excluded.get(rel)
        if hit is None:
            hit = self._excluded[rel] = self._is_excluded(rel)
        return hit

    @cached_property
    def _excluded(self) -> Dict[str, bool]:
        return {}

    def _is_excluded(self, rel: str) -> bool:
        """Jekyll's ``exclude`` (with its defaults), checked on the path and
        every folder above it, as Jekyll's reader does while it walks."""
        parts = rel.split("/")
        excl = [e for e in self.exclude if e not in self.include]
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            is_dir = i < len(parts)
            if self._glob_hit(excl, sub, is_dir) and not self._included(sub):
                return True
        return False

    def _included(self, rel: str) -> bool:
        return self._glob_hit(self.include, rel) or self._glob_hit(self.include, posixpath.basename(rel))

    def _special(self, name: str) -> bool:
        return name[:1] in (".", "_", "#", "~") or name.endswith("~")

    @cached_property
    def _collection_dirs(self) -> Dict[str, Collection]:
        prefix = self.collections_dir + "/" if self.collections_dir else ""
        return {f"{prefix}_{c.name}": c for c in self.collections.values()}

    def collection_of(self, rel: str) -> Optional[Collection]:
        for d, c in self._collection_dirs.items():
            if rel.startswith(d + "/"):
                return c
        return None

    def classify(self, rel: str) -> str:
        kind = self._classified.get(rel)
        if kind is None:
            kind = self._classified[rel] = self._classify(rel)
        return kind

    @cached_property
    def _classified(self) -> Dict[str, str]:
        return {}

    @cached_property
    def memo(self) -> Dict:
        """A cache rules may use for answers that depend only on the site."""
        return {}

    def _classify(self, rel: str) -> str:
        """What Jekyll makes of a source file: ``page``, ``static``,
        ``document`` (of a collection that is written), ``unwritten`` (a
        document of a collection with ``output: false``), ``special``
        (layouts, includes, data, config...) or ``excluded``."""
        if self.excluded(rel):
            return "excluded"
        col = self.collection_of(rel)
        if col is not None:
            inner = rel[len(self._collection_dir_of(col)) + 1:]
            if any(self._special(p) for p in inner.split("/")[:-1]) and not self._included(inner):
                return "excluded"
            name = posixpath.basename(rel)
            if self._special(name) and not self._included(name):
                return "excluded"
            if col.name == "posts" or col.output:
                return "document" if has_front_matter_file(self.abspath(rel)) else "static"
            return "unwritten"
        parts = rel.split("/")
        for i, part in enumerate(parts):
            if self._special(part) and not self._included("/".join(parts[: i + 1])):
                return "special"
        return "page" if has_front_matter_file(self.abspath(rel)) else "static"

    def _collection_dir_of(self, col: Collection) -> str:
        prefix = self.collections_dir + "/" if self.collections_dir else ""
        return f"{prefix}_{col.name}"

    def abspath(self, rel: str) -> str:
        return os.path.join(self.root, *rel.split("/"))

    def rel(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def contains(self, path: str) -> bool:
        rel = os.path.relpath(os.path.abspath(path), self.root)
        return not (rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel))

    # --------------------------------------------------------- {% link %}
    def linkable(self, rel: str) -> bool:
        """Would ``{% link rel %}`` find this file? (exact, case-sensitive)"""
        if rel.startswith("/"):
            # Jekyll compares "/"+path only with static files' relative paths.
            rel = rel[1:]
            return rel in self.file_set and self.classify(rel) == "static"
        return rel in self.file_set and self.classify(rel) in ("page", "static", "document")

    @cached_property
    def linkable_paths(self) -> List[str]:
        return [f for f in self.files if self.classify(f) in ("page", "static", "document")]

    def suggest(self, rel: str, candidates: Optional[List[str]] = None) -> Optional[str]:
        """The closest existing path to a missing one, when one is close."""
        pool = candidates if candidates is not None else self.linkable_paths
        pool_set = set(pool)
        rel = rel.lstrip("/")
        stem, ext = posixpath.splitext(rel)
        for alt_ext in (".md", ".markdown", ".html"):
            if alt_ext != ext and stem + alt_ext in pool_set:
                return stem + alt_ext
        variants = [v for v in self.case_variants(rel) if v in pool_set]
        if variants:
            return variants[0]
        base = posixpath.basename(rel)
        same_name = [p for p in pool if posixpath.basename(p) == base]
        if len(same_name) == 1:
            return same_name[0]
        close = difflib.get_close_matches(rel, pool, n=1, cutoff=0.85)
        if close:
            return close[0]
        same_dir = [p for p in pool if posixpath.dirname(p) == posixpath.dirname(rel)]
        close = difflib.get_close_matches(rel, same_dir, n=1, cutoff=0.7)
        return close[0] if close else None

    # -------------------------------------------------------------- URLs
    def output_ext(self, rel: str) -> str:
        ext = posixpath.splitext(rel)[1].lower()
        if ext in self.markdown_exts:
            return ".html"
        if ext in (".scss", ".sass"):
            return ".css"
        return ext

    def url_of(self, rel: str) -> Optional[str]:
        """The URL Jekyll writes this source to (None: not written)."""
        cache = self._urls
        if rel not in cache:
            cache[rel] = self._url_of(rel)
        return cache[rel]

    @cached_property
    def _urls(self) -> Dict[str, Optional[str]]:
        return {}

    def _url_of(self, rel: str) -> Optional[str]:
        kind = self.classify(rel)
        if kind == "static":
            return "/" + rel
        if kind not in ("page", "document"):
            return None
        meta = self._url_front_matter(rel)
        if meta.get("published") is False:
            return None
        ext = self.output_ext(rel)
        if kind == "document":
            col = self.collection_of(rel)
            inner = rel[len(self._collection_dir_of(col)) + 1:] if col else rel
            path_noext = posixpath.splitext(inner)[0]
            template = meta.get("permalink") or (col.permalink if col else None)
            name = posixpath.basename(path_noext)
            if template:
                return _expand(str(template), {
                    "collection": col.name if col else "", "path": "/" + path_noext,
                    "name": _slugify(name), "title": _slugify(name),
                    "basename": name, "output_ext": ext,
                })
            return f"/{col.name if col else ''}/{path_noext}{ext}"
        d, base = posixpath.split(rel)
        stem = posixpath.splitext(base)[0]
        template = meta.get("permalink")
        if template:
            return _expand(str(template), {"path": "/" + d if d else "", "basename": stem,
                                           "output_ext": ext, "name": _slugify(stem)})
        if stem == "index" and ext == ".html":
            return f"/{d}/" if d else "/"
        return f"/{d}/{stem}{ext}" if d else f"/{stem}{ext}"

    def _url_front_matter(self, rel: str) -> dict:
        """``permalink`` and ``published`` of a file, read cheaply: the front
        matter is parsed only when it mentions one of them."""
        path = self.abspath(rel)
        try:
            with open(path, "rb") as fh:
                head = fh.read(16384).decode("utf-8-sig", "replace").replace("\r\n", "\n")
        except OSError:
            return {}
        m = re.match(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*$", head, re.S | re.M)
        if not m or not m.group(1):
            return {}
        fm = m.group(1)
        if "permalink" not in fm and "published" not in fm:
            return {}
        try:
            data = yaml.load(fm, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (yaml.YAMLError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    @cached_property
    def url_map(self) -> Dict[str, str]:
        """Output URL -> source path, for every written file."""
        out: Dict[str, str] = {}
        for rel in self.files:
            url = self.url_of(rel)
            if url is not None:
                out.setdefault(url, rel)
        return out

    def resolve_url(self, url: str) -> Optional[str]:
        """The source that serves ``url`` (a decoded path without query or
        fragment), the way a static web server and html-proofer find it."""
        table = self.url_map
        if url in table:
            return table[url]
        if url.endswith("/"):
            return table.get(url + "index.html")
        if url.endswith("/index.html") and url[:-10] in table:
            return table[url[:-10]]
        for candidate in (url + ".html", url + "/", url + "/index.html"):
            if candidate in table:
                return table[candidate]
        return None

    def source_exists(self, rel: str) -> bool:
        rel = rel.rstrip("/")
        return rel in self.file_set or rel in self.dir_set


def _slugify(text: str) -> str:
    slug = re.sub(r"[^\w-]+", "-", text.lower()).strip("-")
    return slug


def _expand(template: str, values: Dict[str, str]) -> str:
    builtin = {"pretty": "/:path/:basename/", "none": "/:path/:basename:output_ext",
               "date": "/:path/:basename:output_ext", "ordinal": "/:path/:basename:output_ext"}
    template = builtin.get(template, template)

    def sub(m: re.Match) -> str:
        return values.get(m.group(1), "")

    url = re.sub(r":(output_ext|basename|collection|path|name|title)", sub, template)
    url = re.sub(r"/+", "/", url)
    if not url.startswith("/"):
        url = "/" + url
    if url.endswith("/index.html") and template.endswith(":output_ext") is False:
        pass
    return url
