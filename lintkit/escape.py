"""Making site text safe to show: one answer for every report format.

A leaf module: imports nothing from lintkit.

Paths, messages and source lines come from the site, and a site can come
from a stranger's pull request. Before any of it reaches a terminal or a CI
log it goes through ``visible``:

- control characters (newline, carriage return, ESC and so the ANSI / OSC-8
  sequences that start with it, DEL, the C1 range) and the characters that
  reorder or hide text (bidirectional overrides, line and paragraph
  separators) are shown as ``\\xNN`` / ``\\uNNNN``;
- a file name that is not UTF-8 reaches Python as lone surrogates
  (``surrogateescape``); each is shown as the byte it stands for (``\\xff``),
  so every report is valid UTF-8.

``defuse_line`` keeps a line from starting (after blanks) with ``::``, which
GitHub Actions would run as a workflow command (``::add-mask::``,
``::stop-commands::``, forged ``::error``) when the line reaches its log.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_UNSAFE_NO_TAB = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _repl(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, keep_tabs: bool = True) -> str:
    """``text`` with every character that could act on a terminal or a log
    shown as an escape; plain text comes back unchanged (the same object)."""
    pattern = _UNSAFE if keep_tabs else _UNSAFE_NO_TAB
    if pattern.search(text) is None:
        return text
    return pattern.sub(_repl, text)


def defuse_line(line: str) -> str:
    """A line that cannot be taken for a GitHub workflow command: a leading
    ``::`` (after blanks) is shown as ``\\x3a:``."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        cut = len(line) - len(stripped)
        return line[:cut] + "\\x3a" + stripped[1:]
    return line


def display_name(name: str) -> str:
    """A file name as shown in a report: ``visible`` (so ``\\xff`` for a byte
    that is not UTF-8), and never starting with ``::``."""
    return defuse_line(visible(name, keep_tabs=False))
