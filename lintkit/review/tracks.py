"""The review's Tracks: numbered tracks side by side, their checks, and the
references to them elsewhere (found by ``lintkit.references``)."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from .. import markdown, references
from ..config import Config
from ..document import Document
from ..engine import Engine
from ..lists import Item, Run, milestone_lists
from ..rule import Rule
from ..site import Site
from .common import and_ as _and
from .common import doc_title as _doc_title
from .linkgraph import LinkGraph

# ------------------------------------------------------------------ tracks
_WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F][\w'\u2019-]*")
_CLAUSE_STOP = '.;:!?()[]\u201c\u201d"'


def _description_words(item: Item) -> int:
    parts = []
    children = item.token.get("children", [])
    first = item.first_block
    for tok in markdown.walk(children):
        if tok["type"] not in ("paragraph", "block_text", "heading"):
            continue
        text = tok.get("text", "")
        if tok is first and item.bold_title:
            text = re.sub(r"^\s*(\*\*|__).+?\1[.:]?", "", text, count=1, flags=re.S)
        parts.append(text)
    text = re.sub(r"\]\([^)\s]*\)", "]", " ".join(parts))
    return len(_WORD_RE.findall(text))


def _cell(doc: Document, item: Item) -> dict[str, Any]:
    title = item.bold_title
    if title is None:
        block = item.first_block
        title = (block.get("text", "") if block else "").strip().split("\n")[0]
    return {"title": " ".join(title.split()), "words": _description_words(item), "line": item.line}


def track_tables(
    reviewed: dict[str, Document], graph: LinkGraph, site: Site, engine: Engine, cfg: Config
) -> list[dict[str, Any]]:
    numbering = engine.rules["milestone-numbering"]
    num_rc = cfg.rules.get("milestone-numbering")
    options = dict(num_rc.options if num_rc else numbering.defaults())
    # The word and the tracks come from the configuration: a ``consistency``
    # rule names its noun, its group of track documents and whether totals
    # count; without one, the milestone rules' paths and their word.
    wording = {"noun": "milestone", "totals": True}
    for rid, rc in sorted(cfg.rules.items()):
        kind = getattr(cfg.rule_objects.get(rid) or engine.rules.get(rid), "kind", "")
        if rc.enabled and kind == "consistency":
            wording = {"noun": rc.options["noun"], "totals": rc.options["totals"]}
            options["paths"] = list(rc.options["group"])
            break
    reviewed_folders = {posixpath.dirname(rel) for rel in reviewed}
    groups: dict[str, list[tuple[Document, Any]]] = {}
    for rel in sorted(graph.docs):
        folder = posixpath.dirname(rel)
        if folder not in reviewed_folders:
            continue
        doc = graph.docs[rel]
        runs = milestone_lists(doc, options) if doc.readable else []
        if runs:
            groups.setdefault(folder, []).append((doc, runs[0]))
    tracks = []
    for folder in sorted(groups):
        members = groups[folder]
        if not any(doc.rel in reviewed for doc, _ in members):
            continue
        tracks.append(_track(folder, members, graph, site, numbering, options, wording))
    return tracks


def _track(
    folder: str,
    members: list[tuple[Document, Run]],
    graph: LinkGraph,
    site: Site,
    numbering: Rule,
    options: dict[str, Any],
    wording: dict[str, Any],
) -> dict[str, Any]:
    documents: list[dict[str, Any]] = [
        {"path": doc.rel, "title": _doc_title(doc), "count": len(run.items)} for doc, run in members
    ]
    counts: list[int] = [len(run.items) for _, run in members]
    rows = []
    for n in range(1, max(counts) + 1):
        rows.append(
            {
                "number": n,
                "cells": [
                    _cell(doc, run.items[n - 1]) if n <= len(run.items) else None
                    for doc, run in members
                ],
            }
        )
    checks = []
    if len(counts) > 1:
        checks.append(
            {
                "check": "equal lengths",
                "ok": len(set(counts)) == 1,
                "detail": _and([str(c) for c in counts]),
            }
        )
    problems = []
    for doc, _ in members:
        for f in numbering.check(doc, site, options):
            problems.append(f"{doc.rel} line {f.line}: {f.message}")
    if problems:
        checks.append({"check": "numbering", "ok": False, "detail": "; ".join(problems)})
    else:
        where = "in both" if len(members) == 2 else ("in all" if len(members) > 2 else "")
        span = f"1 to {counts[0]}" if len(set(counts)) == 1 else _and([f"1 to {c}" for c in counts])
        checks.append(
            {
                "check": "numbering",
                "ok": True,
                "detail": " ".join(x for x in (span, where) if x) + ", no gaps",
            }
        )
    balance = _balance(members, rows)
    if balance:
        checks.append(balance)
    references = _references(members, graph, counts, wording["noun"], wording["totals"])
    bad = [r for r in references if not r["in_range"]]
    checks.append(
        {
            "check": "references",
            "ok": not bad,
            "detail": (
                f"{len(references)} mention{'s' if len(references) != 1 else ''} "
                f"on other pages, {len(bad)} out of range"
            ),
        }
    )
    return {
        "name": folder or "(site root)",
        "documents": documents,
        "rows": rows,
        "checks": checks,
        "references": references,
    }


def _balance(
    members: list[tuple[Document, Run]], rows: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """Is any description more than twice as long as another of its track?"""
    worst = None
    for col, (doc, _) in enumerate(members):
        cells = [(row["number"], row["cells"][col]) for row in rows if row["cells"][col]]
        cells = [(n, c["words"]) for n, c in cells if c["words"]]
        if len(cells) < 2:
            continue
        long_n, long_w = max(cells, key=lambda nc: (nc[1], -nc[0]))
        short_n, short_w = min(cells, key=lambda nc: (nc[1], nc[0]))
        if long_w > 2 * short_w and (worst is None or long_w / short_w > worst[0]):
            worst = (long_w / short_w, doc, long_n, long_w, short_n, short_w)
    if worst is None:
        return {
            "check": "description lengths",
            "ok": True,
            "detail": "no description is more than twice as long as another in its track",
        }
    _, doc, long_n, long_w, short_n, short_w = worst
    name = _doc_title(doc)
    return {
        "check": "description lengths",
        "ok": False,
        "detail": f"{name} milestone {long_n} has {long_w} words, more than twice "
        f"milestone {short_n} ({short_w})",
    }


def _references(
    members: list[tuple[Document, Run]],
    graph: LinkGraph,
    counts: list[int],
    noun: str,
    totals: bool,
) -> list[dict[str, Any]]:
    track_paths = {doc.rel for doc, _ in members}
    sources = sorted(
        {
            src
            for t in track_paths
            for src in graph.inbound.get(t, ())
            if src not in track_paths and src in graph.docs
        }
    )
    out = []
    for src in sources:
        doc = graph.docs[src]
        for index, _column, ref in references.in_document(doc, noun):
            ok = references.in_range(ref, counts, totals)
            out.append({"path": src, "line": index, "text": ref.text, "in_range": ok})
    return out
