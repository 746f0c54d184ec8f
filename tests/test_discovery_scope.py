"""Issue 14, point 2: lintkit checks what Jekyll builds. Folders Jekyll never
reads (``.claude/``) are not checked, Markdown that Jekyll copies without
rendering (a README or LICENSE without front matter) gets the link rules only,
and the milestone rules run on milestone pages only."""

from conftest import run_cli, write_site

STEPS = "1. **Open it.**\nx\n\n2. **Close it**\ny\n\n3. **Three.**\nz\n"
PAGE = "---\ntitle: S\nlayout: default\n---\n"


def make(tmp_path):
    return write_site(
        tmp_path / "site",
        {
            ".claude/skills/hour/SKILL.md": "1. **Open.**\n1. **Close**\n1. x\n[a](nowhere.md)\n",
            "README.md": "# Readme\n\n1. a\n3. b\n\nSee [x](gone.md).\n",
            "LICENSE.md": "# License\n\nMIT\n",
            "steps.md": PAGE + STEPS,
            "society/a_milestones.md": PAGE + STEPS + "\n_Note: a draft under review._\n",
            "flagged.md": PAGE.replace("---\n", "---\nmilestones: true\n", 1) + STEPS,
            "opted_out_milestones.md": PAGE.replace(
                "---\n", "---\nmilestones: false\ndraft: false\n", 1
            )
            + STEPS,
        },
    )


def test_only_what_jekyll_builds_and_milestone_rules_on_milestone_pages(tmp_path):
    root = make(tmp_path)
    res = run_cli("check", "--no-source", ".", cwd=root)
    assert res.exit_code == 1
    assert res.stdout.splitlines()[:-1] == [
        "README.md:6:9: error [link-target] 'gone.md' does not exist: README.md has no front "
        "matter, so Jekyll copies it as it is and GitHub resolves the link relative to the file",
        "flagged.md:9:1: error [milestone-structure] milestone 2's title does not end with a "
        "period: write **Close it.**",
        "society/a_milestones.md:8:1: error [milestone-structure] milestone 2's title does not "
        "end with a period: write **Close it.**",
    ]
    # .claude/ is not among the files; README's list numbering and LICENSE's missing
    # title are not judged: Jekyll does not render them.
    assert res.stdout.splitlines()[-1].startswith("Found 3 errors, 0 warnings, 0 info in 6 files")


def test_a_file_jekyll_never_reads_is_skipped_with_a_note(tmp_path):
    root = make(tmp_path)
    res = run_cli("check", ".claude/skills/hour/SKILL.md", cwd=root)
    assert res.exit_code == 0
    assert res.stderr == (
        "lintkit: .claude/skills/hour/SKILL.md: not checked: Jekyll never reads it "
        "(in a folder or with a name starting with . or #)\n"
    )
    assert res.stdout.startswith("No problems found in 0 files")


def test_milestone_paths_are_configurable(tmp_path):
    root = make(tmp_path)
    (root / ".lintkit.yml").write_text(
        "rules:\n  milestone-structure:\n    paths: ['steps.md']\n", encoding="utf-8"
    )
    res = run_cli("check", "--no-source", "--select", "milestone-structure", ".", cwd=root)
    assert [line.split(" ")[0] for line in res.stdout.splitlines()[:-1]] == [
        "flagged.md:9:1:",
        "steps.md:8:1:",
    ]
