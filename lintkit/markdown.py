"""Markdown block structure with source lines, on top of mistune 3.

A leaf module: imports nothing from lintkit.

mistune's tokens carry no positions (lepture/mistune#218). The block parser
calls ``parse_method(m, state)`` with ``m.start()`` at the token's offset in
``state.src``; paragraphs are added while ``state.cursor`` is at their start.
``_State`` stamps every block token with its file line (``token["line"]``).
Child states (block quotes, list items) get rewritten sources whose lines stay
one-to-one with the file's, so each child only needs the line its source starts
on. Inline content is not parsed here: rules scan the raw lines of a block for
links (see ``lintkit.inline``), which is both faster and gives exact columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from mistune import list_parser as _list_parser
from mistune.block_parser import BlockParser
from mistune.core import BlockState

_EMPTY_MARKER_RE = re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]*\n?$")
MAX_NESTING = 20


class _State(BlockState):
    def __init__(self, parent: Any | None = None) -> None:
        super().__init__(parent)
        self.line0 = 1
        self.frames: list[list[Any]] = []  # [match, next list item line]
        self._pos = 0  # the last offset asked for, and its line (0: none yet)
        self._line = 0

    def process(self, src: str) -> None:
        super().process(src)
        self._pos = self._line = 0

    def line_at(self, offset: int) -> int:
        """The file line of ``offset`` in this state's source: the newlines
        are counted between it and the last offset asked for (the two are
        near: the start and end of a token), so no state, parent or child,
        ever indexes or rescans its whole source."""
        if not self._line:
            line = self.line0 + self.src.count("\n", 0, offset)
        elif offset >= self._pos:
            line = self._line + self.src.count("\n", self._pos, offset)
        else:
            line = self._line - self.src.count("\n", offset, self._pos)
        self._pos, self._line = offset, line
        return line

    def _here(self) -> int:
        if self.frames:
            return self.line_at(self.frames[-1][0].start())
        return self.line_at(self.cursor)

    def append_token(self, token: dict[str, Any]) -> None:
        if "line" not in token:
            token["line"] = self._here()
        self.tokens.append(token)

    def prepend_token(self, token: dict[str, Any]) -> None:
        if "line" not in token:
            token["line"] = self._here()
        super().prepend_token(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        if last and last["type"] == "paragraph":
            last["text"] += text
        else:
            self.tokens.append(
                {"type": "paragraph", "text": text, "line": self.line_at(self.cursor)}
            )

    def child_state(self, src: str, lazy_line_starts: set[int] | None = None) -> _State:
        child = super().child_state(src, lazy_line_starts)
        assert isinstance(child, _State)  # mistune makes it with self.__class__
        frame = self.frames[-1] if self.frames else None
        if frame is None:  # pragma: no cover - mistune creates children only in methods
            child.line0 = self.line_at(self.cursor)
            return child
        m = frame[0]
        if m.lastgroup == "list":
            line = frame[1] if frame[1] is not None else self.line_at(m.start())
            # The line after the item that ended here starts the next item.
            frame[1] = self.line_at(self.cursor) - 1
            item_line = line
            if _EMPTY_MARKER_RE.match(self._line_text(line)):
                line += 1  # content starts below an empty marker line
            child.line0 = line
            self.env.setdefault("_item_lines", {})[id(child.tokens)] = item_line
        else:
            child.line0 = self.line_at(m.start())
        return child

    def _line_text(self, line: int) -> str:
        """The text of file line ``line`` of this state's source, found by
        walking from the cursor's line (the item just parsed is near it)."""
        src = self.src
        at = self.line_at(self.cursor)
        start = src.rfind("\n", 0, self._pos) + 1  # the start of line ``at``
        while at > line and start > 0:
            start = src.rfind("\n", 0, start - 1) + 1
            at -= 1
        while at < line:
            nl = src.find("\n", start)
            if nl < 0:
                return ""
            start, at = nl + 1, at + 1
        end = src.find("\n", start)
        return src[start : end if end >= 0 else len(src)]


class _Parser(BlockParser):
    state_cls = _State

    # mistune types ``state`` as its BlockState; this parser only ever gets a _State
    def parse_method(self, m: re.Match[str], state: _State) -> int | None:  # type: ignore[override]
        # (No try/finally: when a method raises, the whole parse is dropped.)
        frames = state.frames
        frames.append([m, None])
        tokens = state.tokens
        n_before = len(tokens)
        group = m.lastgroup
        assert group is not None  # every rule of the scanner is a named group (as in mistune)
        result = self._methods[group](m, state)
        frames.pop()
        tokens = state.tokens
        line = None
        for k in range(n_before - 1 if n_before else 0, len(tokens)):
            tok = tokens[k]
            if "line" not in tok:
                if line is None:
                    line = state.line_at(m.start())
                tok["line"] = line
        return result


_parser = _Parser(max_nested_level=MAX_NESTING)

# mistune builds and compiles the regular expression that ends a list item
# (the block starts that interrupt it) once per list item, though it depends
# only on the parser's rules and the item's marker width: one per width for
# lintkit's parser, whose rules never change. Other parsers are left alone.
_BREAK_SC: dict[int, re.Pattern[str]] = {}
_compile_list_break_sc: Callable[[BlockParser, int], re.Pattern[str]] | None = getattr(
    _list_parser, "_compile_list_break_sc", None
)


def _cached_list_break_sc(block: BlockParser, leading_width: int) -> re.Pattern[str]:
    assert _compile_list_break_sc is not None
    if block is not _parser:
        return _compile_list_break_sc(block, leading_width)
    rx = _BREAK_SC.get(leading_width)
    if rx is None:
        rx = _BREAK_SC[leading_width] = _compile_list_break_sc(block, leading_width)
    return rx


