"""The fixer: passes until stable, atomic writes, failures per file, --diff."""

import os
import stat

from conftest import run_cli, write_site
from fixkit import BOM, FM, run_fixer

from lintkit import fixer, safeio

BROKEN = FM + "\nSee [one](% link b.md %) and [two]{% link b.md %}.\n"
FIXED = FM + "\nSee [one]({% link b.md %}) and [two]({% link b.md %}).\n"
OTHER = FM + "\n[x](% link b.md %)\n"
OTHER_FIXED = FM + "\n[x]({% link b.md %})\n"


def make(tmp_path, files=None):
    return write_site(
        tmp_path / "site", files or {"a.md": BROKEN, "b.md": FM + "\nB\n", "c.md": OTHER}
    )


def test_fix_writes_and_reports(tmp_path):
    root = make(tmp_path)
    out = run_fixer(root)
    assert out.errors == []
    assert (root / "a.md").read_text() == FIXED
    assert (root / "c.md").read_text() == OTHER_FIXED
    assert out.fixed == 3
    assert [f.display.rsplit("/", 1)[-1] for f in out.changed] == ["a.md", "c.md"]
    assert out.result.findings == []
    assert fixer.summary(out, unsafe=False, write=True) == ["Fixed 3 findings in 2 files; 0 remain"]


def test_mode_bom_crlf_and_missing_final_newline_are_kept(tmp_path):
    raw = BOM + (FM + "\n[one](% link b.md %)").replace("\n", "\r\n").encode()
    root = make(tmp_path, {"a.md": raw, "b.md": FM})
    os.chmod(root / "a.md", 0o640)
    run_fixer(root)
    assert (root / "a.md").read_bytes() == BOM + (FM + "\n[one]({% link b.md %})").replace(
        "\n", "\r\n"
    ).encode()
    assert stat.S_IMODE(os.stat(root / "a.md").st_mode) == 0o640
    assert [p.name for p in root.iterdir() if "lintkit-tmp" in p.name] == []


def test_diff_changes_nothing_and_exits_1(tmp_path):
    root = make(tmp_path)
    before = {p: (root / p).read_bytes() for p in ("a.md", "c.md")}
    res = run_cli("check", "--diff", ".", cwd=root)
    assert res.exit_code == 1
    assert res.stdout == (
        "--- a/a.md\n+++ b/a.md\n@@ -3,4 +3,4 @@\n layout: default\n ---\n \n"
        "-See [one](% link b.md %) and [two]{% link b.md %}.\n"
        "+See [one]({% link b.md %}) and [two]({% link b.md %}).\n"
        "--- a/c.md\n+++ b/c.md\n@@ -3,4 +3,4 @@\n layout: default\n ---\n \n"
        "-[x](% link b.md %)\n+[x]({% link b.md %})\n"
    )
    assert "lintkit: Would fix 3 findings in 2 files; 0 remain after fixing" in res.stderr
    assert {p: (root / p).read_bytes() for p in before} == before
    assert run_cli("check", "--fix", ".", cwd=root).exit_code == 0
    res = run_cli("check", "--diff", ".", cwd=root)
    assert (res.exit_code, res.stdout) == (0, "")


def test_diff_marks_a_missing_final_newline(tmp_path):
    root = make(tmp_path, {"a.md": FM + "\n[one](% link b.md %)", "b.md": FM})
    res = run_cli("check", "--diff", ".", cwd=root)
    assert res.stdout.endswith(
        "-[one](% link b.md %)\n\\ No newline at end of file\n"
        "+[one]({% link b.md %})\n\\ No newline at end of file\n"
    )


def test_cli_fix_exit_codes_and_summary(tmp_path):
    root = make(tmp_path)
    (root / "d.md").write_text(FM + "\n[x]({% link nowhere.md %})\n")
    res = run_cli("check", "--fix", "--no-source", ".", cwd=root)
    assert res.exit_code == 1  # the link-tag finding remains
    assert "lintkit: Fixed 3 findings in 2 files; 1 remain" in res.stderr
    assert "d.md:6:5: error [link-tag]" in res.stdout
    res = run_cli("check", "--unsafe-fixes", ".", cwd=root)
    assert res.exit_code == 2
    assert "--unsafe-fixes applies fixes: give it with --fix or --diff" in res.stderr


