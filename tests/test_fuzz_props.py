"""Property tests over generated hostile sites (bounded: a few seconds; the
long runs are tools/fuzz.py). Every run keeps the invariants of issue 10: no
exception escapes, exit code 0 or 1, every report format valid and inert,
the same findings with --jobs 1 and --jobs 2, no file outside the site opened."""

from __future__ import annotations

import builtins
import json
import os
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import fuzzlib

SECRET = "PROPERTY-SECRET-OUTSIDE"
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

yaml_lines = st.lists(
    st.tuples(st.sampled_from(fuzzlib.KEYS), st.sampled_from(fuzzlib.YAML_VALUES)).map(
        lambda kv: f"{kv[0]}: {kv[1]}\n"
    ),
    max_size=4,
).map("".join)
front = st.one_of(yaml_lines, st.sampled_from(fuzzlib.FRONT_MATTER_EXTRA))
body = st.lists(
    st.one_of(st.sampled_from(fuzzlib.FRAGMENTS), st.text(max_size=30)), max_size=5
).map("".join)
pages = st.tuples(st.booleans(), front, body).map(
    lambda t: (("---\n" + t[1] + "---\n") if t[0] else "") + t[2]
)
sites = st.fixed_dictionaries(
    {
        "_config.yml": st.sampled_from(fuzzlib.CONFIGS),
        "pages": st.dictionaries(st.sampled_from(fuzzlib.NAMES), pages, min_size=1, max_size=3),
        "lintkit": st.sampled_from(fuzzlib.LINTKIT_CONFIGS),
        "data": st.one_of(st.none(), st.sampled_from(fuzzlib.DATA_FILES)),
        "link_out": st.booleans(),
    }
)


def materialize(spec) -> dict:
    files: dict = {"_config.yml": spec["_config.yml"].encode()}
    for name, text in spec["pages"].items():
        files[name] = text.encode("utf-8", "surrogatepass")
    if spec["lintkit"] is not None:
        files[".lintkit.yml"] = spec["lintkit"].encode()
    if spec["data"] is not None:
        files["_data/themes.yml"] = spec["data"].encode()
    if spec["link_out"]:
        files["leak.md"] = ("symlink", "")
    return files


@pytest.fixture
def place(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(SECRET + "\n")
    counter = iter(range(10**6))

    def make(spec) -> str:
        root = str(tmp_path / f"site{next(counter)}")
        fuzzlib.write_site(root, materialize(spec), outside=str(outside))
        return root

    return make


@SETTINGS
@given(spec=sites)
def test_every_invariant_holds_on_generated_sites(place, spec):
    root = place(spec)
    assert fuzzlib.run_checks(root, secret=SECRET) == []


@SETTINGS
@given(spec=sites)
def test_no_file_outside_the_site_is_opened(place, spec, monkeypatch):
    import lintkit.rules

    import lintkit

    root = place(spec)
    allowed = tuple(
        os.path.realpath(p) + os.sep
        for p in (root, os.path.dirname(lintkit.__file__), os.path.dirname(lintkit.rules.__file__))
    )
    real_open, real_os_open = builtins.open, os.open

    def guard(path):
        if not isinstance(path, int):
            real = os.path.realpath(os.fsdecode(path))
            assert real.startswith(allowed) or real == os.devnull, real

    def fake_open(file, *args, **kwargs):
        guard(file)
        return real_open(file, *args, **kwargs)

    def fake_os_open(path, *args, **kwargs):
        guard(path)
        return real_os_open(path, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(builtins, "open", fake_open)
        m.setattr(os, "open", fake_os_open)
        res = run_cli("check", "--format", "json", "--site-root", root, root)
    assert res.exit_code in (0, 1, 2), res.output
    if res.exit_code == 2:  # a broken .lintkit.yml, no Markdown file at all
        assert res.stderr.count("\n") == 1 and res.stderr.startswith("lintkit: error: ")
    else:
        json.loads(res.stdout)


@pytest.mark.slow  # 25 pairs of sites, each checked in one and in two processes
@SETTINGS
@given(one=sites, two=sites)
def test_same_findings_with_one_and_two_jobs(tmp_path_factory, one, two, monkeypatch):
    from lintkit import engine

    parent = tmp_path_factory.mktemp("sites")
    for name, spec in (("one", one), ("two", two)):
        spec = dict(spec, lintkit=None)  # a bad .lintkit.yml stops the run before the jobs
        fuzzlib.write_site(str(parent / name), materialize(spec), outside=str(parent / "x"))
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 0)
    results = []
    for jobs in (1, 2):
        res = run_cli("check", "--format", "json", "--jobs", str(jobs), str(parent))
        if res.exit_code == 2:  # sites without a page: one line, the same with any --jobs
            assert res.stderr.startswith("lintkit: error: no Markdown files"), res.output
            results.append(res.stderr)
            continue
        assert res.exit_code in (0, 1), res.output
        results.append(json.loads(res.stdout))
    assert results[0] == results[1]


baselines = st.one_of(
    st.text(max_size=40),
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=10,
    ).map(json.dumps),
    st.sampled_from(
        [
            "[" * 100_000 + "]" * 100_000,
            '{"version": 1, "entries": [{"rule": 1}]}',
            '{"version": 1, "entries": []}',
            "\ufeff{}",
        ]
    ),
)


@SETTINGS
@given(text=baselines)
def test_any_baseline_file_is_read_or_refused_in_one_line(site, text):
    root = site({"a.md": "---\ntitle: A\nlayout: d\n---\n\n[x]({% link missing.md %})\n"})
    (root / "base.json").write_text(text, encoding="utf-8")
    res = run_cli("check", "--baseline", "base.json", ".", cwd=root)
    assert res.exit_code in (0, 1, 2)
    if res.exit_code == 2:
        assert res.stderr.startswith("lintkit: error: baseline 'base.json'")
        assert res.stderr.count("\n") == 1
