"""list-numbering: an ordered list's source numbers are all equal or consecutive.

## What it checks

Every ordered list that is not a milestone list (milestone lists have their
own rule, ``milestone-numbering``): the numbers written in the source must be
either all the same (``1. 1. 1.``, a common style) or consecutive from the
first (``3. 4. 5.``). The finding is at the first item that breaks the pattern.

## Why

Markdown ignores every number but the first, so ``1 2 3 4 4 1 1 5 6`` renders
as 1 to 9. What the source says and what the site shows then disagree, and
anyone editing the source (or referring to "step 5") gets it wrong.

## Example

```markdown
---
title: Example
layout: default
---
1. Clean up the board
2. Choose a date
2. Send the invite
```

```text
page.md:7:1: warning [list-numbering] item 3 is numbered 2, which breaks this list's numbering (1, 2, 2); the site numbers the items 1 to 3 whatever the source says: number them consecutively (or all 1.)
```

## How to fix

Renumber the items consecutively, or number every item ``1.`` and let
Markdown count. ``lintkit check --fix`` renumbers the source in the list's own
style: all equal when most items repeat the first number, else consecutive
from the first (safe; unsafe when a marker grows wider, ``9.`` to ``10.``, in a
list whose items have more than one line, since that moves their indentation).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.fix import SAFE, UNSAFE, Fix
from lintkit.lists import (
    MILESTONE_PATHS,
    Item,
    Run,
    doc_runs,
    is_milestone_run,
    milestone_page,
    renumber_edits,
)
from lintkit.rule import Option, finding, rule
from lintkit.site import Site

OPTIONS = {
    "milestone-paths": Option(
        list,
        MILESTONE_PATHS,
        "globs of the milestone pages, whose milestone lists are left to milestone-numbering "
        "(keep equal to milestone-numbering's paths; front matter 'milestones: true' counts too)",
        kind="glob",
    ),
    "min-items": Option(
        int,
        3,
        "size from which a bold-titled list is a milestone list (keep equal to milestone-numbering's)",
    ),
}


@rule(
    "list-numbering",
    "Ordered list numbers in the source are all equal or consecutive",
    severity="warning",
    options=OPTIONS,
    fixable=True,
    tags=("lists",),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    milestone_doc = milestone_page(doc, options["milestone-paths"])
    for run in doc_runs(doc):
        if milestone_doc and is_milestone_run(run, options["min-items"]):
            continue
        for lst_start, lst_end in _lists(run):
            items = run.items[lst_start:lst_end]
            numbers = [it.number for it in items if it.number is not None]
            if len(items) < 2 or len(numbers) < len(items):  # an item without a number
                continue
            if len(set(numbers)) == 1:
                continue
            first = numbers[0]
            # The first item that breaks both patterns ("1. 1. 1." and "1. 2. 3.").
            same = next(i for i, n in enumerate(numbers) if n != first)
            step = next((i for i, n in enumerate(numbers) if n != first + i), len(numbers))
            pos = max(same, step)
            if pos < len(numbers):
                item, number = items[pos], numbers[pos]
                seq = ", ".join(str(n) for n in numbers[:10]) + (
                    ", ..." if len(numbers) > 10 else ""
                )
                yield finding(
                    doc,
                    item.line,
                    1,
                    f"item {pos + 1} is numbered {number}, which breaks this list's numbering "
                    f"({seq}); the site numbers the items {first} to {first + len(numbers) - 1} "
                    f"whatever the source says: number them consecutively (or all {first}.)",
                    fix=_renumber(doc, items, numbers),
                )


def _renumber(doc: Document, items: list[Item], numbers: list[int]) -> Fix | None:
    """Renumber in the list's own style: all equal when more items say the
    first number than count up from it, else consecutive from the first."""
    first = numbers[0]
    same = sum(1 for n in numbers if n == first)
    step = sum(1 for i, n in enumerate(numbers) if n == first + i)
    if same > step:
        wanted, title = [first] * len(numbers), f"number every item {first}."
    else:
        wanted = list(range(first, first + len(numbers)))
        title = f"renumber the items {first} to {wanted[-1]}"
    edits, safe = renumber_edits(doc, items, wanted)
    if not edits:
        return None
    return Fix(title, tuple(edits), SAFE if safe else UNSAFE)


def _lists(run: Run) -> list[tuple[int, int]]:
    bounds = [0] + list(run.splits) + [len(run.items)]
    return list(zip(bounds[:-1], bounds[1:]))
