"""lintkit baseline and lintkit check --baseline, end to end through the CLI."""

import json

import pytest
from gitsite import SITE, lintkit, write

# Two old defects: a link tag to a missing page, a relative link to a missing page.
OLD = {
    **SITE,
    "index.md": "---\ntitle: Home\n---\n# Home\n\nRead [the plan]({% link plan.md %}).\n",
    "guide/intro.md": "---\ntitle: Intro\n---\n# Intro\n\nSee [old](../gone.html).\n",
}


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    write(root, OLD)
    run = lintkit("baseline", cwd=root)
    assert run.code == 0, run
    assert run.stdout == "Wrote 2 findings (2 entries) from 4 files to .lintkit-baseline.json.\n"
    return root


def test_baseline_file_format(site):
    doc = json.loads((site / ".lintkit-baseline.json").read_text())
    assert doc["version"] == 1
    assert [(e["rule"], e["path"], e["context"], e["count"]) for e in doc["entries"]] == [
        ("link-target", "guide/intro.md", "See [old](../gone.html).", 1),
        ("link-tag", "index.md", "Read [the plan]({% link plan.md %}).", 1),
    ]


def test_unchanged_site_passes(site):
    assert lintkit("check", cwd=site).code == 1  # the defects are there
    run = lintkit("check", "--baseline", ".lintkit-baseline.json", cwd=site)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("No problems found in 4 files (")


def test_new_defect_is_the_only_one_reported(site):
    write(site, {"guide/other.md": SITE["guide/other.md"] + "\n[new](/missing.html)\n"})
    run = lintkit("check", "--baseline", ".lintkit-baseline.json", "--format", "json", cwd=site)
    assert run.code == 1
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(run.stdout)] == [
        ("guide/other.md", 8, "link-target")
    ]
    assert run.stderr == ""


def test_lines_inserted_above_still_match(site):
    write(
        site,
        {
            "index.md": OLD["index.md"].replace(
                "# Home\n", "# Home\n\nA new paragraph.\n\nAnd another.\n"
            )
        },
    )
    assert json.loads(lintkit("check", "--format", "json", cwd=site).stdout)[1]["line"] == 10
    run = lintkit("check", "--baseline", ".lintkit-baseline.json", cwd=site)
    assert (run.code, run.stderr) == (0, "")


def test_fixed_defect_is_reported_as_fixed(site):
    write(site, {"guide/intro.md": OLD["guide/intro.md"].replace("../gone.html", "other.html")})
    run = lintkit("check", "--baseline", ".lintkit-baseline.json", cwd=site)
    assert run.code == 0
    assert run.stderr == (
        "fixed: guide/intro.md [link-target] See [old](../gone.html).\n"
        "lintkit: 1 baseline finding is fixed; run 'lintkit baseline --output "
        ".lintkit-baseline.json' to remove it from the baseline\n"
    )
    # Regenerating shrinks the baseline; nothing is fixed any more.
    assert lintkit("baseline", cwd=site).stdout.startswith("Wrote 1 finding (1 entry) from 4 files")
    assert lintkit("check", "--baseline", ".lintkit-baseline.json", cwd=site).stderr == ""


def test_partial_run_does_not_call_unchecked_files_fixed(site):
    run = lintkit("check", "--baseline", ".lintkit-baseline.json", "index.md", cwd=site)
    assert (run.code, run.stderr) == (0, "")


def test_paths_are_relative_to_the_baseline_folder(site):
    # Run from a subfolder, naming the baseline by a relative path: paths still match,
    # and the fixed entry is shown as findings are: outside the current folder, absolute.
    write(site, {"index.md": OLD["index.md"].replace("plan.md", "about.md")})
    run = lintkit("check", "--baseline", "../.lintkit-baseline.json", "..", cwd=site / "guide")
    assert run.code == 0
    assert run.stderr.splitlines()[0] == (
        f"fixed: {(site / 'index.md').as_posix()} [link-tag] Read [the plan]({{% link plan.md %}})."
    )
    # A baseline written from the subfolder stores the same paths.
    assert lintkit("baseline", "..", "--output", "../b.json", cwd=site / "guide").code == 0
    assert json.loads((site / "b.json").read_text())["entries"][0]["path"] == "guide/intro.md"


def test_fail_on_applies_to_new_findings_only(site):
    write(
        site,
        {
            ".lintkit.yml": "rules:\n  link-target: warning\n",
            "guide/other.md": SITE["guide/other.md"] + "\n[new](/missing.html)\n",
        },
    )
    args = ("check", "--baseline", ".lintkit-baseline.json", "--format", "json")
    assert lintkit(*args, cwd=site).code == 0
    assert lintkit(*args, "--fail-on", "warning", cwd=site).code == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (
            None,
            "lintkit: error: cannot read baseline 'b.json': No such file or directory; create it "
            "with 'lintkit baseline'\n",
        ),
        (
            "{oops",
            "lintkit: error: baseline 'b.json': baseline is not valid JSON: Expecting property "
            "name enclosed in double quotes: line 1 column 2 (char 1)\n",
        ),
        (
            '{"version": 9, "entries": []}',
            "lintkit: error: baseline 'b.json': unsupported baseline version 9 (expected 1)\n",
        ),
        (b"\xff\xfe", "lintkit: error: baseline 'b.json' is not UTF-8 text\n"),
    ],
)
def test_bad_baseline_is_exit_2(site, content, message):
    if isinstance(content, str):
        (site / "b.json").write_text(content)
    elif content is not None:
        (site / "b.json").write_bytes(content)
    run = lintkit("check", "--baseline", "b.json", cwd=site)
    assert (run.code, run.stdout, run.stderr) == (2, "", message)


def test_baseline_unwritable_is_exit_2(site):
    run = lintkit("baseline", "--output", "no/such/dir/b.json", cwd=site)
    assert run.code == 2
    assert (
        run.stderr
        == "lintkit: error: cannot write 'no/such/dir/b.json': No such file or directory\n"
    )


def test_counted_entries_fixed(tmp_path):
    line = "Read [the plan]({% link plan.md %}).\n"
    write(tmp_path, {**OLD, "index.md": "---\ntitle: Home\n---\n" + line + "\n" + line})
    assert lintkit("baseline", "--output", "base.json", cwd=tmp_path).stdout.startswith(
        "Wrote 3 findings (2 entries) from 4 files to base.json."
    )
    write(
        tmp_path,
        {
            "index.md": "---\ntitle: Home\n---\nFixed.\n",
            "guide/intro.md": OLD["guide/intro.md"].replace("../gone.html", "other.html"),
        },
    )
    run = lintkit("check", "--baseline", "base.json", cwd=tmp_path)
    assert run.code == 0
    assert run.stderr == (
        "fixed: guide/intro.md [link-target] See [old](../gone.html).\n"
        "fixed: index.md [link-tag] Read [the plan]({% link plan.md %}). (2 findings)\n"
        "lintkit: 3 baseline findings are fixed; run 'lintkit baseline --output base.json' to "
        "remove them from the baseline\n"
    )
