"""The samman preset on a small site shaped like sammancoaching.org (and, with
LINTKIT_CORPUS=1, on the shared copy of the real site)."""

from __future__ import annotations

import os

import pytest
from conftest import SHARED
from lk_sites import CONFIG, lines, make_site, run

SITE = {
    "_layouts/homepage.html": "{{ content }}\n",
    "_layouts/society.html": "{{ content }}\n",
    "_data/contributors.yml": (
        "emilybache:\n  title: Emily Bache\n  affiliation: Bache Consulting\n"
        "claresudbery:\n  title: Clare Sudbery\n"
    ),
    "_data/themes.yml": "- name: refactoring\n  title: Refactoring\n",
    "_data/four_c_elements.yml": "- name: connect\n  title: Connect Activities\n",
    "_kata_descriptions/gilded_rose.md": "---\ntitle: Gilded Rose\nkata_name: gilded_rose\n---\n# Gilded Rose\n",
    "_activities/connect/open_question.md": (
        "---\nfour_c_element: connect\ntitle: Open Question\n"
        "minutes: 2-5\n---\n# Open Question\n\nAsk.\n\n## Benefits\n\nAll.\n"
    ),
}
LEARNING_HOUR = """\
---
theme: refactoring
title: Lift-Up Conditional on Gilded Rose
kata: gilded_rose
difficulty: 3
author: claresudbery
via: {via}
tags: refactoring legacy
---

# Lift-Up Conditional on Gilded Rose

## Session Outline

* 10 min connect: Favourite keyboard shortcuts
* 15 min concept: Lift-Up Conditional
* {concrete_minutes} min concrete: Do Lift-Up Conditional on Gilded Rose
* 5 min conclusions: What's been learnt

### Connect: Favourite Keyboard Shortcuts

Ask.

### Concept: Lift-Up Conditional Demo

Show.
{concrete}
### Conclusions: When should you use this?

Discuss.
"""
CONCRETE = "\n### Concrete: Do Lift-Up Conditional\n\nPractice in pairs.\n\n"


def hour(via="emilybache", concrete=CONCRETE, concrete_minutes=30):
    return LEARNING_HOUR.format(via=via, concrete=concrete, concrete_minutes=concrete_minutes)


SITE_CONFIG = (
    CONFIG
    + """\
defaults:
  - scope: {path: "", type: "kata_descriptions"}
    values: {layout: "homepage"}
  - scope: {path: "", type: "learning_hours"}
    values: {layout: "homepage"}
  - scope: {path: "", type: "activities"}
    values: {layout: "homepage"}
"""
)


def samman(tmp_path, files):
    root = make_site(
        tmp_path, {**SITE, **files, "lint.yml": "extends: samman\n"}, config=SITE_CONFIG
    )
    return lines(run(root, config=os.path.join(root, "lint.yml")))


def test_a_good_learning_hour_has_no_finding(tmp_path):
    assert samman(tmp_path, {"_learning_hours/refactoring/lift_up_conditional.md": hour()}) == []


def test_via_must_be_a_contributor(tmp_path):
    found = samman(
        tmp_path, {"_learning_hours/refactoring/lift_up_conditional.md": hour(via="xaviametller")}
    )
    assert found == [
        "_learning_hours/refactoring/lift_up_conditional.md:7:1: error [learning-hour-front-matter] 'via' is "
        "'xaviametller', which is not a key of _data/contributors.yml: correct the value, or add "
        "'xaviametller' to contributors; the footer, the theme pages and the author pages are built from "
        "these keys"
    ]


def test_a_missing_concrete_section(tmp_path):
    found = samman(tmp_path, {"_learning_hours/x.md": hour(concrete="\n")})
    assert found == [
        "_learning_hours/x.md:29:1: warning [learning-hour-sections] missing section 'Concrete' (or 'Do', "
        "'Practice', 'Exercise'): add a heading '### Concrete' before 'Conclusions: When should you use "
        "this?'; a learning hour has the four parts Connect, Concept, Concrete and Conclusions"
    ]


def test_an_80_minute_outline(tmp_path):
    found = samman(tmp_path, {"_learning_hours/x.md": hour(concrete_minutes=50)})
    assert found == [
        "_learning_hours/x.md:13:1: error [learning-hour-outline] the time boxes add up to 80 minutes "
        "(10 + 15 + 50 + 5), more than 60: shorten them"
    ]


