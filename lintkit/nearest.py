""" "Did you mean": the names close to a missing one, from an index built once.

A leaf module: imports nothing from lintkit.

Comparing a missing name with every name of a site costs time in proportion
to the site, once per broken link: a site with thousands of broken links (a
first run on a legacy site, a big rename) would take time in the square of its
size. ``Nearest`` indexes the names once (sorted, sorted reversed, by file
name, by folder, by normalised name) and gives for each query a short list of
candidates, bounded whatever the number of names; the edit-distance ratio
(``difflib``) runs only over that list. When there are at most ``SHORT`` names
the list is all of them, so small pools get exactly the plain comparison.

The candidates of a query: the names next to it in sorted order (a shared
beginning: a typo near the end) and in the order of the reversed names (a
shared end: a typo near the start), the names with the same file name, the
same normalised name (letter case, ``-``, ``_``, spaces and the extension
ignored) and their sorted neighbours, and the names of its folder (its
neighbours in sorted order when the folder is large).
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_left
from collections.abc import Iterable

SHORT = 64  # a pool this small is compared whole
NEIGHBOURS = 12  # sorted neighbours taken on each side of a query
_NORM_RE = re.compile(r"[\W_]+")


def norm(name: str) -> str:
    """``name``'s file name without extension, lower case, letters and digits only."""
    base = posixpath.basename(name.rstrip("/"))
    stem = posixpath.splitext(base)[0] or base
    return _NORM_RE.sub("", stem.lower())


def _around(sorted_list: list[str], key: str, k: int) -> list[str]:
    i = bisect_left(sorted_list, key)
    return sorted_list[max(0, i - k) : i + k]


class Nearest:
    """An index of ``names`` answering "which names are close to this one"."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        self.name_set = frozenset(self.names)
        self._counts: dict[str, dict[str, int]] = {}
        self._built = False

    def __len__(self) -> int:
        return len(self.names)

    def _build(self) -> None:
        self._rev = sorted(n[::-1] for n in self.names)
        self._base: dict[str, list[str]] = {}
        self._dir: dict[str, list[str]] = {}
        self._norm: dict[str, list[str]] = {}
        self._dir_rev: dict[str, list[str]] = {}
        for n in self.names:
            self._base.setdefault(posixpath.basename(n), []).append(n)
            self._dir.setdefault(posixpath.dirname(n), []).append(n)
            self._norm.setdefault(norm(n), []).append(n)
        self._norm_keys = sorted(self._norm)
        self._norm_rev = sorted(k[::-1] for k in self._norm)
        self._built = True

    def same_name(self, name: str) -> list[str]:
        """The names whose file name (after the last ``/``) is ``name``'s."""
        if not self._built:
            self._build()
        return self._base.get(posixpath.basename(name), [])

    def in_folder(self, folder: str, near: str) -> list[str]:
        """The names in ``folder``: all of them when there are at most
        ``SHORT``, else those next to ``near`` in sorted and reversed order."""
        if not self._built:
            self._build()
        names = self._dir.get(folder, [])
        if len(names) <= SHORT:
            return names
        rev = self._dir_rev.get(folder)
        if rev is None:
            rev = self._dir_rev[folder] = sorted(n[::-1] for n in names)
        found = set(_around(names, near, NEIGHBOURS))
        found.update(r[::-1] for r in _around(rev, near[::-1], NEIGHBOURS))
        return sorted(found)

    def shortlist(self, name: str) -> list[str]:
        """A bounded list of candidates close to ``name``, sorted (all names
        when there are at most ``SHORT``)."""
        if len(self.names) <= SHORT:
            return self.names
        if not self._built:
            self._build()
        found = set(_around(self.names, name, NEIGHBOURS))
        found.update(r[::-1] for r in _around(self._rev, name[::-1], NEIGHBOURS))
        found.update(self._base.get(posixpath.basename(name), [])[:SHORT])
        key = norm(name)
        near_keys = set(_around(self._norm_keys, key, NEIGHBOURS // 2))
        near_keys.update(r[::-1] for r in _around(self._norm_rev, key[::-1], NEIGHBOURS // 2))
        for k in near_keys:
            found.update(self._norm[k][:NEIGHBOURS])
        found.update(self.in_folder(posixpath.dirname(name), name))
        return sorted(found)

    def close(self, name: str, cutoff: float, pool: list[str] | None = None) -> str | None:
        """The candidate most like ``name`` with a ``difflib`` ratio of at least
        ``cutoff``, or None: what ``difflib.get_close_matches(name, candidates,
        1, cutoff)`` answers (ties go to the greater string), computing the full
        ratio only while a candidate's upper bound can still beat the best."""
        candidates = self.shortlist(name) if pool is None else pool
        return best_match(name, candidates, cutoff, self._counts)

    def close_all(self, name: str, cutoff: float, n: int) -> list[str]:
        """Up to ``n`` candidates with a ratio of at least ``cutoff``, best first."""
        return best_matches(name, self.shortlist(name), cutoff, n, self._counts)


def _count(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def best_match(
    word: str,
    candidates: Iterable[str],
    cutoff: float,
    counts: dict[str, dict[str, int]] | None = None,
) -> str | None:
    """``difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)``."""
    found = best_matches(word, candidates, cutoff, 1, counts)
    return found[0] if found else None


def best_matches(
    word: str,
    candidates: Iterable[str],
    cutoff: float,
    n: int,
    counts: dict[str, dict[str, int]] | None = None,
) -> list[str]:
    """``difflib.get_close_matches(word, candidates, n, cutoff)``, the same
    answer with fewer full ratios: candidates are tried in the order of their
    ``quick_ratio`` (an upper bound of ``ratio``: the characters two strings
    have in common, in any order) and the search stops when the bound can no
    longer beat the n-th best found. ``counts`` caches each candidate's
    character counts between calls."""
    if counts is None:
        counts = {}
    mine = _count(word)
    bounds = []
    lw = len(word)
    for x in candidates:
        total = lw + len(x)
        if total and 2.0 * min(lw, len(x)) / total < cutoff:
            continue
        theirs = counts.get(x)
        if theirs is None:
            theirs = counts[x] = _count(x)
        common = 0
        for ch, k in mine.items():
            m = theirs.get(ch)
            if m:
                common += k if k < m else m
        bound = 2.0 * common / total if total else 1.0
        if bound >= cutoff:
            bounds.append((bound, x))
    if not bounds:
        return []
    bounds.sort(reverse=True)
    import difflib  # only a run with a broken link gets here

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    found: list[tuple[float, str]] = []  # the best so far, best first
    for bound, x in bounds:
        if len(found) >= n and (bound, x) < found[n - 1]:
            break
        matcher.set_seq1(x)
        score = matcher.ratio()
        if score >= cutoff:
            found.append((score, x))
            found.sort(reverse=True)
            del found[n:]
    return [x for _, x in found]
