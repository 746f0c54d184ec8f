"""Regular expressions written by users (``define:`` rules), time-boxed.

A leaf module: imports nothing from lintkit.

Python's ``re`` has no time limit, and a pattern such as ``(a|aa)+$`` or
``(\\w+\\s?)+$`` backtracks for longer than the age of the universe on a long
line. A configuration can come with a pull request, so every pattern from
configuration is compiled with the ``regex`` package (the same syntax as
``re``) and every search runs with a ``timeout``. A pattern that runs out
of time once is not run again in this process: each later use raises
``PatternTimeout`` at once, so a bad pattern costs about one second per run,
not one second per line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

TIMEOUT = 0.25  # seconds for one search of one text (the engine checks it coarsely)
IGNORECASE = re.IGNORECASE

_SLOW: set[tuple[str, int]] = set()  # patterns that ran out of time


class PatternTimeout(Exception):
    """A user pattern ran out of time; ``pattern`` says which."""

    def __init__(self, pattern: str):
        super().__init__(pattern)
        self.pattern = pattern


def _engine() -> Any:
    import regex  # type: ignore[import-untyped]  # lazy: only configurations with patterns need it

    return regex


class Pattern:
    """A compiled user pattern with ``re.Pattern``'s methods the rules use;
    each search is time-boxed."""

    __slots__ = ("_compiled", "_key", "pattern")

    def __init__(self, pattern: str, flags: int = 0):
        engine = _engine()
        self.pattern = pattern
        self._key = (pattern, flags)
        self._compiled = engine.compile(pattern, engine.IGNORECASE if flags & IGNORECASE else 0)

    @property
    def groups(self) -> int:
        return int(self._compiled.groups)

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._compiled.groupindex)

    def _run(self, method: str, text: str) -> Any:
        if self._key in _SLOW:
            raise PatternTimeout(self.pattern)
        try:
            found = getattr(self._compiled, method)(text, timeout=TIMEOUT)
            return list(found) if method == "finditer" else found
        except TimeoutError:
            _SLOW.add(self._key)
            raise PatternTimeout(self.pattern) from None

    def search(self, text: str) -> Any:
        return self._run("search", text)

    def match(self, text: str) -> Any:
        return self._run("match", text)

    def finditer(self, text: str) -> Iterator[Any]:
        """The matches, found at once under one time box."""
        return iter(self._run("finditer", text))


@functools.lru_cache(maxsize=256)
def compile(pattern: str, flags: int = 0) -> Pattern:
    """The time-boxed pattern; raises ``re.error`` (with ``re``'s message)
    when it is not a valid regular expression."""
    re.compile(pattern, flags)  # the syntax users read about, and its error messages
    try:
        return Pattern(pattern, flags)
    except Exception as exc:  # regex's own error for what re accepts
        raise re.error(str(exc)) from None


def validate(pattern: str) -> str | None:
    """None when ``pattern`` can be used, else what is wrong (for config errors)."""
    try:
        compile(pattern)
    except re.error as exc:
        return str(exc)
    return None
