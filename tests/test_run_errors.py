"""A problem with the run itself is one line, 'lintkit: error: ...', exit 2."""

from __future__ import annotations

import pytest
from conftest import run_cli


@pytest.mark.parametrize(
    "args, line",
    [
        (
            ["check", "--format", "xml"],
            "lintkit: error: Invalid value for '--format': 'xml' is not one of 'text', 'json', "
            "'github', 'sarif', 'junit', 'gitlab'. (see 'lintkit check --help')",
        ),
        (
            ["check", "--jobs", "-1"],
            "lintkit: error: Invalid value for '--jobs' / '-j': -1 is not in the range x>=0. "
            "(see 'lintkit check --help')",
        ),
        (["nosuch"], "lintkit: error: No such command 'nosuch'. (see 'lintkit --help')"),
        (
            ["check", "no\nsuch\x1b[2J"],
            "lintkit: error: path 'no such\\x1b[2J' does not exist",
        ),
    ],
)
def test_usage_errors_are_one_line(site, args, line):
    root = site({"a.md": "---\ntitle: A\nlayout: d\n---\nText\n"})
    res = run_cli(*args, cwd=root)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr == line + "\n"


def test_a_config_with_a_control_character_is_one_line(site):
    root = site({"a.md": "Text\n", ".lintkit.yml": "rules:\n  link-tag: \x1b[31merror\n"})
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1
    assert res.stderr.startswith("lintkit: error: ")
    assert "\x1b" not in res.stderr


def test_since_with_a_newline_is_one_line(site):
    root = site({"a.md": "Text\n"})
    res = run_cli("check", "--since", "HEAD\n::error::x", ".", cwd=root)
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1
    assert res.stderr.startswith("lintkit: error: ")
