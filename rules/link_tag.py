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
path built from a Liquid variable cannot be checked without rendering the
page: it is reported at ``info`` level.

## Why

Jekyll stops the whole build at the first missing link target, and says only
which tag failed. lintkit reports every one at once, with its line.

## Example

```markdown
See the [Ensemble]({% link reference/ensemble.md %}) page.
```

<!-- example-site: reference/ensemble_definition.md -->

```text
page.md:1:20: error [link-tag] {% link reference/ensemble.md %}: no page or file 'reference/ensemble.md' in the site; did you mean 'reference/ensemble_definition.md'?
```

## How to fix

Correct the path (it is relative to the site root and case-sensitive, with the
source extension: ``.md``, not ``.html``), or create the missing page.
"""
from __future__ import annotations

import posixpath
import re

from lintkit.findings import Finding
from lintkit.liquid import has_liquid, include_target, link_path
from lintkit.rule import rule

_POST_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}-.+?)(?:\.(?:md|markdown|html))?$")


@rule("link-tag", "Jekyll link, include and post_url tags name existing files")
def RULE(doc, site, options):
    for tag in doc.liquid.tags:
        if tag.region is not None or tag.kind != "tag":
            continue
        if tag.name == "link":
            yield from _check_link(doc, site, tag)
        elif tag.name in ("include", "include_relative"):
            yield from _check_include(doc, site, tag)
        elif tag.name == "post_url":
            yield from _check_post(doc, site, tag)


def _finding(doc, tag, message, severity=None):
    line, col = doc.position(tag.start)
    return Finding(doc.display, line, col, "link-tag", message, severity)


def _show(tag) -> str:
    return f"{{% {tag.name} {tag.markup} %}}"


def _check_link(doc, site, tag):
    path = link_path(tag.markup)
    if not path:
        yield _finding(doc, tag, f"{_show(tag)} names no file; write the path of a page, "
                                 "relative to the site root")
        return
    if has_liquid(path):
        yield _finding(doc, tag, f"{_show(tag)}: the path is built from a Liquid variable, so "
                                 "lintkit cannot check it without rendering the page", "info")
        return
    if site.linkable(path):
        return
    yield _finding(doc, tag, f"{_show(tag)}: {_why_missing(site, path)}")


def _why_missing(site, path: str) -> str:
    rel = path.lstrip("/")
    if path.startswith("/") and site.linkable(rel):
        return (f"Jekyll matches link paths without a leading '/' for pages; write "
                f"'{rel}'")
    if rel in site.file_set:
        kind = site.classify(rel)
        if kind == "excluded":
            return f"'{rel}' is excluded from the site by _config.yml, so it is never built"
        if kind == "unwritten":
            col = site.collection_of(rel)
            return (f"'{rel}' is in the collection '{col.name}', which has no `output: true` "
                    "in _config.yml, so it has no page to link to")
        return f"'{rel}' is not part of the built site (folders starting with '_' or '.' are not published)"
    variants = [v for v in site.case_variants(rel) if site.linkable(v)]
    if variants:
        return (f"no page '{rel}', but '{variants[0]}' exists: link paths are case-sensitive "
                "(this works on macOS and Windows and fails on the server); write "
                f"'{variants[0]}'")
    stem, ext = posixpath.splitext(rel)
    if ext == ".html":
        for alt in site.markdown_exts:
            if site.linkable(stem + alt):
                return (f"no file '{rel}': link tags name the source file, so write "
                        f"'{stem + alt}' (Jekyll turns it into the .html URL)")
    hint = site.suggest(rel)
    tail = f"; did you mean '{hint}'?" if hint else "; check the path (relative to the site root)"
    return f"no page or file '{rel}' in the site{tail}"


def _check_include(doc, site, tag):
    target = include_target(tag.markup)
    if not target:
        yield _finding(doc, tag, f"{_show(tag)} names no file")
        return
    if has_liquid(target):
        yield _finding(doc, tag, f"{_show(tag)}: the file name comes from a Liquid variable, so "
                                 "lintkit cannot check it", "info")
        return
    if tag.name == "include":
        includes_dir = str(site.config.get("includes_dir") or "_includes").strip("/")
        rel = posixpath.normpath(f"{includes_dir}/{target}")
        if rel in site.file_set:
            return
        hint = site.suggest(rel, [f for f in site.files if f.startswith(includes_dir + "/")])
        tail = f"; did you mean '{hint[len(includes_dir) + 1:]}'?" if hint else ""
        yield _finding(doc, tag, f"{_show(tag)}: no file '{rel}'{tail}")
        return
    if ".." in target.split("/"):
        yield _finding(doc, tag, f"{_show(tag)}: include_relative cannot use '..' "
                                 "(Jekyll refuses it); move the file next to the page")
        return
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), target))
    if rel not in site.file_set:
        yield _finding(doc, tag, f"{_show(tag)}: no file '{rel}' next to this page")


def _check_post(doc, site, tag):
    name = tag.markup.strip().strip("'\"")
    if has_liquid(name):
        yield _finding(doc, tag, f"{_show(tag)}: the post name comes from a Liquid variable, so "
                                 "lintkit cannot check it", "info")
        return
    posts = [f for f in site.files if f.startswith("_posts/")]
    for f in posts:
        stem = posixpath.splitext(f[len("_posts/"):])[0]
        if stem == name or posixpath.basename(stem) == name:
            return
    yield _finding(doc, tag, f"{_show(tag)}: no post '{name}' in _posts (write its file name "
                             "without the extension, e.g. 2024-01-31-title)")
