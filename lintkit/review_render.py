"""Renderers for the review model (see ``lintkit.review_model``).

``render_markdown(model)`` writes GitHub-flavoured Markdown for a pull-request
comment: GFM tables, ``- [ ]`` task items, and no raw HTML except
``<details>``/``<summary>`` around long findings lists.

``render_html(model)`` writes one self-contained HTML page: inline CSS, no
scripts, nothing fetched (no fonts, images or URLs), readable on a 390 px wide
phone and printable.

Both are pure functions of the model: they read no files and no clock. Every
string that comes from the site is escaped for the output format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

SEVERITIES = ("error", "warning", "info")
ICONS = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}  # ✖ ▲ ℹ
OK_MARK, FAIL_MARK = "\u2714", "\u2716"  # ✔ ✖
UNAVAILABLE = "unavailable"
NONE_MARK = "\u2014"  # — for a value git could not give for this page
LONG_LIST = 5  # a document with more findings than this folds them in <details>

SECTIONS = ("Summary", "Drafts", "Milestone tracks", "Findings", "Links", "Checklist")
EMPTY = {
    "drafts": "No drafts.",
    "tracks": "No milestone tracks.",
    "findings": "No findings.",
    "orphans": "No orphan pages.",
    "broken": "No broken links.",
    "dead_empty": "No dead links.",
    "inbound_none": "Not compared: the review has no since revision.",
    "inbound_empty": "No page gained or lost inbound links.",
    "checklist": "Nothing to check.",
    "references": "No other page mentions these milestones.",
    "checks": "No checks ran.",
}


# --------------------------------------------------------------------------
# shared wording


def severity_label(severity: str) -> str:
    """``✖ error``: an icon and a word, so severity never rests on colour."""
    return f"{ICONS.get(severity, '?')} {severity}"


def _word(n: int, severity: str) -> str:
    return severity if (n == 1 or severity == "info") else severity + "s"


def _plural(n: int, severity: str) -> str:
    return f"{n} {_word(n, severity)}"


def counts_phrase(counts: dict[str, Any], icons: bool = True, zeros: bool = False) -> str:
    """``✖ 2 errors, ▲ 1 warning`` (severities with a zero count left out)."""
    parts = []
    for sev in SEVERITIES:
        n = int(counts.get(sev, 0) or 0)
        if n or zeros:
            parts.append((ICONS[sev] + " " if icons else "") + _plural(n, sev))
    return ", ".join(parts) if parts else "no findings"


def _git_value(model: dict[str, Any], value: object) -> str:
    """A date or number that comes from git: 'unavailable' without git."""
    if not model.get("site", {}).get("git"):
        return UNAVAILABLE
    return NONE_MARK if value is None or value == "" else str(value)


def _location(line: int | None, column: int | None) -> str:
    if not line:
        return "whole file"
    if not column:
        return f"line {line}"
    return f"line {line}, column {column}"


def _one_line(text: object) -> str:
    """User text as a single line: any line break becomes a space."""
    return re.sub(r"\s*[\r\n]+\s*", " ", "" if text is None else str(text)).strip()


# --------------------------------------------------------------------------
# Markdown

_MD_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LEADING = re.compile(r"^([#>+=-]|\d+(?=[.)]))")


def md_text(text: object) -> str:
    """Escape user text for inline Markdown: emphasis, links, code, HTML,
    entities and table pipes become literal, and a leading block marker
    (``#``, ``>``, ``-``, ``1.``) cannot start a heading, quote or list."""
    text = _MD_ACTIVE.sub(r"\\\1", _one_line(text))
    match = _MD_LEADING.match(text)
    if match:
        marker = match.group(1)
        text = (marker + "\\" + text[len(marker) :]) if marker[0].isdigit() else "\\" + text
    return text


def md_code(text: object, table: bool = False) -> str:
    """User text as an inline code span; ``table`` escapes ``|`` for GFM
    tables (GitHub unescapes ``\\|`` inside code spans in table cells)."""
    text = _one_line(text)
    if not text:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or longest:
        text = f" {text} "
    if table:
        text = text.replace("|", "\\|")
    return f"{fence}{text}{fence}"


def _md_fence(text: object) -> list[str]:
    text = "" if text is None else str(text).replace("\r", "")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", *text.split("\n"), fence]


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_table(
    header: Sequence[str], aligns: Sequence[str], rows: Iterable[Sequence[str]]
) -> list[str]:
    """``aligns``: one of 'l' or 'r' per column."""
    rule = ["---:" if a == "r" else "---" for a in aligns]
    return [_md_row(header), _md_row(rule), *(_md_row(r) for r in rows)]


# GitHub refuses a pull-request comment longer than this many characters.
COMMENT_LIMIT = 65_536
FULL_REPORT = "lintkit review --format html --output review.html"


def render_markdown(model: dict[str, Any], limit: int | None = COMMENT_LIMIT) -> str:
    """The review as Markdown; longer than ``limit`` characters, the long
    sections (findings, links) are cut to fit, each with a pointer to the
    full HTML report (None: never cut)."""
    site = model.get("site", {})
    head = [f"# Review of {md_text(site.get('title') or 'the site')}", ""]
    head += [f"Generated {md_text(model.get('generated', ''))} by `lintkit review`.", ""]
    parts = [
        head + _md_summary(model) + _md_drafts(model) + _md_tracks(model),
        _md_findings(model),
        _md_links(model),
        _md_checklist(model),
    ]
    text = _join(parts)
    if limit is None or _size(text) <= limit:
        return text
    return _fit(parts, limit)


def _size(text: str) -> int:
    """Length in UTF-8 bytes: never more than GitHub counts, whichever it counts."""
    return len(text.encode("utf-8"))


def _join(parts: list[list[str]]) -> str:
    out = [line for part in parts for line in part]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _cut_note(shown: int, total: int) -> list[str]:
    return [
        "",
        f"_Cut to fit a pull-request comment ({COMMENT_LIMIT:,} characters): {shown} of "
        f"{total} lines of this section shown. The full report: `{FULL_REPORT}`._",
        "",
    ]


def _fit(parts: list[list[str]], limit: int) -> str:
    """Keep the summary, drafts, tracks and checklist whole; give the findings
    and links what is left (links at most half), cut at whole lines (a code
    fence left open is closed)."""
    fixed = _size(_join([parts[0], parts[3]])) + 2 * _size(_cut_note(0, 0)[1]) + 400
    room = max(0, limit - fixed)
    links = min(_size("\n".join(parts[2])), room // 2)  # a short links section is kept whole
    cut = [_cut_section(parts[1], room - links), _cut_section(parts[2], links)]
    text = _join([parts[0], cut[0], cut[1], parts[3]])
    if _size(text) > limit:  # the fixed sections alone are too long: a hard cut
        note = "\n" + _cut_note(0, 0)[1].split(":")[0] + f". The full report: `{FULL_REPORT}`._\n"
        room = limit - _size(note) - 8
        keep = text.encode("utf-8")[:room].decode("utf-8", "ignore").rsplit("\n", 1)[0]
        if keep.count("\n```") % 2:
            keep += "\n```"
        text = keep + "\n" + note
    return text


def _cut_section(lines: list[str], budget: int) -> list[str]:
    if _size("\n".join(lines)) <= budget:
        return lines
    out: list[str] = []
    size = 0
    fence = False
    for line in lines:
        if size + _size(line) + 1 > budget:
            break
        out.append(line)
        size += _size(line) + 1
        if line.startswith("```"):
            fence = not fence
    if fence:
        out.append("```")
    return out + _cut_note(len(out), len(lines))


def _md_summary(model: dict[str, Any]) -> list[str]:
    site, scope = model.get("site", {}), model.get("scope", {})
    out = ["## Summary", ""]
    paths = ", ".join(md_code(p) for p in scope.get("paths") or ["."])
    since = scope.get("since")
    scope_text = paths + (f", changed since {md_code(since)}" if since else "")
    if site.get("git"):
        revision = md_code(site.get("revision")) if site.get("revision") else NONE_MARK
        branch = md_code(site.get("branch")) if site.get("branch") else "detached HEAD"
        git_text = f"{revision} on {branch}"
        if site.get("date"):
            git_text += f", committed {md_text(site['date'])}"
    else:
        git_text = UNAVAILABLE
    out += [
        f"- Site root: {md_code(site.get('root', ''))}",
        f"- Revision: {git_text}",
        f"- Scope: {scope_text}",
        f"- Documents reviewed: {int(model.get('documents', 0))}",
        f"- Findings: {counts_phrase(model.get('counts', {}), zeros=True)}",
        "",
    ]
    if model.get("git_note"):
        out += [f"> {md_text(model['git_note'])}", ""]
    rules = model.get("by_rule") or []
    if rules:
        rows = [
            [md_code(r.get("rule"), table=True)] + [str(int(r.get(s, 0))) for s in SEVERITIES]
            for r in rules
        ]
        out += _md_table(
            ["Rule"] + [severity_label(s) for s in SEVERITIES], ["l", "r", "r", "r"], rows
        )
    else:
        out.append(EMPTY["findings"])
    return out + [""] + _md_changes(model)


def _md_consistency(draft: dict[str, Any]) -> str:
    if draft.get("consistent", True):
        return f"{OK_MARK} yes"
    remark = md_text(draft.get("remark"))
    return f"{FAIL_MARK} no" + (f": {remark}" if remark else "")


def _md_drafts(model: dict[str, Any]) -> list[str]:
    out = ["## Drafts", ""]
    drafts = model.get("drafts") or []
    if not drafts:
        return out + [EMPTY["drafts"], ""]
    rows = []
    for d in drafts:
        notice = _one_line(d.get("notice"))
        if notice:
            where = f"line {d['notice_line']}: " if d.get("notice_line") else ""
            notice_cell = where + md_text(notice)
        else:
            notice_cell = "none"
        rows.append(
            [
                md_code(d.get("path"), table=True),
                md_text(d.get("draft_by", "")),
                notice_cell,
                _git_value(model, d.get("notice_added")),
                _git_value(model, d.get("last_changed")),
                _git_value(model, d.get("age_days")),
                _md_consistency(d),
            ]
        )
    out += _md_table(
        ["Page", "Draft by", "Notice", "Notice added", "Last changed", "Age (days)", "Consistent"],
        ["l", "l", "l", "l", "l", "r", "l"],
        rows,
    )
    if model.get("git_note"):
        out += ["", f"> {md_text(model['git_note'])}"]
    return out + [""]


def _md_cell(cell: dict[str, Any] | None, since: object = None) -> str:
    """One milestone: its title, its description, its size and where it is;
    with --since, whether its text changed (and how, word by word)."""
    if not cell:
        return "*(missing)*"
    size = f"({int(cell.get('words', 0))} words, line {cell.get('line', '?')})"
    change = cell.get("change")
    if change == "changed" and cell.get("diff"):
        words = " ".join(_md_diff_run(op, text) for op, text in cell["diff"])
        return f"\u270e **changed since {md_text(since)}:** {words} {size}"
    text = md_text(cell.get("title"))
    if cell.get("description"):
        text += f" \u2014 {md_text(cell['description'])}"
    if change == "new":
        text = f"\u271a **new since {md_text(since)}:** {text}"
    return f"{text} {size}"


def _md_diff_run(op: str, text: str) -> str:
    if op == "-":
        return f"~~{md_text(text)}~~"
    if op == "+":
        return f"**{md_text(text)}**"
    return md_text(text)


def _md_changes(model: dict[str, Any]) -> list[str]:
    changes = model.get("changes")
    if not changes:
        return []
    since = (model.get("scope") or {}).get("since") or changes.get("since")
    out = [f"### Pages changed since {md_code(since)}", ""]
    pages = changes.get("pages") or []
    for page in pages:
        what = page.get("status", "modified")
        if what == "renamed" and page.get("from"):
            what = f"renamed from {md_code(page['from'])}"
        links = []
        if _safe_url(page.get("source")):
            links.append(f"[source]({page['source']})")
        if _safe_url(page.get("url")):
            links.append(f"[on the site]({page['url']})")
        title = f" {md_text(page['title'])}" if page.get("title") else ""
        out.append(
            f"- {md_code(page.get('path'))}{title}: {what}"
            + (f" ({', '.join(links)})" if links else "")
        )
    if not pages:
        out.append("No Markdown page changed.")
    return out + [""]


def _safe_url(url: object) -> bool:
    """Only web addresses become links (never javascript: and the like)."""
    return isinstance(url, str) and re.match(r"^https?://[^\s<>()\[\]\"']+$", url) is not None


def _md_tracks(model: dict[str, Any]) -> list[str]:
    out = ["## Milestone tracks", ""]
    tracks = model.get("tracks") or []
    if not tracks:
        return out + [EMPTY["tracks"], ""]
    for track in tracks:
        docs = track.get("documents") or []
        out += [f"### {md_text(track.get('name', ''))}", ""]
        for doc in docs:
            out.append(
                f"- {md_text(doc.get('title'))}: {md_code(doc.get('path'))}, "
                f"{doc.get('count', 0)} milestones"
            )
        out.append("")
        header = ["#"] + [md_text(doc.get("title") or doc.get("path")) for doc in docs]
        rows = []
        for row in track.get("rows") or []:
            cells = list(row.get("cells") or [])
            cells += [None] * (len(docs) - len(cells))
            since = (model.get("scope") or {}).get("since")
            rows.append([str(row.get("number", ""))] + [_md_cell(c, since) for c in cells])
        out += _md_table(header, ["r"] + ["l"] * len(docs), rows)
        out += ["", "Checks:", ""]
        checks = track.get("checks") or []
        for check in checks:
            mark = OK_MARK if check.get("ok") else FAIL_MARK
            detail = _one_line(check.get("detail"))
            out.append(
                f"- {mark} {md_text(check.get('check'))}"
                + (f": {md_text(detail)}" if detail else "")
            )
        if not checks:
            out.append(EMPTY["checks"])
        out += ["", "Mentioned elsewhere:", ""]
        refs = track.get("references") or []
        for ref in refs:
            state = f"{OK_MARK} in range" if ref.get("in_range") else f"{FAIL_MARK} out of range"
            out.append(
                f"- {md_code(ref.get('path'))} line {ref.get('line')}: "
                f"\u201c{md_text(ref.get('text'))}\u201d {state}"
            )
        if not refs:
            out.append(EMPTY["references"])
        out.append("")
    return out


def _md_finding(item: dict[str, Any]) -> list[str]:
    sev = item.get("severity", "error")
    head = (
        f"- **{severity_label(sev)}** {_location(item.get('line'), item.get('column'))} "
        f"{md_code(item.get('rule'))}: {md_text(item.get('message'))}"
    )
    out = [head]
    if item.get("source"):
        out += [""] + ["  " + line for line in _md_fence(item["source"])] + [""]
    return out


def _md_findings(model: dict[str, Any]) -> list[str]:
    out = ["## Findings", ""]
    docs = model.get("findings") or []
    if not docs:
        return out + [EMPTY["findings"], ""]
    for doc in docs:
        items = doc.get("items") or []
        out += [f"### {md_code(doc.get('path'))}", "", counts_phrase(doc.get("counts", {})), ""]
        body = []
        for item in items:
            body += _md_finding(item)
        while body and body[-1] == "":
            body.pop()
        if len(items) > LONG_LIST:
            out += ["<details>", f"<summary>Show {len(items)} findings</summary>", ""]
            out += body + ["", "</details>", ""]
        else:
            out += body + [""]
    return out


def _md_links(model: dict[str, Any]) -> list[str]:
    links = model.get("links") or {}
    out = ["## Links", "", "### Orphan pages", ""]
    orphans = links.get("orphans") or []
    out += [f"- {md_code(p)}" for p in orphans] or [EMPTY["orphans"]]
    out += ["", "### Broken links", ""]
    broken = links.get("broken") or []
    if broken:
        out += _md_table(
            ["Page", "Line", "Target", "Problem"],
            ["l", "r", "l", "l"],
            [
                [
                    md_code(b.get("path"), table=True),
                    str(b.get("line", "")),
                    md_code(b.get("target"), table=True),
                    md_text(b.get("message")),
                ]
                for b in broken
            ],
        )
    else:
        out.append(EMPTY["broken"])
    external = links.get("external")
    if external:  # the review ran with --external
        out += ["", "### Dead links", ""]
        out += [md_text(external_sentence(external)), ""]
        dead = external.get("links") or []
        if dead:
            out += _md_table(
                ["Page", "Line", "URL", "Problem"],
                ["l", "r", "l", "l"],
                [
                    [
                        md_code(d.get("path"), table=True),
                        str(d.get("line", "")),
                        md_code(d.get("url"), table=True),
                        md_text(_dead_problem(d)),
                    ]
                    for d in dead
                ],
            )
        else:
            out.append(EMPTY["dead_empty"])
    out += ["", "### Inbound links changed", ""]
    changed = links.get("inbound_changed")
    if changed is None:
        out.append(EMPTY["inbound_none"])
    elif not changed:
        out.append(EMPTY["inbound_empty"])
    else:
        out += _md_table(
            ["Page", "Now linked from", "No longer linked from"],
            ["l", "l", "l"],
            [
                [
                    md_code(c.get("path"), table=True),
                    ", ".join(md_code(p, table=True) for p in c.get("added") or []) or NONE_MARK,
                    ", ".join(md_code(p, table=True) for p in c.get("removed") or []) or NONE_MARK,
                ]
                for c in changed
            ],
        )
    return out + [""]


def external_sentence(external: dict[str, Any]) -> str:
    """The counts of the external link check, as the text summary says them."""
    from .report.text import external_summary

    return external_summary(
        int(external.get("urls", 0)),
        int(external.get("checked", 0)),
        int(external.get("cached", 0)),
        int(external.get("dead", 0)),
        external.get("unavailable"),
    )


def _dead_problem(d: dict[str, Any]) -> str:
    """A link-external message without the URL it starts with (the URL has
    its own column)."""
    message = str(d.get("message", ""))
    url = str(d.get("url", ""))
    prefix = f"'{url}' "
    return message[len(prefix) :] if url and message.startswith(prefix) else message


def _md_checklist(model: dict[str, Any]) -> list[str]:
    out = ["## Checklist", ""]
    items = model.get("checklist") or []
    out += [f"- [ ] {md_text(i.get('text'))}" for i in items] or [EMPTY["checklist"]]
    return out + [""]


# --------------------------------------------------------------------------
# HTML


def e(text: object) -> str:
    """HTML-escape user text (quotes too: it may land in an attribute)."""
    return html.escape("" if text is None else str(text), quote=True)


CSS = """
:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--bg:#fff;
--error:#b42318;--error-bg:#fef3f2;--warning:#8a4b00;--warning-bg:#fff8e6;
--info:#0b57a4;--info-bg:#eef5ff;--ok:#116329;--ok-bg:#edfaef}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:62rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .25rem}
h2{font-size:1.3rem;line-height:1.3;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;line-height:1.35;margin:1.5rem 0 .5rem}
h4{font-size:.95rem;margin:1rem 0 .25rem}
p{margin:.5rem 0}
h1,h2,h3,h4,p,li,dd,dt,summary,code,.path,pre{overflow-wrap:anywhere}
th,td,th .path,td .path{overflow-wrap:break-word}
.nowrap{white-space:nowrap}
code,pre,.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.875em}
code{background:var(--soft);border-radius:4px;padding:.05em .3em}
code.rule{white-space:nowrap}
.sevword{display:block;font-size:.8rem;font-weight:600}
pre{white-space:pre-wrap;background:var(--soft);border:1px solid var(--line);border-radius:6px;
padding:.4rem .6rem;margin:.4rem 0 0;line-height:1.45}
.muted,.sub{color:var(--muted)}
.sub{font-size:.875rem}
nav ul{list-style:none;padding:0;margin:.75rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem .5rem}
nav a{display:inline-block;padding:.15rem .55rem;border:1px solid var(--line);border-radius:999px;
color:var(--fg);text-decoration:none;font-size:.875rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem;margin:.5rem 0}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;min-width:0}
ul.totals{list-style:none;padding:0;margin:.75rem 0;display:flex;flex-wrap:wrap;gap:.5rem}
ul.totals li{flex:1 1 6rem;border:1px solid var(--line);border-left-width:5px;border-radius:6px;padding:.35rem .5rem}
ul.totals .n{display:block;font-size:1.5rem;font-weight:700;line-height:1.2}
.scroll{overflow-x:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.rules{width:auto;min-width:min(100%,28rem)}
table.track td{min-width:8.5rem}
table.track th[scope=row]{text-align:right;width:2.5rem;background:var(--soft)}
.words{display:block;color:var(--muted);font-size:.8rem;margin-top:.2rem}
.missing{color:var(--error);font-style:italic}
td.changed{background:var(--warning-bg)}
.badge{display:block;font-size:.8rem;font-weight:600;color:var(--warning);margin-bottom:.2rem}
p.desc,p.diff{margin:.25rem 0 0;font-size:.9rem}
del{background:var(--error-bg);color:var(--error)}
ins{background:var(--ok-bg);color:var(--ok);text-decoration:none;font-weight:600}
.sev{display:inline-block;font-weight:700;font-size:.8rem;padding:0 .4rem;border-radius:4px;
border:1px solid currentColor;white-space:nowrap;line-height:1.5}
.sev-error{color:var(--error);background:var(--error-bg)}
.sev-warning{color:var(--warning);background:var(--warning-bg)}
.sev-info{color:var(--info);background:var(--info-bg)}
ul.totals li.sev-error{border-color:var(--error)}
ul.totals li.sev-warning{border-color:var(--warning)}
ul.totals li.sev-info{border-color:var(--info)}
ul.totals li{color:var(--fg);background:var(--bg)}
ul.totals li .label{font-weight:600;white-space:nowrap}
.ico-info{display:inline-block;box-sizing:content-box;width:1em;height:1em;line-height:1em;text-align:center;
border:1.5px solid currentColor;border-radius:50%;font-size:.8em;font-weight:700;vertical-align:.05em}
ul.totals li.sev-error .label{color:var(--error)}
ul.totals li.sev-warning .label{color:var(--warning)}
ul.totals li.sev-info .label{color:var(--info)}
.ok{color:var(--ok);font-weight:600}
.bad{color:var(--error);font-weight:600}
ul.plain{padding-left:1.25rem;margin:.4rem 0}
ul.plain li{margin:.2rem 0}
section.doc{border:1px solid var(--line);border-radius:8px;padding:.1rem .75rem .6rem;margin:.9rem 0}
section.doc h3{margin:.6rem 0 .1rem}
ol.items{list-style:none;padding:0;margin:.3rem 0 0}
ol.items li{padding:.55rem 0;border-top:1px solid var(--line)}
ol.items li:first-child{border-top:0}
.where{color:var(--muted);font-size:.875rem}
ol.items p{margin:.25rem 0 0}
ul.checklist{list-style:none;padding:0;margin:.5rem 0}
ul.checklist li{margin:.35rem 0}
ul.checklist label{display:flex;gap:.5rem;align-items:flex-start}
ul.checklist input{margin:.3rem 0 0;flex:none;width:1.05rem;height:1.05rem}
.note{border-left:4px solid var(--warning);background:var(--warning-bg);padding:.4rem .75rem;margin:.5rem 0}
footer{margin:2.5rem 0 1rem;color:var(--muted);font-size:.8rem}
@media (max-width:40rem){
main{padding:.75rem}
table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block;width:auto}
table.stack thead{display:none}
table.stack tr{border:1px solid var(--line);border-radius:6px;margin:0 0 .6rem;padding:0 0 .3rem}
table.stack th[scope=row]{border:0;border-bottom:1px solid var(--line);background:var(--soft);
border-radius:6px 6px 0 0;padding:.35rem .6rem;margin-bottom:.2rem}
table.stack td{border:0;padding:.2rem .6rem;display:grid;grid-template-columns:6.75rem minmax(0,1fr);gap:.5rem}
table.stack td::before{content:attr(data-label);color:var(--muted);font-size:.85rem;padding-top:.1rem}
table.stack td.num{text-align:left;white-space:normal}
}
@media print{
body{font-size:11pt}
main{max-width:none;padding:0}
nav{display:none}
.scroll{overflow:visible}
a{color:inherit;text-decoration:none}
h2,h3{break-after:avoid}
section.doc,ol.items li,tr,ul.totals li{break-inside:avoid}
.sev,ul.totals li,thead th,pre,code,.note{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


NUM = ' class="num"'


def _h_table_wrap(label: str, table: str) -> str:
    return f'<div class="scroll" role="region" aria-label="{e(label)}" tabindex="0">{table}</div>'


def _wbr(path: object) -> str:
    """Escape a path and let it break after each '/' before anywhere else."""
    return e(path).replace("/", "/<wbr>")


def _h_path(path: object) -> str:
    return f'<span class="path">{_wbr(path)}</span>'


def _h_icon(severity: str) -> str:
    """The severity's icon; the word beside it is what a screen reader reads."""
    sev = severity if severity in ICONS else "error"
    return f'<span class="ico ico-{sev}" aria-hidden="true">{ICONS[sev]}</span>'


def _h_counts(counts: dict[str, Any]) -> str:
    parts = [
        f"{_h_icon(s)} {_plural(int(counts.get(s, 0) or 0), s)}"
        for s in SEVERITIES
        if counts.get(s)
    ]
    return ", ".join(parts) if parts else "no findings"


def _h_sev(severity: str) -> str:
    sev = severity if severity in ICONS else "error"
    return f'<span class="sev sev-{sev}">{_h_icon(sev)} {e(severity)}</span>'


def _h_mark(ok: bool, yes: str, no: str) -> str:
    if ok:
        return f'<span class="ok">{OK_MARK} {e(yes)}</span>'
    return f'<span class="bad">{FAIL_MARK} {e(no)}</span>'


def render_html(model: dict[str, Any]) -> str:
    site = model.get("site", {})
    title = f"Review of {site.get('title') or 'the site'}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{e(title)} \u2014 {e(model.get('generated', ''))}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="sub">Generated {e(model.get("generated", ""))} by lintkit review</p>',
        '<nav aria-label="Sections"><ul>'
        + "".join(f'<li><a href="#{_anchor(s)}">{e(s)}</a></li>' for s in SECTIONS)
        + "</ul></nav>",
        "</header>",
        _h_summary(model),
        _h_drafts(model),
        _h_tracks(model),
        _h_findings(model),
        _h_links(model),
        _h_checklist(model),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _anchor(section: str) -> str:
    return section.lower().replace(" ", "-")


def _h_section(name: str, body: str) -> str:
    return f'<section id="{_anchor(name)}">\n<h2>{e(name)}</h2>\n{body}\n</section>'


def _h_summary(model: dict[str, Any]) -> str:
    site, scope = model.get("site", {}), model.get("scope", {})
    if site.get("git"):
        revision = f"<code>{e(site['revision'])}</code>" if site.get("revision") else NONE_MARK
        if site.get("date"):
            revision += f" ({e(site['date'])})"
        branch = f"<code>{e(site['branch'])}</code>" if site.get("branch") else "detached HEAD"
    else:
        revision = branch = UNAVAILABLE
    paths = ", ".join(f"<code>{e(p)}</code>" for p in scope.get("paths") or ["."])
    if scope.get("since"):
        paths += f", changed since <code>{e(scope['since'])}</code>"
    meta = [
        ("Site root", _h_path(site.get("root", ""))),
        ("Revision", revision),
        ("Branch", branch),
        ("Scope", paths),
        ("Documents", str(int(model.get("documents", 0)))),
    ]
    out = ['<dl class="meta">' + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>"]
    if model.get("git_note"):
        out.append(f'<p class="note">{e(model["git_note"])}</p>')
    counts = model.get("counts", {})
    out.append(
        '<ul class="totals" aria-label="Findings by severity">'
        + "".join(
            f'<li class="sev-{s}"><span class="n">{int(counts.get(s, 0))}</span>'
            f'<span class="label">{_h_icon(s)} {e(_word(int(counts.get(s, 0)), s))}</span></li>'
            for s in SEVERITIES
        )
        + "</ul>"
    )
    rules = model.get("by_rule") or []
    if rules:
        head = (
            '<tr><th scope="col">Rule</th>'
            + "".join(
                f'<th scope="col" class="num">{_h_icon(s)} <span class="sevword">{e(s)}</span></th>'
                for s in SEVERITIES
            )
            + "</tr>"
        )
        body = "".join(
            f'<tr><th scope="row"><code class="rule">{e(r.get("rule"))}</code></th>'
            + "".join(f'<td class="num">{int(r.get(s, 0))}</td>' for s in SEVERITIES)
            + "</tr>"
            for r in rules
        )
        out.append(
            _h_table_wrap(
                "Findings by rule",
                f'<table class="rules"><caption>Findings by rule</caption>'
                f"<thead>{head}</thead>"
                f"<tbody>{body}</tbody></table>",
            )
        )
    else:
        out.append(f"<p>{EMPTY['findings']}</p>")
    changes = _h_changes(model)
    if changes:
        out.append(changes)
    return _h_section("Summary", "\n".join(out))


def _h_stack_table(
    label: str,
    cols: list[str],
    rows: list[list[str]],
    numeric: Collection[str] = (),
    nowrap: Collection[str] = (),
) -> str:
    """A table whose rows become cards on a narrow screen: the first column
    (a row header) is the card's title and every other cell is shown after
    its column name (``data-label``)."""
    head = (
        "<tr>"
        + "".join(f'<th scope="col"{NUM if c in numeric else ""}>{e(c)}</th>' for c in cols)
        + "</tr>"
    )
    body = []
    for values in rows:
        cells = [f'<th scope="row">{values[0]}</th>']
        for col, value in zip(cols[1:], values[1:]):
            classes = " ".join(
                c for c, on in (("num", col in numeric), ("nowrap", col in nowrap)) if on
            )
            cls = f' class="{classes}"' if classes else ""
            cells.append(f'<td{cls} data-label="{e(col)}"><span class="v">{value}</span></td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return _h_table_wrap(
        label, f'<table class="stack"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
    )


def _h_drafts(model: dict[str, Any]) -> str:
    drafts = model.get("drafts") or []
    if not drafts:
        return _h_section("Drafts", f"<p>{EMPTY['drafts']}</p>")
    cols = [
        "Page",
        "Draft by",
        "Notice",
        "Notice added",
        "Last changed",
        "Age (days)",
        "Consistent",
    ]
    rows = []
    for d in drafts:
        page = _h_path(d.get("path"))
        if d.get("title"):
            page += f' <span class="words">{e(d["title"])}</span>'
        if d.get("notice"):
            where = (
                f'<span class="where">line {e(d["notice_line"])}:</span> '
                if d.get("notice_line")
                else ""
            )
            notice = where + e(d["notice"])
        else:
            notice = '<span class="muted">none</span>'
        if d.get("consistent", True):
            consistent = _h_mark(True, "yes", "")
        else:
            consistent = _h_mark(False, "", "no")
            if d.get("remark"):
                consistent += f": {e(d['remark'])}"
        rows.append(
            [
                page,
                e(d.get("draft_by", "")),
                notice,
                e(_git_value(model, d.get("notice_added"))),
                e(_git_value(model, d.get("last_changed"))),
                e(_git_value(model, d.get("age_days"))),
                consistent,
            ]
        )
    out = [
        _h_stack_table(
            "Drafts", cols, rows, numeric=("Age (days)",), nowrap=("Notice added", "Last changed")
        )
    ]
    if model.get("git_note"):
        out.append(f'<p class="note">{e(model["git_note"])}</p>')
    return _h_section("Drafts", "\n".join(out))


def _h_tracks(model: dict[str, Any]) -> str:
    tracks = model.get("tracks") or []
    if not tracks:
        return _h_section("Milestone tracks", f"<p>{EMPTY['tracks']}</p>")
    out = []
    for track in tracks:
        docs = track.get("documents") or []
        name = track.get("name", "")
        out.append(f"<h3>{e(name)}</h3>")
        out.append(
            '<ul class="plain">'
            + "".join(f"<li>{e(doc.get('title'))}: {_h_path(doc.get('path'))}</li>" for doc in docs)
            + "</ul>"
        )
        head = (
            '<tr><th scope="col" class="num">#</th>'
            + "".join(
                f'<th scope="col">{e(doc.get("title") or doc.get("path"))} '
                f'<span class="words">{int(doc.get("count", 0))} milestones</span></th>'
                for doc in docs
            )
            + "</tr>"
        )
        body = []
        for row in track.get("rows") or []:
            cells = list(row.get("cells") or [])
            cells += [None] * (len(docs) - len(cells))
            tds = []
            since = (model.get("scope") or {}).get("since")
            for cell in cells:
                if cell:
                    tds.append(_h_cell(cell, since))
                else:
                    tds.append('<td><span class="missing">missing</span></td>')
            body.append(f'<tr><th scope="row">{e(row.get("number"))}</th>{"".join(tds)}</tr>')
        out.append(
            _h_table_wrap(
                f"Milestone track {name}",
                f'<table class="track"><caption>Milestones in {e(name)}, side by side'
                f"</caption><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>",
            )
        )
        checks = track.get("checks") or []
        out.append("<h4>Checks</h4>")
        if checks:
            out.append(
                '<ul class="plain">'
                + "".join(
                    f"<li>{_h_mark(bool(c.get('ok')), c.get('check', ''), c.get('check', ''))}"
                    + (f": {e(c.get('detail'))}" if c.get("detail") else "")
                    + "</li>"
                    for c in checks
                )
                + "</ul>"
            )
        else:
            out.append(f"<p>{EMPTY['checks']}</p>")
        refs = track.get("references") or []
        out.append("<h4>Mentioned elsewhere</h4>")
        if refs:
            out.append(
                '<ul class="plain">'
                + "".join(
                    f"<li>{_h_path(r.get('path'))} "
                    f'<span class="where">line {e(r.get("line"))}</span>: \u201c{e(r.get("text"))}\u201d '
                    f"{_h_mark(bool(r.get('in_range')), 'in range', 'out of range')}</li>"
                    for r in refs
                )
                + "</ul>"
            )
        else:
            out.append(f"<p>{EMPTY['references']}</p>")
    return _h_section("Milestone tracks", "\n".join(out))


def _h_cell(cell: dict[str, Any], since: object) -> str:
    """A milestone side by side: title, description (a word diff when it
    changed since REF), size and line."""
    size = (
        f'<span class="words">{int(cell.get("words", 0))} words \u00b7 line '
        f"{e(cell.get('line'))}</span>"
    )
    change = cell.get("change")
    if change == "changed" and cell.get("diff"):
        runs = []
        for op, text in cell["diff"]:
            if op == "-":
                runs.append(f"<del>{e(text)}</del>")
            elif op == "+":
                runs.append(f"<ins>{e(text)}</ins>")
            else:
                runs.append(e(text))
        return (
            f'<td class="changed"><span class="badge">\u270e changed since {e(since)}</span>'
            f'<p class="diff">{" ".join(runs)}</p>{size}</td>'
        )
    badge = f'<span class="badge">\u271a new since {e(since)}</span>' if change == "new" else ""
    description = f'<p class="desc">{e(cell["description"])}</p>' if cell.get("description") else ""
    cls = ' class="changed"' if change == "new" else ""
    return f"<td{cls}>{badge}<strong>{e(cell.get('title'))}</strong> {description} {size}</td>"


def _h_changes(model: dict[str, Any]) -> str:
    changes = model.get("changes")
    if not changes:
        return ""
    since = (model.get("scope") or {}).get("since") or changes.get("since")
    items = []
    for page in changes.get("pages") or []:
        what = e(page.get("status", "modified"))
        if page.get("status") == "renamed" and page.get("from"):
            what = f"renamed from {_h_path(page['from'])}"
        links = []
        if _safe_url(page.get("source")):
            links.append(f'<a href="{e(page["source"])}">source</a>')
        if _safe_url(page.get("url")):
            links.append(f'<a href="{e(page["url"])}">on the site</a>')
        title = f" {e(page['title'])}" if page.get("title") else ""
        items.append(
            f"<li>{_h_path(page.get('path'))}{title}: {what}"
            + (f" ({', '.join(links)})" if links else "")
            + "</li>"
        )
    body = (
        f'<ul class="plain">{"".join(items)}</ul>' if items else "<p>No Markdown page changed.</p>"
    )
    return f"<h3>Pages changed since <code>{e(since)}</code></h3>{body}"


def _h_findings(model: dict[str, Any]) -> str:
    docs = model.get("findings") or []
    if not docs:
        return _h_section("Findings", f"<p>{EMPTY['findings']}</p>")
    out = []
    for doc in docs:
        items = []
        for item in doc.get("items") or []:
            sev = item.get("severity", "error")
            src = f"<pre>{e(item['source'])}</pre>" if item.get("source") else ""
            where = _location(item.get("line"), item.get("column"))
            items.append(
                f'<li>{_h_sev(sev)} <span class="where">{e(where)}</span> '
                f'<code class="rule">{e(item.get("rule"))}</code>'
                f"<p>{e(item.get('message'))}</p>{src}</li>"
            )
        out.append(
            f'<section class="doc"><h3 class="path">{_wbr(doc.get("path"))}</h3>'
            f'<p class="sub">{_h_counts(doc.get("counts", {}))}</p>'
            f'<ol class="items">{"".join(items)}</ol></section>'
        )
    return _h_section("Findings", "\n".join(out))


def _h_links(model: dict[str, Any]) -> str:
    links = model.get("links") or {}
    out = ["<h3>Orphan pages</h3>"]
    orphans = links.get("orphans") or []
    if orphans:
        out.append(
            '<ul class="plain">' + "".join(f"<li>{_h_path(p)}</li>" for p in orphans) + "</ul>"
        )
    else:
        out.append(f"<p>{EMPTY['orphans']}</p>")
    out.append("<h3>Broken links</h3>")
    broken = links.get("broken") or []
    if broken:
        out.append(
            _h_stack_table(
                "Broken links",
                ["Page", "Line", "Target", "Problem"],
                [
                    [
                        _h_path(b.get("path")),
                        e(b.get("line")),
                        _h_path(b.get("target")),
                        e(b.get("message")),
                    ]
                    for b in broken
                ],
                numeric=("Line",),
            )
        )
    else:
        out.append(f"<p>{EMPTY['broken']}</p>")
    external = links.get("external")
    if external:  # the review ran with --external
        out.append("<h3>Dead links</h3>")
        out.append(f"<p>{e(external_sentence(external))}</p>")
        dead = external.get("links") or []
        if dead:
            out.append(
                _h_stack_table(
                    "Dead links",
                    ["Page", "Line", "URL", "Problem"],
                    [
                        [
                            _h_path(d.get("path")),
                            e(d.get("line")),
                            _h_path(d.get("url")),
                            e(_dead_problem(d)),
                        ]
                        for d in dead
                    ],
                    numeric=("Line",),
                )
            )
        else:
            out.append(f"<p>{EMPTY['dead_empty']}</p>")
    out.append("<h3>Inbound links changed</h3>")
    changed = links.get("inbound_changed")
    if changed is None:
        out.append(f"<p>{EMPTY['inbound_none']}</p>")
    elif not changed:
        out.append(f"<p>{EMPTY['inbound_empty']}</p>")
    else:

        def paths(ps: list[str] | None) -> str:
            return ", ".join(_h_path(p) for p in ps or []) or NONE_MARK

        out.append(
            _h_stack_table(
                "Inbound links changed",
                ["Page", "Now linked from", "No longer linked from"],
                [
                    [_h_path(c.get("path")), paths(c.get("added")), paths(c.get("removed"))]
                    for c in changed
                ],
            )
        )
    return _h_section("Links", "\n".join(out))


def _h_checklist(model: dict[str, Any]) -> str:
    items = model.get("checklist") or []
    if not items:
        return _h_section("Checklist", f"<p>{EMPTY['checklist']}</p>")
    body = (
        '<ul class="checklist">'
        + "".join(
            f'<li><label><input type="checkbox"><span>{e(i.get("text"))}</span></label></li>'
            for i in items
        )
        + "</ul>"
    )
    return _h_section("Checklist", body)
