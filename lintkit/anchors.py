"""The ids a fragment (``page.html#id``) may name in an output file of the site.

Computed for one output file at a time, on first use, and cached on the Site
(``Site.anchors``), so a document is parsed for its ids only when a fragment
points into it, and then only once.

For a page rendered from Markdown: the heading ids kramdown gives
(``lintkit.headings``: GFM ids, ``-1``/``-2`` for repeats, ``{#id}`` and
``{: #id}`` win), ``id=`` and ``name=`` attributes of raw HTML, ids set by IALs
(``{: #id}``), footnote ids (``fn:x``, ``fnref:x``) and the table of contents
(``markdown-toc``). For an HTML page: its ``id=`` / ``name=`` attributes. Every
rendered page also gets the ids written in ``_layouts`` and ``_includes``
(wherever they are used: lintkit does not follow which layout a page uses).
``top`` always exists (browsers and html-proofer accept it).

Liquid is rendered roughly first: ``{{ page.x }}`` and ``{{ site.x }}`` from
front matter and config, ``{% link %}`` to a URL; any other value is unknown,
so an id built from it becomes a pattern (``section-{{ x }}`` matches
``section-`` followed by anything). An id that is entirely unknown is ignored.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import unquote

from . import headings, liquid, wildmatch
from .document import Document
from .nearest import SHORT, Nearest

if TYPE_CHECKING:
    from .site import Site

# an id pattern: a regular expression or a Liquid-made template (each has fullmatch)
Matcher = re.Pattern[str] | wildmatch.Wildcard

_WORD_SPLIT_RE = re.compile(r"[-_\s]+")
_STOP = {"the", "and", "for", "with", "from", "into", "you", "your", "how", "what", "why"}
UNKNOWN = "zqxlintkitunknownzqx"  # stands for a Liquid value lintkit cannot know
_ATTR_ANY_RE = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+))""")
_TAG_RE = re.compile(r"<[A-Za-z][^<>]*>")
_IAL_RE = re.compile(r"\{:(?!:)[^{}\n]*?#([A-Za-z][\w:-]*)[^{}\n]*\}")
_FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^([\w-]+)\]:", re.M)
HIGHLIGHT_FENCE = "`" * 16
_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\2[`~]*[ \t]*$", re.S | re.M)
_OPENER_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CLOSER_RE = re.compile(r" {0,3}(`+|~+)[`~]*[ \t]*$")


def strip_fences(body: str) -> str:
    """``_FENCE_RE.sub("", body)`` (each fenced block removed, from its
    opening line to the end of its closing line), in time linear in ``body``:
    the regular expression retries every unclosed fence to the end of the text.

    An opening run of k fence characters c is closed by the first later line
    whose run (after up to 3 spaces) starts with f of them, f being the
    largest number from 3 to k that some later line has (the pattern's
    backtracking); a fence with no such line is text."""
    lines = body.split("\n")
    # (char, leading run) of every line that can close a fence
    closers: list[tuple[str, int] | None] = []
    for line in lines:
        m = _CLOSER_RE.match(line)
        if m:
            run = m.group(1)
            closers.append((run[0], len(run)))
        else:
            closers.append(None)
    # the longest run of each character on any later line
    best_after: list[dict[str, int]] = [{}] * (len(lines) + 1)
    acc: dict[str, int] = {}
    for i in range(len(lines) - 1, -1, -1):
        best_after[i + 1] = acc
        c = closers[i]
        if c is not None and c[1] > acc.get(c[0], 0):
            acc = {**acc, c[0]: c[1]}
    out: list[str] = []
    i = 0
    last = len(lines) - 1  # the opening line needs a newline after it
    while i < len(lines):
        m = _OPENER_RE.match(lines[i]) if i < last else None
        if m:
            char, k = m.group(1)[0], len(m.group(1))
            f = min(k, best_after[i + 1].get(char, 0))
            if f >= 3:
                j = i + 1
                while not ((c := closers[j]) and c[0] == char and c[1] >= f):
                    j += 1
                out.append("")  # the block and its closing line's text are removed
                i = j + 1
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


@dataclass
class Anchors:
    """The ids of one output file."""

    dest: str
    source: str | None
    html: bool  # an HTML page (other files have no ids)
    ids: frozenset[str] = frozenset()
    patterns: tuple[Matcher, ...] = ()  # each has fullmatch
    notes: list[str] = field(default_factory=list)

    def has(self, fragment: str) -> bool:
        if fragment == "top":
            return True
        decoded = unquote(fragment)
        if fragment in self.ids or decoded in self.ids:
            return True
        return any(p.fullmatch(fragment) or p.fullmatch(decoded) for p in self.patterns)

    @cached_property
    def _lower(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for i in sorted(self.ids, reverse=True):
            table[i.lower()] = i  # the first in sorted order wins
        return table

    @cached_property
    def _nearest(self) -> Nearest:
        return Nearest(self.ids)

    @cached_property
    def _by_word(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for i in sorted(self.ids):
            for w in set(_WORD_SPLIT_RE.split(i.lower())):
                table.setdefault(w, []).append(i)
        return table

    def close_ids(self, fragment: str, n: int) -> list[str]:
        """Up to ``n`` ids most like ``fragment`` (a ratio of 0.6 or more)."""
        return self._nearest.close_all(fragment, 0.6, n)

    def case_variant(self, fragment: str) -> str | None:
        return self._lower.get(unquote(fragment).lower())

    @cached_property
    def _closest(self) -> dict[str, str | None]:
        return {}

    def closest(self, fragment: str) -> str | None:
        """The id a missing fragment most likely meant, or None. Each step
        looks at a short list of candidates from an index (``lintkit.nearest``),
        so the cost does not grow with the number of ids; each fragment is
        looked up once."""
        if not self.ids:
            return None
        if fragment not in self._closest:
            self._closest[fragment] = self._find_closest(fragment)
        return self._closest[fragment]

    def _find_closest(self, fragment: str) -> str | None:
        decoded = unquote(fragment)
        low = decoded.lower()
        same = self._lower.get(low)
        if same is not None:
            return same
        index = self._nearest
        pool = index.shortlist(decoded)
        hit = index.close(decoded, 0.6, pool)
        if hit:
            return hit
        words = {w for w in _WORD_SPLIT_RE.split(low) if len(w) >= 3 and w not in _STOP}
        if len(index) > SHORT:
            extra = set(pool).union(index.shortlist(low), index.shortlist(low.replace(" ", "-")))
            for w in words:
                posting = self._by_word.get(w, [])
                if len(posting) <= SHORT:
                    extra.update(posting)
            pool = sorted(extra)
        if len(low) >= 3:
            near = [i for i in pool if i.lower().startswith(low) or low in i.lower()]
            if near:
                return min(near, key=lambda i: (len(i), i))
        if words:
            scored = []
            for i in pool:
                shared = len(words & set(_WORD_SPLIT_RE.split(i.lower())))
                if shared:
                    ratio = difflib.SequenceMatcher(None, low, i.lower()).ratio()
                    scored.append((-shared, -ratio, i))
            if scored:
                return min(scored)[2]
        return index.close(low.replace(" ", "-"), 0.6, pool)


def of_dest(site: Site, dest: str) -> Anchors:
    source = site.dest_map.get(dest)
    is_html = posixpath.splitext(dest)[1].lower() in (".html", ".htm", ".xhtml")
    if not source or not is_html:
        return Anchors(dest, source or None, is_html and source == "")
    kind = site.classify(source)
    ext = posixpath.splitext(source)[1].lower()
    ids: set[str] = set()
    patterns: list[Matcher] = []
    if kind in ("page", "document"):
        doc = Document.load(site.abspath(source), source, source)
        if not doc.readable:
            return Anchors(dest, source, True)
        doc.plugin_rendered = not doc.fm.present and site.renders_plain(source)
        rendered = render_body(doc, site)
        if ext in site.markdown_exts:
            _markdown_ids(site, rendered, ids, patterns)
        else:
            _html_ids(rendered, ids, patterns)
        lids, lpatterns = layout_ids(site)
        ids |= lids
        patterns.extend(lpatterns)
    else:
        try:
            with site.open_source(source) as fh:
                text = fh.read(4 * 1024 * 1024).decode("utf-8", "replace")
        except OSError:
            text = ""
        _html_ids(text, ids, patterns)
    return Anchors(dest, source, True, frozenset(ids), tuple(patterns))


def _add(value: str, ids: set[str], patterns: list[Matcher]) -> None:
    value = value.strip()
    if not value:
        return
    if UNKNOWN not in value:
        ids.add(value)
        return
    pieces = value.split(UNKNOWN)
    if not any(pieces):
        return  # entirely unknown: no information
    # Not a regular expression: "a{{x}}a{{x}}...b" would backtrack without
    # bound against a long fragment. A linear-time matcher (lintkit.wildmatch).
    patterns.append(wildmatch.template(pieces))


def _html_ids(text: str, ids: set[str], patterns: list[Matcher]) -> None:
    if "id" not in text and "name" not in text:
        return
    for tag in _TAG_RE.finditer(text):
        for m in _ATTR_ANY_RE.finditer(tag.group(0)):
            value = next(g for g in m.groups() if g is not None)
            _add(_unescape(value), ids, patterns)


def html_ids(text: str) -> frozenset[str]:
    """The ``id=`` and ``name=`` values of an HTML page (a fetched one, for
    the external link check)."""
    ids: set[str] = set()
    _html_ids(text, ids, [])
    return frozenset(ids)


def _unescape(value: str) -> str:
    if "&" not in value:
        return value
    import html

    return html.unescape(value)


def _markdown_ids(site: Site, body: str, ids: set[str], patterns: list[Matcher]) -> None:
    kd = site.config.get("kramdown")
    auto = not (isinstance(kd, dict) and kd.get("auto_ids") is False)
    for heading, hid in headings.document_heading_ids(body):
        if (
            not auto
            and heading.ial_id is None
            and headings.split_heading(heading.source, heading.atx)[1] is None
        ):
            continue
        _add(hid, ids, patterns)
    outside_code = strip_fences(body) if "```" in body or "~~~" in body else body
    _html_ids(outside_code, ids, patterns)
    if "{" in outside_code:
        for m in _IAL_RE.finditer(outside_code):
            _add(m.group(1), ids, patterns)
        if "{:toc}" in outside_code or "{::toc}" in outside_code:
            ids.add("markdown-toc")
            patterns.append(re.compile(r"markdown-toc-.*", re.S))
    if "[^" in outside_code:
        for m in _FOOTNOTE_DEF_RE.finditer(outside_code):
            ids.add("fn:" + m.group(1))
            patterns.append(re.compile(re.escape("fnref:" + m.group(1)) + r"(?::\d+)?"))


def render_body(doc: Document, site: Site) -> str:
    """The document body with Liquid replaced roughly as Jekyll renders it
    (line breaks kept); values lintkit cannot know become ``UNKNOWN``."""
    from . import links  # links imports nothing from here; late import keeps layering simple

    scan = doc.liquid
    masked = scan.masked
    start = doc.body_start
    if not doc.rendered:
        return doc.text[start:]
    out = []
    pos = 0
    for tag in scan.tags:
        if tag.region is not None:
            continue
        a, b = tag.start - start, tag.end - start
        out.append(masked[pos:a])
        pos = b
        newlines = "\n" * doc.text.count("\n", tag.start, tag.end)
        if tag.kind == "output":
            value = links.evaluate(doc, site, tag.markup)
            out.append((UNKNOWN if value is None else value) + newlines)
        elif tag.name == "link":
            url = links.link_tag_url(site, liquid.link_path(tag.markup))
            out.append((url or "/") + newlines)
        elif tag.name in ("highlight", "endhighlight"):
            # a fence longer than any the highlighted code holds: a ``` line
            # inside it is code, not the end of the block
            out.append(HIGHLIGHT_FENCE + newlines)
        else:
            out.append(newlines)
    out.append(masked[pos:])
    return "".join(out)


def layout_ids(site: Site) -> tuple[frozenset[str], tuple[Matcher, ...]]:
    """Ids written in ``_layouts`` and ``_includes`` (read once per site)."""
    cached: tuple[frozenset[str], tuple[Matcher, ...]] | None = site.memo.get("anchors.layouts")
    if cached is not None:
        return cached
    dirs = []
    for key, default in (("layouts_dir", "_layouts"), ("includes_dir", "_includes")):
        value = str(site.config.get(key) or default).strip("/")
        dirs.append(value + "/")
    ids: set[str] = set()
    patterns: list[Matcher] = []
    for rel in site.files:
        if not rel.startswith(tuple(dirs)):
            continue
        try:
            with site.open_source(rel) as fh:
                text = fh.read(1024 * 1024).decode("utf-8", "replace")
        except OSError:
            continue
        if "id" not in text and "name" not in text:
            continue
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", UNKNOWN, text, flags=re.S)
        _html_ids(text, ids, patterns)
    cached = site.memo["anchors.layouts"] = (frozenset(ids), tuple(patterns))
    return cached
