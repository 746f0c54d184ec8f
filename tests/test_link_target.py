"""link-target: why a target is missing, said in the message, and the
assume-extension option."""

import pytest
from conftest import check, run_cli
from lintkit.rules import all_rules

from lintkit.rule import DOC_SECTIONS

FM = "---\ntitle: t\n---\n"
CONFIG = (
    "title: T\nexclude:\n  - drafts\ncollections:\n  guides:\n    output: true\n"
    "  notes:\n    output: false\n"
)
FILES = {
    "reference/index.md": FM,
    "reference/my_page.md": FM,
    "_guides/intro.md": FM,
    "_notes/n.md": FM,
    "drafts/d.md": FM,
    "assets/img/a.png": b"png",
    "_includes/x.html": "x",
    "Gemfile": 'gem "jekyll"\n',  # built by Jekyll 4, not GitHub Pages (no relative-links)
}


def message(site, dest, config=CONFIG):
    root = site({**FILES, "page.md": FM + f"[a]({dest})\n"}, config)
    _, result = check(root, "page.md", select=["link-target"])
    return [f.message for f in result.findings]


@pytest.mark.parametrize(
    "dest,expected",
    [
        (
            "/reference/my_page.md",
            "'/reference/my_page.md' links to the source of a page; the built "
            "site serves it at /reference/my_page.html: link to that, or write "
            "{% link reference/my_page.md %}",
        ),
        (
            "/_guides/intro.md",
            "'/_guides/intro.md' links to the source of a page; the built site "
            "serves it at /guides/intro.html: link to that, or write {% link _guides/intro.md %}",
        ),
        (
            "/guides/intro.md",
            "'/guides/intro.md' resolves to /guides/intro.md on the site, which the "
            "site does not serve: Jekyll writes /guides/intro.html from the Markdown source: write "
            "'/guides/intro.html'",
        ),
        (
            "/Reference/My_page.html",
            "'/Reference/My_page.html' resolves to /Reference/My_page.html "
            "on the site, which the site does not serve; /reference/my_page.html exists with different "
            "letter case (this works on macOS and Windows and 404s on the server): write "
            "'/reference/my_page.html'",
        ),
        (
            "/reference/my_page.html/",
            "'/reference/my_page.html/' resolves to "
            "/reference/my_page.html/ on the site, which the site does not serve: "
            "/reference/my_page.html is a file, not a folder: drop the trailing '/'",
        ),
        (
            "/assets/img/",
            "'/assets/img/' resolves to /assets/img/ on the site, which the site does "
            "not serve: the folder /assets/img/ has no index.html",
        ),
        (
            "/drafts/d.md",
            "'/drafts/d.md' points at drafts/d.md, which _config.yml excludes from the site",
        ),
        (
            "/_notes/n.md",
            "'/_notes/n.md' points at _notes/n.md, in the collection 'notes' that has "
            "no `output: true` in _config.yml, so it is never written",
        ),
        (
            "/_includes/x.html",
            "'/_includes/x.html' points at _includes/x.html, which Jekyll does not "
            "publish (files in folders starting with '_' or '.' are not copied)",
        ),
        (
            "../../up.html",
            "'../../up.html' points outside the site: from this page's folder / it "
            "climbs above the site root",
        ),
        (
            "/reference/my_pag.html",
            "'/reference/my_pag.html' resolves to /reference/my_pag.html on "
            "the site, which the site does not serve; did you mean /reference/my_page.html?",
        ),
    ],
)
def test_messages_say_why(site, dest, expected):
    assert message(site, dest) == [expected]


def test_extensionless_links_open_the_html_file_by_default(site):
    root = site(
        {**FILES, "page.md": FM + "[a](/reference/my_page) [b](/reference/nope)\n"},
        CONFIG,
    )
    found, _ = check(root, "page.md", select=["link-target"])
    assert found == [("page.md", 4, 29, "link-target")]


def test_assume_extension_false_is_the_strict_verdict(site):
    root = site(
        {
            **FILES,
            "page.md": FM + "[a](reference/my_page)\n",
            ".lintkit.yml": "rules:\n  link-target:\n    assume-extension: false\n",
        },
        CONFIG,
    )
    _, result = check(root, "page.md", select=["link-target"])
    assert [f.message for f in result.findings] == [
        "'reference/my_page' resolves to /reference/my_page from this page's "
        "URL /page.html, which the site does not serve as written: Jekyll writes "
        "/reference/my_page.html; GitHub Pages adds the .html, html-proofer and most servers do "
        "not: write 'reference/my_page.html' (or set the option assume-extension)"
    ]


def test_relative_links_plugin_accepts_source_links(site):
    config = CONFIG + "plugins:\n  - jekyll-relative-links\n"
    assert message(site, "/reference/my_page.md", config) == []


def test_every_rule_documents_itself_in_four_sections():
    for rid, rule in all_rules().items():
        positions = [rule.doc.find(section) for section in DOC_SECTIONS]
        assert all(p >= 0 for p in positions), rid
        assert positions == sorted(positions), rid


@pytest.mark.parametrize("rid", ["link-fragment", "link-reference", "link-target"])
def test_rule_command_prints_the_docs(rid):
    res = run_cli("rule", rid)
    assert res.exit_code == 0
    assert "## How to fix" in res.output and rid in res.output
