"""One document, or one rule, that makes lintkit fail is an internal-error
finding; every other document is still checked and the exit code is 1, not 2."""

from __future__ import annotations

import dataclasses

from conftest import json_findings, run_cli
from lintkit.rules import link_tag

GOOD = "---\ntitle: G\nlayout: d\n---\n\n[x]({% link missing.md %})\n"


def _boom_on(name):
    real = link_tag.RULE.check

    def check(doc, site, options):
        if doc.rel == name:
            raise RuntimeError("boom\nwith a second line")
        return real(doc, site, options)

    return dataclasses.replace(link_tag.RULE, check=check)


def test_a_rule_that_fails_on_one_document_is_a_finding_there(site, monkeypatch):
    root = site({"bad.md": GOOD, "good.md": GOOD})
    monkeypatch.setattr(link_tag, "RULE", _boom_on("bad.md"))
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert json_findings(res) == [
        ("bad.md", 0, 0, "internal-error"),
        ("good.md", 6, 5, "link-tag"),
    ]
    message = next(f for f in __import__("json").loads(res.stdout) if f["path"] == "bad.md")
    assert message["message"] == (
        "lintkit failed while running rule link-tag on this file (RuntimeError: boom with a "
        "second line); the other files were checked. This is a bug in lintkit: please report "
        "it with this file (--verbose prints the traceback)"
    )
    assert res.stderr == ""


def test_verbose_prints_the_traceback(site, monkeypatch):
    root = site({"bad.md": GOOD})
    monkeypatch.setattr(link_tag, "RULE", _boom_on("bad.md"))
    res = run_cli("check", "--verbose", ".", cwd=root)
    assert res.exit_code == 1
    assert res.stderr.startswith("lintkit: internal error in bad.md [link-tag]:\nTraceback")
    assert 'raise RuntimeError("boom\\nwith a second line")' in res.stderr


def test_a_document_that_fails_to_load_is_a_finding_there(site, monkeypatch):
    from lintkit import document

    real = document.Document.from_bytes.__func__

    def from_bytes(cls, path, rel, display, raw):
        if rel == "bad.md":
            raise MemoryError()
        return real(cls, path, rel, display, raw)

    monkeypatch.setattr(document.Document, "from_bytes", classmethod(from_bytes))
    root = site({"bad.md": GOOD, "good.md": GOOD})
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert json_findings(res) == [
        ("bad.md", 0, 0, "internal-error"),
        ("good.md", 6, 5, "link-tag"),
    ]


def test_a_site_rule_that_fails_is_a_finding_on_the_site(site, monkeypatch):
    from lintkit import engine
    from lintkit.rule import Rule

    def boom(docs, site, options):
        raise ValueError("site rule failed")

    real = engine.all_rules

    def rules():
        table = real()
        table["boom-site"] = Rule("boom-site", "fails", "error", boom, scope="site")
        return table

    monkeypatch.setattr(engine, "all_rules", rules)
    root = site({"a.md": GOOD, ".lintkit.yml": "rules:\n  boom-site: error\n"})
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1, res.output
    assert json_findings(res) == [
        ("_config.yml", 0, 0, "internal-error"),
        ("a.md", 6, 5, "link-tag"),
    ]
