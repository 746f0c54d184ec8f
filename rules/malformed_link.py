"""malformed-link: link syntax that renders as something other than a link.

## What it checks

Links that Markdown does not read the way the author meant:

- a link tag missing its braces: ``[t](% link a.md %)``;
- link text followed by a tag without parentheses: ``[t]{% link a.md %}``;
- a destination wrapped in brackets: ``[t]([https://example.com])``;
- an empty destination: ``[t]()``;
- an SSH-style address used as a link: ``[repo](git@github.com:org/repo.git)``.

Code spans and code blocks are skipped.

## Why

Each of these renders without any error: as literal text, or as a link to a
page that does not exist. Nobody notices until a reader clicks.

## Example

```markdown
[1-2-4-all](% link _activities/conclusions/1-2-4-all.md %) is a great alternative.
```

```text
page.md:1:1: error [malformed-link] the link tag has lost its braces, so Jekyll makes it a broken link (its address is the text of the tag): write ({% link _activities/conclusions/1-2-4-all.md %})
```

## How to fix

``lintkit check --fix`` restores the braces (``({% link a.md %})``), puts a
tag that follows the link text in parentheses and removes the brackets around
a destination (safe fixes). An empty destination or an SSH address has no
mechanical fix: write the link as ``[text]({% link path %})`` for a page of the site, or
``[text](https://...)`` for an outside address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.fix import Fix
from lintkit.inline import code_span_mask
from lintkit.rule import finding, rule
from lintkit.site import Site

_NO_BRACES_RE = re.compile(
    r"\]\(\s*(%-?\s*(link|post_url|include_relative|include)\b[^)\n]*?-?%)\s*\)"
)
_SSH_RE = re.compile(r"^[\w.+-]+@[\w.-]+:[\w./~-]+$")


@rule(
    "malformed-link",
    "Link syntax that renders as something other than a link",
    fixable=True,
    tags=("links", "copied"),
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    seen = set()
    masked = doc.masked
    for _tok, start, end in doc.text_blocks():
        if masked.find("%", start, end) < 0:
            continue
        chunk = code_span_mask(masked[start:end])
        for m in _NO_BRACES_RE.finditer(chunk):
            bracket = _open_bracket(chunk, m.start())
            line, col = doc.position(start + bracket)
            inner = m.group(1).strip("% -")
            seen.add((line, col))
            a, b = start + m.start(1), start + m.end(1)
            yield finding(
                doc,
                line,
                col,
                f"the link tag has lost its braces, so Jekyll makes it a broken link "
                f"(its address is the text of the tag): write ({{% {inner} %}})",
                fix=Fix(
                    "restore the braces of the link tag",
                    (doc.edit(a, a, "{"), doc.edit(b, b, "}")),
                ),
            )
    for tag in doc.liquid.tags:
        if (
            tag.region is None
            and tag.name == "link"
            and tag.start > 0
            and doc.text[tag.start - 1] == "]"
        ):
            bracket = _open_bracket(doc.masked, tag.start - 1)
            line, col = doc.position(bracket)
            if doc.in_code(line):
                continue
            yield finding(
                doc,
                line,
                col,
                f"the link text is followed by {{% link {tag.markup} %}} without "
                f"parentheses, so it renders as text and a bare URL: write "
                f"[...]({{% link {tag.markup} %}})",
                fix=Fix(
                    "put the link tag in parentheses",
                    (doc.edit(tag.start, tag.start, "("), doc.edit(tag.end, tag.end, ")")),
                ),
            )
    for pl in doc.links:
        dest = pl.dest
        if dest is None or (pl.line, pl.column) in seen:
            continue
        what = "image" if pl.link.kind == "image" else "link"
        if dest == "":
            yield finding(
                doc,
                pl.line,
                pl.column,
                f"the {what} has an empty destination: write the address between "
                f"the parentheses, or remove the brackets",
            )
        elif dest.startswith("[") and dest.endswith("]") and len(dest) > 2:
            a = doc.offset(pl.dest_line, pl.dest_column)
            b = a + len(dest)
            yield finding(
                doc,
                pl.dest_line,
                pl.dest_column,
                f"the destination is wrapped in brackets, so the {what} points at "
                f"'{dest}': write ({dest[1:-1]})",
                fix=Fix(
                    "remove the brackets around the address",
                    (doc.edit(a, a + 1, ""), doc.edit(b - 1, b, "")),
                )
                if doc.text[a:b] == dest
                else None,
            )
        elif _SSH_RE.match(dest):
            yield finding(
                doc,
                pl.dest_line,
                pl.dest_column,
                f"'{dest}' is an SSH address for git, not a web address: link to the "
                "repository's https:// page instead",
            )


def _open_bracket(text: str, close: int) -> int:
    """Offset of the ``[`` that opens the link text ending at ``close``."""
    depth = 0
    i = close
    while i >= 0:
        c = text[i]
        if c == "]":
            depth += 1
        elif c == "[":
            depth -= 1
            if depth == 0:
                return i - 1 if i > 0 and text[i - 1] == "!" else i
        elif c == "\n" and i > 0 and text[i - 1] == "\n":
            break
        i -= 1
    return close
