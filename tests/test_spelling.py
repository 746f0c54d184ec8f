"""spelling: what is checked, what never is, the site's vocabulary, suggestions."""

from __future__ import annotations

import os
import time

import pytest
from conftest import check, run_cli, write_site
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit import dictionary, prose, vocabulary
from lintkit.vocabulary import WordsFile, WordsFileError

FM = "---\ntitle: Notes\nlang: en\n---\n"


def run(tmp_path, body, files=None, config="title: Test\n", path="page.md"):
    """The spelling findings of ``path`` in a new site (one folder per call)."""
    pages = {path: body}
    pages.update(files or {})
    root = write_site(tmp_path / f"site{len(list(tmp_path.iterdir()))}", pages, config)
    _, result = check(root, path, select=["spelling"])
    return [(f.line, f.column, f.message.split(" (if")[0]) for f in result.findings]


def words(found):
    return [m.split("'")[1] for _, _, m in found]


# ------------------------------------------------------------ what is checked
def test_a_listed_misspelling_is_found_with_its_correction(tmp_path):
    assert run(tmp_path, FM + "We have come accross this before.\n") == [
        (5, 14, "'accross' is not a known word: did you mean 'across'?")
    ]


def test_prose_of_every_kind_is_checked(tmp_path):
    body = (
        FM
        + "# A begining\n\n"
        + "- the relevent list item\n\n"
        + "> a quoted metaphore\n\n"
        + "| head | cell |\n|---|---|\n| x | surprizingly |\n\n"
        + "[link text with a genuis]( https://example.com/x ) and ![alt whould](a.png)\n"
    )
    assert words(run(tmp_path, body)) == [
        "begining",
        "relevent",
        "metaphore",
        "surprizingly",
        "genuis",
        "whould",
    ]


def test_front_matter_values_shown_as_text_are_checked_keys_never(tmp_path):
    body = (
        "---\ntitle: The begining\ndescription: >-\n  a relevent\n  summary\n"
        "accross: value\nlayout: accross\nlang: en\n---\nText.\n"
    )
    assert run(tmp_path, body) == [
        (2, 12, "'begining' is not a known word: did you mean 'beginning'?"),
        (4, 5, "'relevent' is not a known word: did you mean 'relevant'?"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Run `accross` here.",  # code span
        "```\naccross\n```",  # fenced code block
        "    accross begining",  # indented code block
        "See https://example.com/accross and www.accross.org.",  # URLs
        "Mail me@accross.com today.",  # e-mail address
        "{{ page.accross }} and {% include accross.html %}",  # Liquid
        "{% raw %}accross begining{% endraw %} done.",  # raw
        '<span class="accross" title="begining">ok</span>',  # HTML attributes
        '<div class="x">\naccross\n</div>',  # HTML block
        "A paragraph.\n{: .accross #begining}",  # kramdown IAL
        "Open accross.md or docs/begining.png or /accross/x.",  # file names, paths
        "[text](accross.html) and [text][begining]\n\n[begining]: /x",  # destinations, labels
        "<!-- accross begining -->",  # HTML comment
    ],
)
def test_never_checked(tmp_path, text):
    assert run(tmp_path, FM + text + "\n") == []


def test_acronyms_inner_capitals_digits_and_underscores_are_not_words(tmp_path):
    assert run(tmp_path, FM + "TDD and GitHub and JavaScript and v2x and foo_bar.\n") == []


def test_language_comes_from_front_matter_config_or_option(tmp_path, site):
    page = "---\ntitle: T\n---\nWe come accross it.\n"
    assert run(tmp_path, page) == []  # no language said: default preset does not guess
    assert len(run(tmp_path, page, config="title: T\nlang: en-US\n")) == 1
    root = site({"page.md": page, ".lintkit.yml": "rules:\n  spelling:\n    language: en\n"})
    assert [f[3] for f in check(root, "page.md", select=["spelling"])[0]] == ["spelling"]


def test_other_languages_are_skipped_and_said_once(site):
    root = site(
        {
            "a.md": "---\ntitle: A\nlang: fr\n---\nNous avons accross.\n",
            "b.md": "---\ntitle: B\nlang: fr\n---\nAutre begining.\n",
            "c.md": FM + "An accross.\n",
        }
    )
    found, result = check(root, select=["spelling"])
    assert [(p, r) for p, _, _, r in found] == [("c.md", "spelling")]
    assert len(result.summary_notes) == 1
    assert result.summary_notes[0].endswith(
        "spelling: 2 pages not checked (fr): lintkit has English dictionaries only"
    )
    res = run_cli("check", str(root), "--select", "spelling", "--no-source")
    assert res.output.splitlines()[-1].startswith("Note: ")


def test_british_spellings_on_en_gb_and_en_not_on_en_us(tmp_path):
    body = "---\ntitle: T\n---\nThe colour of the centre, organised.\n"
    assert run(tmp_path, body, config="title: T\nlang: en-GB\n") == []
    assert run(tmp_path, body, config="title: T\nlang: en\n") == []
    us = run(tmp_path, body, config="title: T\nlang: en-US\n")
    assert words(us) == ["colour", "centre", "organised"]
    assert us[0][2] == "'colour' is not a known word: did you mean 'color'?"


