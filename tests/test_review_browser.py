"""The HTML review in a real browser at phone width (headless Chromium)."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from lintkit.review_model import sample_model
from lintkit.review_render import render_html

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "screenshot_review.py"
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"
)


def run_tool(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def png_size(path: Path) -> tuple:
    return struct.unpack(">II", path.read_bytes()[16:24])


@pytest.mark.slow  # runs Chromium
@needs_chromium
def test_sample_review_fits_a_390px_phone(tmp_path):
    page = tmp_path / "review.html"
    page.write_text(render_html(sample_model()), encoding="utf-8")
    before = page.read_bytes()
    shot = tmp_path / "review.png"
    expect = [
        "Summary",
        "Drafts",
        "Milestone tracks",
        "Findings",
        "Links",
        "Checklist",
        "Learning Hour Skill Milestones",
        "Coach other coaches to improve teamwork",
        "\u2716 error",
        "\u25b2 warning",
        "\u2139 info",
        "no such file",
    ]
    result = run_tool(page, "--out", shot, *[a for text in expect for a in ("--expect", text)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "viewport 390 px wide (document 390 px)" in result.stdout
    assert "OK: nothing overflows at 390 px; found 12 expected texts" in result.stdout
    assert png_size(shot) == (390, 2000)
    assert page.read_bytes() == before  # the probe script never touches the report


@pytest.mark.slow  # runs Chromium
@needs_chromium
def test_overflow_at_390px_is_caught_and_scroll_containers_are_not(tmp_path):
    # 450 px would fit the 500 px window headless Chromium really makes: the
    # check must still see it overflow a 390 px phone.
    page = tmp_path / "wide.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
        "<style>body{margin:8px}</style></head><body><h1>Wide</h1>"
        '<div id="banner" style="width:450px">banner</div>'
        "<p>" + "x" * 80 + "</p>"
        '<div style="overflow-x:auto"><table style="width:900px"><tr><td>scrolls</td></tr></table></div>'
        "</body></html>",
        encoding="utf-8",
    )
    result = run_tool(
        page, "--out", tmp_path / "wide.png", "--expect", "Wide", "--expect", "Missing"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "the page scrolls sideways" in out
    assert "body > div#banner (box) spans 8..458 px: 'banner'" in out
    assert "body > p (text) spans 8.." in out
    assert "table" not in out and "scrolls'" not in out
    assert "expected text not on the page: 'Missing'" in out
    assert "'Wide'" not in out


def test_missing_chromium_exits_2(tmp_path):
    page = tmp_path / "r.html"
    page.write_text("<!DOCTYPE html><title>t</title>", encoding="utf-8")
    result = run_tool(page, "--chromium", tmp_path / "no-chromium")
    assert result.returncode == 2
    assert "chromium not found" in result.stderr


@pytest.mark.slow  # runs Chromium
@needs_chromium
def test_hostile_text_and_wide_tracks_still_fit(tmp_path):
    model = sample_model()
    long_word = "a_very_long_unbroken_identifier_" * 4
    model["site"]["root"] = "/" + long_word
    model["findings"][0]["items"][0]["message"] = long_word + " <script>x</script>"
    model["findings"][0]["items"][0]["source"] = long_word * 3
    model["findings"][0]["path"] = "deeply/nested/" + long_word + ".md"
    model["drafts"][0]["path"] = long_word + ".md"
    model["links"]["orphans"].append(long_word + "/" + long_word + ".md")
    model["checklist"][0]["text"] = long_word
    track = model["tracks"][0]
    track["documents"].append({"path": "society/third.md", "title": long_word, "count": 5})
    for row in track["rows"]:
        row["cells"].append({"title": long_word, "words": 3, "line": 1})
    page = tmp_path / "hostile.html"
    page.write_text(render_html(model), encoding="utf-8")
    result = run_tool(page, "--out", tmp_path / "hostile.png", "--expect", "Milestone tracks")
    assert result.returncode == 0, result.stdout + result.stderr
