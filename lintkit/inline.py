"""Inline links and images with exact positions, scanned from raw source.

A leaf module: imports nothing from lintkit.

mistune gives inline tokens no positions, so links are found here in the
block's own source text (Liquid already masked, so ``({% link a.md %})`` reads
as a destination without spaces), after skipping code spans, autolinks, raw
HTML tags and backslash escapes. Jekyll renders Markdown with kramdown, so the
scanner follows kramdown 2.4's link grammar (``parser/kramdown/link.rb``):
balanced brackets in the text; a destination is ``<...>`` or everything up to
the matching ``)`` -- blanks and line breaks included, which CommonMark (and so
GitHub's preview) refuses -- with an optional quoted title; ``[text][label]``,
``[text] [label]``, ``[text][]`` and ``[text]`` are references, resolved only
when the label is defined; ``[^x]`` is a footnote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

_AUTOLINK_RE = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>"
)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_MAX_NEST = 32
AUTOLINK_RE = _AUTOLINK_RE  # public: the prose scanner hides what these match
HTML_TAG_RE = _HTML_TAG_RE


@dataclass(frozen=True)
class Link:
    kind: str  # "link" or "image"
    start: int  # offset of "[" (or "!") in the scanned text
    text: str  # the link text as written (masked)
    dest: str | None  # destination as written (None for reference links)
    dest_start: int  # offset of the destination (or of the label)
    label: str | None = None  # reference label for [text][label] / [text]
    title: str | None = None
    end: int = 0
    defined: bool = True  # False: [text][label] whose label has no definition (kramdown shows text)
    syntax: str = (
        "commonmark"  # "kramdown": a destination only kramdown reads (blanks, line breaks)
    )


_BACKSLASH_OR_TICK = re.compile(r"[\\`]")


def code_span_mask(s: str) -> str:
    """``s`` with the contents of code spans (and their backticks) blanked out."""
    if "`" not in s:
        return s
    out = list(s)
    for a, b in code_spans(s):
        for p in range(a, b):
            if out[p] != "\n":
                out[p] = " "
    return "".join(out)


def code_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of every code span in ``s``, backticks included."""
    spans: list[tuple[int, int]] = []
    if "`" not in s:
        return spans
    i, n = 0, len(s)
    while i < n:
        m = _BACKSLASH_OR_TICK.search(s, i)
        if m is None:
            break
        i = m.start()
        if s[i] == "\\":
            i += 2
            continue
        j = i
        while j < n and s[j] == "`":
            j += 1
        run = j - i
        k = j
        close = -1
        while True:
            k = s.find("`" * run, k)
            if k < 0:
                break
            e = k
            while e < n and s[e] == "`":
                e += 1
            if e - k == run:
                close = k
                break
            k = e
        if close < 0:
            i = j
            continue
        spans.append((i, close + run))
        i = close + run
    return spans


def scan_links(s: str, refs: set[Any] | None = None) -> list[Link]:
    """Inline links, images and reference links in ``s`` (one block's text).

    ``refs``: the defined reference labels (normalised with ``norm_label``);
    ``[text][label]`` and ``[text]`` count as links only when defined. A
    ``[text][label]`` or ``[text][]`` whose label is not defined is returned
    with ``defined=False`` (kramdown prints it as text)."""
    orig = s
    s = code_span_mask(s)
    found: list[Link] = []
    _scan(s, 0, len(s), refs, found, 0, [None, orig])
    found.sort(key=lambda link: link.start)
    if any(not link.defined for link in found):
        # kramdown reads an undefined [text][label] as text and goes on from the
        # next "[": when a link starts at the label's bracket, the brackets
        # before it are plain text, not a broken reference.
        starts = {link.start for link in found if link.defined}
        found = [
            link for link in found if link.defined or s.rfind("[", 0, link.dest_start) not in starts
        ]
    return found


