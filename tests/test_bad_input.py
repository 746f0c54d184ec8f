"""Bad input gives a finding or one clear error line, never a traceback, and
the other files are still checked."""

from __future__ import annotations

import os

import pytest
from conftest import check, run_cli

GOOD_BROKEN = "---\nlayout: default\ntitle: G\n---\n\n[x]({% link missing.md %})\n"
BOMB = (
    "---\n"
    + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    )
    + "title: t\n---\nBody\n"
)


def only(findings, rel):
    return [f for f in findings if f[0] == rel]


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.md", b"", [("empty.md", 0, 0, "load")]),
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [("binary.md", 0, 0, "load")]),
        (
            "latin1.md",
            "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
            [("latin1.md", 2, 11, "load")],
        ),
        (
            "unclosed.md",
            b"---\ntitle: x\nlayout: y\n\nBody text\n",
            [("unclosed.md", 1, 1, "front-matter")],
        ),
        (
            "python.md",
            b"---\ntitle: !!python/object/apply:os.system ['echo hi']\nlayout: d\n---\n",
            [("python.md", 2, 8, "front-matter")],
        ),
        ("bomb.md", BOMB.encode(), [("bomb.md", 2, 0, "front-matter")]),
        (
            "cyclic.md",
            b"---\na: &a [*a]\ntitle: t\nlayout: l\n---\n",
            [("cyclic.md", 2, 0, "front-matter")],
        ),
        ("scalar.md", b"---\njust a string\n---\n", [("scalar.md", 2, 1, "front-matter")]),
    ],
)
def test_bad_file_gives_one_finding_and_the_run_goes_on(site, name, content, expected):
    root = site({name: content, "good.md": GOOD_BROKEN})
    findings, result = check(root)
    assert only(findings, name) == expected
    assert only(findings, "good.md") == [("good.md", 6, 5, "link-tag")]
    assert result.errors == []


def test_messages_say_what_is_wrong(site):
    root = site(
        {
            "latin1.md": "caf\xe9\n".encode("latin-1"),
            "bomb.md": BOMB.encode(),
            "binary.md": b"\x00\x01",
        }
    )
    _, result = check(root)
    messages = {f.path.rsplit("/", 1)[-1]: f.message for f in result.findings}
    assert messages["latin1.md"].startswith("invalid UTF-8 (byte 0xe9 at offset 3)")
    assert "aliases" in messages["bomb.md"]
    assert messages["binary.md"].startswith("the file is binary")


def test_unreadable_file(site, tmp_path):
    root = site({"good.md": GOOD_BROKEN})
    os.symlink(root / "nowhere.md", root / "dangling.md")  # inside the site, to nothing
    findings, result = check(root)
    assert only(findings, "dangling.md") == [("dangling.md", 0, 0, "load")]
    assert "cannot read the file" in result.findings[0].message
    assert only(findings, "good.md") == [("good.md", 6, 5, "link-tag")]


@pytest.mark.slow  # a 5 MB document
def test_huge_document(site):
    para = "Some words in a paragraph with a [link](page.html) and **bold** text.\n\n"
    text = (
        "---\nlayout: default\ntitle: Big\n---\n"
        + para * (5_000_000 // len(para))
        + "[x](gone.html)\n"
    )
    assert len(text) > 5_000_000
    root = site({"big.md": text, "page.md": "---\nlayout: d\ntitle: p\n---\n"})
    findings, _result = check(root)
    last = text.count("\n")
    assert findings == [("big.md", last, 5, "link-target")]


def test_list_nested_a_thousand_deep(site):
    fm = "---\ntitle: Deep\n---\n"  # rendered pages: Jekyll evaluates their link tags
    text = fm + "".join("  " * i + "- item\n" for i in range(1000)) + "\n[x]({% link gone.md %})\n"
    quotes = fm + ">" * 1000 + " deep\n\n[y]({% link gone.md %})\n"
    root = site({"deep.md": text, "quotes.md": quotes})
    findings, result = check(root)
    assert ("deep.md", 1005, 5, "link-tag") in findings
    assert ("quotes.md", 6, 5, "link-tag") in findings
    assert result.errors == []


def test_link_target_escaping_the_site_root(site):
    root = site(
        {
            "page.md": "---\nlayout: d\ntitle: p\n---\n[a](../../../etc/passwd)\n[b]({% link ../../etc/passwd %})\n",
            "raw.md": "[c](../outside.md)\n",
        }
    )
    findings, result = check(root)
    assert findings == [
        ("page.md", 5, 5, "link-target"),
        ("page.md", 6, 5, "link-tag"),
        ("raw.md", 1, 5, "link-target"),
    ]
    assert "outside the site" in result.findings[0].message


def test_bad_arguments_are_one_line_and_exit_2(tmp_path):
    res = run_cli("check", str(tmp_path / "no-such-dir"))
    assert res.exit_code == 2
    assert res.stderr == f"lintkit: error: path '{tmp_path / 'no-such-dir'}' does not exist\n"
    res = run_cli("check", "--select", "no-such-rule", str(tmp_path))
    assert res.exit_code == 2
    assert (
        res.stderr
        == "lintkit: error: --select: unknown rule 'no-such-rule'; 'lintkit rules' lists them\n"
    )


def test_broken_config_is_one_line_and_exit_2(site):
    root = site({"page.md": "text\n", ".lintkit.yml": "rules:\n  link-tagg: off\n"})
    res = run_cli("check", str(root))
    assert res.exit_code == 2
    lines = res.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(
        ".lintkit.yml:2: rules.link-tagg: unknown rule (did you mean 'link-tag'?); "
        "'lintkit rules' lists them"
    )