# --------------------------------------------------------------- vocabulary
def test_words_file_case_rules(tmp_path):
    files = {".lintkit/words.txt": "# terms\nGitHub\nkata\n(?i)mobbing\nKat[aeo]s\n"}
    body = FM + "Use GitHub, Github, kata, Kata, KATA-x, MOBBING, Katos.\n"
    found = run(tmp_path, body, files)
    assert found == [
        (5, 13, "'Github' is not a known word: did you mean 'GitHub'?"),
    ]


def test_words_file_patterns_are_time_boxed_and_checked(tmp_path):
    slow = WordsFile(str(tmp_path / "w.txt"), ["(a+)+b", "Kat[aeo]s"])
    assert not slow.accepts("a" * 40 + "c")  # gives up instead of backtracking for ages
    assert slow.accepts("Katos") and not slow.accepts("katos")
    with pytest.raises(WordsFileError, match=r"w\.txt:1: '\(ab' is not a valid regular"):
        WordsFile(str(tmp_path / "w.txt"), ["(ab"])


def test_data_names_and_keys_are_vocabulary(tmp_path):
    files = {
        "_data/contributors.yml": "quandrant:\n  title: Jamesy Vertycal\n  url: http://x\n",
        "_data/themes.yml": "- name: ensembel_flow\n  title: Flow\n",
    }
    body = FM + "Ask quandrant about vertycal. Ensembel flows.\n"
    assert run(tmp_path, body, files) == []
    assert words(run(tmp_path, body)) == ["quandrant", "vertycal", "Ensembel"]


def test_other_pages_titles_are_vocabulary_but_not_their_own(tmp_path):
    other = "---\ntitle: The Ensembel kata\n---\nText.\n"
    body = FM + "Read the ensembel notes.\n"
    assert run(tmp_path, body, {"other.md": other}) == []
    own = "---\ntitle: Ensembel\nlang: en\n---\nText.\n"
    assert words(run(tmp_path, own)) == ["Ensembel"]
    # A misspelling codespell lists is reported whatever other titles say.
    other = "---\ntitle: The begining\n---\nText.\n"
    assert words(run(tmp_path, FM + "A begining.\n", {"other.md": other})) == ["begining"]


def test_a_word_on_many_pages_is_a_term_a_rare_one_a_typo(tmp_path):
    rare = FM + "The ensembel step.\n"
    assert words(run(tmp_path, rare)) == ["ensembel"]
    two = {"p0.md": "---\ntitle: P\n---\nOur ensembel.\n"}
    assert words(run(tmp_path, rare, two)) == ["ensembel"]  # 2 pages: still rare
    files = {f"p{i}.md": "---\ntitle: P\n---\nOur ensembel.\n" for i in range(2)}
    assert run(tmp_path, rare, files) == []  # on 3 pages: the site's own term
    once = {"p0.md": "---\ntitle: P\n---\nensembel, ensembel, ensembel.\n"}
    assert run(tmp_path, rare, once) == []  # written 4 times: a term too


def test_names_inside_a_sentence_are_not_checked(tmp_path):
    assert run(tmp_path, FM + "Ask Ensembel about it.\n") == []
    assert words(run(tmp_path, FM + "Ask it. Ensembel knows.\n")) == ["Ensembel"]


def test_unknown_words_without_a_typing_slip_nearby_are_not_reported(tmp_path):
    body = FM + "A stdinx and a microcontrollers and the datamember field.\n"
    assert run(tmp_path, body) == []


def test_words_longer_than_any_english_word_are_not_checked(tmp_path, monkeypatch):
    # The suggestions of a word cost the square of its length: a fuzzed page with
    # a 5,000-letter run took gigabytes. Such a run is not a word; 45 letters is.
    asked: list[int] = []
    edits1 = dictionary._edits1
    monkeypatch.setattr(dictionary, "_edits1", lambda w: asked.append(len(w)) or edits1(w))
    long = "aeiou" * 1000
    assert run(tmp_path, FM + f"A {long} and a {long[:46]}x.\n") == []
    assert asked == []
    assert words(run(tmp_path, FM + "It is accross the " + "ab" * 22 + "c road.\n")) == ["accross"]
    assert max(asked) == 45


# -------------------------------------------------------------- suggestions
def test_suggestions_nearest_first_then_site_usage_then_frequency(tmp_path):
    # should and would are one edit from whould; the site writes "should" more.
    others = {f"p{i}.md": "---\ntitle: P\n---\nIt should work.\n" for i in range(3)}
    found = run(tmp_path, FM + "It whould work.\n", others)
    assert found == [(5, 4, "'whould' is not a known word: did you mean 'should' or 'would'?")]
    alone = run(tmp_path, FM + "It whould work.\n")
    assert alone == [(5, 4, "'whould' is not a known word: did you mean 'would' or 'should'?")]
    # A doubled letter is a cheaper slip than a dropped one: Visually before Visual.
    found = run(tmp_path, FM + "Visualy capture it.\n")
    assert (
        found[0][2]
        == "'Visualy' is not a known word: did you mean 'Visually', 'Visual' or 'Visuals'?"
    )


