import json
import os
from collections import namedtuple
from pathlib import Path

import pytest

from lintkit.findings import Finding
from lintkit.report import sarif
from lintkit.report.fingerprint import fingerprint

Rule = namedtuple("Rule", "id summary doc severity")

SCHEMA_NAME = "schemas/sarif-schema-2.1.0.json"


def shared_dir():
    here = Path(__file__).resolve()
    # the shared folder beside the checkout (or beside the folder holding a worktree)
    candidates = [here.parents[2] / "shared", here.parents[3] / "shared"]
    if os.environ.get("LINTKIT_SHARED"):
        candidates.append(Path(os.environ["LINTKIT_SHARED"]))
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


RULES = [
    Rule("link-tag", "Internal links use {% link %}.", "Use `{% link %}`.\n\nMore text.", "error"),
    Rule("alt-text", "Images have alt text.", "Images need alt text.", "warning"),
]


def findings(shift=0):
    return [
        Finding(
            "docs/b.md",
            7 + shift,
            3,
            "link-tag",
            "use {% link %}",
            "error",
            source="See [x](/x.html).",
        ),
        Finding(
            "docs/a.md",
            2 + shift,
            0,
            "alt-text",
            "image has no alt text",
            "info",
            source="![](a.png)",
        ),
        Finding("docs/a.md", 0, 0, "load-error", "cannot decode file", "error"),
        Finding(
            "docs/a b.md",
            4 + shift,
            5,
            "alt-text",
            "image has no alt text",
            "warning",
            source="  ![](b.png)",
        ),
    ]


def render(items):
    return json.loads(
        sarif.render(items, rules=RULES, files=["docs/a.md", "docs/b.md"], tool_version="0.1.0")
    )


def test_validates_against_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    shared = shared_dir()
    if shared is None:
        pytest.skip("shared folder with the SARIF schema is absent")
    schema = json.loads((shared / SCHEMA_NAME).read_text(encoding="utf-8"))
    log = render(findings())
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    empty = json.loads(sarif.render([], rules=[], files=[], tool_version="0.1.0"))
    jsonschema.validate(empty, schema, cls=jsonschema.Draft4Validator)


def test_driver_and_rules():
    log = render(findings())
    assert log["version"] == "2.1.0"
    assert log["$schema"] == sarif.SCHEMA_URI
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "lintkit"
    assert driver["version"] == "0.1.0"
    assert "informationUri" not in driver
    assert [r["id"] for r in driver["rules"]] == ["alt-text", "link-tag", "load-error"]
    link = driver["rules"][1]
    assert link == {
        "id": "link-tag",
        "shortDescription": {"text": "Internal links use {% link %}."},
        "fullDescription": {"text": "Use `{% link %}`."},
        "help": {
            "text": "Use `{% link %}`.\n\nMore text.",
            "markdown": "Use `{% link %}`.\n\nMore text.",
        },
        "defaultConfiguration": {"level": "error"},
    }
    assert driver["rules"][0]["defaultConfiguration"] == {"level": "warning"}
    # An engine id that is not a rule still gets a descriptor.
    load = driver["rules"][2]
    assert load["shortDescription"]["text"] == "lintkit check 'load-error' (not a documented rule)"
    assert load["defaultConfiguration"] == {"level": "error"}