if _compile_list_break_sc is not None:
    _list_parser._compile_list_break_sc = _cached_list_break_sc


def parse(text: str) -> list[dict[str, Any]]:
    """Block tokens of ``text`` (``\\n`` line ends), each with ``line``.

    Tokens are mistune's dicts: ``type`` (paragraph, block_text, heading,
    list, list_item, block_quote, block_code, block_html, thematic_break),
    ``children`` for containers, ``text`` (raw inline source, indentation
    stripped) for paragraphs and headings, ``raw`` for code and HTML.
    ``list_item`` tokens also get ``line``; reference definitions are in
    ``env["ref_links"]`` of the returned state.
    """
    return parse_with_state(text)[0]


def parse_with_state(text: str) -> tuple[list[dict[str, Any]], _State]:
    state = _State()
    if not text.endswith("\n"):
        text += "\n"
    state.process(text)
    _parser.parse(state)
    item_lines = state.env.pop("_item_lines", {})
    _stamp_items(state.tokens, item_lines)
    return state.tokens, state


# Where a document can be cut into parts that parse alone exactly as they parse
# in the whole: after a blank line, before a line at the margin that starts an
# ATX heading or a paragraph with a letter (never a list item: a "1." or "-"
# after a blank line continues the list above). After a blank line such a line
# ends every open block (list, quote, paragraph, indented code, HTML of kinds
# 6 and 7), unless a fenced code block or an HTML block of kinds 1 to 5
# (script, pre, style, textarea, comment, <? and <!) is open: a part holding
# anything that could open one is never cut after.
# (A blank line here has at most three spaces: mistune reads a line of a tab and
# a space, or of five spaces, as text that goes on a paragraph.)
_CUT_RE = re.compile(r"\n {0,3}\n(?=#{1,6}[ \t\n]|[A-Za-z])")
_OPENS_RE = re.compile(r"```|~~~|<(?:[!?]|script|pre|style|textarea)", re.I)


class PartCache:
    """The block tokens of the parts of documents parsed before, by their text
    (bounded, least recently used first out): a document that changed in one
    place is parsed again only in the part that changed (``lintkit lsp``, at
    every keystroke). The tokens are the same as those of a whole parse, which
    tests/test_markdown_parts.py pins."""

    def __init__(self, size: int = 1000):
        self.size = size
        self.parts: dict[str, tuple[list[dict[str, Any]], dict[str, Any]]] = {}

    def parse(self, text: str, line0: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """(tokens with lines counted from ``line0``, reference definitions)."""
        hit = self.parts.pop(text, None)
        if hit is None:
            tokens, state = parse_with_state(text)
            hit = (tokens, state.env.get("ref_links", {}))
        self.parts[text] = hit  # the most recently used last
        while len(self.parts) > self.size:
            del self.parts[next(iter(self.parts))]
        return _shifted(hit[0], line0 - 1), hit[1]


def cut(text: str) -> list[int]:
    """The offsets where ``text`` can be cut into parts that parse alone as
    they parse in the whole (0 first)."""
    out = [0]
    for m in _CUT_RE.finditer(text):
        at = m.end()
        if _OPENS_RE.search(text, out[-1], at):
            break  # something may stay open: the rest is one part
        out.append(at)
    return out


def parse_parts(text: str, cache: PartCache) -> tuple[list[dict[str, Any]], _State]:
    """``parse_with_state(text)``, with the parts of ``text`` that ``cache``
    holds taken from it."""
    if not text.endswith("\n"):
        text += "\n"
    starts = cut(text)
    tokens: list[dict[str, Any]] = []
    refs: dict[str, Any] = {}
    line = 1
    for a, b in zip(starts, starts[1:] + [len(text)]):
        part = text[a:b]
        got, defs = cache.parse(part, line)
        tokens.extend(got)
        for key, value in defs.items():
            refs.setdefault(key, value)  # the first definition of a label wins
        line += part.count("\n")
    state = _State()
    state.tokens = tokens
    if refs:
        state.env["ref_links"] = refs
    return tokens, state


def _shifted(tokens: list[dict[str, Any]], delta: int) -> list[dict[str, Any]]:
    """A copy of ``tokens`` (and their children) with ``line`` moved by ``delta``."""
    out = []
    for tok in tokens:
        new = dict(tok)
        if "line" in new:
            new["line"] += delta
        children = new.get("children")
        if children is not None:
            new["children"] = _shifted(children, delta)
        out.append(new)
    return out


def _stamp_items(tokens: list[dict[str, Any]], item_lines: dict[int, int]) -> None:
    stack = [tokens]
    while stack:
        for tok in stack.pop():
            children = tok.get("children")
            if children is None:
                continue
            if tok["type"] == "list_item":
                tok["line"] = item_lines.get(id(children), tok.get("line", 0))
                if children and not tok.get("line"):
                    tok["line"] = children[0].get("line", 0)
            stack.append(children)


def walk(tokens: list[dict[str, Any]], depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every token, depth first, in document order (no recursion limit)."""
    stack = [iter(tokens)]
    while stack:
        tok = next(stack[-1], None)
        if tok is None:
            stack.pop()
            continue
        yield tok
        children = tok.get("children")
        if children:
            stack.append(iter(children))


def text_lines(tok: dict[str, Any]) -> int:
    """How many source lines a paragraph or heading token spans."""
    text: str = tok.get("text", "")
    if tok.get("type") == "heading" and tok.get("style") == "setext":
        return text.count("\n") + 2
    return text.rstrip("\n").count("\n") + 1
