"""draft-notice: a draft ends with a notice saying it is a draft under review,
and a page that is no longer a draft does not.

## What it checks

A document is a draft when its front matter says ``draft: true`` or
``status: draft``, or its path matches one of the ``paths`` globs (by default
milestone documents, ``**/*_milestones.md``). A draft must end with a notice:
a paragraph that is emphasised (``_..._`` or ``*...*``), starts with
``Note:`` and matches ``pattern`` (by default: says the content is a draft and
under review). A document that carries such a notice while its front matter
says it is not a draft (``draft: false``, a ``status`` other than
``draft``, or ``published: true``; such a page is no draft whatever its path)
gets a warning.

## Why

Readers must be able to tell work in progress from the Society's agreed
position; a notice that outlives the draft misleads the other way.

## Example

```markdown
---
layout: society
title: Learning Hour Milestones
---
1. **Facilitate learning hours.**
Description.
```

```text
society/learning_hour_milestones.md:6:1: error [draft-notice] this document is a draft (its path matches '**/*_milestones.md') but does not end with a draft notice; add a last paragraph like _Note: These milestones are still in draft and under review by the Samman Society._
```

## How to fix

End the document with the notice paragraph, or, when the document is no longer
a draft, remove the notice and say so in the front matter. ``lintkit check
--fix`` appends the notice of the ``example`` option as the last paragraph of
a draft that has none (safe; not when ``example`` would not satisfy
``pattern``, nor when the file ends inside a code block).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lintkit import drafts
from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.fix import Fix
from lintkit.rule import Option, finding, rule
from lintkit.site import Site

OPTIONS = {
    "paths": Option(
        list, ["**/*_milestones.md"], "globs of documents that are drafts", kind="glob"
    ),
    "pattern": Option(
        str,
        r"(?is)\bdraft\b.*\bunder review\b",
        "regular expression the notice text must match",
        kind="regex",
    ),
    "example": Option(
        str,
        "_Note: These milestones are still in draft and under review by the Samman Society._",
        "the notice suggested in messages",
    ),
}


@rule(
    "draft-notice",
    "Drafts end with a draft notice; finished pages do not",
    options=OPTIONS,
    fixable=True,
    tags=("drafts", "milestones"),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    try:
        pattern = re.compile(options["pattern"])
    except re.error:  # validated by the config loader; stay pure here
        return
    state = drafts.status(doc, options["paths"])
    notice = drafts.notice_of(doc, pattern)
    if state.draft and notice is None:
        last = _last_line(doc)
        yield finding(
            doc,
            last,
            1,
            f"this document is a draft ({state.why}) but does not end with a draft notice; "
            f"add a last paragraph like {options['example']}",
            fix=_append_notice(doc, options["example"], pattern),
        )
    elif notice is not None and state.not_draft:
        token, _ = notice
        yield finding(
            doc,
            token["line"],
            1,
            "the page carries a draft notice but its front matter says it is not a "
            "draft: remove the notice, or mark the page as a draft",
            "warning",
        )


def _append_notice(doc: Document, example: str, pattern: re.Pattern[str]) -> Fix | None:
    """Append the configured notice as the last paragraph, keeping whether the
    file ends with a line break; None when the notice would not satisfy the
    rule itself (then appending it would not settle)."""
    if drafts.notice_text(example, pattern) is None:
        return None
    text = doc.text
    if doc.in_code(len(doc.lines)):
        return None  # the file ends inside a code block
    if text.endswith("\n\n") or not text:
        added = example.strip() + "\n"
    elif text.endswith("\n"):
        added = "\n" + example.strip() + "\n"
    else:
        added = "\n\n" + example.strip()
    end = len(text)
    return Fix("append the draft notice", (doc.edit(end, end, added),))


def _last_line(doc: Document) -> int:
    lines = doc.lines
    n = len(lines)
    while n > 1 and not lines[n - 1].strip():
        n -= 1
    return max(n, 1)
