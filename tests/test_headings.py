"""lintkit.headings against ids pinned from Debian's ruby-kramdown 2.4.0 + kramdown-parser-gfm 1.1.0
with Jekyll 4.3's kramdown options (input GFM, auto_ids, smart quotes, hard_wrap false).

The expected values were produced once by kramdown itself (tools/kramdown_ids.py runs the
same comparison on a whole site); they are literals here so the tests need no ruby.
"""

import pytest

from lintkit.headings import (
    HeadingIds,
    document_heading_ids,
    heading_id,
    heading_text,
    scan_headings,
    slugify,
    split_heading,
)

# (heading source text after "# ", id kramdown gives it as the only heading of a document in
# which [r1] and [^1] are defined)
SINGLE = [
    ("Hello World", "hello-world"),
    ("Use `git` -- fast & [links](http://x) *em*", "use-git--fast--links-em"),
    ('Don\'t "quote" ...', "dont-quote-"),
    ("a--b a---b a----b a - b", "ab-ab-a-b-a---b"),
    ("Wait... what?", "wait-what"),
    ("a << b >> c", "a-b-c"),  # '<< ' and ' >>' take the blank with them
    ("123", "123"),
    ("2024", "2024"),
    ("!!!", ""),
    ("Ünïcödé Straße ÉCOLE", "ünïcödé-straße-école"),
    ("日本語 見出し", "日本語-見出し"),
    ("Ελληνικά ΟΔΟΣ", "ελληνικά-οδοσ"),  # Ruby's downcase: no final sigma
    ("naïve café ½ x² ①", "naïve-café--x-"),  # No (½ ² ①) is not \\p{Word}
    ("a\tb  c", "a-b--c"),
    ("snake_case_name and _under_ and __bold__", "snake_case_name-and-under-and-bold"),
    ("**Bold** and *em* and ~~strike~~", "bold-and-em-and-strike"),
    ("\\_esc\\_ and \\-dash and \\*star\\*", "_esc_-and--dash-and-star"),
    ("&eacute;t&eacute; &amp; &lt;tag&gt; &nbsp;x &#233; &#x41; &copy;", "été--tag-x-é-a-"),
    ("&bogus; entity", "bogus-entity"),
    ("<http://example.com/a> autolink", "httpexamplecoma-autolink"),
    ("![image alt](x.png) image", "-image"),
    ("[![alt](y.png) linked image](z)", "-linked-image"),
    ('<span class="x">Span *text*</span> <br> <!-- comment -->', "span-text--"),
    ("<code>a -- b</code> raw code", "a----b-raw-code"),
    ("<kbd>Ctrl</kbd>+<kbd>C</kbd>", "ctrlc"),
    ("[ref link][r1] and [undefined][nope]", "ref-link-and-undefinednope"),
    ("Footnote[^1]", "footnote"),
    ("`` double `tick` `` code", "double-tick-code"),
    ("`a_b` and `--flag`", "a_b-and---flag"),
    ("C# and F# ##", "c-and-f"),
    ("Title ###", "title"),
    ("Trailing no space###", "trailing-no-space"),
    ("Foo {#custom-id}", "custom-id"),
    ("Foo {#custom-id} ##", "foo-custom-id"),  # the id must end the line
    ("Foo{#nospace}", "foonospace"),
    ("Foo {#1abc}", "foo-1abc"),
    ("Q&A: what's new?", "qa-whats-new"),
    ("Step 1: Install (optional)", "step-1-install-optional"),
    ("100% ready / 50% done", "100-ready--50-done"),
    ("email me@example.com", "email-meexamplecom"),
    ("$$x^2$$ math", "x2-math"),
    ("Über-cool -- really", "über-cool--really"),
    ("Ⓐ circled", "ⓐ-circled"),  # but circled letters are Alphabetic
    ("e\u0301 combining", "e\u0301-combining"),  # a combining mark is a word character
    ("\u0130stanbul", "i\u0307stanbul"),  # full lower-casing: I-dot becomes i + U+0307
    ("Mixed_Case-ID", "mixed_case-id"),
    (" leading space", "leading-space"),
    ("what about {{ liquid }}", "what-about--liquid-"),
]


