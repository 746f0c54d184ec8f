"""Generated inputs whose checking time must grow linearly with their size.

    python bench/shapes.py SHAPE SIZE FOLDER     writes one site into FOLDER

Used by ``bench/bench.py`` (time per page of a large site with broken links)
and by ``tests/test_scaling.py`` (each shape at two sizes, slow tier). Every
shape is a complete Jekyll site: ``_config.yml`` plus Markdown pages.

- ``broken-links``: SIZE pages in folders of 100, each with one working and
  one broken link (the broken one asks for a "did you mean" suggestion);
- ``fragments``: one page with SIZE headings and SIZE links to missing ids;
- ``suppressions``: one page with SIZE suppression comments;
- ``fences``: one page with SIZE unclosed code fences;
- ``lines``: one page of SIZE lines (paragraphs, lists, links);
- ``long-line``: one page of a single line of SIZE bytes.
"""

from __future__ import annotations

import os
import sys

SHAPES = ("broken-links", "fragments", "suppressions", "fences", "lines", "long-line")
CONFIG = "title: Generated\n"
FRONT = "---\ntitle: Page\nlayout: default\n---\n"


def _write(folder: str, rel: str, text: str) -> None:
    path = os.path.join(folder, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _broken_links(n: int) -> dict[str, str]:
    files = {}
    for i in range(n):
        folder = f"section{i // 100:04d}"
        nxt = (i + 1) % n
        files[f"{folder}/topic-{i:06d}.md"] = (
            f"{FRONT}# Topic {i}\n\n"
            f"See [the next topic](/section{nxt // 100:04d}/topic-{nxt:06d}.html) and\n"
            f"[an old name](/section{i // 100:04d}/old-topic-{i:06d}.html).\n"
        )
    return files


def _fragments(n: int) -> dict[str, str]:
    heads = "".join(f"## Heading number {i}\n\nText {i}.\n\n" for i in range(n))
    links = "".join(f"- [to {i}](#missing-heading-{i})\n" for i in range(n))
    return {"page.md": FRONT + heads + links}


def _suppressions(n: int) -> dict[str, str]:
    body = "".join(
        f"<!-- lintkit-disable-next-line link-target -->\n[x{i}](missing-{i}.html)\n\n"
        if i % 2
        else f"<!-- lintkit-disable list-numbering -->\ntext {i}\n<!-- lintkit-enable list-numbering -->\n\n"
        for i in range(n)
    )
    return {"page.md": FRONT + body}


def _fences(n: int) -> dict[str, str]:
    # Unclosed fences (an info string after the opening run, so no later
    # line closes them), on a page a fragment points into: its heading ids
    # are computed.
    body = "".join(
        f"~~~~ lang{i}\n\n## Part {i}\n\n" if i % 2 else f"```` code{i}\n\ntext {i}\n\n"
        for i in range(n)
    )
    return {"page.md": FRONT + "[to a part](#part-1)\n\n" + body}


def _lines(n: int) -> dict[str, str]:
    out = []
    for i in range(n // 10):
        out.append(
            f"## Part {i}\n\nA paragraph with [a link](#part-{i}) and *emphasis*\n"
            f"that goes on a second line.\n\n1. one\n2. two\n3. three\n\n"
        )
    return {"page.md": FRONT + "".join(out)}


def _long_line(n: int) -> dict[str, str]:
    unit = "word [a link](#nowhere) `code` *emph* {{ page.title }} "
    return {"page.md": FRONT + (unit * (n // len(unit) + 1))[:n] + "\n"}


def write(shape: str, size: int, folder: str) -> str:
    """Write the site of ``shape`` at ``size`` into ``folder``; return the folder."""
    files = {
        "broken-links": _broken_links,
        "fragments": _fragments,
        "suppressions": _suppressions,
        "fences": _fences,
        "lines": _lines,
        "long-line": _long_line,
    }[shape](size)
    _write(folder, "_config.yml", CONFIG)
    for rel, text in files.items():
        _write(folder, rel, text)
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.exit(f"usage: shapes.py {{{'|'.join(SHAPES)}}} SIZE FOLDER")
    write(sys.argv[1], int(sys.argv[2]), sys.argv[3])