def test_slip_classification():
    assert dictionary.slip("accross", "across") == (0.5, True)
    assert dictionary.slip("genuis", "genius") == (1.0, True)
    assert dictionary.slip("rebase", "debase") == (1.0, False)  # the first letter
    assert dictionary.slip("stdin", "stain") == (1.0, False)  # d and a: far apart
    assert dictionary.slip("abc", "xyz") is None
    assert dictionary.adjacent_keys("s", "w") and not dictionary.adjacent_keys("q", "p")


def test_language_tags():
    assert dictionary.normalize_language("en_GB") == "en-GB"
    assert dictionary.normalize_language("EN-us") == "en-US"
    assert dictionary.normalize_language("en") == "en"
    assert dictionary.normalize_language("fr-CA") == "other:fr-CA"
    assert dictionary.normalize_language(None) is None


# ------------------------------------------------------------ lintkit words
def test_words_lists_unknown_words_and_adds_them(site):
    root = site(
        {
            "a.md": FM + "The refactorng of kata code.\n",
            "b.md": FM + "A kata and a zorblax.\n",
        }
    )
    res = run_cli("words", str(root))
    assert res.exit_code == 0
    assert res.output == "   2  2  kata\n   1  1  refactorng\n   1  1  zorblax\n"
    res = run_cli("words", str(root), "--min-pages", "2", "--add")
    assert res.exit_code == 0
    assert (root / ".lintkit/words.txt").read_text() == "kata\n"
    assert "Added 1 word to " in res.output
    res = run_cli("words", str(root))
    assert res.output == "   1  1  refactorng\n   1  1  zorblax\n"


# ------------------------------------------------------------ word-list cache
def test_cache_is_named_by_the_lists_bytes_not_their_install_time(tmp_path):
    # Two environments that install the same lists (at different times) share
    # one cache; other lists get another name.
    sources = []
    for i, name in enumerate(("en.json.gz", "dictionary.txt", "gb.txt")):
        path = tmp_path / name
        path.write_bytes(b"word%d->fix\n" % i)
        sources.append(str(path))
    stamp = dictionary._stamp(sources)
    for path in sources:
        os.utime(path, (1_000_000, 1_000_000))
    assert dictionary._stamp(sources) == stamp
    (tmp_path / "gb.txt").write_bytes(b"word9->fix\n")  # same size, other bytes
    assert dictionary._stamp(sources) != stamp


def test_a_new_cache_keeps_other_environments_caches_for_a_month(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    young, old, other = folder / "en-7-1-a.cache", folder / "en-7-2-b.cache", folder / "notes"
    for path in (young, old, other):
        path.write_bytes(b"x")
    month_ago = time.time() - dictionary.STALE_SECONDS - 60
    os.utime(old, (month_ago, month_ago))
    os.utime(other, (month_ago, month_ago))
    new = folder / "en-7-3-c.cache"
    dictionary._write_cache(str(folder), str(new), b"data")
    assert new.read_bytes() == b"data"
    assert sorted(p.name for p in folder.iterdir()) == ["en-7-1-a.cache", "en-7-3-c.cache", "notes"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZq'\u2019 -1_\n.\u00e9\u00c9", max_size=40))
def test_site_word_count_splits_as_the_word_pattern(text):
    # Pages are counted by bytes.translate when they are ASCII, by the
    # pattern otherwise: the same words either way.
    expected = vocabulary._SCAN_WORD_RE.findall(text.lower())
    assert vocabulary._scan_words(text.encode("utf-8")) == expected
    ascii_only = text.encode("ascii", "ignore")
    assert vocabulary._scan_words(ascii_only) == vocabulary._SCAN_WORD_RE.findall(
        ascii_only.decode().lower()
    )


def test_british_forms_found_with_and_without_the_letter_check():
    forms = list(dictionary._american_forms("practised"))
    assert forms == ["practized", "practiced", "practized"]  # each rule alone, then all
    assert list(dictionary._american_forms("colourisation")) == ["colourization"] * 2
    assert list(dictionary._american_forms("colours")) == ["colors"] * 2
    assert list(dictionary._american_forms("table")) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9_'\u2019-\x01 \t\n.,é\x1c#", max_size=40))
def test_tokens_split_as_the_token_pattern(text):
    # ASCII visible text is split by bytes.translate, any other by the pattern.
    assert prose.split_tokens(text) == prose._TOKEN_RE.findall(text)
    ascii_only = text.encode("ascii", "ignore").decode()
    assert prose.split_tokens(ascii_only) == prose._TOKEN_RE.findall(ascii_only)
