"""Every link of a document, in every way it can be written, and what each one
points at in the built site.

``site_links(doc)`` lists inline links and images, reference links (resolved
through their definition, which is where the destination is written), kramdown
autolinks (``<https://...>``) and ``<a href>`` / ``<img src>`` written as HTML
inside the Markdown (HTML blocks and inline HTML). Computed once per document.

``render(doc, site, dest)`` turns a destination as written into the ``href``
Jekyll writes into the page, where that is known without rendering the page:
``{% link %}``, ``{% post_url %}``, ``{{ site.baseurl }}``, ``{{ site.url }}``,
``{{ page.x }}`` and the ``relative_url`` / ``absolute_url`` filters.

``resolve(doc, site, href)`` says what an ``href`` points at, the way
html-proofer 3 finds it in ``_site``: outside the site, this page, or an output
file of the site (and the fragment).
"""

from __future__ import annotations

import html
import posixpath
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

from . import inline, liquid

if TYPE_CHECKING:
    from .document import Document
    from .site import Site

# A URL scheme ("https:", "mailto:"): a link with one is not a path on the site.
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# ``{{ site.baseurl }}`` at the start of a destination.
BASEURL_RE = re.compile(r"^\{\{-?\s*site\.baseurl\s*-?\}\}")
# kramdown's autolink (parser/kramdown/autolink.rb)
_KD_AUTOLINK_RE = re.compile(r"<((?:mailto|https?|ftps?):[^\n>]+?|[\w\-.]+?@[\w\-.]+?)>")
_A_OR_IMG_RE = re.compile(r"<(a|img)\b([^<>]*)>", re.I)
_ATTR_RE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_CODE_ELEMENT_RE = re.compile(r"<(pre|code|tt)\b[^>]*>.*?</\1\s*>", re.S | re.I)


@dataclass(frozen=True)
class SiteLink:
    form: str  # "inline", "reference", "autolink", "html"
    kind: str  # "link" or "image"
    line: int  # where the link starts ("[", "!", "<")
    column: int
    dest_line: int  # where its destination is written (a reference's definition)
    dest_column: int
    dest: str  # the destination as written, Liquid intact
    label: str | None = None  # reference label
    syntax: str = "commonmark"  # "kramdown": only kramdown reads it as a link


def site_links(doc: Document) -> list[SiteLink]:
    """Every link and image of ``doc`` (cached on the document), in document
    order."""
    cached = doc.memo.get("links.site_links")
    if cached is None:
        cached = doc.memo["links.site_links"] = _collect(doc)
    return cached


def last_definitions(doc: Document) -> dict[str, Any]:
    """Normalised label -> the definition kramdown uses (the last one)."""
    cached = doc.memo.get("links.defs")
    if cached is None:
        cached = {}
        for d in doc.definitions:
            cached[inline.norm_label(d.label)] = d
        doc.memo["links.defs"] = cached
    return cached


def _mistune_refs(doc: Document) -> dict[str, str]:
    state = doc._parsed[1]
    out: dict[str, str] = {}
    if state is None:
        return out
    for key, value in state.env.get("ref_links", {}).items():
        if isinstance(value, dict):
            out[inline.norm_label(str(value.get("label", key)))] = unquote(
                str(value.get("url", ""))
            )
    return out


def _collect(doc: Document) -> list[SiteLink]:
    out: list[SiteLink] = []
    defs = None
    for pl in doc.links:
        link = pl.link
        if pl.dest is not None:  # the same as link.dest is not None (Document.links)
            out.append(
                SiteLink(
                    "inline",
                    link.kind,
                    pl.line,
                    pl.column,
                    pl.dest_line,
                    pl.dest_column,
                    pl.dest,
                    None,
                    link.syntax,
                )
            )
            continue
        if not link.defined or link.label is None:
            continue
        if defs is None:
            defs = last_definitions(doc)
        key = inline.norm_label(link.label)
        d = defs.get(key)
        if d is not None:
            out.append(
                SiteLink(
                    "reference",
                    link.kind,
                    pl.line,
                    pl.column,
                    d.dest_line,
                    d.dest_column,
                    d.dest,
                    link.label,
                    "commonmark",
                )
            )
            continue
        url = _mistune_refs(doc).get(key)
        if url is not None:  # a definition inside a block quote or list item
            out.append(
                SiteLink(
                    "reference",
                    link.kind,
                    pl.line,
                    pl.column,
                    pl.dest_line,
                    pl.dest_column,
                    url,
                    link.label,
                )
            )
    masked = doc.masked
    hit = _HTML_OR_AUTOLINK_RE.search(masked, doc.body_start)
    if hit is not None:
        out.extend(_angle_links(doc, masked, hit.start()))
    out.sort(key=lambda s: (s.line, s.column))
    return out


