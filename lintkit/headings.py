"""Heading ids exactly as Jekyll's kramdown (GFM input) assigns them. A leaf module: stdlib only.

Jekyll's default converter is kramdown 2 with ``input: GFM`` and ``auto_ids: true``
(``smart_quotes: lsquo,rsquo,ldquo,rdquo``, ``hard_wrap: false``, ``auto_id_prefix: ""``).
The GFM parser (kramdown-parser-gfm 1.1) computes a heading's id in three steps, which this
module mirrors:

1. The heading's Markdown text is parsed into span elements, then flattened into a "raw text":
   text, code-span contents and math are kept; entities, smart quotes and typographic symbols
   become their characters (``--`` -> en dash, ``---`` -> em dash, ``...`` -> ellipsis,
   ``<< `` -> ``«`` + no-break space); links, emphasis and span HTML contribute their
   children's text only; images, footnote markers, comments and IALs contribute nothing.
2. ``generate_gfm_header_id``: the raw text is lower-cased (per character: no final-sigma
   rule), every character that is not ``\\p{Word}``, ``-``, space or tab is removed, and each
   space or tab becomes one ``-`` (runs are not collapsed).
3. Within one document a counter per id gives repeats ``-1``, ``-2``, ... An explicit id
   (``{#id}`` at the end of the heading, or a block IAL ``{: #id}``) is used as is and takes
   no part in the counting, so it can collide with an automatic id. An empty id means that the
   heading gets *no* id attribute; a second empty one gets ``-1``.

Headings inside a block HTML element with ``markdown="1"`` are skipped by the GFM pass and get
ids from kramdown's HTML converter instead (ASCII only, ``section`` when empty, own counter);
:meth:`HeadingIds.add` takes ``in_html=True`` for those.

Link references and footnotes change the text only when they are *undefined* (kramdown then
keeps the brackets as text): ``[a][b]`` gives ``ab`` for an undefined ``b`` and ``a``
otherwise. Pass the document's definitions (``link_refs``/``footnotes``) to be exact; by
default every reference is taken to be defined.

Which lines are headings at all is kramdown's business too (no ATX heading with leading
blanks, setext only after a blank line, lazy lines swallowed by lists and block quotes, an
unclosed ``<div>`` hiding the rest of the page): :func:`scan_headings` and
:func:`document_heading_ids` follow kramdown's block parser for that. Headings in footnote
definitions are left out; span-level ``{::options auto_ids=...}`` is honoured, other inline
options are not.
"""

from __future__ import annotations

import functools
import html.entities
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Heading",
    "HeadingIds",
    "document_heading_ids",
    "heading_id",
    "heading_text",
    "scan_headings",
    "slugify",
    "split_heading",
]

# ---------------------------------------------------------------------------------------------
# Character classes of Ruby 3.1 / Onigmo (Unicode 13). Ruby's \w, \s, \d are ASCII only.

# \p{Word} = Alphabetic | Mark | Decimal_Number | Connector_Punctuation. Alphabetic adds to the
# letters (and Nl) a few symbols with Other_Alphabetic: the circled/squared Latin letters.
_EXTRA_WORD = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _is_word(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch == "_"
    cat = unicodedata.category(ch)
    if cat[0] in "LM" or cat in ("Nd", "Nl", "Pc"):
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _EXTRA_WORD)


def _is_alpha(ch: str) -> bool:  # [[:alpha:]]
    if not ch:
        return False
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat in ("Nl", "Mn", "Mc") or (_is_word(ch) and cat == "So")


def _is_alnum(ch: str) -> bool:  # [[:alnum:]]
    return bool(ch) and (_is_alpha(ch) or unicodedata.category(ch) == "Nd")


_WS = " \t\n\r\f\v"  # Ruby \s


def slugify(raw_text: str) -> str:
    """Step 2 of the GFM id: the id of an already flattened heading text (no counter)."""
    out = []
    for ch in raw_text:
        low = ch.lower()  # per character, as Ruby's String#downcase (no final sigma)
        for c in low:
            if c == " " or c == "\t":
                out.append("-")
            elif c == "-" or _is_word(c):
                out.append(c)
    return "".join(out)


def _converter_slug(raw_text: str) -> str:
    """kramdown's HTML-converter id (``basic_generate_id``), used for headings in HTML blocks."""
    s = re.sub(r"^[^a-zA-Z]+", "", raw_text, flags=re.M)
    s = re.sub(r"[^a-zA-Z0-9 \-]", "", s)
    return s.replace(" ", "-").lower()


# ---------------------------------------------------------------------------------------------
# Entities: kramdown knows the HTML 4 names plus apos and vellip; an unknown name stays text.

_ENTITIES = dict(html.entities.name2codepoint)
_ENTITIES.update(
    {
        "apos": 0x27,
        "vellip": 0x22EE,
        "lceil": 0x2309,
        "rceil": 0x2308,
        "lang": 0x232A,
        "rang": 0x2329,
    }
)

# ---------------------------------------------------------------------------------------------
# Span-level regexps, transcribed from kramdown 2.4 / kramdown-parser-gfm 1.1.

_A = re.ASCII
_UNAME = r"(?:[^\W\d][-\w.]*:)?[^\W\d][-\w.]*"
_ALD_ID_NAME = r"\w[\w-]*"
_ALD_ANY_CHARS = r"(?:\\\}|[^\}])"

_EMPHASIS_START = re.compile(r"(?:\*\*?|__?)")
_CODESPAN_DELIMITER = re.compile(r"`+")
_AUTOLINK_START = re.compile(
    r"<((mailto|https?|ftps?):.+?|[\w\-_.]+?@[\w\-_.]+?)>"
)  # [[:alnum:]] ~ unicode \w here
_HTML_SPAN_START = re.compile(r"<(" + _UNAME + r"|!--|/)")
_HTML_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
_HTML_TAG_RE = re.compile(
    r"<((?>" + _UNAME + r"))\s*((?>\s+" + _UNAME + r"(?:\s*=\s*(?:\w+|(\"|').*?\3))?)*)\s*(/)?>",
    re.S,
)
_HTML_TAG_CLOSE_RE = re.compile(r"</(" + _UNAME + r")\s*>", re.S)
_HTML_ATTR_RE = re.compile(r"\s*(" + _UNAME + r")(?:\s*=\s*(?:(\w+)|(\"|')(.*?)\3))?", re.S)
_FOOTNOTE_MARKER_START = re.compile(r"\[\^(" + _ALD_ID_NAME + r")\]", _A)
_LINK_START = re.compile(r"!?\[(?=[^^])")
_LINK_BRACKET_STOP_RE = re.compile(r"(\])|!?\[")
_LINK_PAREN_STOP_RE = re.compile(r"(\()|(\))|\s(?=['\"])", _A)
_LINK_INLINE_ID_RE = re.compile(r"\s*?\[([^\]]+)?\]", _A)
_LINK_INLINE_TITLE_RE = re.compile(r"\s*?([\"'])(.+?)\1\s*?\)", re.S | _A)
_ESCAPED_CHARS = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'\$=-])")
_SMART_QUOTES_RE = re.compile(r"[^\\]?[\"']")
_INLINE_MATH_START = re.compile(r"\$\$(.*?)\$\$", re.S)
_SPAN_EXT_START = re.compile(r"\{:")
_EXT_START_STR = r"\{::(\w+)(?:\s(" + _ALD_ANY_CHARS + r"*?)|)(/)?\}"
_EXT_STOP_STR = r"\{:/(%s)?\}"
_EXT_SPAN_START = re.compile(_EXT_START_STR + "|" + _EXT_STOP_STR % _ALD_ID_NAME, _A)
_IAL_SPAN_START = re.compile(r"\{:(" + _ALD_ANY_CHARS + r"+)\}")
_HTML_ENTITY_RE = re.compile(r"&([\w:][\-\w.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);", _A)
_TYPO_SYMS = [
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("...", "\u2026"),
    ("\\<<", "<<"),
    ("\\>>", ">>"),
    ("<< ", "\u00ab\u00a0"),
    (" >>", "\u00a0\u00bb"),
    ("<<", "\u00ab"),
    (">>", "\u00bb"),
]
_TYPO_RE = re.compile("|".join(re.escape(k) for k, _ in _TYPO_SYMS))
_TYPO_SUBST = dict(_TYPO_SYMS)
_ESCAPED_CHARS_GFM = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'\$=\-~])")
_STRIKE_MATCH = re.compile(r"~~(?!\s|~).*?[^\s~]~~", re.S | _A)

