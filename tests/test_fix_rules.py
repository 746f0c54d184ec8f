"""Each fixable rule: the exact bytes after --fix, in LF, CRLF and BOM files,
and a second --fix that changes nothing (fixkit.fix_file checks that)."""

from fixkit import FM, assert_fixes, fix_file

MS = "---\ntitle: M\nlayout: default\nmilestones: true\n---\n"


def test_malformed_link(tmp_path):
    assert_fixes(
        tmp_path,
        "a.md",
        FM + "[a](% link b.md %), [b]{% link b.md %}, [c]([https://example.org]) and "
        "[d](%- link b.md -%).\n",
        FM + "[a]({% link b.md %}), [b]({% link b.md %}), [c](https://example.org) and "
        "[d]({%- link b.md -%}).\n",
        others={"b.md": FM},
        select=["malformed-link"],
    )


def test_milestone_numbering_renumbers(tmp_path):
    before = (
        MS + "1. **One.**\n   First.\n\n2. **Two.**\n   Second.\n\n2. **Three.**\n   Third.\n\n"
        "7. **Four.**\n   Fourth.\n"
    )
    after = (
        MS + "1. **One.**\n   First.\n\n2. **Two.**\n   Second.\n\n3. **Three.**\n   Third.\n\n"
        "4. **Four.**\n   Fourth.\n"
    )
    assert_fixes(tmp_path, "m.md", before, after, select=["milestone-numbering"])


def test_milestone_numbering_indents_a_splitting_paragraph(tmp_path):
    before = (
        MS + "1. **One.**\n   First.\n\n2. **Two.**\n   Second.\n\n"
        "More about two,\non two lines.\n\n3. **Three.**\n   Third.\n"
    )
    after = (
        MS + "1. **One.**\n   First.\n\n2. **Two.**\n   Second.\n\n"
        "   More about two,\n   on two lines.\n\n3. **Three.**\n   Third.\n"
    )
    assert_fixes(tmp_path, "m.md", before, after, select=["milestone-numbering"])


def test_list_numbering_keeps_the_lists_style(tmp_path):
    before = FM + "1. a\n2. b\n2. c\n5. d\n\ntext\n\n1. x\n1. y\n3. z\n1. w\n"
    after = FM + "1. a\n2. b\n3. c\n4. d\n\ntext\n\n1. x\n1. y\n1. z\n1. w\n"
    assert_fixes(tmp_path, "l.md", before, after, select=["list-numbering"])


