"""Declarative rules, kind by kind, and the errors of bad definitions."""

from __future__ import annotations

import os

import pytest
import yaml
from lk_sites import lines, make_site, run

from lintkit import config as configmod
from lintkit.declarative import MILESTONE_LIST
from lintkit.engine import all_rules

PAGE = "---\ntitle: T\nlayout: default\n---\n"


def check(tmp_path, definitions, files, paths=None, extra=""):
    """Lines of the findings of the defined rules only."""
    conf = yaml.safe_dump({"define": definitions}, sort_keys=False) + extra
    root = make_site(tmp_path, {**files, ".lintkit.yml": conf})
    ids = [d["id"] for d in definitions]
    return lines([f for f in run(root, paths) if f[4] in ids])


# ---------------------------------------------------------- text kinds
def test_forbid_text_reports_each_match_in_scope(tmp_path):
    rule = {
        "id": "no-todo",
        "kind": "forbid-text",
        "pattern": r"\bTODO\b",
        "message": "'{match}' left in the text: finish it",
        "paths": ["docs/**"],
    }
    files = {
        "docs/a.md": PAGE
        + "# Title TODO\n\nSome TODO here and TODO there.\n\n```\nTODO in code\n```\n",
        "other.md": PAGE + "TODO\n",
    }
    assert check(tmp_path, [rule], files) == [
        "docs/a.md:5:9: error [no-todo] 'TODO' left in the text: finish it",
        "docs/a.md:7:6: error [no-todo] 'TODO' left in the text: finish it",
        "docs/a.md:7:20: error [no-todo] 'TODO' left in the text: finish it",
    ]


def test_forbid_text_in_headings_link_text_and_front_matter(tmp_path):
    rules = [
        {
            "id": "no-colon-heading",
            "kind": "forbid-text",
            "scope": "headings",
            "pattern": ":$",
            "message": "a heading does not end with a colon",
        },
        {
            "id": "no-click-here",
            "kind": "forbid-text",
            "scope": "link-text",
            "pattern": "(?i)click here",
            "message": "say where the link goes instead of '{match}'",
            "severity": "warning",
        },
        {
            "id": "title-case",
            "kind": "forbid-text",
            "scope": "front-matter title",
            "pattern": "  ",
            "message": "the title has a double space",
        },
    ]
    files = {"a.md": "---\ntitle: A  B\nlayout: x\n---\n## Steps:\n\nTo read [Click here](b.md).\n"}
    assert check(tmp_path, rules, files) == [
        "a.md:2:9: error [title-case] the title has a double space",
        "a.md:5:9: error [no-colon-heading] a heading does not end with a colon",
        "a.md:7:10: warning [no-click-here] say where the link goes instead of 'Click here'",
    ]


def test_require_text_in_a_section_and_the_last_paragraph(tmp_path):
    rules = [
        {
            "id": "goals-say-learn",
            "kind": "require-text",
            "scope": "section Learning Goals",
            "pattern": "(?i)learn",
            "message": "the learning goals say what participants learn",
        },
        {
            "id": "ends-with-credit",
            "kind": "require-text",
            "scope": "last-paragraph",
            "pattern": "^_Thanks",
            "message": "end with a thanks note",
        },
    ]
    files = {
        "good.md": PAGE + "## Learning Goals\n\nYou learn X.\n\n_Thanks to Y._\n",
        "bad.md": PAGE
        + "# T\n\n## Learning Goals\n\nX.\n\n### More\n\nWe learn Y.\n\n## Other\n\nEnd.\n",
        "none.md": PAGE + "Text.\n",
    }
    assert check(tmp_path, rules, files) == [
        "bad.md:17:1: error [ends-with-credit] end with a thanks note",
        "none.md:5:1: error [ends-with-credit] end with a thanks note",
        "none.md:5:1: error [goals-say-learn] the learning goals say what participants learn",
    ]


# ------------------------------------------------------------- sections
FOUR_C = {
    "id": "four-c",
    "kind": "sections",
    "levels": [2, 3],
    "sections": [
        "Connect",
        {"name": "Concept", "synonyms": ["Demo"]},
        {"name": "Concrete", "synonyms": ["Do"]},
        {"name": "Conclusions", "synonyms": ["Reflect"]},
        {"name": "Acknowledgements", "optional": True},
    ],
}


