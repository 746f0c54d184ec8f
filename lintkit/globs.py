"""Path globs as users write them in config: ``*`` within one folder, ``**``
across folders, ``?`` one character, ``[abc]`` a class. Paths are POSIX and
relative to the site root. A pattern without a ``/`` matches the file name in
any folder (like .gitignore). Imports only lintkit.wildmatch.

A glob is matched with a regular expression when it has at most
``REGEX_WILDCARDS`` wildcards (``*`` / ``**``: backtracking is then bounded
by a small power of the path's length, and ``re`` is fast), else with the
linear-time automaton of lintkit.wildmatch: a configuration, or a pull
request that edits one, cannot make lintkit hang on ``*a*a*a*a*b``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import wildmatch

REGEX_WILDCARDS = 2


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/")
    if pat.endswith("/"):
        pat += "**"
    i, out = 0, []
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1 : j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


@lru_cache(maxsize=512)
def _matcher(pattern: str) -> re.Pattern[str] | wildmatch.Wildcard:
    regex = compile_glob(pattern)  # validates the pattern
    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    if wildmatch.wildcards(pat) <= REGEX_WILDCARDS:
        return regex
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/")
    if pat.endswith("/"):
        pat += "**"
    return wildmatch.Wildcard(wildmatch.glob_tokens(pat), any_folder=not anchored, below=True)


def match(pattern: str, path: str) -> bool:
    matcher = _matcher(pattern)
    if isinstance(matcher, wildmatch.Wildcard):
        return matcher.fullmatch(path)
    return matcher.match(path) is not None


def match_any(patterns: Iterable[str], path: str) -> bool:
    return any(match(p, path) for p in patterns)


def valid(pattern: str) -> bool:
    try:
        compile_glob(pattern)
    except re.error:
        return False
    return True
