"""The shared Samman site (opt-in: LINTKIT_CORPUS=1). Jekyll builds it and
html-proofer finds exactly two broken links in the output; lintkit finds those
two and README.md's relative link, which GitHub shows as a 404."""

from __future__ import annotations

import os

import pytest
from conftest import SHARED, check

CORPUS = SHARED / "corpora" / "samman-site"
pytestmark = pytest.mark.skipif(
    os.environ.get("LINTKIT_CORPUS") != "1" or not CORPUS.is_dir(),
    reason="set LINTKIT_CORPUS=1 to run on the shared site",
)
LINK_RULES = {"link-tag", "link-target", "malformed-link", "link-fragment", "link-reference"}


def test_link_findings_are_exactly_the_known_defects():
    _findings, result = check(CORPUS)
    links = [
        (f.path.split("samman-site/")[-1], f.line, f.rule)
        for f in result.findings
        if f.rule in LINK_RULES and f.severity != "info"
    ]
    assert links == [
        ("README.md", 6, "link-target"),
        ("_activities/conclusions/popcorn_feedback.md", 28, "malformed-link"),
        ("_learning_hours/tools/shortcuts_vs_resharper_rider.md", 44, "malformed-link"),
    ]
    assert len(result.files) == 394
    assert result.errors == []
