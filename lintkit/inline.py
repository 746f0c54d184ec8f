"""Inline links and images with exact positions, scanned from raw source.

A leaf module: imports nothing from lintkit.

mistune gives inline tokens no positions, so links are found here in the
block's own source text (Liquid already masked, so ``({% link a.md %})`` reads
as a destination without spaces), after skipping code spans, autolinks, raw
HTML tags and backslash escapes. The scanner follows CommonMark's inline link
grammar closely enough to agree with it on real documents: balanced brackets in
the text, ``<...>`` or balanced-parenthesis destinations, optional titles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional

_AUTOLINK_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>")
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_TITLE_CLOSE = {'"': '"', "'": "'", "(": ")"}
_MAX_NEST = 32


@dataclass(frozen=True)
class Link:
    kind: str  # "link" or "image"
    start: int  # offset of "[" (or "!") in the scanned text
    text: str  # the link text as written (masked)
    dest: Optional[str]  # destination as written (None for reference links)
    dest_start: int  # offset of the destination (or of the label)
    label: Optional[str] = None  # reference label for [text][label] / [text]
    title: Optional[str] = None
    end: int = 0


def code_span_mask(s: str) -> str:
    """``s`` with the contents of code spans (and their backticks) blanked out."""
    if "`" not in s:
        return s
    out = list(s)
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c != "`":
            i += 1
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
        for p in range(i, close + run):
            if out[p] != "\n":
                out[p] = " "
        i = close + run
    return "".join(out)


def scan_links(s: str, refs: Optional[set] = None) -> List[Link]:
    """Inline links, images and reference links in ``s`` (one block's text).

    ``refs``: the defined reference labels (normalised with ``norm_label``);
    ``[text][label]`` and ``[text]`` count as links only when defined."""
    s = code_span_mask(s)
    found: List[Link] = []
    _scan(s, 0, len(s), refs, found, 0)
    found.sort(key=lambda link: link.start)
    return found


def _scan(s: str, i: int, n: int, refs, found: List[Link], depth: int) -> None:
    while i < n:
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
        image = c == "!" and i + 1 < n and s[i + 1] == "["
        if c != "[" and not image:
            i += 1
            continue
        open_at = i + 1 if image else i
        close = _match_bracket(s, open_at, n)
        if close < 0:
            i = open_at + 1
            continue
        text = s[open_at + 1:close]
        after = close + 1
        kind = "image" if image else "link"
        if after < n and s[after] == "(":
            parsed = _destination(s, after + 1, n)
            if parsed is not None:
                dest, dest_start, title, end = parsed
                found.append(Link(kind, i, text, dest, dest_start, None, title, end))
                if depth < _MAX_NEST:
                    _scan(s, open_at + 1, close, refs, found, depth + 1)
                i = end
                continue
        if after < n and s[after] == "[":
            lclose = _match_bracket(s, after, n)
            if lclose > 0:
                label = s[after + 1:lclose] or text
                if refs is None or norm_label(label) in refs:
                    found.append(Link(kind, i, text, None, after + 1, label, None, lclose + 1))
                    if depth < _MAX_NEST:
                        _scan(s, open_at + 1, close, refs, found, depth + 1)
                    i = lclose + 1
                    continue
        if refs and norm_label(text) in refs and not (after < n and s[after] == ":"):
            found.append(Link(kind, i, text, None, open_at + 1, text, None, after))
            i = after
            continue
        i = open_at + 1


def _match_bracket(s: str, i: int, n: int) -> int:
    """Offset of the ``]`` matching the ``[`` at ``i``, or -1."""
    depth = 0
    j = i
    while j < n:
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


def _destination(s: str, i: int, n: int):
    """Parse ``dest "title")`` starting after ``(``; None if not a link."""
    j = _skip_ws(s, i, n)
    if j < n and s[j] == "<":
        k = j + 1
        while k < n and s[k] not in ">\n":
            if s[k] == "\\":
                k += 1
            k += 1
        if k >= n or s[k] != ">":
            return None
        dest, dest_start, j = s[j + 1:k], j + 1, k + 1
    else:
        dest_start = j
        depth = 0
        k = j
        while k < n:
            c = s[k]
            if c == "\\" and k + 1 < n:
                k += 2
                continue
            if c.isspace() or ord(c) < 0x20:
                break
            if c == "(":
                depth += 1
                if depth > _MAX_NEST:
                    return None
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            k += 1
        if depth:
            return None
        dest, j = s[j:k], k
    title = None
    k = _skip_ws(s, j, n)
    if k < n and s[k] in _TITLE_CLOSE and k > j:
        closer = _TITLE_CLOSE[s[k]]
        t = k + 1
        while t < n and s[t] != closer:
            if s[t] == "\\":
                t += 1
            t += 1
        if t >= n:
            return None
        title = s[k + 1:t]
        k = _skip_ws(s, t + 1, n)
    if k < n and s[k] == ")":
        return dest, dest_start, title, k + 1
    return None


def _skip_ws(s: str, i: int, n: int) -> int:
    newlines = 0
    while i < n and s[i] in " \t\n":
        if s[i] == "\n":
            newlines += 1
            if newlines > 1:
                break
        i += 1
    return i


def norm_label(label: str) -> str:
    return " ".join(label.split()).casefold()