# kramdown LINK_INLINE_ID_RE (blanks may hold one line break: a blank line ends the paragraph)
_REF_LABEL_RE = re.compile(r"(?:[ \t\r\f\v]*\n)?[ \t\r\f\v]*\[([^\]]+)?\]")
_TITLE_RE = re.compile(r"[ \t\r\n\f\v]*?([\"'])(.+?)\1[ \t\r\n\f\v]*?\)", re.S)
_WS = " \t\r\n\f\v"
_SIMPLE_DEST_RE = re.compile(r"\([ \t]*([^\s()<>\"']*)[ \t]*\)")
_BRACKET_STOP_RE = re.compile(r"[\\\[\]\n]")
_WS_RE = re.compile(r"[ \t\r\n\f\v]")
_INTERESTING = re.compile(r"[\\<]|!?\[")
_MAX_DEST = 4096  # how far a <destination> or a CommonMark destination is looked for
_MAX_TITLE = 512  # how far a link title is looked for


def _scan(
    s: str,
    i: int,
    n: int,
    refs: set[Any] | None,
    found: list[Link],
    depth: int,
    ctx: list[Any] | None = None,
) -> None:
    if ctx is None:
        ctx = [None, s]  # the block's _Parens (made on the first "](") and its unmasked text
    while i < n:
        j = _INTERESTING.search(s, i, n)  # jump over plain text
        if j is None:
            return
        i = j.start()
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "<":
            m = _AUTOLINK_RE.match(s, i) or _HTML_TAG_RE.match(s, i)
            if m and m.end() <= n:
                i = m.end()
                continue
            i += 1
            continue
        image = c == "!"
        open_at = i + 1 if image else i
        if open_at + 1 < n and s[open_at + 1] == "^":
            i = open_at + 1  # [^note]: a footnote for kramdown, never a link
            continue
        close = _match_bracket(s, open_at, n)
        if close < 0:
            i = open_at + 1
            continue
        text = s[open_at + 1 : close]
        after = close + 1
        kind = "image" if image else "link"
        if after < n and s[after] == "(":
            simple = _SIMPLE_DEST_RE.match(s, after, n)
            parsed: tuple[str, int, str | None, int] | None
            if simple is not None:  # no blank, quote or parenthesis inside: the common case
                parsed = (simple.group(1), simple.start(1), None, simple.end())
            else:
                if ctx[0] is None:
                    ctx[0] = _Parens(s)
                parsed = _kramdown_destination(s, after + 1, n, ctx[0])
            if parsed is not None:
                dest, dest_start, title, end = parsed
                # blanks or a line break inside: a link for kramdown, text for CommonMark
                bracketed = dest_start > 0 and s[dest_start - 1] == "<"
                syntax = "kramdown" if not bracketed and _WS_RE.search(dest) else "commonmark"
                found.append(Link(kind, i, text, dest, dest_start, None, title, end, True, syntax))
                if depth < _MAX_NEST:
                    _scan(s, open_at + 1, close, refs, found, depth + 1, ctx)
                i = end
                continue
            i = open_at + 1
            continue
        m = _REF_LABEL_RE.match(s, after, n)
        orig = ctx[1]
        if m:
            # a label is matched as written: code spans in it count (kramdown)
            label = (
                orig[m.start(1) : m.end(1)] if m.group(1) is not None else orig[open_at + 1 : close]
            )
            label_start = m.start(1) if m.group(1) is not None else open_at + 1
            end = m.end()
        else:
            if after < n and s[after] == ":":
                i = open_at + 1  # "[label]:" starts a definition, not a link
                continue
            label, label_start, end = orig[open_at + 1 : close], open_at + 1, after
        if refs is None or norm_label(label) in refs:
            found.append(Link(kind, i, text, None, label_start, label, None, end))
            if depth < _MAX_NEST:
                _scan(s, open_at + 1, close, refs, found, depth + 1, ctx)
            i = end
            continue
        if m and s[after] == "[":
            # [text][label] or [text][] with no such definition: kramdown prints it as text.
            found.append(Link(kind, i, text, None, label_start, label, None, end, False))
        i = open_at + 1


