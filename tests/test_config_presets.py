"""Configuration: presets, extends, overrides, pyproject, and precise errors."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from lk_sites import make_site, run

from lintkit import config as configmod
from lintkit.cli import main
from lintkit.engine import Engine, all_rules

PAGE = "---\ntitle: T\nlayout: default\n---\n"
BROKEN = {  # a page with one list-numbering and one draft-notice finding
    "society/x_milestones.md": PAGE + "Intro.\n\n1. a\n2. b\n2. c\n",
}


def cli(root, *args):
    old = os.getcwd()
    os.chdir(str(root))
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.output, result.stderr if hasattr(result, "stderr") else ""


@pytest.mark.parametrize("name", ["default", "jekyll", "samman"])
def test_every_preset_loads(name):
    assert name in configmod.presets()
    cfg = configmod.load(configmod.preset_path(name), all_rules())
    assert cfg.chain[0] == f"preset:{name}"
    assert cfg.chain[-1] == "preset:default"
    assert set(all_rules()) <= set(cfg.rules)


def test_presets_extend_each_other():
    samman = configmod.load(configmod.preset_path("samman"), all_rules())
    assert samman.chain == ["preset:samman", "preset:jekyll", "preset:default"]
    assert samman.rule_objects["jekyll-layout"].kind == "front-matter"
    assert samman.rule_objects["milestone-tracks"].scope == "site"


def test_default_preset_is_every_rule_at_its_defaults():
    cfg = configmod.load(None, all_rules())
    for rid, rule in all_rules().items():
        rc = cfg.rules[rid]
        assert (rc.enabled, rc.severity, rc.options) == (True, rule.severity, rule.defaults())
    assert set(cfg.rules) == set(all_rules())
    assert cfg.chain == ["preset:default"] and cfg.overrides == [] and cfg.exclude == []


def test_no_config_means_the_default_preset(tmp_path):
    make_site(tmp_path, BROKEN)
    engine = Engine(site_root=str(tmp_path))
    assert engine.config(str(tmp_path)).chain == ["preset:default"]
    assert [(r, s) for _, _, _, s, r, _ in run(tmp_path)] == [
        ("draft-notice", "error"),
        ("list-numbering", "warning"),
    ]


def test_extends_by_name_and_relative_path_with_severity_options_and_exclude(tmp_path):
    make_site(
        tmp_path,
        {
            **BROKEN,
            "drafts/old.md": PAGE + "1. a\n3. b\n",
            "_layouts/default.html": "{{ content }}\n",
            "conf/base.yml": "extends: jekyll\nexclude: ['drafts/**']\nrules:\n  list-numbering: error\n",
            ".lintkit.yml": "extends: conf/base.yml\nrules:\n  draft-notice:\n    paths: ['nothing/**']\n",
        },
    )
    cfg = Engine(site_root=str(tmp_path)).config(str(tmp_path))
    assert [os.path.basename(c) for c in cfg.chain] == [
        ".lintkit.yml",
        "base.yml",
        "preset:jekyll",
        "preset:default",
    ]
    assert cfg.exclude == ["drafts/**"]
    assert cfg.rules["list-numbering"].severity == "error"
    assert cfg.rules["draft-notice"].options["paths"] == ["nothing/**"]
    assert cfg.rules["draft-notice"].options["example"].startswith("_Note:")  # others kept
    assert [(p, r, s) for p, _, _, s, r, _ in run(tmp_path)] == [
        ("society/x_milestones.md", "list-numbering", "error")
    ]


def test_overrides_apply_in_order_to_matching_files_only(tmp_path):
    make_site(
        tmp_path,
        {
            **BROKEN,
            "b/page.md": PAGE + "1. a\n2. b\n2. c\n",
            ".lintkit.yml": (
                "overrides:\n"
                "  - files: ['society/**']\n"
                "    rules: {draft-notice: off, list-numbering: error}\n"
                "  - files: ['**/x_*.md']\n"
                "    rules: {list-numbering: info}\n"
            ),
        },
    )
    assert [(p, r, s) for p, _, _, s, r, _ in run(tmp_path)] == [
        ("b/page.md", "list-numbering", "warning"),
        ("society/x_milestones.md", "list-numbering", "info"),
    ]


def test_lintkit_config_prints_the_effective_configuration_for_a_path(tmp_path):
    make_site(
        tmp_path,
        {
            **BROKEN,
            ".lintkit.yml": (
                "exclude: [tmp/**]\nrules:\n  link-tag: warning\n"
                "overrides:\n  - files: ['society/**']\n    rules: {list-numbering: {min-items: 5}}\n"
            ),
        },
    )
    code, out, _ = cli(tmp_path, "config", "society/x_milestones.md")
    assert code == 0
    assert out.startswith(
        "sources:\n- .lintkit.yml\n- preset:default\nexclude:\n- tmp/**\n"
        "path: society/x_milestones.md\noverrides-applied:\n- .lintkit.yml:5\nrules:\n"
        "  draft-notice:\n    enabled: true\n    severity: error\n    options:\n"
    )
    assert "  link-tag:\n    enabled: true\n    severity: warning\n" in out
    assert (
        "  list-numbering:\n    enabled: true\n    severity: warning\n    options:\n"
        "      milestone-paths:\n      - '**/*_milestones.md'\n      min-items: 5\n" in out
    )
    _code2, out2, _ = cli(tmp_path, "config", "society/x_milestones.md")
    assert out2 == out  # deterministic
    code, out, _ = cli(tmp_path, "config")
    assert (
        "min-items: 3\n" in out
        and "overrides:\n- files:\n  - society/**\n  from: .lintkit.yml:5\n" in out
    )


def test_pyproject_tool_lintkit_with_extends(tmp_path):
    make_site(
        tmp_path,
        {
            **BROKEN,
            "_layouts/default.html": "{{ content }}\n",
            "pyproject.toml": '[tool.lintkit]\nextends = "jekyll"\n[tool.lintkit.rules]\n"draft-notice" = "off"\n',
        },
    )
    cfg = Engine(site_root=str(tmp_path)).config(str(tmp_path))
    assert [os.path.basename(c) for c in cfg.chain] == [
        "pyproject.toml",
        "preset:jekyll",
        "preset:default",
    ]
    assert [r for _, _, _, _, r, _ in run(tmp_path)] == ["list-numbering"]


# ------------------------------------------------------------------ errors
ERRORS = [
    (
        "unknown rule",
        "rules:\n  link-tags: warning\n",
        ".lintkit.yml:2: rules.link-tags: unknown rule (did you mean 'link-tag'?); 'lintkit rules' lists them",
    ),
    (
        "unknown option",
        "rules:\n  draft-notice:\n    path: [a]\n",
        ".lintkit.yml:3: rules.draft-notice.path: unknown option for draft-notice (did you mean 'paths'?); "
        "its options are: enabled, severity, paths, pattern, example",
    ),
    (
        "wrong type",
        "rules:\n  list-numbering:\n    min-items: three\n",
        ".lintkit.yml:3: rules.list-numbering.min-items: expected a whole number, got 'three'",
    ),
    (
        "bad severity",
        "rules:\n  link-tag: fatal\n",
        ".lintkit.yml:2: rules.link-tag: expected off, or a severity (error, warning, info), got 'fatal'",
    ),
    (
        "bad regex",
        "rules:\n  draft-notice:\n    pattern: '(draft'\n",
        ".lintkit.yml:3: rules.draft-notice.pattern: not a valid regular expression: "
        "missing ), unterminated subpattern at position 0",
    ),
    (
        "missing extends preset",
        "extends: samman-site\n",
        ".lintkit.yml:1: extends: no preset 'samman-site' (did you mean 'samman'?); presets: default, "
        "jekyll, samman (or give the path of a configuration file)",
    ),
    (
        "missing extends path",
        "extends: conf/base.yml\n",
        ".lintkit.yml:1: extends: 'conf/base.yml' does not exist (looked for conf/base.yml); "
        "a path is relative to the file that extends it",
    ),
    (
        "unknown top-level key",
        "rule:\n  link-tag: off\n",
        ".lintkit.yml:1: rule: unknown setting (did you mean 'rules'?); expected one of: extends, rules, "
        "exclude, overrides, define, include, deploy-paths, jekyll-version",
    ),
    (
        "override without files",
        "overrides:\n  - rules: {link-tag: off}\n",
        ".lintkit.yml:2: overrides.0.files: expected a list of path globs (relative to the site root)",
    ),
    (
        "override with an unknown rule",
        "overrides:\n  - files: ['a/**']\n    rules:\n      link-tagg: off\n",
        ".lintkit.yml:4: overrides.0.rules.link-tagg: unknown rule (did you mean 'link-tag'?); "
        "'lintkit rules' lists them",
    ),
    (
        "override with a bad option value",
        "overrides:\n  - files: ['a/**']\n    rules:\n      draft-notice: {paths: 'a/**'}\n",
        ".lintkit.yml:4: overrides.0.rules.draft-notice.paths: expected a list of strings, got 'a/**'",
    ),
    (
        "bad exclude glob",
        "exclude:\n  - 'a/[z-a]'\n",
        ".lintkit.yml:2: exclude.0: 'a/[z-a]' is not a valid glob",
    ),
    (
        "invalid YAML",
        "rules:\n  link-tag: [off\n",
        ".lintkit.yml:3: invalid YAML: did not find expected ',' or ']'",
    ),
]


@pytest.mark.parametrize("name,text,message", ERRORS, ids=[e[0] for e in ERRORS])
def test_config_errors_name_file_line_and_key(tmp_path, name, text, message):
    make_site(tmp_path, {**BROKEN, ".lintkit.yml": text})
    code, out, _err = cli(tmp_path, "check")
    assert code == 2
    assert out == f"lintkit: error: {message}\n"


def test_a_cycle_of_extends_is_an_error(tmp_path):
    make_site(
        tmp_path,
        {
            **BROKEN,
            ".lintkit.yml": "extends: conf/a.yml\n",
            "conf/a.yml": "# a\nextends: b.yml\n",
            "conf/b.yml": "extends: ./a.yml\n",
        },
    )
    code, out, _ = cli(tmp_path, "check")
    assert code == 2
    assert out == (
        "lintkit: error: conf/b.yml:1: extends: extends goes round in a cycle: "
        "conf/a.yml -> conf/b.yml -> conf/a.yml; remove one of the extends\n"
    )


def test_an_error_in_an_extended_file_names_that_file(tmp_path):
    make_site(
        tmp_path,
        {
            **BROKEN,
            ".lintkit.yml": "extends: conf/a.yml\n",
            "conf/a.yml": "rules:\n\n  nope: off\n",
        },
    )
    code, out, _ = cli(tmp_path, "check")
    assert (code, out) == (
        2,
        "lintkit: error: conf/a.yml:3: rules.nope: unknown rule; 'lintkit rules' lists them\n",
    )


def test_pyproject_errors_name_the_key(tmp_path):
    make_site(tmp_path, {**BROKEN, "pyproject.toml": '[tool.lintkit.rules]\n"link-tag" = "loud"\n'})
    code, out, _ = cli(tmp_path, "check")
    assert (code, out) == (
        2,
        "lintkit: error: pyproject.toml: rules.link-tag: expected off, or a "
        "severity (error, warning, info), got 'loud'\n",
    )


def test_select_accepts_a_defined_rule_and_rejects_an_unknown_one(tmp_path):
    make_site(
        tmp_path,
        {
            **BROKEN,
            ".lintkit.yml": "define:\n  - {id: no-intro, kind: forbid-text, pattern: Intro, message: no intro}\n",
        },
    )
    code, out, _ = cli(tmp_path, "check", "--no-source", "--select", "no-intro")
    assert code == 1
    assert out.splitlines()[0] == "society/x_milestones.md:5:1: error [no-intro] no intro"
    code, out, _ = cli(tmp_path, "check", "--select", "no-intros")
    assert (code, out) == (
        2,
        "lintkit: error: --select: unknown rule 'no-intros'; 'lintkit rules' lists them\n",
    )