def test_sections_required_in_order_with_synonyms_and_levels(tmp_path):
    files = {
        "ok.md": PAGE + "# T\n## Connect: hi\n### 2️⃣ Demo\n### Do\n### Reflect\n",
        "missing.md": PAGE + "## Connect\n### Concept\n### Conclusions\n",
        "order.md": PAGE + "## Connect\n## Do it\n## Concept\n## Conclusions\n",
        "level.md": PAGE
        + "## Connect\n## Concept\n# Concrete\n## Conclusions\n## Acknowledgements\n",
        "none.md": PAGE + "Nothing.\n",
    }
    assert check(tmp_path, [FOUR_C], files) == [
        "level.md:7:1: error [four-c] the section 'Concrete' (or 'Do') is a level 1 heading; "
        "make it level 2 or 3 (## or ###)",
        "missing.md:7:1: error [four-c] missing section 'Concrete' (or 'Do'): add a heading "
        "'### Concrete' before 'Conclusions'",
        "none.md:5:1: error [four-c] none of the sections Connect, Concept, Concrete, Conclusions is here: "
        "add them as headings ('### Connect', ...)",
        "order.md:6:1: error [four-c] the section 'Do it' comes before 'Concept'; the sections go in the "
        "order Connect, Concept, Concrete, Conclusions, Acknowledgements: move it",
    ]


# --------------------------------------------------------- front matter
def fm_site():
    return {
        "_data/contributors.yml": "emilybache:\n  title: Emily Bache\nclaresudbery:\n  title: Clare\n",
        "_data/themes.yml": "- name: refactoring\n  title: Refactoring\n- name: tdd\n  title: TDD\n",
        "_kata_descriptions/gilded_rose.md": "---\ntitle: Gilded Rose\nkata_name: gilded_rose\n---\nText.\n",
    }


FM_RULE = {
    "id": "lh-fm",
    "kind": "front-matter",
    "paths": ["_learning_hours/**"],
    "required": ["theme", "title", "difficulty", "author"],
    "allowed": ["via", "tags", "layout"],
    "keys": {
        "theme": {"type": "string", "ref": {"data": "themes", "key": "name"}},
        "difficulty": {"type": "integer", "min": 1, "max": 5},
        "author": {"ref": {"data": "contributors"}},
        "via": {"ref": {"data": "contributors"}},
        "tags": {"type": ["string", "list"], "enum": ["legacy", "refactoring"]},
        "kata": {"ref": {"collection": "kata_descriptions", "field": "kata_name"}},
        "level": {"enum": ["a", "b"], "pattern": "^[a-z]$"},
    },
}


def test_front_matter_required_allowed_types_ranges_enums_and_references(tmp_path):
    files = {
        **fm_site(),
        "_learning_hours/good.md": "---\ntheme: refactoring\ntitle: T\ndifficulty: 3\nauthor: emilybache\n"
        "via: claresudbery\ntags: [legacy]\nkata: gilded_rose\nlevel: a\n---\nX\n",
        "_learning_hours/bad.md": "---\ntheme: functional\ntitle:\ndifficulty: 6\nauthor: emilybach\n"
        "via: xaviametller\ntags: [legacy, fun]\nkata: parrot\nlevel: 3\nextra: 1\n---\nX\n",
        "_learning_hours/types.md": "---\ntheme: 12\ntitle: T\ndifficulty: '3'\nauthor: emilybache\n---\nX\n",
        "_learning_hours/bare.md": "No front matter.\n",
    }
    assert check(tmp_path, [FM_RULE], files) == [
        "_learning_hours/bad.md:2:1: error [lh-fm] 'theme' is 'functional', which is not the name of an "
        "entry of _data/themes.yml: correct the value, or add 'functional' to themes",
        "_learning_hours/bad.md:3:1: error [lh-fm] 'title' is empty; give it a value",
        "_learning_hours/bad.md:4:1: error [lh-fm] 'difficulty' is 6, above the maximum 5 (allowed: 1 to 5)",
        "_learning_hours/bad.md:5:1: error [lh-fm] 'author' is 'emilybach', which is not a key of "
        "_data/contributors.yml (did you mean 'emilybache'?): correct the value, or add 'emilybach' to contributors",
        "_learning_hours/bad.md:6:1: error [lh-fm] 'via' is 'xaviametller', which is not a key of "
        "_data/contributors.yml: correct the value, or add 'xaviametller' to contributors",
        "_learning_hours/bad.md:7:1: error [lh-fm] 'tags' is 'fun', which is not one of: legacy, refactoring",
        "_learning_hours/bad.md:8:1: error [lh-fm] 'kata' is 'parrot', which is not the kata_name of a "
        "document in _kata_descriptions: correct the value",
        "_learning_hours/bad.md:9:1: error [lh-fm] 'level' is 3, which is not one of: a, b",
        "_learning_hours/bad.md:10:1: error [lh-fm] 'extra' is not an expected front matter key (expected: "
        "author, difficulty, kata, layout, level, tags, theme, title, via)",
        "_learning_hours/bare.md:1:1: error [lh-fm] the document has no front matter; it needs theme, title, "
        "difficulty, author: start it with a '---' block",
        "_learning_hours/types.md:2:1: error [lh-fm] 'theme' must be a string, not an integer (12)",
        "_learning_hours/types.md:4:1: error [lh-fm] 'difficulty' must be an integer, not a string ('3')",
    ]


