"""check --since REF --fix: the pages linking to a page renamed since REF are
updated in the same change."""

import pytest
from gitsite import GIT_ENV, SITE, git, lintkit, make_repo

GEMFILE = {"Gemfile": 'source "https://rubygems.org"\ngem "jekyll"\n'}  # Jekyll 4, no plugins


@pytest.fixture(autouse=True)
def _git_env(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def test_since_fix_follows_a_rename(tmp_path):
    files = {
        **SITE,
        **GEMFILE,
        "guide/other.md": "---\ntitle: Other\n---\n# Other\n\n[Us](/about.html#about) "
        "[source](../about.md)\n",
    }
    repo = make_repo(tmp_path / "site", files)
    git(repo, "mv", "about.md", "team.md")
    git(repo, "commit", "-q", "-m", "rename about to team")
    before = lintkit("check", "--since", "HEAD~1", "--no-source", ".", cwd=repo)
    assert before.code == 1
    assert [line.split(" ")[0] for line in before.stdout.splitlines()[:-1]] == [
        "guide/intro.md:8:22:",
        "guide/other.md:6:6:",
        "guide/other.md:6:34:",
        "index.md:6:17:",
    ]
    diff = lintkit("check", "--since", "HEAD~1", "--diff", ".", cwd=repo)
    assert diff.code == 1
    assert "+Read [about us]({% link team.md %}).\n" in diff.stdout
    fixed = lintkit("check", "--since", "HEAD~1", "--fix", ".", cwd=repo)
    assert fixed.code == 0, fixed
    assert "Fixed 4 findings in 3 files; 0 remain" in fixed.stderr
    assert (repo / "index.md").read_text() == (
        "---\ntitle: Home\n---\n# Home\n\nRead [about us]({% link team.md %}).\n"
    )
    assert (repo / "guide/intro.md").read_text().endswith("See [the about page](../team.html).\n")
    assert (
        (repo / "guide/other.md")
        .read_text()
        .endswith("[Us](/team.html#about) [source](../team.html)\n")
    )
    assert lintkit("check", ".", cwd=repo).code == 0
