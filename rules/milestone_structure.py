"""milestone-structure: each milestone is a bold one-sentence title followed
by a description, and no two milestones share a title.

## What it checks

In every milestone list (see ``milestone-numbering``), each item must:

- start with a bold title (``**Title.**``);
- whose text is one sentence ending with a period;
- followed by a description in the same item (on the next line, or in a
  paragraph indented under the item);

and the titles of one list must be unique. The finding is at the item's line
and says which part is missing.

## Why

Milestone tracks are read side by side and referred to by their titles; an
item without a title or a description reads as a broken track.

## Example

```markdown
---
title: Example
layout: default
milestones: true
---
1. **Facilitate learning hours.**
Senior developers can lead learning hours.

2. Lead learning hours based on existing plans.
Senior developers continue leading learning hours.

3. **Design and lead new learning hours.**
People develop their own materials.
```

```text
page.md:9:1: error [milestone-structure] milestone 2 has no bold title: start the item with **A one-sentence title.**
```

## How to fix

Give the item a bold title sentence ending with a period, then its description
on the next line. ``lintkit check --fix`` adds the missing period at the end of
a bold title (safe); the other problems need a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.lists import (
    MILESTONE_OPTIONS,
    MILESTONES,
    item_findings,
    milestone_lists,
)
from lintkit.rule import rule
from lintkit.site import Site

OPTIONS = MILESTONE_OPTIONS


@rule(
    "milestone-structure",
    "Milestones have a bold one-sentence title and a description",
    options=OPTIONS,
    fixable=True,
    tags=("milestones", "lists"),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    return item_findings(doc, milestone_lists(doc, options), MILESTONES, fixes=True)
