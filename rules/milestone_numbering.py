"""milestone-numbering: a milestone list is numbered 1, 2, 3, ... in one list.

## What it checks

A milestone list is an ordered list of three or more items most of which
start with a bold title (in the files matched by ``paths``). In the source, its
items must be numbered 1, 2, 3, ... with no duplicate, gap or restart, and
the list must not be split in two by a paragraph between two items. One
finding per list: at the first item whose number is wrong, or at the item
that starts the second half of a split list.

## Why

Markdown renumbers a list from its first number, so a duplicate or gap in the
source is invisible on the site but wrong wherever the source is read, and
milestones are referred to by number ("milestone 4"). A paragraph that is
not indented ends the list: the site then shows two lists, the second
starting at 3.

## Example

```markdown
---
title: Example
layout: default
milestones: true
---
1. **Facilitate learning hours.**
Description.

2. **Lead learning hours.**
Description.

4. **Design learning hours.**
Description.
```

```text
page.md:12:1: error [milestone-numbering] milestone 3 is numbered 4; number the milestones 1, 2, 3, ... in order
```

## How to fix

Renumber the items in order. To keep a paragraph inside a milestone, indent it
by three spaces under the item (or remove the blank line before it).
``lintkit check --fix`` does both: it renumbers the source 1, 2, 3, ... and
indents a paragraph that splits the list to the column of the item's text
(safe; unsafe when a marker grows wider, ``9.`` to ``10.``, in a list whose
items have more than one line, since that moves their indentation).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.lists import (
    MILESTONE_OPTIONS,
    MILESTONES,
    milestone_lists,
    numbering_findings,
)
from lintkit.rule import rule
from lintkit.site import Site

OPTIONS = MILESTONE_OPTIONS


@rule(
    "milestone-numbering",
    "Milestone lists are numbered 1, 2, 3, ... in one list",
    options=OPTIONS,
    fixable=True,
    tags=("milestones", "lists"),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    return numbering_findings(doc, milestone_lists(doc, options), MILESTONES, "milestone-numbering")
