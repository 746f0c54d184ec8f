"""Inline suppressions: disable-next-line, disable/enable, disable-file, and
reports of suppressions that suppress nothing."""

from __future__ import annotations

from lk_sites import lines, make_site, run

from lintkit.document import Document
from lintkit.suppress import scan

PAGE = "---\ntitle: T\nlayout: default\n---\n"
BAD_LINK = "[a]({% link nowhere.md %})"
BAD_LIST = "1. a\n2. b\n2. c\n"


def found(tmp_path, body, **kwargs):
    make_site(tmp_path, {"a.md": PAGE + body})
    return lines(run(tmp_path, ["a.md"], **kwargs))


def test_disable_next_line_silences_the_named_rules_on_the_next_line_only(tmp_path):
    body = f"<!-- lintkit-disable-next-line link-tag -->\n{BAD_LINK}\n\n{BAD_LINK}\n"
    assert [
        f.split(" [")[0] + " " + f.split("] ")[0].split("[")[1] for f in found(tmp_path, body)
    ] == ["a.md:8:5: error link-tag"]


def test_disable_enable_range_and_all_rules(tmp_path):
    body = (
        "<!-- lintkit-disable -->\n"
        f"{BAD_LINK}\n\n{BAD_LIST}\n"
        "<!-- lintkit-enable -->\n"
        f"{BAD_LINK}\n\n"
        "<!-- lintkit-disable list-numbering -->\n"
        f"{BAD_LINK}\n\n{BAD_LIST}"
    )
    assert [
        f.split(": ")[0] + " " + f.split("[")[1].split("]")[0] for f in found(tmp_path, body)
    ] == ["a.md:13:5 link-tag", "a.md:16:5 link-tag"]


def test_enable_of_one_rule_ends_only_its_disable(tmp_path):
    body = (
        "<!-- lintkit-disable link-tag list-numbering -->\n"
        "<!-- lintkit-enable link-tag -->\n"
        f"{BAD_LINK}\n\n{BAD_LIST}"
    )
    assert [
        f.split(": ")[0] + " " + f.split("[")[1].split("]")[0] for f in found(tmp_path, body)
    ] == ["a.md:5:1 unused-suppression", "a.md:7:5 link-tag"]  # the disable of link-tag was unused


def test_disable_file_covers_every_line_and_file_level_findings(tmp_path):
    make_site(
        tmp_path,
        {
            "a.md": "---\ntitle: T\n---\n<!-- lintkit-disable-file front-matter link-tag -->\n"
            f"{BAD_LINK}\n\n{BAD_LIST}",
            "Gemfile": 'gem "jekyll"\n',  # Jekyll 4: no default-layout plugin supplies layout
        },
    )
    assert [
        f.split(": ")[0] + " " + f.split("[")[1].split("]")[0]
        for f in lines(run(tmp_path, ["a.md"]))
    ] == ["a.md:9:1 list-numbering"]  # and no front-matter finding for the missing layout


def test_unused_suppressions_are_reported_as_info(tmp_path):
    body = (
        "<!-- lintkit-disable-next-line link-tag list-numbering -->\n"
        f"{BAD_LINK}\n\n"
        "<!-- lintkit-disable-next-line -->\n"
        "Fine text.\n\n"
        "<!-- lintkit-disable-file no-such-rule -->\n"
        "```markdown\n<!-- lintkit-disable link-tag -->\n```\n"
    )
    assert found(tmp_path, body) == [
        "a.md:5:1: info [unused-suppression] <!-- lintkit-disable-next-line link-tag list-numbering --> "
        "suppresses nothing for list-numbering: no list-numbering finding on line 6; remove list-numbering "
        "from it",
        "a.md:8:1: info [unused-suppression] <!-- lintkit-disable-next-line --> suppresses nothing: no "
        "finding on line 9; remove the comment",
        "a.md:11:1: info [unused-suppression] <!-- lintkit-disable-file no-such-rule --> names "
        "'no-such-rule', which is not a rule; correct the id ('lintkit rules' lists them) or remove it",
    ]


def test_suppressions_of_rules_that_did_not_run_are_not_reported(tmp_path):
    body = "<!-- lintkit-disable-next-line list-numbering -->\nText.\n"
    assert found(tmp_path, body, select=["link-tag", "unused-suppression"]) == []
    assert found(tmp_path, body, ignore=["unused-suppression"]) == []
    assert len(found(tmp_path, body)) == 1


def test_unused_suppression_can_be_configured_off(tmp_path):
    make_site(
        tmp_path,
        {
            "a.md": PAGE + "<!-- lintkit-disable-next-line link-tag -->\nText.\n",
            ".lintkit.yml": "rules:\n  unused-suppression: off\n",
        },
    )
    assert run(tmp_path, ["a.md"]) == []


def test_site_rule_findings_are_suppressible(tmp_path):
    make_site(
        tmp_path,
        {
            "society/a_milestones.md": PAGE
            + "1. **A.**\nx\n2. **B.**\ny\n3. **C.**\nz\n\n_Note: draft and under review._\n",
            "b.md": PAGE
            + "<!-- lintkit-disable-next-line milestone-tracks -->\nSee milestone 7.\n\nAnd milestone 8.\n",
            ".lintkit.yml": "extends: samman\nrules: {jekyll-layout: off}\n",
        },
    )
    assert [f for f in lines(run(tmp_path)) if "b.md" in f] == [
        "b.md:8:5: error [milestone-tracks] 'milestone 8' refers to milestone 8, but each list of milestones "
        "has 3: correct the number"
    ]


def test_scan_reads_directives_with_positions():
    doc = Document.from_bytes(
        "/x/a.md", "a.md", "a.md", b"Text <!-- lintkit-disable a, b -->\n<!--lintkit-enable-->\n"
    )
    assert [(d.kind, d.rules, d.line, d.column) for d in scan(doc)] == [
        ("disable", ("a", "b"), 1, 6),
        ("enable", (), 2, 1),
    ]
