"""link-reference: undefined references, unused and repeated definitions."""

from conftest import check

FM = "---\ntitle: t\n---\n"


def run(site, body):
    root = site({"page.md": FM + body})
    _, result = check(root, "page.md", select=["link-reference"])
    return [(f.line, f.column, f.severity, f.message) for f in result.findings]


def test_undefined_reference_and_suggestion(site):
    body = "Read the [kata catalogue][katas] and [this][].\n\n[kata]: /kata_descriptions/\n"
    assert run(site, body) == [
        (
            4,
            27,
            "error",
            "[kata catalogue][katas]: no definition [katas]: in this page, so it "
            "shows as plain text; did you mean [kata]?",
        ),
        (
            4,
            39,
            "error",
            "[this][]: no definition [this]: in this page, so it shows as plain "
            "text: add a line '[this]: URL' (after a blank line)",
        ),
        (
            6,
            1,
            "warning",
            "the definition [kata] is not used by any link: use it ([text][kata]) or remove it",
        ),
    ]


def test_labels_match_as_kramdown_matches_them(site):
    body = (
        "[A][Some  Label] [b][some\nlabel] [Some label] ![img][pic]\n\n"
        "[some label]: /x.html\n   [PIC]: </a b.png> 'title'\n"
    )
    assert run(site, body) == []


def test_shortcuts_checkboxes_code_and_comments_are_quiet(site):
    body = (
        "- [ ] task [x] done [not a ref] Cell[][] `[a][b]`\n\n"
        "```\n[a][missing]\n[unused]: /in/code\n```\n\n"
        "[//]: # (a comment, not a link)\n[comment]: <> (another)\n"
        "Footnote[^1].\n\n[^1]: A footnote, not a link definition.\n"
    )
    assert run(site, body) == []


def test_duplicate_definition_kramdown_uses_the_last(site):
    body = "[a][r]\n\n[r]: /one.html\n[r]: /two.html\n"
    assert run(site, body) == [
        (
            6,
            1,
            "warning",
            "[r] is defined again on line 7: kramdown (Jekyll) uses the last "
            "definition (/two.html), GitHub's preview the first (/one.html): "
            "keep one",
        ),
    ]


def test_a_definition_cannot_interrupt_a_paragraph(site):
    # kramdown reads "[r]: /x.html" as text of the paragraph, so [a][r] is undefined
    body = "Some text\n[r]: /x.html\n\n[a][r]\n"
    assert [(line, col) for line, col, _, _ in run(site, body)] == [(7, 5)]


def test_definition_with_blanks_in_the_url(site):
    body = "[a][r]\n\n[r]: /my page.html\n"
    assert run(site, body) == []
