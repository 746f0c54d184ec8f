"""Output URLs and files exactly as Jekyll 4.3 writes them.

Every expected value below was checked once against Debian's jekyll 4.3.1 (a
``post_write`` hook listing ``url`` and ``destination`` of every page,
document and static file of the same fixture), so the tests need no ruby.
"""

import os

import pytest
from conftest import write_site

from lintkit.permalinks import add_permalink_suffix, defaults_for, slugify
from lintkit.site import Site

FM = "---\ntitle: t\n---\nbody\n"


def fm(**keys):
    lines = "".join(f"{k}: {v}\n" for k, v in keys.items())
    return f"---\ntitle: t\n{lines}---\nbody\n"


BASE_FILES = {
    "index.md": FM,
    "about.md": FM,
    "reference/index.md": FM,
    "reference/my_page.md": FM,
    "reference/raw.html": "<p>no front matter</p>\n",
    "reference/page.html": FM,
    "assets/app.scss": "---\n---\nbody { color: red; }\n",
    "assets/img/logo.png": b"\x89PNG\r\n",
    "feed.json": FM,
    "perma.md": fm(permalink="/custom/place/"),
    "perma_ext.md": fm(permalink="/p/:basename:output_ext"),
    "perma_noext.md": fm(permalink="/noext"),
    "hidden.md": fm(published="false"),
    "defaulted/one.md": FM,
    "_events/my_event.md": FM,
    "_events/Odd_Name.md": fm(slug="Special_Slug"),
    "_events/sub/deep_item.md": FM,
    "_events/flyer.pdf": b"%PDF-1.4\n",
    "_notes/a.md": FM,
    "_guides/intro.md": FM,
    "_guides/nested/part_two.md": FM,
    "_future/later.md": fm(date="2999-01-01"),
    "_future/past.md": fm(date="2001-01-01"),
    "_posts/2024-03-05-hello-world.md": fm(categories="news Tech"),
    "_posts/travel/2023-12-31-last_day.md": FM,
}
BASE_CONFIG = """\
title: T
collections:
  events:
    output: true
    permalink: /society/events/:name:output_ext
  notes:
    output: false
  guides:
    output: true
  future:
    output: true
defaults:
  - scope:
      path: "defaulted"
    values:
      permalink: /from-defaults/:basename/
  - scope:
      path: ""
      type: guides
    values:
      permalink: /g/:title:output_ext
  - scope:
      path: "_guides/nested"
      type: guides
    values:
      permalink: /nested/:name/
"""

# source -> (url, output file), as Jekyll 4.3.1 wrote them (None: not written)
EXPECTED = {
    "index.md": ("/", "index.html"),
    "about.md": ("/about.html", "about.html"),
    "reference/index.md": ("/reference/", "reference/index.html"),
    "reference/my_page.md": ("/reference/my_page.html", "reference/my_page.html"),
    "reference/raw.html": ("/reference/raw.html", "reference/raw.html"),
    "reference/page.html": ("/reference/page.html", "reference/page.html"),
    "assets/app.scss": ("/assets/app.css", "assets/app.css"),
    "assets/img/logo.png": ("/assets/img/logo.png", "assets/img/logo.png"),
    "feed.json": ("/feed.json", "feed.json"),
    "perma.md": ("/custom/place/", "custom/place/index.html"),
    "perma_ext.md": ("/p/perma_ext.html", "p/perma_ext.html"),
    "perma_noext.md": ("/noext", "noext.html"),
    "hidden.md": (None, None),
    "defaulted/one.md": ("/from-defaults/one/", "from-defaults/one/index.html"),
    "_events/my_event.md": ("/society/events/my-event.html", "society/events/my-event.html"),
    "_events/Odd_Name.md": ("/society/events/odd-name.html", "society/events/odd-name.html"),
    "_events/sub/deep_item.md": ("/society/events/deep-item.html", "society/events/deep-item.html"),
    "_events/flyer.pdf": ("/society/events/flyer.pdf", "society/events/flyer.pdf"),
    "_notes/a.md": (None, None),
    "_guides/intro.md": ("/g/intro.html", "g/intro.html"),
    "_guides/nested/part_two.md": ("/nested/part-two/", "nested/part-two/index.html"),
    "_future/later.md": (None, None),
    "_future/past.md": ("/future/past.html", "future/past.html"),
    "_posts/2024-03-05-hello-world.md": (
        "/news/tech/2024/03/05/hello-world.html",
        "news/tech/2024/03/05/hello-world.html",
    ),
    # folders inside _posts give no categories (only folders above it would)
    "_posts/travel/2023-12-31-last_day.md": (
        "/2023/12/31/last_day.html",
        "2023/12/31/last_day.html",
    ),
}


