"""Liquid tags: find every ``{% %}`` and ``{{ }}`` with its exact span, and mask
them so the Markdown parser sees ``[t]({% link a.md %})`` as a link.

A leaf module: imports nothing from lintkit.

Jekyll renders Liquid before Markdown, so a tag inside a Markdown code block is
still evaluated; only ``{% raw %}`` and ``{% comment %}`` regions are not. Each
tag records the region it sits in so rules can tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A tag or an output, possibly spanning lines, with optional whitespace control.
_OPEN_RE = re.compile(r"\{[%{]")
_BLOCK_ENDS = {"raw": "endraw", "comment": "endcomment"}
# Tags that produce no output: when alone on a line they mask to blanks so the
# Markdown block structure is what Jekyll's renderer would leave behind.
_SILENT = {
    "if",
    "elsif",
    "else",
    "endif",
    "unless",
    "endunless",
    "case",
    "when",
    "endcase",
    "for",
    "endfor",
    "break",
    "continue",
    "assign",
    "capture",
    "endcapture",
    "comment",
    "endcomment",
    "raw",
    "endraw",
    "increment",
    "decrement",
    "tablerow",
    "endtablerow",
    "cycle",
    "liquid",
    "#",
}
FILL = "x"


@dataclass(frozen=True)
class Tag:
    start: int  # offset in the text
    end: int
    kind: str  # "tag" ({% %}) or "output" ({{ }})
    name: str  # first word of a tag ("link", "include"); "" for outputs
    markup: str  # everything after the name, stripped
    region: str | None  # None, "raw" or "comment": the region the tag sits in

    @property
    def text(self) -> str:  # pragma: no cover - convenience
        return self.markup


@dataclass(frozen=True)
class Unclosed:
    """An opening ``{%`` or ``{{`` that is never closed."""

    start: int
    kind: str


@dataclass
class Scan:
    tags: list[Tag]
    unclosed: list[Unclosed]
    masked: str  # same length and same newlines as the input


def scan(text: str) -> Scan:
    tags: list[Tag] = []
    unclosed: list[Unclosed] = []
    if "{" not in text:
        return Scan(tags, unclosed, text)
    out = []
    pos = 0  # text before pos is copied to out
    search = 0  # where to look for the next tag
    region: str | None = None
    region_end: str | None = None
    region_start = 0
    no_close_from: dict[str, int] = {}  # closer -> offset from which it no longer occurs
    n = len(text)
    while search < n:
        m = _OPEN_RE.search(text, search)
        if not m:
            break
        start = m.start()
        kind = "tag" if text[start + 1] == "%" else "output"
        closer = "%}" if kind == "tag" else "}}"
        end = -1
        if start < no_close_from.get(closer, n + 1):
            end = text.find(closer, start + 2)
            if end < 0:
                no_close_from[closer] = start
        if end < 0:
            if region is None:
                unclosed.append(Unclosed(start, kind))
            search = start + 2
            continue
        end += 2
        inner = text[start + 2 : end - 2]
        if inner.startswith("-"):
            inner = inner[1:]
        if inner.endswith("-"):
            inner = inner[:-1]
        inner = inner.strip()
        if kind == "tag":
            parts = inner.split(None, 1)
            name = parts[0] if parts else ""
            markup = parts[1].strip() if len(parts) > 1 else ""
        else:
            name, markup = "", inner
        if region is not None:
            if kind == "tag" and name == region_end:
                if region == "comment":
                    out.append(_blank(text[pos:start]))
                else:
                    out.append(text[pos:start])
                out.append(_mask(text, start, end, True))
                region = region_end = None
                pos = search = end
            else:
                if region == "comment":
                    # Jekyll renders nothing here; rules may still want to know.
                    tags.append(Tag(start, end, kind, name, markup, region))
                search = end  # raw: literal text, kept as it is
            continue
        out.append(text[pos:start])
        tags.append(Tag(start, end, kind, name, markup, None))
        silent = kind == "tag" and name in _SILENT
        out.append(_mask(text, start, end, silent))
        if kind == "tag" and name in _BLOCK_ENDS:
            region, region_end, region_start = name, _BLOCK_ENDS[name], start
        pos = search = end
    if region is not None:
        unclosed.append(Unclosed(region_start, region))
        out.append(_blank(text[pos:]) if region == "comment" else text[pos:])
    else:
        out.append(text[pos:])
    masked = "".join(out)
    return Scan(tags, unclosed, masked)


def _blank(chunk: str) -> str:
    return "".join(c if c == "\n" else " " for c in chunk)


def _mask(text: str, start: int, end: int, silent: bool) -> str:
    """Replace a tag by filler of the same length, keeping newlines. A silent
    tag alone on its line becomes blanks, so the line reads as empty."""
    chunk = text[start:end]
    fill = FILL
    if silent:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        if line_end < 0:
            line_end = len(text)
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            fill = " "
    return "".join(c if c == "\n" else fill for c in chunk)


def has_liquid(value: str) -> bool:
    return "{{" in value or "{%" in value


def link_path(markup: str) -> str:
    """The path argument of ``{% link path %}`` (quotes removed)."""
    value = markup.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def include_target(markup: str) -> str:
    """The file argument of ``{% include file param=value %}``."""
    value = markup.strip()
    if not value:
        return ""
    if value[0] in "'\"":
        q = value[0]
        end = value.find(q, 1)
        return value[1:end] if end > 0 else value[1:]
    if value.startswith("{{"):
        end = value.find("}}")
        return value[: end + 2] if end > 0 else value
    return value.split()[0]
