"""A run over a folder of several sites in one process (--jobs 1) holds the
index of one site at a time: each site's files are listed when its turn
comes, and its index is released when it is done, with the same findings."""

from __future__ import annotations

import os

import pytest
from conftest import write_site

from lintkit.engine import Engine
from lintkit.errors import UsageError


def _sites(tmp_path):
    top = tmp_path / "all"
    for name in ("a", "b", "c"):
        write_site(
            top / name,
            {
                "index.md": "---\ntitle: T\n---\n[x](missing.md) and the the end\n",
                f"docs/{name}.md": "---\ntitle: T\n---\n[home](../index.md)\n",
            },
        )
    outside = tmp_path / "outside.md"
    outside.write_text("# out\n", encoding="utf-8")
    os.symlink(outside, top / "c" / "link.md")  # reported as a load error of site c
    return top


def _run(top, jobs, paths=None):
    seen: list[list[str]] = []
    engine = Engine(jobs=jobs)
    check_root = engine._check_root

    def spy(root, paths):
        out = check_root(root, paths)
        seen.append(sorted(os.path.basename(r) for r in engine._sites))  # as it ends
        return out

    engine._check_root = spy  # type: ignore[method-assign]
    result = engine.check([str(p) for p in (paths or [top])])
    found = [(f.path, f.line, f.column, f.rule, f.message) for f in result.findings]
    return found, result.files, seen


def test_one_site_index_at_a_time_same_findings(tmp_path, monkeypatch):
    top = _sites(tmp_path)
    monkeypatch.chdir(tmp_path)
    found, files, seen = _run(top, 1)
    # while site b is checked, neither a (done) nor c (not started) is held
    assert seen == [["a"], ["b"], ["c"]]
    assert len(files) == 6
    one_by_one = []
    for name in ("a", "b", "c"):
        f, _, _ = _run(top / name, 1)
        one_by_one.extend(f)
    assert sorted(found) == sorted(one_by_one)
    rules = sorted({(os.path.dirname(p).split(os.sep)[-1], r) for p, _, _, r, _ in found})
    assert ("c", "load") in rules  # what the walk of a later site skipped is still said
    assert ("b", "link-target") in rules


def test_each_site_is_indexed_once(tmp_path, monkeypatch):
    # the first site is listed during discovery: its check uses that index
    from lintkit.site import Site

    top = _sites(tmp_path)
    loaded: list[str] = []
    load = Site.load.__func__  # type: ignore[attr-defined]

    def counting(cls, root, *args, **kwargs):
        loaded.append(os.path.basename(root))
        return load(cls, root, *args, **kwargs)

    monkeypatch.setattr(Site, "load", classmethod(counting))
    _run(top, 1)
    assert loaded == ["a", "b", "c"]


def test_a_file_given_twice_is_checked_once(tmp_path, monkeypatch):
    top = _sites(tmp_path)
    monkeypatch.chdir(tmp_path)
    found, files, _ = _run(top, 1, [top, top / "c" / "index.md"])
    assert len(files) == len(set(files)) == 6
    assert sorted(found) == sorted(_run(top, 1)[0])


def test_folder_of_sites_without_markdown_is_still_an_error(tmp_path):
    top = tmp_path / "empty"
    for name in ("a", "b"):
        write_site(top / name, {"style.css": "body {}\n"})
    with pytest.raises(UsageError, match="no Markdown files to check"):
        Engine(jobs=1).check([str(top)])
