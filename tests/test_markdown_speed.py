"""What lintkit.markdown does for speed must not change a token: the list-item
regex cache (one compiled regex per marker width, for lintkit's parser only)."""

from __future__ import annotations

from pathlib import Path

import mistune
import pytest
from mistune import list_parser

from lintkit import markdown

FIXTURES = Path(__file__).parent / "fixtures"

# Lists of every marker width (1-9 columns), nested, loose and tight, items
# ended by each block start that interrupts a list item, tabs, empty markers.
LISTS = """\
- a
- b
  * nested
    + deeper
# heading ends the list

1. one
2. two
```
fence ends it
```
10. ten
11. eleven
> quote ends it

100) a
<div>html ends it</div>
1000. w
***
123456789. nine digits
-\tTabbed
-
  empty marker line
- loose

- item
   ---
  + x
 1. indented marker
    code? no, paragraph
"""


def _uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    assert markdown._compile_list_break_sc is not None
    monkeypatch.setattr(list_parser, "_compile_list_break_sc", markdown._compile_list_break_sc)


def _pages() -> list[str]:
    pages = [LISTS, LISTS.replace("\n", "\n> ").replace("> #", "#")]
    pages += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.md"))]
    return pages


def test_cached_list_regexes_give_the_same_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages()
    assert len(pages) > 5
    cached = [markdown.parse(page) for page in pages]
    assert list_parser._compile_list_break_sc is markdown._cached_list_break_sc
    with monkeypatch.context() as m:
        _uncached(m)
        plain = [markdown.parse(page) for page in pages]
    assert cached == plain
    # one regex per marker width met ("-" 1, "1." 2, ... "123456789." 10)
    assert {1, 2, 3, 4, 5, 10} <= set(markdown._BREAK_SC)


def test_cache_is_built_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = markdown._compile_list_break_sc
    assert original is not None

    def counting(block: object, width: int) -> object:
        calls.append(width)
        return original(block, width)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown, "_compile_list_break_sc", counting)
    monkeypatch.setattr(markdown, "_BREAK_SC", {})
    markdown.parse(LISTS)
    markdown.parse(LISTS)
    assert sorted(calls) == sorted(set(calls))  # no width compiled twice, over two pages
    assert {1, 2, 3, 4, 5, 10} <= set(calls)


def test_other_parsers_are_left_alone() -> None:
    """Another mistune parser in the same process, whose rules differ, gets
    the regex of its own rules, built every time as mistune builds it."""
    from mistune.block_parser import BlockParser

    other = BlockParser()
    other.specification = dict(other.specification)
    other.specification["thematic_break"] = r"^ {0,3}XYZ$"
    original = markdown._compile_list_break_sc
    assert original is not None
    got = markdown._cached_list_break_sc(other, 2)
    assert got.pattern == original(other, 2).pattern
    assert "XYZ" in got.pattern
    assert "XYZ" not in markdown._cached_list_break_sc(markdown._parser, 2).pattern
    assert 2 in markdown._BREAK_SC  # lintkit's own, cached
    md = mistune.create_markdown(renderer=None)
    assert [t["type"] for t in md("- a\n- b\n# h\n")] == ["list", "heading"]