_HTML_OR_AUTOLINK_RE = re.compile(r"<(?:a\b|img\b|A\b|IMG\b|https?:|ftps?:|mailto:)")


def _angle_links(doc: Document, masked: str, first: int) -> list[SiteLink]:
    """HTML links and autolinks, looked for only in the blocks that hold a
    candidate (the first at offset ``first``)."""
    out: list[SiteLink] = []
    spans = doc.memo.get("links.blocks")
    if spans is None:
        spans = [(a, b, True) for _tok, a, b in doc.text_blocks()]
        for tok in doc.all_tokens:
            if tok["type"] == "block_html":
                line = tok["line"]
                n = tok.get("raw", "").rstrip("\n").count("\n") + 1
                a = doc.offset(line)
                last = min(line + n, len(doc.lines))
                b = doc.offset(last) if last < len(doc.lines) else len(doc.text)
                spans.append((a, b, False))
        spans.sort()
        doc.memo["links.blocks"] = spans
    starts = [a for a, _b, _t in spans]
    done = set()
    for m in _HTML_OR_AUTOLINK_RE.finditer(masked, first):
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or k in done:
            continue
        a, b, text_block = spans[k]
        if m.start() >= b:
            continue
        done.add(k)
        chunk = masked[a:b]
        if text_block:
            chunk = inline.code_span_mask(chunk)
            for am in _KD_AUTOLINK_RE.finditer(chunk):
                value = am.group(1)
                if "@" in value and ":" not in value:
                    continue  # an e-mail address
                line, col = doc.position(a + am.start())
                dline, dcol = doc.position(a + am.start(1))
                out.append(
                    SiteLink(
                        "autolink",
                        "link",
                        line,
                        col,
                        dline,
                        dcol,
                        doc.text[a + am.start(1) : a + am.end(1)],
                    )
                )
        out.extend(_html_links(doc, chunk, a))
    return out


def _blank(m: re.Match[str]) -> str:
    return "".join(c if c == "\n" else " " for c in m.group(0))


def _html_links(doc: Document, chunk: str, base: int) -> list[SiteLink]:
    """``<a href>`` and ``<img src>`` in a piece of masked text starting at
    offset ``base``. Comments and code elements (which html-proofer ignores)
    are skipped."""
    if "<a" not in chunk and "<A" not in chunk and "<img" not in chunk and "<IMG" not in chunk:
        return []
    if "<!--" in chunk:
        chunk = _COMMENT_RE.sub(_blank, chunk)
    if "<pre" in chunk or "<code" in chunk or "<tt" in chunk:
        chunk = _CODE_ELEMENT_RE.sub(_blank, chunk)
    out = []
    for m in _A_OR_IMG_RE.finditer(chunk):
        tag = m.group(1).lower()
        want = "href" if tag == "a" else "src"
        for am in _ATTR_RE.finditer(m.group(2)):
            if am.group(1).lower() != want:
                continue
            g = 2 if am.group(2) is not None else 3 if am.group(3) is not None else 4
            if am.group(g) is None:
                break
            at = base + m.start(2) + am.start(g)
            value = doc.text[at : at + len(am.group(g))]
            line, col = doc.position(base + m.start())
            dline, dcol = doc.position(at)
            out.append(
                SiteLink("html", "image" if tag == "img" else "link", line, col, dline, dcol, value)
            )
            break
    return out


# ----------------------------------------------------------------- render
@dataclass(frozen=True)
class Href:
    href: str | None  # what Jekyll writes into the page; None: not known statically
    why: str = ""  # for None: "liquid" (needs rendering) or "tag" (a link tag that fails)
    via_tag: str | None = None  # the source path of a {% link %} in it


_OUTPUT_RE = re.compile(r"^\s*(.*?)\s*$", re.S)