def test_a_missing_data_file_is_reported_on_the_key(tmp_path):
    rule = {"id": "who", "kind": "front-matter", "keys": {"author": {"ref": {"data": "people"}}}}
    assert check(tmp_path, [rule], {"a.md": "---\nauthor: x\n---\n"}) == [
        "a.md:2:1: error [who] 'author' must be _data/people.yml, which does not exist in this site"
    ]


def test_an_unreadable_data_file_is_said_to_be_unreadable_not_missing(tmp_path):
    # An alias bomb in _data is refused; the key's finding says why, not "does not exist".
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
    )
    rule = {"id": "who", "kind": "front-matter", "keys": {"author": {"ref": {"data": "people"}}}}
    files = {"a.md": "---\nauthor: x\n---\n", "_data/people.yml": bomb}
    assert check(tmp_path, [rule], files) == [
        "a.md:2:1: error [who] 'author' must be a value listed in _data/people.yml, but "
        "_data/people.yml expands to more than 250,000 values (YAML aliases?); "
        "refusing to use it: fix _data/people.yml"
    ]


# ----------------------------------------------------------------- list
def test_list_kind_numbering_titles_descriptions(tmp_path):
    rule = {
        "id": "steps",
        "kind": "list",
        "noun": "step",
        "scope": "section Steps",
        "required": True,
        "min-items": 2,
        "message": "see the style guide",
    }
    files = {
        "a.md": PAGE + "## Steps\n\n1. **Open it.**\nThen look.\n2. **Close it**\nDone.\n"
        "4. **Open it.**\nAgain.\n\n## Other\n\n1. **x** y\n3. **z** w\n",
        "b.md": PAGE + "## Steps\n\nNone yet.\n",
        "c.md": PAGE + "## Steps\n\n1. **Go.**\nNow.\n2. **Stop.**\n\n3. **Later.**\nx\n",
    }
    assert check(tmp_path, [rule], files) == [
        "a.md:9:1: error [steps] step 2's title does not end with a period: write **Close it.**; see the style guide",
        "a.md:11:1: error [steps] step 3 has the same title as step 1; give each step its own title; "
        "see the style guide",
        "a.md:11:1: error [steps] step 3 is numbered 4; number the steps 1, 2, 3, ... in order; see the style guide",
        "b.md:5:1: error [steps] no list of steps here: write them as an ordered list (1. 2. 3.) of at "
        "least 2 items; see the style guide",
        "c.md:9:1: error [steps] step 2 has a title but no description: add a paragraph describing the step "
        "on the line after the title; see the style guide",
    ]


MILESTONE_PAGE = "---\ntitle: T\nlayout: default\nmilestones: true\n---\n"
MILESTONE_PAGES = {
    "m/a.md": MILESTONE_PAGE + "1. **One.**\nx\n\n2. **Two**\ny\n\n2. **Three.**\nz\n",
    "m/b.md": MILESTONE_PAGE + "1. **One.**\nx\n\nSplit.\n\n2. **Two.**\ny\n3. Three\nz\n",
    "m/c.md": MILESTONE_PAGE + "1. **One.**\nx\n2. **Two. Three.**\ny\n3. **One.**\nz\n",
}


