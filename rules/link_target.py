"""link-target: every link and image on a page reaches a file the built site
serves.

## What it checks

Every link and image whose destination is a path on the site, however it is
written: inline (``[t](../x.html)``, ``![i](/assets/x.png)``), by reference
(``[t][label]`` with ``[label]: /x.html``: reported at the definition), as
HTML inside the Markdown (``<a href>``, ``<img src>``), as an autolink, with
``{{ site.baseurl }}`` or the ``relative_url`` / ``absolute_url`` filters in
front, or as an absolute address on the site's own ``url``. Destinations that
only kramdown (Jekyll's Markdown) reads as links count too: blanks or a line
break inside the parentheses.

A page Jekyll renders (one with front matter) is served at its output URL, so
its relative links resolve from the folder of its output file:
``_learning_hours/a/b.md`` is written to ``/learning_hours/a/b.html``, not
next to its source. A link opens what html-proofer finds in ``_site``: the
file itself, or the ``index.html`` of a folder (``/reference``,
``/reference/``), and ``/reference/x`` opens ``/reference/x.html`` as
``jekyll serve``, GitHub Pages, most hosts and html-proofer 4+ do (option
``assume-extension: false`` for html-proofer 3's strict verdict). A file without front matter is
copied as it is; its links are judged the way GitHub shows them, relative to
the source file. Percent-escapes are decoded; query strings and fragments
(see ``link-fragment``) are ignored here. Links to other sites and links built
from Liquid values lintkit cannot know are not checked; ``mailto:`` links
must hold an address.

The message says why a target is missing when it can tell: a link to the
``.md`` source of a page (the built site has only the ``.html``), a target that
exists only with different letter case (works on macOS and Windows, 404s on
the server), a missing ``.html``, a file ``_config.yml`` excludes, a folder
without an index page.

## Why

A broken link renders fine and 404s when clicked; html-proofer finds it only
after a full build.

## Example

```markdown
---
title: A
layout: default
---
![map](../assets/images/map.png)
```

```text
a/page.md:5:8: error [link-target] '../assets/images/map.png' resolves to /assets/images/map.png from this page's URL /a/page.html, which the site does not serve
```

## How to fix

Point the link at the output URL (``/reference/x.html``), or better, use
``{% link reference/x.md %}`` so Jekyll checks it for you.
``lintkit check --fix`` rewrites a link to a page's Markdown source, and a link
to a page renamed since ``--since REF``, as a ``{% link %}`` tag or as the
page's URL, whichever the site's Markdown links already use more (the URL when
the site has a ``baseurl``); it corrects a link whose letter case differs from
exactly one page. A relative link stays relative; the ``#fragment`` is kept.
All safe. With ``--unsafe-fixes`` it also points a link to a missing ``.html``
page at the only page of the same file name elsewhere (a guess).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from lintkit import links, relink
from lintkit.findings import Finding
from lintkit.fix import SAFE, UNSAFE, Fix
from lintkit.nearest import Nearest
from lintkit.rule import Option, finding, rule

if TYPE_CHECKING:
    from lintkit.document import Document
    from lintkit.site import Site

_DOMAIN_RE = re.compile(
    r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:org|com|net|io|dev|edu|gov|info|co|uk|de|se|fr|nl)(?:/.*)?$"
)


@rule(
    "link-target",
    "Links and images reach a file the built site serves",
    tags=("links", "copied"),
    fixable=True,
    options={
        "assume-extension": Option(
            bool,
            True,
            "accept /x for /x.html, as jekyll serve, GitHub Pages, most hosts and "
            "html-proofer 4+ do; false: the strict verdict of html-proofer 3",
        ),
    },
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterator[Finding]:
    memo: dict[tuple[str, bool, str, str, str, bool], str | None]
    memo = site.memo.setdefault("link-target", {})
    assume = bool(options.get("assume-extension", True))
    reported: set[tuple[int, int, str]] = set()
    for sl in links.site_links(doc):
        if links.owned_by_malformed_link(sl.dest):
            continue
        key = (_scope(doc, sl.dest, site), doc.rendered, sl.dest, sl.kind, sl.form, assume)
        if key not in memo:
            memo[key] = _check(doc, site, sl, assume)
        message = memo[key]
        if message and (sl.dest_line, sl.dest_column, sl.dest) not in reported:
            reported.add((sl.dest_line, sl.dest_column, sl.dest))
            yield finding(
                doc,
                sl.dest_line,
                sl.dest_column,
                message,
                fix=_fix(doc, site, sl) if doc.rendered else None,
            )


def _fix(doc: Document, site: Site, sl: links.SiteLink) -> Fix | None:
    """The destination rewritten to the page it should reach, when that is
    known (see the rule's "How to fix")."""
    dest = sl.dest
    if not dest or "{" in dest or dest.startswith("<"):
        return None
    start = doc.offset(sl.dest_line, sl.dest_column)
    if doc.text[start : start + len(dest)] != dest:
        return None
    cut = min((i for i in (dest.find("#"), dest.find("?")) if i >= 0), default=len(dest))
    path, suffix = dest[:cut], dest[cut:]
    target = links.resolve(doc, site, links.render(doc, site, dest).href or "")
    if target.kind != "site" or target.url is None or target.outside:
        return None
    bare = target.url.lstrip("/").rstrip("/")
    base = links.base_dir(site, doc)
    safety = SAFE
    rel = site.renames.get(bare) or site.renamed_urls.get(target.url)
    if rel is None and bare in site.file_set and site.classify(bare) in ("page", "document"):
        rel = bare  # the Markdown source of a page
    rel_url = site.url_of(rel) if rel is not None else None
    if rel is not None and rel_url:
        if relink.prefers_link_tags(site) and not site.baseurl and not target.via_site_url:
            new = f"{{% link {rel} %}}"
        else:
            new = _styled(path, base, rel_url, site.baseurl)
        title = f"link to {rel}"
    else:
        cands = [bare] if not target.url.endswith("/") else []
        cands.append(posixpath.join(bare, "index.html") if bare else "index.html")
        variants = next((v for v in (site.dest_case_variants(c) for c in cands) if v), [])
        if len(variants) > 1:
            return None
        if not variants:
            moved = _moved(site, bare)  # the only page of that file name: a guess
            if moved is None:
                return None
            variants, safety = [moved], UNSAFE
            title = f"link to /{moved}"
        else:
            title = "correct the letter case of the link"
        new = _styled(path, base, "/" + variants[0].rstrip("/"), site.baseurl)
        if variants[0].endswith("index.html") and not path.endswith("index.html"):
            new = _styled(path, base, "/" + posixpath.dirname(variants[0]) + "/", site.baseurl)
    if new.startswith("{%"):
        suffix = suffix if suffix.startswith("#") else ""
    return Fix(title, (doc.edit(start, start + len(dest), new + suffix),), safety)


def _scope(doc: Document, dest: str, site: Site) -> str:
    """What the verdict on ``dest`` depends on besides the site: nothing for a
    site-absolute address or a link tag, else the page (relative links, page
    variables, a plugin that rewrites this page's links)."""
    if "jekyll-relative-links" in site.plugins:
        return doc.rel
    if dest.startswith(("/", "http:", "https:", "{% link ", "{%link ")) and "page." not in dest:
        return ""
    return doc.rel


def _check(doc: Document, site: Site, sl: links.SiteLink, assume: bool) -> str | None:
    dest = sl.dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    what = "image" if sl.kind == "image" else "link"
    if not doc.rendered:
        return _check_copied(doc, site, dest, what)
    href = links.href_of(doc, site, sl)
    if href.href is None:
        return None  # built from values lintkit cannot know, or a link tag (link-tag reports it)
    target = links.resolve(doc, site, href.href)
    if target.kind == "mailto":
        address = target.url.split("?", 1)[0] if target.url else ""
        if "@" not in unquote(address):
            return (
                f"'{dest}' has no e-mail address after mailto: (html-proofer reports it): "
                "write mailto:name@example.org"
            )
        return None
    if target.kind != "site" or target.dest is not None:
        return None
    if target.url and site.deployed(target.url):
        return None  # made by a deploy step (deploy-paths) or kept by Jekyll (keep_files)
    if (
        assume
        and target.url
        and not target.url.endswith("/")
        and site.resolve_dest(target.url + ".html") is not None
    ):
        return None
    if target.outside:
        if target.absolute:
            return f"'{dest}' points outside the site: its '..' climbs above the site root"
        return (
            f"'{dest}' points outside the site: from this page's folder "
            f"/{links.base_dir(site, doc)} it climbs above the site root"
        )
    return _explain(doc, site, dest, target)


def _where(doc: Document, site: Site, target: links.Target) -> str:
    if target.via_site_url:
        return "on the site's own address"
    if target.absolute:
        return "on the site"
    return f"from this page's URL {site.url_of(doc.rel) or '/' + doc.rel}"


def _explain(doc: Document, site: Site, dest: str, target: links.Target) -> str:
    url = target.url
    assert url is not None  # a site target that does not climb out of the site has a URL
    base = links.base_dir(site, doc)
    lead = f"'{dest}' resolves to {url} {_where(doc, site, target)}, which the site does not serve"
    rel = url.lstrip("/")
    bare = rel.rstrip("/")
    b = site.baseurl
    if (
        b
        and url.startswith(b + "/")
        and "link" in dest
        and ("baseurl" in dest or "relative_url" in dest)
    ):
        build = site.build
        return (
            f"{lead}: {build.name} puts baseurl in front of {{% link %}} itself ({build.why}), "
            "so adding {{ site.baseurl }} or relative_url doubles it: drop that"
        )
    # The source of a page: the built site has only its output.
    if bare in site.file_set:
        kind = site.classify(bare)
        out = site.url_of(bare)
        if kind in ("page", "document") and out:
            return (
                f"'{dest}' links to the source of a page; the built site serves it at "
                f"{out}: link to that, or write {{% link {bare} %}}"
            )
        if kind == "excluded":
            return f"'{dest}' points at {bare}, which _config.yml excludes from the site"
        if kind == "unwritten":
            col = site.collection_of(bare)
            assert col is not None  # classify says unwritten only inside a collection
            return (
                f"'{dest}' points at {bare}, in the collection '{col.name}' that has no "
                "`output: true` in _config.yml, so it is never written"
            )
        if kind == "special":
            return (
                f"'{dest}' points at {bare}, which Jekyll does not publish (files in folders "
                "starting with '_' or '.' are not copied)"
            )
    # Letter case.
    candidates = [bare] if not url.endswith("/") else []
    candidates.append(posixpath.join(bare, "index.html") if bare else "index.html")
    for cand in candidates:
        variants = site.dest_case_variants(cand)
        if variants:
            shown = "/" + variants[0].rstrip("/")
            return (
                f"{lead}; {shown} exists with different letter case (this works on macOS "
                f"and Windows and 404s on the server): write {_same_style(dest, base, shown)}"
            )
    # A missing .html, a trailing / after a file, a folder without index.
    if not url.endswith("/") and site.resolve_dest(url + ".html") is not None:
        return (
            f"{lead} as written: Jekyll writes {url}.html; GitHub Pages adds the .html, "
            f"html-proofer and most servers do not: write {_same_style(dest, base, url + '.html')}"
            " (or set the option assume-extension)"
        )
    if url.endswith("/") and bare in site.dest_map:
        return f"{lead}: {'/' + bare} is a file, not a folder: drop the trailing '/'"
    if bare in site.dest_dirs:
        return f"{lead}: the folder /{bare}/ has no index.html"
    stem, ext = posixpath.splitext(bare)
    if ext.lower() in site.markdown_exts and site.resolve_dest("/" + stem + ".html") is not None:
        return (
            f"{lead}: Jekyll writes /{stem}.html from the Markdown source: write "
            f"{_same_style(dest, base, '/' + stem + '.html')}"
        )
    top = bare.split("/", 1)[0]
    if (
        "/" in bare
        and top not in site.dest_dirs
        and not site.source_exists(top)
        and site.build_scripts_mention(top)
    ):
        return (
            f"{lead}: the build makes no folder /{top}/, which the site's build scripts "
            f"name; if a deploy step creates it after the build, add '{top}/**' to "
            "deploy-paths in .lintkit.yml"
        )
    hint = _hint(site, bare)
    return lead + hint


def _same_style(dest: str, base: str, fixed: str) -> str:
    """``fixed`` written the way ``dest`` was (relative stays relative to the
    page's folder ``base``), quoted."""
    return "'" + _styled(dest, base, fixed) + "'"


def _styled(dest: str, base: str, fixed: str, baseurl: str = "") -> str:
    path = dest.split("#", 1)[0].split("?", 1)[0]
    if path.startswith(("http:", "https:")):  # the site's own address: keep it
        parts = urlsplit(path)
        return f"{parts.scheme}://{parts.netloc}{baseurl}{fixed}"
    if baseurl and (path == baseurl or path.startswith(baseurl + "/")):
        return baseurl + fixed
    if path.startswith(("/", "{")) or not path:
        return fixed
    out = posixpath.relpath(fixed, "/" + base)
    return out + "/" if fixed.endswith("/") and not out.endswith("/") else out


def _moved(site: Site, rel: str) -> str | None:
    """The only output file with the file name of ``rel`` (an .html page), if one."""
    if not rel or not rel.endswith(".html"):
        return None
    by_name: dict[str, list[str]] | None = site.memo.get("link-target.by-name")
    if by_name is None:  # one pass over the site, not one per broken link
        by_name = site.memo["link-target.by-name"] = {}
        for p in site.dest_map:
            by_name.setdefault(posixpath.basename(p), []).append(p)
    same = by_name.get(posixpath.basename(rel), [])
    return same[0] if len(same) == 1 else None


def _hint(site: Site, rel: str) -> str:
    index: Nearest | None = site.memo.get("link-target.nearest")
    if index is None:
        index = site.memo["link-target.nearest"] = Nearest(
            d for d in site.dest_map if not d.startswith(("assets/", "feed.xml"))
        )
    if not rel:
        return ""
    same = index.same_name(rel)
    if len(same) == 1:
        return f"; did you mean /{same[0]}?"
    close = index.close(rel, 0.8)
    if close:
        return f"; did you mean /{close}?"
    return ""


def _check_copied(doc: Document, site: Site, dest: str, what: str) -> str | None:
    """A file without front matter: Jekyll copies it; GitHub shows it."""
    if "{{" in dest or "{%" in dest:
        return None  # Liquid is not rendered here: the missing front matter is the problem
    target = links.resolve(doc, site, dest) if dest.startswith(("http:", "https:")) else None
    if target is not None:
        if target.kind == "site" and target.dest is None and not target.outside:
            return _explain(doc, site, dest, target)
        return None
    if dest.startswith(("#", "//")) or links.SCHEME_RE.match(dest):
        return None
    path = unquote(dest.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    if path.startswith("/"):
        rel = path.lstrip("/")
    else:
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), path))
    if rel.startswith("../") or rel == "..":
        return f"'{dest}' points outside the site"
    if site.source_exists(rel):
        return None
    hint = ""
    if _DOMAIN_RE.match(path):
        hint = f"; if it is a web address, write https://{path}"
    return (
        f"'{dest}' does not exist: {doc.rel} has no front matter, so Jekyll copies it as it "
        f"is and GitHub resolves the {what} relative to the file{hint}"
    )
