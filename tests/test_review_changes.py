"""Issue 14, point 8: the review says what changed since REF. Milestone
descriptions side by side, the milestones whose text changed marked with a
word diff, the changed / added / renamed pages with links to their source and
to the site, draft dates that follow renames, a clean broken-links target, no
raw ``**`` in titles, and "notice removed since REF" on the checklist."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from gitsite import git, git_env, lintkit, write

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "screenshot_review.py"
CHROMIUM = Path("/usr/bin/chromium")

MILESTONES = """---
title: "**Learning** hour milestones"
layout: default
---
1. **Facilitate learning hours.**
   People take part in learning hours.

2. **Lead learning hours.**
   Senior developers lead learning hours from existing plans.

3. **Design learning hours.**
   People write their own plans.

_Note: These milestones are still in draft and under review._
"""
SITE = {
    "_config.yml": 'title: Review\nurl: "https://example.org"\n',
    "society/a_milestones.md": MILESTONES,
    "society/b_milestones.md": MILESTONES.replace("**Learning** hour", "Ensemble").replace(
        "learning hours", "ensembles"
    ),
    "adopted.md": "---\ntitle: Adopted\nlayout: default\n---\nText.\n\n"
    "_Note: This page is a draft under review._\n",
    "old.md": "---\ntitle: Old\nlayout: default\n---\nOld [x](gone.md) and {% link nope.md %}.\n",
}


def commit_at(repo: Path, message: str, date: str) -> None:
    env = {**git_env(), "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)


@pytest.fixture
def repo(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    git(site, "init", "-q", "-b", "main")
    write(site, SITE)
    commit_at(site, "one", "2026-01-05T12:00:00")
    git(site, "remote", "add", "origin", "https://github.com/acme/site.git")
    git(site, "tag", "before")
    text = (site / "society/a_milestones.md").read_text()
    write(
        site,
        {
            "society/a_milestones.md": text.replace(
                "from existing plans.", "from plans they adapt."
            ),
            "adopted.md": "---\ntitle: Adopted\nlayout: default\n---\nText.\n",
            "new.md": "---\ntitle: New\nlayout: default\n---\nNew.\n",
        },
    )
    git(site, "mv", "old.md", "renamed.md")
    git(site, "mv", "society/b_milestones.md", "society/c_milestones.md")
    commit_at(site, "two", "2026-03-01T12:00:00")
    return site


def test_review_since_ref_says_what_changed(repo):
    run = lintkit("review", "--since", "before", ".", cwd=repo)
    assert run.code == 0, run
    out = run.stdout
    assert (
        "| 2 | \u270e **changed since before:** Lead learning hours. Senior developers lead "
        "learning hours from ~~existing plans.~~ **plans they adapt.** (9 words, line 8) | "
        "Lead ensembles. \u2014 Senior developers lead ensembles from existing plans. "
        "(7 words, line 8) |"
    ) in out
    assert (
        "| 1 | Facilitate learning hours. \u2014 People take part in learning hours. "
        "(6 words, line 5) |"
    ) in out
    changed = out.split("### Pages changed since `before`\n\n", 1)[1].split("\n\n", 1)[0]
    assert changed.splitlines() == [
        "- `adopted.md` Adopted: modified ([source](https://github.com/acme/site/blob/main/"
        "adopted.md), [on the site](https://example.org/adopted.html))",
        "- `new.md` New: added ([source](https://github.com/acme/site/blob/main/new.md), "
        "[on the site](https://example.org/new.html))",
        "- `renamed.md` Old: renamed from `old.md` ([source](https://github.com/acme/site/blob/"
        "main/renamed.md), [on the site](https://example.org/renamed.html))",
        "- `society/a_milestones.md` Learning hour milestones: modified ([source](https://"
        "github.com/acme/site/blob/main/society/a_milestones.md), [on the site](https://"
        "example.org/society/a_milestones.html))",
        "- `society/c_milestones.md` Ensemble milestones: renamed from "
        "`society/b_milestones.md` ([source](https://github.com/acme/site/blob/main/society/"
        "c_milestones.md), [on the site](https://example.org/society/c_milestones.html))",
    ]
    assert "**Learning**" not in out and "\\*\\*" not in out
    # the broken-links table shows the bare targets
    assert "| `renamed.md` | 5 | `gone.md` |" in out
    assert "| `renamed.md` | 5 | `nope.md` |" in out
    assert (
        "- [ ] adopted.md: its draft notice was removed since before: was this page adopted? "
        "If so, say so in its front matter (draft: false)"
    ) in out
    # the renamed draft keeps the date its notice was added, not the rename's
    drafts = out.split("## Drafts", 1)[1].split("## Milestone tracks", 1)[0]
    row = next(line for line in drafts.splitlines() if "society/c_milestones.md" in line)
    assert "| 2026-01-05 | 2026-03-01 |" in row


def test_without_since_the_descriptions_are_shown_and_nothing_is_marked(repo):
    run = lintkit("review", ".", cwd=repo)
    assert run.code == 0
    assert "changed since" not in run.stdout and "Pages changed" not in run.stdout
    assert (
        "| 2 | Lead learning hours. \u2014 Senior developers lead learning hours from plans "
        "they adapt. (9 words, line 8) |"
    ) in run.stdout


def _png_pixels(path: Path):
    """(width, height, set of RGB colours) of an 8-bit RGB(A) PNG."""
    data = path.read_bytes()
    pos, chunks = 8, []
    width = height = 0
    channels = 3
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    prev = bytearray(stride)
    colours = set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        for x in range(0, stride, channels):
            colours.add(tuple(line[x : x + 3]))
        prev = line
    return width, height, colours


@pytest.mark.slow  # runs Chromium
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_the_change_is_visible_in_a_browser(repo, tmp_path):
    page = tmp_path / "review.html"
    run = lintkit(
        "review", "--since", "before", "--format", "html", "--output", str(page), ".", cwd=repo
    )
    assert run.code == 0, run
    html = page.read_text(encoding="utf-8")
    assert "<del>existing plans.</del> <ins>plans they adapt.</ins>" in html
    shot = tmp_path / "review.png"
    expect = ["changed since before", "plans they adapt.", "existing plans.", "Pages changed since"]
    result = subprocess.run(
        [sys.executable, str(TOOL), str(page), "--out", str(shot), "--height", "6000"]
        + [a for text in expect for a in ("--expect", text)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: nothing overflows at 390 px; found 4 expected texts" in result.stdout
    width, _height, colours = _png_pixels(shot)
    assert width == 390
    # the changed cell's background (--warning-bg), the inserted words' (--ok-bg)
    # and the removed words' (--error-bg) are painted
    assert {(0xFF, 0xF8, 0xE6), (0xED, 0xFA, 0xEF), (0xFE, 0xF3, 0xF2)} <= colours
