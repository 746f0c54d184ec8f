"""Who links to whom in the site, and what a change did to that (``--since``)."""

from __future__ import annotations

import os
import posixpath
import re
from typing import Any
from urllib.parse import unquote

from .. import links, liquid, safeio, yamlread
from ..document import Document
from ..git import Changes, Git
from ..gitchanges import (
    linked_removed,
    old_urls,
    removed_targets,
    site_rel,
    site_rels,
)
from ..site import Site

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

    def __init__(self, site: Site, reviewed: dict[str, Document]):
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
        source: str | None = site.resolve_url(value)
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


def inbound_changed(graph: LinkGraph, git: Git, changes: Changes) -> list[dict[str, Any]]:
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


def _link_source(site: Site, rel: str) -> bool:
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
