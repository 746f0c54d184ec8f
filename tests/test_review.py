"""lintkit review: the model built from a fixture site (a git repository with
commits at fixed dates, and the same site without git), the Markdown and HTML
reports, the command line, the reference scanner, the link graph."""

from __future__ import annotations

import datetime
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED
from review_fixture import EPOCH, FILES, git, make_git_site, make_plain_site, write_site

from lintkit.cli import main
from lintkit.errors import UsageError
from lintkit.references import scan
from lintkit.review import build, generated_date, render

TODAY = datetime.date(2024, 7, 1)
NOTICE = "Note: This track is still a draft and under review by the society."
CORPUS = SHARED / "corpora" / "samman-site"


@pytest.fixture
def git_site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_git_site(tmp_path / "site")
    return tmp_path / "site"


@pytest.fixture
def plain_site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return make_plain_site(tmp_path / "site")


def run_cli(*args, env=None):
    env = dict({"SOURCE_DATE_EPOCH": EPOCH}, **(env or {}))
    return CliRunner().invoke(main, list(args), env=env)


# ------------------------------------------------------------------ model
def test_model_drafts_with_git_dates(git_site):
    model, errors = build(["site"], today=TODAY)
    assert errors == []
    assert model["site"] == {
        "root": "site",
        "title": "Fixture Coaching",
        "git": True,
        "revision": git(git_site, "rev-parse", "--short", "HEAD"),
        "branch": "main",
        "date": "2024-06-01",
    }
    assert model["generated"] == "2024-07-01"
    assert model["scope"] == {"paths": ["."], "since": None}
    assert model["documents"] == 8
    assert model["counts"] == {"error": 5, "warning": 1, "info": 0}
    assert model["drafts"] == [
        {
            "path": "tracks/alpha_milestones.md",
            "title": "Alpha Track",
            "draft_by": "path glob",
            "notice": NOTICE,
            "notice_line": 15,
            "notice_added": "2024-01-10",
            "last_changed": "2024-06-01",
            "age_days": 173,
            "consistent": True,
            "remark": "",
        },
        {
            "path": "tracks/beta_milestones.md",
            "title": "Beta Track",
            "draft_by": "notice only",
            "notice": NOTICE,
            "notice_line": 19,
            "notice_added": "2024-05-20",
            "last_changed": "2024-05-20",
            "age_days": 42,
            "consistent": False,
            "remark": "front matter says draft: false but the page carries a draft notice",
        },
        {
            "path": "drafts/plan.md",
            "title": "Plan",
            "draft_by": "front matter",
            "notice": "",
            "notice_line": None,
            "notice_added": None,
            "last_changed": "2024-01-10",
            "age_days": None,
            "consistent": False,
            "remark": "a draft (its front matter says so) without a draft notice at its end",
        },
    ]
    assert model["git_note"] == ""


def test_model_track_table_checks_and_references(git_site):
    model, _ = build(["site"], today=TODAY)
    [track] = model["tracks"]
    assert track["name"] == "tracks"
    assert track["documents"] == [
        {"path": "tracks/alpha_milestones.md", "title": "Alpha Track", "count": 3},
        {"path": "tracks/beta_milestones.md", "title": "Beta Track", "count": 4},
    ]
    assert track["rows"] == [
        {
            "number": 1,
            "cells": [
                {
                    "title": "Start the alpha work.",
                    "words": 6,
                    "line": 6,
                    "description": "Beginners follow a guide with help.",
                },
                {
                    "title": "Join the beta work.",
                    "words": 6,
                    "line": 7,
                    "description": "Members take part and watch closely.",
                },
            ],
        },
        {
            "number": 2,
            "cells": [
                {
                    "title": "Lead the alpha work.",
                    "words": 6,
                    "line": 9,
                    "description": "They lead sessions on their own.",
                },
                {
                    "title": "Support the beta work.",
                    "words": 11,
                    "line": 10,
                    "description": "Members support an experienced lead in every session of the week.",
                },
            ],
        },
        {
            "number": 3,
            "cells": [
                {
                    "title": "Teach the alpha work.",
                    "words": 6,
                    "line": 12,
                    "description": "They coach other people to lead.",
                },
                {
                    "title": "Run the beta work.",
                    "words": 3,
                    "line": 13,
                    "description": "Members run it.",
                },
            ],
        },
        {
            "number": 4,
            "cells": [
                None,
                {
                    "title": "Coach the beta work.",
                    "words": 7,
                    "line": 16,
                    "description": "Members coach others to run it well.",
                },
            ],
        },
    ]
    assert track["checks"] == [
        {"check": "equal lengths", "ok": False, "detail": "3 and 4"},
        {
            "check": "numbering",
            "ok": False,
            "detail": "tracks/beta_milestones.md line 13: milestone 3 is numbered 4; number the "
            "milestones 1, 2, 3, ... in order",
        },
        {
            "check": "description lengths",
            "ok": False,
            "detail": "Beta Track milestone 2 has 11 words, more than twice milestone 3 (3)",
        },
        {"check": "references", "ok": False, "detail": "5 mentions on other pages, 3 out of range"},
    ]
    assert track["references"] == [
        {"path": "guide.md", "line": 6, "text": "The 6 milestones", "in_range": False},
        {"path": "guide.md", "line": 8, "text": "Start at milestone 1", "in_range": True},
        {
            "path": "guide.md",
            "line": 8,
            "text": "and reach milestones 2-3 in both tracks",
            "in_range": True,
        },
        {
            "path": "guide.md",
            "line": 10,
            "text": "We define three milestones in each track",
            "in_range": False,
        },
        {"path": "guide.md", "line": 12, "text": "Milestone 5", "in_range": False},
    ]


