import xml.etree.ElementTree as ET
from collections import namedtuple

from lintkit.findings import Finding
from lintkit.report import junit

Rule = namedtuple("Rule", "id summary doc severity")
RULES = [Rule("link-tag", "s", "d", "error"), Rule("alt-text", "s", "d", "warning")]


def parse(findings, files):
    text = junit.render(findings, rules=RULES, files=files, tool_version="0.1.0")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return text, ET.fromstring(text.encode("utf-8"))


FINDINGS = [
    Finding("b.md", 9, 1, "link-tag", "second", "error", source="  [b](/b.html)"),
    Finding("b.md", 2, 4, "link-tag", "first", "error", source="[a](/a.html)"),
    Finding("b.md", 5, 0, "alt-text", "no alt", "warning"),
    Finding("c.md", 1, 1, "alt-text", "maybe", "info"),
    Finding("a.md", 3, 2, "alt-text", "cfg", None),  # falls back to the rule default: warning
]


def test_structure_and_counts():
    _, root = parse(FINDINGS, ["c.md", "b.md", "a.md"])
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "lintkit", "tests": "3", "failures": "1", "errors": "0"}
    (suite,) = list(root)
    assert suite.attrib == {
        "name": "lintkit",
        "tests": "3",
        "failures": "1",
        "errors": "0",
        "skipped": "0",
    }
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props == {"lintkit.version": "0.1.0", "lintkit.findings.error": "2"}
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("lintkit", "a.md"),
        ("lintkit", "b.md"),
        ("lintkit", "c.md"),
    ]

    a, b, c = cases
    assert a.findall("failure") == []
    assert a.find("system-out").text == "warning: a.md:3:2 [alt-text] cfg\n"

    failures = b.findall("failure")
    assert [f.attrib for f in failures] == [
        {"type": "link-tag", "message": "b.md:2:4 [link-tag] first"},
        {"type": "link-tag", "message": "b.md:9:1 [link-tag] second"},
    ]
    assert failures[0].text == "b.md:2:4 [link-tag] first\n    [a](/a.html)\n"
    assert failures[1].text == "b.md:9:1 [link-tag] second\n    [b](/b.html)\n"
    assert b.find("system-out").text == "warning: b.md:5:0 [alt-text] no alt\n"

    assert c.findall("failure") == []
    assert c.find("system-out").text == "info: c.md:1:1 [alt-text] maybe\n"


def test_clean_files_and_unlisted_paths():
    extra = Finding("gone.md", 0, 0, "load-error", "cannot read", "error")
    _, root = parse([extra], ["ok.md"])
    suite = root.find("testsuite")
    assert suite.get("tests") == "2"
    assert suite.get("failures") == "1"
    gone, ok = suite.findall("testcase")
    assert ok.get("name") == "ok.md" and list(ok) == []
    assert gone.get("name") == "gone.md"
    assert gone.find("failure").attrib == {
        "type": "load-error",
        "message": "gone.md:0:0 [load-error] cannot read",
    }


def test_escaping_and_forbidden_characters():
    message = "bad \x01 char ]]> & < > \" ' \x7f\ufffe end"
    f = Finding("x&y.md", 1, 1, "link-tag", message, "error", source="<a>\x0b</a>")
    w = Finding("x&y.md", 2, 1, "alt-text", "warn ]]> \x1b", "warning")
    text, root = parse([f, w], ["x&y.md"])
    assert "\x01" not in text and "\x1b" not in text and "\x0b" not in text and "\ufffe" not in text
    assert "]]>" not in text
    case = root.find("testsuite/testcase")
    assert case.get("name") == "x&y.md"
    failure = case.find("failure")
    expected = "x&y.md:1:1 [link-tag] bad \\x01 char ]]> & < > \" ' \\x7f\\ufffe end"
    assert failure.get("message") == expected
    assert failure.text == expected + "\n    <a>\\x0b</a>\n"
    assert case.find("system-out").text == "warning: x&y.md:2:1 [alt-text] warn ]]> \\x1b\n"


def test_newlines_in_a_message_are_shown_escaped_on_one_line():
    f = Finding("a.md", 1, 1, "link-tag", "line1\nline2\ttab", "error")
    _, root = parse([f], ["a.md"])
    assert (
        root.find("testsuite/testcase/failure").get("message")
        == "a.md:1:1 [link-tag] line1\\x0aline2\ttab"
    )


def test_deterministic_and_timestamp_only_when_passed():
    one = junit.render(FINDINGS, rules=RULES, files=["a.md", "b.md", "c.md"], tool_version="1")
    two = junit.render(
        list(reversed(FINDINGS)), rules=RULES, files=["c.md", "b.md", "a.md"], tool_version="1"
    )
    assert one == two
    assert "timestamp" not in one
    stamped = junit.render(
        [], rules=RULES, files=["a.md"], tool_version="1", timestamp="2024-01-02T03:04:05"
    )
    suite = ET.fromstring(stamped).find("testsuite")
    assert suite.get("timestamp") == "2024-01-02T03:04:05"
    assert suite.get("tests") == "1" and suite.get("failures") == "0"