def test_list_numbering_marker_growing_wider(tmp_path):
    items = "".join(f"{n}. item\n" for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
    fixed = "".join(f"{n}. item\n" for n in range(1, 11))
    assert_fixes(tmp_path, "l.md", FM + items, FM + fixed, select=["list-numbering"])
    # items of several lines: 9. -> 10. moves their text, so the fix is unsafe
    long = "".join(f"{n}. item\n\n   more\n\n" for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
    same = fix_file(tmp_path / "long", "l.md", (FM + long).encode(), select=["list-numbering"])
    assert same == (FM + long).encode()
    widened = fix_file(
        tmp_path / "unsafe", "l.md", (FM + long).encode(), select=["list-numbering"], unsafe=True
    )
    assert widened.decode().endswith("9. item\n\n   more\n\n10. item\n\n   more\n\n")


def test_milestone_structure_adds_the_period(tmp_path):
    before = (
        MS + "1. **One**\n   First.\n\n2. **Two**.\n   Second.\n\n3. __Three__\n   Third.\n\n"
        "4. **Four?**\n   Fourth.\n"
    )
    after = (
        MS + "1. **One.**\n   First.\n\n2. **Two**.\n   Second.\n\n3. __Three.__\n   Third.\n\n"
        "4. **Four?**\n   Fourth.\n"
    )
    assert_fixes(tmp_path, "m.md", before, after, select=["milestone-structure"])


NOTE = "_Note: These milestones are still in draft and under review by the Samman Society._"


def test_draft_notice_appends_the_notice(tmp_path):
    body = MS + "1. **One.**\n   First.\n"
    assert_fixes(
        tmp_path / "nl",
        "x_milestones.md",
        body,
        body + "\n" + NOTE + "\n",
        select=["draft-notice"],
    )
    assert_fixes(
        tmp_path / "blank",
        "x_milestones.md",
        body + "\n",
        body + "\n" + NOTE + "\n",
        select=["draft-notice"],
    )
    assert_fixes(
        tmp_path / "none",
        "x_milestones.md",
        body.rstrip("\n"),
        body + "\n" + NOTE,
        select=["draft-notice"],
    )


def test_draft_notice_with_a_notice_that_would_not_match_has_no_fix(tmp_path):
    config = "title: T\n"
    lintkit = "rules:\n  draft-notice:\n    example: 'Draft.'\n"
    body = (MS + "text\n").encode()
    got = fix_file(
        tmp_path,
        "x_milestones.md",
        body,
        others={".lintkit.yml": lintkit},
        select=["draft-notice"],
        config=config,
    )
    assert got == body


def test_overlapping_findings_in_one_file(tmp_path):
    # milestone-numbering and list-numbering would renumber, milestone-structure adds
    # periods, malformed-link restores braces on the same lines: all settle.
    before = (
        MS + "1. **One**\n   See [a](% link b.md %).\n\n1. **Two**\n   Second.\n\n"
        "1. **Three**\n   [c]([https://example.org])\n"
    )
    after = (
        MS + "1. **One.**\n   See [a]({% link b.md %}).\n\n2. **Two.**\n   Second.\n\n"
        "3. **Three.**\n   [c](https://example.org)\n"
    )
    assert_fixes(tmp_path, "m.md", before, after, others={"b.md": FM})


def test_fixes_on_the_same_bytes_are_applied_one_per_pass(tmp_path):
    from conftest import write_site
    from fixkit import run_fixer

    # list-numbering also checks milestone lists here, and wants "all 1." where
    # milestone-numbering wants 1, 2, 3, 4: the two fixes overlap.
    lintkit = (
        "rules:\n  list-numbering:\n    milestone-paths: []\n"
        "  milestone-numbering:\n    paths: ['m.md']\n"
        "  milestone-structure:\n    paths: ['m.md']\n"
    )
    before = (
        FM + "1. **One.**\n   a\n\n1. **Two.**\n   b\n\n1. **Three.**\n   c\n\n2. **Four.**\n   d\n"
    )
    root = write_site(tmp_path / "site", {".lintkit.yml": lintkit, "m.md": before})
    out = run_fixer(root)
    assert out.errors == []
    assert [(d.rsplit("/", 1)[-1], rule) for d, rule, _ in out.deferred] == [
        ("m.md", "list-numbering")
    ]
    # the milestone fix starts first, so it is applied; then the list is consecutive
    assert (root / "m.md").read_text() == (
        FM + "1. **One.**\n   a\n\n2. **Two.**\n   b\n\n3. **Three.**\n   c\n\n4. **Four.**\n   d\n"
    )
    assert out.result.findings == []
    assert out.fixed == 1


def test_link_tag_paths(tmp_path):
    pages = {
        "reference/Ensemble.md": FM,
        "guide/intro.md": FM,
        "moved/place.md": FM,
        "reference/learning_hour_1.md": FM,
    }
    before = (
        FM + "[a]({% link reference/ensemble.md %}) [b]({% link guide/intro.html %})\n"
        "[c]({%link /guide/intro.md%}) [d]({% link old/place.md %})\n"
        "[e]({% link reference/learning_hour_2.md %}) [f]({% link 'guide/Intro.md' %})\n"
    )
    after = (
        FM + "[a]({% link reference/Ensemble.md %}) [b]({% link guide/intro.md %})\n"
        "[c]({%link guide/intro.md%}) [d]({% link moved/place.md %})\n"
        "[e]({% link reference/learning_hour_2.md %}) [f]({% link 'guide/intro.md' %})\n"
    )
    assert_fixes(tmp_path, "p.md", before, after, others=pages, select=["link-tag"])
    # the close name is a guess: only with --unsafe-fixes
    got = fix_file(
        tmp_path / "unsafe",
        "p.md",
        before.encode(),
        others=pages,
        select=["link-tag"],
        unsafe=True,
    )
    assert got == after.replace("learning_hour_2", "learning_hour_1").encode()


GEMFILE = {"Gemfile": 'source "https://rubygems.org"\ngem "jekyll"\n'}  # Jekyll 4, no plugins


def test_link_target_source_links_follow_the_sites_habit(tmp_path):
    pages = {
        **GEMFILE,
        "reference/x.md": FM + "# Part\n",
        "guide/Case.md": FM,
        "other.md": FM + "[o]({% link reference/x.md %})\n" * 4,
    }
    before = FM + "[a](reference/x.md#part) [b](/reference/x.md) [c](guide/case.html)\n"
    after = (
        FM + "[a]({% link reference/x.md %}#part) [b]({% link reference/x.md %}) "
        "[c](guide/Case.html)\n"
    )
    assert_fixes(tmp_path, "p.md", before, after, others=pages, select=["link-target"])


def test_link_target_urls_when_the_site_writes_urls(tmp_path):
    pages = {
        **GEMFILE,
        "reference/x.md": FM + "# Part\n",
        "guide/g.md": FM + "[o](../reference/x.html) [p](/guide/g.html)\n",
    }
    before = FM + "[a](../reference/x.md#part) [b](/reference/x.md?q=1) [c](../Reference/x.html)\n"
    after = (
        FM + "[a](../reference/x.html#part) [b](/reference/x.html?q=1) [c](../reference/x.html)\n"
    )
    assert_fixes(tmp_path, "guide/p.md", before, after, others=pages, select=["link-target"])


def test_link_fragment_case_is_safe_and_closest_is_unsafe(tmp_path):
    pages = {"guide.md": FM + "## Rules of an ensemble\n\n## Setup {#Setup}\n"}
    before = (
        FM
        + "# Intro\n\n[a](#INTRO) [b]({% link guide.md %}#setup) [c](guide.html#rules-of-ensemble)\n"
    )
    safe = (
        FM
        + "# Intro\n\n[a](#intro) [b]({% link guide.md %}#Setup) [c](guide.html#rules-of-ensemble)\n"
    )
    assert_fixes(tmp_path, "p.md", before, safe, others=pages, select=["link-fragment"])
    got = fix_file(
        tmp_path / "u", "p.md", before.encode(), others=pages, select=["link-fragment"], unsafe=True
    )
    assert got == safe.replace("#rules-of-ensemble", "#rules-of-an-ensemble").encode()


def test_link_reference_removes_an_unused_definition_only_when_unsafe(tmp_path):
    before = (
        FM + "See [used][u].\n\n[u]: /a.html\n[unused]: /b.html\n"
        '[titled]: /c.html\n  "A title"\n[kept]: /d.html\n\nThe [kept] one.\n'
    )
    after = FM + "See [used][u].\n\n[u]: /a.html\n[kept]: /d.html\n\nThe [kept] one.\n"
    assert fix_file(tmp_path / "safe", "p.md", before.encode(), select=["link-reference"]) == (
        before.encode()
    )
    assert_fixes(tmp_path, "p.md", before, after, select=["link-reference"], unsafe=True)


FORBID = """\
define:
  - id: no-utilize
    kind: forbid-text
    pattern: '\\b[Uu]tili(z|s)e\\b'
    replace: use
    message: "write '{replace}', not '{match}'"
  - id: no-e-mail
    kind: forbid-text
    pattern: '\\b(?P<e>[Ee])-mail\\b'
    replace: '\\g<e>mail'
    message: "write {replace}"
  - id: grows
    kind: forbid-text
    pattern: 'colou?r'
    replace: colour
    message: "write colour"
"""


def test_forbid_text_replace(tmp_path):
    before = FM + "We utilize e-mail and E-mail; utilise `utilize` here.\n\n```\nutilize\n```\n"
    after = FM + "We use email and Email; use `use` here.\n\n```\nutilize\n```\n"
    assert_fixes(
        tmp_path,
        "p.md",
        before,
        after,
        others={".lintkit.yml": FORBID},
        select=["no-utilize", "no-e-mail"],
    )


def test_forbid_text_replace_that_matches_again_is_not_applied(tmp_path):
    raw = (FM + "a color\n").encode()
    got = fix_file(tmp_path, "p.md", raw, others={".lintkit.yml": FORBID}, select=["grows"])
    assert got == raw


def test_forbid_text_replace_message_and_fixable_column(tmp_path):
    from conftest import run_cli, write_site

    root = write_site(tmp_path / "s", {".lintkit.yml": FORBID, "p.md": FM + "utilize\n"})
    res = run_cli("check", "--no-source", "--select", "no-utilize", ".", cwd=root)
    assert res.stdout.splitlines()[0] == ("p.md:5:1: error [no-utilize] write 'use', not 'utilize'")
    rows = {
        line.split()[0]: line.split()[2] for line in run_cli("rules", cwd=root).stdout.splitlines()
    }
    assert rows["no-utilize"] == "fix" and rows["grows"] == "fix"
    assert rows["link-tag"] == "fix" and rows["front-matter"] == "-"


def test_forbid_text_replace_group_must_exist(tmp_path):
    from conftest import run_cli, write_site

    bad = "define:\n  - id: x\n    kind: forbid-text\n    pattern: 'a'\n    replace: '\\\\2'\n    message: m\n"
    root = write_site(tmp_path / "s", {".lintkit.yml": bad, "p.md": FM})
    res = run_cli("check", ".", cwd=root)
    assert res.exit_code == 2
    assert "'\\2' names no group of the pattern" in res.stderr


def test_link_target_keeps_the_sites_own_address_and_baseurl(tmp_path):
    config = "title: T\nurl: https://example.org\nbaseurl: /base\n"
    before = (
        FM + "[a](https://example.org/base/guide/case.html#x) [b](/base/guide/case.html) "
        "[c](https://example.org/base/guide/x.md)\n"
    )
    after = (
        FM + "[a](https://example.org/base/guide/Case.html#x) [b](/base/guide/Case.html) "
        "[c](https://example.org/base/guide/x.html)\n"
    )
    pages = {**GEMFILE, "guide/Case.md": FM + "# X\n", "guide/x.md": FM}
    assert_fixes(
        tmp_path, "p.md", before, after, others=pages, select=["link-target"], config=config
    )


def test_link_target_the_only_page_of_that_name_is_a_guess(tmp_path):
    pages = {**GEMFILE, "reference/learning_hour.md": FM}
    before = FM + "[a](learning_hour.html)\n"
    assert fix_file(tmp_path / "s", "society/c.md", before.encode(), others=pages) == (
        before.encode()
    )
    got = fix_file(tmp_path / "u", "society/c.md", before.encode(), others=pages, unsafe=True)
    assert got == (FM + "[a](../reference/learning_hour.html)\n").encode()
