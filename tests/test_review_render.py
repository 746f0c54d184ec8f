"""The review report, as a reviewer sees it: pinned on sample_model()."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import mistune
import pytest

from lintkit.review_model import sample_model
from lintkit.review_render import render_html, render_markdown

SECTIONS = ["Summary", "Drafts", "Milestone tracks", "Findings", "Links", "Checklist"]
HOSTILE = "<script>alert('x')</script> a | b & `c` *d* _e_ [f](https://evil.example) url(x) @import"


# --------------------------------------------------------------------------
# helpers


def empty_model() -> dict:
    model = sample_model()
    model.update(
        documents=3,
        counts={"error": 0, "warning": 0, "info": 0},
        by_rule=[],
        drafts=[],
        tracks=[],
        findings=[],
        checklist=[],
    )
    model["links"] = {"orphans": [], "broken": [], "inbound_changed": None}
    return model


def no_git_model() -> dict:
    model = sample_model()
    model["site"].update(git=False, revision=None, branch=None)
    for draft in model["drafts"]:
        draft.update(notice_added=None, last_changed=None, age_days=None)
    model["git_note"] = "not a git repository: the dates of drafts are unavailable"
    return model


def hostile_model() -> dict:
    model = sample_model()
    model["site"]["title"] = HOSTILE
    model["tracks"][0]["name"] = HOSTILE
    model["tracks"][0]["rows"][0]["cells"][0]["title"] = "Pair | mob <script>x</script>"
    model["drafts"][0]["notice"] = HOSTILE
    model["drafts"][1]["remark"] = HOSTILE
    item = model["findings"][0]["items"][0]
    item["message"] = HOSTILE
    item["source"] = "```" + HOSTILE + "\n</pre><script>x</script>"
    model["links"]["broken"][0]["message"] = HOSTILE
    model["links"]["broken"][0]["target"] = "a|b`c.md"
    model["checklist"][0]["text"] = HOSTILE
    return model


def md_table(text: str, header: str) -> list:
    """The lines of the first Markdown table whose header row starts with ``header``."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return lines[start:end]


