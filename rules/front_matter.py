"""front-matter: valid YAML, a mapping at the top, and the keys a page needs.

## What it checks

- The front matter is closed (a line ``---`` or ``...`` after the opening
  ``---``) and is valid YAML, read with a safe loader (no ``!!python`` tags, no
  alias bombs); an error is reported at the line YAML points to.
- Its top level is a mapping (``key: value`` lines), not a list or a scalar.
- Every rendered page (a page or collection document; not layouts, includes
  or data) has each key of ``required`` (default ``title`` and ``layout``),
  unless a ``defaults`` entry of ``_config.yml`` whose scope covers the page
  supplies it.

## Why

Jekyll stops the build on invalid front matter, or silently renders a page
without a layout or title, which then shows up as an unstyled page or an
empty ``<title>``.

## Example

```markdown
---
layout: society
title: Learning Hours: Milestones
---
```

```text
page.md:3:22: error [front-matter] front matter is not valid YAML: mapping values are not allowed in this context
```

## How to fix

Quote a value that contains ``: `` (``title: "Learning Hours: Milestones"``),
indent YAML with spaces, close the front matter with ``---``, and add the
missing keys (or a ``defaults`` entry in ``_config.yml``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.plugins import supplied_keys
from lintkit.rule import Option, finding, rule
from lintkit.site import Site

OPTIONS = {
    "required": Option(list, ["title", "layout"], "keys every rendered page must have"),
}
_NOT_PAGES = ("_includes/", "_layouts/", "_data/", "_sass/", "_plugins/")


@rule(
    "front-matter",
    "Front matter is valid YAML with the keys a page needs",
    options=OPTIONS,
    tags=("front-matter",),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    fm = doc.fm
    if not fm.present:
        return
    if not fm.closed:
        yield finding(
            doc,
            1,
            1,
            "the front matter opened on line 1 is never closed; add a line '---' "
            "after the last front matter line",
        )
        return
    if fm.error:
        yield finding(doc, fm.error_line, fm.error_column, fm.error)
        return
    for line, column, note in fm.notes:
        yield finding(doc, line, column, note, "warning")
    if not isinstance(fm.data, dict):
        yield finding(
            doc,
            2,
            1,
            f"the front matter is a {type(fm.data).__name__}, not a mapping; write "
            "'key: value' lines",
        )
        return
    if doc.rel.startswith(_NOT_PAGES):
        return
    kind = site.classify(doc.rel) if doc.rel in site.file_set else "page"
    if kind not in ("page", "document", "unwritten"):
        return
    supplied = set(site.defaults(doc.rel, site.type_of(doc.rel, kind)))
    supplied |= _plugin_supplied(site, doc.rel, kind)
    missing = [k for k in options["required"] if k not in fm.data and k not in supplied]
    if missing:
        keys = " and ".join(f"'{k}'" for k in missing)
        yield finding(
            doc,
            1,
            1,
            f"the front matter has no {keys}; add {'them' if len(missing) > 1 else 'it'} "
            "(or a 'defaults' entry in _config.yml that covers this page)",
        )


def _plugin_supplied(site: Site, rel: str, kind: str) -> set[str]:
    """Keys a plugin of the site fills in for this Markdown page
    (jekyll-titles-from-headings: title; jekyll-default-layout: layout)."""
    if kind != "page" or posixpath.splitext(rel)[1].lower() not in site.markdown_exts:
        return set()
    return set(supplied_keys(site.build))