def test_the_milestone_rules_are_an_instance_of_the_list_kind(tmp_path):
    definition = dict(MILESTONE_LIST)
    found = check(tmp_path, [definition], MILESTONE_PAGES)
    builtin = lines(
        [f for f in run(tmp_path) if f[4] in ("milestone-numbering", "milestone-structure")]
    )
    assert found == [
        line.replace("[milestone-numbering]", "[milestone-list]").replace(
            "[milestone-structure]", "[milestone-list]"
        )
        for line in builtin
    ]
    assert len(found) == 6


# ------------------------------------------------------------ durations
def test_durations_add_up_to_at_most_max(tmp_path):
    rule = {"id": "hour", "kind": "durations", "max": 60, "required": True}
    files = {
        "ok.md": PAGE + "## Session Outline\n* 10 min connect: a\n* 35 to 39 min concrete: b\n"
        "* Break, no time\n* 15 mins reflect\n\n### Connect\n* 30 min more\n",
        "long.md": PAGE + "## Session outline\n\n* 10 min connect\n* 20 min concept\n* 40 min do\n"
        "  * 5 min nested, not counted\n* 10 min reflect\n",
        "none.md": PAGE + "## Plan\n\n* connect\n",
    }
    assert check(tmp_path, [rule], files) == [
        "long.md:5:1: error [hour] the time boxes add up to 80 minutes (10 + 20 + 40 + 10), more than 60: "
        "shorten them",
        "none.md:5:1: error [hour] no time boxes found: add a section 'Session Outline' that lists each "
        "part with its minutes, like '* 10 min connect: ...'",
    ]


def test_durations_can_fall_back_to_any_list_of_time_boxes(tmp_path):
    rule = {"id": "hour", "kind": "durations", "max": 60, "required": True, "anywhere": True}
    files = {
        "summary.md": PAGE + "## Summary\n\n* intro\n* more\n\nText.\n\n* 30 min a\n* 40 min b\n",
        "one.md": PAGE + "* 70 min all\n",
        "headings.md": PAGE + "# T\n## Connect (10 min)\n### Part (5 min)\n## Concrete (55 min)\n",
    }
    assert check(tmp_path, [rule], files) == [
        "headings.md:6:1: error [hour] the time boxes add up to 65 minutes (10 + 55), more than 60: "
        "shorten them",
        "one.md:5:1: error [hour] no time boxes found: add a section 'Session Outline' that lists each "
        "part with its minutes, like '* 10 min connect: ...'",
        "summary.md:12:1: error [hour] the time boxes add up to 70 minutes (30 + 40), more than 60: "
        "shorten them",
    ]


def test_durations_min_in_body(tmp_path):
    rule = {"id": "long-enough", "kind": "durations", "scope": "body", "min": 45, "max": 90}
    assert check(tmp_path, [rule], {"a.md": PAGE + "- 5m intro\n- 10m talk\n"}) == [
        "a.md:5:1: error [long-enough] the time boxes add up to 15 minutes (5 + 10), less than 45: "
        "fill the time"
    ]


# ---------------------------------------------------------- consistency
TRACKS = {
    "id": "tracks",
    "kind": "consistency",
    "group": ["society/*_milestones.md"],
    "noun": "milestone",
    "references": ["**"],
}


def tracks_site(n_a=5, n_b=5):
    def track(n):
        return PAGE + "".join(f"{i}. **Milestone {i}.**\nText.\n\n" for i in range(1, n + 1))

    return {
        "society/a_milestones.md": track(n_a),
        "society/b_milestones.md": track(n_b),
        "society/career.md": PAGE
        + (
            "We define ten Samman Milestones, five milestones in each track.\n\n"
            "## Milestones 1-3: start\n\nReach milestone 4 and milestones 4 "
            "and 5.\n"
        ),
        "training/x.md": PAGE + "For milestone 6 in the track. The 12 coaching milestones. "
        "The first 3 milestones are easy.\n",
    }


