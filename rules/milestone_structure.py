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
1. **Facilitate learning hours.**
Senior developers can lead learning hours.

2. Lead learning hours based on existing plans.
Senior developers continue leading learning hours.

3. **Design and lead new learning hours.**
People develop their own materials.
```

```text
page.md:4:1: error [milestone-structure] milestone 2 has no bold title: start the item with **A one-sentence title.**
```

## How to fix

Give the item a bold title sentence ending with a period, then its description
on the next line.
"""
from __future__ import annotations

import re

from lintkit.findings import Finding
from lintkit.globs import match_any
from lintkit.lists import milestone_runs
from lintkit.rule import Option, rule

OPTIONS = {
    "paths": Option(list, ["**"], "globs of the documents whose milestone lists are checked"),
    "min-items": Option(int, 3, "how many items an ordered list needs to count as a milestone list"),
}
_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+[A-Z]")


@rule("milestone-structure", "Milestones have a bold one-sentence title and a description",
      options=OPTIONS)
def RULE(doc, site, options):
    if not match_any(options["paths"], doc.rel):
        return
    for run in milestone_runs(doc, options["min-items"]):
        titles = {}
        for n, item in enumerate(run.items, 1):
            problem = _problem(item, n)
            if problem:
                yield Finding(doc.display, item.line, 1, "milestone-structure", problem)
                continue
            key = " ".join(item.bold_title.lower().split())
            if key in titles:
                yield Finding(doc.display, item.line, 1, "milestone-structure",
                              f"milestone {n} has the same title as milestone {titles[key]}; "
                              "give each milestone its own title")
            else:
                titles[key] = n


def _problem(item, n):
    title = item.bold_title
    if title is None:
        return (f"milestone {n} has no bold title: start the item with "
                "**A one-sentence title.**")
    block = item.first_block
    text = block.get("text", "").lstrip()
    m = re.match(r"(\*\*|__).+?\1", text, re.S)
    after = text[m.end():] if m else ""
    ends_with_period = title.endswith(".") or after.startswith(".")
    if not ends_with_period:
        return f"milestone {n}'s title does not end with a period: write **{title}.**"
    if _SENTENCE_BREAK_RE.search(title.rstrip(".")):
        return (f"milestone {n}'s title is more than one sentence; keep the title to one "
                "sentence and move the rest into the description")
    rest = after[1:] if after.startswith(".") else after
    has_description = bool(rest.strip())
    if not has_description:
        has_description = any(
            child["type"] not in ("blank_line",) and child is not block
            for child in item.token.get("children", []))
    if not has_description:
        return (f"milestone {n} has a title but no description: add a paragraph describing "
                "the milestone on the line after the title")
    return None
