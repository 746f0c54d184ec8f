"""Issue 14, point 1: the version is written in one place, each version has a
CHANGELOG section, and every ``rev:`` / ``@v...`` the documentation pins is
the release tag of this version (``v<version>``)."""

import re
import sys
from pathlib import Path

from lintkit import __version__

ROOT = Path(__file__).resolve().parents[1]
DOCS = (
    "README.md",
    ".pre-commit-hooks.yaml",
    "docs/ci.md",
    "docs/github-workflow.yml",
    "docs/gitlab-ci.yml",
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_the_version_is_written_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_lintkit_version_prints_it():
    from click.testing import CliRunner

    from lintkit.cli import main

    assert CliRunner().invoke(main, ["--version"]).output == f"lintkit, version {__version__}\n"


def test_the_changelog_has_this_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (\S+)", text, re.M)[0] == __version__


def test_every_pinned_revision_is_this_versions_tag():
    pins = []
    for name in DOCS:
        text = (ROOT / name).read_text(encoding="utf-8")
        pins += [(name, m) for m in re.findall(r"rev: (\S+)", text)]
        pins += [(name, m) for m in re.findall(r"lintkit@(v[^\"\s]+)", text)]
    assert pins and {rev for _, rev in pins} == {f"v{__version__}"}, pins
