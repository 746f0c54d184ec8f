"""Helpers for the fix tests: run the fixer on a small site and pin bytes."""

from __future__ import annotations

from pathlib import Path

from conftest import write_site

from lintkit import fixer
from lintkit.engine import Engine

FM = "---\ntitle: T\nlayout: default\n---\n"
BOM = b"\xef\xbb\xbf"


def run_fixer(root: Path, select=(), unsafe=False, write=True, paths=None) -> fixer.Outcome:
    def make():
        return Engine(site_root=str(root), select=select)

    return fixer.run(make, paths or [str(root)], unsafe=unsafe, write=write)


def fix_file(
    tmp_path: Path,
    rel: str,
    raw: bytes,
    others: dict | None = None,
    select=(),
    unsafe=False,
    config: str = "title: Test\n",
) -> bytes:
    """Write a site with ``rel`` holding ``raw``, fix it, check that a second
    fix changes nothing, and return the bytes of ``rel`` after fixing."""
    root = write_site(tmp_path / "site", {**(others or {}), rel: raw}, config)
    first = run_fixer(root, select, unsafe)
    assert first.errors == []
    after = (root / rel).read_bytes()
    second = run_fixer(root, select, unsafe)
    assert second.errors == []
    assert second.files == {}, "a second --fix changed something"
    assert (root / rel).read_bytes() == after
    return after


def styles(text: str):
    """(name, bytes) of ``text`` as LF, CRLF and BOM + CRLF files."""
    lf = text.encode("utf-8")
    crlf = text.replace("\n", "\r\n").encode("utf-8")
    return [("lf", lf), ("crlf", crlf), ("bom-crlf", BOM + crlf), ("bom-lf", BOM + lf)]


def assert_fixes(tmp_path: Path, rel: str, before: str, after: str, **kwargs) -> None:
    """``before`` fixes to exactly ``after`` in every line-ending / BOM style."""
    for name, raw in styles(before):
        expected = dict(styles(after))[name]
        got = fix_file(tmp_path / name, rel, raw, **kwargs)
        assert got == expected, name
