"""The CI examples in docs/: valid YAML whose steps call lintkit commands and options
that exist, and that do what docs/ci.md says when run on a small site."""

import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
import yaml
from gitsite import GIT_ENV, git, lintkit, make_repo

from lintkit import __version__
from lintkit.cli import main

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


@pytest.fixture(autouse=True)
def _git_env(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def workflow():
    return yaml.safe_load((DOCS / "github-workflow.yml").read_text(encoding="utf-8"))


def steps():
    return workflow()["jobs"]["lintkit"]["steps"]


def lintkit_commands(script, values=None):
    """Every command line of a shell script that runs lintkit, split into words, with
    GitHub expressions replaced by ``values`` (or a placeholder)."""
    out = []
    for line in script.splitlines():
        line = EXPRESSION.sub(lambda m: (values or {}).get(m.group(1), "VALUE"), line.strip())
        words = shlex.split(line, comments=True)
        if words and words[0] == "lintkit":
            out.append(words)
    return out


def parse(words):
    """Let click parse the command line: an unknown command or option, or a bad
    choice, raises."""
    assert words[0] == "lintkit"
    command = main.commands[words[1]]
    ctx = command.make_context(words[1], list(words[2:]))
    return ctx.params


def test_workflow_structure():
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    assert flow["permissions"]["security-events"] == "write"
    uses = [s["uses"].split("@")[0] for s in steps() if "uses" in s]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "github/codeql-action/upload-sarif",
        "mikepenz/action-junit-report",
    ]
    assert steps()[0]["with"]["fetch-depth"] == 0


def test_workflow_commands_exist_and_feed_the_upload_steps():
    runs = [s["run"] for s in steps() if "run" in s]
    # not `pip install lintkit`: PyPI's "lintkit" is another project
    assert runs[0] == (
        f'pip install "lintkit[external] @ git+https://github.com/OWNER/lintkit@v{__version__}"'
    )
    commands = [words for run in runs for words in lintkit_commands(run)]
    params = [parse(words) for words in commands]
    assert [
        (p["formats"], p["since"], p["output"], p["fail_on"], p["external"]) for p in params
    ] == [
        (("github",), "origin/VALUE", None, "error", True),
        (("github",), None, None, "error", True),
        (("sarif",), None, "lintkit.sarif", "never", False),
        (("junit",), None, "lintkit-junit.xml", "never", False),
    ]
    cache = next(s for s in steps() if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".lintkit-cache"  # the default cache folder
    by_action = {s["uses"].split("@")[0]: s["with"] for s in steps() if "uses" in s}
    assert by_action["github/codeql-action/upload-sarif"]["sarif_file"] == "lintkit.sarif"
    assert by_action["mikepenz/action-junit-report"]["report_paths"] == "lintkit-junit.xml"
    # Every option the workflow uses is one `lintkit check --help` documents.
    help_text = lintkit("check", "--help", cwd=".").stdout
    for words in commands:
        for word in words[2:]:
            if word.startswith("--"):
                assert re.search(rf"[ ,]{re.escape(word.split('=')[0])}[ \n]", help_text), word


def test_a_bad_option_would_be_caught():
    with pytest.raises(click.UsageError):
        parse(["lintkit", "check", "--format", "sarf"])
    with pytest.raises(click.UsageError):
        parse(["lintkit", "check", "--sinse", "x"])


def test_workflow_runs_on_a_pull_request(tmp_path):
    # A clone as actions/checkout leaves it: the base branch as origin/main, the
    # pull request (renaming a linked page) checked out.
    site = make_repo(tmp_path / "site")
    git(site, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(site, "checkout", "-q", "-b", "pr")
    git(site, "mv", "about.md", "team.md")
    git(site, "commit", "-q", "-m", "rename")
    values = {"github.base_ref": "main"}
    codes = {}
    for step in steps():
        if "run" not in step or step.get("if") == "github.event_name != 'pull_request'":
            continue
        for words in lintkit_commands(step["run"], values):
            run = lintkit(*words[1:], cwd=site)
            codes[parse(words)["formats"][0]] = run.code
            if "--since" in words:
                assert run.stdout.splitlines()[1].startswith(
                    "::error file=index.md,line=6,col=17,title=lintkit [link-tag]::"
                )
    assert codes == {"github": 1, "sarif": 0, "junit": 0}
    sarif = json.loads((site / "lintkit.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["link-target", "link-tag"]
    junit = ET.parse(site / "lintkit-junit.xml").getroot()
    assert junit.get("failures") == "2"


def test_gitlab_job():
    job = yaml.safe_load((DOCS / "gitlab-ci.yml").read_text(encoding="utf-8"))["lintkit"]
    commands = [words for line in job["script"] for words in lintkit_commands(line)]
    params = [parse(words) for words in commands]
    assert [(p["formats"][0], p["output"]) for p in params] == [
        ("gitlab", "gl-code-quality-report.json"),
        ("junit", "lintkit-junit.xml"),
    ]
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "lintkit-junit.xml",
    }
    assert job["artifacts"]["when"] == "always"


def test_ci_md_shows_the_files_verbatim():
    text = (DOCS / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert (DOCS / "github-workflow.yml").read_text(encoding="utf-8") in blocks
    assert (DOCS / "gitlab-ci.yml").read_text(encoding="utf-8") in blocks
    precommit = yaml.safe_load(next(b for b in blocks if b.startswith("repos:")))
    hooks_file = DOCS.parent / ".pre-commit-hooks.yaml"
    defined = [h["id"] for h in yaml.safe_load(hooks_file.read_text(encoding="utf-8"))]
    assert defined == ["lintkit", "lintkit-site", "lintkit-fix"]
    assert [h["id"] for h in precommit["repos"][0]["hooks"]] == ["lintkit", "lintkit-site"]
    assert "`lintkit-fix`" in text  # the fixer is offered in place of lintkit
