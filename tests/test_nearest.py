"""The "did you mean" index: the same answers as difflib on small pools, and a
short candidate list on large ones."""

from __future__ import annotations

import difflib

from conftest import write_site
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.nearest import SHORT, Nearest, best_match, best_matches, norm
from lintkit.site import Site

words = st.text(alphabet="ab-_0/.", max_size=12)


@settings(max_examples=400, deadline=None)
@given(words, st.lists(words, max_size=30), st.sampled_from([0.6, 0.7, 0.8, 0.85]))
def test_best_match_is_get_close_matches(word, pool, cutoff):
    expected = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    assert best_match(word, pool, cutoff) == (expected[0] if expected else None)


@settings(max_examples=300, deadline=None)
@given(words, st.lists(words, max_size=30), st.integers(1, 3))
def test_best_matches_is_get_close_matches(word, pool, n):
    assert best_matches(word, pool, 0.6, n) == difflib.get_close_matches(word, pool, n, 0.6)


def test_small_pool_is_compared_whole():
    names = [f"page-{i}.md" for i in range(SHORT)]
    assert Nearest(names).shortlist("zzz") == sorted(names)


def test_large_pool_gives_a_short_list_with_the_close_names():
    names = [f"section{i // 100:03d}/topic-{i:05d}.md" for i in range(20000)]
    index = Nearest(names)
    short = index.shortlist("section123/old-topic-12345.md")
    assert len(short) < 120
    assert "section123/topic-12345.md" in short
    assert index.close("section123/old-topic-12345.md", 0.85) == "section123/topic-12345.md"
    # a typo near the start: found through the reversed names
    assert index.close("xection123/topic-12345.md", 0.85) == "section123/topic-12345.md"
    assert index.same_name("elsewhere/topic-00007.md") == ["section000/topic-00007.md"]


def test_norm_ignores_case_separators_and_extension():
    assert norm("docs/Getting_Started-Guide.markdown") == "gettingstartedguide"


def test_suggest_in_a_large_site(tmp_path):
    files = {f"notes/note-{i:04d}.md": "---\ntitle: n\n---\n" for i in range(300)}
    files["notes/Brewfile"] = "x\n"
    root = write_site(tmp_path / "s", files)
    site = Site.load(str(root))
    assert site.suggest("notes/note-0042.html") == "notes/note-0042.md"
    assert site.suggest("notes/nte-0042.md") == "notes/note-0042.md"
    assert site.suggest("notes/old-Brewfile") == "notes/Brewfile"
    assert site.suggest("elsewhere/zzzzzz.md") is None
