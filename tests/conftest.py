"""Shared test helpers: build small sites in tmp_path and run lintkit on them."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.engine import Engine

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("LINTKIT_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def write_site(root: Path, files: dict, config: str = "title: Test\n") -> Path:
    """Create a site under ``root``: ``files`` maps relative paths to text
    (dedented) or bytes; ``_config.yml`` gets ``config`` unless given."""
    root.mkdir(parents=True, exist_ok=True)
    if "_config.yml" not in files and config is not None:
        (root / "_config.yml").write_text(config, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(
                textwrap.dedent(content).lstrip("\n") if content.startswith("\n") else content,
                encoding="utf-8",
            )
    return root


def check(root: Path, *paths, **kwargs):
    """Run the engine; return the findings as (rel path, line, col, rule) tuples."""
    engine = Engine(site_root=str(root), **kwargs)
    targets = [str(root / p) for p in paths] or [str(root)]
    result = engine.check(targets)
    out = []
    for f in result.findings:
        rel = (
            os.path.relpath(os.path.join(os.getcwd(), f.path), root).replace(os.sep, "/")
            if not os.path.isabs(f.path)
            else os.path.relpath(f.path, root).replace(os.sep, "/")
        )
        out.append((rel, f.line, f.column, f.rule))
    return out, result


def run_cli(*args, cwd=None):
    runner = CliRunner()
    if cwd is not None:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        res = runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        if cwd is not None:
            os.chdir(old)
    return res


def json_findings(res):
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in json.loads(res.stdout)]


@pytest.fixture
def site(tmp_path):
    def make(files: dict, config: str = "title: Test\n") -> Path:
        return write_site(tmp_path / "site", files, config)

    return make


@pytest.fixture(autouse=True, scope="session")
def _word_list_cache(tmp_path_factory):
    """The spelling rule's word-list cache goes to a folder of the test run,
    never to the user's ~/.cache (subprocesses inherit the variable)."""
    old = os.environ.get("LINTKIT_CACHE_DIR")
    os.environ["LINTKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("lintkit-cache"))
    yield
    if old is None:
        os.environ.pop("LINTKIT_CACHE_DIR", None)
    else:
        os.environ["LINTKIT_CACHE_DIR"] = old
