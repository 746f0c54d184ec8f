"""The fast path for flat front matter gives exactly what yaml.safe_load gives,
or steps aside."""

import pytest
import yaml

from lintkit.frontmatter import flat_mapping, parse, split

LINES = [
    "a: 1",
    "b: yes",
    "c: No",
    "d: 0",
    "e: 012",
    "f: 1_000",
    "g: 1.5",
    "h: 2024-01-01",
    "i: ~",
    "j: null",
    "k: x:y",
    "l: 'q'",
    "m:",
    "n: on",
    "o: OFF",
    "p: -1",
    "q: +1",
    "r: 00",
    "s: y",
    "u: Null",
    "v: 2024-01-01 10:00:00",
    "w: http://x.y/z",
    "x: a:b:c",
    "Yes: 1",
    "a:b",
    "a: x # c",
    "a: \ttab",
    "a: <<",
    "<<: x",
    "a: [x]",
    "a: 0x1f",
    "a: 1:30",
    "a: .inf",
    "a: True",
    "a: tRue",
    "a: é ü",
    "a: x  ",
    "a-b: c",
    "a: x y z",
    "a: - x",
    "a: *x",
    "a: &x y",
    "a: !!str 1",
    "a: |",
    "a: >",
    "a: {b: c}",
    "a: b: c",
    "a: %x",
    "a: @x",
    "a: `x`",
    '"a": b',
    "  a: b",
    "a:  two  spaces ",
]


@pytest.mark.parametrize("line", LINES)
def test_same_as_yaml_or_steps_aside(line):
    raw = line + "\n"
    flat = flat_mapping(raw)
    if flat is None:
        return
    assert flat == (yaml.safe_load(raw) or {})


def test_typical_front_matter_takes_the_fast_path():
    raw = (
        "title: Learning Hours\nlayout: default\ndifficulty: 2\npublished: true\n"
        "details: society/events/x.md\n"
    )
    assert flat_mapping(raw) == {
        "title": "Learning Hours",
        "layout": "default",
        "difficulty": 2,
        "published": True,
        "details": "society/events/x.md",
    }
    assert flat_mapping("title: a\ntags:\n  - x\n") is None


def test_size_limit_still_applies_to_flat_front_matter():
    raw = "---\n" + "".join(f"k{i}: v\n" for i in range(10_001)) + "---\n"
    fm = parse(split(raw))
    assert fm.error and fm.data is None
