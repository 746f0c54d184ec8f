import json
from collections import namedtuple

from lintkit.findings import Finding
from lintkit.report import gitlab
from lintkit.report.fingerprint import fingerprint

Rule = namedtuple("Rule", "id summary doc severity")
RULES = [Rule("link-tag", "s", "d", "error"), Rule("alt-text", "s", "d", "info")]


def test_issues_exact():
    findings = [
        Finding("b.md", 0, 0, "load-error", "cannot read", "error"),
        Finding("a.md", 7, 2, "link-tag", "use link", "error", source="  [x](/x.html) "),
        Finding("a.md", 3, 1, "alt-text", "no alt", "warning", source="![](i.png)"),
        Finding("a.md", 4, 1, "alt-text", "cfg", None, source="![](j.png)"),
    ]
    issues = json.loads(
        gitlab.render(findings, rules=RULES, files=["a.md", "b.md"], tool_version="1")
    )
    assert issues == [
        {
            "description": "[alt-text] no alt",
            "check_name": "alt-text",
            "fingerprint": fingerprint("alt-text", "a.md", "![](i.png)", 0),
            "severity": "minor",
            "location": {"path": "a.md", "lines": {"begin": 3}},
        },
        {
            "description": "[alt-text] cfg",
            "check_name": "alt-text",
            "fingerprint": fingerprint("alt-text", "a.md", "![](j.png)", 0),
            "severity": "info",
            "location": {"path": "a.md", "lines": {"begin": 4}},
        },
        {
            "description": "[link-tag] use link",
            "check_name": "link-tag",
            "fingerprint": fingerprint("link-tag", "a.md", "[x](/x.html)", 0),
            "severity": "major",
            "location": {"path": "a.md", "lines": {"begin": 7}},
        },
        {
            "description": "[load-error] cannot read",
            "check_name": "load-error",
            "fingerprint": fingerprint("load-error", "b.md", "", 0),
            "severity": "major",
            "location": {"path": "b.md", "lines": {"begin": 1}},
        },
    ]


def test_fingerprints_stable_and_unique():
    def run(shift):
        items = [
            Finding("a.md", 3 + shift, 1, "link-tag", "m", "error", source="dup"),
            Finding("a.md", 8 + shift, 1, "link-tag", "m", "error", source="dup"),
        ]
        return [
            i["fingerprint"]
            for i in json.loads(gitlab.render(items, rules=RULES, files=[], tool_version="1"))
        ]

    assert run(0) == run(3)
    assert len(set(run(0))) == 2


def test_empty():
    assert gitlab.render([], rules=RULES, files=[], tool_version="1") == "[]\n"
