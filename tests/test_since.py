"""lintkit check --since REF: changed files, and files linking to removed ones."""

import json
import os

import pytest
from gitsite import GIT_ENV, SITE, git, lintkit, make_repo, write

from lintkit.engine import Engine
from lintkit.gitchanges import GitError, changes_since, select


@pytest.fixture(autouse=True)
def _git_env(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def findings(run):
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in json.loads(run.stdout)]


def checked(repo, *args):
    """The files --since selects, relative to the repository."""
    engine = Engine()
    old = os.getcwd()
    os.chdir(repo)
    try:
        return [
            os.path.relpath(p, repo).replace(os.sep, "/")
            for p in select(engine, list(args[1:]) or ["."], args[0])
        ]
    finally:
        os.chdir(old)


def test_rename_fails_on_untouched_linking_pages(tmp_path):
    repo = make_repo(tmp_path / "site")
    git(repo, "mv", "about.md", "team.md")
    git(repo, "commit", "-q", "-m", "rename about to team")

    run = lintkit("check", "--since", "HEAD~1", cwd=repo)
    assert run.code == 1
    lines = run.stdout.splitlines()
    # index.md and guide/intro.md were not touched; they link to the old path.
    assert lines[0].startswith(
        "guide/intro.md:8:22: error [link-target] '../about.html' resolves to /about.html"
    )
    assert lines[1] == "    See [the about page](../about.html)."
    assert lines[3] == (
        "index.md:6:17: error [link-tag] {% link about.md %}: no page or file "
        "'about.md' in the site; check the path (relative to the site root)"
    )
    assert lines[4] == "    Read [about us]({% link about.md %})."
    assert lines[-1].startswith("Found 2 errors, 0 warnings, 0 info in 3 files (")
    assert run.stderr == ""

    # guide/other.md links to nothing removed: it is not checked.
    assert checked(repo, "HEAD~1") == ["guide/intro.md", "index.md", "team.md"]
    # The same range, but only under guide/.
    run = lintkit("check", "--since", "HEAD~1", "--format", "json", "guide", cwd=repo)
    assert (run.code, findings(run)) == (1, [("guide/intro.md", 8, 22, "link-target")])


def test_nothing_changed(tmp_path):
    repo = make_repo(tmp_path / "site")
    run = lintkit("check", "--since", "HEAD", cwd=repo)
    assert (run.code, run.stdout.splitlines()[0][:30]) == (0, "No problems found in 0 files (")


def test_working_tree_staged_and_untracked_count(tmp_path):
    repo = make_repo(tmp_path / "site")
    write(
        repo,
        {
            "guide/other.md": SITE["guide/other.md"] + "[x]({% link nope.md %})\n",
            "new.md": "---\ntitle: New\n---\n[y](/missing.html)\n",
            "staged.md": "---\ntitle: S\n---\nok\n",
            "notes.txt": "not markdown\n",
        },
    )
    git(repo, "add", "staged.md")
    assert checked(repo, "HEAD") == ["guide/other.md", "new.md", "staged.md"]
    run = lintkit("check", "--since", "HEAD", "--format", "json", cwd=repo)
    assert (run.code, findings(run)) == (
        1,
        [("guide/other.md", 7, 5, "link-tag"), ("new.md", 4, 5, "link-target")],
    )


def test_ignored_and_excluded_files_are_not_checked(tmp_path):
    repo = make_repo(
        tmp_path / "site",
        {
            **SITE,
            ".gitignore": "scratch.md\n",
            "_config.yml": SITE["_config.yml"] + "exclude: [drafts]\n",
        },
    )
    write(
        repo,
        {
            "scratch.md": "[x](nope.html)\n",
            "drafts/a.md": "[x](nope.html)\n",
            "_site/index.md": "[x](nope.html)\n",
        },
    )
    assert checked(repo, "HEAD") == []


def test_deleted_page_with_permalink_found_by_its_old_url(tmp_path):
    # The removed page was served at /team/, which only its old front matter says.
    repo = make_repo(
        tmp_path / "site",
        {
            **SITE,
            "about.md": "---\ntitle: About\npermalink: /team/\n---\n# About\n",
            "people.md": "---\ntitle: People\n---\nMeet [the team](/team/).\n",
            "plain.md": "No front matter: [about](about.md) as GitHub resolves it.\n",
            "far.md": "---\ntitle: Far\n---\n[x]({{ site.baseurl }}/team)\n",
        },
    )
    git(repo, "rm", "-q", "about.md")
    git(repo, "commit", "-q", "-m", "remove about")
    # guide/intro.md links to /about.html, which was not the removed page's URL
    # (that link was broken before): it is not checked.
    assert checked(repo, "HEAD~1") == ["far.md", "index.md", "people.md", "plain.md"]
    run = lintkit("check", "--since", "HEAD~1", "--format", "json", cwd=repo)
    assert findings(run) == [
        ("far.md", 4, 5, "link-target"),
        ("index.md", 6, 17, "link-tag"),
        ("people.md", 4, 17, "link-target"),
        ("plain.md", 1, 26, "link-target"),
    ]
    assert run.code == 1