def test_write_failure_leaves_the_file_and_fixes_the_others(tmp_path, monkeypatch):
    root = make(tmp_path)
    real = safeio.write_bytes

    def full(path, data):
        if path.endswith("a.md"):
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(safeio, "write_bytes", full)
    out = run_fixer(root)
    assert (root / "a.md").read_text() == BROKEN
    assert (root / "c.md").read_text() == OTHER_FIXED
    assert [e.rsplit("/", 1)[-1] for e in out.errors] == [
        "a.md: not fixed, cannot write it: No space left on device; the file is unchanged"
    ]
    assert out.fixed == 1
    # what remains is what is on disk: a.md's two findings
    assert [(f.path.rsplit("/", 1)[-1], f.rule) for f in out.result.findings] == [
        ("a.md", "malformed-link"),
        ("a.md", "malformed-link"),
    ]


def test_permission_denied_through_the_os(tmp_path, monkeypatch):
    root = make(tmp_path)
    real_open = os.open

    def deny(path, flags, *args):
        if os.path.basename(os.path.dirname(str(path))) == "site" and ".c.md." in str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    out = run_fixer(root)
    assert (root / "c.md").read_text() == OTHER
    assert (root / "a.md").read_text() == FIXED
    assert [e.rsplit("/", 1)[-1] for e in out.errors] == [
        "c.md: not fixed, cannot write it: Permission denied; the file is unchanged"
    ]


def test_file_changed_on_disk_is_not_overwritten(tmp_path, monkeypatch):
    root = make(tmp_path)
    real = fixer._write_all

    def edit_then_write(files, errors):
        (root / "a.md").write_text(BROKEN + "a new line the author typed\n")
        return real(files, errors)

    monkeypatch.setattr(fixer, "_write_all", edit_then_write)
    out = run_fixer(root)
    assert (root / "a.md").read_text() == BROKEN + "a new line the author typed\n"
    assert (root / "c.md").read_text() == OTHER_FIXED
    assert [e.rsplit("/", 1)[-1] for e in out.errors] == [
        "a.md: not fixed, it changed on disk while lintkit was fixing it; run lintkit again; "
        "the file is unchanged"
    ]


def test_symlinked_page_is_not_written_through(tmp_path):
    root = make(tmp_path, {"b.md": FM})
    outside = tmp_path / "outside.md"
    outside.write_text(OTHER)
    os.symlink(outside, root / "link.md")
    out = run_fixer(root)
    assert outside.read_text() == OTHER
    # A link out of the site is not even read (issue 10): a load finding, nothing to fix.
    assert out.errors == []
    loads = [f for f in out.result.findings if f.rule == "load"]
    assert [f.path.rsplit("/", 1)[-1] for f in loads] == ["link.md"]
    assert loads[0].message.startswith("it is a symbolic link to a file outside the site")


def test_standard_input_is_fixed_to_stdout_and_no_file_is_written(tmp_path):
    root = make(tmp_path)
    from click.testing import CliRunner

    from lintkit.cli import main

    old = os.getcwd()
    os.chdir(root)
    try:
        res = CliRunner().invoke(
            main, ["check", "--fix", "--stdin-filename", "c.md", "-"], input=OTHER.encode()
        )
        diff = CliRunner().invoke(
            main, ["check", "--diff", "--stdin-filename", "c.md", "-"], input=OTHER.encode()
        )
    finally:
        os.chdir(old)
    assert res.exit_code == 0
    assert res.stdout == OTHER_FIXED
    assert "lintkit: Fixed 1 finding in 1 file; 0 remain" in res.stderr
    assert diff.exit_code == 1
    assert diff.stdout.endswith("-[x](% link b.md %)\n+[x]({% link b.md %})\n")
    assert (root / "c.md").read_text() == OTHER  # the file on disk is untouched


