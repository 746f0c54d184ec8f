"""Issue 14, point 3: ``check --staged`` judges the commit being made (git's
index), not the working tree; ``--skip-staged`` leaves the staged files to
the other hook, so the two hooks never print a finding twice."""

import os

from gitsite import git, lintkit, make_repo, write

NEW = "---\ntitle: New\n---\n# New\n\nHello.\n"
INDEX_TO_NEW = "---\ntitle: Home\n---\n# Home\n\nRead [about us]({% link about.md %}) and [new]({% link new.md %}).\n"


def test_a_link_to_an_untracked_page_is_broken_in_the_commit(tmp_path):
    site = make_repo(tmp_path / "site")
    write(site, {"index.md": INDEX_TO_NEW, "new.md": NEW})
    git(site, "add", "index.md")  # new.md stays untracked
    run = lintkit("check", "--staged", "--no-source", cwd=site)
    assert run.code == 1, run
    assert run.stdout.splitlines()[0] == (
        "index.md:6:48: error [link-tag] {% link new.md %}: 'new.md' is not staged, so the "
        "commit would have a broken link: git add new.md (or leave this link out of the commit)"
    )
    # the working tree has new.md: a plain check passes
    assert lintkit("check", "--no-source", cwd=site).code == 0
    # staged too: the commit is whole
    git(site, "add", "new.md")
    assert lintkit("check", "--staged", "--no-source", cwd=site).code == 0


def test_unstaged_edits_are_not_judged(tmp_path):
    site = make_repo(tmp_path / "site")
    write(site, {"about.md": "---\ntitle: About\n---\n# About\n\nSee [x]({% link gone.md %}).\n"})
    run = lintkit("check", "--staged", "--no-source", "about.md", cwd=site)
    assert run.code == 0, run  # the broken link is not staged
    git(site, "add", "about.md")
    run = lintkit("check", "--staged", "--no-source", "about.md", cwd=site)
    assert run.code == 1
    assert run.stdout.startswith("about.md:6:9: error [link-tag] {% link gone.md %}")


def test_a_file_given_but_not_staged_is_noted(tmp_path):
    site = make_repo(tmp_path / "site")
    write(site, {"new.md": NEW})
    run = lintkit("check", "--staged", "new.md", cwd=site)
    assert run.code == 0
    assert run.stderr == "lintkit: new.md: not checked: it is not staged\n"
    assert run.stdout.startswith("No problems found in 0 files")


def test_the_two_hooks_never_print_a_finding_twice(tmp_path):
    site = make_repo(tmp_path / "site")
    write(site, {"guide/other.md": "---\ntitle: O\n---\n[x]({% link gone.md %})\n"})
    git(site, "add", "guide/other.md")
    git(site, "rm", "-q", "about.md")
    staged_hook = lintkit("check", "--staged", "--no-source", "guide/other.md", cwd=site)
    site_hook = lintkit("check", "--staged", "--skip-staged", "--no-source", cwd=site)
    assert [line.split(" ")[0] for line in staged_hook.stdout.splitlines()[:-1]] == [
        "guide/other.md:4:5:"
    ]
    assert [line.split(" ")[0] for line in site_hook.stdout.splitlines()[:-1]] == [
        "guide/intro.md:8:22:",
        "index.md:6:17:",
    ]
    assert staged_hook.code == site_hook.code == 1


def test_inside_a_git_hook_the_commits_index_is_read(tmp_path, monkeypatch):
    # `git commit -a` commits a temporary index named by GIT_INDEX_FILE.
    site = make_repo(tmp_path / "site")
    write(site, {"index.md": INDEX_TO_NEW})
    other = tmp_path / "index-of-the-commit"
    env_index = {"GIT_INDEX_FILE": str(other)}
    import subprocess

    from gitsite import git_env

    subprocess.run(
        ["git", "read-tree", "HEAD"], cwd=site, env={**git_env(), **env_index}, check=True
    )
    subprocess.run(["git", "add", "index.md"], cwd=site, env={**git_env(), **env_index}, check=True)
    assert lintkit("check", "--staged", cwd=site).code == 0  # the repository's index: clean
    monkeypatch.setenv("GIT_INDEX_FILE", str(other))
    assert lintkit("check", "--staged", "--no-source", cwd=site).code == 1


def test_staged_outside_a_repository(tmp_path):
    (tmp_path / "_config.yml").write_text("title: T\n", encoding="utf-8")
    run = lintkit("check", "--staged", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.startswith("lintkit: error: --staged needs a git repository, and ")
    assert os.listdir(tmp_path) == ["_config.yml"]