def render(doc: Document, site: Site, dest: str) -> Href:
    """The ``href`` Jekyll writes for the destination ``dest`` of ``doc``."""
    if "{" not in dest or not liquid.has_liquid(dest):
        return Href(dest)
    if "page." in dest:
        return _render(doc, site, dest)
    memo: dict[str, Href] = site.memo.setdefault("links.render", {})
    hit = memo.get(dest)
    if hit is None:
        hit = memo[dest] = _render(doc, site, dest)
    return hit


def href_of(doc: Document, site: Site, sl: SiteLink) -> Href:
    """The ``href`` Jekyll writes for the link ``sl`` of ``doc``: its
    destination rendered (``render``), then rewritten by the plugins that
    rewrite Markdown links (jekyll-relative-links)."""
    dest = sl.dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    href = render(doc, site, dest)
    if (
        href.href is not None
        and sl.form in ("inline", "reference")
        and "jekyll-relative-links" in site.plugins
    ):
        from .plugins import relative_links

        if relative_links.applies_to(site, doc.rel):
            new = relative_links.rewrite(site, doc.rel, href.href)
            if new is not None:
                return Href(new, "", href.via_tag)
    return href


def _render(doc: Document, site: Site, dest: str) -> Href:
    scan = liquid.scan(dest)
    if scan.unclosed:
        return Href(None, "liquid")
    out = []
    pos = 0
    via = None
    for tag in scan.tags:
        if tag.region is not None:
            continue
        out.append(dest[pos : tag.start])
        pos = tag.end
        if tag.kind == "output":
            value = evaluate(doc, site, tag.markup)
            if value is None:
                return Href(None, "liquid")
            out.append(value)
        elif tag.name == "link":
            path = liquid.link_path(tag.markup)
            if liquid.has_liquid(path):
                filled = _render_simple(doc, site, path)
                if filled is None:
                    return Href(None, "liquid")
                path = filled
            url = link_tag_url(site, path)
            if url is None:
                return Href(None, "tag", path)
            via = path
            out.append(url)
        elif tag.name == "post_url":
            url = post_url(site, tag.markup.strip().strip("'\""))
            if url is None:
                return Href(None, "tag")
            out.append(url)
        else:
            return Href(None, "liquid")
    out.append(dest[pos:])
    return Href("".join(out), "", via)


def evaluate_path(doc: Document, site: Site, text: str) -> str | None:
    """A link tag's path with ``{{ page.x }}`` / ``{{ site.x }}`` filled in
    (None when it holds anything else)."""
    return _render_simple(doc, site, text)


def _render_simple(doc: Document, site: Site, text: str) -> str | None:
    scan = liquid.scan(text)
    out, pos = [], 0
    for tag in scan.tags:
        if tag.kind != "output":
            return None
        value = evaluate(doc, site, tag.markup)
        if value is None:
            return None
        out.append(text[pos : tag.start])
        out.append(value)
        pos = tag.end
    out.append(text[pos:])
    return "".join(out).strip()


def link_tag_url(site: Site, path: str) -> str | None:
    """What ``{% link path %}`` renders to, or None when Jekyll cannot find the
    file (the build stops). Jekyll 4 puts ``baseurl`` in front; Jekyll 3.10
    (GitHub Pages) does not."""
    if not site.linkable(path):
        return None
    rel = path.lstrip("/")
    url = site.url_of(rel)
    return None if url is None else tag_base(site) + url


def tag_base(site: Site) -> str:
    """What ``{% link %}`` and ``{% post_url %}`` put before a URL."""
    return site.baseurl if site.build.jekyll >= 4 else ""


def post_url(site: Site, name: str) -> str | None:
    rel = site.post_for(name)
    if rel is None:
        return None
    url = site.url_of(rel)
    return None if url is None else tag_base(site) + url


_FILTER_RE = re.compile(r"\|\s*([A-Za-z_]\w*)\s*(?::\s*(.*?))?\s*(?=\||$)", re.S)
_STRING_RE = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")


def evaluate(doc: Document, site: Site, markup: str) -> str | None:
    """The value of a Liquid output ``{{ markup }}`` when it needs nothing but
    the site's config and the page's front matter; None otherwise."""
    parts = markup.split("|", 1)
    value = _value(doc, site, parts[0].strip())
    if value is None:
        return None
    if len(parts) == 1:
        return value
    for m in _FILTER_RE.finditer("|" + parts[1]):
        name, arg = m.group(1), m.group(2)
        if name == "relative_url":
            value = _relative_url(site, value)
        elif name == "absolute_url":
            rel = _relative_url(site, value)
            value = rel if SCHEME_RE.match(rel) or not site.url else site.url + rel
        elif name in ("prepend", "append"):
            extra = _value(doc, site, (arg or "").strip())
            if extra is None:
                return None
            value = extra + value if name == "prepend" else value + extra
        elif name in ("strip", "escape", "uri_escape", "url_encode", "default"):
            if name == "strip":
                value = value.strip()
            elif name == "default" and not value:
                value = _value(doc, site, (arg or "").strip()) or ""
        else:
            return None
    return value


