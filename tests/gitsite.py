"""Small Jekyll sites in temporary git repositories, for the --since, baseline,
report and pre-commit tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# git must not read the user's or the machine's configuration (signing, hooks
# paths, default branch names...): tests see the same git everywhere.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}

# A site whose pages link to each other in every way --since must follow.
SITE: dict[str, str] = {
    "_config.yml": 'title: Test site\ndefaults:\n  - scope: {path: ""}\n    values: {layout: default}\n',
    "index.md": "---\ntitle: Home\n---\n# Home\n\nRead [about us]({% link about.md %}).\n",
    "about.md": "---\ntitle: About\n---\n# About\n\nWe coach teams.\n",
    "guide/intro.md": "---\ntitle: Intro\n---\n# Intro\n\nFirst line.\n\nSee [the about page](../about.html).\n",
    "guide/other.md": "---\ntitle: Other\n---\n# Other\n\nNothing links from here.\n",
}


def git_env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, env=git_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_repo(root: Path, files: dict[str, str] = SITE, message: str = "site") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return root


class Run:
    def __init__(self, code: int, stdout: str, stderr: str):
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def __repr__(self) -> str:  # shown when an assertion fails
        return f"Run(code={self.code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


def lintkit(*args: str, cwd: Path) -> Run:
    """Run the lintkit CLI in-process from ``cwd`` (stdout and stderr apart)."""
    from click.testing import CliRunner

    from lintkit.cli import main

    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)