def md_cells(row: str) -> list:
    """Split a GFM table row on its unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


class Tree(HTMLParser):
    """Enough of a DOM for the tests: balanced tags, tables and text."""

    VOID = {"meta", "br", "wbr", "input", "img", "hr", "link"}

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.stack, self.tables, self.text, self.errors = [], [], [], []
        self.feed(page)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td") and self.tables:
            self.tables[-1]["rows"][-1].append({"tag": tag, "attrs": attrs, "text": ""})
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self.tables and ("td" in self.stack or "th" in self.stack):
            self.tables[-1]["rows"][-1][-1]["text"] += data

    def table(self, cls: str) -> list:
        found = [t for t in self.tables if cls in t["class"].split()]
        assert len(found) == 1, f"{len(found)} tables of class {cls}"
        return [
            [(c["tag"], c["attrs"].get("scope"), " ".join(c["text"].split())) for c in row]
            for row in found[0]["rows"]
        ]


# --------------------------------------------------------------------------
# Markdown


def test_markdown_sections_in_order():
    text = render_markdown(sample_model())
    assert text.startswith("# Review of Samman Technical Coaching\n")
    assert re.findall(r"^## (.*)$", text, re.M) == SECTIONS


def test_markdown_track_table_rows():
    table = md_table(render_markdown(sample_model()), "| # |")
    assert table == [
        "| # | Learning Hour Skill Milestones | Ensemble Skill Milestones |",
        "| ---: | --- | --- |",
        "| 1 | Facilitate learning hours based on detailed existing materials, including video. "
        "(52 words, line 9) | Take part in ensemble programming, contributing appropriately and "
        "leading retrospectives. (40 words, line 9) |",
        "| 2 | Lead learning hours based on existing plans and exercises, adapted for the needs of "
        "the team. (55 words, line 12) | Support an experienced ensemble as an active "
        "facilitator. (38 words, line 12) |",
        "| 3 | Design and lead new learning hours on topics specifically chosen for the needs of "
        "their team. (50 words, line 15) | For a team new to ensemble, teach them the roles and "
        "communication styles. (87 words, line 15) |",
        "| 4 | Design and lead sequences of related learning hours for more complicated topics. "
        "(69 words, line 18) | Use Ensemble as a teaching forum, actively taking advantage of the "
        "coaching opportunities that arise. (64 words, line 18) |",
        "| 5 | Coach other technical coaches to improve their learning hour design and delivery. "
        "(47 words, line 21) | Coach other coaches to improve teamwork and lead Ensemble. "
        "(57 words, line 21) |",
    ]


def test_markdown_summary_drafts_links_and_checklist():
    text = render_markdown(sample_model())
    assert "- Findings: ✖ 3 errors, ▲ 1 warning, ℹ 2 info" in text
    assert md_table(text, "| Rule |")[:3] == [
        "| Rule | ✖ error | ▲ warning | ℹ info |",
        "| --- | ---: | ---: | ---: |",
        "| `link-tag` | 2 | 0 | 0 |",
    ]
    drafts = md_table(text, "| Page | Draft by |")
    assert drafts[0] == (
        "| Page | Draft by | Notice | Notice added | Last changed | Age (days) | Consistent |"
    )
    assert md_cells(drafts[2]) == [
        "`society/ensemble_milestones.md`",
        "notice only",
        "line 26: Note: These milestones are still in draft and under review by the Samman "
        "Society. The details are likely to be updated.",
        "2024-06-12",
        "2026-08-21",
        "900",
        "✔ yes",
    ]
    assert md_cells(drafts[3])[-1] == (
        "✖ no: front matter says draft: false but the page carries a draft notice"
    )
    assert md_cells(drafts[4])[2:6] == ["none", "—", "2026-11-02", "—"]
    assert "- ✖ description lengths: ensemble milestone 3 has 87 words" in text
    assert (
        "| `society/technical_coach_career.md` | 21 | `society/milestone_job_role.md` | no such file |"
        in text
    )
    assert "Not compared: the review has no since revision." in text
    assert re.findall(r"^- \[ \] .*$", text, re.M)[0] == (
        "- [ ] society/ensemble\\_milestones.md has been a draft for 900 days: publish it or "
        "update the notice"
    )
    assert len(re.findall(r"^- \[ \] ", text, re.M)) == 6


def test_markdown_findings_show_severity_as_words_and_source_as_code():
    text = render_markdown(sample_model())
    assert (
        "### `society/technical_coach_career.md`\n\n✖ 2 errors\n\n"
        "- **✖ error** line 21, column 88 `link-tag`: "
    ) in text
    assert "- **▲ warning** line 26, column 1 `draft-notice`:" in text
    assert "- **ℹ info** line 15, column 1 `table-style`:" in text
    assert (
        "  ```text\n  |  1| Legacy code has unit test coverage under 10%.  |    |     |\n  ```"
        in text
    )
    # severity order in the document is kept: errors first
    assert text.index("society/technical_coach_career.md`\n") < text.index(
        "### `society/ensemble_milestones.md`"
    )
    assert "<details>" not in text  # no list is long in the sample


def test_markdown_folds_long_findings_lists():
    model = sample_model()
    item = model["findings"][0]["items"][0]
    model["findings"][0]["items"] = [dict(item, line=n) for n in range(1, 8)]
    text = render_markdown(model)
    assert (
        "<details>\n<summary>Show 7 findings</summary>\n\n- **✖ error** line 1, column 88" in text
    )
    assert text.count("</details>") == 1
    assert text.index("</details>") < text.index("### `society/milestones_job_role.md`")


def _raw_html_tags(text: str) -> set:
    text = re.sub(r"^( *)(`{3,})text\n.*?^\1\2$", "", text, flags=re.M | re.S)  # fenced code
    text = re.sub(r"(`+)(?!`).*?(?<!`)\1(?!`)", "", text)  # code spans
    return set(re.findall(r"(?<!\\)</?([A-Za-z][\w-]*)", text))


def test_markdown_escapes_user_text():
    text = render_markdown(hostile_model())
    assert _raw_html_tags(text) <= set()
    assert "\\<script\\>alert('x')\\</script\\> a \\| b \\& \\`c\\` \\*d\\* \\_e\\_ \\[f\\]" in text
    # the milestone title with a pipe stays in its own cell
    row = md_table(text, "| # |")[2]
    assert len(md_cells(row)) == 3
    assert md_cells(row)[1].startswith("Pair \\| mob \\<script\\>x\\</script\\>")
    # a target with a pipe and a backtick stays one cell, in a code span
    broken = md_table(text, "| Page | Line |")[-2]
    assert md_cells(broken)[2] == "`` a\\|b`c.md ``"
    # a source line that opens with a code fence cannot close the block early
    assert "  ````text\n  ```<script>" in text
    # headings built from user text stay headings with escaped text
    assert text.startswith("# Review of \\<script\\>")


def test_markdown_only_details_is_raw_html():
    model = hostile_model()
    model["findings"][0]["items"] *= 4
    assert _raw_html_tags(render_markdown(model)) == {"details", "summary"}


def test_markdown_renders_as_tables_and_task_items():
    md = mistune.create_markdown(escape=True, plugins=["table", "task_lists"])
    page = md(render_markdown(hostile_model()))
    track = re.search(r"<table>\s*<thead>\s*<tr>\s*<th[^>]*>#</th>.*?</table>", page, re.S).group(0)
    assert len(re.findall(r"<th[ >]", track)) == 3
    assert all(
        len(re.findall(r"<td", row)) == 3 for row in re.findall(r"<tr>(.*?)</tr>", track, re.S)[1:]
    )
    assert "Pair | mob &lt;script&gt;x&lt;/script&gt;" in track
    assert page.count('class="task-list-item"') == 6
    assert "<script>" not in page


def test_markdown_empty_sections_say_so():
    text = render_markdown(empty_model())
    assert re.findall(r"^## (.*)$", text, re.M) == SECTIONS
    for sentence in [
        "No drafts.",
        "No milestone tracks.",
        "No findings.",
        "No orphan pages.",
        "No broken links.",
        "Not compared: the review has no since revision.",
        "Nothing to check.",
    ]:
        assert sentence in text
    assert "- Findings: ✖ 0 errors, ▲ 0 warnings, ℹ 0 info" in text


def test_markdown_without_git_says_unavailable():
    text = render_markdown(no_git_model())
    assert "- Revision: unavailable" in text
    for row in md_table(text, "| Page | Draft by |")[2:5]:
        assert md_cells(row)[3:6] == ["unavailable"] * 3
    assert "> not a git repository: the dates of drafts are unavailable" in text


def test_markdown_inbound_links_and_missing_milestones():
    model = sample_model()
    model["scope"]["since"] = "origin/main"
    model["links"]["inbound_changed"] = [
        {"path": "society/index.md", "added": ["a.md", "b.md"], "removed": []}
    ]
    track = model["tracks"][0]
    track["documents"][1]["count"] = 4
    track["rows"][4]["cells"][1] = None
    text = render_markdown(model)
    assert "- Scope: `.`, changed since `origin/main`" in text
    assert md_table(text, "| Page | Now")[-1] == "| `society/index.md` | `a.md`, `b.md` | — |"
    assert md_table(text, "| # |")[-1].endswith("(47 words, line 21) | *(missing)* |")
    model["links"]["inbound_changed"] = []
    assert "No page gained or lost inbound links." in render_markdown(model)


# --------------------------------------------------------------------------
# HTML


def test_html_is_one_well_formed_page_with_the_sections():
    page = render_html(sample_model())
    tree = Tree(page)
    assert tree.errors == []
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert re.findall(r"<h2>(.*?)</h2>", page) == SECTIONS
    assert [f'<section id="{s.lower().replace(" ", "-")}">' in page for s in SECTIONS] == [True] * 6


def test_html_track_table_has_scoped_headers_and_cells():
    rows = Tree(render_html(sample_model())).table("track")
    assert rows[0] == [
        ("th", "col", "#"),
        ("th", "col", "Learning Hour Skill Milestones 5 milestones"),
        ("th", "col", "Ensemble Skill Milestones 5 milestones"),
    ]
    assert len(rows) == 6
    assert rows[1] == [
        ("th", "row", "1"),
        (
            "td",
            None,
            "Facilitate learning hours based on detailed existing materials, including "
            "video. 52 words · line 9",
        ),
        (
            "td",
            None,
            "Take part in ensemble programming, contributing appropriately and leading "
            "retrospectives. 40 words · line 9",
        ),
    ]
    assert rows[5][2] == (
        "td",
        None,
        "Coach other coaches to improve teamwork and lead Ensemble. 57 words · line 21",
    )
    assert [r[0] for r in rows[1:]] == [("th", "row", str(n)) for n in range(1, 6)]


def test_html_drafts_table_and_git_columns():
    tree = Tree(render_html(no_git_model()))
    drafts = next(t for t in tree.tables if "stack" in t["class"])["rows"]
    header = [c["text"] for c in drafts[0]]
    assert header == [
        "Page",
        "Draft by",
        "Notice",
        "Notice added",
        "Last changed",
        "Age (days)",
        "Consistent",
    ]
    for row in drafts[1:]:
        assert row[0]["tag"] == "th" and row[0]["attrs"]["scope"] == "row"
        assert [c["text"] for c in row[3:6]] == ["unavailable"] * 3
        assert [c["attrs"]["data-label"] for c in row[1:]] == header[1:]
    page = render_html(no_git_model())
    assert "<dt>Revision</dt><dd>unavailable</dd><dt>Branch</dt><dd>unavailable</dd>" in page
    assert '<p class="note">not a git repository: the dates of drafts are unavailable</p>' in page
    with_git = render_html(sample_model())
    assert "unavailable" not in with_git
    assert "<dd><code>3e17644</code></dd>" in with_git


def test_html_severity_is_not_colour_alone():
    page = render_html(sample_model())
    icon = '<span class="ico ico-{0}" aria-hidden="true">{1}</span>'
    assert f'<span class="sev sev-error">{icon.format("error", "✖")} error</span>' in page
    assert f'<span class="sev sev-warning">{icon.format("warning", "▲")} warning</span>' in page
    assert f'<span class="sev sev-info">{icon.format("info", "ℹ")} info</span>' in page
    assert (
        f'<span class="n">3</span><span class="label">{icon.format("error", "✖")} errors</span>'
    ) in page
    assert f'<p class="sub">{icon.format("error", "✖")} 2 errors</p>' in page


def test_html_is_self_contained_and_responsive():
    page = render_html(sample_model())
    for forbidden in (
        "<script",
        "http://",
        "https://",
        "@import",
        "url(",
        "<link",
        "<img",
        "@font-face",
        "src=",
    ):
        assert forbidden not in page.lower(), forbidden
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "@media print" in css
    assert ".scroll{overflow-x:auto" in css
    assert "overflow-wrap:anywhere" in css
    assert re.search(r"pre\{[^}]*white-space:pre-wrap", css)
    # every table scrolls in its own container
    assert page.count("<table") == page.count('<div class="scroll"') == 4


def test_html_escapes_user_text():
    page = render_html(hostile_model())
    assert "<script" not in page.lower()
    escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; a | b &amp; `c` *d* _e_"
    assert escaped in page
    assert "&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</pre>" in page
    assert Tree(page).errors == []
    # URLs and CSS functions appear only inside the escaped user text
    stripped = page.replace("[f](https://evil.example) url(x) @import", "")
    for forbidden in ("http://", "https://", "@import", "url("):
        assert forbidden not in stripped, forbidden


def test_html_empty_sections_say_so():
    page = render_html(empty_model())
    assert re.findall(r"<h2>(.*?)</h2>", page) == SECTIONS
    for sentence in [
        "No drafts.",
        "No milestone tracks.",
        "No findings.",
        "No orphan pages.",
        "No broken links.",
        "Not compared: the review has no since revision.",
        "Nothing to check.",
    ]:
        assert f"<p>{sentence}</p>" in page
    assert Tree(page).errors == []


def test_html_breaks_paths_at_slashes_and_marks_missing_milestones():
    model = sample_model()
    model["tracks"][0]["rows"][4]["cells"][1] = None
    page = render_html(model)
    assert '<h3 class="path">society/<wbr>technical_coach_career.md</h3>' in page
    assert '<td><span class="missing">missing</span></td>' in page


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_renderers_are_pure_functions_of_the_json_model(render):
    model = sample_model()
    again = json.loads(json.dumps(model))
    assert render(model) == render(again)
    assert model == sample_model()  # not mutated
    assert "2026-11-29" in render(model)


def test_markdown_report_is_cut_to_fit_a_pull_request_comment():
    # 5,000 pages' worth of findings and broken links: far more than GitHub's
    # 65,536-character limit for a comment.
    model = sample_model()
    page = model["findings"][0]
    model["findings"] = [dict(page, path=f"docs/page_{n:04}.md") for n in range(5000)]
    broken = {"path": "docs/a.md", "line": 3, "target": "/gone.html", "message": "missing"}
    model["links"]["broken"] = [dict(broken, line=n) for n in range(1, 5001)]
    full = render_markdown(model, limit=None)
    text = render_markdown(model)
    assert len(full) > 65_536 >= len(text.encode("utf-8"))
    assert re.findall(r"^## (.*)$", text, re.M) == SECTIONS
    notes = re.findall(
        r"^_Cut to fit a pull-request comment \(65,536 characters\): .*$", text, re.M
    )
    assert len(notes) == 2
    assert all(
        n.endswith("The full report: `lintkit review --format html --output review.html`._")
        for n in notes
    )
    fences = [line for line in text.splitlines() if line.startswith("```")]
    assert len(fences) % 2 == 0
    small = render_markdown(sample_model())
    assert "Cut to fit" not in small and small == render_markdown(sample_model(), limit=None)
