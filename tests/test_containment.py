"""lintkit reads only regular files inside the site: a link out of the site, a
named pipe or an unreadable folder is a finding, never a read, a hang or a
silent skip."""

from __future__ import annotations

import builtins
import json
import os

import pytest
from conftest import json_findings, run_cli

SECRET = "root:x:0:0:secret line"
PAGE = "---\ntitle: A\nlayout: d\n---\n\n[x]({% link missing.md %})\n"
OUTSIDE = (
    "it is a symbolic link to a file outside the site; Jekyll's safe mode (GitHub Pages) "
    "ignores it and lintkit does not read it: remove the link or copy the file into the site"
)
NOT_REGULAR = (
    "it is not a regular file (a named pipe, device or socket); Jekyll cannot build it "
    "and lintkit does not read it: remove it or add it to exclude"
)
FORMATS = ["text", "json", "github", "sarif", "junit", "gitlab"]


@pytest.fixture
def hostile(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n[x](nope.md)\n")
    (tmp_path / "outdir").mkdir()
    (tmp_path / "outdir" / "leak.md").write_text(SECRET + "\n")
    root = site({"a.md": PAGE, "sub/b.md": PAGE})
    os.symlink(os.path.relpath(secret, root), root / "notes.md")
    os.symlink(secret, root / "sub" / "passwd.md")
    os.symlink(tmp_path / "outdir", root / "ext")
    os.symlink("a.md", root / "alias.md")  # stays in the site: Jekyll follows it
    return root


@pytest.mark.parametrize("fmt", FORMATS)
def test_links_out_of_the_site_are_findings_and_never_read(hostile, fmt):
    res = run_cli("check", "--format", fmt, ".", cwd=hostile)
    assert res.exit_code == 1
    assert "secret line" not in res.output
    if fmt == "json":
        assert json_findings(res) == [
            ("a.md", 6, 5, "link-tag"),
            ("alias.md", 6, 5, "link-tag"),
            ("ext", 0, 0, "load"),
            ("notes.md", 0, 0, "load"),
            ("sub/b.md", 6, 5, "link-tag"),
            ("sub/passwd.md", 0, 0, "load"),
        ]


def test_a_link_given_by_name_is_not_read_either(hostile):
    res = run_cli("check", "notes.md", "sub/passwd.md", cwd=hostile)
    assert res.exit_code == 1
    assert res.stdout.startswith(f"notes.md: error [load] {OUTSIDE}\n")
    assert "secret line" not in res.output


def test_no_file_outside_the_site_is_opened(hostile, monkeypatch):
    import lintkit.rules

    import lintkit

    allowed = tuple(
        os.path.realpath(p) + os.sep
        for p in (
            hostile,
            os.path.dirname(lintkit.__file__),
            os.path.dirname(lintkit.rules.__file__),
        )
    )
    real_open, real_os_open = builtins.open, os.open
    opened = []

    def check(path):
        if isinstance(path, int):
            return
        real = os.path.realpath(os.fsdecode(path))
        opened.append(real)
        assert "secret" not in real and "outdir" not in real, real
        assert real.startswith(allowed), real

    def fake_open(file, *args, **kwargs):
        check(file)
        return real_open(file, *args, **kwargs)

    def fake_os_open(path, *args, **kwargs):
        check(path)
        return real_os_open(path, *args, **kwargs)

    run_cli("rules", cwd=hostile)  # import what the run imports before patching
    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    res = run_cli("check", "--format", "json", ".", cwd=hostile)
    assert res.exit_code == 1, res.output
    assert any(p.endswith("a.md") for p in opened)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipes_are_skipped_with_a_finding(site):
    root = site({"a.md": "---\ntitle: A\nlayout: d\n---\n\n![p](pipe.png)\n"})
    os.mkfifo(root / "pipe.png")
    os.mkfifo(root / "pipe.md")
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert json_findings(res) == [
        ("a.md", 6, 6, "link-target"),  # Jekyll does not copy a pipe: the image is missing
        ("pipe.md", 0, 0, "load"),
        ("pipe.png", 0, 0, "load"),
    ]
    res = run_cli("check", "pipe.md", cwd=root)
    assert res.stdout.startswith(f"pipe.md: error [load] {NOT_REGULAR}\n")


def test_an_unreadable_folder_is_a_finding_not_a_silent_skip(site, monkeypatch):
    root = site({"a.md": PAGE, "locked/b.md": PAGE})
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 1
    assert (
        "locked: error [load] cannot read the folder (Permission denied); its files were "
        "not checked\n"
    ) in res.stdout
    assert "No problems found" not in res.stdout


def test_links_out_of_the_site_for_config_files(site, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("title: " + SECRET + "\n")
    root = site({"a.md": PAGE}, config=None)
    os.symlink(secret, root / "_config.yml")
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert json_findings(res) == [("_config.yml", 0, 0, "load"), ("a.md", 6, 5, "link-tag")]
    assert "secret line" not in res.output
    os.symlink(secret, root / ".lintkit.yml")
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 2
    assert res.stderr == (
        f"lintkit: error: .lintkit.yml: cannot read the configuration: {OUTSIDE}\n"
    )


@pytest.mark.parametrize(
    ("key", "given"),
    [
        ("extends", "../secret.yml"),
        ("extends", "SECRET_ABS"),
        ("extends", "conf/link.yml"),
        ("include", "../secret.yml"),
        ("include", "conf/link.yml"),
    ],
)
def test_extends_and_include_never_reach_out_of_the_project(site, tmp_path, key, given):
    # A pull request's .lintkit.yml must not make lintkit read (and quote in an
    # error: the first key of the file) a file elsewhere on the runner.
    secret = tmp_path / "secret.yml"
    secret.write_text(SECRET.replace(":", "_") + ": 1\n")
    root = site({"a.md": PAGE})
    (root / "conf").mkdir()
    os.symlink(secret, root / "conf" / "link.yml")
    given = str(secret) if given == "SECRET_ABS" else given
    (root / ".lintkit.yml").write_text(f"{key}: {given}\n")
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 2
    assert res.stderr == (
        f"lintkit: error: .lintkit.yml:1: {key}: '{given}' is outside the project "
        "(.); lintkit reads configuration only from inside the repository of the "
        "first configuration file, so a pull request cannot make it read other files: "
        "copy the file into the project\n"
    )
    assert "secret line" not in res.output.replace("_", " ")


def test_extends_may_reach_up_to_the_repository_root(site, tmp_path):
    # A site in docs/ of a repository may share the repository's configuration.
    (tmp_path / ".git").mkdir()
    (tmp_path / "base.yml").write_text("extends: jekyll\nrules:\n  link-tag: warning\n")
    root = site({"a.md": PAGE})
    (root / ".lintkit.yml").write_text("extends: ../base.yml\n")
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    found = [(f["rule"], f["severity"]) for f in json.loads(res.stdout)]
    assert found == [("jekyll-layout", "error"), ("link-tag", "warning")]
