"""Runs over several sites share the sites out among worker processes; the
findings are the same as in one process, in the same order."""

from __future__ import annotations

from conftest import run_cli, write_site

import lintkit.engine as engine_mod
from lintkit.engine import Engine

PAGE = "---\nlayout: d\ntitle: T\n---\n[a]({% link missing.md %})\n\n1. a\n3. b\n"


def test_workers_find_what_one_process_finds(tmp_path, monkeypatch):
    for i in range(4):
        write_site(tmp_path / f"site{i}", {f"p{j}.md": PAGE for j in range(3)})
    monkeypatch.setattr(engine_mod, "PARALLEL_MIN_FILES", 2)
    one = Engine(jobs=1).check([str(tmp_path)])
    two = Engine(jobs=2).check([str(tmp_path)])
    assert len(one.findings) == 4 * 3 * 2
    assert two.findings == one.findings
    assert [f.source for f in two.findings] == [f.source for f in one.findings]
    assert two.files == one.files and len(two.files) == 12
    assert two.errors == [] and one.errors == []


def test_jobs_option(tmp_path):
    write_site(tmp_path / "a", {"p.md": PAGE})
    write_site(tmp_path / "b", {"p.md": PAGE})
    res = run_cli("check", str(tmp_path), "--jobs", "2", "--format", "json")
    assert res.exit_code == 1
    assert res.stdout.count('"rule": "link-tag"') == 2
    res = run_cli("check", str(tmp_path), "--jobs", "-1")
    assert res.exit_code == 2
