"""Jekyll's reader and the plugins lintkit models, each pinned from a real build:
Debian's jekyll 4.3.1 with jekyll-optional-front-matter 0.3.2,
jekyll-relative-links 0.7.0, jekyll-titles-from-headings 0.5.3,
jekyll-readme-index 0.3.0, jekyll-redirect-from 0.16.0, jekyll-sitemap 1.4.0
and jekyll-feed 0.17.0 built ``SITE`` below; its ``_site`` held exactly
``BUILT`` and ``docs/plain.html`` the hrefs in ``test_relative_links``."""

from __future__ import annotations

import pytest
from conftest import check, write_site

from lintkit import links
from lintkit.site import Site

CONFIG = """title: T
baseurl: /base
permalink: /:categories/:year/:month/:day/:title:output_ext
plugins:
  - jekyll-optional-front-matter
  - jekyll-relative-links
  - jekyll-titles-from-headings
  - jekyll-readme-index
  - jekyll-redirect-from
  - jekyll-sitemap
  - jekyll-feed
"""
SITE = {
    "en/news/_posts/2024-01-02-hello-world.md": "---\n---\n# News\n",
    "_posts/2020/2020-03-04-nested.md": "---\ncategories: [x]\n---\nb\n",
    "_posts/notes.md": "not a post\n",
    "docs/plain.md": "# Plain page\n\n[other](other.md) [up](../index.md#top) [img](pic.png)\n",
    "docs/other.md": "---\ntitle: O\nredirect_from:\n  - /old-other/\n  - /older.html\n"
    "  - /oldest\n---\n# O\n",
    "docs/pic.png": b"png",
    "guide/README.md": "# Guide readme\n",
    "index.md": "---\n---\n# Home {#top}\n",
    "README.md": "# root readme\n",
    "LICENSE.md": "l\n",
    "Gemfile": 'gem "jekyll"\n',
}
BUILT = [
    "LICENSE.md",
    "README.md",
    "docs/other.html",
    "docs/pic.png",
    "docs/plain.html",
    "docs/plain.md",
    "en/news/2024/01/02/hello-world.html",
    "feed.xml",
    "guide/README.md",
    "guide/index.html",
    "index.html",
    "old-other/index.html",
    "older.html",
    "oldest.html",
    "redirects.json",
    "robots.txt",
    "sitemap.xml",
    "x/2020/03/04/nested.html",
]


@pytest.fixture
def built(tmp_path):
    root = write_site(tmp_path / "s", SITE, CONFIG)
    return Site.load(str(root))


def test_output_files_are_the_ones_jekyll_writes(built):
    assert sorted(d for d in built.dest_map if d != "Gemfile") == BUILT


def test_posts_in_any_folder_take_categories_from_the_folders_above(built):
    assert built.url_of("en/news/_posts/2024-01-02-hello-world.md") == (
        "/en/news/2024/01/02/hello-world.html"
    )
    assert built.url_of("_posts/2020/2020-03-04-nested.md") == "/x/2020/03/04/nested.html"
    assert built.classify("_posts/notes.md") == "special"  # no date: the post reader skips it
    assert built.post_for("en/news/2024-01-02-hello-world") == (
        "en/news/_posts/2024-01-02-hello-world.md"
    )
    assert built.post_for("2020/2020-03-04-nested") == "_posts/2020/2020-03-04-nested.md"
    assert built.post_for("2024-1-2-hello-world") == "en/news/_posts/2024-01-02-hello-world.md"
    assert built.post_for("2024-01-02-nope") is None


def test_drafts_are_posts_only_with_show_drafts(tmp_path):
    files = {"_drafts/idea.md": "---\n---\nx\n", "Gemfile": 'gem "jekyll"\n'}
    hidden = Site.load(str(write_site(tmp_path / "a", files)))
    shown = Site.load(str(write_site(tmp_path / "b", files, "show_drafts: true\n")))
    assert hidden.url_of("_drafts/idea.md") is None
    assert shown.classify("_drafts/idea.md") == "document"
    assert shown.dest_of("_drafts/idea.md").endswith("/idea.html")


def test_relative_links(built, tmp_path):
    # docs/plain.html as Jekyll wrote it: href="/base/docs/other.html",
    # href="/base/#top", href="/base/docs/pic.png"
    _, result = check(tmp_path / "s", "docs/plain.md", keep_documents=True)
    doc = next(iter(result.documents.values()))
    site = next(iter(result.sites.values()))
    assert doc.rendered  # jekyll-optional-front-matter
    hrefs = [links.href_of(doc, site, sl).href for sl in links.site_links(doc)]
    assert hrefs == ["/base/docs/other.html", "/base/#top", "/base/docs/pic.png"]
    assert [f for f in result.findings if f.severity != "info"] == []


