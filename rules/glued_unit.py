"""glued-unit: a number glued to its unit ("5minutes", "10min").

## What it checks

The prose a reader sees (as the ``spelling`` rule reads it: no code, URLs,
file names, Liquid or HTML) for a number written straight against a unit
word of the option ``units`` (default: units of time, ``seconds`` to
``years`` and their short forms ``sec``, ``min``, ``hr``...). A hyphenated
compound ("a 5-minute break") is right and is not reported.

## Why

"5minutes" is a typo; "10min" reads as one unknown word and is hard to scan
in a session plan. Style guides (and spell checkers) want a space between a
number and its unit.

## Example

```markdown
Take a 5minutes break after 10min of coding.
```

```text
page.md:1:8: warning [glued-unit] '5minutes': put a space between the number and the unit ('5 minutes')
page.md:1:29: warning [glued-unit] '10min': put a space between the number and the unit ('10 min')
```

## How to fix

Put a space between the number and the unit (``lintkit check --fix`` does
it: a safe fix), or a hyphen when the two make an adjective ("a 5-minute break").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lintkit import prose
from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.fix import Fix
from lintkit.rule import Option, finding, rule
from lintkit.site import Site

UNITS = [
    "seconds",
    "second",
    "secs",
    "sec",
    "minutes",
    "minute",
    "mins",
    "min",
    "hours",
    "hour",
    "hrs",
    "hr",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
]

OPTIONS = {
    "units": Option(list, UNITS, "unit words that need a space after a number (any case)"),
}

_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}
_DIGIT_LETTER_RE = re.compile(r"\d[^\W\d_]")


def _pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    rx = _CACHE.get(units)
    if rx is None:
        alts = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True) if u)
        rx = _CACHE[units] = re.compile(
            r"(?<![\w.,/:-])(\d+(?:[.,]\d+)?)(" + alts + r")(?![\w'\u2019-])", re.I
        )
    return rx


@rule(
    "glued-unit",
    "A number glued to its unit (5minutes, 10min)",
    severity="warning",
    options=OPTIONS,
    tags=("prose", "copied"),
    fixable=True,
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    units = tuple(str(u) for u in options["units"])
    if not units:
        return
    rx = _pattern(units)
    text = prose.visible(doc, prose.DEFAULT_KEYS)
    if not _DIGIT_LETTER_RE.search(text):
        return  # no number written against a letter anywhere
    for m in rx.finditer(text):  # a match never crosses a line break, so never two blocks
        line, col = doc.position(m.start())
        number, unit = m.group(1), m.group(2)
        yield finding(
            doc,
            line,
            col,
            f"'{m.group()}': put a space between the number and the unit ('{number} {unit}')",
            fix=Fix(f"write '{number} {unit}'", (doc.edit(m.start(2), m.start(2), " "),)),
        )
