"""link-tag: every ``{% link %}``, ``{% include %}``, ``{% include_relative %}``
and ``{% post_url %}`` names a file Jekyll can find.

## What it checks

``{% link path %}`` must name, exactly and with the same letter case, a page, a
static file or a document of a collection with ``output: true``, relative to
the site root. Files Jekyll excludes do not count. ``{% include x %}`` must name
``_includes/x``; ``{% include_relative x %}`` a file next to the page;
``{% post_url name %}`` a post in ``_posts``. Tags are checked wherever Jekyll
evaluates them, including inside Markdown code blocks and HTML comments; tags
inside ``{% raw %}`` or ``{% comment %}`` are not evaluated and not checked. A
path taken from the page's front matter (``{% link {{ page.details }} %}``) is
checked with its value; so is a loop variable over a collection
(``{% for e in site.events %}...{% link {{ e.details }} %}``): the field of
every document of the collection is checked (documents skipped by a plain
``{% if e.field %}`` around the tag are left out). Any other path built from a
Liquid variable cannot be checked without rendering the page: it is reported
at ``info`` level.

## Why

Jekyll stops the whole build at the first missing link target, and says only
which tag failed. lintkit reports every one at once, with its line.

## Example

```markdown
---
title: Example
layout: default
---
See the [Ensemble]({% link reference/ensemble.md %}) page.
```

<!-- example-site: reference/ensemble_definition.md -->

```text
page.md:5:20: error [link-tag] {% link reference/ensemble.md %}: no page or file 'reference/ensemble.md' in the site; did you mean 'reference/ensemble_definition.md'?
```

## How to fix

Correct the path (it is relative to the site root and case-sensitive, with the
source extension: ``.md``, not ``.html``), or create the missing page.
``lintkit check --fix`` corrects the path of a ``{% link %}`` when the right
page is certain (safe): a page renamed since ``--since REF``, a path that
differs only in letter case, the ``.html`` name of a Markdown source, a
leading ``/``, a page that moved to another folder under the same file name.
With ``--unsafe-fixes`` it also takes the closest name, a guess to review.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lintkit import links, relink
from lintkit.findings import Finding
from lintkit.fix import Fix
from lintkit.liquid import has_liquid, include_target, link_path
from lintkit.rule import finding, rule

if TYPE_CHECKING:
    from lintkit.document import Document
    from lintkit.liquid import Tag
    from lintkit.site import Site


@rule(
    "link-tag",
    "Jekyll link, include and post_url tags name existing files",
    fixable=True,
    tags=("links", "liquid"),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterator[Finding]:
    for tag in doc.liquid.tags:
        if tag.region is not None or tag.kind != "tag":
            continue
        if tag.name == "link":
            yield from _check_link(doc, site, tag)
        elif tag.name in ("include", "include_relative"):
            yield from _check_include(doc, site, tag)
        elif tag.name == "post_url":
            yield from _check_post(doc, site, tag)


def _finding(
    doc: Document, tag: Tag, message: str, severity: str | None = None, fix: Fix | None = None
) -> Finding:
    line, col = doc.position(tag.start)
    return finding(doc, line, col, message, severity, fix)


def _show(tag: Tag) -> str:
    return f"{{% {tag.name} {tag.markup} %}}"


def _check_link(doc: Document, site: Site, tag: Tag) -> Iterator[Finding]:
    path = link_path(tag.markup)
    if not path:
        yield _finding(
            doc,
            tag,
            f"{_show(tag)} names no file; write the path of a page, relative to the site root",
        )
        return
    if has_liquid(path):
        yield from _check_variable_link(doc, site, tag, path)
        return
    if site.linkable(path):
        return
    yield _finding(
        doc, tag, f"{_show(tag)}: {_why_missing(site, path)}", fix=_fix(doc, site, tag, path)
    )


def _fix(doc: Document, site: Site, tag: Tag, path: str) -> Fix | None:
    """Replace the path in the tag with the page it should name (see lintkit.relink)."""
    moved = relink.moved_path(site, path)
    if moved is None:
        return None
    new, safety = moved
    source = doc.text[tag.start : tag.end]
    at = source.find(path, source.find("link") + 4)
    if at < 0:
        return None
    start = tag.start + at
    return Fix(f"link to {new}", (doc.edit(start, start + len(path), new),), safety)


_VAR_RE = re.compile(r"^\{\{-?\s*(\w+)\.(\w+)\s*-?\}\}$")
_FOR_RE = re.compile(r"^(\w+)\s+in\s+site\.(\w+)(?:\s|$)")


def _check_variable_link(doc: Document, site: Site, tag: Tag, path: str) -> Iterator[Finding]:
    """``{% link {{ page.x }} %}`` and ``{% link {{ item.x }} %}`` inside
    ``{% for item in site.<collection> %}``: resolved from front matter."""
    m = _VAR_RE.match(path)
    if m and m.group(1) == "page" and m.group(2) not in ("url", "path", "title", "content"):
        data = {**site.defaults(doc.rel), **doc.data}
        if data.get(m.group(2)) in (None, ""):
            yield _finding(
                doc,
                tag,
                f"{_show(tag)}: {m.group(1)}.{m.group(2)} is not set in this "
                "page's front matter, so Jekyll stops the build: add "
                f"'{m.group(2)}:' with the path of a page",
            )
            return
    value = links.evaluate_path(doc, site, path)
    if value is not None:
        if not value:
            yield _finding(
                doc,
                tag,
                f"{_show(tag)}: {path} is empty in this page's front matter, "
                "so Jekyll stops the build: set it to the path of a page",
            )
        elif not site.linkable(value):
            yield _finding(
                doc,
                tag,
                f"{_show(tag)}: {path.strip('{} ')} is '{value}': {_why_missing(site, value)}",
            )
        return
    loop = _enclosing_loop(doc, tag, m.group(1)) if m else None
    if m is None or loop is None or loop[0] not in site.collections:
        yield _finding(
            doc,
            tag,
            f"{_show(tag)}: the path is built from a Liquid variable, so "
            "lintkit cannot check it without rendering the page",
            "info",
        )
        return
    collection, guards = loop
    field = m.group(2)
    for rel in site.collection_documents(collection):
        data = {**site.defaults(rel, collection), **site.front_matter(rel)}
        if any(not data.get(g) for g in guards):
            continue  # {% if item.g %} around the tag skips this document
        item = data.get(field)
        where = f"{m.group(1)}.{field} of {rel}"
        if item is None or item == "":
            yield _finding(
                doc,
                tag,
                f"{_show(tag)}: {where} is not set, so Jekyll stops the build "
                f"here: add '{field}:' to the front matter of {rel}",
            )
        elif not isinstance(item, str):
            yield _finding(
                doc,
                tag,
                f"{_show(tag)}: {where} is {item!r}, not a path: write the "
                "path of a page, relative to the site root",
            )
        elif not site.linkable(item):
            yield _finding(
                doc, tag, f"{_show(tag)}: {where} is '{item}': {_why_missing(site, item)}"
            )


def _enclosing_loop(doc: Document, tag: Tag, var: str) -> tuple[str, list[str]] | None:
    """(collection, [fields tested by simple ifs]) of the innermost
    ``{% for var in site.<collection> %}`` around ``tag``, or None."""
    loops: list[str] = []
    ifs: list[tuple[str, str]] = []
    for t in doc.liquid.tags:
        if t.start >= tag.start:
            break
        if t.region is not None or t.kind != "tag":
            continue
        if t.name == "for":
            loops.append(t.markup)
        elif t.name == "endfor" and loops:
            loops.pop()
        elif t.name in ("if", "unless", "case"):
            ifs.append((t.name, t.markup))
        elif t.name in ("endif", "endunless", "endcase") and ifs:
            ifs.pop()
    for markup in reversed(loops):
        fm = _FOR_RE.match(markup)
        if fm and fm.group(1) == var:
            guards: list[str] = []
            for name, cond in ifs:
                g = re.fullmatch(re.escape(var) + r"\.(\w+)", cond.strip())
                if name == "if" and g:
                    guards.append(g.group(1))
            return fm.group(2), guards
        if fm is None and re.match(re.escape(var) + r"\s+in\s", markup):
            return None
    return None


def _why_missing(site: Site, path: str) -> str:
    rel = path.lstrip("/")
    if path.startswith("/") and site.linkable(rel):
        return f"Jekyll matches link paths without a leading '/' for pages; write '{rel}'"
    if rel in site.file_set:
        kind = site.classify(rel)
        if kind == "excluded":
            return f"'{rel}' is excluded from the site by _config.yml, so it is never built"
        if kind in ("page", "document", "static") and site.url_of(rel) is None:
            return (
                f"'{rel}' is not published (published: false, or a document dated in the "
                "future), so Jekyll writes no page for it to link to"
            )
        if kind == "unwritten":
            col = site.collection_of(rel)
            assert col is not None  # classify says unwritten only inside a collection
            return (
                f"'{rel}' is in the collection '{col.name}', which has no `output: true` "
                "in _config.yml, so it has no page to link to"
            )
        return f"'{rel}' is not part of the built site (folders starting with '_' or '.' are not published)"
    variants = [v for v in site.case_variants(rel) if site.linkable(v)]
    if variants:
        return (
            f"no page '{rel}', but '{variants[0]}' exists: link paths are case-sensitive "
            "(this works on macOS and Windows and fails on the server); write "
            f"'{variants[0]}'"
        )
    stem, ext = posixpath.splitext(rel)
    if ext == ".html":
        for alt in site.markdown_exts:
            if site.linkable(stem + alt):
                return (
                    f"no file '{rel}': link tags name the source file, so write "
                    f"'{stem + alt}' (Jekyll turns it into the .html URL)"
                )
    if rel in site.unstaged:
        return (
            f"'{rel}' is not staged, so the commit would have a broken link: "
            f"git add {rel} (or leave this link out of the commit)"
        )
    hint = site.suggest(rel)
    tail = f"; did you mean '{hint}'?" if hint else "; check the path (relative to the site root)"
    return f"no page or file '{rel}' in the site{tail}"


def _check_include(doc: Document, site: Site, tag: Tag) -> Iterator[Finding]:
    target = include_target(tag.markup)
    if not target:
        yield _finding(doc, tag, f"{_show(tag)} names no file")
        return
    if has_liquid(target):
        yield _finding(
            doc,
            tag,
            f"{_show(tag)}: the file name comes from a Liquid variable, so lintkit cannot check it",
            "info",
        )
        return
    if tag.name == "include":
        includes_dir = str(site.config.get("includes_dir") or "_includes").strip("/")
        rel = posixpath.normpath(f"{includes_dir}/{target}")
        if rel in site.file_set:
            return
        hint = site.suggest(rel, within=includes_dir)
        tail = f"; did you mean '{hint[len(includes_dir) + 1 :]}'?" if hint else ""
        yield _finding(doc, tag, f"{_show(tag)}: no file '{rel}'{tail}")
        return
    if ".." in target.split("/"):
        yield _finding(
            doc,
            tag,
            f"{_show(tag)}: include_relative cannot use '..' "
            "(Jekyll refuses it); move the file next to the page",
        )
        return
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), target))
    if rel not in site.file_set:
        yield _finding(doc, tag, f"{_show(tag)}: no file '{rel}' next to this page")


def _check_post(doc: Document, site: Site, tag: Tag) -> Iterator[Finding]:
    name = tag.markup.strip().strip("'\"")
    if has_liquid(name):
        yield _finding(
            doc,
            tag,
            f"{_show(tag)}: the post name comes from a Liquid variable, so lintkit cannot check it",
            "info",
        )
        return
    if site.post_for(name) is not None:
        return
    yield _finding(
        doc,
        tag,
        f"{_show(tag)}: no post '{name}' in _posts (write its file name "
        "without the extension, e.g. 2024-01-31-title)",
    )
