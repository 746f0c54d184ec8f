"""No pattern built from site content or configuration can run without
bound: ids built from Liquid and globs are matched by a linear automaton,
patterns from define: are time-boxed."""

from __future__ import annotations

import re

from conftest import json_findings, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit import globs, userregex, wildmatch

LONG = "a" * 20_000


def test_an_id_built_from_many_liquid_outputs_against_a_long_fragment(site):
    id_ = "a{{x}}" * 40 + "b"
    root = site(
        {
            "p.md": f'---\ntitle: P\nlayout: d\n---\n\n<a id="{id_}">x</a>\n\n[l](#{"a" * 5000})\n'
            f"\n[m](#{'aZ' * 40}b)\n"
        }
    )
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert json_findings(res) == [("p.md", 8, 5, "link-fragment")]  # the second one matches


def test_an_indented_line_then_many_blank_lines(site):
    """kramdown's blank-line pattern, (?:^\\s*\\n)+, backtracked exponentially
    over a run of blank lines after an indented line (found by tools/fuzz.py)."""
    text = "---\n\tindented: tab\n" + "\n" * 300 + "x\n---\n\n[a](#nope)\n"
    root = site({"society/x_milestones.md": text})
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert [f for f in json_findings(res) if f[3] == "link-fragment"] == [
        ("society/x_milestones.md", 306, 5, "link-fragment")
    ]


def test_a_glob_with_many_stars_against_a_long_name(site):
    name = "a" * 200 + ".md"
    root = site(
        {
            name: "---\ntitle: P\nlayout: d\n---\n\n[x]({% link missing.md %})\n",
            "b.md": "---\ntitle: P\nlayout: d\n---\n\n[x]({% link missing.md %})\n",
            ".lintkit.yml": "exclude: ['" + "*a" * 30 + "*b']\n",
        },
        config="title: T\nexclude: ['" + "*a" * 30 + "*b']\n",
    )
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 1
    assert json_findings(res) == [(name, 6, 5, "link-tag"), ("b.md", 6, 5, "link-tag")]


def test_glob_with_many_stars_is_matched_by_the_automaton():
    pattern = "*a" * 30 + "*b"
    assert isinstance(globs._matcher(pattern), wildmatch.Wildcard)
    assert not globs.match(pattern, LONG)
    assert globs.match(pattern, "x/" + "a" * 30 + "b")


def test_a_define_pattern_that_backtracks_is_stopped_with_a_warning(site):
    root = site(
        {
            "p.md": "---\ntitle: P\nlayout: d\n---\n\n" + "a" * 5000 + "!\n",
            "q.md": "---\ntitle: Q\nlayout: d\n---\n\nfine\n",
            ".lintkit.yml": (
                "define:\n  - {id: no-as, kind: forbid-text, pattern: '(a|aa)+$', message: too many}\n"
            ),
        }
    )
    res = run_cli("check", "--format", "json", ".", cwd=root)
    assert res.exit_code == 0, res.output
    found = json_findings(res)
    assert ("p.md", 0, 0, "no-as") in found
    assert all(f[2:] == (0, "no-as") for f in found)
    message = next(f["message"] for f in __import__("json").loads(res.stdout))
    assert message.startswith("the pattern '(a|aa)+$' of rule no-as ran out of time")


def test_define_patterns_are_validated_at_load(site):
    root = site(
        {
            "p.md": "x\n",
            ".lintkit.yml": "define:\n  - {id: bad, kind: forbid-text, pattern: '(a', message: bad}\n",
        }
    )
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 2
    assert "is not a valid regular expression" in res.stderr


def test_user_patterns_behave_as_re():
    p = userregex.compile(r"(\d+)\s*min", re.IGNORECASE)
    assert p.search("took 15 MIN").group(1) == "15"
    assert [m.group(0) for m in p.finditer("1 min, 2 min")] == ["1 min", "2 min"]
    assert p.groups == 1


GLOB_PARTS = st.sampled_from(["*", "**", "**/", "?", "[ab]", "[!a]", "a", "b", "/", ".", "./"])
PATHS = st.text(alphabet="ab/.-", max_size=10)


@settings(max_examples=300, deadline=None)
@given(st.lists(GLOB_PARTS, min_size=1, max_size=7).map("".join), PATHS)
def test_the_automaton_agrees_with_the_regex_translation(pattern, path):
    try:
        regex = globs.compile_glob(pattern)
    except re.error:
        return
    pat = pattern.strip()
    pat = pat[2:] if pat.startswith("./") else pat
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/")
    pat = pat + "**" if pat.endswith("/") else pat
    auto = wildmatch.Wildcard(wildmatch.glob_tokens(pat), any_folder=not anchored, below=True)
    assert auto.fullmatch(path) == (regex.match(path) is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab-", max_size=3), min_size=1, max_size=5), PATHS)
def test_id_templates_agree_with_the_regex_they_replace(pieces, text):
    expected = re.fullmatch(".*".join(re.escape(p) for p in pieces), text, re.S) is not None
    assert wildmatch.template(pieces).fullmatch(text) == expected