def test_results_index_level_region():
    run = render(findings())["runs"][0]
    results = run["results"]
    assert run["columnKind"] == "unicodeCodePoints"
    got = [
        (
            r["ruleId"],
            r["ruleIndex"],
            r["level"],
            r["message"]["text"],
            r["locations"][0]["physicalLocation"],
        )
        for r in results
    ]
    assert got == [
        (
            "alt-text",
            0,
            "warning",
            "image has no alt text",
            {
                "artifactLocation": {"uri": "docs/a%20b.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 4, "startColumn": 5},
            },
        ),
        (
            "load-error",
            2,
            "error",
            "cannot decode file",
            {"artifactLocation": {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}},
        ),
        (
            "alt-text",
            0,
            "note",
            "image has no alt text",
            {
                "artifactLocation": {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 2},
            },
        ),
        (
            "link-tag",
            1,
            "error",
            "use {% link %}",
            {
                "artifactLocation": {"uri": "docs/b.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 7, "startColumn": 3},
            },
        ),
    ]


def test_severity_none_falls_back_to_rule_default():
    f = Finding("a.md", 1, 1, "alt-text", "m", None, source="x")
    result = render([f])["runs"][0]["results"][0]
    assert result["level"] == "warning"


def test_fingerprint_definition():
    run = render(findings())["runs"][0]
    link = run["results"][3]
    assert link["partialFingerprints"] == {
        "lintkit/v1": fingerprint("link-tag", "docs/b.md", "See [x](/x.html).", 0)
    }
    import hashlib

    expected = hashlib.sha256(b"link-tag\0docs/b.md\0See [x](/x.html).\x000").hexdigest()
    assert link["partialFingerprints"]["lintkit/v1"] == expected


def test_fingerprints_survive_line_shift():
    before = {
        r["message"]["text"]
        + r["ruleId"]
        + r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["partialFingerprints"]
        for r in render(findings())["runs"][0]["results"]
    }
    after_results = render(findings(shift=3))["runs"][0]["results"]
    after = {
        r["message"]["text"]
        + r["ruleId"]
        + r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["partialFingerprints"]
        for r in after_results
    }
    assert after == before
    assert [
        r["locations"][0]["physicalLocation"].get("region", {}).get("startLine")
        for r in after_results
    ] == [7, None, 5, 10]


def test_identical_findings_get_distinct_fingerprints():
    a = Finding("a.md", 3, 1, "link-tag", "m", "error", source="same line")
    b = Finding("a.md", 9, 1, "link-tag", "m", "error", source="  same   line ")
    results = render([b, a])["runs"][0]["results"]
    prints = [r["partialFingerprints"]["lintkit/v1"] for r in results]
    assert prints == [
        fingerprint("link-tag", "a.md", "same line", 0),
        fingerprint("link-tag", "a.md", "same line", 1),
    ]
    assert prints[0] != prints[1]


def test_fingerprint_uses_lines_of_when_source_missing():
    f = Finding("a.md", 2, 1, "link-tag", "m", "error")
    out = json.loads(
        sarif.render(
            [f],
            rules=RULES,
            files=["a.md"],
            tool_version="1",
            lines_of=lambda path: ["first\n", "  second line\n"],
        )
    )
    assert out["runs"][0]["results"][0]["partialFingerprints"]["lintkit/v1"] == fingerprint(
        "link-tag", "a.md", "second line", 0
    )


def test_options_and_determinism():
    items = findings()
    text = sarif.render(
        items,
        rules=RULES,
        files=[],
        tool_version="1",
        information_uri="https://example.org/lintkit",
        srcroot="/repo/site",
    )
    assert text == sarif.render(
        list(reversed(items)),
        rules=list(reversed(RULES)),
        files=[],
        tool_version="1",
        information_uri="https://example.org/lintkit",
        srcroot="/repo/site",
    )
    run = json.loads(text)["runs"][0]
    assert run["tool"]["driver"]["informationUri"] == "https://example.org/lintkit"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/site/"}}


def test_artifact_uri():
    assert sarif.artifact_uri("./docs/x#1.md") == {"uri": "docs/x%231.md", "uriBaseId": "%SRCROOT%"}
    # display paths are POSIX (the engine converts os.sep): a backslash is part of a
    # name, as in an escaped byte that is not UTF-8 ("caf\\xff.md")
    assert sarif.artifact_uri("docs\\win.md") == {"uri": "docs%5Cwin.md", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_uri("/abs/p q.md") == {"uri": "file:///abs/p%20q.md"}
