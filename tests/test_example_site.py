"""The example site the README runs: exactly one finding of each kind."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_cli

REPO = Path(__file__).resolve().parents[1]

EXPECTED = [
    ("examples/site/_learning_hours/tdd/red_green.md", 3, 1, "front-matter", "error"),
    ("examples/site/reference/ensemble.md", 8, 1, "malformed-link", "error"),
    ("examples/site/reference/learning_hour.md", 9, 12, "link-tag", "error"),
    ("examples/site/society/career.md", 12, 42, "link-target", "error"),
    ("examples/site/society/ensemble_milestones.md", 18, 1, "milestone-structure", "error"),
    ("examples/site/society/ensemble_milestones.md", 22, 1, "draft-notice", "error"),
    ("examples/site/society/learning_hour_milestones.md", 19, 1, "milestone-numbering", "error"),
    ("examples/site/training/index.md", 11, 1, "list-numbering", "warning"),
]


def test_json_output_lists_one_defect_of_each_kind():
    res = run_cli("check", "examples/site", "--format", "json", cwd=REPO)
    assert res.exit_code == 1
    got = [
        (f["path"], f["line"], f["column"], f["rule"], f["severity"])
        for f in json.loads(res.stdout)
    ]
    assert got == EXPECTED


def test_text_output_bytes():
    res = run_cli("check", "examples/site/reference/learning_hour.md", cwd=REPO)
    assert res.exit_code == 1
    out = re.sub(r"\(\d+\.\d\ds\)", "(TIME)", res.stdout)
    assert out == (
        "examples/site/reference/learning_hour.md:9:12: error [link-tag] {% link reference/ensemble.html %}: "
        "no file 'reference/ensemble.html': link tags name the source file, so write 'reference/ensemble.md' "
        "(Jekyll turns it into the .html URL)\n"
        "    [Ensemble]({% link reference/ensemble.html %}) page.\n"
        "               ^\n"
        "Found 1 error, 0 warnings, 0 info in 1 file (TIME).\n"
    )


def test_one_file_still_resolves_against_the_whole_site():
    res = run_cli("check", "examples/site/index.md", cwd=REPO)
    assert res.exit_code == 0
    assert res.stdout.startswith("No problems found in 1 file (")


def test_github_format():
    res = run_cli("check", "examples/site/society/career.md", "--format", "github", cwd=REPO)
    assert res.exit_code == 1
    assert res.stdout == (
        "::error file=examples/site/society/career.md,line=12,col=42,title=lintkit [link-target]::"
        "'learning_hour.html' resolves to /society/learning_hour.html from this page's URL "
        "/society/career.html, which the site does not serve; did you mean /reference/learning_hour.html?\n"
    )


def test_select_ignore_and_fail_on():
    res = run_cli("check", "examples/site", "--select", "list-numbering", cwd=REPO)
    assert res.exit_code == 0  # a warning does not fail by default
    res = run_cli(
        "check", "examples/site", "--select", "list-numbering", "--fail-on", "warning", cwd=REPO
    )
    assert res.exit_code == 1
    res = run_cli(
        "check",
        "examples/site",
        "--ignore",
        "link-tag,malformed-link,link-target,front-matter,"
        "milestone-structure,milestone-numbering,draft-notice",
        "--format",
        "json",
        cwd=REPO,
    )
    assert [f["rule"] for f in json.loads(res.stdout)] == ["list-numbering"]
