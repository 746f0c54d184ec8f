"""Site text never acts on the terminal or the CI log: every report format
escapes control characters, file names that are not UTF-8 and lines that
GitHub Actions would run as workflow commands."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import run_cli

from lintkit.escape import defuse_line, visible
from lintkit.findings import Finding
from lintkit.report import github, text

FORMATS = ["text", "json", "github", "sarif", "junit", "gitlab"]
ANNOTATION = re.compile(
    r"::(error|warning|notice) file=[^\n:]*(,line=\d+(,col=\d+)?)?,title=[^:\n]*::[^\n]*"
)


def assert_inert(out: bytes, fmt: str) -> str:
    decoded = out.decode("utf-8")  # valid UTF-8, whatever the file names
    assert "\x1b" not in decoded and "\x9b" not in decoded and "\r" not in decoded
    for line in decoded.split("\n"):
        if line.lstrip().startswith("::"):
            assert fmt == "github" and ANNOTATION.fullmatch(line), line
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(decoded)
    if fmt == "junit":
        ET.fromstring(decoded.encode("utf-8"))
    return decoded


def test_visible_escapes_controls_bidi_and_undecodable_bytes():
    assert visible("a\x1b]8;;http://x\x1b\\b\x07") == "a\\x1b]8;;http://x\\x1b\\b\\x07"
    assert visible("caf" + b"\xff".decode("utf-8", "surrogateescape")) == "caf\\xff"
    assert visible("a\u202eb\nc\td") == "a\\u202eb\\x0ac\td"
    assert visible("a\tb", keep_tabs=False) == "a\\x09b"
    plain = "plain text é"
    assert visible(plain) is plain


def test_defuse_keeps_lines_from_being_workflow_commands():
    assert defuse_line("ok") == "ok"
    assert defuse_line("  ::add-mask::x") == "  \\x3a:add-mask::x"
    assert defuse_line("::error::y") == "\\x3a:error::y"
    assert defuse_line("a :: b") == "a :: b"


def test_text_report_escapes_path_message_and_source_and_keeps_the_caret_aligned():
    f = Finding(
        "a\x1b[31m.md", 3, 5, "link-tag", "bad\n::error::forged", "error", source="\x1b[2J[x]"
    )
    assert text.render_finding(f) == (
        "a\\x1b[31m.md:3:5: error [link-tag] bad\\x0a::error::forged\n    \\x1b[2J[x]\n           ^"
    )


def test_step_summary_cells_cannot_become_markdown_or_html():
    f = Finding("p|a.md", 1, 1, "link-target", "see ![x](https://host/t.png) <b>&amp; `c`", "error")
    summary = github.step_summary([f], ["p|a.md"])
    row = summary.rstrip("\n").split("\n")[-1]
    assert row == (
        "| error | p\\|a.md | 1 | 1 | link-target | "
        "see \\!\\[x\\]\\(https://host/t.png\\) \\<b\\>\\&amp; \\`c\\` |"
    )


def test_github_annotation_message_has_no_escape_sequence_or_line_break():
    f = Finding("a.md", 1, 2, "link-tag", "x\x1b[1m\n::warning::y%", "error")
    assert github.annotation(f, "error") == (
        "::error file=a.md,line=1,col=2,title=lintkit [link-tag]::x\\x1b[1m%0A::warning::y%25"
    )


HOSTILE_PAGE = (
    "---\ntitle: T\nlayout: d\n---\n\n"
    "[a]({% link\n::add-mask::secret\n::error file=x::forged.md %})\n\n"
    "[b](missing\x1b]8;;http://evil\x1b\\.md)\n"
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_page_and_file_names_in_every_format(site, fmt):
    files = {"page.md": HOSTILE_PAGE, "new\nline::error::x.md": HOSTILE_PAGE}
    root = site(files)
    os.rename(
        os.path.join(root, "page.md").encode(), os.path.join(root, "caf").encode() + b"\xff.md"
    )
    (root / "::warning::lead.md").write_text(HOSTILE_PAGE)
    res = run_cli("check", "--format", fmt, ".", cwd=root)
    assert res.exit_code == 1, res.output
    out = "\n" + assert_inert(res.stdout_bytes, fmt)
    out = out.replace("\\\\", "\\").replace("%5C", "\\")  # JSON and URI escapes
    assert "caf\\xff.md" in out
    if fmt == "text":
        assert "\n\\x3a:warning::lead.md:6:5: error [link-tag]" in out
        assert "\nnew\\x0aline::error::x.md:6:5: error [link-tag]" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_and_baseline_with_an_undecodable_name(site, fmt, tmp_path):
    root = site({"p.md": HOSTILE_PAGE})
    os.rename(os.path.join(root, "p.md").encode(), os.path.join(root, "p\xff.md").encode("latin-1"))
    res = run_cli("check", "--format", fmt, "--output", "report.out", ".", cwd=root)
    assert res.exit_code == 1, res.output
    assert_inert((root / "report.out").read_bytes(), fmt)
    res = run_cli("baseline", "--output", "base.json", ".", cwd=root)
    assert res.exit_code == 0, res.output
    assert "p\\\\xff.md" in (root / "base.json").read_bytes().decode("utf-8")
    res = run_cli("check", "--baseline", "base.json", ".", cwd=root)
    assert res.exit_code == 0, res.output