@pytest.mark.parametrize("text, expected", SINGLE)
def test_heading_id_matches_kramdown(text, expected):
    assert heading_id(text, link_refs=["r1"], footnotes=["1"]) == expected


def test_undefined_references_keep_their_brackets_as_text():
    assert heading_id("[a][b]", link_refs=[]) == "ab"
    assert heading_id("[a][b]", link_refs=["B"]) == "a"  # reference ids are case-insensitive
    assert heading_id("[a][b]") == "a"  # unknown definitions: taken as defined
    assert heading_id("note[^x]", footnotes=[]) == "notex"


def test_split_heading():
    assert split_heading("Title ##") == ("Title", None)
    assert split_heading("Title {#t}") == ("Title", "t")
    assert split_heading("Title {#t} #") == ("Title {#t}", None)
    assert split_heading("C#") == ("C#", None)
    assert split_heading("Title ##", atx=False) == ("Title ##", None)


def test_heading_text_and_slugify():
    assert heading_text("Use `a -- b` -- [x](http://y)") == "Use a -- b \u2013 x"
    assert slugify("A\tB  C\u2013D") == "a-b--cd"
    assert slugify("\u039f\u0394\u039f\u03a3") == "\u03bf\u03b4\u03bf\u03c3"  # no final sigma


def test_heading_ids_numbering_like_kramdown():
    ids = HeadingIds()
    got = [
        ids.add(t) for t in ["Intro", "Intro", "intro-1", "Intro", "!!!", "???", "X {#intro}", "Y"]
    ]
    assert got == ["intro", "intro-1", "intro-1", "intro-2", "", "-1", "intro", "y"]
    assert ids.add("Z", explicit_id="ial") == "ial"
    assert "intro-2" in ids


def test_heading_ids_in_html_use_the_converter_scheme():
    ids = HeadingIds()
    assert ids.add("In div", in_html=True) == "in-div"
    assert ids.add("In div", in_html=True) == "in-div-1"
    assert ids.add("In div") == "in-div"  # separate counters: a duplicate id in the page
    assert ids.add("123 Caf\u00e9", in_html=True) == "caf"
    assert ids.add("!!!", in_html=True) == "section"


def test_auto_ids_off():
    ids = HeadingIds(auto_ids=False)
    assert ids.add("Foo") == ""
    assert ids.add("Foo {#x}") == "x"


# (name, document body, [(line, id)] as kramdown reports them)
DOCUMENTS = [
    (
        "duplicates",
        "# Intro\n\n## Intro\n\n### Intro\n\n# intro-1\n\n# Intro\n",
        [(1, "intro"), (3, "intro-1"), (5, "intro-2"), (7, "intro-1"), (9, "intro-3")],
    ),
    (
        "empty_ids",
        "# !!!\n\n# ???\n\n# ...\n\n# 123\n\n# 123\n",
        [(1, ""), (3, "-1"), (5, "-2"), (7, "123"), (9, "123-1")],
    ),
    (
        "explicit_collides",
        "# Foo {#bar}\n\n# Bar\n\n# Bar\n\n# Baz\n{: #bar}\n",
        [(1, "bar"), (3, "bar"), (5, "bar-1"), (7, "bar")],
    ),
    (
        "ial",
        "# After\n{: #after-id}\n\n{: #before-id}\n# Before\n\n{: #lost}\n\n# Blank between\n\n# Class only\n{: .cls}\n\n# Two IALs\n{: #first}\n{: #second}\n",
        [(1, "after-id"), (5, "before-id"), (9, "lost"), (11, "class-only"), (14, "second")],
    ),
    (
        "setext",
        "Title\n=====\n\nSub *title*\n---\n\nparagraph\nNot a title\n---\n",
        [(1, "title"), (4, "sub-title")],
    ),
    (
        "code_skipped",
        "```\n# not a heading\n```\n\n~~~ruby\n# not either\n~~~\n\n    # indented code\n\n# Real\n",
        [(11, "real")],
    ),
    (
        "containers",
        "> # In quote\n\n- # In list\n\n1. item\n\n   ## Nested in item\n",
        [(1, "in-quote"), (3, "in-list"), (7, "nested-in-item")],
    ),
    (
        "html",
        '<div>\n# Raw HTML, no heading\n</div>\n\n<div markdown="1">\n# In div\n\n# In div\n</div>\n\n# In div\n',
        [(6, "in-div"), (8, "in-div-1"), (11, "in-div")],
    ),
    (
        "atx_rules",
        "#No space\n\n####### seven\n\n# Head #\n\n#\tTab\n\n   # indented three\n",
        [(5, "head"), (7, "tab")],
    ),
    ("front_of_para", "para line\n# Heading interrupts\nmore\n", [(2, "heading-interrupts")]),
]