def test_consistency_counts_and_references(tmp_path):
    assert check(tmp_path, [TRACKS], tracks_site()) == [
        "training/x.md:5:5: error [tracks] 'milestone 6' refers to milestone 6, but each list of "
        "milestones has 5: correct the number",
        "training/x.md:5:35: error [tracks] '12 coaching milestones' says 12 milestones, but each list of "
        "milestones has 5 (or 10 in all 2 lists): correct the number",
    ]


def test_consistency_reports_a_track_of_another_length(tmp_path):
    site = tracks_site(5, 4)
    site["society/c_milestones.md"] = site["society/a_milestones.md"]
    found = check(tmp_path, [TRACKS], site)
    assert found == [
        "society/b_milestones.md:5:1: error [tracks] this list has 4 milestones, but society/a_milestones.md, "
        "society/c_milestones.md have 5; every document of the group must have the same number of milestones",
        "society/career.md:5:11: error [tracks] 'ten Samman Milestones' says 10 milestones, but each list of "
        "milestones has 5 (or 15 in all 3 lists): correct the number",
        "training/x.md:5:5: error [tracks] 'milestone 6' refers to milestone 6, but each list of milestones "
        "has 5: correct the number",
        "training/x.md:5:35: error [tracks] '12 coaching milestones' says 12 milestones, but each list of "
        "milestones has 5 (or 15 in all 3 lists): correct the number",
    ]


def test_consistency_counts_group_documents_that_are_not_checked(tmp_path):
    found = check(tmp_path, [TRACKS], tracks_site(), paths=["training/x.md"])
    assert [f.split(" [")[0] for f in found] == [
        "training/x.md:5:5: error",
        "training/x.md:5:35: error",
    ]


# ------------------------------------------------- options and overrides
def test_defined_fields_are_options_a_later_config_can_change(tmp_path):
    root = make_site(
        tmp_path,
        {
            "rules.yml": yaml.safe_dump([{"id": "hour", "kind": "durations", "max": 60}]),
            "base.yml": "include: rules.yml\n",
            ".lintkit.yml": "extends: base.yml\nrules:\n  hour: {max: 90}\n"
            "overrides:\n  - files: [short/**]\n    rules: {hour: {max: 30, severity: warning}}\n",
            "a.md": PAGE + "## Outline\n* 80 min all\n",
            "short/b.md": PAGE + "## Outline\n* 40 min all\n",
        },
    )
    assert lines([f for f in run(root) if f[4] == "hour"]) == [
        "short/b.md:5:1: warning [hour] the time boxes add up to 40 minutes (40), more than 30: shorten them"
    ]