def test_removed_include_and_post(tmp_path):
    repo = make_repo(
        tmp_path / "site",
        {
            **SITE,
            "_includes/note.html": "<p>note</p>\n",
            "_posts/2024-01-31-hello.md": "---\ntitle: Hello\n---\nHi\n",
            "uses.md": "---\ntitle: Uses\n---\n{% include note.html %}\n\n[p]({% post_url 2024-01-31-hello %})\n",
        },
    )
    git(repo, "rm", "-q", "_includes/note.html", "_posts/2024-01-31-hello.md")
    git(repo, "commit", "-q", "-m", "remove")
    run = lintkit("check", "--since", "HEAD~1", "--format", "json", cwd=repo)
    assert (run.code, findings(run)) == (
        1,
        [("uses.md", 4, 1, "link-tag"), ("uses.md", 6, 5, "link-tag")],
    )


def test_config_change_checks_every_page(tmp_path):
    repo = make_repo(tmp_path / "site")
    write(repo, {"_config.yml": SITE["_config.yml"] + "exclude: [guide/other.md]\n"})
    assert checked(repo, "HEAD") == ["about.md", "guide/intro.md", "index.md"]
    write(repo, {"_config.yml": SITE["_config.yml"], ".lintkit.yml": "rules: {}\n"})
    assert checked(repo, "HEAD") == ["about.md", "guide/intro.md", "guide/other.md", "index.md"]
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "configure")
    assert checked(repo, "HEAD") == []
    git(repo, "rm", "-q", ".lintkit.yml")  # back to the defaults: every page again
    assert checked(repo, "HEAD") == ["about.md", "guide/intro.md", "guide/other.md", "index.md"]


def test_changes_since_lists_changed_and_removed(tmp_path):
    repo = make_repo(tmp_path / "site")
    git(repo, "mv", "about.md", "team.md")
    write(repo, {"index.md": "changed\n", "extra.md": "new\n"})
    os.remove(repo / "guide/other.md")  # deleted in the working tree, not staged
    changes = changes_since("HEAD", str(repo / "guide"))
    top = os.path.realpath(repo)
    assert changes.toplevel == top
    assert changes.revision == git(repo, "rev-parse", "HEAD").strip()
    assert sorted(os.path.relpath(p, top) for p in changes.changed) == [
        "extra.md",
        "index.md",
        "team.md",
    ]
    assert sorted(os.path.relpath(p, top) for p in changes.removed) == [
        "about.md",
        os.path.join("guide", "other.md"),
    ]
    assert changes.old_bytes(os.path.join(top, "about.md")) == SITE["about.md"].encode()


@pytest.mark.parametrize(
    "ref, message",
    [
        (
            "nope",
            "lintkit: error: --since: unknown git revision 'nope'; give a branch, tag or commit "
            "that exists in this clone\n",
        ),
        (
            "HEAD~5",
            "lintkit: error: --since: unknown git revision 'HEAD~5'; give a branch, tag or "
            "commit that exists in this clone\n",
        ),
        (
            "--output=x",
            "lintkit: error: --since: '--output=x' is not a git revision; give a branch, "
            "tag or commit\n",
        ),
    ],
)
def test_bad_revision_is_exit_2(tmp_path, ref, message):
    repo = make_repo(tmp_path / "site")
    run = lintkit("check", f"--since={ref}", cwd=repo)
    assert (run.code, run.stdout, run.stderr) == (2, "", message)
    assert not (repo / "x").exists()


def test_bad_revision_is_reported_even_without_pages(tmp_path):
    repo = make_repo(tmp_path / "site")
    (repo / "empty").mkdir()
    run = lintkit("check", "--since", "nope", "empty", cwd=repo)
    assert (run.code, run.stderr) == (
        2,
        "lintkit: error: --since: unknown git revision 'nope'; "
        "give a branch, tag or commit that exists in this clone\n",
    )
    run = lintkit("check", "--since", "HEAD", "missing", cwd=repo)
    assert (run.code, run.stderr) == (2, "lintkit: error: path 'missing' does not exist\n")


def test_shallow_clone_hint(tmp_path):
    origin = make_repo(tmp_path / "origin")
    write(origin, {"index.md": SITE["index.md"] + "more\n"})
    git(origin, "commit", "-q", "-am", "second")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "clone")
    run = lintkit("check", "--since", "HEAD~1", cwd=tmp_path / "clone")
    assert run.code == 2
    assert run.stderr == (
        "lintkit: error: --since: unknown git revision 'HEAD~1'; give a branch, "
        "tag or commit that exists in this clone; this clone is shallow, so older "
        "commits are missing: fetch more history (e.g. actions/checkout with "
        "fetch-depth: 0)\n"
    )


def test_not_a_repository_is_exit_2(tmp_path):
    write(tmp_path / "site", SITE)
    run = lintkit("check", "--since", "HEAD", cwd=tmp_path / "site")
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr.startswith(
        f"lintkit: error: --since needs a git repository, and "
        f"'{tmp_path / 'site'}' is not in one (git: fatal: not a git repository"
    )
    assert run.stderr.count("\n") == 1
    with pytest.raises(GitError):
        changes_since("HEAD", str(tmp_path / "site"))


def test_git_missing_is_exit_2(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "site")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    run = lintkit("check", "--since", "HEAD", cwd=repo)
    assert (run.code, run.stderr) == (
        2,
        "lintkit: error: --since needs git, and git is not installed (or not on PATH)\n",
    )
