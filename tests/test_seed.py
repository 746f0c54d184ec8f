"""The page the project started from: clean as it is, and each mutation of it
gives exactly one finding with the right rule and line (issue acceptance)."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, check

SEED = "society/learning_hour_career_milestones.md"


@pytest.fixture
def seed_site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "seed_site", root)
    return root


def mutate(root, old, new, count=1):
    path = root / SEED
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_seed_page_is_clean(seed_site):
    findings, result = check(seed_site)
    assert findings == []
    assert len(result.files) == 5


def test_link_tag_to_missing_page(seed_site):
    mutate(seed_site, "{% link training/index.md %}", "{% link training/indx.md %}")
    findings, result = check(seed_site)
    assert findings == [(SEED, 7, 490, "link-tag")]
    assert "did you mean 'training/index.md'?" in result.findings[0].message


def test_items_numbered_with_a_gap(seed_site):
    for old, new in (
        ("5. **Coach", "6. **Coach"),
        ("4. **Design and lead sequences", "5. **Design and lead sequences"),
        ("3. **Design and lead new", "4. **Design and lead new"),
    ):
        mutate(seed_site, old, new)
    findings, result = check(seed_site)
    assert findings == [(SEED, 15, 1, "milestone-numbering")]
    assert result.findings[0].message.startswith("milestone 3 is numbered 4;")


def test_paragraph_splitting_the_list(seed_site):
    mutate(
        seed_site,
        "\n3. **Design and lead new",
        "\nA paragraph that is not indented.\n\n3. **Design and lead new",
    )
    findings, result = check(seed_site)
    assert findings == [(SEED, 17, 1, "milestone-numbering")]
    assert "split in two by the paragraph at line 15" in result.findings[0].message


def test_item_without_bold_title(seed_site):
    mutate(
        seed_site,
        "4. **Design and lead sequences of related learning hours for more complicated topics.**",
        "4. Design and lead sequences of related learning hours for more complicated topics.",
    )
    findings, result = check(seed_site)
    assert findings == [(SEED, 18, 1, "milestone-structure")]
    assert result.findings[0].message.startswith("milestone 4 has no bold title")


def test_draft_note_removed(seed_site):
    mutate(
        seed_site,
        "_Note: These milestones are still in draft and under review by the Samman Society. "
        "The details are likely to be updated._",
        "",
    )
    findings, _result = check(seed_site)
    assert findings == [(SEED, 22, 1, "draft-notice")]


def test_title_indented_with_a_tab(seed_site):
    mutate(seed_site, "title: Learning", "\ttitle: Learning")
    findings, result = check(seed_site)
    assert findings == [(SEED, 3, 1, "front-matter")]
    assert "tab" in result.findings[0].message