# ------------------------------------------------------ bad definitions
BAD = [
    (
        "not a mapping",
        ["no-todo"],
        ".lintkit.yml:2: define.0: a rule definition must be a mapping with at "
        "least id, kind and paths",
    ),
    (
        "no id",
        [{"kind": "forbid-text"}],
        ".lintkit.yml:2: define.0: every rule definition needs an 'id' (a string)",
    ),
    (
        "bad id",
        [{"id": "No_Todo", "kind": "forbid-text"}],
        ".lintkit.yml:2: define.0.id: 'No_Todo' is not a valid rule id: use lower-case words joined by '-' "
        "(like 'learning-hour-sections')",
    ),
    (
        "id of a built-in rule",
        [{"id": "link-tag", "kind": "forbid-text", "pattern": "x", "message": "m"}],
        ".lintkit.yml:2: define.0.id: 'link-tag' is already a built-in rule; choose another id",
    ),
    (
        "unknown kind",
        [{"id": "x", "kind": "forbid"}],
        ".lintkit.yml:3: define.0.kind: rule x: unknown kind 'forbid' (did you mean 'forbid-text'?); kinds: "
        "consistency, durations, forbid-text, front-matter, list, require-text, sections",
    ),
    (
        "unknown field",
        [{"id": "x", "kind": "forbid-text", "patern": "a", "message": "m"}],
        ".lintkit.yml:4: define.0.patern: rule x: unknown field for kind forbid-text (did you mean 'pattern'?); "
        "its fields are: id, kind, severity, summary, paths, message, pattern, scope, replace",
    ),
    (
        "missing field",
        [{"id": "x", "kind": "forbid-text", "pattern": "a"}],
        ".lintkit.yml:2: define.0: rule x: kind forbid-text needs 'message' (the finding's message)",
    ),
    (
        "bad regex",
        [{"id": "x", "kind": "require-text", "pattern": "a(", "message": "m"}],
        ".lintkit.yml:4: define.0.pattern: rule x: 'a(' is not a valid regular expression: missing ), "
        "unterminated subpattern at position 1",
    ),
    (
        "bad scope",
        [{"id": "x", "kind": "require-text", "pattern": "a", "message": "m", "scope": "sections"}],
        ".lintkit.yml:6: define.0.scope: rule x: unknown scope 'sections'; scopes: body, headings, link-text, "
        "last-paragraph, section NAME, front-matter FIELD",
    ),
    (
        "scope without a name",
        [{"id": "x", "kind": "require-text", "pattern": "a", "message": "m", "scope": "section"}],
        ".lintkit.yml:6: define.0.scope: rule x: scope 'section' needs a name after it, like 'section Session Outline'",
    ),
    (
        "bad severity",
        [{"id": "x", "kind": "forbid-text", "pattern": "a", "message": "m", "severity": "high"}],
        ".lintkit.yml:6: define.0.severity: rule x: expected one of error, warning, info, got 'high'",
    ),
    (
        "wrong field type",
        [{"id": "x", "kind": "forbid-text", "pattern": "a", "message": "m", "paths": "a/**"}],
        ".lintkit.yml:6: define.0.paths: rule x: expected a list of strings, got 'a/**'",
    ),
    (
        "bad glob",
        [{"id": "x", "kind": "forbid-text", "pattern": "a", "message": "m", "paths": ["a/[z-a]"]}],
        ".lintkit.yml:7: define.0.paths.0: rule x: 'a/[z-a]' is not a valid glob",
    ),
    (
        "section without name",
        [{"id": "x", "kind": "sections", "sections": [{"synonyms": ["A"]}]}],
        ".lintkit.yml:5: define.0.sections.0: rule x: a section needs a 'name' (its heading text)",
    ),
    (
        "section bad level",
        [{"id": "x", "kind": "sections", "sections": [{"name": "A", "levels": [7]}]}],
        ".lintkit.yml:6: define.0.sections.0.levels: rule x: expected a list of heading levels between 1 and 6",
    ),
    (
        "sections empty",
        [{"id": "x", "kind": "sections", "sections": []}],
        ".lintkit.yml:2: define.0: rule x: kind sections needs 'sections' (the sections in order: a name, "
        "or {name, synonyms, levels, optional})",
    ),
    (
        "front matter unknown type",
        [{"id": "x", "kind": "front-matter", "keys": {"a": {"type": "text"}}}],
        ".lintkit.yml:6: define.0.keys.a.type: rule x: unknown type 'text'; types: string, integer, number, "
        "boolean, list, mapping, date",
    ),
    (
        "front matter unknown check",
        [{"id": "x", "kind": "front-matter", "keys": {"a": {"emum": [1]}}}],
        ".lintkit.yml:6: define.0.keys.a.emum: rule x: unknown check (did you mean 'enum'?); a key can have: "
        "type, enum, min, max, pattern, ref",
    ),
    (
        "front matter bad ref",
        [{"id": "x", "kind": "front-matter", "keys": {"a": {"ref": {"file": "b"}}}}],
        ".lintkit.yml:6: define.0.keys.a.ref: rule x: expected {data: NAME} (a key of _data/NAME.yml), "
        "{collection: NAME} (the name of a document of that collection) or {folder: PATH} (the name of a "
        "file in that folder, without extension)",
    ),
    (
        "front matter min above max",
        [{"id": "x", "kind": "front-matter", "keys": {"a": {"min": 5, "max": 1}}}],
        ".lintkit.yml:6: define.0.keys.a.min: rule x: min (5) is larger than max (1)",
    ),
    (
        "list bad numbering",
        [{"id": "x", "kind": "list", "numbering": "roman"}],
        ".lintkit.yml:4: define.0.numbering: rule x: expected from-1, consecutive or any, got 'roman'",
    ),
    (
        "list in link text",
        [{"id": "x", "kind": "list", "scope": "link-text"}],
        ".lintkit.yml:4: define.0.scope: rule x: a list is looked for in 'body' or 'section NAME', not 'link-text'",
    ),
    (
        "durations without a group",
        [{"id": "x", "kind": "durations", "pattern": r"\d+ min"}],
        ".lintkit.yml:4: define.0.pattern: rule x: the pattern needs a group that captures the minutes, "
        "like (\\d+)\\s*min",
    ),
    (
        "durations max below min",
        [{"id": "x", "kind": "durations", "min": 50, "max": 40}],
        ".lintkit.yml:5: define.0.max: rule x: max (40) is smaller than min (50)",
    ),
    (
        "consistency without group",
        [{"id": "x", "kind": "consistency", "noun": "milestone"}],
        ".lintkit.yml:2: define.0: rule x: kind consistency needs 'group' (globs of the documents whose lists "
        "must have the same length)",
    ),
    (
        "two rules with one id",
        [
            {"id": "x", "kind": "forbid-text", "pattern": "a", "message": "m"},
            {"id": "x", "kind": "forbid-text", "pattern": "b", "message": "m"},
        ],
        ".lintkit.yml:6: define.1.id: 'x' is already a rule defined earlier; choose another id",
    ),
]


