"""Runs over several sites share the sites out among worker processes; the
findings are the same as in one process, in the same order."""

from __future__ import annotations

import concurrent.futures

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


def test_jobs_0_uses_workers_only_with_free_cores_and_enough_pages():
    many = engine_mod.PARALLEL_MIN_FILES
    assert engine_mod.auto_jobs(sites=4, files=many, free=2) == 2
    assert engine_mod.auto_jobs(sites=4, files=many, free=8) == 4  # one worker per site at most
    assert engine_mod.auto_jobs(sites=4, files=many, free=1) == 1  # a busy machine: one process
    assert engine_mod.auto_jobs(sites=4, files=many - 1, free=8) == 1  # too few pages
    assert engine_mod.auto_jobs(sites=1, files=many * 10, free=8) == 1  # one site: one process


def test_free_cores_subtracts_the_load(monkeypatch):
    monkeypatch.setattr(engine_mod.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(engine_mod.os, "getloadavg", lambda: (2.8, 0.0, 0.0))
    assert engine_mod.free_cores() == 1
    monkeypatch.setattr(engine_mod.os, "getloadavg", lambda: (0.3, 0.0, 0.0))
    assert engine_mod.free_cores() == 4
    monkeypatch.setattr(engine_mod.os, "getloadavg", lambda: (9.0, 0.0, 0.0))
    assert engine_mod.free_cores() == 1


def test_findings_are_the_same_whatever_jobs_0_decides(tmp_path, monkeypatch):
    for i in range(3):
        write_site(tmp_path / f"site{i}", {f"p{j}.md": PAGE for j in range(2)})
    monkeypatch.setattr(engine_mod, "PARALLEL_MIN_FILES", 2)
    pools: list[int] = []

    class Pool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers, **kwargs):
            pools.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    outputs = []
    for free in (1, 2, 3):
        monkeypatch.setattr(engine_mod, "free_cores", lambda free=free: free)
        res = run_cli("check", str(tmp_path), "--jobs", "0", "--format", "json")
        assert res.exit_code == 1
        outputs.append(res.stdout)
    assert pools == [2, 3]  # one process, then two and three workers
    assert outputs[0].count('"rule": "link-tag"') == 6
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]