def _relative_url(site: Site, value: str) -> str:
    if SCHEME_RE.match(value):
        return value
    base = site.baseurl
    base = base if not base or base.startswith("/") else "/" + base
    value = value if not value or value.startswith("/") else "/" + value
    return base + value


def _value(doc: Document, site: Site, expr: str) -> str | None:
    m = _STRING_RE.match(expr)
    if m:
        return m.group(1) if m.group(1) is not None else m.group(2)
    if expr == "site.baseurl":
        return site.baseurl
    if expr == "site.url":
        return site.url
    if re.fullmatch(r"site\.\w+", expr):
        key = expr[5:]
        if key not in site.config:
            return None if key in _SITE_KEYS or key in site.collections else ""
        return _scalar(site.config.get(key))
    if expr == "page.url":
        return site.url_of(doc.rel)
    if re.fullmatch(r"page\.\w+", expr):
        key = expr[5:]
        value = doc.data.get(key)
        if value is None:
            value = site.defaults(doc.rel).get(key)
        if value is None:
            # Liquid prints nothing for a key nobody sets; Jekyll sets these itself.
            return None if key in _PAGE_KEYS else ""
        return _scalar(value)
    if re.fullmatch(r"include\.\w+", expr):
        return ""  # a page is not an include: include.x is empty there
    return None


_SITE_KEYS = {
    "time",
    "pages",
    "posts",
    "related_posts",
    "static_files",
    "html_pages",
    "html_files",
    "collections",
    "data",
    "documents",
    "categories",
    "tags",
}
_PAGE_KEYS = {
    "content",
    "excerpt",
    "date",
    "path",
    "name",
    "dir",
    "id",
    "collection",
    "categories",
    "tags",
    "next",
    "previous",
    "relative_path",
    "slug",
    "ext",
    "output",
    "draft",
    "layout",
}


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


# ---------------------------------------------------------------- resolve
class HasRel(Protocol):
    """The one thing ``resolve`` asks of a document: its path (relative to the site)."""

    @property
    def rel(self) -> str: ...


@dataclass(frozen=True)
class Target:
    kind: str  # "external", "none" (nothing to check), "same" (this page), "site", "mailto"
    url: str | None = None  # decoded site-absolute path (for "site")
    fragment: str | None = None  # as written, without "#" (None: no "#")
    dest: str | None = None  # the output file it opens (None: missing)
    absolute: bool = False  # written site-absolute (or through the site's own address)
    outside: bool = False  # ".." climbs above the site root
    via_site_url: bool = False


def base_dir(site: Site, doc: HasRel) -> str:
    """The folder (URL path, no slashes around) relative links of ``doc``
    resolve from: the folder of its output file."""
    cache: dict[str, str] = site.memo.setdefault("links.base_dir", {})
    if doc.rel not in cache:
        dest = site.dest_of(doc.rel)
        cache[doc.rel] = posixpath.dirname(dest) if dest is not None else posixpath.dirname(doc.rel)
    return cache[doc.rel]


def resolve(doc: HasRel, site: Site, href: str) -> Target:
    """What ``href`` (of the rendered page ``doc``) points at in ``_site``."""
    href = href.strip()
    if "\u200b" in href:
        href = href.replace("\u200b", "")
    if "&" in href:  # an entity in the HTML attribute: the browser decodes it
        href = html.unescape(href)
    if not href:
        return Target("none")
    if href[0] == "#":
        return Target("same", None, href[1:])
    if href.startswith("//"):
        href = "http:" + href
    via_site_url = False
    scheme = SCHEME_RE.match(href)
    if scheme:
        low = scheme.group(0).lower()
        if low == "mailto:":
            return Target("mailto", href[len(low) :])
        if low not in ("http:", "https:"):
            return Target("none")
        own = _own_path(site, href)
        if own is None:
            return Target("external")
        href = own
        via_site_url = True
    fragment = None
    if "#" in href:
        href, fragment = href.split("#", 1)
    path = href.split("?", 1)[0]
    if not path:
        return Target("same", None, fragment)
    if "%" in path:
        path = unquote(path)
    absolute = path.startswith("/")
    if absolute:
        if site.baseurl and (path == site.baseurl or path.startswith(site.baseurl + "/")):
            path = path[len(site.baseurl) :] or "/"
        joined = _join("", path)
    else:
        joined = _join(base_dir(site, doc), path)
    if joined is None:
        return Target("site", None, fragment, None, absolute, True, via_site_url)
    url = "/" + joined + ("/" if path.endswith("/") and joined else "")
    return Target("site", url, fragment, site.resolve_dest(url), absolute, False, via_site_url)


