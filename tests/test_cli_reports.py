"""The report formats end to end: lintkit check on a small site, through the CLI."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from gitsite import SITE, lintkit, write
from test_report_sarif import SCHEMA_NAME, shared_dir

from lintkit.engine import all_rules

PAGES = {
    **SITE,
    ".lintkit.yml": "rules:\n  link-target: warning\n",
    # An error (link tag to a missing page) on line 6, a warning on line 8.
    "index.md": "---\ntitle: Home\n---\n# Home\n\nRead [the plan]({% link plan.md %}).\n\n"
    "See [x](/nowhere.html).\n",
}


@pytest.fixture
def site(tmp_path):
    write(tmp_path / "site", PAGES)
    return tmp_path / "site"


def test_sarif_validates_and_locates(site):
    run = lintkit("check", "--format", "sarif", cwd=site)
    assert run.code == 1
    log = json.loads(run.stdout)
    shared = shared_dir()
    if shared is not None and (shared / SCHEMA_NAME).is_file():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads((shared / SCHEMA_NAME).read_text(encoding="utf-8"))
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    driver = log["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(all_rules())
    for descriptor in driver["rules"]:
        assert descriptor["shortDescription"]["text"] == all_rules()[descriptor["id"]].summary
        assert "## How to fix" in descriptor["help"]["markdown"]
    results = log["runs"][0]["results"]
    assert [
        (
            r["ruleId"],
            ids[r["ruleIndex"]],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in results
    ] == [
        ("link-tag", "link-tag", "error", "index.md", {"startLine": 6, "startColumn": 17}),
        ("link-target", "link-target", "warning", "index.md", {"startLine": 8, "startColumn": 9}),
    ]
    assert results[0]["message"]["text"].startswith("{% link plan.md %}: no page or file 'plan.md'")

    # Lines inserted above: same fingerprints, new lines.
    write(site, {"index.md": PAGES["index.md"].replace("# Home\n", "# Home\n\nIntro.\n")})
    moved = json.loads(lintkit("check", "--format", "sarif", cwd=site).stdout)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] == [8, 10]
    assert [r["partialFingerprints"] for r in moved] == [r["partialFingerprints"] for r in results]


def test_junit_file_with_text_on_terminal(site):
    run = lintkit("check", "--format", "junit", "--output", "junit.xml", cwd=site)
    assert run.code == 1
    assert run.stdout.splitlines()[0] == (
        "index.md:6:17: error [link-tag] {% link plan.md %}: no page "
        "or file 'plan.md' in the site; check the path (relative to "
        "the site root)"
    )
    suites = ET.parse(site / "junit.xml").getroot()
    suite = suites.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert sorted(cases) == ["about.md", "guide/intro.md", "guide/other.md", "index.md"]
    assert (suite.get("tests"), suite.get("failures")) == ("4", "1")
    failures = cases["index.md"].findall("failure")
    assert [(f.get("type"), f.get("message")[:40]) for f in failures] == [
        ("link-tag", "index.md:6:17 [link-tag] {% link plan.md")
    ]
    assert (
        cases["index.md"].find("system-out").text.startswith("warning: index.md:8:9 [link-target]")
    )
    assert all(not c.findall("failure") for name, c in cases.items() if name != "index.md")


def test_github_annotations_and_step_summary(site, monkeypatch):
    summary = site.parent / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = lintkit("check", "--format", "github", cwd=site)
    assert run.code == 1
    assert run.stdout.splitlines() == [
        "::error file=index.md,line=6,col=17,title=lintkit [link-tag]::{%25 link plan.md %25}: no page or "
        "file 'plan.md' in the site; check the path (relative to the site root)",
        "::warning file=index.md,line=8,col=9,title=lintkit [link-target]::'/nowhere.html' resolves to "
        "/nowhere.html on the site, which the site does not serve",
    ]
    text = summary.read_text()
    assert text.startswith(
        "earlier step\n## lintkit\n\nChecked 4 files: 1 error, 1 warning, 0 info findings.\n"
    )


def test_gitlab_code_quality(site):
    run = lintkit("check", "--format", "gitlab", "--fail-on", "never", cwd=site)
    assert run.code == 0
    issues = json.loads(run.stdout)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("link-tag", "major", {"path": "index.md", "lines": {"begin": 6}}),
        ("link-target", "minor", {"path": "index.md", "lines": {"begin": 8}}),
    ]


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(site, fail_on, code):
    assert lintkit("check", "--fail-on", fail_on, cwd=site).code == code


def test_fail_on_warning_only_site(site):
    write(site, {"index.md": PAGES["index.md"].replace("plan.md", "about.md")})
    assert [lintkit("check", "--fail-on", f, cwd=site).code for f in ("error", "warning")] == [0, 1]


def test_main_help_documents_exit_codes():
    proc = subprocess.run(
        [sys.executable, "-m", "lintkit", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("Usage: lintkit [OPTIONS] COMMAND [ARGS]...")
    lines = [" ".join(line.split()) for line in proc.stdout.splitlines()]
    start = lines.index("Exit codes:")
    assert lines[start : start + 5] == [
        "Exit codes:",
        "0 no finding at or above --fail-on (default: error)",
        "1 at least one such finding",
        "2 a problem with the run itself: bad arguments, a broken",
        "configuration, an unreadable baseline, an internal error",
    ]
    for command in ("check", "baseline"):
        assert "Exit codes:" in lintkit(command, "--help", cwd=".").stdout
