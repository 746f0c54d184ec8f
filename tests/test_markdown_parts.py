"""Parsing a document by parts (``markdown.parse_parts``, what ``lintkit lsp``
does at each keystroke, re-parsing only the part that changed) gives exactly
the tokens and reference definitions of parsing it whole."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from conftest import SHARED

from lintkit import markdown

HERE = Path(__file__).resolve().parent

DOCS = [
    "# Title\nIntro.\n\n1. **One**\nlazy line\n\nAfter the list.\n\n2. two\n\n# Next\n",
    "- a\n- b\n\n  still b\n\nParagraph.\n\n- c\n\n* d\n\n# H\n\nText\n===\n\nMore\n---\n",
    "> quote\nlazy\n\nOut.\n\n    code\n\ncode ended\n\n## H2 ##\n\n#not a heading\n\nEnd\n",
    "[a]: /one\n\n[a]: /two\n\nText [a].\n\n# H\n\n[b]: /b 'title'\n\nMore [b].\n",
    "Intro\n\n```\ncode\n\n# not a heading\n```\n\nAfter.\n\n# H\n\nEnd.\n",
    "Intro\n\n<!-- comment\n\n# inside\n-->\n\nAfter.\n\n# H\n",
    "Intro\n\n<div>\n\n# heading after div\n</div>\n\nText\n\n<script>\n\nx\n</script>\n\nEnd\n",
    "1. one\n\n   indented para\n\n2. two\n\nA. not a list\n\n10) ten\n\nZ\n",
    "Text\n\n~~~ python\n\nA inside\n~~~\n\nB\n\n#\n\n#tag\n\n####### seven\n\nC\n",
    "\n\n\nA\n\n\n\nB\n\t\nC\n \nD",
    "- a\n  - b\n    - c\n\n      deep\n\nE\n\n- f\n\n  > q\n\n  lazy?\n\nG\n",
]
ALPHABET = "\n\n\n   #`~<!-1.>a[]:*A\t"


def whole(text: str):
    tokens, state = markdown.parse_with_state(text)
    return tokens, state.env.get("ref_links", {})


def parts(text: str, cache: markdown.PartCache):
    tokens, state = markdown.parse_parts(text, cache)
    return tokens, state.env.get("ref_links", {})


@pytest.mark.parametrize("n", range(len(DOCS)))
def test_parts_parse_as_the_whole(n):
    text = DOCS[n]
    assert parts(text, markdown.PartCache()) == whole(text)


def test_the_documents_are_cut_where_they_can_be():
    assert markdown.cut(DOCS[0]) == [0, DOCS[0].index("After"), DOCS[0].index("# Next")]
    fenced = "A\n\nB\n\n```\nx\n```\n\nC\n\nD\n"
    assert markdown.cut(fenced) == [0, fenced.index("B")]  # never cut after a fence opens
    assert markdown.cut("a\n\n1. x\n\n- y\n\n  z\n") == [0]  # a list item never starts a part


def test_random_edits_with_a_cache_kept_between_them():
    rng = random.Random(17)
    cache = markdown.PartCache(size=50)
    for base in DOCS:
        text = base * 3
        for _ in range(60):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.3 and text:
                text = text[:at] + text[at + 1 :]
            else:
                text = text[:at] + rng.choice(ALPHABET) + text[at:]
            assert parts(text, cache) == whole(text), text


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in (".md", ".markdown") and p.is_file() and "_site" not in p.parts
    )


def test_the_fixture_pages_parse_by_parts_as_whole():
    files = _markdown_files(HERE / "fixtures")
    assert files
    cache = markdown.PartCache()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        assert parts(text, cache) == whole(text), path


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("LINTKIT_CORPUS") != "1" or not (SHARED / "corpora").is_dir(),
    reason="set LINTKIT_CORPUS=1 to run on the shared corpora",
)
def test_the_corpus_pages_parse_by_parts_as_whole():
    cache = markdown.PartCache()
    files = _markdown_files(SHARED / "corpora")
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        assert parts(text, cache) == whole(text), path