class _Parens:
    """Where kramdown's destination scan stops, for every ``(`` of a block:
    its matching ``)`` and the blanks before a quote (computed once per block,
    so a paragraph full of ``[a](`` stays fast)."""

    def __init__(self, s: str):
        self.close = {}
        stack = []
        for m in re.finditer(r"[()]", s):
            if m.group() == "(":
                stack.append(m.start())
            elif stack:
                self.close[stack.pop()] = m.start()
        self.quote_stops = [m.start() for m in re.finditer(r"[ \t\r\n\f\v](?=['\"])", s)]


def _kramdown_destination(
    s: str, i: int, n: int, parens: _Parens
) -> tuple[str, int, str | None, int] | None:
    """kramdown 2.4's inline destination (``parse_link``), starting after ``(``:
    ``(dest "title")``, ``(<dest>)``, or any text up to the matching ``)``,
    blanks and line breaks included. None when kramdown reads no link."""
    if i < n and s[i] == "<":
        k = i + 1
        limit = min(n, i + _MAX_DEST)
        while k < limit and s[k] not in ">\n":
            k += 1
        if k < limit and s[k] == ">":
            dest, dest_start = s[i + 1 : k], i + 1
            if k + 1 < n and s[k + 1] == ")":
                return dest, dest_start, None, k + 2
            m = _TITLE_RE.match(s, k + 1, min(n, k + 1 + _MAX_TITLE))
            return (dest, dest_start, m.group(2), m.end()) if m else None
    start = i - 1  # at "("
    close = parens.close.get(start)
    if close is not None and close >= n:
        close = None
    q = bisect_left(parens.quote_stops, start)
    stop = parens.quote_stops[q] if q < len(parens.quote_stops) else None
    if stop is not None and stop >= n:
        stop = None
    if close is not None and (stop is None or close < stop):
        end = close + 1  # the matching ")": the whole inside is the destination
        title_at = None
    elif stop is not None:
        end = stop + 1  # blanks before a quote: a title should follow
        title_at = end
    else:
        return None
    raw = s[start + 1 : end - 1]
    lead = len(raw) - len(raw.lstrip(_WS))
    dest = raw.strip(_WS)
    dest_start = start + 1 + lead
    if title_at is None:
        return dest, dest_start, None, end
    m = _TITLE_RE.match(s, title_at, min(n, title_at + _MAX_TITLE))
    if m:
        return dest, dest_start, m.group(2), m.end()
    return None


def _match_bracket(s: str, i: int, n: int) -> int:
    """Offset of the ``]`` matching the ``[`` at ``i``, or -1."""
    depth = 0
    j = i
    search = _BRACKET_STOP_RE.search
    while j < n:
        m = search(s, j, n)
        if m is None:
            return -1
        j = m.start()
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
            if depth > _MAX_NEST:
                return -1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return j
        elif c == "\n" and j + 1 < n and s[j + 1] == "\n":
            return -1  # a blank line ends the paragraph
        j += 1
    return -1


def norm_label(label: str) -> str:
    """kramdown's ``normalize_link_id``: runs of blanks become one space, lower
    case; leading and trailing blanks are kept (``[a ][]`` is not ``[a]``)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", label).lower()


# kramdown LINK_DEFINITION_START
_DEF_RE = re.compile(
    r"^ {0,3}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?(?:\n|\Z)",
    re.M,
)


@dataclass(frozen=True)
class Definition:
    label: str
    dest: str  # as written (masked text: Liquid tags are filler)
    title: str | None
    start: int  # offset of "["
    dest_start: int
    end: int


def scan_definitions(s: str) -> list[Definition]:
    """Every line of ``s`` that kramdown could read as a link definition
    ``[label]: url "title"`` (``url`` may hold blanks). The caller decides
    which of them start a block (a definition cannot interrupt a paragraph)."""
    out: list[Definition] = []
    if "]:" not in s:
        return out
    for m in _DEF_RE.finditer(s):
        if m.group(3) is not None and re.search(r"[ \t]+[\"']", m.group(3)):
            continue  # kramdown: not a definition
        if m.group(1).startswith("^"):
            continue  # [^note]: a footnote definition
        group = 2 if m.group(2) is not None else 3
        out.append(
            Definition(m.group(1), m.group(group), m.group(5), m.start(), m.start(group), m.end())
        )
    return out