def test_model_findings_links_and_checklist(git_site):
    model, _ = build(["site"], today=TODAY)
    assert [(d["path"], d["counts"]) for d in model["findings"]] == [
        ("broken.md", {"error": 3, "warning": 0, "info": 0}),
        ("tracks/beta_milestones.md", {"error": 1, "warning": 1, "info": 0}),
        ("drafts/plan.md", {"error": 1, "warning": 0, "info": 0}),
    ]
    beta = model["findings"][1]["items"]
    assert [(i["line"], i["column"], i["rule"], i["severity"], i["source"]) for i in beta] == [
        (13, 1, "milestone-numbering", "error", "4. **Run the beta work.**"),
        (19, 1, "draft-notice", "warning", f"_{NOTICE}_"),
    ]
    assert model["by_rule"][:2] == [
        {"rule": "draft-notice", "error": 1, "warning": 1, "info": 0},
        {"rule": "link-tag", "error": 1, "warning": 0, "info": 0},
    ]
    # guide.md is reached only from _data/navigation.yml, alpha only by a relative
    # Markdown link, index.md is an entry point and notes.md is not rendered
    assert model["links"]["orphans"] == ["orphan.md"]
    assert [(b["path"], b["line"], b["target"]) for b in model["links"]["broken"]] == [
        ("broken.md", 4, "missing.md"),
        ("broken.md", 4, "/old/page.html"),
        ("broken.md", 6, "guide.md"),
    ]
    assert model["links"]["inbound_changed"] is None
    assert [c["kind"] for c in model["checklist"]] == [
        "stale-draft",
        "draft-inconsistent",
        "draft-inconsistent",
        "track-length",
        "track-numbering",
        "track-balance",
        "track-reference",
        "track-reference",
        "track-reference",
        "orphan",
        "broken-links",
        "errors",
    ]
    assert model["checklist"][0]["text"] == (
        "tracks/alpha_milestones.md has been a draft for 173 days (notice added 2024-01-10): "
        "publish it or update the notice"
    )


def test_stale_days_moves_the_threshold(git_site):
    model, _ = build(["site"], today=TODAY, stale_days=173)
    assert "stale-draft" not in [c["kind"] for c in model["checklist"]]
    model, _ = build(["site"], today=TODAY, stale_days=41)
    assert [
        c["text"].split(" has")[0] for c in model["checklist"] if c["kind"] == "stale-draft"
    ] == ["tracks/alpha_milestones.md", "tracks/beta_milestones.md"]


def test_not_a_git_repository_still_gets_a_report(plain_site):
    model, errors = build(["site"], today=TODAY)
    assert errors == []
    assert model["site"]["git"] is False
    assert model["site"]["revision"] is model["site"]["branch"] is model["site"]["date"] is None
    assert model["git_note"] == "not a git repository: the dates of drafts are unavailable"
    assert [
        (d["path"], d["notice_added"], d["last_changed"], d["age_days"]) for d in model["drafts"]
    ] == [
        ("drafts/plan.md", None, None, None),
        ("tracks/alpha_milestones.md", None, None, None),
        ("tracks/beta_milestones.md", None, None, None),
    ]
    assert "stale-draft" not in [c["kind"] for c in model["checklist"]]
    text = render(model, "markdown")
    assert "- Revision: unavailable\n" in text
    assert (
        "| `tracks/alpha_milestones.md` | path glob | line 15: "
        + NOTICE
        + " | unavailable | unavailable | unavailable | ✔ yes |\n"
    ) in text
    assert "> not a git repository: the dates of drafts are unavailable\n" in text
    page = render(model, "html")
    assert section_text(page, "drafts").count("unavailable unavailable unavailable") == 3


def test_since_reviews_changed_files_and_inbound_link_changes(git_site):
    index = git_site / "index.md"
    index.write_text(
        index.read_text().replace(
            "- [Broken]({% link broken.md %})", "- [Lost]({% link orphan.md %})"
        )
    )
    model, errors = build(["site"], since="HEAD", today=TODAY)
    assert errors == []
    assert model["scope"] == {"paths": ["."], "since": "HEAD"}
    assert model["documents"] == 1
    assert model["links"]["inbound_changed"] == [
        {"path": "broken.md", "added": [], "removed": ["index.md"]},
        {"path": "orphan.md", "added": ["index.md"], "removed": []},
    ]
    # broken.md lost its only inbound link in this change: it is now an orphan
    assert model["links"]["orphans"] == ["broken.md"]
    assert model["drafts"] == [] and model["tracks"] == []