@pytest.mark.parametrize("name,definitions,message", BAD, ids=[b[0] for b in BAD])
def test_bad_definitions_are_precise_config_errors(tmp_path, name, definitions, message):
    text = yaml.safe_dump({"define": definitions}, sort_keys=False)
    make_site(tmp_path, {".lintkit.yml": text})
    with pytest.raises(configmod.ConfigError) as info:
        configmod.load(os.path.join(str(tmp_path), ".lintkit.yml"), all_rules())
    assert (
        str(info.value)
        .replace(str(tmp_path) + "/", "")
        .replace(os.path.relpath(str(tmp_path)) + "/", "")
        == message
    ), text


def test_an_override_that_breaks_a_defined_rule_is_an_error(tmp_path):
    make_site(
        tmp_path,
        {
            ".lintkit.yml": (
                "define:\n  - {id: hour, kind: durations}\n"
                "overrides:\n  - files: [a/**]\n    rules:\n      hour: {pattern: 'min'}\n"
            )
        },
    )
    with pytest.raises(configmod.ConfigError) as info:
        configmod.load(os.path.join(str(tmp_path), ".lintkit.yml"), all_rules())
    assert info.value.line == 6
    assert info.value.key == "overrides.0.rules.hour.pattern"
    assert (
        info.value.message
        == "the pattern needs a group that captures the minutes, like (\\d+)\\s*min"
    )


def test_include_file_errors_name_the_included_file(tmp_path):
    make_site(
        tmp_path,
        {
            "more.yml": "- id: x\n  kind: sections\n  sections: [{name: A, levels: [0]}]\n",
            ".lintkit.yml": "include: more.yml\n",
        },
    )
    with pytest.raises(configmod.ConfigError) as info:
        configmod.load(os.path.join(str(tmp_path), ".lintkit.yml"), all_rules())
    assert (os.path.basename(info.value.path), info.value.line, info.value.key) == (
        "more.yml",
        3,
        "0.sections.0.levels",
    )
    make_site(tmp_path, {".lintkit.yml": "include: [nothere.yml]\n"})
    with pytest.raises(configmod.ConfigError) as info:
        configmod.load(os.path.join(str(tmp_path), ".lintkit.yml"), all_rules())
    assert (info.value.line, info.value.key) == (1, "include.0")
    assert info.value.message.startswith("'nothere.yml' does not exist")


def test_lintkit_rules_and_rule_show_defined_rules(tmp_path):
    from click.testing import CliRunner

    from lintkit.cli import main

    make_site(
        tmp_path, {".lintkit.yml": "define:\n  - {id: hour, kind: durations, summary: One hour}\n"}
    )
    old = os.getcwd()
    os.chdir(str(tmp_path))
    try:
        out = CliRunner().invoke(main, ["rules"]).output
        doc = CliRunner().invoke(main, ["rule", "hour"]).output
    finally:
        os.chdir(old)
    assert "hour                 error    -    One hour [durations]\n" in out
    assert doc.startswith(
        "hour (error): One hour\n\nhour: a declarative rule of kind durations, defined in "
        ".lintkit.yml.\n\n## What it checks\n\nThe top-level items"
    )
    assert "- max (int, default 60): the most minutes the time boxes may add up to\n" in doc