@pytest.mark.parametrize("name, body, expected", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_document_heading_ids_match_kramdown(name, body, expected):
    assert [(h.line, i) for h, i in document_heading_ids(body)] == expected


def test_scan_headings_fields():
    body = 'Title\n=====\n\n## Sub {#s} ##\n{: #ial}\n\n<div markdown="1">\n# In\n</div>\n'
    heads = scan_headings(body)
    assert [(h.line, h.level, h.source, h.atx, h.ial_id, h.in_html) for h in heads] == [
        (1, 1, "Title", False, None, False),
        (4, 2, "Sub {#s} ##", True, "ial", False),
        (8, 1, "In", True, None, True),
    ]


def test_document_uses_its_own_link_definitions():
    body = "# [a][b]\n\n# [c][d]\n\n[b]: http://x\n"
    assert [i for _h, i in document_heading_ids(body)] == ["a", "cd"]


def test_unclosed_html_block_hides_the_rest():
    body = "<div>\n\n# Hidden\n"
    assert document_heading_ids(body) == []


def test_lines_of_text_skip_the_block_parsers_they_cannot_start(monkeypatch):
    """A line starting with a letter (or any character that starts no block)
    is tried only as a setext heading, a table or a paragraph: the ids are
    those of trying every block parser on every line."""
    import random

    from lintkit import headings

    starts = [
        "Title\n===\n", "Sub\n---\n", "a | b\n|---|---|\n", "Para text\n", "Ж слово\n",
        "ü word\n", "# H\n", "## H2 {#own}\n", "* item\n", "- item\n", "+ item\n",
        "1. x\n", ": def\n", '<div markdown="1">\n', "</div>\n", "<!-- c -->\n",
        "{: #id}\n", "{:.cls}\n", '{::options auto_ids="false" /}\n', "{:ref: #x}\n",
        "[ref]: /x\n", "*[HTML]: Hyper\n", "^\n", "$$x$$\n", "    code\n", "\tcode\n",
        "```\n", "~~~\n", "> q\n", "***\n", "_ _ _\n", "  indented para\n", "\n",
        "[^1]: note\n", "\\$ escaped\n", "|a|b|\n", "x|y\n", "Word # not\n",
    ]  # fmt: skip
    rnd = random.Random(16)
    bodies = ["".join(rnd.choice(starts) for _ in range(14)) for _ in range(400)]

    def ids():
        return [
            [(h.line, h.level, h.source, h.ial_id, i) for h, i in document_heading_ids(b)]
            for b in bodies
        ]

    gated = ids()

    class Every:
        def __contains__(self, c):
            return True

    monkeypatch.setattr(headings, "_BLOCK_START_CHARS", Every())
    assert ids() == gated
    assert sum(map(len, gated)) > 200  # the bodies do hold headings
