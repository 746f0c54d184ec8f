"""Every file lintkit writes goes through lintkit.safeio: atomic, never through a link."""

from __future__ import annotations

import os
import secrets

import pytest
from conftest import run_cli, write_site

from lintkit import safeio


def test_write_replaces_the_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    safeio.write_text(str(target), "new \xe9\n")
    assert target.read_bytes() == "new \xe9\n".encode()
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["report.txt"]  # no temporary file left


def test_write_refuses_a_symlink_and_leaves_its_target_alone(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("keep me\n")
    link = tmp_path / "report.sarif"
    link.symlink_to(secret)
    with pytest.raises(safeio.UnsafePath) as info:
        safeio.write_text(str(link), "attacker\n")
    assert "symbolic link" in info.value.strerror
    assert secret.read_text() == "keep me\n"
    assert os.path.islink(link)
    assert sorted(os.listdir(tmp_path)) == ["report.sarif", "secret"]


def test_a_planted_temp_name_is_never_opened(tmp_path, monkeypatch):
    """The old code wrote '<output>.lintkit-tmp' with a plain open: a link
    planted there was followed. Temporary names are now random and O_EXCL."""
    secret = tmp_path / "secret"
    secret.write_text("keep me\n")
    (tmp_path / "out.json.lintkit-tmp").symlink_to(secret)
    names = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    (tmp_path / ".out.json.aaaaaaaaaaaa.lintkit-tmp").symlink_to(secret)
    monkeypatch.setattr(secrets, "token_hex", lambda n: next(names))  # safeio imports it late
    safeio.write_text(str(tmp_path / "out.json"), "[]\n")
    assert secret.read_text() == "keep me\n"
    assert (tmp_path / "out.json").read_text() == "[]\n"


def test_append_refuses_a_symlink(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("keep me\n")
    link = tmp_path / "summary.md"
    link.symlink_to(secret)
    with pytest.raises(safeio.UnsafePath):
        safeio.append_text(str(link), "## lintkit\n")
    assert secret.read_text() == "keep me\n"
    plain = tmp_path / "plain.md"
    safeio.append_text(str(plain), "a\n")
    safeio.append_text(str(plain), "b\n")
    assert plain.read_text() == "a\nb\n"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json", "--output", "out"],
        ["baseline", "--output", "out"],
        ["review", "--output", "out"],
    ],
)
def test_commands_refuse_an_output_that_is_a_symlink(tmp_path, args):
    site = write_site(tmp_path / "site", {"a.md": "---\ntitle: A\nlayout: d\n---\nText\n"})
    secret = tmp_path / "secret"
    secret.write_text("keep me\n")
    (site / "out").symlink_to(secret)
    result = run_cli(*args, ".", cwd=site)
    assert result.exit_code == 2
    assert result.stderr.startswith("lintkit: error: cannot write 'out': it is a symbolic link")
    assert result.stderr.count("\n") == 1
    assert secret.read_text() == "keep me\n"
