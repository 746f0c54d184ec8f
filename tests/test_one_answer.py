"""One answer to each question: where a link goes, what git says, what
``defaults`` give a page, which pages are drafts. Each test runs two callers
that used to answer on their own and pins that they now agree."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import check, write_site
from gitsite import GIT_ENV, git, lintkit, make_repo, write

from lintkit import git as gitclient
from lintkit.review import build


@pytest.fixture(autouse=True)
def _git_env(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


# ------------------------------------------------------------ where a link goes
def test_rename_check_since_and_review_since_report_the_same_broken_links(tmp_path):
    repo = make_repo(tmp_path / "site")
    git(repo, "mv", "about.md", "team.md")
    git(repo, "commit", "-q", "-m", "rename about to team")

    run = lintkit("check", "--since", "HEAD~1", "--format", "json", cwd=repo)
    assert run.code == 1
    from_check = [(f["path"], f["line"], f["rule"]) for f in json.loads(run.stdout)]
    assert from_check == [("guide/intro.md", 8, "link-target"), ("index.md", 6, "link-tag")]

    old = os.getcwd()
    os.chdir(repo)
    try:
        model, errors = build(["."], since="HEAD~1")
    finally:
        os.chdir(old)
    assert errors == []
    broken = model["links"]["broken"]
    assert [(b["path"], b["line"]) for b in broken] == [(p, n) for p, n, _ in from_check]
    assert [b["target"] for b in broken] == ["../about.html", "about.md"]
    # The renamed page lost its two inbound links (they still name the old path);
    # its own links did not change, so the page it links to is not listed.
    assert model["links"]["inbound_changed"] == [
        {"path": "team.md", "added": [], "removed": ["guide/intro.md", "index.md"]}
    ]

    run = lintkit("review", "--since", "HEAD~1", cwd=repo)
    assert run.code == 0
    assert (
        "| `guide/intro.md` | 8 | `../about.html` | '../about.html' resolves to /about.html"
        in run.stdout
    )
    assert "| `index.md` | 6 | `about.md` | {% link about.md %}: no page or file" in run.stdout
    assert "| `team.md` | — | `guide/intro.md`, `index.md` |" in run.stdout
    assert "No broken links." not in run.stdout


def test_a_fixed_link_after_a_rename_is_no_inbound_change(tmp_path):
    repo = make_repo(tmp_path / "site")
    git(repo, "mv", "about.md", "team.md")
    write(repo, {"index.md": "---\ntitle: Home\n---\n# Home\n\nRead [us]({% link team.md %}).\n"})
    git(repo, "commit", "-q", "-am", "rename about to team, fix the link tag")
    old = os.getcwd()
    os.chdir(repo)
    try:
        model, _ = build(["."], since="HEAD~1")
    finally:
        os.chdir(old)
    assert [(b["path"], b["line"]) for b in model["links"]["broken"]] == [("guide/intro.md", 8)]
    assert model["links"]["inbound_changed"] == [
        {"path": "team.md", "added": [], "removed": ["guide/intro.md"]}
    ]


# ------------------------------------------------------- what defaults give
DEFAULTS = """\
title: T
collections:
  notes: {output: true}
defaults:
  - scope: {path: "", type: page}
    values: {layout: default}
  - scope: {path: "guide"}
    values: {title: From defaults}
