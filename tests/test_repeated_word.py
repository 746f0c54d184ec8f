"""repeated-word: the same word twice in a row, across a line break too."""

from __future__ import annotations

from conftest import check, write_site

from lintkit.fix import apply

FM = "---\ntitle: Notes\n---\n"


def run(tmp_path, body, options=""):
    files = {"page.md": FM + body}
    if options:
        files[".lintkit.yml"] = "rules:\n  repeated-word:\n" + options
    root = write_site(tmp_path / f"s{len(list(tmp_path.iterdir()))}", files)
    _, result = check(root, "page.md", select=["repeated-word"])
    text = (root / "page.md").read_bytes()
    return [
        (f.line, f.column, f.message, apply(text, [f.fix]).data.decode()[len(FM) :])
        for f in result.findings
    ]


def test_on_one_line_with_a_fix(tmp_path):
    assert run(tmp_path, "Pick the the kata.\n") == [
        (4, 10, "'the' is written twice in a row: delete one", "Pick the kata.\n")
    ]


def test_across_a_line_break_any_case_and_in_a_quote(tmp_path):
    body = "Pick the\nThe kata.\n\n> a quote quote\n> to\n> to me\n"
    assert run(tmp_path, body) == [
        (5, 1, "'The' is written twice in a row: delete one", body.replace("\nThe", "", 1)),
        (7, 11, "'quote' is written twice in a row: delete one", body.replace(" quote", "", 1)),
        (9, 3, "'to' is written twice in a row: delete one", body.replace("\n> to", "", 1)),
    ]


def test_not_across_blocks_code_or_markup(tmp_path):
    body = (
        "# Setup\nSetup the board.\n\n"  # a heading and its paragraph
        "- item\n- item\n\n"  # two list items
        "Run `the` the command, the *the* the.\n\n"  # code span, emphasis
        "An add-on on the side, 5 5 times.\n"
    )
    assert run(tmp_path, body) == []


def test_allowed_words(tmp_path):
    assert run(tmp_path, "I know that that works and had had enough.\n") == []
    assert run(tmp_path, "Very very good.\n", '    allow: ["very"]\n') == []


def test_possessive_pattern_reports_what_the_backtracking_one_did():
    """The rule's pattern never gives letters or blanks back (for speed); the
    matches it reports are exactly those of the plain pattern it replaced,
    whose extra matches (a word glued to its twin, "haha") were never
    reported and never hid a later match."""
    import random
    import re

    from lintkit.rules import repeated_word

    plain = re.compile(
        r"(?<![\w\u2019'-])([^\W\d_]+)([ \t>]*\n?[ \t>]*)(\1)(?![\w\u2019'-])", re.IGNORECASE
    )

    def reported(rx, s):
        return [(m.span(), m.group(1), m.group(2)) for m in rx.finditer(s) if m.group(2)]

    rnd = random.Random(16)
    words = ["a", "A", "ab", "abab", "ha", "haha", "The", "the", "é", "éé", "x1", "don't"]
    words += ["re-do", "\x01the", "the\x01"]
    seps = [" ", "  ", "\n", " \n ", "\n\n", "> ", "\n> ", "\t", "", "-", "'", ".", " >\n>"]
    alphabet = "aAb \t>\n\x01'-\u2019_1é"
    cases = ["haha ha", "ha haha", "the the", "The\nthe", "the\n\nthe", "abab ab ab"]
    for _ in range(3000):
        cases.append("".join(rnd.choice(words) + rnd.choice(seps) for _ in range(5)))
        cases.append("".join(rnd.choice(alphabet) for _ in range(16)))
    found = 0
    for s in cases:
        want = reported(plain, s)
        assert reported(repeated_word._REPEAT_RE, s) == want, repr(s)
        found += bool(want)
    assert found > 400  # many cases do hold repeated words


def test_a_word_glued_to_its_twin_is_not_reported(tmp_path):
    assert run(tmp_path, "Haha ha, bonbon bon.\n") == []
    assert [r[:2] for r in run(tmp_path, "haha haha\n")] == [(4, 6)]