def _own_host(site: Site) -> tuple[str, str]:
    cached = site.memo.get("links.own_host")
    if cached is None:
        try:
            own = urlsplit(site.url) if site.url else None
            cached = ((own.hostname or "").lower(), own.path.rstrip("/")) if own else ("", "")
        except ValueError:  # an unusable url in _config.yml: no address is the site's own
            cached = ("", "")
        site.memo["links.own_host"] = cached
    return cached


def _own_path(site: Site, href: str) -> str | None:
    """The path part of an absolute address on the site's own ``url``."""
    host, own_path = _own_host(site)
    if not host:
        return None
    rest = href.split("//", 1)[1] if "//" in href else ""
    netloc = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    name = netloc.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if name != host:
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    rest = parts.path or "/"
    if own_path and rest.startswith(own_path):
        rest = rest[len(own_path) :] or "/"
    if parts.query:
        rest += "?" + parts.query
    if "#" in href:
        rest += "#" + parts.fragment
    return rest


def _join(base: str, path: str) -> str | None:
    """``base`` (a folder) + ``path`` as a URL path without the leading "/",
    or None when ``..`` climbs above the site root."""
    stack = [p for p in base.split("/") if p] if not path.startswith("/") else []
    for seg in path.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if not stack:
                return None
            stack.pop()
        else:
            stack.append(seg)
    return "/".join(stack)


def site_target(site: Site, rel: str, rendered: bool, dest: str) -> tuple[str, str] | None:
    """Where a link destination, as written in the file ``rel``, leads on the
    site, without rendering the page: the one answer used by ``check --since``
    (which pages link to a removed file) and by the review's link graph.

    ``("url", URL)``: for a page Jekyll renders, the decoded site-absolute URL,
    found as the link rules find it (``resolve``: from the page's output folder,
    ``baseurl`` removed, ``..`` applied). ``("source", PATH)``: for a file
    Jekyll copies as it is, the path it names relative to the site root, the
    way GitHub resolves it (the file may not exist). None: another site, a
    fragment of the same page, a value built with Liquid, or no path."""
    dest = dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    m = BASEURL_RE.match(dest)
    if m:
        dest = "/" + (site.baseurl + dest[m.end() :]).lstrip("/")
    if (
        not dest
        or liquid.has_liquid(dest)
        or dest.startswith(("#", "//"))
        or SCHEME_RE.match(dest)
        or (dest.startswith("[") and dest.endswith("]"))
    ):
        return None
    path = unquote(dest.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    if not rendered:
        if path.startswith("/"):
            return "source", path.lstrip("/")
        return "source", posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    target = resolve(_Page(rel), site, path)
    if target.kind != "site" or target.url is None:
        return None
    return "url", target.url


class _Page:
    """The one thing ``resolve`` asks of a document: its path."""

    __slots__ = ("rel",)

    def __init__(self, rel: str):
        self.rel = rel


_LOST_BRACES_RE = re.compile(r"^%-?\s*(link|post_url|include_relative|include)\b")
_SSH_RE = re.compile(r"^[\w.+-]+@[\w.-]+:[\w./~-]+$")


def owned_by_malformed_link(dest: str) -> bool:
    """Destinations the malformed-link rule reports (lost braces, brackets,
    empty, SSH address): other link rules stay quiet about them."""
    d = dest.strip()
    if not d:
        return True
    c = d[0]
    if c == "[":
        return d.endswith("]") and len(d) > 2
    if c == "%":
        return bool(_LOST_BRACES_RE.match(d))
    return "@" in d and ":" in d and bool(_SSH_RE.match(d))
