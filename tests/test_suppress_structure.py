"""Issue 14, point 4: a suppression comment never changes the structure the
rules see, and a same-line form exists."""

from conftest import run_cli, write_site

PAGE = "---\ntitle: T\nlayout: default\n---\n"


def test_a_column_0_comment_above_a_list_item_does_not_split_the_list(tmp_path):
    root = write_site(
        tmp_path / "site",
        {
            "a.md": PAGE
            + "1. one\n2. two\n<!-- lintkit-disable-next-line list-numbering -->\n4. four\n",
            "b.md": PAGE + "1. one\n2. two\n4. four\n",
        },
    )
    res = run_cli("check", "--no-source", "--fail-on", "warning", ".", cwd=root)
    # a.md: suppressed, and the comment is used (no unused-suppression);
    # b.md: the same list without the comment has the finding on the same item.
    assert res.stdout.splitlines()[:-1] == [
        "b.md:7:1: warning [list-numbering] item 3 is numbered 4, which breaks this list's "
        "numbering (1, 2, 4); the site numbers the items 1 to 3 whatever the source says: "
        "number them consecutively (or all 1.)"
    ]
    assert res.exit_code == 1


def test_the_same_line_form(tmp_path):
    root = write_site(
        tmp_path / "site",
        {
            "a.md": PAGE + "See [x](gone.md). <!-- lintkit-disable-line link-target -->\n"
            "See [y](gone.md).\n"
            "Fine. <!-- lintkit-disable-line link-target -->\n",
        },
    )
    res = run_cli("check", "--no-source", ".", cwd=root)
    assert [line.split(": ", 2)[:2] for line in res.stdout.splitlines()[:-1]] == [
        [
            "a.md:6:9",
            "error [link-target] 'gone.md' resolves to /gone.md from this page's URL /a.html, which the site does not serve",
        ],
        [
            "a.md:7:7",
            "info [unused-suppression] <!-- lintkit-disable-line link-target --> "
            "suppresses nothing for link-target",
        ],
    ]
    assert res.stdout.splitlines()[1].endswith(
        "suppresses nothing for link-target: no link-target finding on line 7; remove the comment"
    )


def test_a_milestone_title_with_a_same_line_comment_is_still_a_bold_title(tmp_path):
    root = write_site(
        tmp_path / "site",
        {
            "a_milestones.md": PAGE
            + "1. **One.**\n   x\n2. **Two** <!-- lintkit-disable-line milestone-structure -->\n"
            "   y\n3. **Three.** <!-- lintkit-disable-line -->\n   z\n\n"
            "_Note: a draft under review._\n",
        },
    )
    res = run_cli("check", "--no-source", "--fail-on", "info", ".", cwd=root)
    assert res.stdout.splitlines()[:-1] == [
        "a_milestones.md:9:15: info [unused-suppression] <!-- lintkit-disable-line --> "
        "suppresses nothing: no finding on line 9; remove the comment"
    ]
