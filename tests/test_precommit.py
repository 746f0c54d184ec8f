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
from conftest import SHARED
from gitsite import git, git_env, make_repo, write

from lintkit import __version__

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
    git(repo, "tag", f"v{__version__}")  # the release tag the documentation pins
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
    assert hooks["lintkit"]["entry"] == "lintkit check --staged"
    assert hooks["lintkit-site"]["entry"] == "lintkit check --staged --skip-staged"
    assert hooks["lintkit-fix"]["types"] == ["markdown"]
    assert hooks["lintkit-fix"]["entry"] == "lintkit check --fix"


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


CORPUS = SHARED / "corpora" / "samman-site"


@pytest.mark.skipif(
    os.environ.get("LINTKIT_CORPUS") != "1" or not CORPUS.is_dir(),
    reason="set LINTKIT_CORPUS=1 to run on the shared site",
)
def test_the_first_day_on_a_git_copy_of_the_shared_site(tmp_path, hooks):
    """The README's commands on a real site with existing findings: lintkit init,
    pre-commit install, the first commit passes; a commit that breaks a link
    fails; a commit that links to a page that is not staged fails."""
    repo, _rev, env = hooks
    site = tmp_path / "site"
    shutil.copytree(CORPUS, site)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "the site as it is")
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    command = readme.split("### On your site", 1)[1].split("```sh\n", 1)[1].split("\n```", 1)[0]
    assert command.startswith("lintkit init && pre-commit install && git add -A && git commit")
    # The hooks come from the snapshot of this checkout, at the release tag
    # (installed from a clone, init finds them itself: see test_init.py).
    command = command.replace(
        "lintkit init", f"lintkit init --hooks-repo {repo} --hooks-rev v{__version__}", 1
    )
    bindir = os.path.dirname(sys.executable)
    shell_env = {**env, "PATH": bindir + os.pathsep + env.get("PATH", "")}
    proc = subprocess.run(
        ["bash", "-c", command], cwd=site, env=shell_env, capture_output=True, text=True
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "wrote .lintkit-baseline.json: today's " in out
    assert hook_line(out, "lintkit (whole site)").endswith("Passed")
    assert git(site, "log", "-1", "--format=%s").strip() == "lintkit"
    assert git(site, "status", "--porcelain") == ""

    # A commit that breaks a link fails, with lintkit's message.
    page, text = next(
        (p, p.read_text(encoding="utf-8"))
        for p in sorted(site.glob("society/*.md"))
        if "{% link " in p.read_text(encoding="utf-8")
    )
    start = text.index("{% link ") + len("{% link ")
    broken = text[:start] + "no_such_page_" + text[start:]
    page.write_text(broken, encoding="utf-8")
    rel = page.relative_to(site).as_posix()
    git(site, "add", rel)
    code, out = commit(site, shell_env, "break a link")
    assert code == 1, out
    assert hook_line(out, "lintkit (staged Markdown pages)").endswith("Failed")
    assert f"{rel}:" in out and "[link-tag] {% link no_such_page_" in out
    git(site, "checkout", "-q", "HEAD", "--", rel)

    # A commit that links to a page that is not staged fails; staged, it passes.
    write(site, {"society/new_page.md": "---\ntitle: New\n---\nA new page.\n"})
    page.write_text(
        text + "\nSee [the new page]({% link society/new_page.md %}).\n", encoding="utf-8"
    )
    git(site, "add", rel)
    before = head_count(site)
    code, out = commit(site, shell_env, "link to a new page")
    assert code == 1, out
    assert (
        "[link-tag] {% link society/new_page.md %}: 'society/new_page.md' is not staged, so "
        "the commit would have a broken link: git add society/new_page.md"
    ) in out
    assert head_count(site) == before
    git(site, "add", "society/new_page.md")
    code, out = commit(site, shell_env, "link to a new page")
    assert code == 0, out
    assert head_count(site) == before + 1
