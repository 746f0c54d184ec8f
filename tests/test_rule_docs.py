"""Every built-in rule documents itself, and every documentation example is
true: run through lintkit, it yields exactly the finding it shows."""

from __future__ import annotations

import re

import pytest
from lk_sites import lines, make_site, run

from lintkit.engine import all_rules
from lintkit.rule import DOC_SECTIONS, Option, Rule

RULES = all_rules()
_BLOCK_RE = re.compile(r"```(\w+)\n(.*?)```", re.S)
_SETUP_RE = re.compile(r"<!-- example-site:(.*?)-->", re.S)
_ENGINE_RE = re.compile(r"<!-- example-engine:(.*?)-->", re.S)  # Engine flags (external)
_FINDING_RE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>\w+) \[(?P<rule>[\w-]+)\] "
)


def doc_problems(r: Rule):
    problems = []
    for section in DOC_SECTIONS:
        if section not in r.doc:
            problems.append(f"{r.id}: no '{section}' section")
    example = r.doc.split("## Example", 1)[-1].split("\n## ", 1)[0]
    blocks = dict((lang, body) for lang, body in _BLOCK_RE.findall(example))
    if "markdown" not in blocks or "text" not in blocks:
        problems.append(f"{r.id}: the Example needs a ```markdown block and a ```text block")
    if not r.summary.strip():
        problems.append(f"{r.id}: no summary")
    if r.severity not in ("error", "warning", "info"):
        problems.append(f"{r.id}: default severity {r.severity!r}")
    for name, opt in r.options.items():
        if not isinstance(opt, Option) or not isinstance(opt.type, type):
            problems.append(f"{r.id}: option {name} has no type")
            continue
        if opt.default is None:
            problems.append(f"{r.id}: option {name} has no default")
        elif opt.validate(opt.default):
            problems.append(f"{r.id}: option {name}'s default does not fit its type")
        if not (opt.doc or "").strip():
            problems.append(f"{r.id}: option {name} has no doc")
    return problems


@pytest.mark.parametrize("rid", sorted(RULES))
def test_rule_is_documented(rid):
    assert doc_problems(RULES[rid]) == []


def test_the_documentation_check_catches_gaps():
    def check(doc, site, options):
        return ()

    check.__module__ = __name__
    bad = Rule(
        "bad-rule",
        "A rule",
        "error",
        check,
        {"n": Option(int, None, "a number"), "s": Option(str, "x", ""), "t": Option(list, 3, "d")},
        "## What it checks\n\nx\n\n## Example\n\n```markdown\nx\n```\n",
    )
    assert doc_problems(bad) == [
        "bad-rule: no '## Why' section",
        "bad-rule: no '## How to fix' section",
        "bad-rule: the Example needs a ```markdown block and a ```text block",
        "bad-rule: option n has no default",
        "bad-rule: option s has no doc",
        "bad-rule: option t's default does not fit its type",
    ]


def example_of(r: Rule):
    example = r.doc.split("## Example", 1)[1].split("\n## ", 1)[0]
    blocks = _BLOCK_RE.findall(example)
    markdown = next(body for lang, body in blocks if lang == "markdown")
    expected = next(body for lang, body in blocks if lang == "text").strip().splitlines()
    setup = _SETUP_RE.search(example)
    extra = setup.group(1).split() if setup else []
    flags = _ENGINE_RE.search(example)
    extra_flags = {name: True for name in (flags.group(1).split() if flags else [])}
    return markdown, expected, extra, extra_flags


@pytest.mark.parametrize("rid", sorted(RULES))
def test_documentation_example_is_true(tmp_path, rid):
    markdown, expected, extra, flags = example_of(RULES[rid])
    m = _FINDING_RE.match(expected[0])
    assert m, f"{rid}: the text block does not start with path:line:col: severity [rule]"
    path = m.group("path")
    files = {path: markdown}
    for rel in extra:  # pages the example refers to
        files.setdefault(
            rel, "---\ntitle: T\nlayout: default\n---\nText.\n" if rel.endswith(".md") else "x\n"
        )
    make_site(tmp_path, files, config="title: Example\n")
    found = lines(run(tmp_path, [path], **flags))
    assert found == expected


def test_lintkit_rule_prints_the_documentation_without_the_setup_comment():
    from click.testing import CliRunner

    from lintkit.cli import main

    result = CliRunner().invoke(main, ["rule", "link-tag"])
    assert result.exit_code == 0
    assert result.output.startswith(
        "link-tag (error): Jekyll link, include and post_url tags name "
        "existing files\n\nlink-tag: every ``{% link %}``"
    )
    assert "example-site" not in result.output and "## Example" in result.output


@pytest.mark.parametrize("rid", sorted(all_rules()))
def test_how_to_fix_says_whether_check_fix_repairs(rid):
    """A fixable rule's "How to fix" says what ``lintkit check --fix`` does;
    a rule without fixes does not promise one."""
    rule = all_rules()[rid]
    how = rule.doc.split("## How to fix", 1)[1]
    assert ("lintkit check --fix" in " ".join(how.split())) == rule.fixable
