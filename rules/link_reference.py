"""link-reference: reference-style links and their definitions match up.

## What it checks

- ``[text][label]`` or ``[text][]`` with no definition ``[label]: url`` in
  the page: kramdown prints the brackets as plain text (error);
- a definition ``[label]: url`` that no link uses (warning);
- a label defined twice (warning): kramdown uses the *last* definition,
  CommonMark previews (GitHub) the first, so the two disagree.

Labels match as kramdown matches them: case and runs of blanks do not matter.
Shortcut references (``[label]`` alone) are not reported when undefined:
brackets in prose are common. Definitions used as comments
(``[//]: # (note)``, ``[comment]: <> (note)``) are not reported as unused. Definitions may be anywhere in the page, but
not inside a paragraph (a definition cannot interrupt one). Code is skipped.

## Why

An undefined reference shows the reader raw brackets instead of a link; an
unused definition usually means a link was meant and lost in an edit.

## Example

```markdown
Read the [kata catalogue][katas].

[kata]: /kata_descriptions/
```

```text
page.md:1:27: error [link-reference] [kata catalogue][katas]: no definition [katas]: in this page, so it shows as plain text; did you mean [kata]?
page.md:3:1: warning [link-reference] the definition [kata] is not used by any link: use it ([text][kata]) or remove it
```

## How to fix

Fix the label or add the definition (``[katas]: /kata_descriptions/`` on a
line of its own, after a blank line); remove definitions nothing uses.
With ``--unsafe-fixes``, ``lintkit check --fix`` removes the lines of an
unused definition (unsafe: it may be kept for a link still to be written).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit import inline
from lintkit.document import Document, PositionedDefinition
from lintkit.findings import Finding
from lintkit.fix import UNSAFE, Fix
from lintkit.nearest import Nearest
from lintkit.rule import finding, rule
from lintkit.site import Site


@rule(
    "link-reference",
    "Reference links have a definition and every definition is used",
    tags=("links", "copied"),
    fixable=True,
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    defs = doc.definitions
    if "][" not in doc.masked and not defs:
        return
    used = set()
    labels = Nearest(d.label for d in defs)
    for pl in doc.links:
        link = pl.link
        if link.label is None:
            continue
        key = inline.norm_label(link.label)
        if link.defined:
            used.add(key)
            continue
        if not key.strip() or not link.text.strip():
            continue  # "Cell[][]": brackets, not a link
        loop_line = doc.loop_definitions.shape_of(link.label)
        if loop_line is not None:
            yield finding(
                doc,
                pl.dest_line,
                pl.dest_column,
                f"[{link.label}] is defined by the Liquid loop on line {loop_line}, whose "
                "values lintkit cannot know statically, so the link is not checked",
                "info",
            )
            continue
        close = labels.close(link.label, 0.6)
        hint = (
            f"; did you mean [{close}]?"
            if close
            else f": add a line '[{link.label}]: URL' (after a blank line)"
        )
        written = f"[{link.text}][{link.label if link.label != link.text else ''}]"
        yield finding(
            doc,
            pl.dest_line,
            pl.dest_column,
            f"{written}: no definition [{link.label}]: in this page, so it shows "
            f"as plain text{hint}",
        )
    seen: dict[str, PositionedDefinition] = {}
    for d in defs:
        key = inline.norm_label(d.label)
        if key in seen:
            first = seen[key]
            yield finding(
                doc,
                first.line,
                first.column,
                f"[{first.label}] is defined again on line {d.line}: kramdown (Jekyll) "
                f"uses the last definition ({d.dest}), GitHub's preview the first "
                f"({first.dest}): keep one",
                "warning",
            )
        seen[key] = d
    loop_lines = doc.loop_definitions.lines
    for key, d in seen.items():
        if key not in used and not _comment(d.dest) and d.line not in loop_lines:
            yield finding(
                doc,
                d.line,
                d.column,
                f"the definition [{d.label}] is not used by any link: use it "
                f"([text][{d.label}]) or remove it",
                "warning",
                _remove(doc, d),
            )


def _remove(doc: Document, d: PositionedDefinition) -> Fix | None:
    """Delete the lines of a definition that stands on lines of its own
    (unsafe: it may be kept on purpose for a link still to be written)."""
    if doc.line_text(d.line)[: d.column - 1].strip():
        return None
    end = doc.offset(d.dest_line, d.dest_column) + len(d.dest)
    if d.title:
        found = doc.text.find(d.title, end)
        if found < 0:
            return None
        end = found + len(d.title)
    last, _ = doc.position(end)
    if doc.line_text(last)[end - doc.offset(last, 1) :].strip(" \t\"')"):
        return None  # more text after the definition on its last line
    start = doc.offset(d.line, 1)
    stop = doc.offset(last + 1, 1) if last < len(doc.lines) else len(doc.text)
    return Fix(f"remove the unused definition [{d.label}]", (doc.edit(start, stop, ""),), UNSAFE)


def _comment(dest: str) -> bool:
    """``[//]: # (note)`` and ``[comment]: <> (note)``: the usual way to write a
    comment in Markdown, not a link."""
    d = dest.strip()
    return d in ("", "#", "<>") or d.startswith(("# ", "<> ", "#(", "<>("))
