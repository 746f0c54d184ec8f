"""A small Jekyll site for the review tests, optionally a git repository whose
commits have fixed dates (so the report's dates and ages are pinned)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# 2024-07-01T00:00:00Z: "today" for the pinned reports
EPOCH = "1719792000"

CONFIG = """\
title: Fixture Coaching
defaults:
  - scope:
      path: ""
    values:
      layout: page
"""

ALPHA_V1 = """\
---
title: Alpha Track
---
# Alpha

1. **Start the alpha work.**
Beginners follow a guide.

2. **Lead the alpha work.**
They lead sessions on their own.

3. **Teach the alpha work.**
They coach other people to lead.

_Note: This track is still a draft and under review by the society._
"""
ALPHA = ALPHA_V1.replace("Beginners follow a guide.", "Beginners follow a guide with help.")

BETA_V1 = """\
---
title: Beta Track
draft: false
---
# Beta

1. **Join the beta work.**
Members take part and watch closely.

2. **Support the beta work.**
Members support an experienced lead in every session of the week.

4. **Run the beta work.**
Members run it.

5. **Coach the beta work.**
Members coach others to run it well.
"""
BETA = BETA_V1 + "\n_Note: This track is still a draft and under review by the society._\n"

FILES = {
    "_config.yml": CONFIG,
    "Gemfile": 'gem "jekyll"\n',  # built by Jekyll 4, not GitHub Pages
    "_data/navigation.yml": "- name: Guide\n  link: /guide.html\n- name: Elsewhere\n  link: https://example.com/\n",
    "index.md": """\
---
title: Home
---
# Home

- [Alpha](tracks/alpha_milestones.html)
- [Beta]({% link tracks/beta_milestones.md %})
- [Plan]({% link drafts/plan.md %})
- [Broken]({% link broken.md %})
""",
    "guide.md": """\
---
title: Guide
---
# Guide

The 6 milestones of the [Alpha]({% link tracks/alpha_milestones.md %}) and [Beta]({% link tracks/beta_milestones.md %}) tracks.

Start at milestone 1 and reach milestones 2-3 in both tracks.

We define three milestones in each track.

Milestone 5 is for experts.
""",
    "tracks/alpha_milestones.md": ALPHA_V1,
    "tracks/beta_milestones.md": BETA_V1,
    "broken.md": """\
---
title: Broken Links
---
See {% link missing.md %} and [the old page](/old/page.html).

Also [bad](% link guide.md %).
""",
    "drafts/plan.md": "---\ntitle: Plan\ndraft: true\n---\nPlanning notes.\n",
    "orphan.md": "---\ntitle: Lost Page\n---\nNobody links here.\n",
    "notes.md": "Plain notes without front matter: copied, not rendered.\n",
}


def write_site(root: Path, files=None) -> Path:
    for rel, text in (files or FILES).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def git(root: Path, *args: str, date: str = "2024-01-10T10:00:00+00:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Ada",
        GIT_AUTHOR_EMAIL="ada@example.com",
        GIT_COMMITTER_NAME="Ada",
        GIT_COMMITTER_EMAIL="ada@example.com",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, env=env, capture_output=True, text=True
    ).stdout.strip()


def make_git_site(root: Path) -> Path:
    """Three commits: everything (2024-01-10; the alpha notice arrives here),
    the beta notice (2024-05-20), an edit of alpha's text (2024-06-01)."""
    write_site(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Start the site", date="2024-01-10T10:00:00+00:00")
    (root / "tracks/beta_milestones.md").write_text(BETA, encoding="utf-8")
    git(root, "commit", "-q", "-am", "Mark beta as a draft", date="2024-05-20T09:30:00+00:00")
    git(root, "tag", "v1")
    (root / "tracks/alpha_milestones.md").write_text(ALPHA, encoding="utf-8")
    git(root, "commit", "-q", "-am", "Say more about alpha 1", date="2024-06-01T12:00:00+00:00")
    return root


def make_plain_site(root: Path) -> Path:
    """The same site as it stands after the third commit, without git."""
    write_site(root)
    (root / "tracks/beta_milestones.md").write_text(BETA, encoding="utf-8")
    (root / "tracks/alpha_milestones.md").write_text(ALPHA, encoding="utf-8")
    return root
