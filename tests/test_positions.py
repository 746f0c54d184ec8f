"""Every finding's line and column is right: inside nested lists, block quotes,
after front matter, in CRLF files and after multi-line Liquid tags."""

from __future__ import annotations

from conftest import check

PAGE = "---\nlayout: default\ntitle: T\n---\n"


def col(line: str, needle: str) -> int:
    """1-based column of ``needle`` in ``line`` (computed independently of lintkit)."""
    return line.index(needle) + 1


def test_link_tag_positions_in_containers(site):
    body = (
        "Intro line.\n"  # 5
        "\n"  # 6
        "- item\n"  # 7
        "  - nested [a]({% link nope1.md %})\n"  # 8  col 18
        "    1. deeper\n"  # 9
        "       text [b]({% link nope2.md %})\n"  # 10 col 24
        "\n"  # 11
        "> quote\n"  # 12
        "> > inner [c]({% link nope3.md %})\n"  # 13 col 16
        "\n"  # 14
        "```\n"  # 15
        "{% link nope4.md %}\n"  # 16 col 1 (Liquid runs before Markdown)
        "```\n"  # 17
    )
    root = site({"index.md": PAGE + body})
    findings, _ = check(root)
    assert findings == [
        ("index.md", 8, col("  - nested [a]({% link nope1.md %})", "{%"), "link-tag"),
        ("index.md", 10, col("       text [b]({% link nope2.md %})", "{%"), "link-tag"),
        ("index.md", 13, col("> > inner [c]({% link nope3.md %})", "{%"), "link-tag"),
        ("index.md", 16, 1, "link-tag"),
    ]


def test_link_target_positions_in_containers(site):
    body = (
        "1. one\n"  # 5
        "2. two [x](missing-a.html)\n"  # 6 dest col 12
        "   continued [y](missing-b.html)\n"  # 7 dest col 18
        "\n"  # 8
        "> - [z](/missing-c.html)\n"  # 9 dest col 10
        "\n"  # 10
        "Text `[not](a-link.html)` and ![i](img/missing.png)\n"  # 11 dest col 36
    )
    root = site({"page.md": PAGE + body})
    findings, _ = check(root)
    assert findings == [
        ("page.md", 6, col("2. two [x](missing-a.html)", "missing"), "link-target"),
        ("page.md", 7, col("   continued [y](missing-b.html)", "missing"), "link-target"),
        ("page.md", 9, col("> - [z](/missing-c.html)", "/missing"), "link-target"),
        (
            "page.md",
            11,
            col("Text `[not](a-link.html)` and ![i](img/missing.png)", "img/"),
            "link-target",
        ),
    ]


def test_crlf_and_bom(site):
    text = "\ufeff---\r\nlayout: default\r\ntitle: T\r\n---\r\n\r\nLine [a]({% link gone.md %})\r\n"
    root = site({"page.md": text.encode("utf-8")})
    findings, _ = check(root)
    assert findings == [("page.md", 6, col("Line [a]({% link gone.md %})", "{%"), "link-tag")]


def test_after_multiline_liquid_tag(site):
    body = (
        "{% assign x =\n"  # 5
        "   'value'\n"  # 6
        "%}\n"  # 7
        "{% comment %}\n"  # 8
        "[ignored]({% link gone0.md %})\n"  # 9 not evaluated
        "{% endcomment %}\n"  # 10
        "{% raw %}{% link gone1.md %}{% endraw %}\n"  # 11 literal
        "After [a]({% link gone2.md %}) and\n"  # 12 col 11
        "[b]({%\n"  # 13
        "  link gone3.md\n"  # 14
        "%})\n"  # 15
    )
    root = site({"page.md": PAGE + body})
    findings, _ = check(root)
    assert findings == [
        ("page.md", 12, col("After [a]({% link gone2.md %}) and", "{%"), "link-tag"),
        ("page.md", 13, col("[b]({%", "{%"), "link-tag"),
    ]


def test_lines_after_front_matter_and_in_setext_headings(site):
    body = (
        "Heading [h](nowhere.html)\n"  # 5 dest col 13
        "=======\n"  # 6
        "\n"
        "    [code](indented.html)\n"  # 8 code block: no finding
    )
    root = site({"page.md": PAGE + body})
    findings, _ = check(root)
    assert findings == [("page.md", 5, col("Heading [h](nowhere.html)", "nowhere"), "link-target")]
