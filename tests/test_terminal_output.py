"""Issue 14, point 7: output a person reads. Colour on a terminal (NO_COLOR,
FORCE_COLOR, --color), a display level apart from --fail-on (--show, --quiet),
a window around the column of a long line, several reports in one run, and
Markdown from standard input."""

import json

from click.testing import CliRunner
from conftest import write_site

from lintkit.cli import main

PAGE = "---\ntitle: T\nlayout: d\n---\n"


def make(tmp_path):
    return write_site(
        tmp_path / "site",
        {
            "a.md": PAGE + "See [x](gone.md).\n\n1. a\n3. b\n",
            "long.md": PAGE + "word " * 80 + "[x](gone.md) " + "tail " * 40 + "\n",
        },
    )


def invoke(root, *args, env=None, stdin=None):
    import os

    old = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, list(args), env=env or {}, input=stdin)
    finally:
        os.chdir(old)


def test_colour_follows_force_color_no_color_and_the_option(tmp_path):
    root = make(tmp_path)
    plain = invoke(root, "check", "a.md", env={"NO_COLOR": None, "FORCE_COLOR": None})
    assert "\x1b[" not in plain.stdout  # not a terminal
    forced = invoke(root, "check", "a.md", env={"FORCE_COLOR": "1"})
    assert forced.stdout.splitlines()[0] == (
        "\x1b[1ma.md:5:9\x1b[0m: \x1b[31merror\x1b[0m [link-target] 'gone.md' resolves to "
        "/gone.md from this page's URL /a.html, which the site does not serve"
    )
    assert forced.stdout.splitlines()[2] == "            \x1b[1;31m^\x1b[0m"
    off = invoke(root, "check", "--color", "never", "a.md", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in off.stdout
    on = invoke(root, "check", "--color", "always", "a.md", env={"NO_COLOR": "1"})
    assert "\x1b[31merror" in on.stdout
    assert plain.exit_code == forced.exit_code == 1


def test_quiet_and_show_hide_findings_but_not_the_exit_code(tmp_path):
    root = make(tmp_path)
    res = invoke(root, "check", "--no-source", "--quiet", "--fail-on", "warning", "a.md")
    assert res.stdout.splitlines() == [
        "a.md:5:9: error [link-target] 'gone.md' resolves to /gone.md from this page's URL "
        "/a.html, which the site does not serve",
        res.stdout.splitlines()[1],
    ]
    assert res.stdout.splitlines()[1].startswith("Found 1 error, 1 warning, 0 info in 1 file (")
    assert res.stdout.splitlines()[1].endswith("; 1 below the --show level not shown).")
    assert res.exit_code == 1
    res = invoke(root, "check", "--no-source", "--show", "warning", "a.md")
    assert [line.split(" ")[1] for line in res.stdout.splitlines()[:-1]] == ["error", "warning"]


def test_a_long_line_is_shown_as_a_window_around_the_column(tmp_path):
    root = make(tmp_path)
    res = invoke(root, "check", "--select", "link-target", "long.md")
    lines = res.stdout.splitlines()
    assert lines[0].startswith("long.md:5:405: error [link-target]")
    source, caret = lines[1][4:], lines[2][4:]
    assert source.startswith("…") and source.endswith("…")
    assert len(source) == 122
    assert source[len(caret) - 1 :].startswith("gone.md")


def test_several_formats_in_one_run(tmp_path):
    root = make(tmp_path)
    res = invoke(
        root,
        "check",
        "--format",
        "json",
        "--format",
        "sarif:out.sarif",
        "--format",
        "junit:out.xml",
        "a.md",
    )
    assert [f["rule"] for f in json.loads(res.stdout)] == ["link-target", "list-numbering"]
    sarif = json.loads((root / "out.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["link-target", "list-numbering"]
    assert (root / "out.xml").read_text(encoding="utf-8").startswith("<?xml")
    res = invoke(root, "check", "--format", "json", "--format", "sarif", "a.md")
    assert res.exit_code == 2
    assert "several --format without a file" in res.stderr


def test_markdown_from_standard_input(tmp_path):
    root = make(tmp_path)
    res = invoke(
        root,
        "check",
        "--no-source",
        "-",
        "--stdin-filename",
        "sub/new.md",
        stdin=PAGE + "[x](gone.md) [y](../a.md)\n",
    )
    assert res.stdout.splitlines()[0] == (
        "sub/new.md:5:5: error [link-target] 'gone.md' resolves to /sub/gone.md from this "
        "page's URL /sub/new.html, which the site does not serve"
    )
    assert res.exit_code == 1
    res = invoke(root, "check", "-")
    assert res.exit_code == 2
    assert res.stderr == (
        "lintkit: error: reading Markdown from standard input ('-') needs --stdin-filename "
        "PATH: the file of the site it stands for, so that its links can be resolved\n"
    )
