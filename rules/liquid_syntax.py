"""liquid-syntax: every Liquid tag and output is closed.

## What it checks

An opening ``{%`` without its ``%}``, an opening ``{{`` without its ``}}``,
and a ``{% raw %}`` or ``{% comment %}`` block without its end tag.

## Why

Jekyll stops the whole build on the first unclosed tag ("Tag '{%' was not
properly terminated"), and everything after an unclosed ``raw`` or
``comment`` silently disappears from the page.

## Example

```markdown
---
title: Example
layout: default
---
See the [Ensemble]({% link reference/ensemble_definition.md ).
```

```text
page.md:5:20: error [liquid-syntax] '{%' is never closed: end the tag with '%}'
```

## How to fix

Close the tag. To show Liquid syntax literally, wrap it in
``{% raw %}...{% endraw %}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.rule import finding, rule
from lintkit.site import Site

_CLOSERS = {
    "tag": ("{%", "%}"),
    "output": ("{{", "}}"),
    "raw": ("{% raw %}", "{% endraw %}"),
    "comment": ("{% comment %}", "{% endcomment %}"),
}


@rule("liquid-syntax", "Liquid tags and outputs are closed", tags=("liquid",))
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    for problem in doc.liquid.unclosed:
        opener, closer = _CLOSERS[problem.kind]
        line, col = doc.position(problem.start)
        if problem.kind in ("raw", "comment"):
            msg = (
                f"'{opener}' has no '{closer}': everything after it is "
                f"{'shown as plain text' if problem.kind == 'raw' else 'dropped from the page'}; "
                f"add '{closer}'"
            )
        else:
            msg = f"'{opener}' is never closed: end the tag with '{closer}'"
        yield finding(doc, line, col, msg)
