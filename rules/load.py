"""load: every checked file can be read as UTF-8 text.

## What it checks

Each file lintkit checks is read before any other rule runs. A file that
cannot be read (permissions), that is binary (it has NUL bytes), that is not
valid UTF-8, or that is larger than 20 MB is an error, and no other rule runs
on it. An empty file is reported at info level. A ``_config.yml`` that is not
valid YAML is reported here too, at the line YAML points to.

## Why

Jekyll stops the build on a page that is not valid UTF-8, and a binary file
named ``.md`` is a mistake that every other check would misread. Reporting it
once, here, keeps the other rules quiet about a file they cannot judge.

## Example

```markdown
```

```text
page.md:0:0: info [load] the file is empty
```

## How to fix

Save the file as UTF-8 (without NUL bytes), give it content or delete it, or
exclude it (``exclude:`` in ``.lintkit.yml``). Turn the rule off with
``rules: {load: off}``; a file that cannot be read is still not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.rule import finding, rule


@rule("load", "Files can be read as UTF-8 text", scope="load", tags=("copied",))
def RULE(doc: Document, site: Any, options: dict[str, Any]) -> Iterator[Finding]:
    for p in doc.problems:
        yield finding(doc, p.line, p.column, p.message, None if p.fatal else "info")
