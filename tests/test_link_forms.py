"""Every way a link is written reaches link-target, with exact positions and
messages: inline, reference, HTML, autolink, baseurl/filters, the site's own
address, and destinations only kramdown reads."""

import pytest
from conftest import check

from lintkit.inline import scan_links

FM = "---\ntitle: t\n---\n"
CONFIG = "title: T\nurl: https://example.org\nbaseurl: /base\n"


def target_site(site, body, extra=None, config=CONFIG):
    files = {
        "reference/index.md": FM + "# Ref\n",
        "reference/x.md": FM + "# X\n",
        "assets/a.png": b"png",
        "page.md": FM + body,
    }
    files.update(extra or {})
    return site(files, config)


def findings(root, rule="link-target"):
    _found, result = check(root, "page.md")
    return [(f.line, f.column, f.message) for f in result.findings if f.rule == rule]


@pytest.mark.parametrize(
    "body,line,col",
    [
        ("[a](/base/reference/missing.html)\n", 4, 5),
        ("![i](/base/assets/b.png)\n", 4, 6),
        ('x <a href="/base/nope.html">y</a>\n', 4, 12),
        ("<div>\n  <img alt=\"\" src='/base/assets/c.png'>\n</div>\n", 5, 20),
        ("[a]({{ site.baseurl }}/reference/gone.html)\n", 4, 5),
        ("[a]({{ '/reference/gone.html' | relative_url }})\n", 4, 5),
        ("[a]({{ 'reference/gone.html' | absolute_url }})\n", 4, 5),
        ("[a](https://example.org/base/reference/gone.html)\n", 4, 5),
        ("<https://example.org/base/gone.html>\n", 4, 2),
        ("[a](reference/my page.md) kramdown reads blanks\n", 4, 5),
        ("[a](reference/\nsplit.html) and a line break\n", 4, 5),
        ("[text][r]\n\n[r]: /base/reference/none.html\n", 6, 6),
        ("[text] [r]\n\n[r]:   </base/reference/none two.html>\n", 6, 9),
    ],
)
def test_each_form_is_checked(site, body, line, col):
    assert [(l, c) for l, c, _ in findings(target_site(site, body))] == [(line, col)]


@pytest.mark.parametrize(
    "body",
    [
        "[a](/base/reference/x.html) [b](/base/reference/) [c](/base/reference)\n",
        "![i](/base/assets/a.png) [d](reference/x.html#anything)\n",
        "[a]({% link reference/x.md %}) [b]({{ site.baseurl }}/reference/x.html)\n",
        "[a]({{ '/reference/x.html' | relative_url }}) [b]({{ page.url }})\n",
        '<a href="https://example.org/base/reference/">own site</a> <https://other.org/x>\n',
        '`[a](/nope.html)` <!-- <a href="/nope.html"> --> <code><a href="/nope">x</a></code>\n',
        "```\n[a](/nope.html)\n```\n",
        "[a](mailto:me@example.org) [b](ftp://x/y) [c]({{ unknown.var }}/x.html)\n",
        "[a](?query) [b](#) [c]()\n",
    ],
)
def test_links_that_work_or_cannot_be_known_are_quiet(site, body):
    assert findings(target_site(site, body)) == []


def test_reference_link_is_reported_once_at_its_definition(site):
    body = '[one][r] and [two][R] and [r]\n\n[r]: /base/gone.html "Title"\n'
    assert findings(target_site(site, body)) == [
        (
            6,
            6,
            "'/base/gone.html' resolves to /gone.html on the site, which the site does not serve",
        )
    ]


def test_last_definition_wins_as_in_kramdown(site):
    body = "[a][r]\n\n[r]: /base/gone.html\n[r]: /base/reference/x.html\n"
    assert findings(target_site(site, body)) == []


def test_mailto_without_address(site):
    assert [(l, c) for l, c, _ in findings(target_site(site, "[mail](mailto:)\n"))] == [(4, 8)]


def test_relative_links_resolve_from_the_output_folder(site):
    root = site(
        {
            "_guides/deep/a.md": FM + "[up](../../reference/x.html) [same](b.html)\n",
            "_guides/deep/b.md": FM + "b\n",
            "reference/x.md": FM + "x\n",
        },
        "collections:\n  guides:\n    output: true\n    permalink: /g/:name/\n",
    )
    found, _ = check(root, "_guides/deep/a.md", select=["link-target"])
    # a is written to /g/a/index.html: ../../ climbs to the root; b is at /g/b/, not /g/a/b.html
    assert found == [("_guides/deep/a.md", 4, 37, "link-target")]


@pytest.mark.parametrize(
    "src,want",
    [
        ('[a](x.md "t")', [("x.md", "t", "commonmark")]),
        ("[a](x y.md)", [("x y.md", None, "kramdown")]),
        ("[a]( x.md )", [("x.md", None, "commonmark")]),
        ("[a](x\ny.md)", [("x\ny.md", None, "kramdown")]),
        ("[a](<x y.md> 't')", [("x y.md", "t", "commonmark")]),
        ("[a](a(b)c.md)", [("a(b)c.md", None, "commonmark")]),
        ("[a](x.md title)", [("x.md title", None, "kramdown")]),
        ('[a](x "t)', []),
        ("[^1] [a](", []),
        ("![i](p q.png)", [("p q.png", None, "kramdown")]),
    ],
)
def test_kramdown_inline_destinations(src, want):
    got = [(link.dest, link.title, link.syntax) for link in scan_links(src, set())]
    assert got == want


def test_kramdown_reference_forms():
    refs = {"r", "a b"}
    got = [
        (link.text, link.label, link.defined)
        for link in scan_links("[x][r] [y] [r] [A  B] [z][] [t][nope] [u] [nope2] [r]: no", refs)
    ]
    # as kramdown 2.4 renders it: "[y] [r]" is the text y with the label r; "[A  B] [z]" is
    # the text "A  B" with the undefined label z (plain text, and not reported: a blank
    # separates them); "[z][]" and "[t][nope]" are undefined references; "[nope2] [r]"
    # links nope2 to r (the ":" after it does not matter inside a paragraph)
    assert got == [
        ("x", "r", True),
        ("y", "r", True),
        ("z", "z", False),
        ("t", "nope", False),
        ("nope2", "r", True),
    ]


@pytest.mark.parametrize(
    "body",
    [
        '[a](http://[::1) [b](https://[bad/x#y) <a href="//[">c</a> [d](%zz) [e](%E0%A4%A)\n',
        "[a](/%00x) [b](\u200b) [c](#%) [d](/x#%zz) [e](mailto:?subject=x) [f](/"
        + "../" * 50
        + ")\n",
        "[a]({% link %}) [b]({{ }}) [c]({{ page. }}) [d]({% link {{ page.x }} %}#) [e]({{ '/' | }})\n",
        "[x][y]\n\n[y]: <>\n[z]: \n[ ]: x\n",
        "[a](" * 3000 + "\n",
        '[a](x "' * 3000 + "\n",
    ],
    ids=["bad-hosts", "odd-paths", "odd-liquid", "odd-definitions", "open-parens", "open-titles"],
)
def test_strange_links_give_findings_not_tracebacks(site, body):
    root = target_site(site, body)
    _, result = check(root, "page.md")
    assert result.errors == []