_SQ_PUNCT = r"""[!"#\$%'()*+,\-./:;<=>?@\[\\\]\^_`{|}~]"""
_SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
_SQ_RULES: list[
    tuple[re.Pattern[str], list[int | str]]
] = [  # (regex, [group numbers to emit as text or quote markers])
    (re.compile(r"(\"|')(?=[_*]{1,2}\S)", _A), ["q1"]),
    (re.compile(r"(\"|')(?=" + _SQ_PUNCT + r"(?!\.\.)\B)", _A), ["q1"]),
    (re.compile(r"(\s?)\"'(?=\w)", _A), [1, "q", "q"]),
    (re.compile(r"(\s?)'\"(?=\w)", _A), [1, "q", "q"]),
    (re.compile(r"(\s?)'(?=\d\ds)", _A), [1, "q"]),
    (re.compile(r"(\s)('|\")(?=\w)", _A), [1, "q"]),
    (re.compile(r"(" + _SQ_CLOSE + r")('|\")", _A), [1, "q"]),
    (re.compile(r"(\"|')(?=\s|s\b|$)", _A | re.M), ["q1"]),
    (re.compile(r"(.?)'", re.S), [1, "q"]),
    (re.compile(r"(.?)\"", re.S), [1, "q"]),
]

# span parser name -> (start regexp checked at the position, span-start source for scanning)
_PARSERS = {
    "emphasis": (_EMPHASIS_START, r"\*|_"),
    "codespan": (_CODESPAN_DELIMITER, r"`"),
    "autolink": (_AUTOLINK_START, r"<"),
    "span_html": (_HTML_SPAN_START, r"<"),
    "footnote_marker": (_FOOTNOTE_MARKER_START, r"\["),
    "link": (_LINK_START, r"!?\["),
    "smart_quotes": (_SMART_QUOTES_RE, r"[^\\]?[\"']"),
    "inline_math": (_INLINE_MATH_START, r"\$"),
    "span_extensions": (_SPAN_EXT_START, r"\{:"),
    "html_entity": (_HTML_ENTITY_RE, r"&"),
    "typographic_syms": (_TYPO_RE, r"--|\.\.\.|(?:\\| )?(?:<<|>>)"),
    "escaped_chars_gfm": (_ESCAPED_CHARS_GFM, r"\\"),
    "strikethrough_gfm": (_STRIKE_MATCH, r"~~"),
}
_ALL_PARSERS = tuple(_PARSERS)  # kramdown's order (line_break cannot occur in a heading)
_START_CACHE: dict[Any, Any] = {}


def _start_source(parsers: Iterable[str]) -> str:
    return "|".join(_PARSERS[name][1] for name in parsers)


def _used_re(parsers: tuple[str, ...], stop_re: re.Pattern[str] | None) -> re.Pattern[str]:
    key = (
        parsers,
        stop_re.pattern if stop_re is not None else None,
        stop_re.flags if stop_re is not None else 0,
    )
    pat = _START_CACHE.get(key)
    if pat is None:
        alts = _start_source(parsers)
        if stop_re is not None:
            alts = "(?:%s)|(?:%s)" % (_inline_flags(stop_re), alts)
        pat = _START_CACHE[key] = re.compile("(?=%s)" % alts)
    return pat


def _inline_flags(rx: re.Pattern[str]) -> str:
    return "(?i:%s)" % rx.pattern if rx.flags & re.I else rx.pattern


