"""link-fragment: a link's ``#fragment`` names an id that exists on the page it
opens.

## What it checks

Fragments of links on rendered pages: ``[t](#id)`` on the same page,
``[t](/reference/x.html#id)``, ``[t]({% link reference/x.md %}#id)``,
``<a href="...#id">``, reference links and links through the site's own
address. The ids of a page are the ones Jekyll writes: heading ids exactly as
kramdown makes them (lower case, punctuation dropped, blanks turned into
``-``, repeats numbered ``-1``, ``-2``; an explicit ``{#id}`` or ``{: #id}``
wins), ``id=`` and ``name=`` attributes of HTML in the page, IAL and footnote
ids, and the ids written in ``_layouts`` and ``_includes``. ``#top`` and a
bare ``#`` always work. Ids are compared exactly: ``#Intro`` does not open
``id="intro"``.

Another page is read for its ids only when a fragment points into it, and
only once per run. A link to a missing page is reported by ``link-target``;
fragments of images and of pages whose headings lintkit cannot know (built
from Liquid values) are not reported.

## Why

Jekyll builds a link with a wrong fragment without a word, and the browser
quietly opens the top of the page: the reader lands in the wrong place.
Headings get renamed; links to them break silently.

## Example

```markdown
---
title: Ensemble
layout: default
---
### Rules of an ensemble

See [the rules](#rules-of-the-game), or [the guide](/guide.html#setup).
```

<!-- example-site: guide.md -->

```text
page.md:7:17: error [link-fragment] '#rules-of-the-game' is not an id on this page; did you mean '#rules-of-an-ensemble'?
page.md:7:53: error [link-fragment] '#setup' is not an id on /guide.html (from guide.md); link to one of its headings' ids, or add {#setup} to a heading
```

## How to fix

Link to the id the heading really has (shown in the message), or give the
heading an explicit id that stays when its text changes:
``## Rules of an ensemble {#rules}``. ``lintkit check --fix`` corrects an id
that differs from exactly one id only in letter case (safe); with
``--unsafe-fixes`` it writes the closest id when exactly one is close (a
guess: the heading may be gone for good).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from lintkit import links
from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.fix import SAFE, UNSAFE, Fix
from lintkit.links import SiteLink, Target
from lintkit.rule import finding, rule
from lintkit.site import Site

# (id to write, safety): how the fragment can be repaired
Repair = tuple[str, str]


@rule(
    "link-fragment",
    "Link fragments (#id) name an id of the page they open",
    tags=("links", "copied"),
    fixable=True,
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    if not doc.rendered or "#" not in doc.text:
        return
    own_dest = site.dest_of(doc.rel)
    reported: set[tuple[int, int, str]] = set()
    for sl in links.site_links(doc):
        if sl.kind == "image" or "#" not in sl.dest or links.owned_by_malformed_link(sl.dest):
            continue
        checked = _check(doc, site, sl, own_dest)
        if checked and (sl.dest_line, sl.dest_column, sl.dest) not in reported:
            message, repair = checked
            reported.add((sl.dest_line, sl.dest_column, sl.dest))
            yield finding(
                doc,
                sl.dest_line,
                sl.dest_column,
                message,
                fix=_fix(doc, sl, repair) if repair else None,
            )


def _fix(doc: Document, sl: SiteLink, repair: Repair) -> Fix | None:
    """Replace the fragment as written at the end of the destination."""
    new, safety = repair
    dest = sl.dest.rstrip()
    start = doc.offset(sl.dest_line, sl.dest_column)
    cut = dest.rfind("#")
    if cut < 0 or doc.text[start : start + len(dest)] != dest:
        return None
    a, b = start + cut + 1, start + len(dest)
    return Fix(f"link to #{new}", (doc.edit(a, b, new),), safety)


def _extensionless(site: Site, target: Target) -> str | None:
    """The output file ``/x`` opens as ``/x.html`` (see link-target's
    ``assume-extension``)."""
    if not target.url or target.url.endswith("/"):
        return None
    return site.resolve_dest(target.url + ".html")


def _check(
    doc: Document, site: Site, sl: SiteLink, own_dest: str | None
) -> tuple[str, Repair | None] | None:
    """(message, (id to write, safety) or None), or None when the fragment is fine."""
    href = links.href_of(doc, site, sl)
    if href.href is None or "#" not in href.href:
        return None
    target = links.resolve(doc, site, href.href)
    fragment = target.fragment
    if fragment is None:
        return None
    if target.kind == "same":
        if fragment == "" or own_dest is None:
            return None  # "#" alone: html-proofer accepts it (--allow-hash-href)
        dest = own_dest
        where = "this page"
    elif target.kind == "site" and (target.dest is not None or _extensionless(site, target)):
        found = target.dest or _extensionless(site, target)
        assert found is not None  # the condition above found it
        dest = found
        source = site.dest_map.get(dest)
        where = f"/{dest}" + (f" (from {source})" if source and source != doc.rel else "")
        if source == doc.rel:
            where = "this page"
    else:
        return None
    anchors = site.anchors(dest)
    shown = "#" + fragment
    if not anchors.html:
        return (
            f"'{shown}': /{dest} is not an HTML page, so it has no ids to jump to "
            "(html-proofer reports this link): drop the fragment"
        ), None
    if fragment == "":
        return (
            f"'{sl.dest.strip()}' ends with an empty fragment '#': drop the '#' "
            "(html-proofer reports it as a missing id)"
        ), None
    if anchors.has(fragment):
        return None
    variant = anchors.case_variant(fragment)
    if variant is not None:
        same = [i for i in anchors.ids if i.lower() == variant.lower()]
        return (
            f"'{shown}' is not an id on {where}, but '#{variant}' is: ids are "
            f"case-sensitive (heading ids are lower case): write '#{variant}'"
        ), ((variant, SAFE) if len(same) == 1 else None)
    best = anchors.closest(fragment)
    tail = (
        f"; did you mean '#{best}'?"
        if best
        else "; link to one of its headings' ids, or add {#" + fragment + "} to a heading"
    )
    close = anchors.close_ids(unquote(fragment), 2)
    guess = (close[0], UNSAFE) if len(close) == 1 else None
    return f"'{shown}' is not an id on {where}{tail}", guess