def test_since_reads_old_contents_at_the_revision(git_site):
    # since v1 only alpha changed (its text, not its links); a new page linking
    # to guide.md and a deleted page are part of the change too
    (git_site / "new.md").write_text("---\ntitle: New\n---\n[Guide](guide.md)\n")
    git(git_site, "rm", "-q", "orphan.md")
    model, _ = build(["site"], since="v1", today=TODAY)
    assert model["documents"] == 2  # tracks/alpha_milestones.md and new.md
    assert model["links"]["inbound_changed"] == [
        {"path": "guide.md", "added": ["new.md"], "removed": []},
    ]
    assert model["links"]["orphans"] == ["new.md"]
    assert [t["name"] for t in model["tracks"]] == ["tracks"]


def test_since_errors(plain_site, git_site):
    # the same words as check --since: one git client answers both
    with pytest.raises(UsageError) as err:
        build(["site"], since="nope", today=TODAY)
    assert str(err.value) == (
        "--since: unknown git revision 'nope'; give a branch, tag or commit that exists "
        "in this clone"
    )
    with pytest.raises(UsageError) as err:
        build(["site"], since="--all", today=TODAY)
    assert str(err.value) == (
        "--since: '--all' is not a git revision; give a branch, tag or commit"
    )


def test_since_without_git(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_plain_site(tmp_path / "plain")
    with pytest.raises(UsageError) as err:
        build(["plain"], since="HEAD", today=TODAY)
    assert str(err.value).startswith(
        f"--since needs a git repository, and '{tmp_path / 'plain'}' is not in one "
        "(git: fatal: not a git repository"
    )


# ---------------------------------------------------------------- reports
EXPECTED_MARKDOWN = (
    "# Review of Fixture Coaching\n"
    "\n"
    "Generated 2024-07-01 by `lintkit review`.\n"
    "\n"
    "## Summary\n"
    "\n"
    "- Site root: `site`\n"
    "- Revision: `{rev}` on `main`, committed 2024-06-01\n"
    "- Scope: `.`\n"
    "- Documents reviewed: 8\n"
    "- Findings: ✖ 5 errors, ▲ 1 warning, ℹ 0 info\n"
    "\n"
    "| Rule | ✖ error | ▲ warning | ℹ info |\n"
    "| --- | ---: | ---: | ---: |\n"
    "| `draft-notice` | 1 | 1 | 0 |\n"
    "| `link-tag` | 1 | 0 | 0 |\n"
    "| `link-target` | 1 | 0 | 0 |\n"
    "| `malformed-link` | 1 | 0 | 0 |\n"
    "| `milestone-numbering` | 1 | 0 | 0 |\n"
    "\n"
    "## Drafts\n"
    "\n"
    "| Page | Draft by | Notice | Notice added | Last changed | Age (days) | Consistent |\n"
    "| --- | --- | --- | --- | --- | ---: | --- |\n"
    "| `tracks/alpha_milestones.md` | path glob | line 15: Note: This track is still a draft and under review by the society. | 2024-01-10 | 2024-06-01 | 173 | ✔ yes |\n"
    "| `tracks/beta_milestones.md` | notice only | line 19: Note: This track is still a draft and under review by the society. | 2024-05-20 | 2024-05-20 | 42 | ✖ no: front matter says draft: false but the page carries a draft notice |\n"
    "| `drafts/plan.md` | front matter | none | — | 2024-01-10 | — | ✖ no: a draft (its front matter says so) without a draft notice at its end |\n"
    "\n"
    "## Milestone tracks\n"
    "\n"
    "### tracks\n"
    "\n"
    "- Alpha Track: `tracks/alpha_milestones.md`, 3 milestones\n"
    "- Beta Track: `tracks/beta_milestones.md`, 4 milestones\n"
    "\n"
    "| # | Alpha Track | Beta Track |\n"
    "| ---: | --- | --- |\n"
    "| 1 | Start the alpha work. — Beginners follow a guide with help. (6 words, line 6) | Join the beta work. — Members take part and watch closely. (6 words, line 7) |\n"
    "| 2 | Lead the alpha work. — They lead sessions on their own. (6 words, line 9) | Support the beta work. — Members support an experienced lead in every session of the week. (11 words, line 10) |\n"
    "| 3 | Teach the alpha work. — They coach other people to lead. (6 words, line 12) | Run the beta work. — Members run it. (3 words, line 13) |\n"
    "| 4 | *(missing)* | Coach the beta work. — Members coach others to run it well. (7 words, line 16) |\n"
    "\n"
    "Checks:\n"
    "\n"
    "- ✖ equal lengths: 3 and 4\n"
    "- ✖ numbering: tracks/beta\\_milestones.md line 13: milestone 3 is numbered 4; number the milestones 1, 2, 3, ... in order\n"
    "- ✖ description lengths: Beta Track milestone 2 has 11 words, more than twice milestone 3 (3)\n"
    "- ✖ references: 5 mentions on other pages, 3 out of range\n"
    "\n"
    "Mentioned elsewhere:\n"
    "\n"
    "- `guide.md` line 6: “The 6 milestones” ✖ out of range\n"
    "- `guide.md` line 8: “Start at milestone 1” ✔ in range\n"
    "- `guide.md` line 8: “and reach milestones 2-3 in both tracks” ✔ in range\n"
    "- `guide.md` line 10: “We define three milestones in each track” ✖ out of range\n"
    "- `guide.md` line 12: “Milestone 5” ✖ out of range\n"
    "\n"
    "## Findings\n"
    "\n"
    "### `broken.md`\n"
    "\n"
    "✖ 3 errors\n"
    "\n"
    "- **✖ error** line 4, column 5 `link-tag`: {% link missing.md %}: no page or file 'missing.md' in the site; check the path (relative to the site root)\n"
    "\n"
    "  ```text\n"
    "  See {% link missing.md %} and [the old page](/old/page.html).\n"
    "  ```\n"
    "\n"
    "- **✖ error** line 4, column 46 `link-target`: '/old/page.html' resolves to /old/page.html on the site, which the site does not serve\n"
    "\n"
    "  ```text\n"
    "  See {% link missing.md %} and [the old page](/old/page.html).\n"
    "  ```\n"
    "\n"
    "- **✖ error** line 6, column 6 `malformed-link`: the link tag has lost its braces, so Jekyll makes it a broken link (its address is the text of the tag): write ({% link guide.md %})\n"
    "\n"
    "  ```text\n"
    "  Also [bad](% link guide.md %).\n"
    "  ```\n"
    "\n"
    "### `tracks/beta_milestones.md`\n"
    "\n"
    "✖ 1 error, ▲ 1 warning\n"
    "\n"
    "- **✖ error** line 13, column 1 `milestone-numbering`: milestone 3 is numbered 4; number the milestones 1, 2, 3, ... in order\n"
    "\n"
    "  ```text\n"
    "  4. **Run the beta work.**\n"
    "  ```\n"
    "\n"
    "- **▲ warning** line 19, column 1 `draft-notice`: the page carries a draft notice but its front matter says it is not a draft: remove the notice, or mark the page as a draft\n"
    "\n"
    "  ```text\n"
    "  _Note: This track is still a draft and under review by the society._\n"
    "  ```\n"
    "\n"
    "### `drafts/plan.md`\n"
    "\n"
    "✖ 1 error\n"
    "\n"
    "- **✖ error** line 5, column 1 `draft-notice`: this document is a draft (its front matter says so) but does not end with a draft notice; add a last paragraph like \\_Note: These milestones are still in draft and under review by the Samman Society.\\_\n"
    "\n"
    "  ```text\n"
    "  Planning notes.\n"
    "  ```\n"
    "\n"
    "## Links\n"
    "\n"
    "### Orphan pages\n"
    "\n"
    "- `orphan.md`\n"
    "\n"
    "### Broken links\n"
    "\n"
    "| Page | Line | Target | Problem |\n"
    "| --- | ---: | --- | --- |\n"
    "| `broken.md` | 4 | `missing.md` | {% link missing.md %}: no page or file 'missing.md' in the site; check the path (relative to the site root) |\n"
    "| `broken.md` | 4 | `/old/page.html` | '/old/page.html' resolves to /old/page.html on the site, which the site does not serve |\n"
    "| `broken.md` | 6 | `guide.md` | the link tag has lost its braces, so Jekyll makes it a broken link (its address is the text of the tag): write ({% link guide.md %}) |\n"
    "\n"
    "### Inbound links changed\n"
    "\n"
    "Not compared: the review has no since revision.\n"
    "\n"
    "## Checklist\n"
    "\n"
    "- [ ] tracks/alpha\\_milestones.md has been a draft for 173 days (notice added 2024-01-10): publish it or update the notice\n"
    "- [ ] tracks/beta\\_milestones.md: front matter says draft: false but the page carries a draft notice; decide whether it is a draft and make the front matter and the notice agree\n"
    "- [ ] drafts/plan.md: a draft (its front matter says so) without a draft notice at its end; decide whether it is a draft and make the front matter and the notice agree\n"
    "- [ ] the milestone tracks in tracks/ have different lengths (3 and 4): add or remove milestones so they match, or say why they differ\n"
    "- [ ] milestone numbering: tracks/beta\\_milestones.md line 13: milestone 3 is numbered 4; number the milestones 1, 2, 3, ... in order\n"
    "- [ ] Beta Track milestone 2 has 11 words, more than twice milestone 3 (3): check the track reads evenly\n"
    "- [ ] guide.md line 6 says “The 6 milestones”, which does not match the milestone tracks in tracks/ (3 and 4 milestones): update the text\n"
    "- [ ] guide.md line 10 says “We define three milestones in each track”, which does not match the milestone tracks in tracks/ (3 and 4 milestones): update the text\n"
    "- [ ] guide.md line 12 says “Milestone 5”, which does not match the milestone tracks in tracks/ (3 and 4 milestones): update the text\n"
    "- [ ] orphan.md is linked from no page: link it or remove it\n"
    "- [ ] Fix the 3 broken links\n"
    "- [ ] Fix the 5 errors before merging\n"
)


def test_markdown_report_exact(git_site):
    result = run_cli("review", "site")
    assert result.exit_code == 0, result.output
    rev = git(git_site, "rev-parse", "--short", "HEAD")
    assert result.stdout == EXPECTED_MARKDOWN.replace("{rev}", rev)


class _Text(HTMLParser):
    BREAKS = {"td", "th", "li", "p", "h2", "h3", "h4", "dd", "dt", "tr", "pre", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def section_text(page: str, section_id: str) -> str:
    """The visible text of one top-level section, whitespace collapsed."""
    m = re.search(rf'<section id="{section_id}">(.*?)(?=<section id=|</main>)', page, re.S)
    assert m, section_id
    parser = _Text()
    parser.feed(m.group(1))
    return " ".join("".join(parser.parts).split())


def test_html_report_content(git_site, tmp_path):
    out = tmp_path / "review.html"
    result = run_cli("review", "site", "--format", "html", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert not list(tmp_path.glob("*.lintkit-tmp"))
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    rev = git(git_site, "rev-parse", "--short", "HEAD")
    assert section_text(page, "summary").startswith(
        f"Summary Site root site Revision {rev} (2024-06-01) Branch main Scope . Documents 8 "
        "5✖ errors 1▲ warning 0ℹ info"
    )
    assert section_text(page, "drafts") == (
        "Drafts Page Draft by Notice Notice added Last changed Age (days) Consistent "
        f"tracks/alpha_milestones.md Alpha Track path glob line 15: {NOTICE} 2024-01-10 "
        "2024-06-01 173 ✔ yes "
        f"tracks/beta_milestones.md Beta Track notice only line 19: {NOTICE} 2024-05-20 "
        "2024-05-20 42 ✖ no: front matter says draft: false but the page carries a draft notice "
        "drafts/plan.md Plan front matter none — 2024-01-10 — ✖ no: a draft (its front matter "
        "says so) without a draft notice at its end"
    )
    assert section_text(page, "milestone-tracks") == (
        "Milestone tracks tracks Alpha Track: tracks/alpha_milestones.md Beta Track: "
        "tracks/beta_milestones.md Milestones in tracks, side by side # Alpha Track 3 milestones "
        "Beta Track 4 milestones "
        "1 Start the alpha work. Beginners follow a guide with help. 6 words · line 6 Join the beta work. Members take part and watch closely. 6 words · line 7 "
        "2 Lead the alpha work. They lead sessions on their own. 6 words · line 9 Support the beta work. Members support an experienced lead in every session of the week. 11 words · line 10 "
        "3 Teach the alpha work. They coach other people to lead. 6 words · line 12 Run the beta work. Members run it. 3 words · line 13 "
        "4 missing Coach the beta work. Members coach others to run it well. 7 words · line 16 "
        "Checks ✖ equal lengths: 3 and 4 ✖ numbering: tracks/beta_milestones.md line 13: "
        "milestone 3 is numbered 4; number the milestones 1, 2, 3, ... in order "
        "✖ description lengths: Beta Track milestone 2 has 11 words, more than twice milestone 3 "
        "(3) ✖ references: 5 mentions on other pages, 3 out of range "
        "Mentioned elsewhere guide.md line 6: “The 6 milestones” ✖ out of range "
        "guide.md line 8: “Start at milestone 1” ✔ in range "
        "guide.md line 8: “and reach milestones 2-3 in both tracks” ✔ in range "
        "guide.md line 10: “We define three milestones in each track” ✖ out of range "
        "guide.md line 12: “Milestone 5” ✖ out of range"
    )
    findings = section_text(page, "findings")
    assert findings.startswith(
        "Findings broken.md ✖ 3 errors ✖ error line 4, column 5 link-tag {% link missing.md %}: "
        "no page or file 'missing.md' in the site; check the path (relative to the site root) "
        "See {% link missing.md %} and [the old page](/old/page.html)."
    )
    assert [
        m
        for m in re.findall(r"(broken\.md|tracks/beta_milestones\.md|drafts/plan\.md) ✖", findings)
    ] == ["broken.md", "tracks/beta_milestones.md", "drafts/plan.md"]
    assert (
        "▲ warning line 19, column 1 draft-notice the page carries a draft notice but its "
        "front matter says it is not a draft"
    ) in findings
    assert section_text(page, "links") == (
        "Links Orphan pages orphan.md Broken links Page Line Target Problem "
        "broken.md 4 missing.md {% link missing.md %}: no page or file 'missing.md' in the site; "
        "check the path (relative to the site root) "
        "broken.md 4 /old/page.html '/old/page.html' resolves to /old/page.html on the site, "
        "which the site does not serve "
        "broken.md 6 guide.md the link tag has lost its braces, so Jekyll makes it "
        "a broken link (its address is the text of the tag): write ({% link guide.md %}) "
        "Inbound links changed Not compared: the review has no since revision."
    )
    assert section_text(page, "checklist").endswith(
        "orphan.md is linked from no page: link it or remove it Fix the 3 broken links "
        "Fix the 5 errors before merging"
    )


def test_html_report_of_a_site_without_git(plain_site):
    result = run_cli("review", "site", "--format", "html")
    assert result.exit_code == 0
    assert section_text(result.stdout, "summary").startswith(
        "Summary Site root site Revision unavailable Branch unavailable Scope . Documents 8 "
        "not a git repository: the dates of drafts are unavailable"
    )


# --------------------------------------------------------- command line
def test_cli_errors_are_one_line_and_exit_2(plain_site, tmp_path):
    cases = [
        (["review", "nowhere"], {}, "lintkit: error: path 'nowhere' does not exist\n"),
        (
            ["review", "site", "--since", "HEAD"],
            {},
            f"lintkit: error: --since needs a git repository, and '{tmp_path / 'site'}' "
            "is not in one (git: fatal: not a git repository (or any of the parent "
            "directories): .git)\n",
        ),
        (
            ["review", "site"],
            {"SOURCE_DATE_EPOCH": "yesterday"},
            "lintkit: error: SOURCE_DATE_EPOCH must be a whole number of seconds since "
            "1970-01-01, not 'yesterday'\n",
        ),
        (
            ["review", "site", "--output", str(tmp_path / "no" / "dir" / "r.md")],
            {},
            f"lintkit: error: cannot write '{tmp_path / 'no' / 'dir' / 'r.md'}': "
            "No such file or directory\n",
        ),
    ]
    for args, env, message in cases:
        result = run_cli(*args, env=env)
        assert (result.exit_code, result.stderr) == (2, message), args
        assert result.stdout == ""


def test_cli_bad_format_and_stale_days(plain_site):
    result = run_cli("review", "site", "--format", "pdf")
    assert result.exit_code == 2 and "'pdf' is not one of 'markdown', 'html'" in result.stderr
    result = run_cli("review", "site", "--stale-days", "-1")
    assert result.exit_code == 2 and "--stale-days" in result.stderr


def test_cli_two_sites_at_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path / "a")
    write_site(tmp_path / "b")
    result = run_cli("review", "a", "b")
    assert result.exit_code == 2
    assert result.stderr == (
        "lintkit: error: review covers one site at a time, but the paths "
        "belong to 2 sites (a, b): review each site on its own, or pass "
        "--site-root\n"
    )


def test_output_is_written_atomically_over_an_old_report(git_site, tmp_path):
    out = tmp_path / "review.md"
    out.write_text("old report\n")
    result = run_cli("review", "site", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Review of Fixture Coaching\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.md", "site"]


def test_generated_date():
    assert generated_date({"SOURCE_DATE_EPOCH": EPOCH}) == TODAY
    assert generated_date({"SOURCE_DATE_EPOCH": " 0 "}) == datetime.date(1970, 1, 1)
    assert generated_date({}) == datetime.date.today()
    assert generated_date({"SOURCE_DATE_EPOCH": ""}) == datetime.date.today()
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH must be a whole number"):
        generated_date({"SOURCE_DATE_EPOCH": "1.5"})


def test_generated_date_is_today_without_the_variable(plain_site, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(main, ["review", "site"])
    assert f"Generated {datetime.date.today().isoformat()} by" in result.stdout


# ------------------------------------------------------ reference scanner
@pytest.mark.parametrize(
    "line, found",
    [
        (
            "The 10 technical coaching milestones outlined in the tracks",
            [("The 10 technical coaching milestones", "count", [10], False)],
        ),
        (
            "We are defining ten **Samman Coaching Skill Milestones** along the path",
            [("We are defining ten Samman Coaching Skill Milestones", "count", [10], False)],
        ),
        (
            "We divide competencies into two tracks, with five Samman Coaching Skill Milestones in each:",
            [
                (
                    "two tracks, with five Samman Coaching Skill Milestones in each",
                    "count",
                    [5],
                    True,
                )
            ],
        ),
        (
            "## Milestones 1-3: Individual contributor",
            [("Milestones 1-3", "numbers", [1, 2, 3], False)],
        ),
        (
            "when they reach milestone 3 in either track.",
            [("when they reach milestone 3 in either track", "numbers", [3], False)],
        ),
        (
            "After reaching milestone 4 in both tracks, coaches",
            [("After reaching milestone 4 in both tracks", "numbers", [4], True)],
        ),
        (
            "Towards milestones 4 and 5 it becomes",
            [("Towards milestones 4 and 5", "numbers", [4, 5], False)],
        ),
        (
            "* For milestones 1, 2 and 3.",
            [("For milestones 1, 2 and 3", "numbers", [1, 2, 3], False)],
        ),
        (
            "See milestones 2 to 4 and milestone six",
            [
                ("See milestones 2 to 4", "numbers", [2, 3, 4], False),
                ("and milestone six", "numbers", [6], False),
            ],
        ),
        ("Milestone 1\u20133 is a range", [("Milestone 1\u20133", "numbers", [1, 2, 3], False)]),
        ("one of the milestones; reach new milestones; the milestones are 2024 work", []),
        (
            "_the three milestones of each track_",
            [("the three milestones of each track", "count", [3], True)],
        ),
    ],
)
def test_scan_references(line, found):
    refs = scan(line, "milestone")
    assert [(r.text, r.kind, r.numbers, r.every_track) for r in refs] == found


# ------------------------------------------------------------ link graph
LINK_SITE = {
    "_config.yml": (
        "collections:\n  talks:\n    output: true\n  notes:\n    output: true\n"
        "  upcoming:\n    output: false\n"
    ),
    "_layouts/topic_index.html": '<ul>{% for t in site.data.topics %}<li><a href="{{ t.name }}.html">'
    "{{ t.title }}</a></li>{% endfor %}</ul>{{ content }}",
    "_includes/people.html": '{% for p in site.data.people %}<a href="/people/{{ p.key }}.html">x</a>'
    '<a href="{{ p.url }}">y</a>{% endfor %}',
    "_layouts/talks.html": "{% for t in site.talks %}{{ t.title }}{% endfor %}",
    "topics/index.md": "---\ntitle: Topics\nlayout: topic_index\n---\n",
    "topics/tdd.md": "---\ntitle: TDD\n---\n",
    "people/ada.md": "---\ntitle: Ada\n---\n",
    "people/bob.md": "---\ntitle: Bob\n---\n{% include people.html %}\n",
    "events/next.md": "---\ntitle: Next\n---\n",
    "_upcoming/one.md": "---\ndetails_link: events/next.md\n---\n",
    "_talks/a.md": "---\ntitle: A talk\n---\n",
    "_notes/n.md": "---\ntitle: A note\n---\n",
    "page.html": '---\ntitle: P\n---\n<a href="{{ site.baseurl }}/people/ada.html">Ada</a>',
    "lonely.md": "---\ntitle: Lonely\n---\n[self](lonely.html) and [var]({{ page.url }}) "
    "and [away](https://example.com/lonely.html)\n",
    "404.md": "---\ntitle: Not found\n---\n",
}


def test_orphans_see_through_layouts_includes_front_matter_and_loops(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(tmp_path / "s", LINK_SITE)
    model, _ = build(["s"], today=TODAY)
    # topics/tdd.md: the topic_index layout's relative "{{ t.name }}.html" from /topics/;
    # people/*: /people/{{ p.key }}.html in an include; events/next.md: named in the
    # front matter of a document ({% link {{ ... }} %}); _talks: looped over site.talks;
    # index and 404 pages are entry points; lonely.md links only to itself.
    assert model["links"]["orphans"] == ["_notes/n.md", "lonely.md"]


def test_variable_link_tags_are_not_broken_links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_site(
        tmp_path / "s",
        {
            "_config.yml": "title: S\n",
            "index.md": "---\ntitle: I\nlayout: x\n---\n"
            "{% assign target = 'index.md' %}"
            "[a]({% link {{ target }} %})\n",
        },
    )
    model, _ = build(["s"], today=TODAY)
    assert [i["rule"] for d in model["findings"] for i in d["items"]] == ["link-tag"]
    assert model["links"]["broken"] == []


# ------------------------------------------------------------- browser
CHROMIUM = Path("/usr/bin/chromium")
TOOL = Path(__file__).resolve().parents[1] / "tools" / "screenshot_review.py"


@pytest.mark.slow  # runs Chromium
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_fixture_review_in_headless_chromium_at_390px(git_site, tmp_path):
    import subprocess
    import sys

    page = tmp_path / "review.html"
    assert run_cli("review", "site", "--format", "html", "-o", str(page)).exit_code == 0
    shot = tmp_path / "review.png"
    expect = [
        "Alpha Track",
        "Beta Track",
        "Coach the beta work.",
        "2024-01-10",
        "173",
        "orphan.md",
        "missing.md",
        "The 6 milestones",
        "out of range",
        "Fix the 3 broken links",
    ]
    result = subprocess.run(
        [
            sys.executable,
            str(TOOL),
            str(page),
            "--out",
            str(shot),
            "--full-page",
            *[a for text in expect for a in ("--expect", text)],
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: nothing overflows at 390 px; found 10 expected texts" in result.stdout
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -------------------------------------------------------------- corpus
@pytest.mark.skipif(
    os.environ.get("LINTKIT_CORPUS") != "1",
    reason="set LINTKIT_CORPUS=1 to review the shared Samman site",
)
def test_review_of_the_samman_site():
    assert CORPUS.is_dir(), f"LINTKIT_CORPUS=1 but {CORPUS} is missing (set LINTKIT_SHARED)"
    model, errors = build([str(CORPUS)], today=TODAY)
    assert errors == []
    assert model["site"]["git"] is False and model["git_note"]
    assert [
        (d["path"], d["draft_by"], d["notice_line"], d["notice_added"], d["consistent"])
        for d in model["drafts"]
    ] == [
        ("society/ensemble_milestones.md", "path glob", 26, None, True),
        ("society/learning_hour_milestones.md", "path glob", 26, None, True),
    ]
    [track] = model["tracks"]
    assert [d["count"] for d in track["documents"]] == [5, 5]
    assert [c["ok"] for c in track["checks"][:2]] == [True, True]
    refs = {(r["path"], r["line"], r["text"]) for r in track["references"]}
    assert ("society/milestones_job_role.md", 7, "The 10 technical coaching milestones") in refs
    assert (
        "society/technical_coach_career.md",
        16,
        "two tracks, with five Samman Coaching Skill Milestones in each",
    ) in refs
    assert all(r["in_range"] for r in track["references"])


def test_git_dates_for_odd_file_names_and_notice_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "s"
    notice = '_Note: -still a draft (under review) by "us"; *not* final._\n'
    write_site(
        site,
        {
            "_config.yml": "title: S\n",
            "drafts/épreuve :x.md": "---\ntitle: É\nlayout: x\ndraft: true\n---\nText.\n",
            "drafts/-dash.md": "---\ntitle: D\nlayout: x\ndraft: true\n---\nText.\n",
        },
    )
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "one", date="2024-02-01T08:00:00+00:00")
    for name in ("drafts/épreuve :x.md", "drafts/-dash.md"):
        with open(site / name, "a", encoding="utf-8") as fh:
            fh.write("\n" + notice)
    git(site, "commit", "-q", "-am", "two", date="2024-03-01T08:00:00+00:00")
    model, _ = build(["s"], today=TODAY)
    assert [
        (d["path"], d["notice_line"], d["notice_added"], d["last_changed"], d["age_days"])
        for d in model["drafts"]
    ] == [
        ("drafts/-dash.md", 8, "2024-03-01", "2024-03-01", 122),
        ("drafts/épreuve :x.md", 8, "2024-03-01", "2024-03-01", 122),
    ]


def test_broken_files_still_give_a_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = dict(FILES)
    files["_data/bad.yml"] = "a: [unclosed\n"
    files["_data/bomb.yml"] = (
        "a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c]\ne: [*d, *d, *d, *d]\n"
    )
    write_site(tmp_path / "s", files)
    (tmp_path / "s" / "tracks" / "gamma_milestones.md").write_bytes(b"---\ntitle: G\n---\n\xff\xfe")
    (tmp_path / "s" / "blob.md").write_bytes(b"\x00\x01binary")
    result = run_cli("review", "s")
    assert result.exit_code == 0, result.output
    assert "### `tracks/gamma_milestones.md`" in result.stdout
    assert "line 4, column 1 `load`: invalid UTF-8 (byte 0xff at offset 17)" in result.stdout
    assert "- Alpha Track: `tracks/alpha_milestones.md`, 3 milestones\n" in result.stdout


def test_published_pages_with_a_notice_are_inconsistent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    notice = "_Note: still a draft and under review._\n"
    write_site(
        tmp_path / "s",
        {
            "_config.yml": "title: S\n",
            "a_milestones.md": "---\ntitle: A\nlayout: x\npublished: true\n---\n" + notice,
            "b.md": "---\ntitle: B\nlayout: x\nstatus: final\n---\n" + notice,
            "c.md": "---\ntitle: C\nlayout: x\n---\n" + notice,
            "d_milestones.md": "---\ntitle: D\nlayout: x\npublished: true\n---\nDone.\n",
        },
    )
    model, _ = build(["s"], today=TODAY)
    assert [(d["path"], d["draft_by"], d["consistent"], d["remark"]) for d in model["drafts"]] == [
        (
            "a_milestones.md",
            "notice only",
            False,
            "front matter says published: true but the page carries a draft notice",
        ),
        (
            "b.md",
            "notice only",
            False,
            "front matter says status: final but the page carries a draft notice",
        ),
        ("c.md", "notice only", True, ""),
    ]
