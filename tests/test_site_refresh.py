"""The incremental site index (``Site.refresh``, ``Engine.refresh_site``, what
``lintkit lsp`` does on a watched-file event): after every event of a
sequence, the index updated in place answers every question exactly as an
index built afresh from the disk, and the engine's findings are the same."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import write_site

from lintkit import relink
from lintkit.engine import Engine
from lintkit.site import Site

CONFIG = """\
title: T
collections:
  tracks:
    output: true
plugins:
  - jekyll-redirect-from
"""

FILES = {
    "index.md": "---\ntitle: Home\n---\n\n# Home\n\nGo to [the guide]({% link guide/a.md %}).\n"
    "Read [new]({% link new.md %}#intro) and [about](/about.html#team).\n",
    "about.md": "---\ntitle: About\n---\n\n## Team\n\nUs.\n\n## Next {% link new.md %}\n",
    "guide/a.md": "---\ntitle: A\nredirect_from: /old-a/\n---\n\n## Step one\n\nBack [home](../index.html).\n",
    "guide/notes.txt": "plain\n",
    "_tracks/one.md": "---\ntitle: One\n---\n\n## First\n",
    "_includes/nav.html": '<nav id="nav">x</nav>\n',
    "_layouts/default.html": '<div id="page">{{ content }}</div>\n',
    "_data/people.yml": "- name: Ann\n",
    "README.md": "Read [the guide](guide/a.md).\n",
    "assets/logo.png": b"\x89PNG\r\n",
}
PROBES = ["new.md", "guide/b.md", "guide/a.md", "extra/x.md", "abut.md", "one.md"]


def answers(site: Site) -> dict:
    """Every answer of the index the rules ask for, in one comparable value."""
    per_file = {}
    for rel in site.files:
        per_file[rel] = (
            site.classify(rel),
            site.lint_scope(rel),
            site.url_of(rel),
            site.dest_of(rel),
            site.front_matter(rel),
            site.linkable(rel),
            site.case_variants(rel),
        )
    return {
        "files": list(site.files),
        "skipped": list(site.skipped),
        "dirs": sorted(site.dir_set),
        "posts": site.posts,
        "linkable": site.linkable_paths,
        "url_map": site.url_map,
        "dest_map": site.dest_map,
        "generated": site.generated,
        "dest_dirs": sorted(site.dest_dirs),
        "per_file": per_file,
        "anchors": {
            dest: sorted(site.anchors(dest).ids) for dest in site.dest_map if dest.endswith(".html")
        },
        "suggest": {p: site.suggest(p) for p in PROBES},
        "same_name": {p: site.same_name(p) for p in PROBES},
        "source_exists": {p: site.source_exists(p) for p in PROBES + ["extra", "guide"]},
        "habit": relink.prefers_link_tags(site),
        "post": site.post_for("2024-01-02-hello"),
        "tracks": site.collection_documents("tracks"),
    }


def findings(engine: Engine, root: Path) -> list[tuple]:
    result = engine.check([str(root)])
    return [(f.path, f.line, f.column, f.rule, f.message) for f in result.findings]


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def rename(root: Path, old: str, new: str) -> None:
    (root / new).parent.mkdir(parents=True, exist_ok=True)
    os.replace(root / old, root / new)


def events(root: Path):
    """(what happened on disk, the paths the watcher reports)."""
    yield lambda: write(root, "new.md", "---\ntitle: New\n---\n\n## Intro\n"), ["new.md"]
    yield (
        lambda: write(
            root, "about.md", "---\ntitle: About\npermalink: /about-us/\n---\n\n## Team\n"
        ),
        ["about.md"],
    )
    yield lambda: rename(root, "guide/a.md", "guide/b.md"), ["guide/a.md", "guide/b.md"]
    yield lambda: write(root, "new.md", "---\ntitle: New\n---\n\n## Introduction\n"), ["new.md"]

    def folder() -> None:
        write(root, "extra/x.md", "---\ntitle: X\n---\n\n[guide]({% link guide/b.md %})\n")
        write(root, "extra/deep/y.md", "no front matter\n")

    yield folder, ["extra"]  # a folder created: the watcher names the folder only
    yield (
        lambda: write(root, "_includes/nav.html", '<nav id="menu">x</nav>\n'),
        ["_includes/nav.html"],
    )
    yield (
        lambda: write(root, "_posts/2024-01-02-hello.md", "---\ntitle: Hi\n---\n"),
        ["_posts/2024-01-02-hello.md"],
    )
    yield lambda: write(root, "_tracks/two.md", "---\ntitle: Two\n---\n"), ["_tracks/two.md"]
    yield lambda: write(root, "new.md", "no front matter any more\n"), ["new.md"]
    yield lambda: write(root, "_site/index.html", "<p>built</p>\n"), ["_site/index.html"]
    yield lambda: shutil.rmtree(root / "guide"), ["guide"]  # a folder deleted
    yield lambda: (root / "new.md").unlink(), ["new.md"]
    yield lambda: write(root, "_data/people.yml", "- name: Bob\n"), ["_data/people.yml"]
    yield lambda: None, ["nothing/here.md"]  # an event for a file that is not there


def test_incremental_index_equals_a_fresh_build_after_each_event(tmp_path):
    root = write_site(tmp_path / "site", FILES, CONFIG)
    site = Site.load(str(root))
    answers(site)  # every cache filled, so that stale answers would show
    for n, (happen, reported) in enumerate(events(root)):
        happen()
        assert site.refresh(reported) is not None
        assert answers(site) == answers(Site.load(str(root))), n


def test_a_link_out_of_the_site_is_skipped_as_the_walk_skips_it(tmp_path):
    root = write_site(tmp_path / "site", FILES, CONFIG)
    (tmp_path / "secret.md").write_text("---\n---\nsecret\n", encoding="utf-8")
    site = Site.load(str(root))
    answers(site)
    try:
        os.symlink(tmp_path / "secret.md", root / "out.md")
        os.symlink(root / "about.md", root / "same.md")
    except OSError:
        pytest.skip("this system cannot make symbolic links")
    assert site.refresh(["out.md", "same.md"]) is not None
    assert ("out.md", "out.md" in site.file_set) == ("out.md", False)
    assert "same.md" in site.file_set
    assert answers(site) == answers(Site.load(str(root)))


@pytest.mark.parametrize(
    "rel", ["_config.yml", "Gemfile", "_plugins/x.rb", ".github/workflows/p.yml"]
)
def test_a_file_that_decides_the_build_asks_for_a_new_index(tmp_path, rel):
    root = write_site(tmp_path / "site", FILES, CONFIG)
    site = Site.load(str(root))
    files = list(site.files)
    assert site.refresh([rel]) is None
    assert site.files == files


def test_engine_findings_after_refresh_equal_a_fresh_engine(tmp_path):
    root = write_site(tmp_path / "site", FILES, CONFIG)
    engine = Engine(site_root=str(root))
    first = findings(engine, root)
    assert any(f[3] == "link-tag" and "new.md" in f[4] for f in first)
    for happen, reported in events(root):
        happen()
        engine.refresh_site(str(root), [str(root / r) for r in reported])
        assert findings(engine, root) == findings(Engine(site_root=str(root)), root)
    write(root, "_config.yml", CONFIG + "exclude: [about.md]\n")
    engine.refresh_site(str(root), [str(root / "_config.yml")])
    assert findings(engine, root) == findings(Engine(site_root=str(root)), root)
