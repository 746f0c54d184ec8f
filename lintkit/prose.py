"""The prose of a page: the text a reader sees, word by word, with positions.

``visible(doc, keys)`` is the document's text with everything a reader does
not see as words replaced by ``HIDDEN`` (a character that is neither a letter
nor a blank; line breaks are kept), so offsets, lines and columns stay those of
the file. Kept: paragraph, heading, list, table and block-quote text, link text
and image alt text, and the front-matter values of ``keys`` (``title``,
``description``...). Hidden: code spans and blocks, HTML blocks, tags and
comments, Liquid tags and outputs and everything inside ``{% raw %}``,
URLs, e-mail addresses, link destinations and reference labels, kramdown IALs
(``{: .class}``, ``{#id}``), footnote markers, HTML entities, file names and
paths (``a.md``, ``/docs/x``, ``docs/a.png``), and front-matter keys.

``words(text)`` splits visible text into words: letters with inner
apostrophes, hyphenated words split into their parts; a token holding a digit
or an underscore is not a word (it is an identifier, a version or a number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import inline

HIDDEN = "\x01"
DEFAULT_KEYS = ("title", "description", "subtitle", "summary")  # front matter shown as text

_RAW_END_RE = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_IAL_RE = re.compile(r"\{:[^}\n]*\}|\{#[^}\s]*\}")
_LIQUID_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_FOOTNOTE_RE = re.compile(r"\[\^[^\]\s]*\]")
_APOSTROPHE_ENTITIES = {"&#39;", "&#x27;", "&apos;", "&rsquo;", "&lsquo;", "&#8217;"}
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# What a URL, an e-mail address, a file name or a path has; the token around
# each hit (up to blanks, brackets, quotes) is then judged by _odd_token.
_ODD_HINT_RE = re.compile(r"[@./]")  # a "." counts only between a letter and a word character
_IN_TOKEN_RE = re.compile(r"[^\s\x01()\[\]<>\"'`|*]*")
_DOT_IN_WORD_RE = re.compile(r"[^\W\d_]\.\w|\w\.[^\W\d_]")  # a.md, e.g. (not 1.5)
_EXTENSION_RE = re.compile(r"\.[A-Za-z0-9]{1,8}[.,;:!?]*$")
# A token glued to hidden text is part of something else (`code`s, aren&#39;t,
# {{ site.x }}ing): no word of it is taken.
_TOKEN_RE = re.compile(r"[\w\u2019'\x01-]+")  # a token with HIDDEN in it has no words
_PART_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def visible(doc: Any, keys: tuple[str, ...] = ()) -> str:
    """The document's text with everything but reader-visible prose hidden
    (same length, same line breaks). Cached on the document per ``keys``."""
    memo = doc.memo
    cache_key = ("prose.visible", keys)
    hit: str | None = memo.get(cache_key)
    if hit is None:
        hit = memo[cache_key] = _visible(doc, keys)
    return hit


def _visible(doc: Any, keys: tuple[str, ...]) -> str:
    text: str = doc.text
    n = len(text)
    keep = spans(doc, keys)
    hide: list[tuple[int, int]] = []
    for tag in doc.liquid.tags:
        if tag.region == "comment":
            continue
        hide.append((tag.start, tag.end))
        if tag.kind == "tag" and tag.name == "raw" and tag.region is None:
            m = _RAW_END_RE.search(text, tag.end)
            hide.append((tag.start, m.end() if m else n))
    for pl in doc.links:
        link = pl.link
        base = doc.offset(pl.line, pl.column) - link.start
        close = link.start + (2 if link.kind == "image" else 1) + len(link.text)
        if link.end > close + 1:  # "]" stays: it ends the last word of the text
            hide.append((base + close + 1, base + link.end))
    text = _apply(text, hide)
    out: list[str] = []
    pos = 0
    for a, b in keep:
        if b <= pos:
            continue
        a = max(a, pos)
        if a > pos:
            out.append(_hide(text[pos:a], " "))
        out.append(text[a:b])
        pos = b
    if pos < n:
        out.append(_hide(text[pos:], " "))
    # Everything outside prose is hidden now: one pass over the whole text
    # cleans every block (code spans are found block by block).
    return _clean("".join(out), keep)


def _hide(s: str, fill: str = HIDDEN) -> str:
    if "\n" not in s:
        return fill * len(s)
    return "\n".join(fill * len(part) for part in s.split("\n"))


def _apply(
    text: str, hide: list[tuple[int, int]], blank: list[tuple[int, int]] | None = None
) -> str:
    """``text`` with the (possibly overlapping) spans of ``hide`` hidden and
    those of ``blank`` blanked: hidden text glues to the word next to it (no
    word of `code`s or aren&#39;t is taken), blanked text is a word break
    (an HTML tag, a footnote marker, text outside prose)."""
    marks = [(a, b, HIDDEN) for a, b in hide] + [(a, b, " ") for a, b in blank or ()]
    if not marks:
        return text
    marks.sort()
    pieces: list[str] = []
    pos = 0
    for a, b, fill in marks:
        a = max(a, pos)
        if b <= a:
            continue
        pieces.append(text[pos:a])
        pieces.append(_hide(text[a:b], fill))
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _odd_token(token: str) -> bool:
    """A URL, an e-mail address, a @mention, a host, a file name or a path:
    not words."""
    if "://" in token or token.startswith(("www.", "/", "./", "../", "~/", "@")):
        return True
    if "@" in token and "." in token.rpartition("@")[2]:
        return True
    if _DOT_IN_WORD_RE.search(token):  # a.md, example.com, v1.2, e.g.
        return True
    return "/" in token and _EXTENSION_RE.search(token) is not None  # docs/a.png


def _clean(s: str, spans: list[tuple[int, int]]) -> str:
    """Hide the non-prose parts of the prose ``spans`` of ``s`` (everything
    else is hidden already)."""
    hide: list[tuple[int, int]] = []
    blank: list[tuple[int, int]] = []
    if "`" in s:
        for a, b in spans:
            if s.find("`", a, b) >= 0:
                hide.extend((a + x, a + y) for x, y in inline.code_spans(s[a:b]))
    if "<" in s:
        blank.extend(m.span() for m in inline.AUTOLINK_RE.finditer(s))
        blank.extend(m.span() for m in inline.HTML_TAG_RE.finditer(s))
    if "{" in s:
        hide.extend(m.span() for m in _LIQUID_RE.finditer(s))
        blank.extend(m.span() for m in _IAL_RE.finditer(s))
    if "[^" in s:
        blank.extend(m.span() for m in _FOOTNOTE_RE.finditer(s))
    if "&" in s:
        for m in _ENTITY_RE.finditer(s):
            (hide if m.group().lower() in _APOSTROPHE_ENTITIES else blank).append(m.span())
    n, done, rev = len(s), -1, ""
    for m in _ODD_HINT_RE.finditer(s):
        i = m.start()
        if i < done:
            continue
        if s[i] == "." and not (
            0 < i < n - 1
            and (s[i - 1].isalnum() or s[i - 1] == "_")
            and (s[i + 1].isalnum() or s[i + 1] == "_")
            and (s[i - 1].isalpha() or s[i + 1].isalpha())
        ):
            continue
        if not rev:
            rev = s[::-1]  # the token's start, found forward in the reversed text
        back = _IN_TOKEN_RE.match(rev, n - i)
        a = i - (back.end() - (n - i)) if back else i
        ahead = _IN_TOKEN_RE.match(s, i)
        done = ahead.end() if ahead else i + 1
        if _odd_token(s[a:done]):
            hide.append((a, done))
    return _apply(s, hide, blank)


_KEY_RE_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _front_matter_spans(doc: Any, keys: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Spans of the values of top-level front-matter ``keys`` that are text
    (a string value, on the key's line or folded over the lines below)."""
    fm = doc.fm
    if not keys or not fm.present or not fm.closed:
        return
    data = doc.data
    rx = _KEY_RE_CACHE.get(keys)
    if rx is None:
        alts = "|".join(re.escape(k) for k in keys)
        rx = _KEY_RE_CACHE[keys] = re.compile(r"^(?:" + alts + r")[ \t]*:[ \t]*", re.M)
    lines = doc.lines
    first, last = fm.start_line + 1, fm.end_line - 1  # 1-based lines of the YAML
    start = doc.offset(first) if first <= last else 0
    stop = doc.offset(last) + len(lines[last - 1]) if first <= last else 0
    for m in rx.finditer(doc.text, start, stop):
        key = m.group().split(":")[0].strip()
        if not isinstance(data.get(key), str):
            continue
        line, _ = doc.position(m.end())
        end = doc.offset(line) + len(lines[line - 1])
        nxt = line + 1
        while nxt <= last and (lines[nxt - 1][:1] in (" ", "\t") or not lines[nxt - 1].strip()):
            end = doc.offset(nxt) + len(lines[nxt - 1])
            nxt += 1
        yield m.end(), end


def spans(doc: Any, keys: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """(start, end) offsets of every piece of prose: each text block, each
    front-matter value of ``keys`` (cached per ``keys``)."""
    memo = doc.memo
    cache_key = ("prose.spans", keys)
    hit: list[tuple[int, int]] | None = memo.get(cache_key)
    if hit is None:
        hit = [(a, b) for _tok, a, b in doc.text_blocks()]
        hit.extend(_front_matter_spans(doc, keys))
        hit.sort()
        memo[cache_key] = hit
    return hit


def split_token(token: str) -> tuple[str, ...]:
    """The words of one token (letters, digits, ``_``, apostrophes, hyphens):
    none when it holds a digit or an underscore, its parts when hyphenated."""
    if token.isalpha():
        return (token,)
    stripped = token.strip("-'\u2019")
    if not stripped or "_" in stripped or HIDDEN in stripped:
        return ()
    if not stripped.replace("-", "").replace("'", "").replace("\u2019", "").isalpha():
        return ()
    if "-" not in stripped:
        return (stripped,)
    return tuple(_PART_RE.findall(stripped))


def tokens(doc: Any, keys: tuple[str, ...] = ()) -> list[str]:
    """Every token of the visible text (cached per ``keys``); ``split_token``
    turns one into words."""
    memo = doc.memo
    cache_key = ("prose.tokens", keys)
    hit: list[str] | None = memo.get(cache_key)
    if hit is None:
        hit = memo[cache_key] = split_tokens(visible(doc, keys))
    return hit


# ASCII: the characters of a token kept (letters, digits, _, ', -, HIDDEN), all
# else a blank.
_TOKEN_BYTES = (
    bytes(c if chr(c).isalnum() or chr(c) in "_'-" + HIDDEN else 32 for c in range(128))
    + b" " * 128
)


def split_tokens(text: str) -> list[str]:
    """``_TOKEN_RE.findall(text)``; ASCII text (most pages) is split with
    ``bytes.translate``, several times faster and the same tokens."""
    if text.isascii():
        return text.encode("ascii").translate(_TOKEN_BYTES).decode("ascii").split()
    return _TOKEN_RE.findall(text)


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str, str]]:
    """(offset, word, token) of every word in ``text[start:end]`` (see
    ``split_token``); ``token`` is the hyphenated token a part comes from,
    else the word itself."""
    out: list[tuple[int, str, str]] = []
    stop = len(text) if end is None else end
    for m in _TOKEN_RE.finditer(text, start, stop):
        token = m.group()
        if token.isalpha():
            out.append((m.start(), token, token))
            continue
        parts = split_token(token)
        if not parts:
            continue
        stripped = token.strip("-'\u2019")  # (no HIDDEN: split_token gave words)
        base = m.start() + token.index(stripped[0])
        if len(parts) == 1 and parts[0] == stripped:
            out.append((base, stripped, stripped))
            continue
        pos = 0
        for part in parts:
            at = stripped.index(part, pos)
            out.append((base + at, part, stripped))
            pos = at + len(part)
    return out