@pytest.fixture
def base(tmp_path):
    return Site.load(str(write_site(tmp_path / "s", BASE_FILES, BASE_CONFIG)))


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_url_and_output_file_of_each_source(base, rel):
    assert (base.url_of(rel), base.dest_of(rel)) == EXPECTED[rel]


def test_url_map_and_dest_map_cover_every_written_file(base):
    written = {rel: v for rel, v in EXPECTED.items() if v[0] is not None}
    for rel, (url, dest) in written.items():
        assert base.url_map[url] == rel
        assert base.dest_map[dest] == rel
    assert "hidden.html" not in base.dest_map


PRETTY = {
    "index.md": ("/", "index.html"),
    "about.md": ("/about/", "about/index.html"),
    "reference/index.md": ("/reference/", "reference/index.html"),
    "reference/my_page.md": ("/reference/my_page/", "reference/my_page/index.html"),
    "feed.json": ("/feed.json", "feed.json"),
    "_guides/intro.md": ("/guides/intro/", "guides/intro/index.html"),
    "_posts/2024-03-05-hello-world.md": (
        "/news/tech/2024/03/05/hello-world/",
        "news/tech/2024/03/05/hello-world/index.html",
    ),
}


@pytest.mark.parametrize(
    "style,expected",
    [
        ("pretty", PRETTY),
        (
            "date",
            {
                "about.md": ("/about.html", "about.html"),
                "_guides/intro.md": ("/guides/intro.html", "guides/intro.html"),
                "_posts/2024-03-05-hello-world.md": (
                    "/news/tech/2024/03/05/hello-world.html",
                    "news/tech/2024/03/05/hello-world.html",
                ),
            },
        ),
        (
            "ordinal",
            {
                "about.md": ("/about.html", "about.html"),
                "_posts/2024-03-05-hello-world.md": (
                    "/news/tech/2024/065/hello-world.html",
                    "news/tech/2024/065/hello-world.html",
                ),
            },
        ),
        (
            "none",
            {
                "about.md": ("/about.html", "about.html"),
                "_guides/intro.md": ("/guides/intro.html", "guides/intro.html"),
                "_posts/2024-03-05-hello-world.md": (
                    "/news/tech/hello-world.html",
                    "news/tech/hello-world.html",
                ),
            },
        ),
        (
            "/:categories/:title/",
            {
                "about.md": ("/about/", "about/index.html"),
                "_guides/intro.md": ("/guides/intro/", "guides/intro/index.html"),
                "_posts/2024-03-05-hello-world.md": (
                    "/news/tech/hello-world/",
                    "news/tech/hello-world/index.html",
                ),
            },
        ),
    ],
)
def test_global_permalink_styles(tmp_path, style, expected):
    files = {rel: BASE_FILES[rel] for rel in expected}
    config = f"title: T\npermalink: {style}\ncollections:\n  guides:\n    output: true\n"
    site = Site.load(str(write_site(tmp_path / "s", files, config)))
    for rel, want in expected.items():
        assert (site.url_of(rel), site.dest_of(rel)) == want, rel


def test_unpublished_and_future_switches(tmp_path):
    config = BASE_CONFIG + "unpublished: true\nfuture: true\n"
    site = Site.load(str(write_site(tmp_path / "s", BASE_FILES, config)))
    assert site.url_of("hidden.md") == "/hidden.html"
    assert site.url_of("_future/later.md") == "/future/later.html"


def test_collections_dir_and_scoped_static_defaults(tmp_path):
    files = {"my_collections/_events/a_b.md": FM, "drafts/x.png": b"png", "kept/y.png": b"png"}
    config = (
        "collections_dir: my_collections\ncollections:\n  events:\n    output: true\n"
        "defaults:\n  - scope:\n      path: drafts\n    values:\n      published: false\n"
    )
    site = Site.load(str(write_site(tmp_path / "s", files, config)))
    assert site.url_of("my_collections/_events/a_b.md") == "/events/a_b.html"
    assert site.url_of("drafts/x.png") is None
    assert site.url_of("kept/y.png") == "/kept/y.png"


def test_resolve_dest_like_html_proofer(base):
    assert base.resolve_dest("/reference/my_page.html") == "reference/my_page.html"
    assert base.resolve_dest("/reference/") == "reference/index.html"
    assert base.resolve_dest("/reference") == "reference/index.html"  # a folder: its index
    assert base.resolve_dest("/") == "index.html"
    assert base.resolve_dest("/reference/my_page") is None  # no .html guessing
    assert base.resolve_dest("/about.html/") is None  # a file is not a folder
    assert base.resolve_dest("/assets/img/") is None  # a folder without index.html
    assert base.resolve_dest("/noext") is None  # permalink /noext is written to noext.html
    assert base.resolve_dest("/noext.html") == "noext.html"
    # the lenient lookup the review and --since use still finds /about
    assert base.resolve_url("/about") == "about.md"


