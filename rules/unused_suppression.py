"""unused-suppression: an inline suppression comment that suppresses nothing.

## What it checks

The comments ``<!-- lintkit-disable-next-line RULE... -->``,
``<!-- lintkit-disable RULE... -->`` (until ``<!-- lintkit-enable RULE... -->``)
and ``<!-- lintkit-disable-file RULE... -->`` silence findings (no rule id: all
rules). A comment that silences no finding of a rule it names, or names a rule
that does not exist, is reported here. Rules that did not run on the file
(turned off, or left out by ``--select``) are not held against a comment.

## Why

A suppression outlives the problem it was written for: once the link is fixed
the comment stays, and later hides a new problem on the same line.

## Example

```markdown
---
title: Example
layout: default
---
<!-- lintkit-disable-next-line link-tag -->
See the [Ensemble]({% link reference/ensemble_definition.md %}) page.
```

<!-- example-site: reference/ensemble_definition.md -->

```text
page.md:5:1: info [unused-suppression] <!-- lintkit-disable-next-line link-tag --> suppresses nothing for link-tag: no link-tag finding on line 6; remove the comment
```

## How to fix

Remove the comment (or the rule id that no longer has a finding to silence).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.rule import rule
from lintkit.site import Site


@rule(
    "unused-suppression",
    "Inline suppression comments that suppress nothing",
    severity="info",
    scope="engine",
    tags=("suppressions",),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    return ()  # the engine reports these after applying suppressions (lintkit/suppress.py)
