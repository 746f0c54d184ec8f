"""link-target: relative and site-absolute Markdown links and images reach a
file the site serves.

## What it checks

Every inline or reference link and image whose destination is a path on the
site (``../x.html``, ``/assets/images/x.png``, ``x.md``). A page Jekyll renders
(one with front matter) is served at its output URL, so its relative links
resolve from that URL: ``_learning_hours/a/b.md`` is served at
``/learning_hours/a/b.html``, not from its source folder. A file without
front matter is copied as it is; its links are judged the way GitHub shows
them, relative to the source file. Percent-escapes are decoded; query strings
and fragments are ignored. Links to outside addresses (``https:``,
``mailto:``...) and links built with Liquid are left to other rules.

A link to the ``.md`` source of a rendered page is an error: the built site has
only the ``.html`` (unless the site uses ``jekyll-relative-links``).

## Why

A broken relative link renders fine and 404s when clicked; html-proofer finds
it only after a full build.

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
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from lintkit.findings import Finding
from lintkit.rule import rule

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_BASEURL_RE = re.compile(r"^\{\{-?\s*site\.baseurl\s*-?\}\}")
_DOMAIN_RE = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:org|com|net|io|dev|edu|gov|info|co|uk|de|se|fr|nl)(?:/.*)?$")


@rule("link-target", "Relative and site-absolute links reach a file the site serves")
def RULE(doc, site, options):
    memo = site.memo.setdefault("link-target", {})
    for pl in doc.links:
        if pl.dest is None:
            continue
        key = (doc.rel, doc.rendered, pl.dest, pl.link.kind)
        if key not in memo:
            memo[key] = _check(doc, site, pl)
        message = memo[key]
        if message:
            yield Finding(doc.display, pl.dest_line, pl.dest_column, "link-target", message)


def _check(doc, site, pl):
    dest = pl.dest.strip()
    if dest.startswith("<") and dest.endswith(">"):
        dest = dest[1:-1]
    m = _BASEURL_RE.match(dest)
    if m:
        dest = site.baseurl + dest[m.end():]
        if not dest.startswith("/"):
            dest = "/" + dest
    if not dest or "{{" in dest or "{%" in dest or dest.startswith("#") or dest.startswith("//"):
        return None
    if _SCHEME_RE.match(dest) or (dest.startswith("[") and dest.endswith("]")):
        return None
    path = dest.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    path = unquote(path)
    what = "image" if pl.link.kind == "image" else "link"

    def report(msg):
        return msg

    if not doc.rendered:
        # Copied as it is: GitHub (and a reader of the source) resolve from the file.
        if path.startswith("/"):
            target = path.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(doc.rel), path))
        if target.startswith("../") or target == "..":
            return report(f"'{dest}' points outside the site")
        if site.source_exists(target):
            return None
        hint = ""
        if _DOMAIN_RE.match(path):
            hint = f"; if it is a web address, write https://{path}"
        return report(
            f"'{dest}' does not exist: {doc.rel} has no front matter, so Jekyll copies it as it "
            f"is and GitHub resolves the {what} relative to the file{hint}")

    base_url = site.url_of(doc.rel) or "/" + doc.rel
    if site.baseurl and path.startswith(site.baseurl + "/"):
        path = path[len(site.baseurl):]
    if path.startswith("/"):
        url = posixpath.normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
    else:
        base_dir = base_url if base_url.endswith("/") else posixpath.dirname(base_url) + "/"
        joined = _join(base_dir, path)
        if joined is None:
            return report(f"'{dest}' points outside the site: from this page's URL {base_url} "
                          "it climbs above the site root")
        url = joined + ("/" if path.endswith("/") and joined != "/" else "")
    if url.startswith("//"):
        url = url[1:]
    source = site.resolve_url(url)
    if source is not None:
        return None
    # A link to the source of a page: the built site only has its output.
    rel = url.lstrip("/")
    if rel in site.file_set:
        kind = site.classify(rel)
        if kind in ("page", "document") and "jekyll-relative-links" in site.plugins:
            return None
        out = site.url_of(rel)
        if kind in ("page", "document") and out:
            return report(f"'{dest}' links to the source of a page; the built site serves it at "
                          f"{out}: link to that, or write {{% link {rel} %}}")
        if kind == "excluded":
            return report(f"'{dest}' points at {rel}, which _config.yml excludes from the site")
    if not path.startswith("/"):
        where = f"from this page's URL {base_url}"
    else:
        where = "on the site"
    hint = _hint(site, url)
    return report(f"'{dest}' resolves to {url} {where}, which the site does not serve{hint}")


def _join(base_dir: str, path: str):
    """``base_dir`` + ``path`` as a URL path, or None when ``..`` climbs above /."""
    parts = [p for p in base_dir.split("/") if p]
    for seg in path.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(seg)
    return "/" + "/".join(parts)


def _hint(site, url: str) -> str:
    lowered = {u.lower(): u for u in site.url_map}
    if url.lower() in lowered and lowered[url.lower()] != url:
        return (f"; {lowered[url.lower()]} exists with different letter case (works on a laptop, "
                "404s on the server)")
    best = site.suggest(url.lstrip("/"), [u.lstrip("/") for u in site.url_map])
    return f"; did you mean /{best}?" if best else ""