# HTML knowledge of kramdown's HTML parser.
_CM_BLOCK = set(
    [
        "address",
        "applet",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "figcaption",
        "footer",
        "form",
        "header",
        "hgroup",
        "iframe",
        "li",
        "main",
        "map",
        "menu",
        "nav",
        "noscript",
        "object",
        "section",
        "summary",
        "td",
    ]
)
_CM_SPAN = set(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdo",
        "big",
        "button",
        "cite",
        "caption",
        "del",
        "dfn",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "i",
        "ins",
        "label",
        "legend",
        "optgroup",
        "p",
        "q",
        "rb",
        "rbc",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "th",
        "tt",
    ]
)
_CM_RAW = set(
    ["script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var"]
)
_SPAN_ELEMENTS = set(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "big",
        "bdo",
        "br",
        "button",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "option",
        "q",
        "rb",
        "rbc",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "samp",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
    ]
)
_BLOCK_ELEMENTS = set(
    [
        "address",
        "article",
        "aside",
        "applet",
        "body",
        "blockquote",
        "caption",
        "col",
        "colgroup",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "head",
        "iframe",
        "legend",
        "menu",
        "li",
        "main",
        "map",
        "nav",
        "ol",
        "optgroup",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_NO_BODY = set(
    [
        "area",
        "base",
        "br",
        "col",
        "command",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_KNOWN_ELEMENTS = _SPAN_ELEMENTS | _BLOCK_ELEMENTS | _NO_BODY | _CM_BLOCK | _CM_SPAN | _CM_RAW


def _content_model(tag: str) -> str:
    if tag in _CM_BLOCK:
        return "block"
    if tag in _CM_SPAN:
        return "span"
    return "raw"


class _El:
    __slots__ = ("children", "raw", "type", "value")

    def __init__(self, type_: str, value: Any = None, raw: bool = False) -> None:
        self.type = type_
        self.value = value
        self.children: list[Any] = []
        self.raw = raw  # content_model == :raw (span HTML)


_NEVER = re.compile(r"(?!)")


def _must(m: re.Match[str] | None) -> re.Match[str]:
    """A match the grammar guarantees (kramdown indexes @src without a check)."""
    assert m is not None
    return m


_NO_TREE = _El("none")  # no current element (kramdown's nil @tree)
_EMPTY = re.compile("").match("")
assert _EMPTY is not None
_NO_MATCH: re.Match[str] = _EMPTY  # before the first match


class _SpanParser:
    """A transcription of kramdown's span parser, reduced to what reaches a heading's id."""

    def __init__(
        self, src: str, link_refs: frozenset[str] | None, footnotes: set[str] | None
    ) -> None:
        self.src = src
        self.pos = 0
        self.tree: _El = _NO_TREE
        self.stack: list[Any] = []
        self.link_refs = link_refs
        self.footnotes = footnotes
        self.m: re.Match[str] = _NO_MATCH  # the last start/stop match (Ruby's @src[n])

    # -- helpers -----------------------------------------------------------------------------
    def add_text(self, text: str, tree: _El | None = None) -> None:
        if not text:
            return
        tree = tree if tree is not None else self.tree
        if tree.children and tree.children[-1].type == "text":
            tree.children[-1].value += text
        else:
            tree.children.append(_El("text", text))

    def getch(self) -> str:
        ch = self.src[self.pos : self.pos + 1]
        self.pos += len(ch)
        return ch

    def parse_spans(
        self,
        el: _El,
        stop_re: re.Pattern[str] | None = None,
        parsers: Iterable[str] | None = None,
        block: Callable[[], bool] | None = None,
    ) -> bool:
        if self.tree is not _NO_TREE:
            self.stack.append(self.tree)
        self.tree = el
        parsers = tuple(parsers) if parsers else _ALL_PARSERS
        used_re = _used_re(parsers, stop_re)
        src = self.src
        found = False
        while self.pos < len(src) and not found:
            m = used_re.search(src, self.pos)
            if m is None:
                if stop_re is None:
                    self.add_text(src[self.pos :])
                    self.pos = len(src)
                break
            self.add_text(src[self.pos : m.start()])
            self.pos = m.start()
            if stop_re is not None:
                sm = stop_re.match(src, self.pos)
                if sm:
                    self.m = sm
                    found = block() if block else True
            if found:
                break
            for name in parsers:
                pm = _PARSERS[name][0].match(src, self.pos)
                if pm:
                    self.m = pm
                    getattr(self, "_p_" + name)()
                    break
            else:
                self.add_text(self.getch())
        self.tree = self.stack.pop() if self.stack else _NO_TREE
        return found

    def _in_stack(self, pred: Callable[[_El], bool]) -> bool:
        return any(t is not None and pred(t) for t in self.stack)

    # -- span parsers ------------------------------------------------------------------------
    def _p_emphasis(self) -> None:
        src = self.src
        saved = self.pos
        result = self.m.group()
        self.pos += len(result)
        element = "strong" if len(result) == 2 else "em"
        typ = result[0]
        pre = src[:saved]
        alpha_before = bool(pre) and (
            _is_alpha(pre[-1]) or (pre[-1] == "-" and len(pre) > 1 and _is_alpha(pre[-2]))
        )
        if (
            (typ == "_" and alpha_before)
            or (src[self.pos : self.pos + 1] in tuple(_WS) and self.pos < len(src))
            or self.tree.type == element
            or self._in_stack(lambda t: t.type == element)
        ):
            self.add_text(result)
            return

        def sub_parse(delim: str, elem: str) -> tuple[bool, _El, re.Pattern[str]]:
            el = _El(elem)
            stop_re = re.compile(re.escape(delim))
            double = re.compile(re.escape(delim * 2) + "(?!" + re.escape(delim) + ")")

            def block() -> bool:
                prev = src[self.pos - 1 : self.pos]
                return (
                    (not prev or prev not in _WS)
                    and (elem != "em" or not double.match(src, self.pos))
                    and (
                        typ != "_"
                        or not (
                            src.startswith(delim, self.pos)
                            and _is_alnum(src[self.pos + len(delim) : self.pos + len(delim) + 1])
                        )
                    )
                    and bool(el.children)
                )

            return self.parse_spans(el, stop_re, block=block), el, stop_re

        found, el, stop_re = sub_parse(result, element)
        if not found and element == "strong" and self.tree.type != "em":
            self.pos = saved + 1
            found, el, stop_re = sub_parse(typ, "em")
        if found:
            self.pos = _must(stop_re.match(src, self.pos)).end()
            self.tree.children.append(el)
        else:
            self.pos = saved + len(result)
            self.add_text(result)

    def _p_codespan(self) -> None:
        src = self.src
        start = self.pos
        result = self.m.group()
        self.pos += len(result)
        simple = len(result) == 1
        pre = src[:start]
        if (
            simple
            and (pre == "" or pre[-1] in _WS)
            and src[self.pos : self.pos + 1] in tuple(_WS)
            and self.pos < len(src)
        ):
            self.add_text(result)
            return
        end = src.find(result, self.pos)
        if end < 0:
            self.add_text(result)  # the scanner is reverted to just after the backticks
            return
        text = src[self.pos : end]
        self.pos = end + len(result)
        if not simple:
            if text[:1] == " ":
                text = text[1:]
            if text[-1:] == " ":
                text = text[:-1]
        self.tree.children.append(_El("codespan", text))

    def _p_autolink(self) -> None:
        m = self.m
        self.pos = m.end()
        el = _El("a")
        self.add_text(re.sub(r"^mailto:", "", m.group(1)), el)
        self.tree.children.append(el)

    def _p_span_html(self) -> None:
        src = self.src
        m = _HTML_COMMENT_RE.match(src, self.pos)
        if m:
            self.pos = m.end()
            self.tree.children.append(_El("xml_comment", m.group()))
            return
        m = _HTML_TAG_CLOSE_RE.match(src, self.pos)
        if m:
            self.pos = m.end()
            self.add_text(m.group())
            return
        m = _HTML_TAG_RE.match(src, self.pos)
        if not m:
            self.add_text(self.getch())
            return
        self.pos = m.end()
        tag = m.group(1)
        if tag.lower() in _KNOWN_ELEMENTS:
            tag = tag.lower()
        if tag in _BLOCK_ELEMENTS:
            self.add_text(m.group())
            return
        attrs = {
            a.group(1): (a.group(2) or a.group(4) or "")
            for a in _HTML_ATTR_RE.finditer(m.group(2) or "")
        }
        do_parsing = not (_content_model(tag) == "raw" or self.tree.raw)
        md = attrs.get("markdown")
        if md == "span":
            do_parsing = True
        elif md == "1":
            do_parsing = _content_model(tag) != "raw"
        elif md == "0":
            do_parsing = False
        el = _El("html_element", tag, raw=not do_parsing)
        self.tree.children.append(el)
        stop_re = re.compile(
            r"</" + re.escape(tag) + r"\s*>", re.I if tag in _KNOWN_ELEMENTS else 0
        )
        if not m.group(4) and tag not in _NO_BODY:
            if self.parse_spans(el, stop_re, None if do_parsing else ("span_html",)):
                self.pos = _must(stop_re.match(src, self.pos)).end()
            else:
                self.add_text(src[self.pos :], el)
                self.pos = len(src)

    def _p_footnote_marker(self) -> None:
        m = self.m
        self.pos = m.end()
        if self.footnotes is None or m.group(1) in self.footnotes:
            self.tree.children.append(_El("footnote", m.group(1)))
        else:
            self.add_text(m.group())

    def _ref_defined(self, link_id: str) -> bool:
        return self.link_refs is None or link_id in self.link_refs

    def _p_link(self) -> None:
        src = self.src
        saved = self.pos
        result = self.m.group()
        self.pos += len(result)
        cur_pos = self.pos
        link_type = "img" if result.startswith("!") else "a"
        if link_type == "a" and (
            self.tree.type in ("img", "a") or self._in_stack(lambda t: t.type in ("img", "a"))
        ):
            self.add_text(result)
            return
        el = _El(link_type)
        count = [1]

        def block() -> bool:
            count[0] += -1 if self.m.group(1) else 1
            return count[0] - sum(1 for c in el.children if c.type == "img") == 0

        if not self.parse_spans(el, _LINK_BRACKET_STOP_RE, block=block):
            self.pos = saved
            self.add_text(result)
            self.pos = saved + len(result)
            return
        alt_text = _ESCAPED_CHARS.sub(r"\1", src[cur_pos : self.pos])
        self.pos = _must(_LINK_BRACKET_STOP_RE.match(src, self.pos)).end()

        m = _LINK_INLINE_ID_RE.match(src, self.pos)
        if m or not src.startswith("(", self.pos):
            if m:
                self.pos = m.end()
            link_id = _normalize_link_id((m.group(1) if m else None) or alt_text)
            if self._ref_defined(link_id):
                self._add_link(el)
            else:
                self.pos = saved
                self.add_text(result)
                self.pos = saved + len(result)
            return

        m = re.compile(r"\(<(.*?)>").match(src, self.pos)
        if m:
            self.pos = m.end()
            if src.startswith(")", self.pos):
                self.pos += 1
                self._add_link(el)
                return
        else:
            brackets = 0
            while True:
                pm = _LINK_PAREN_STOP_RE.search(src, self.pos)
                if pm is None:
                    break
                self.pos = pm.end()
                if pm.group(2):
                    brackets -= 1
                    if brackets == 0:
                        break
                elif pm.group(1):
                    brackets += 1
                else:
                    break
            if brackets == 0:
                self._add_link(el)
                return
        m = _LINK_INLINE_TITLE_RE.match(src, self.pos)
        if m:
            self.pos = m.end()
            self._add_link(el)
        else:
            self.pos = saved
            self.add_text(result)
            self.pos = saved + len(result)

    def _add_link(self, el: _El) -> None:
        if el.type == "img":
            el.children.clear()
        self.tree.children.append(el)

    def _p_smart_quotes(self) -> None:
        m: re.Match[str] | None = None
        substs: list[int | str] = []
        for rx, substs in _SQ_RULES:  # noqa: B007 (used after the loop)
            m = rx.match(self.src, self.pos)
            if m:
                break
        m = _must(m)
        self.pos = m.end()
        for s in substs:
            if isinstance(s, int):
                self.add_text(m.group(s) or "")
            else:  # the typographic quote: never a word character, so any quote does
                self.tree.children.append(_El("smart_quote", "\u2019"))

    def _p_inline_math(self) -> None:
        self.pos = self.m.end()
        self.tree.children.append(_El("math", self.m.group(1).strip()))

    def _p_span_extensions(self) -> None:
        src = self.src
        m = _EXT_SPAN_START.match(src, self.pos)
        if m:
            saved = self.pos
            self.pos = m.end()

            def error() -> None:
                self.pos = saved
                self.add_text(self.getch())

            if m.group(4) or m.group() == "{:/}":
                return error()
            ext = m.group(1)
            if not m.group(3):
                stop = re.compile(_EXT_STOP_STR % re.escape(ext))
                sm = stop.search(src, self.pos)
                if sm is None:
                    return error()
                self.pos = sm.end()
            if ext not in ("comment", "nomarkdown", "options"):
                return error()
            self.tree.children.append(_El("extension", (ext, m.group(2) or "")))  # no text
            return
        m = _IAL_SPAN_START.match(src, self.pos)
        if m:
            last = self.tree.children[-1] if self.tree.children else None
            if last is not None and last.type != "text":
                self.pos = m.end()
                return
        self.add_text(self.getch())

    def _p_html_entity(self) -> None:
        m = self.m
        self.pos = m.end()
        if m.group(1) is not None:
            cp = _ENTITIES.get(m.group(1))
            if cp is None:
                self.tree.children.append(_El("entity", "&"))
                self.add_text(m.group()[1:])
                return
        else:
            cp = int(m.group(2)) if m.group(2) is not None else int(m.group(3), 16)
        try:
            ch = chr(cp)
        except (ValueError, OverflowError):
            ch = ""
        self.tree.children.append(_El("entity", ch))

    def _p_typographic_syms(self) -> None:
        self.pos = self.m.end()
        self.tree.children.append(_El("typographic_sym", _TYPO_SUBST[self.m.group()]))

    def _p_escaped_chars_gfm(self) -> None:
        self.pos = self.m.end()
        self.add_text(self.m.group(1))

    def _p_strikethrough_gfm(self) -> None:
        matched = self.m.group()
        self.pos = self.m.end()
        el = _El("html_element", "del")
        self.tree.children.append(el)
        sub = _SpanParser(matched[2:-2], self.link_refs, self.footnotes)
        sub.parse_spans(el)


def _normalize_link_id(link_id: str) -> str:
    return re.sub(r"\s+", " ", link_id, flags=re.ASCII).lower()


def _raw_text(el: _El, out: list[Any]) -> None:
    for child in el.children:
        if child.type in ("text", "codespan", "math", "entity", "smart_quote", "typographic_sym"):
            out.append(child.value)
        else:
            _raw_text(child, out)


# ---------------------------------------------------------------------------------------------
# Heading level: explicit ids and trailing hashes.

_NAME_START = (
    "[:A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
_NAME_CHAR = _NAME_START + "\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
_HEADER_ID = re.compile(r"[\t ]\{#(" + _NAME_START + "]" + _NAME_CHAR + r"]*)\}\Z")
_RSTRIP = " \t\n\v\f\r\0"  # Ruby's String#rstrip


def split_heading(text: str, atx: bool = True) -> tuple[str, str | None]:
    """Split a heading's source text (what follows the ``#``s and their blank, or a setext
    heading's line) into (text, explicit id or None), dropping an ATX heading's closing
    ``#``s the way kramdown's GFM parser does: the id ``{#id}`` must end the line (so
    ``# A {#x} #`` has no explicit id), and the closing ``#``s need a blank before them."""
    text = text.strip(" \t") if atx else text.lstrip(" ").rstrip(_RSTRIP)
    text = text.rstrip(_RSTRIP)
    explicit = None
    m = _HEADER_ID.search(text)
    if m:
        explicit = m.group(1)
        text = text[: m.start()].rstrip(_RSTRIP)
    if atx:
        new = re.sub(r"[\t ]#+\Z", "", text, count=1)
        if new != text:
            text = new.rstrip(_RSTRIP)
    return text, explicit


def heading_text(
    text: str, link_refs: Iterable[str] | None = None, footnotes: Iterable[str] | None = None
) -> str:
    """The raw text kramdown derives a heading's id from (``text`` is already split: no
    ``#``s, no ``{#id}``)."""
    return _heading_text(text, _ref_set(link_refs), None if footnotes is None else set(footnotes))


def _ref_set(link_refs: Iterable[str] | None) -> frozenset[Any] | None:
    if link_refs is None or isinstance(link_refs, frozenset):
        return link_refs
    return frozenset(_normalize_link_id(r) for r in link_refs)


def _heading_text(text: str, refs: frozenset[Any] | None, notes: set[Any] | None) -> str:
    parser = _SpanParser(text, refs, notes)
    root = _El("raw_text")
    parser.parse_spans(root)
    out: list[Any] = []
    _raw_text(root, out)
    return "".join(out)


def heading_id(
    text: str,
    link_refs: Iterable[str] | None = None,
    footnotes: Iterable[str] | None = None,
    atx: bool = True,
) -> str:
    """The id kramdown (GFM) gives the first heading with Markdown source ``text`` (the text
    after the ``#``s). An explicit ``{#id}`` wins. ``""`` means: no id attribute at all."""
    body, explicit = split_heading(text, atx=atx)
    if explicit is not None:
        return explicit
    return slugify(heading_text(body, link_refs, footnotes))


class HeadingIds:
    """Ids for the headings of one document, in document order, with kramdown's numbering."""

    def __init__(
        self,
        link_refs: Iterable[str] | None = None,
        footnotes: Iterable[str] | None = None,
        auto_ids: bool = True,
    ):
        self.auto_ids = auto_ids  # False: only explicit ids (kramdown option auto_ids)
        self.link_refs = _ref_set(link_refs)  # normalized ids, or None: all defined
        self.footnotes = None if footnotes is None else set(footnotes)
        self._counter: dict[str, int] = {}
        self._converter_used: dict[str, int] = {}
        self.ids: list[str] = []

    def add(
        self, text: str, explicit_id: str | None = None, atx: bool = True, in_html: bool = False
    ) -> str:
        """Assign the id of the next heading. ``text`` is the heading's source text (after
        the ``#``s); ``explicit_id`` an id from a block IAL (it wins over ``{#id}``);
        ``in_html`` for a heading inside ``<div markdown="1">`` and the like. Returns ``""``
        for a heading that kramdown leaves without an id."""
        body, inline_id = split_heading(text, atx=atx)
        explicit = explicit_id if explicit_id is not None else inline_id
        if explicit is not None:
            result = explicit
        elif not self.auto_ids:
            result = ""
        elif in_html:
            result = self._converter_id(_heading_text(body, self.link_refs, self.footnotes))
        else:
            base = slugify(_heading_text(body, self.link_refs, self.footnotes))
            n = self._counter.get(base, -1) + 1
            self._counter[base] = n
            result = base if n == 0 else f"{base}-{n}"
        self.ids.append(result)
        return result

    def _converter_id(self, raw: str) -> str:
        gen = _converter_slug(raw) or "section"
        if gen in self._converter_used:
            self._converter_used[gen] += 1
            return f"{gen}-{self._converter_used[gen]}"
        self._converter_used[gen] = 0
        return gen

    def __contains__(self, anchor: str) -> bool:
        return anchor in self.ids


# ---------------------------------------------------------------------------------------------
# Block level: which lines of a document kramdown's GFM parser makes headings. A transcription
# of kramdown's block parsers (in its order: blank line, indented code, fenced code, block
# quote, ATX header, rule, list, definition list, block HTML, setext header, block math, table,
# footnote / link / abbreviation definitions, extensions and IALs, end-of-block marker,
# paragraph), keeping only what decides where headings are and which ids they get.
# Known simplifications: footnote definitions and definition-list contents are scanned for
# structure but their headings are reported like any other (kramdown's converter numbers
# those separately); the table parser does not look inside code spans.


@dataclass(frozen=True)
class Heading:
    line: int  # 1-based line of the heading (its text line for setext headings)
    level: int
    source: str  # the heading's source text: after the #s, or the setext text line
    atx: bool
    ial_id: str | None = None  # the id given by block IALs ({: #id}), which wins
    in_html: bool = False  # inside block HTML with markdown="1": ids from kramdown's converter


_OPT_SPACE = r" {0,3}"
_SPAN_NAMES = sorted(_SPAN_ELEMENTS | {"script"})
_LAZY_END_HTML_START = r"<(?>(?!(?:" + "|".join(_SPAN_NAMES) + r")\b)" + _UNAME + r")"
_LAZY_END_HTML_STOP = r"</(?!(?:" + "|".join(_SPAN_NAMES) + r")\b)" + _UNAME + r"\s*>"
# kramdown's BLANK_LINE is /(?:^\s*\n)+/; "^\s*\n" matches the same strings
# (\s takes newlines), and without the nested repetition it cannot backtrack
# exponentially over a run of blank lines (issue 10).
_B_BLANK = r"(?:^\s*\n)"
_B_IAL_BLOCK = r"\{:(?!:|/)(" + _ALD_ANY_CHARS + r"+)\}\s*?\n"
_B_IAL_BLOCK_START = r"^" + _OPT_SPACE + _B_IAL_BLOCK
_B_EOB = r"^\^\s*?\n"
_B_LAZY_END = (
    _B_BLANK
    + "|"
    + _B_IAL_BLOCK_START
    + "|"
    + _B_EOB
    + "|^"
    + _OPT_SPACE
    + _LAZY_END_HTML_STOP
    + "|^"
    + _OPT_SPACE
    + _LAZY_END_HTML_START
    + r"|\Z"
)
_B_PATTERN_TAIL = r"[\t| ].*?\n"
_B_LIST_START_UL = r"^(" + _OPT_SPACE + r"[+*-])(" + _B_PATTERN_TAIL + ")"
_B_LIST_START_OL = r"^(" + _OPT_SPACE + r"\d+\.)(" + _B_PATTERN_TAIL + ")"
_B_LIST_START = _B_LIST_START_UL + "|" + _B_LIST_START_OL
_B_DL_START = r"^(" + _OPT_SPACE + r":)(" + _B_PATTERN_TAIL + ")"
_B_ATX = r"^(#{1,6})[\t ]+(.*)\n"
_B_FENCE_START = r"^[ ]{0,3}[~`]{3,}"
_B_QUOTE_START = r"^" + _OPT_SPACE + r"> ?"
_B_INDENT = r"^(?:\t| {4})"


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, re.M | re.A | flags)


def _src(pattern: str, flags: int = 0) -> tuple[str, int]:
    return pattern, re.M | re.A | flags


_R_SRC: dict[str, tuple[str, int]] = {
    "blank": _src(_B_BLANK),
    "codeblock_start": _src(_B_INDENT),
    "codeblock": _src(
        r"(?:(?:"
        + _B_BLANK
        + r")?(?:"
        + _B_INDENT
        + r"[ \t]*\S.*\n)+(?:(?!"
        + _B_IAL_BLOCK_START
        + "|"
        + _B_EOB
        + "|^"
        + _OPT_SPACE
        + _LAZY_END_HTML_STOP
        + "|^"
        + _OPT_SPACE
        + _LAZY_END_HTML_START
        + r")^[ \t]*\S.*\n)*)*"
    ),
    "fence_start": _src(_B_FENCE_START),
    "fence": _src(
        r"^[ ]{0,3}(([~`]){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^[ ]{0,3}\1\2*\s*?\n", re.S
    ),
    "quote_start": _src(_B_QUOTE_START),
    "line": _src(r"^.*?\n"),
    "lazy_end": _src(_B_LAZY_END),
    "atx": _src(_B_ATX),
    "hr": _src(r"^" + _OPT_SPACE + r"(\*|-|_)[ \t]*\1[ \t]*\1(\1|[ \t])*\n"),
    "list_ul": _src(_B_LIST_START_UL),
    "list_ol": _src(_B_LIST_START_OL),
    "list_start": _src(_B_LIST_START),
    "dl_start": _src(_B_DL_START),
    "eob": _src(_B_EOB),
    "html_start": _src(r"^" + _OPT_SPACE + r"<(" + _UNAME + r"|!--|/)"),
    "html_comment": _src(r"<!--(.*?)-->", re.S),
    "html_instruction": _src(r"<\?(.*?)\?>", re.S),
    "html_tag_line": _src(r"^" + _OPT_SPACE + _HTML_TAG_RE.pattern, re.S),
    "html_close_line": _src(r"^" + _OPT_SPACE + _HTML_TAG_CLOSE_RE.pattern, re.S),
    "html_tag": _src(_HTML_TAG_RE.pattern, re.S),
    "html_close": _src(_HTML_TAG_CLOSE_RE.pattern, re.S),
    "html_raw_start": _src(r"(?=<(" + _UNAME + r"|/|!--|\?))"),
    "trailing_ws": _src(r"[ \t]*\n"),
    "setext": _src(r"^" + _OPT_SPACE + r"([^ \t].*)\n([-=])[-=]*[ \t\r\f\v]*\n"),
    "math": _src(r"^" + _OPT_SPACE + r"(\\)?\$\$(.*?)\$\$(\s*?\n)?", re.S),
    "block_boundary": _src(_B_BLANK + "|" + _B_EOB + "|" + _B_IAL_BLOCK_START + r"|\Z"),
    "table_start": _src(r"^" + _OPT_SPACE + r"(?=\S)(?:\||.*?[^\\\n]\|).*?\n"),
    "table_line": _src(r"(?:\||.*?[^\\\n]\|).*?\n"),
    "footnote_def": _src(
        r"^"
        + _OPT_SPACE
        + r"\[\^("
        + _ALD_ID_NAME
        + r")\]:\s*?(.*?\n(?:(?:"
        + _B_BLANK
        + r")?(?:"
        + _B_INDENT
        + r"[ \t]*\S.*\n)+(?:(?!"
        + _B_IAL_BLOCK_START
        + "|"
        + _B_EOB
        + "|^"
        + _OPT_SPACE
        + _LAZY_END_HTML_STOP
        + "|^"
        + _OPT_SPACE
        + _LAZY_END_HTML_START
        + r")^[ \t]*\S.*\n)*)*)"
    ),
    "link_def": _src(
        r"^" + _OPT_SPACE + r"\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
        r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n"
    ),
    "abbrev_def": _src(r"^" + _OPT_SPACE + r"\*\[(.+?)\]:(.*?)\n"),
    "ald": _src(
        r"^" + _OPT_SPACE + r"\{:(" + _ALD_ID_NAME + r"):(" + _ALD_ANY_CHARS + r"+)\}\s*?\n"
    ),
    "ext_block": _src(
        r"^"
        + _OPT_SPACE
        + r"(?:"
        + _EXT_START_STR
        + "|"
        + _EXT_STOP_STR % _ALD_ID_NAME
        + r")\s*?\n"
    ),
    "ial_block": _src(_B_IAL_BLOCK_START),
    "paragraph_start": _src(r"^" + _OPT_SPACE + r"[^ \t].*?\n"),
    "paragraph_end": _src(
        _B_LAZY_END
        + "|"
        + _B_LIST_START
        + "|"
        + _B_ATX
        + "|"
        + _B_DL_START
        + "|"
        + _B_QUOTE_START
        + "|"
        + _B_FENCE_START
    ),
    "list_item_ial": _src(
        r"^\s*(?:\{:(?!(?:" + _ALD_ID_NAME + r")?:|/)(" + _ALD_ANY_CHARS + r"+)\})\s*"
    ),
}
_R_SRC["list_item_ial_check"] = _src(r"^(?:" + _R_SRC["list_item_ial"][0][1:] + r")?\s*\n")


class _Compiled(dict):  # type: ignore[type-arg]
    """The block patterns, each compiled on its first use: a run that never
    computes heading ids compiles none of them."""

    def __missing__(self, name: str) -> re.Pattern[str]:
        pattern, flags = _R_SRC[name]
        compiled = self[name] = re.compile(pattern, flags)
        return compiled


_R: dict[str, re.Pattern[str]] = _Compiled()
_ALD_TYPE_ANY = _rx(
    r"(?:\A|\s)(?:("
    + _ALD_ID_NAME
    + r")=(\"|')((?:\\\}|\\\2|[^\}\2])*?)\2|("
    + _ALD_ID_NAME
    + r")|((?:#[A-Za-z][\w:-]*|\.-?[_a-zA-Z][\w-]*)+))(?=\s|\Z)"
)


def _parse_attribute_list(text: str) -> dict[Any, Any]:
    """kramdown's parse_attribute_list, reduced to the id and ALD references."""
    attrs: dict[Any, Any] = {}
    if not text.strip() or text.strip() == ":":
        return attrs
    for key, _sep, val, ref, idcls in _ALD_TYPE_ANY.findall(text):
        if ref:
            attrs.setdefault("refs", []).append(ref)
        elif idcls:
            for m in re.finditer(r"#([A-Za-z][\w:-]*)", idcls, re.A):
                attrs["id"] = m.group(1)
        elif key:
            attrs[key] = val
    return attrs


@functools.cache
def _list_line_res(indentation: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """content_re, lazy_re, indent_re of a list item whose content starts at ``indentation``."""
    q, r = divmod(indentation, 4)
    content_re = _rx(r"^(?:(?:\t| {4}){%d} {%d}|(?:\t| {4}){%d}).*\S.*\n" % (q, r, q + 1))
    lazy_re = _rx(
        r"(?!^ {0,%d}(?:%s|%s|%s)).*\S.*\n"
        % (min(indentation, 3), _B_IAL_BLOCK, _LAZY_END_HTML_STOP, _LAZY_END_HTML_START)
    )
    return content_re, lazy_re, _rx(r"^ {%d}" % indentation)


# A line that may close a fence: up to 3 spaces, a run of 3 or more fence
# characters (the first 3 captured), only whitespace after it, a newline.
_CLOSER_LINE_RE = re.compile(r"^[ ]{0,3}([~`]{3})[~`]*[ \t\r\f\v]*\n", re.M)


class _Src:
    """A source string with kramdown's line numbering (``line0`` is the line of offset 0)."""

    def __init__(self, text: str, line0: int):
        self.text = text
        self.pos = 0
        self.line0 = line0
        self._mark = (0, line0)  # a known (offset, line): positions are asked in order
        self._closers: dict[str, int] | None = None  # see may_close

    def line_at(self, pos: int) -> int:
        at, line = self._mark
        if pos >= at:
            line += self.text.count("\n", at, pos)
        else:
            line -= self.text.count("\n", pos, at)
        self._mark = (pos, line)
        return line

    def may_close(self, prefix: str) -> bool:
        """Is there, after the current position, a line that could close a
        fence whose run starts with ``prefix`` (3 characters)? When there is
        none, the fence pattern cannot match, and is not tried: it would scan
        to the end of the text for every unclosed fence."""
        if self._closers is None:
            last: dict[str, int] = {}
            for m in _CLOSER_LINE_RE.finditer(self.text):
                last[m.group(1)] = m.start()
            self._closers = last
        return self._closers.get(prefix, -1) > self.pos

    def rebase(self) -> None:
        """Make the current position offset 0. Ruby's StringScanner (without fixed_anchor)
        lets ``^`` and ``\\A`` match at the scan position even in mid-line, as after a
        closing HTML tag; Python's ``^`` would not."""
        line = self.line_at(self.pos)
        self.text = self.text[self.pos :]
        self.pos = 0
        self.line0 = line
        self._mark = (0, line)
        self._closers = None

    def eos(self) -> bool:
        return self.pos >= len(self.text)

    def match(self, name: str) -> re.Match[str] | None:
        return _R[name].match(self.text, self.pos)


class _Tree:
    """A container being filled: its children's kinds, and the pending block IAL."""

    def __init__(self, html: str | None = None, in_html: bool = False) -> None:
        self.children: list[Any] = []  # [kind, value]: blank/eob/p/header/html/other
        self.html = html  # the tag name when this is a markdown="1" HTML element
        self.in_html = in_html


class _BlockParser:
    def __init__(self) -> None:
        self.headings: list[dict[str, Any]] = []
        self.alds: dict[Any, Any] = {}
        self.block_ial: list[Any] | None = None
        self.link_refs: list[str] = []
        self.footnotes: list[str] = []
        self.auto_ids = True  # {::options auto_ids="false" /} turns automatic ids off
        self.span_auto_ids: bool | None = None  # the same in span text (applied later)
        self.span_texts: list[Any] = []  # [text] of paragraphs, headers, span HTML, in order
        # the block parsers in kramdown's order, looked up once, not once a line
        self._parsers = tuple(getattr(self, "_b_" + name) for name in _BLOCK_ORDER)
        self._text_parsers = tuple(getattr(self, "_b_" + name) for name in _TEXT_LINE_ORDER)

    def span_options(self, text: str) -> None:
        """Span-level ``{::options /}`` in text that kramdown parses as spans."""
        if "{::options" not in text:
            return
        root = _El("raw_text")
        _SpanParser(text, None, None).parse_spans(root)

        def walk(el: _El) -> None:
            for child in el.children:
                if child.type == "extension" and child.value[0] == "options":
                    value = _parse_attribute_list(child.value[1]).get("auto_ids")
                    if value is not None:
                        self.span_auto_ids = value.strip().lower() not in ("", "false", "nil")
                walk(child)

        walk(root)

    def final_auto_ids(self) -> bool:
        for (text,) in self.span_texts:
            self.span_options(text)
        return self.auto_ids if self.span_auto_ids is None else self.span_auto_ids

    # -- kramdown helpers ----------------------------------------------------------------------
    def new_block_el(self, tree: _Tree, kind: str, value: Any = None) -> list[Any]:
        el = [kind, value]
        if self.block_ial is not None:
            if kind == "header":
                self.headings[value]["ials"].extend(self.block_ial)
            self.block_ial = None
        tree.children.append(el)
        return el

    def after_block_boundary(self, tree: _Tree) -> bool:
        last = tree.children[-1] if tree.children else None
        return (
            last is None
            or last[0] == "blank"
            or (last[0] == "eob" and last[1] is None)
            or self.block_ial is not None
        )

    def parse_blocks(self, tree: _Tree, src: _Src) -> bool:
        """Parse blocks until the end of ``src`` (or the close tag of ``tree.html``)."""
        saved_ial = self.block_ial
        self.block_ial = None
        every, text_only = self._parsers, self._text_parsers
        try:
            while src.pos < len(src.text):
                if src.pos and src.text[src.pos - 1] != "\n":
                    src.rebase()
                starts = src.text[src.pos] in _BLOCK_START_CHARS
                for parser in every if starts else text_only:
                    result = parser(tree, src)
                    if result == "stop":
                        return True
                    if result:
                        break
                else:  # cannot happen: the paragraph parser takes any other line
                    src.pos = _must(src.match("line")).end()
            return False
        finally:
            self.block_ial = saved_ial

    # -- block parsers, in kramdown's order ----------------------------------------------------
    def _b_blank_line(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("blank")
        if not m:
            return False
        src.pos = m.end()
        if not (tree.children and tree.children[-1][0] == "blank"):
            self.new_block_el(tree, "blank", m.group())
        else:
            tree.children[-1][1] += m.group()
        return True

    def _b_codeblock(self, tree: _Tree, src: _Src) -> bool:
        if not src.match("codeblock_start"):
            return False
        m = _must(src.match("codeblock"))
        src.pos = m.end()
        self.new_block_el(tree, "other")
        return True

    def _b_codeblock_fenced(self, tree: _Tree, src: _Src) -> bool:
        start = src.match("fence_start")
        if not start or not src.may_close(start.group(0).lstrip(" ")[:3]):
            return False
        m = src.match("fence")
        if not m:
            return False
        src.pos = m.end()
        self.new_block_el(tree, "other")
        return True

    def _b_blockquote(self, tree: _Tree, src: _Src) -> bool:
        if not src.match("quote_start"):
            return False
        start = src.pos
        line = src.line_at(start)
        src.pos = _must(src.match("line")).end()
        while not src.match("lazy_end"):
            src.pos = _must(src.match("line")).end()
        body = _R["quote_start"].sub("", src.text[start : src.pos])
        self.new_block_el(tree, "other")
        self.parse_blocks(_Tree(in_html=tree.in_html), _Src(body, line))
        return True

    def _b_atx_header(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("atx")
        if not m:
            return False
        body, _explicit = split_heading(m.group(2))
        if not body:
            return False
        self._add_header(tree, src, m, len(m.group(1)), m.group(2), True)
        return True

    def _add_header(
        self, tree: _Tree, src: _Src, m: re.Match[str], level: int, source: str, atx: bool
    ) -> None:
        line = src.line_at(src.pos)
        src.pos = m.end()
        self.span_texts.append([source])
        self.headings.append(
            {
                "line": line,
                "level": level,
                "source": source,
                "atx": atx,
                "ials": [],
                "in_html": tree.in_html,
            }
        )
        self.new_block_el(tree, "header", len(self.headings) - 1)

    def _b_horizontal_rule(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("hr")
        if not m:
            return False
        src.pos = m.end()
        self.new_block_el(tree, "other")
        return True

    def _first_list_line(
        self, indentation: int, content: str
    ) -> tuple[str, int, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        if _R["list_item_ial_check"].match(content):
            indentation = 4
        else:
            while re.match(r"^ *\t", content):
                temp = len(_must(re.match(r"^ *", content)).group()) + indentation

                def expand(mm: re.Match[str], temp: int = temp) -> str:
                    return mm.group(1) + " " * (4 - (temp % 4) + (len(mm.group(2)) - 1) * 4)

                content = re.sub(
                    r"^( *)(\t+)",
                    expand,
                    content,
                    count=1,
                )
            indentation += len(_must(re.match(r"^ *", content)).group())
        content = re.sub(r"^\s*", "", content, count=1, flags=re.A)
        return (content, indentation) + _list_line_res(indentation)

    @staticmethod
    @functools.cache
    def _fetch_pattern(kind: str, indentation: int) -> re.Pattern[str]:
        spaces = "{0,%d}" % min(3, max(indentation - 1, 0))
        marker = {"ul": "[+*-]", "ol": r"\d+\.", "dl": ":"}[kind]
        return _rx(r"^( " + spaces + marker + r")(" + _B_PATTERN_TAIL + ")")

    def _b_list(self, tree: _Tree, src: _Src) -> bool:
        if not src.match("list_start"):
            return False
        kind, start_re = ("ul", _R["list_ul"]) if src.match("list_ul") else ("ol", _R["list_ol"])
        items: list[Any] = []  # each: [line of first chunk, [chunks]]
        content_re = lazy_re = indent_re = _NEVER  # set by the first item
        indentation = 0
        nested = False
        last_is_blank = False
        eob_found = False
        while not src.eos():
            text = src.text
            if last_is_blank and src.match("hr"):
                break
            m = src.match("eob")
            if m:
                src.pos = m.end()
                eob_found = True
                break
            m = start_re.match(text, src.pos)
            if m:
                line = src.line_at(src.pos)
                src.pos = m.end()
                value, indentation, content_re, lazy_re, indent_re = self._first_list_line(
                    len(m.group(1)), m.group(2)
                )
                value = _R["list_item_ial"].sub("", value, count=1)
                start_re = self._fetch_pattern(kind, indentation)
                nested = bool(_R["list_start"].search(value))
                last_is_blank = False
                items.append([line, [value]])
                continue
            m = content_re.match(text, src.pos) or (
                None if last_is_blank else lazy_re.match(text, src.pos)
            )
            if m:
                src.pos = m.end()
                result = re.sub(
                    r"^(\t+)", lambda mm: " " * 4 * len(mm.group(1)), m.group(), count=1
                )
                found = indent_re.match(result)
                if found:
                    result = result[found.end() :]
                if not nested and found and _R["list_start"].search(result):
                    items[-1][1].append("")
                    nested = True
                elif nested and not found and _R["list_start"].search(result):
                    result = " " * (indentation + 4) + result
                items[-1][1][-1] += result
                last_is_blank = False
                continue
            m = src.match("blank")
            if m:
                src.pos = m.end()
                nested = True
                last_is_blank = True
                items[-1][1][-1] += m.group()
                continue
            break
        self.new_block_el(tree, "other")
        last = self._parse_items(items, tree.in_html)
        if last is not None and not eob_found:
            tree.children.append(last)
        return True

    def _parse_items(self, items: list[Any], in_html: bool) -> list[Any] | None:
        """Parse list items; return the trailing blank that kramdown moves out of the list."""
        last = None
        for line, chunks in items:
            item_tree = _Tree(in_html=in_html)
            for chunk in chunks:
                sub = _Src(chunk, line)
                self.parse_blocks(item_tree, sub)
                line = sub.line_at(len(chunk))
            if item_tree.children:
                last = item_tree.children[-1] if item_tree.children[-1][0] == "blank" else None
        return last

    def _b_definition_list(self, tree: _Tree, src: _Src) -> bool:
        if not src.match("dl_start"):
            return False
        ch = tree.children
        if (
            not ch
            or (len(ch) == 1 and ch[-1][0] != "p")
            or (
                len(ch) >= 2
                and ch[-1][0] != "p"
                and (ch[-1][0] != "blank" or ch[-1][1] != "\n" or ch[-2][0] != "p")
            )
        ):
            return False
        items: list[Any] = []
        start_re = _R["dl_start"]
        content_re = lazy_re = indent_re = _NEVER  # set by the first item
        last_is_blank = False
        while not src.eos():
            text = src.text
            m = start_re.match(text, src.pos)
            if m:
                line = src.line_at(src.pos)
                src.pos = m.end()
                value, indentation, content_re, lazy_re, indent_re = self._first_list_line(
                    len(m.group(1)), m.group(2)
                )
                value = _R["list_item_ial"].sub("", value, count=1)
                start_re = self._fetch_pattern("dl", indentation)
                last_is_blank = False
                items.append([line, [value]])
                continue
            if src.match("eob"):
                break
            m = content_re.match(text, src.pos) or (
                None if last_is_blank else lazy_re.match(text, src.pos)
            )
            if m:
                src.pos = m.end()
                result = re.sub(
                    r"^(\t+)", lambda mm: " " * 4 * len(mm.group(1)), m.group(), count=1
                )
                found = indent_re.match(result)
                items[-1][1][-1] += result[found.end() :] if found else result
                last_is_blank = False
                continue
            m = src.match("blank")
            if m:
                src.pos = m.end()
                items[-1][1][-1] += m.group()
                last_is_blank = True
                continue
            break
        if ch[-1][0] == "blank":
            ch.pop()
        ch[-1] = ["other", None]
        last = self._parse_items(items, tree.in_html)
        if last is not None:
            ch.append(last)
        return True

    def _b_block_html(self, tree: _Tree, src: _Src) -> bool | str:
        if not src.match("html_start"):
            return False
        m = _R["html_comment"].match(src.text, src.pos)
        if m:
            src.pos = m.end()
            tree.children.append(["html", None])
            ws = src.match("trailing_ws")
            if ws:
                src.pos = ws.end()
            return True
        m = src.match("html_tag_line")
        if m and m.group(1).lower() not in _SPAN_ELEMENTS:
            src.pos = m.end()
            self._html_start_tag(tree, src, m)
            return True
        m = src.match("html_close_line")
        if m and m.group(1).lower() not in _SPAN_ELEMENTS:
            if tree.html is not None and tree.html == m.group(1).lower():
                src.pos = m.end()
                return "stop"
            return False
        return False

    def _html_start_tag(
        self, tree: _Tree, src: _Src, m: re.Match[str], raw_parent: bool = False
    ) -> None:
        name = m.group(1)
        if name.lower() in _KNOWN_ELEMENTS:
            name = name.lower()
        closed = m.group(4) is not None
        attrs = {
            a.group(1).lower(): (a.group(2) or a.group(4) or "")
            for a in _HTML_ATTR_RE.finditer(m.group(2) or "")
        }
        if self.block_ial is not None:
            self.block_ial = None
        tree.children.append(["html", None])
        if not closed and name in _NO_BODY:
            closed = True
        if name in ("script", "style"):
            stop = re.compile(r"</" + name + r"\s*>", re.I)
            sm = stop.search(src.text, src.pos)
            src.pos = sm.end() if sm else len(src.text)
            return
        content_model = "raw"
        md = {"0": "raw", "1": "default", "span": "span", "block": "block"}.get(
            attrs.get("markdown", "")
        )
        if md:
            content_model = _content_model(name) if md == "default" else md
        if content_model == "block":
            ws = src.match("trailing_ws")
            if ws:
                src.pos = ws.end()
        if not closed:
            if content_model == "block":
                self.parse_blocks(_Tree(html=name, in_html=True), src)
            elif content_model == "span":
                sm = re.compile(r"(?=</" + re.escape(name) + r"\s*>)", re.I | re.S).search(
                    src.text, src.pos
                )
                if sm:
                    self.span_texts.append([src.text[src.pos : sm.end()]])
                    src.pos = sm.end()
                    src.pos = _must(_R["html_close"].match(src.text, src.pos)).end()
                else:
                    self.span_texts.append([src.text[src.pos :]])
                    src.pos = len(src.text)
            else:
                self._parse_raw_html(src, name)
            if not raw_parent:
                ws = src.match("trailing_ws")
                if ws:
                    src.pos = ws.end()

    def _parse_raw_html(self, src: _Src, name: str) -> None:
        while not src.eos():
            text = src.text  # a nested markdown="1" element may rebase the source
            m = _R["html_raw_start"].search(text, src.pos)
            if not m:
                src.pos = len(text)
                return
            src.pos = m.start()
            for kind in ("html_comment", "html_instruction"):
                mm = _R[kind].match(text, src.pos)
                if mm:
                    src.pos = mm.end()
                    break
            else:
                mm = _R["html_tag"].match(text, src.pos)
                if mm:
                    src.pos = mm.end()
                    self._html_start_tag(_Tree(in_html=True), src, mm, raw_parent=True)
                    continue
                mm = _R["html_close"].match(text, src.pos)
                if mm:
                    src.pos = mm.end()
                    close = mm.group(1).lower() if name in _KNOWN_ELEMENTS else mm.group(1)
                    if close == name:
                        return
                    continue
                src.pos += 1

    def _b_setext_header(self, tree: _Tree, src: _Src) -> bool:
        if not self.after_block_boundary(tree):
            return False
        m = src.match("setext")
        if not m:
            return False
        body, _explicit = split_heading(m.group(1), atx=False)
        if not body:
            return False
        self._add_header(tree, src, m, 2 if m.group(2) == "-" else 1, m.group(1), False)
        return True

    def _b_block_math(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("math")
        if not m or not self.after_block_boundary(tree) or m.group(1):
            return False
        saved = src.pos
        src.pos = m.end()
        if not src.match("block_boundary"):
            src.pos = saved
            return False
        self.new_block_el(tree, "other")
        return True

    def _b_table(self, tree: _Tree, src: _Src) -> bool:
        if not src.match("table_start") or not self.after_block_boundary(tree):
            return False
        saved = src.pos
        while not src.eos():
            m = src.match("table_line")
            if not m:
                break
            src.pos = _must(src.match("line")).end()
        if not src.match("block_boundary"):
            src.pos = saved
            return False
        self.new_block_el(tree, "other")
        return True

    def _b_footnote_definition(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("footnote_def")
        if not m:
            return False
        src.pos = m.end()
        self.footnotes.append(m.group(1))
        # A footnote's content is parsed, but kept outside the document tree: its headings get
        # no GFM id (the converter gives them one, if the footnote is referenced). Dropped.
        content = re.sub(_B_INDENT, "", m.group(2), flags=re.M)
        keep = len(self.headings)
        self.parse_blocks(_Tree(in_html=tree.in_html), _Src(content, src.line_at(m.start(2))))
        del self.headings[keep:]
        self.new_block_el(tree, "eob", "footnote_def")
        return True

    def _b_link_definition(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("link_def")
        if not m or re.search(r"[ \t]+[\"']", m.group(3) or ""):
            return False
        src.pos = m.end()
        self.link_refs.append(m.group(1))
        self.new_block_el(tree, "eob", "link_def")
        return True

    def _b_abbrev_definition(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("abbrev_def")
        if not m:
            return False
        src.pos = m.end()
        self.new_block_el(tree, "eob", "abbrev_def")
        return True

    def _b_block_extensions(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("ald")
        if m:
            src.pos = m.end()
            self.alds.setdefault(m.group(1), {}).update(_parse_attribute_list(m.group(2)))
            self.new_block_el(tree, "eob", "ald")
            return True
        m = src.match("ext_block")
        if m:
            if m.group(4) is not None or m.group().strip().startswith("{:/"):
                return False
            ext = m.group(1)
            end = m.end()
            if not m.group(3):
                stop = _rx(r"^" + _OPT_SPACE + _EXT_STOP_STR % re.escape(ext) + r"\s*?\n")
                sm = stop.search(src.text, end)
                if not sm:
                    return False
                end = sm.end()
            if ext not in ("comment", "nomarkdown", "options"):
                return False
            src.pos = end
            if ext == "options":
                value = _parse_attribute_list(m.group(2) or "").get("auto_ids")
                if value is not None:  # kramdown's Boolean option parsing
                    self.auto_ids = value.strip().lower() not in ("", "false", "nil")
                self.new_block_el(tree, "eob", "extension")
            else:
                tree.children.append(["other", None])
            return True
        m = src.match("ial_block")
        if m:
            src.pos = m.end()
            attrs = _parse_attribute_list(m.group(1))
            last = tree.children[-1] if tree.children else None
            if (
                last is not None
                and last[0] != "blank"
                and (last[0] != "eob" or last[1] in ("link_def", "abbrev_def", "footnote_def"))
            ):
                if last[0] == "header":
                    self.headings[last[1]]["ials"].append(attrs)
                if not src.match("ial_block"):
                    self.new_block_el(tree, "eob", "ial")
            else:
                if self.block_ial is None:
                    self.block_ial = []
                self.block_ial.append(attrs)
            return True
        return False

    def _b_eob_marker(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("eob")
        if not m:
            return False
        src.pos = m.end()
        self.new_block_el(tree, "eob", None)
        return True

    def _b_paragraph(self, tree: _Tree, src: _Src) -> bool:
        m = src.match("paragraph_start")
        if not m:
            return False
        start = src.pos
        src.pos = _must(src.match("line")).end()
        while not src.eos() and not src.match("paragraph_end"):
            src.pos = _must(src.match("line")).end()
        text = src.text[start : src.pos]
        if tree.children and tree.children[-1][0] == "p":
            tree.children[-1][1][0] += text  # kramdown appends it to the previous paragraph
        else:
            self.span_texts.append([text])
            self.new_block_el(tree, "p", self.span_texts[-1])
        return True

    def ial_id(self, ials: list[Any]) -> str | None:
        """The id the merged IALs of a heading give it: kramdown merges them into one IAL,
        applies its ALD references first, then its own attributes (so those win)."""
        own = None
        from_refs = None
        for attrs in ials:
            for ref in attrs.get("refs", []):
                if "id" in self.alds.get(ref, {}):
                    from_refs = self.alds[ref]["id"]
            if "id" in attrs:
                own = attrs["id"]
        return own if own is not None else from_refs


_BLOCK_ORDER = (
    "blank_line",
    "codeblock",
    "codeblock_fenced",
    "blockquote",
    "atx_header",
    "horizontal_rule",
    "list",
    "definition_list",
    "block_html",
    "setext_header",
    "block_math",
    "table",
    "footnote_definition",
    "link_definition",
    "abbrev_definition",
    "block_extensions",
    "eob_marker",
    "paragraph",
)


# Every block parser but the three below first matches a pattern anchored at
# the line's start that allows at most three spaces (or an indent, or a blank
# line) before one of these characters (each parser's first pattern in _R_SRC;
# re.ASCII: \s and \d are ASCII). A line that starts with any other character
# can only be a setext heading, a table line or a paragraph: the others are not
# tried on it (they would fail, and change nothing, on every such line).
_BLOCK_START_CHARS = frozenset(" \t\n\r\f\v~`>#*-_+:<\\$[{^0123456789")
_TEXT_LINE_ORDER = ("setext_header", "table", "paragraph")


def _adapt_source(body: str) -> str:
    body = re.sub(r"\r\n?", "\n", body)
    return (body[:-1] if body.endswith("\n") else body) + "\n"


def _parse_document(body: str) -> _BlockParser:
    parser = _BlockParser()
    parser.parse_blocks(_Tree(), _Src(_adapt_source(body), 1))
    return parser


def scan_headings(body: str) -> list[Heading]:
    """The headings kramdown's GFM parser finds in a document body (front matter removed),
    in document order, with 1-based line numbers of ``body``."""
    return _headings_of(_parse_document(body))


def _headings_of(parser: _BlockParser) -> list[Heading]:
    return [
        Heading(
            h["line"], h["level"], h["source"], h["atx"], parser.ial_id(h["ials"]), h["in_html"]
        )
        for h in parser.headings
    ]


def document_heading_ids(body: str) -> list[tuple[Heading, str]]:
    """(heading, id) for every heading of a document body, numbered as kramdown numbers them,
    with the document's own link and footnote definitions taken into account."""
    parser = _parse_document(body)
    ids = HeadingIds(parser.link_refs, parser.footnotes, auto_ids=parser.final_auto_ids())
    return [
        (h, ids.add(h.source, h.ial_id, atx=h.atx, in_html=h.in_html)) for h in _headings_of(parser)
    ]