def test_plugin_outputs(tmp_path):
    site = Site.load(
        str(
            write_site(
                tmp_path / "s", {"index.md": FM}, "plugins:\n  - jekyll-feed\n  - jekyll-sitemap\n"
            )
        )
    )
    assert site.resolve_dest("/feed.xml") == "feed.xml"
    assert site.resolve_dest("/sitemap.xml") == "sitemap.xml"
    assert site.resolve_dest("/robots.txt") == "robots.txt"


def test_sass_source_map_is_an_output(base):
    assert base.resolve_dest("/assets/app.css.map") == "assets/app.css.map"


@pytest.mark.parametrize(
    "text,mode,cased,want",
    [
        ("my_event", "default", False, "my-event"),
        ("Odd_Name", "default", False, "odd-name"),
        ("Odd_Name", "pretty", True, "Odd_Name"),
        ("  Hello,  World!  ", "default", False, "hello-world"),
        ("café déjà", "default", False, "café-déjà"),
        ("café déjà", "latin", False, "cafe-deja"),
        ("a.b~c(d)", "pretty", False, "a.b~c(d)"),
        ("a b", "raw", False, "a-b"),
        ("A_b-C", "ascii", False, "a-b-c"),
    ],
)
def test_slugify_modes(text, mode, cased, want):
    assert slugify(text, mode, cased) == want


def test_permalink_suffix_and_defaults_precedence():
    assert add_permalink_suffix("/:path/:basename", "pretty") == "/:path/:basename/"
    assert add_permalink_suffix("/:path/:basename", "date") == "/:path/:basename:output_ext"
    assert add_permalink_suffix("/:path/:basename", "/:year/:title") == "/:path/:basename"
    sets = [
        {"scope": {"path": ""}, "values": {"permalink": "/all/", "layout": "x"}},
        {"scope": {"path": "docs", "type": "pages"}, "values": {"permalink": "/docs-typed/"}},
        {"scope": {"path": "docs"}, "values": {"permalink": "/docs-untyped/"}},
        {"scope": {"path": "/docs"}, "values": {"permalink": "/never/"}},
        {"scope": {"path": "d*/deep"}, "values": {"flag": 1}},
    ]
    got = defaults_for(sets, "docs/a.md", "pages")
    assert got == {"permalink": "/docs-typed/", "layout": "x"}
    assert defaults_for(sets, "docs/a.md", "notes")["permalink"] == "/docs-untyped/"
    assert defaults_for(sets, "docs/deep/b.md", "pages")["flag"] == 1
    assert defaults_for(sets, "other.md", "pages")["permalink"] == "/all/"


@pytest.mark.parametrize(
    "config",
    [
        "permalink: [a, b]\n",
        "permalink: /:nonsense/:title/\ncollections:\n  c:\n    output: true\n    permalink: /:unknown/\n",
        "collections:\n  c:\n    output: true\n    permalink: 42\n",
        "defaults:\n  - scope: 3\n    values: {permalink: /x/}\n  - 7\n  - values: [1]\n",
        "defaults:\n  - scope: {path: 1, type: [a]}\n    values: {published: false}\n",
        "collections_dir: /\nbaseurl: 5\nurl: 'http://[bad'\n",
    ],
)
def test_odd_configs_never_raise(tmp_path, config):
    files = {
        "index.md": FM,
        "_c/a.md": fm(date="not a date", permalink="/:title/:year/"),
        "_posts/2024-13-45-bad.md": FM,
        "x.png": b"png",
    }
    site = Site.load(str(write_site(tmp_path / "s", files, config)))
    for rel in site.files:
        site.url_of(rel)
    assert isinstance(site.dest_map, dict)


@pytest.mark.parametrize(
    "config",
    [
        "url: 'http://[bad'\n",
        "baseurl: 5\nurl: 7\n",
        "permalink: [a]\n",
        "markdown_ext: 3\n",
    ],
)
def test_odd_configs_through_the_link_rules(tmp_path, config):
    from conftest import check

    body = (
        FM + "[a](/x.html#y) [b](https://example.org/q) [c](#top) [d]({{ '/' | absolute_url }})\n"
    )
    root = write_site(tmp_path / "s", {"index.md": body}, config)
    rules = ["link-target", "link-fragment", "link-tag", "link-reference"]
    _, result = check(root, select=rules)
    assert result.errors == []
    if config == "markdown_ext: 3\n":  # Jekyll fails on it; lintkit says so, reads .md still
        config_yml = os.path.join(str(root), "_config.yml")
        assert [(f.line, f.rule) for f in result.findings if f.path == config_yml] == [(1, "load")]
        assert [f.path for f in result.findings if f.path != config_yml] == [
            os.path.join(str(root), "index.md")  # /x.html: .md pages are still read
        ]
