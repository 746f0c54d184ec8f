"""link-tag: link tags whose path comes from front matter, directly or through a loop."""

from conftest import check

FM = "---\ntitle: t\n---\n"
CONFIG = "title: T\ncollections:\n  events:\n    output: true\n"


def run(site, files):
    root = site({"reference/x.md": FM + "x\n", **files}, CONFIG)
    _, result = check(root, "page.md", select=["link-tag"])
    return [(f.line, f.column, f.severity, f.message) for f in result.findings]


def event(name, **keys):
    lines = "".join(f"{k}: {v}\n" for k, v in keys.items())
    return {f"_events/{name}.md": f"---\ntitle: {name}\n{lines}---\n"}


LOOP = (
    "---\ntitle: t\n---\n{% for e in site.events %}\n"
    '{% if e.featured %}<a href="{% link {{ e.details }} %}">x</a>{% endif %}\n'
    "[more]({% link {{ e.details }} %})\n{% endfor %}\n"
)


def test_page_variable(site):
    good = "---\ntitle: t\ndetails: reference/x.md\n---\n[a]({% link {{ page.details }} %})\n"
    assert run(site, {"page.md": good}) == []
    bad = "---\ntitle: t\ndetails: reference/y.md\n---\n[a]({% link {{ page.details }} %})\n"
    assert run(site, {"page.md": bad}) == [
        (
            5,
            5,
            "error",
            "{% link {{ page.details }} %}: page.details is 'reference/y.md': no "
            "page or file 'reference/y.md' in the site; did you mean "
            "'reference/x.md'?",
        )
    ]
    unset = FM + "[a]({% link {{ page.details }} %})\n"
    assert run(site, {"page.md": unset}) == [
        (
            4,
            5,
            "error",
            "{% link {{ page.details }} %}: page.details is not set in this page's "
            "front matter, so Jekyll stops the build: add 'details:' with the path "
            "of a page",
        )
    ]


def test_loop_over_a_collection(site):
    files = {
        "page.md": LOOP,
        **event("a", details="reference/x.md", featured="true"),
        **event("b", details="reference/X.md"),
        **event("c"),
    }
    assert run(site, files) == [
        (
            6,
            8,
            "error",
            "{% link {{ e.details }} %}: e.details of _events/b.md is "
            "'reference/X.md': no page 'reference/X.md', but 'reference/x.md' "
            "exists: link paths are case-sensitive (this works on macOS and Windows "
            "and fails on the server); write 'reference/x.md'",
        ),
        (
            6,
            8,
            "error",
            "{% link {{ e.details }} %}: e.details of _events/c.md is not set, so "
            "Jekyll stops the build here: add 'details:' to the front matter of "
            "_events/c.md",
        ),
    ]


def test_if_guard_skips_documents(site):
    # only featured events reach the first tag: b and c are not featured
    files = {
        "page.md": LOOP.replace("[more]({% link {{ e.details }} %})\n", ""),
        **event("a", details="reference/x.md", featured="true"),
        **event("b", details="nowhere.md"),
        **event("c"),
    }
    assert run(site, files) == []


def test_unknown_variables_stay_info(site):
    files = {
        "page.md": FM + "{% assign p = 'reference/x.md' %}[a]({% link {{ p }} %})\n"
        "{% for e in site.data.items %}{% link {{ e.path }} %}{% endfor %}\n"
    }
    assert [(line, sev) for line, _, sev, _ in run(site, files)] == [(4, "info"), (5, "info")]


def test_unpublished_and_future_targets(site):
    files = {
        "page.md": FM + "[a]({% link hidden.md %}) [b]({% link _events/later.md %})\n",
        "hidden.md": "---\ntitle: h\npublished: false\n---\n",
        **event("later", date="2999-01-01"),
    }
    assert run(site, files) == [
        (
            4,
            5,
            "error",
            "{% link hidden.md %}: 'hidden.md' is not published (published: false, "
            "or a document dated in the future), so Jekyll writes no page for it to "
            "link to",
        ),
        (
            4,
            31,
            "error",
            "{% link _events/later.md %}: '_events/later.md' is not published "
            "(published: false, or a document dated in the future), so Jekyll "
            "writes no page for it to link to",
        ),
    ]