SWAP = """\
define:
  - id: foo-to-bar
    kind: forbid-text
    pattern: foo
    replace: bar
    message: "write bar"
  - id: bar-to-foo
    kind: forbid-text
    pattern: bar
    replace: foo
    message: "write foo"
  - id: z-to-yx
    kind: forbid-text
    pattern: z
    replace: yx
    message: "write yx"
  - id: yx-to-zz
    kind: forbid-text
    pattern: yx
    replace: zz
    message: "write zz"
"""


def test_fixes_that_undo_each_other_are_a_reported_bug(tmp_path):
    root = make(
        tmp_path, {".lintkit.yml": SWAP, "a.md": FM + "foo\n", "b.md": FM + "[x](% link a.md %)\n"}
    )
    out = run_fixer(root, select=["foo-to-bar", "bar-to-foo", "malformed-link"])
    assert (root / "a.md").read_text() == FM + "foo\n"  # left as it was
    assert (root / "b.md").read_text() == FM + "[x]({% link a.md %})\n"  # others still fixed
    assert [e.rsplit("/", 1)[-1] for e in out.errors] == [
        "a.md: the fixes of bar-to-foo undo each other, so the file was left as it was "
        "(a bug in lintkit: please report it)"
    ]
    assert [(f.path.rsplit("/", 1)[-1], f.rule) for f in out.result.findings] == [
        ("a.md", "foo-to-bar")
    ]


def test_fixes_that_never_settle_are_a_reported_bug(tmp_path):
    root = make(tmp_path, {".lintkit.yml": SWAP, "a.md": FM + "z\n", "b.md": FM})
    res = run_cli("check", "--fix", "--select", "z-to-yx,yx-to-zz", ".", cwd=root)
    assert res.exit_code == 2
    assert (
        "lintkit: error: a.md: the fixes of yx-to-zz, z-to-yx did not settle after 8 passes, "
        "so the file was left as it was (a bug in lintkit: please report it)"
    ) in res.stderr
    assert (root / "a.md").read_text() == FM + "z\n"


def test_json_findings_carry_their_fix(tmp_path):
    import json

    root = make(tmp_path, {"a.md": FM + "[x](% link b.md %)\n", "b.md": FM})
    res = run_cli("check", "--format", "json", ".", cwd=root)
    (finding,) = json.loads(res.stdout)
    start = len((FM + "[x](").encode())
    assert finding["fix"] == {
        "title": "restore the braces of the link tag",
        "safety": "safe",
        "edits": [
            {"start": start, "end": start, "text": "{"},
            {"start": start + 13, "end": start + 13, "text": "}"},
        ],
    }


def test_the_readme_example_on_the_example_site(tmp_path):
    import shutil
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "site"
    shutil.copytree(example, tmp_path / "my-site")
    res = run_cli("check", "--diff", "my-site", cwd=tmp_path)
    assert res.exit_code == 1
    assert "lintkit: Would fix 5 findings in 5 files; 3 remain after fixing\n" in res.stderr
    assert res.stdout.count("\n--- a/") + res.stdout.startswith("--- a/") == 5
    res = run_cli("check", "--fix", "my-site", cwd=tmp_path)
    assert res.exit_code == 1
    assert res.stderr.startswith(
        "lintkit: Fixed 5 findings in 5 files; 3 remain\n"
        "lintkit: 1 more can be fixed with --unsafe-fixes"
    )
    assert "Found 3 errors, 0 warnings, 0 info in 8 files" in res.stdout


def test_a_plain_check_says_how_many_findings_fix_would_repair(tmp_path):
    root = make(tmp_path)
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert (
        res.stderr
        == "lintkit: 3 of these can be fixed with --fix (--diff shows the changes first)\n"
    )
    run_cli("check", "--fix", ".", cwd=root)
    assert run_cli("check", ".", cwd=root).stderr == ""