def test_front_matter_of_learning_hours_activities_and_katas(tmp_path):
    files = {
        "_learning_hours/bad.md": hour()
        .replace("difficulty: 3", "difficulty: 7")
        .replace("kata: gilded_rose", "kata: parrot")
        .replace("theme: refactoring", "theme: fp"),
        "_activities/connect/x.md": "---\nfour_c_element: connnect\ntitle: X\nminutes: about 5\n---\n# X\n",
        "_kata_descriptions/Parrot.md": "---\ntitle: Parrot\nkata_name: Parrot\n---\n# Parrot\n",
    }
    assert samman(tmp_path, files) == [
        "_activities/connect/x.md:2:1: error [activity-front-matter] 'four_c_element' is 'connnect', which is not the name of an entry of _data/four_c_elements.yml (did you mean 'connect'?): correct the value, or add 'connnect' to four_c_elements; four_c_element is the 4C part the activity belongs to, and minutes a number (5), a range (2-5) or a minimum (30+)",
        "_activities/connect/x.md:4:1: error [activity-front-matter] 'minutes' is 'about 5', which does not match ^\\d+(-\\d+|\\+)?$; four_c_element is the 4C part the activity belongs to, and minutes a number (5), a range (2-5) or a minimum (30+)",
        "_activities/connect/x.md:6:1: error [activity-sections] missing section 'Benefits': add a heading '## Benefits' to the document; the activity pages tell a coach why to choose the activity",
        "_kata_descriptions/Parrot.md:3:1: error [kata-description-front-matter] 'kata_name' is 'Parrot', which does not match ^[a-z0-9_]+$; kata_name is written in lower_case_with_underscores, like the file name",
        "_learning_hours/bad.md:2:1: error [learning-hour-front-matter] 'theme' is 'fp', which is not the name of an entry of _data/themes.yml: correct the value, or add 'fp' to themes; the footer, the theme pages and the author pages are built from these keys",
        "_learning_hours/bad.md:4:1: info [learning-hour-kata] 'kata' is 'parrot', which is not the kata_name of a document in _kata_descriptions (did you mean 'Parrot'?): correct the value; a kata description page lists the learning hours that use its kata, so this one is listed nowhere",
        "_learning_hours/bad.md:5:1: error [learning-hour-front-matter] 'difficulty' is 7, above the maximum 5 (allowed: 1 to 5); the footer, the theme pages and the author pages are built from these keys",
    ]


def test_milestone_tracks_and_references(tmp_path):
    def track(n):
        items = "".join(f"{i}. **Milestone {i}.**\nText.\n\n" for i in range(1, n + 1))
        return (
            "---\nlayout: society\ntitle: T\n---\n"
            + items
            + "_Note: These milestones are still in draft and under review by the Samman Society._\n"
        )

    files = {
        "society/learning_hour_milestones.md": track(5),
        "society/ensemble_milestones.md": track(4),
        "society/milestones_job_role.md": (
            "---\nlayout: society\ntitle: T\n---\nThe 10 technical coaching "
            "milestones.\n\n## Milestone 6: more\n"
        ),
    }
    assert samman(tmp_path, files) == [
        "society/ensemble_milestones.md:5:1: error [milestone-tracks] the lists of this group have different numbers of milestones (society/ensemble_milestones.md: 4, society/learning_hour_milestones.md: 5); every document of the group must have the same number",
        "society/learning_hour_milestones.md:5:1: error [milestone-tracks] the lists of this group have different numbers of milestones (society/ensemble_milestones.md: 4, society/learning_hour_milestones.md: 5); every document of the group must have the same number",
        "society/milestones_job_role.md:7:4: error [milestone-tracks] 'Milestone 6' refers to milestone 6, but each list of milestones has 5: correct the number",
    ]


CORPUS = SHARED / "corpora" / "samman-site"


@pytest.fixture
def samman_conf(tmp_path):
    """With LINTKIT_CORPUS=1: a configuration file extending the samman
    preset, for runs on the shared copy of the real site (else skipped)."""
    if os.environ.get("LINTKIT_CORPUS") != "1":
        pytest.skip("set LINTKIT_CORPUS=1 to run on the shared site")
    assert CORPUS.is_dir(), f"LINTKIT_CORPUS=1 but {CORPUS} is missing (set LINTKIT_SHARED)"
    conf = tmp_path / "samman.yml"
    conf.write_text("extends: samman\n")
    return conf


def test_on_the_shared_site(samman_conf):
    conf = samman_conf
    found = lines(
        run(
            str(CORPUS),
            ["_learning_hours/refactoring/lift_up_conditional.md", "society"],
            config=str(conf),
        )
    )
    assert (
        "_learning_hours/refactoring/lift_up_conditional.md:8:1: error [learning-hour-front-matter] 'via' "
        "is 'xaviametller', which is not a key of _data/contributors.yml: correct the value, or add "
        "'xaviametller' to contributors; the footer, the theme pages and the author pages are built from "
        "these keys"
    ) in found
    assert [f for f in found if "milestone" in f] == []  # two tracks of five, referred to correctly


def test_spelling_finds_the_named_misspellings_of_the_shared_site(samman_conf):
    # Issue 12's list: each at its line and column, with the right first suggestion.
    import json

    from conftest import run_cli

    res = run_cli(
        "check",
        "--format",
        "json",
        "--select",
        "spelling",
        "--config",
        str(samman_conf),
        str(CORPUS),
    )
    found = {
        (os.path.relpath(f["path"], CORPUS), f["line"], f["column"]): f["message"].split("'")[1:4:2]
        for f in json.loads(res.stdout)
    }
    named = {
        ("_learning_hours/legacy/test_maintenance.md", 29, 74): ["accross", "across"],
        ("_refactorings/lift_up_conditional.md", 12, 35): ["begining", "beginning"],
        ("_learning_hours/testable_design/beck_simple_design.md", 28, 77): ["relevent", "relevant"],
        ("_learning_hours/testable_design/overdesign.md", 14, 248): ["genuis", "genius"],
        ("_activities/conclusions/1-2-4-all.md", 28, 216): ["surprizingly", "surprisingly"],
        ("_activities/conclusions/popcorn_feedback.md", 23, 7): ["metaphore", "metaphor"],
        ("README.md", 31, 28): ["whould", "should"],
        ("training/personal_coaching.md", 8, 13): ["dentifying", "identifying"],
    }
    assert {key: found.get(key) for key in named} == named
    assert len(found) == 54  # each classified by hand in the closing note of 2026-12-01