"""


def test_front_matter_rule_reads_defaults_as_the_site_does(tmp_path):
    root = write_site(
        tmp_path / "s",
        {
            "about.md": "---\ntitle: About\n---\nText.\n",  # layout from `type: page`
            "guide/a.md": "---\n---\nText.\n",  # layout from type, title from path
            "guidebook.md": "---\n---\nText.\n",  # Jekyll's scope path is a prefix
            "_notes/n.md": "---\ntitle: N\n---\nText.\n",  # a document is no page
        },
        DEFAULTS,
    )
    found, _ = check(root)
    assert found == [("_notes/n.md", 1, 1, "front-matter")]
    engine_site = check(root)[1]
    assert engine_site.findings[0].message.startswith("the front matter has no 'layout'")


# ------------------------------------------------------------------------ git
def test_git_ignores_variables_that_point_it_elsewhere(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "site")
    write(repo, {"new.md": "---\ntitle: New\n---\nText.\n"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # as inside a git hook of another repository
    monkeypatch.setenv("GIT_DIR", str(elsewhere / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(elsewhere))
    monkeypatch.setenv("GIT_INDEX_FILE", str(elsewhere / "index"))
    changes = gitclient.Git(str(repo)).changes("HEAD")
    assert sorted(os.path.relpath(p, repo) for p in changes.changed) == ["new.md"]


def test_draft_dates_follow_renames(tmp_path):
    notice = "\n_Note: still a draft and under review._\n"
    repo = tmp_path / "site"
    write(
        repo, {"_config.yml": "title: T\n", "a_milestones.md": "---\ntitle: A\n---\nX.\n" + notice}
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    env = {"GIT_AUTHOR_DATE": "2024-01-02T10:00:00", "GIT_COMMITTER_DATE": "2024-01-02T10:00:00"}
    _commit(repo, "draft", env)
    git(repo, "mv", "a_milestones.md", "b_milestones.md")
    env = {"GIT_AUTHOR_DATE": "2024-05-06T10:00:00", "GIT_COMMITTER_DATE": "2024-05-06T10:00:00"}
    _commit(repo, "rename", env)
    import datetime

    model, _ = build([str(repo)], today=datetime.date(2024, 7, 1))
    [draft] = model["drafts"]
    assert (draft["path"], draft["notice_added"], draft["last_changed"], draft["age_days"]) == (
        "b_milestones.md",
        "2024-01-02",
        "2024-05-06",
        181,
    )


def _commit(repo, message, env):
    subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=repo,
        env={**os.environ, **GIT_ENV, **env},
        check=True,
    )


def test_review_says_when_the_clone_is_shallow(tmp_path):
    origin = make_repo(tmp_path / "origin")
    write(origin, {"index.md": "---\ntitle: Home\n---\n# Home\n\nMore.\n"})
    git(origin, "commit", "-q", "-am", "second")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "clone")
    model, _ = build([str(tmp_path / "clone")])
    assert model["git_note"] == (
        "the dates of drafts may be wrong: this clone is shallow (history is missing), so "
        "dates and revisions before its first commit are unknown: fetch full history "
        "(e.g. actions/checkout with fetch-depth: 0)"
    )
    model, _ = build([str(origin)])
    assert model["git_note"] == ""


# ------------------------------------------------- which pages say "step N"
def test_consistency_rule_and_review_agree_on_references(tmp_path):
    def track(name):
        items = "".join(f"{i}. **Step {i} of {name}.**\nText.\n\n" for i in range(1, 6))
        return f"---\ntitle: {name}\nlayout: x\n---\n{items}"

    config = (
        "define:\n"
        "  - id: step-tracks\n"
        "    kind: consistency\n"
        "    group: ['tracks/*_steps.md']\n"
        "    noun: step\n"
        "rules:\n"
        "  milestone-numbering: off\n"
        "  milestone-structure: off\n"
        "  draft-notice: off\n"
    )
    root = write_site(
        tmp_path / "s",
        {
            ".lintkit.yml": config,
            "tracks/a_steps.md": track("A"),
            "tracks/b_steps.md": track("B"),
            "guide.md": (
                "---\ntitle: Guide\nlayout: x\n---\n"
                "See [A](tracks/a_steps.html) and [B](tracks/b_steps.html).\n\n"
                "Start at step 6. The first 3 steps are easy.\n\n"
                "There are five steps in each track, the 10 steps in all.\n\n"
                "Then steps 4 and 7. We have twelve coaching steps.\n\n"
                "```\nstep 9 in code is no reference\n```\n"
            ),
        },
    )
    found, _ = check(root)
    assert found == [
        ("guide.md", 7, 10, "step-tracks"),
        ("guide.md", 11, 6, "step-tracks"),
        ("guide.md", 11, 29, "step-tracks"),
    ]
    model, _ = build([str(root)])
    [track_model] = model["tracks"]
    refs = [(r["line"], r["text"], r["in_range"]) for r in track_model["references"]]
    assert refs == [
        (7, "Start at step 6", False),
        (7, "The first 3 steps", True),
        (9, "There are five steps in each track", True),
        (9, "the 10 steps", True),
        (11, "Then steps 4 and 7", False),
        (11, "We have twelve coaching steps", False),
    ]
    assert [line for line, _, ok in refs if not ok] == [line for _, line, _, _ in found]
