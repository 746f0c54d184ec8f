import json

import pytest

from lintkit.baseline import BaselineEntry, BaselineError, load_baseline, write_baseline
from lintkit.findings import Finding

OLD = {
    "a.md": ["# Title\n", "\n", "See [x](/x.html).\n", "![](img.png)\n"],
    "b.md": ["[y](/y.html)\n"],
}


def lines(files):
    return lambda path: files[path]


def f(path, line, rule="link-tag", message="use {% link %}", col=1):
    return Finding(path, line, col, rule, message, "error")


OLD_FINDINGS = [f("a.md", 3), f("a.md", 4, "alt-text", "no alt"), f("b.md", 1)]


def baseline():
    return load_baseline(write_baseline(OLD_FINDINGS, lines(OLD)))


def test_written_format():
    doc = json.loads(write_baseline(list(reversed(OLD_FINDINGS)), lines(OLD)))
    assert doc == {
        "version": 1,
        "entries": [
            {
                "rule": "alt-text",
                "path": "a.md",
                "context": "![](img.png)",
                "message": "no alt",
                "count": 1,
            },
            {
                "rule": "link-tag",
                "path": "a.md",
                "context": "See [x](/x.html).",
                "message": "use {% link %}",
                "count": 1,
            },
            {
                "rule": "link-tag",
                "path": "b.md",
                "context": "[y](/y.html)",
                "message": "use {% link %}",
                "count": 1,
            },
        ],
    }
    assert write_baseline(OLD_FINDINGS, lines(OLD)) == write_baseline(
        list(reversed(OLD_FINDINGS)), lines(OLD)
    )


def test_unchanged_nothing_new():
    new, matched, fixed = baseline().split(OLD_FINDINGS, lines_of=lines(OLD))
    assert new == []
    assert matched == OLD_FINDINGS
    assert fixed == []


def test_new_defect_only_it_is_new():
    files = {**OLD, "a.md": OLD["a.md"] + ["[z](/z.html)\n"]}
    added = f("a.md", 5)
    new, matched, fixed = baseline().split(OLD_FINDINGS + [added], lines_of=lines(files))
    assert new == [added]
    assert matched == OLD_FINDINGS
    assert fixed == []


def test_lines_inserted_above_still_matched():
    files = {**OLD, "a.md": ["---\n", "title: t\n", "---\n"] + OLD["a.md"]}
    moved = [f("a.md", 6), f("a.md", 7, "alt-text", "no alt reworded"), f("b.md", 1)]
    new, matched, fixed = baseline().split(moved, lines_of=lines(files))
    assert (new, matched, fixed) == ([], moved, [])


def test_source_preferred_over_lines_of():
    finding = Finding("a.md", 99, 1, "link-tag", "m", "error", source="   See [x](/x.html).  ")
    new, matched, _ = baseline().split([finding], lines_of=lines(OLD), checked_paths=[])
    assert (new, matched) == ([], [finding])


def test_fixed_defect_reported():
    remaining = [f("a.md", 3), f("b.md", 1)]
    new, matched, fixed = baseline().split(remaining, lines_of=lines(OLD))
    assert new == []
    assert matched == remaining
    assert fixed == [BaselineEntry("alt-text", "a.md", "![](img.png)", "no alt", 1)]


def test_fixed_only_for_checked_paths():
    # Only b.md was checked: a.md's entries are not "fixed", they were just not looked at.
    new, matched, fixed = baseline().split([], lines_of=lines(OLD), checked_paths=["b.md"])
    assert (new, matched) == ([], [])
    assert fixed == [BaselineEntry("link-tag", "b.md", "[y](/y.html)", "use {% link %}", 1)]


def test_duplicates_multiplicity():
    files = {"d.md": ["dup\n", "dup\n", "dup\n"]}
    two = [f("d.md", 1), f("d.md", 2)]
    base = load_baseline(write_baseline(two, lines(files)))
    assert base.entries == [BaselineEntry("link-tag", "d.md", "dup", "use {% link %}", 2)]

    three = [f("d.md", 3), f("d.md", 2), f("d.md", 1)]
    new, matched, fixed = base.split(three, lines_of=lines(files))
    assert new == [f("d.md", 3)]  # the last one in file order is the new one
    assert matched == [f("d.md", 2), f("d.md", 1)]
    assert fixed == []

    new, matched, fixed = base.split([f("d.md", 2)], lines_of=lines(files))
    assert (new, matched) == ([], [f("d.md", 2)])
    assert fixed == [BaselineEntry("link-tag", "d.md", "dup", "use {% link %}", 1)]


def test_rule_and_path_are_part_of_the_key():
    other_rule = f("a.md", 3, "alt-text")
    other_path = Finding("c.md", 1, 1, "link-tag", "m", "error", source="See [x](/x.html).")
    new, matched, _ = baseline().split(
        [other_rule, other_path], lines_of=lines(OLD), checked_paths=[]
    )
    assert (new, matched) == ([other_rule, other_path], [])


def test_whole_file_finding_and_missing_file():
    def lines_of(path):
        raise FileNotFoundError(path)

    whole = Finding("gone.md", 0, 0, "load-error", "cannot read", "error")
    text = write_baseline([whole, f("gone.md", 4)], lines_of)
    assert [(e.rule, e.context) for e in load_baseline(text).entries] == [
        ("link-tag", ""),
        ("load-error", ""),
    ]


def test_duplicate_entries_in_file_add_up():
    entry = {"rule": "r", "path": "p", "context": "c", "message": "m", "count": 1}
    base = load_baseline(json.dumps({"version": 1, "entries": [entry, dict(entry, count=2)]}))
    assert base.entries == [BaselineEntry("r", "p", "c", "m", 3)]
    assert len(base) == 1


def test_minimal_entry_defaults():
    base = load_baseline('{"version": 1, "entries": [{"rule": "r", "path": "p", "context": ""}]}')
    assert base.entries == [BaselineEntry("r", "p", "", "", 1)]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "baseline is not valid JSON"),
        ("{not json", "baseline is not valid JSON"),
        ("[]", "baseline must be a JSON object with 'version' and 'entries'"),
        ('{"entries": []}', "unsupported baseline version None (expected 1)"),
        ('{"version": 2, "entries": []}', "unsupported baseline version 2 (expected 1)"),
        ('{"version": true, "entries": []}', "unsupported baseline version True (expected 1)"),
        ('{"version": 1}', "baseline 'entries' must be a list"),
        ('{"version": 1, "entries": [3]}', "baseline entry 1: expected an object, got int"),
        (
            '{"version": 1, "entries": [{"rule": "r", "path": "p"}]}',
            "baseline entry 1: missing 'context'",
        ),
        (
            '{"version": 1, "entries": [{"rule": 1, "path": "p", "context": ""}]}',
            "baseline entry 1: 'rule' must be a string",
        ),
        (
            '{"version": 1, "entries": [{"rule": "r", "path": "p", "context": "", "count": 0}]}',
            "baseline entry 1: 'count' must be a positive integer, got 0",
        ),
        (
            '{"version": 1, "entries": [{"rule": "r", "path": "p", "context": "", "message": 5}]}',
            "baseline entry 1: 'message' must be a string",
        ),
    ],
)
def test_malformed_baseline(text, message):
    with pytest.raises(BaselineError) as info:
        load_baseline(text)
    assert str(info.value).startswith(message)
    assert isinstance(info.value, ValueError)
