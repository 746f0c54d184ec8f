"""repeated-word: the same word twice in a row ("the the").

## What it checks

The prose a reader sees (as the ``spelling`` rule reads it: no code, URLs,
Liquid or HTML) for a word followed by the same word, in any letter case,
with only blanks between them, a line break included. Words in two different
blocks (a heading and the paragraph below it, two list items) are never
compared. Words listed in the option ``allow`` (default ``that``, ``had``:
"I know that that works") are not reported.

## Why

A repeated word is the typo a writer's eye skips most easily, above all
across a line break, where the two words are not even on the same line of
the source.

## Example

```markdown
Pick the
the kata for the session.
```

```text
page.md:2:1: warning [repeated-word] 'the' is written twice in a row: delete one
```

## How to fix

Delete one of the two words (``lintkit check --fix --unsafe-fixes`` does it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import islice
from typing import Any

from lintkit import prose
from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.fix import UNSAFE, Fix
from lintkit.rule import Option, finding, rule
from lintkit.site import Site

# A word, blanks (or ">" of a block quote) with at most one line break, the
# same word in any case; neither word part of a longer token (add-on on).
# Possessive: the first word is the whole run of letters and the blanks all
# of them, never given back; a word glued to its twin ("haha") is not a
# finding, so the engine need not try every shorter first word of every word.
_REPEAT_RE = re.compile(
    r"(?<![\w\u2019'-])([^\W\d_]++)([ \t>]++\n?[ \t>]*+|\n[ \t>]*+)(\1)(?![\w\u2019'-])",
    re.IGNORECASE,
)

OPTIONS = {
    "allow": Option(list, ["that", "had"], "words that may be repeated (any case)"),
}


@rule(
    "repeated-word",
    "The same word twice in a row, across a line break too",
    severity="warning",
    options=OPTIONS,
    tags=("prose", "copied"),
    fixable=True,
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    allow = {str(w).lower() for w in options["allow"]}
    low = list(map(str.lower, prose.tokens(doc, prose.DEFAULT_KEYS)))
    if not any(map(str.__eq__, low, islice(low, 1, None))):
        return  # no token follows its twin: nothing to look for
    text = prose.visible(doc, prose.DEFAULT_KEYS)
    starts: list[int] | None = None
    for m in _REPEAT_RE.finditer(text):
        if m.group(1).lower() in allow:
            continue
        if "\n" in m.group(2):  # the two words must be in one block
            if starts is None:
                starts = [a for a, _ in prose.spans(doc, prose.DEFAULT_KEYS)]
            if bisect_right(starts, m.start()) != bisect_right(starts, m.start(3)):
                continue
        line, col = doc.position(m.start(3))
        # Unsafe: deleting words is for a person to confirm ("had had" can be right).
        fix = Fix(f"delete the second '{m.group(3)}'", (doc.edit(m.end(1), m.end(3), ""),), UNSAFE)
        yield finding(
            doc, line, col, f"'{m.group(3)}' is written twice in a row: delete one", fix=fix
        )