def test_front_matter_title_and_layout_from_plugins(tmp_path):
    files = {
        "a.md": "---\nlayout: default\n---\n# A\n",
        "Gemfile": "group :jekyll_plugins do\n  gem 'jekyll-titles-from-headings'\nend\n",
    }
    root = write_site(tmp_path / "t", files)
    found, _ = check(root, select=["front-matter"])
    assert found == []
    (root / "Gemfile").write_text('gem "jekyll"\n', encoding="utf-8")
    found, _ = check(root, select=["front-matter"])
    assert found == [("a.md", 1, 1, "front-matter")]


def test_github_pages_build_is_detected_and_its_link_tag_has_no_baseurl(tmp_path):
    # Jekyll 3.10 (github-pages 232): Jekyll::Tags::Link#render returns the
    # document's url without baseurl; Jekyll 4.3.1 (Debian) prepends it.
    files = {
        "a.md": "---\n---\nx\n",
        "Gemfile": "gem 'github-pages', group: :jekyll_plugins\n",
    }
    pages = Site.load(str(write_site(tmp_path / "p", files, "baseurl: /b\n")))
    assert pages.build.github_pages and pages.build.jekyll == 3
    assert "jekyll-relative-links" in pages.plugins
    assert links.link_tag_url(pages, "a.md") == "/a.html"
    four = Site.load(
        str(write_site(tmp_path / "f", {**files, "Gemfile": 'gem "jekyll"\n'}, "baseurl: /b\n"))
    )
    assert not four.build.github_pages
    assert links.link_tag_url(four, "a.md") == "/b/a.html"


def test_jekyll_version_option_overrides_the_detection(tmp_path):
    files = {
        "a.md": "---\ntitle: A\nlayout: x\n---\n[a]({{ site.baseurl }}{% link a.md %})\n",
        "Gemfile": 'gem "jekyll"\n',
        ".lintkit.yml": "jekyll-version: 3\n",
    }
    root = write_site(tmp_path / "v", files, "baseurl: /b\n")
    found, result = check(root, select=["link-target"])
    assert found == []
    assert next(iter(result.sites.values())).build.name == "GitHub Pages (Jekyll 3.10)"


def test_deploy_paths_and_keep_files(tmp_path):
    files = {
        "a.md": "---\ntitle: A\nlayout: x\n---\n[r](/rubydoc/Formula.html) [k](/kept/x.html)\n",
        "Gemfile": 'gem "jekyll"\n',
        "Rakefile": 'RUBYDOC = "rubydoc/"\n',
    }
    root = write_site(tmp_path / "d", files, "keep_files: [kept]\n")
    _, result = check(root, select=["link-target"])
    assert [f.message for f in result.findings] == [
        "'/rubydoc/Formula.html' resolves to /rubydoc/Formula.html on the site, which the site "
        "does not serve: the build makes no folder /rubydoc/, which the site's build scripts "
        "name; if a deploy step creates it after the build, add 'rubydoc/**' to deploy-paths "
        "in .lintkit.yml"
    ]
    (root / ".lintkit.yml").write_text("deploy-paths: ['rubydoc/**']\n", encoding="utf-8")
    found, _ = check(root, select=["link-target"])
    assert found == []


def test_baseurl_doubled_under_jekyll_4_says_which_build_applies(tmp_path):
    files = {
        "a.md": "---\ntitle: A\nlayout: x\n---\n[a]({{ site.baseurl }}{% link a.md %})\n",
        "Gemfile": 'gem "jekyll"\n',
    }
    root = write_site(tmp_path / "j4", files, "baseurl: /b\n")
    _, result = check(root, select=["link-target"])
    assert [f.message for f in result.findings] == [
        "'{{ site.baseurl }}{% link a.md %}' resolves to /b/a.html on the site, which the site "
        "does not serve: Jekyll 4 puts baseurl in front of {% link %} itself (the Gemfile does "
        "not name github-pages), so adding {{ site.baseurl }} or relative_url doubles it: "
        "drop that"
    ]


def test_default_layout_plugin_supplies_layout(tmp_path):
    # jekyll 4.3.1 + jekyll-default-layout 0.1.5 wrapped a.md (no layout) in
    # _layouts/default.html: <main><h1 id="a">A</h1></main>
    files = {
        "_layouts/default.html": "<main>{{ content }}</main>\n",
        "a.md": "---\ntitle: A\n---\n# A\n",
        "Gemfile": 'gem "jekyll"\n',
    }
    root = write_site(tmp_path / "dl", files, "title: D\nplugins: [jekyll-default-layout]\n")
    found, _ = check(root, select=["front-matter"])
    assert found == []
    (root / "_config.yml").write_text("title: D\n", encoding="utf-8")
    found, _ = check(root, select=["front-matter"])
    assert found == [("a.md", 1, 1, "front-matter")]
