"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit tool on real commits.

pre-commit clones a snapshot of this checkout (the working tree as it is, so the
test sees uncommitted edits too) and installs it with pip in a virtualenv of its
own. That runs offline: pip reads a wheelhouse built from what is installed here
(see wheelhouse.py).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import wheelhouse
from gitsite import git, git_env, make_repo, write

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parents[1]
SNAPSHOT = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "lintkit", "rules")


@pytest.fixture(scope="module")
def hooks(tmp_path_factory):
    """(snapshot repository, its commit, environment for pre-commit)."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hooks")
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "lintkit"
    repo.mkdir()
    for name in SNAPSHOT:
        source = CHECKOUT / name
        if source.is_dir():
            shutil.copytree(
                source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        elif source.is_file():
            shutil.copy(source, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")
    rev = git(repo, "rev-parse", "HEAD").strip()
    wheels = base / "wheels"
    wheelhouse.build(repo, wheels)
    env = {
        **git_env(),
        "PRE_COMMIT_HOME": str(base / "cache"),  # one hook environment for the module
        "PRE_COMMIT_COLOR": "never",
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_OVERRIDE_APP_DATA": str(base / "virtualenv-data"),
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",  # no background download of seed wheels
    }
    return repo, rev, env


def commit(site, env, message):
    proc = subprocess.run(
        ["git", "commit", "-m", message], cwd=site, env=env, capture_output=True, text=True
    )
    return proc.returncode, proc.stdout + proc.stderr


def head_count(site):
    return int(git(site, "rev-list", "--count", "HEAD"))


def hook_line(output, name):
    return next(line for line in output.splitlines() if line.startswith(name + "..."))


def test_hooks_refuse_broken_links_and_accept_the_fix(tmp_path, hooks):
    repo, rev, env = hooks
    site = make_repo(tmp_path / "site")
    write(
        site,
        {
            ".pre-commit-config.yaml": f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n"
            "      - id: lintkit\n      - id: lintkit-site\n"
        },
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    git(site, "add", ".pre-commit-config.yaml")
    code, out = commit(site, env, "add pre-commit")  # builds the hook environment
    assert code == 0, out
    assert hook_line(out, "lintkit (staged Markdown pages)").endswith("(no files to check)Skipped")
    assert hook_line(out, "lintkit (whole site)").endswith("Passed")

    # A new page with a broken link: the commit is refused, with lintkit's message.
    write(site, {"new.md": "---\ntitle: New\n---\nSee [us]({% link abuot.md %}).\n"})
    git(site, "add", "new.md")
    before = head_count(site)
    code, out = commit(site, env, "add a page")
    assert code == 1, out
    assert hook_line(out, "lintkit (staged Markdown pages)").endswith("Failed")
    assert (
        "new.md:4:10: error [link-tag] {% link abuot.md %}: no page or file 'abuot.md' in "
        "the site; did you mean 'about.md'?"
    ) in out
    assert head_count(site) == before

    # Fixed: the commit goes through.
    write(site, {"new.md": "---\ntitle: New\n---\nSee [us]({% link about.md %}).\n"})
    git(site, "add", "new.md")
    code, out = commit(site, env, "add a page")
    assert code == 0, out
    assert hook_line(out, "lintkit (staged Markdown pages)").endswith("Passed")
    assert hook_line(out, "lintkit (whole site)").endswith("Passed")
    assert head_count(site) == before + 1

    # Deleting a page others link to stages no Markdown file: lintkit-site refuses it.
    git(site, "rm", "-q", "about.md")
    code, out = commit(site, env, "remove about")
    assert code == 1, out
    assert hook_line(out, "lintkit (staged Markdown pages)").endswith("(no files to check)Skipped")
    assert hook_line(out, "lintkit (whole site)").endswith("Failed")
    assert "index.md:6:17: error [link-tag] {% link about.md %}" in out
    assert "new.md:4:10: error [link-tag] {% link about.md %}" in out
    assert head_count(site) == before + 1


def test_hook_definitions():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["lintkit"]["types"] == ["markdown"]
    assert hooks["lintkit"].get("pass_filenames", True) is True
    assert hooks["lintkit-site"]["pass_filenames"] is False
    assert hooks["lintkit-site"]["always_run"] is True
    assert hooks["lintkit-fix"]["types"] == ["markdown"]
    assert {h["entry"] for h in hooks.values()} == {"lintkit check", "lintkit check --fix"}


def test_fix_hook_repairs_the_staged_page_and_fails_the_commit_once(tmp_path, hooks):
    repo, rev, env = hooks
    site = make_repo(tmp_path / "site")
    write(
        site,
        {
            ".pre-commit-config.yaml": f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n"
            "      - id: lintkit-fix\n"
        },
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    broken = "---\ntitle: New\n---\nSee [us](% link about.md %) and\r\n[them]{% link about.md %}.\n"
    (site / "new.md").write_bytes(broken.encode())
    git(site, "add", ".pre-commit-config.yaml", "new.md")
    before = head_count(site)
    code, out = commit(site, env, "add a page")
    assert code == 1, out
    assert hook_line(out, "lintkit --fix (staged Markdown pages)").endswith("Failed")
    assert "files were modified by this hook" in out
    assert "lintkit: Fixed 2 findings in 1 file; 0 remain" in out
    assert (site / "new.md").read_bytes() == (
        b"---\ntitle: New\n---\nSee [us]({% link about.md %}) and\r\n[them]({% link about.md %}).\n"
    )
    assert head_count(site) == before
    git(site, "add", "new.md")
    code, out = commit(site, env, "add a page")
    assert code == 0, out
    assert hook_line(out, "lintkit --fix (staged Markdown pages)").endswith("Passed")
    assert head_count(site) == before + 1
