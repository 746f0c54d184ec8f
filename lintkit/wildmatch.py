"""Wildcard patterns matched in linear time: globs from configuration and
ids built from Liquid.

A leaf module: imports nothing from lintkit.

A regular expression built from text a pull request controls can take
exponential time in a backtracking engine such as ``re``: ``*a*a*a*a*b``
against a long file name, or the id ``a{{x}}a{{x}}...b`` (each output a
``.*``) against a long fragment. Here the pattern is a small automaton whose
set of live states advances one character at a time (Thompson's
construction), so a match costs at most (text length x pattern length)
steps, whatever the input.

Tokens: ``("lit", c)``, ``("one", None)`` (any character but ``/``),
``("class", (chars, negated))``, ``("star", None)`` (any run without ``/``),
``("any", None)`` (any run), ``("dirs", None)`` (``(?:.*/)?``: nothing, or
anything ending with ``/``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

Token = tuple[str, object]
_LOOP = "dirs-loop"  # the inner state of "dirs"


class Wildcard:
    """A compiled pattern. ``fullmatch(text)`` is True when the whole text
    matches; with ``any_folder`` the pattern may also start after any ``/``,
    and with ``below`` a match may be followed by ``/`` and anything (a
    folder pattern covers what is inside it)."""

    __slots__ = ("_any_folder", "_below", "_closure", "_size", "_tokens")

    def __init__(
        self, tokens: Sequence[Token], *, any_folder: bool = False, below: bool = False
    ) -> None:
        expanded: list[Token] = []
        for kind, arg in tokens:
            expanded.append((kind, arg))
            if kind == "dirs":
                expanded.append((_LOOP, None))
        self._tokens = expanded
        self._size = len(expanded)
        self._any_folder = any_folder
        self._below = below
        self._closure = [self._close(i) for i in range(self._size + 1)]

    def _close(self, state: int) -> frozenset[int]:
        seen = {state}
        stack = [state]
        while stack:
            s = stack.pop()
            if s >= self._size:
                continue
            kind = self._tokens[s][0]
            nexts = []
            if kind in ("star", "any"):
                nexts.append(s + 1)
            elif kind == "dirs":
                nexts += [s + 1, s + 2]  # into the loop, or past it (nothing)
            for n in nexts:
                if n not in seen:
                    seen.add(n)
                    stack.append(n)
        return frozenset(seen)

    def fullmatch(self, text: str) -> bool:
        size, tokens, closure = self._size, self._tokens, self._closure
        start = closure[0]
        live: set[int] = set(start)
        last_slash = text.rfind("/") if self._any_folder else -1
        for index, c in enumerate(text):
            if self._below and size in live and c == "/":
                return True
            step: set[int] = set()
            for s in live:
                if s >= size:
                    continue
                kind, arg = tokens[s]
                if kind == "lit":
                    if c == arg:
                        step |= closure[s + 1]
                elif kind == "one":
                    if c != "/":
                        step |= closure[s + 1]
                elif kind == "class":
                    chars, negated = cast("tuple[frozenset[str], bool]", arg)
                    if (c in chars) != negated:  # as re's [^...]: "/" too
                        step |= closure[s + 1]
                elif kind == "star":
                    if c != "/":
                        step |= closure[s]
                elif kind == "any":
                    step |= closure[s]
                elif kind == _LOOP:
                    step.add(s)
                    if c == "/":
                        step |= closure[s + 1]
            if self._any_folder and c == "/":
                step |= start
            if not step and index >= last_slash:
                return False
            live = step
        return size in live


def glob_tokens(pattern: str) -> list[Token]:
    """The tokens of a glob as ``lintkit.globs`` reads it: ``**/`` any
    folders, ``**`` anything, ``*`` within a folder, ``?`` one character,
    ``[abc]`` / ``[!abc]`` a class."""
    out: list[Token] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append(("dirs", None))
            i += 3
        elif pattern.startswith("**", i):
            out.append(("any", None))
            i += 2
        elif c == "*":
            out.append(("star", None))
            i += 1
        elif c == "?":
            out.append(("one", None))
            i += 1
        elif c == "[" and pattern.find("]", i + 1) > i:
            j = pattern.find("]", i + 1)
            body = pattern[i + 1 : j]
            negated = body.startswith(("!", "^"))
            out.append(("class", (_class_chars(body[1:] if negated else body), negated)))
            i = j + 1
        else:
            out.append(("lit", c))
            i += 1
    return out


def _class_chars(body: str) -> frozenset[str]:
    chars: set[str] = set()
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            lo, hi = ord(body[i]), ord(body[i + 2])
            if hi - lo <= 0x2FFFF:
                chars.update(chr(n) for n in range(lo, hi + 1))
            i += 3
        else:
            chars.add(body[i])
            i += 1
    return frozenset(chars)


def wildcards(pattern: str) -> int:
    """How many unbounded wildcards (``*``, ``**``) a glob has."""
    return sum(1 for kind, _ in glob_tokens(pattern) if kind in ("star", "any", "dirs"))


def template(pieces: Sequence[str]) -> Wildcard:
    """Literal pieces with anything between them: an id written with Liquid
    outputs (``sec-{{ n }}-x`` -> ``["sec-", "-x"]``)."""
    tokens: list[Token] = []
    for n, piece in enumerate(pieces):
        if n:
            tokens.append(("any", None))
        tokens.extend(("lit", c) for c in piece)
    return Wildcard(tokens)
