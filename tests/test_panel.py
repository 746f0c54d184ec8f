"""lintkit's link findings on the panel of real Jekyll sites and on the Samman
site are the ones recorded in tests/panel/<site>.json by
``tools/differential.py ... --record tests/panel``, where each was compared
with Jekyll + html-proofer (opt-in: LINTKIT_CORPUS=1; no Jekyll needed here).
A change in lintkit's verdict shows as a difference against that file: run
the differential tool again to see whether Jekyll agrees, and record."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import SHARED

PANEL = Path(__file__).parent / "panel"
CORPORA = SHARED / "corpora"
RECORDS = sorted(PANEL.glob("*.json"))
pytestmark = pytest.mark.skipif(
    os.environ.get("LINTKIT_CORPUS") != "1" or not CORPORA.is_dir(),
    reason="set LINTKIT_CORPUS=1 to run on the shared corpora",
)


def _site(name: str) -> Path:
    panel = CORPORA / "jekyll-panel" / name
    return panel if panel.is_dir() else CORPORA / name


def test_every_panel_site_is_recorded():
    names = {p.stem for p in RECORDS}
    expected = {p.name for p in (CORPORA / "jekyll-panel").iterdir() if p.is_dir()}
    assert expected | {"samman-site"} <= names


@pytest.mark.parametrize("record", RECORDS, ids=[p.stem for p in RECORDS])
def test_link_findings_are_the_recorded_ones(record):
    tools = str(Path(__file__).resolve().parents[1] / "tools")
    sys.path.insert(0, tools)
    try:
        import differential
    finally:
        sys.path.remove(tools)
    data = json.loads(record.read_text(encoding="utf-8"))
    lint, _site_index, _docs = differential.lintkit_items(str(_site(data["site"])))
    assert sorted({differential.item_key(i) for i in lint}) == data["lintkit"]
    summary = data["summary"]
    assert summary["precision"] >= 0.95, summary
    assert summary["recall_markdown"] == 1.0, data["reference_only"]
