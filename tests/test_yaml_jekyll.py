"""YAML is read as Jekyll (Psych) reads it, in pages, _config.yml, _data and
.lintkit.yml: odd values are data or findings, never the end of the run; alias
bombs are refused everywhere."""

from __future__ import annotations

import datetime

import pytest
from conftest import check, json_findings, run_cli

from lintkit import yamlread

BIG = "9" * 4400
ODD = [
    ("2027-06-31", "2027-06-31"),
    ("2024-13-01", "2024-13-01"),
    ("2024-01-01 25:61:00", "2024-01-01 25:61:00"),
    ("!!bool maybe", "maybe"),
    ("!!int 0b2", "0b2"),
    ("!!float x", "x"),
    ("!!timestamp soon", "soon"),
    (BIG, BIG),
    ("9999-12-31 23:59:59 -12:00", "9999-12-31 23:59:59 -12:00"),
]
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
PAGE = "---\ntitle: P\nlayout: d\n---\n\n[x]({% link missing.md %})\n"


@pytest.mark.parametrize("text, value", ODD)
def test_values_psych_cannot_convert_stay_strings(text, value):
    assert yamlread.load(f"k: {text}\n") == {"k": value}


def test_values_that_convert_are_still_converted():
    assert yamlread.load("a: 2024-02-29\nb: !!int '12'\nc: yes\nd: 1_000\n") == {
        "a": datetime.date(2024, 2, 29),
        "b": 12,
        "c": True,
        "d": 1000,
    }


def test_unknown_tags_are_notes_and_the_value_is_read_untagged():
    notes: list = []
    assert yamlread.load("a: !foo 12\nb: !bar [1]\n", notes=notes) == {"a": 12, "b": [1]}
    assert notes == [
        (1, 4, "unknown YAML tag '!foo': Jekyll ignores it and reads the value as if untagged"),
        (2, 4, "unknown YAML tag '!bar': Jekyll ignores it and reads the value as if untagged"),
    ]


def test_object_tags_are_refused():
    with pytest.raises(yamlread.YAMLProblem) as info:
        yamlread.load("a: !!python/object/apply:os.system ['echo hi']\n")
    assert info.value.line == 1 and info.value.column == 4


def test_alias_bomb_is_refused_before_anything_walks_it():
    with pytest.raises(yamlread.YAMLProblem) as info:
        yamlread.load(BOMB + "x: *i\n", max_nodes=100_000)
    assert info.value.message == (
        "expands to more than 100,000 values (YAML aliases?); refusing to use it"
    )


@pytest.mark.parametrize("text, value", ODD)
def test_odd_values_in_a_page(site, text, value):
    root = site({"p.md": f"---\ntitle: P\nlayout: d\nexpiry_date: {text}\n---\n\nText\n"})
    findings, result = check(root)
    assert findings == []
    assert result.errors == []


@pytest.mark.parametrize("text, value", ODD)
def test_odd_values_in_config_and_data(site, text, value):
    root = site(
        {"p.md": PAGE, "_data/d.yml": f"k: {text}\n", "_posts/2024-01-01-a.md": PAGE},
        config=f"title: T\nstarted: {text}\n",
    )
    findings, _ = check(root)
    assert findings == [("_posts/2024-01-01-a.md", 6, 5, "link-tag"), ("p.md", 6, 5, "link-tag")]


def test_post_dated_at_the_end_of_time(site):
    root = site(
        {
            "_posts/2024-01-01-a.md": "---\ntitle: A\nlayout: d\ndate: 9999-12-31 23:59:59 -12:00\n---\nA\n",
            "p.md": "---\ntitle: P\nlayout: d\n---\n[a]({% post_url 2024-01-01-a %})\n",
        }
    )
    findings, _ = check(root)
    assert findings == []


def test_defaults_that_is_not_a_list(site):
    root = site({"p.md": PAGE}, config="title: T\ndefaults: 1\n")
    findings, _ = check(root)
    assert findings == [("p.md", 6, 5, "link-tag")]


@pytest.mark.parametrize("text", [t for t, _ in ODD if t != BIG])
def test_odd_values_in_lintkit_yml_are_one_line_with_file_line_and_key(site, text):
    root = site({"p.md": PAGE, ".lintkit.yml": f"rules:\n  link-tag:\n    severity: {text}\n"})
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 2
    assert res.stderr.startswith(
        "lintkit: error: .lintkit.yml:3: rules.link-tag.severity: expected one of error, "
        "warning, info, got '"
    )
    assert res.stderr.count("\n") == 1


def test_alias_bombs_in_config_permalink_data_and_lintkit_yml(site):
    root = site(
        {
            "p.md": "---\ntitle: P\nlayout: d\n" + BOMB + "permalink: *i\n---\n\nText\n",
            "q.md": PAGE,
            "_data/d.yml": BOMB,
        },
        config="title: T\n" + BOMB + "baseurl: *i\n",
    )
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert json_findings(res) == [
        ("_config.yml", 0, 0, "load"),
        ("p.md", 2, 0, "front-matter"),
        ("q.md", 6, 5, "link-tag"),
    ]
    (root / ".lintkit.yml").write_text(BOMB + "rules:\n  link-tag: *i\n")
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 2
    assert res.stderr == (
        "lintkit: error: .lintkit.yml: the configuration expands to more than 100,000 values "
        "(YAML aliases?); refusing to use it\n"
    )


def test_alias_bomb_in_a_data_file_read_by_a_rule(site):
    root = site(
        {
            "p.md": "---\ntitle: P\nlayout: d\ntheme: x\n---\n\nText\n",
            "_data/themes.yml": BOMB,
            ".lintkit.yml": (
                "define:\n  - id: theme-known\n    kind: front-matter\n"
                "    keys:\n      theme: {ref: {data: themes}}\n"
            ),
        }
    )
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1, res.output
    assert json_findings(res) == [("p.md", 4, 1, "theme-known")]
