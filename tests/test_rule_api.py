"""The rule API: rules found without a list, options that validate
themselves (choices, regex, glob, path), tags that --select / --ignore take."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import json_findings, run_cli, write_site
from lintkit.rules import MODULES, all_rules

from lintkit.rule import Option

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


def test_every_rule_module_is_found_and_the_default_preset_names_each_once():
    on_disk = sorted(p.stem for p in RULES_DIR.glob("*.py") if not p.stem.startswith("_"))
    assert list(MODULES) == on_disk
    ids = sorted(all_rules())
    assert len(ids) == len(MODULES)
    preset = yaml.safe_load((RULES_DIR / "default.yml").read_text(encoding="utf-8"))
    assert sorted(preset["rules"]) == ids
    for rid, rule in all_rules().items():
        assert preset["rules"][rid] == rule.severity, rid


def test_option_choices_and_kinds():
    assert Option(str, "a", "d", choices=("a", "b")).problem("c") == (
        (),
        "expected one of a, b, got 'c'",
    )
    assert Option(list, [], "d", kind="glob").problem(["ok/**", "a/[z-a]"]) == (
        (1,),
        "'a/[z-a]' is not a valid glob",
    )
    assert Option(str, "", "d", kind="regex").problem("(") == (
        (),
        "not a valid regular expression: missing ), unterminated subpattern at position 0",
    )
    assert Option(str, "", "d", kind="path").problem("../words.txt") == (
        (),
        "'../words.txt' must be a path relative to the site root, without '..'",
    )
    assert Option(str, "", "d", kind="path").problem("/etc/words") == (
        (),
        "'/etc/words' must be a path relative to the site root, without '..'",
    )
    assert Option(list, [], "d", kind="glob").problem(["**/*.md"]) is None
    assert Option(str, "", "d", kind="path").problem(".lintkit/words.txt") is None
    assert Option(int, 1, "d").problem("x") == ((), "expected a whole number, got 'x'")


def test_option_kinds_are_checked_by_the_config_loader_whatever_the_name(tmp_path):
    root = write_site(
        tmp_path / "s",
        {
            "a.md": "---\ntitle: A\nlayout: x\n---\nText.\n",
            ".lintkit.yml": "rules:\n  draft-notice:\n    pattern: '('\n"
            "  list-numbering:\n    milestone-paths: ['ok', 'a/[z-a]']\n",
        },
    )
    res = run_cli("check", str(root))
    assert res.exit_code == 2
    assert res.output.strip().endswith(
        ".lintkit.yml:3: rules.draft-notice.pattern: not a valid regular expression: "
        "missing ), unterminated subpattern at position 0"
    )
    (root / ".lintkit.yml").write_text(
        "rules:\n  list-numbering:\n    milestone-paths: ['ok', 'a/[z-a]']\n", encoding="utf-8"
    )
    res = run_cli("check", str(root))
    assert res.exit_code == 2
    assert res.output.strip().endswith(
        "rules.list-numbering.milestone-paths.1: 'a/[z-a]' is not a valid glob"
    )


def test_select_and_ignore_take_tags(tmp_path):
    root = write_site(
        tmp_path / "s",
        {
            "a.md": "---\ntitle: A\n---\nSee [b](b.html) and {% link c.md %}.\n\n"
            "3. one\n1. two\n\nBroken {{ output\n",
        },
    )
    everything = json_findings(run_cli("check", str(root), "--format", "json"))
    assert [f[1:] for f in everything] == [
        (4, 9, "link-target"),
        (4, 21, "link-tag"),
        (7, 1, "list-numbering"),
        (9, 8, "liquid-syntax"),
    ]
    links = json_findings(run_cli("check", str(root), "--format", "json", "--select", "links"))
    assert [f[1:] for f in links] == [(4, 9, "link-target"), (4, 21, "link-tag")]
    rest = json_findings(run_cli("check", str(root), "--format", "json", "--ignore", "links"))
    assert [f[1:] for f in rest] == [(7, 1, "list-numbering"), (9, 8, "liquid-syntax")]
    mixed = json_findings(
        run_cli("check", str(root), "--format", "json", "--select", "lists,link-tag")
    )
    assert [f[1:] for f in mixed] == [(4, 21, "link-tag"), (7, 1, "list-numbering")]
    res = run_cli("check", str(root), "--select", "linkz")
    assert res.exit_code == 2
    assert "--select: unknown rule 'linkz'; 'lintkit rules' lists them" in res.output


def test_the_engine_stamps_the_rule_id_and_severity(tmp_path, monkeypatch):
    from lintkit import engine
    from lintkit.rule import finding, rule

    @rule("says-hello", "Greets every page", tags=("prose",))
    def hello(doc, site, options):
        yield finding(doc, 4, 2, "hello")  # no id written here

    real = engine.all_rules
    monkeypatch.setattr(engine, "all_rules", lambda: {**real(), "says-hello": hello})
    root = write_site(
        tmp_path / "s",
        {"a.md": "---\ntitle: A\n---\nText.\n", ".lintkit.yml": "rules:\n  says-hello: warning\n"},
    )
    res = run_cli("check", str(root), "--format", "json", "--select", "prose")
    assert [(f["line"], f["column"], f["rule"], f["severity"]) for f in _json(res)] == [
        (4, 2, "says-hello", "warning")
    ]


def _json(res):
    import json

    return json.loads(res.stdout)
