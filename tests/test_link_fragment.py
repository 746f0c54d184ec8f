"""link-fragment: fragments name ids that exist, as kramdown and the layouts write them."""

import pytest
from conftest import check

from lintkit import anchors

FM = "---\ntitle: t\n---\n"
TARGET = (
    FM
    + """\
# Reference Page

## Rules of the Game

## Rules of the Game

## Custom heading {#my-id}

Para with an <a id="html-anchor"></a> and <span name="named">x</span>.

Para with an IAL.
{: #para-id}

Footnote[^note].

[^note]: The note.

## {{ page.title }} details

{% assign n = 7 %}
## Step {{ n }} of many

## Part {{ include.n }} {{ page.nothing }} end

```
<a id="in-code"></a>
```
"""
)


def make(site, body, extra=None):
    files = {
        "reference/index.md": TARGET,
        "reference/plain.html": '<p id="static-id">x</p>\n',
        "assets/doc.pdf": b"%PDF",
        "_layouts/default.html": '<nav id="site-nav"></nav>\n',
        "page.md": FM + body,
    }
    files.update(extra or {})
    return site(files)


def results(root):
    _, result = check(root, "page.md", select=["link-fragment"])
    return [(f.line, f.column, f.message) for f in result.findings]


@pytest.mark.parametrize(
    "fragment",
    [
        "rules-of-the-game",
        "rules-of-the-game-1",
        "my-id",
        "html-anchor",
        "named",
        "para-id",
        "fn:note",
        "fnref:note",
        "t-details",
        "step-7-of-many",
        "part---end",
        "site-nav",
        "top",
        "reference-page",
        "rules%2Dof-the-game",
    ],
)
def test_existing_ids(site, fragment):
    root = make(
        site, f"[a](/reference/#{fragment}) [b]({{% link reference/index.md %}}#{fragment})\n"
    )
    assert results(root) == []


@pytest.mark.parametrize(
    "fragment",
    [
        "rules-of-the-game-2",
        "custom-heading",
        "in-code",
        "Rules-of-the-Game",
        "details",
        "step--of-many-x",
        "part-end",
    ],
)
def test_missing_ids(site, fragment):
    root = make(site, f"[a]({{% link reference/index.md %}}#{fragment})\n")
    assert [(line, col) for line, col, _ in results(root)] == [(4, 5)]


def test_messages(site):
    root = make(
        site,
        "[a](/reference/#Rules-of-the-Game)\n"
        "[b](/reference/index.html#rules)\n"
        "[c](#nowhere)\n"
        "[d](/reference/#)\n"
        '<a href="/assets/doc.pdf#page=2">pdf</a>\n'
        "[e](/reference/plain.html#static-id) [f](/reference/plain.html#other)\n",
    )
    assert results(root) == [
        (
            4,
            5,
            "'#Rules-of-the-Game' is not an id on /reference/index.html (from "
            "reference/index.md), but '#rules-of-the-game' is: ids are case-sensitive "
            "(heading ids are lower case): write '#rules-of-the-game'",
        ),
        (
            5,
            5,
            "'#rules' is not an id on /reference/index.html (from reference/index.md); did "
            "you mean '#rules-of-the-game'?",
        ),
        (
            6,
            5,
            "'#nowhere' is not an id on this page; link to one of its headings' ids, or add "
            "{#nowhere} to a heading",
        ),
        (
            7,
            5,
            "'/reference/#' ends with an empty fragment '#': drop the '#' (html-proofer "
            "reports it as a missing id)",
        ),
        (
            8,
            10,
            "'#page=2': /assets/doc.pdf is not an HTML page, so it has no ids to jump to "
            "(html-proofer reports this link): drop the fragment",
        ),
        (
            9,
            42,
            "'#other' is not an id on /reference/plain.html (from reference/plain.html); "
            "link to one of its headings' ids, or add {#other} to a heading",
        ),
    ]


def test_same_page_ids_and_quiet_cases(site):
    body = (
        "# Intro\n\n## Intro\n\n[a](#intro) [b](#intro-1) [c](#) [d](#top)\n"
        "![img](/assets/doc.pdf#page=2) [missing page](/gone.html#x) [liquid]({{ x }}#y)\n"
        "[ref][r]\n\n[r]: #intro-2\n"
    )
    root = make(site, body)
    assert [(line, col) for line, col, _ in results(root)] == [(12, 6)]


def test_files_without_front_matter_are_not_checked(site):
    root = make(site, "", {"page.md": "[a](#nowhere)\n", "Gemfile": 'gem "jekyll"\n'})
    assert results(root) == []


def test_other_documents_are_parsed_once_and_only_when_needed(site, monkeypatch):
    calls = []
    real = anchors.of_dest

    def counting(s, dest):
        calls.append(dest)
        return real(s, dest)

    monkeypatch.setattr(anchors, "of_dest", counting)
    files = {
        f"p{i}.md": FM + "[a](/reference/#rules-of-the-game) [b](/reference/#nope)\n"
        "[c](/reference/plain.html)\n"
        for i in range(5)
    }
    root = make(site, "no fragments\n", files)
    found, _ = check(root, select=["link-fragment"])
    assert len(found) == 5
    assert calls == ["reference/index.html"]
