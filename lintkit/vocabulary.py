"""The site's own vocabulary: words that are right on this site although no
dictionary lists them, and how many pages use each word.

Sources (all read once per run and site):

- the words file (default ``.lintkit/words.txt`` at the site root): one word
  or regular expression a line, ``#`` starts a comment. Case rules as Vale's
  vocabularies: an entry matches the whole word, case-sensitively, so
  ``GitHub`` accepts ``GitHub`` but not ``Github``; an entry written all in
  lower case also accepts its capitalised form (``kata`` accepts ``Kata`` at
  the start of a sentence); ``(?i)`` at the start makes an entry
  case-insensitive. An entry with any of ``.[]()*+?|\\{}^$`` is a regular
  expression, run time-boxed (``lintkit/userregex.py``) as every pattern
  from configuration;
- the keys and the ``name`` / ``title`` / ``id`` values of ``_data/*.yml``
  (contributors, themes, tags), any case;
- the words of the ``title`` of every page of the site, any case;
- the pages of the site: ``pages(word)`` is the number of Markdown files of
  the site whose text (anywhere: prose, code, front matter) holds the word,
  compared in lower case.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from typing import Any

from . import userregex, yamlread

DEFAULT_WORDS_FILE = ".lintkit/words.txt"
_MAX_READ = 4 * 1024 * 1024
MAX_ENTRY = 200
_META = set(".[]()*+?|\\{}^$")
_SCAN_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_TITLE_RE = re.compile(r"^title[ \t]*:[ \t]*(.+)$", re.M)  # in front matter text
_DATA_VALUE_KEYS = ("name", "title", "id", "label", "author", "tag", "tags")


class WordsFileError(ValueError):
    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class WordsFile:
    """The entries of a words file."""

    def __init__(self, path: str, lines: list[str]):
        self.path = path
        self.exact: set[str] = set()
        self.lower: set[str] = set()  # entries written in lower case, or (?i) words
        self.patterns: list[userregex.Pattern] = []
        self.entries: list[str] = []
        for number, raw in enumerate(lines, 1):
            entry = raw.split(" #")[0].strip() if not raw.lstrip().startswith("#") else ""
            if not entry:
                continue
            if len(entry) > MAX_ENTRY:
                raise WordsFileError(
                    path, number, f"an entry is longer than {MAX_ENTRY} characters"
                )
            self.entries.append(entry)
            insensitive = entry.startswith("(?i)")
            body = entry[4:] if insensitive else entry
            if not any(c in _META for c in body):
                if insensitive or body == body.lower():
                    self.lower.add(body.lower())
                self.exact.add(body)
                continue
            try:
                self.patterns.append(
                    userregex.compile(f"(?:{body})\\Z", userregex.IGNORECASE if insensitive else 0)
                )
            except re.error as exc:
                raise WordsFileError(
                    path, number, f"'{entry}' is not a valid regular expression: {exc}"
                ) from None

    @classmethod
    def read(cls, path: str) -> WordsFile:
        """The words file at ``path`` (an absent file is an empty one)."""
        try:
            with open(path, "rb") as fh:
                text = fh.read().decode("utf-8-sig")
        except FileNotFoundError:
            return cls(path, [])
        except (OSError, UnicodeDecodeError) as exc:
            raise WordsFileError(path, 0, f"cannot read the words file: {exc}") from None
        return cls(path, text.splitlines())

    def accepts(self, word: str) -> bool:
        if word in self.exact:
            return True
        if self.lower:
            low = word.lower()
            if low in self.lower and (word == low or word == low[:1].upper() + low[1:]):
                return True
        for p in self.patterns:
            try:
                if p.match(word):
                    return True
            except userregex.PatternTimeout:
                continue  # too slow once: never accepts (and is not run again)
        return False

    def spelled(self, word: str) -> str | None:
        """The entry that spells ``word`` with other letter case (Github ->
        GitHub), if any."""
        low = word.lower()
        for entry in sorted(self.exact):
            if entry.lower() == low and entry != word:
                return entry
        return None


class Vocabulary:
    """What a site knows: its words file, _data names, titles, page counts."""

    def __init__(self, site: Any, words_file: str):
        self.site = site
        self.words_path = os.path.join(site.root, words_file)
        self.words = WordsFile.read(self.words_path)
        self._names: set[str] | None = None
        self._pages: Counter[str] | None = None
        self._count: Counter[str] = Counter()
        self._fetched: dict[str, tuple[int, int]] = {}  # word -> (pages, count), before a scan
        self._raw: dict[str, bytes] = {}  # the files the first batch read, for the scan
        self._batches = 0
        self._titles: dict[str, set[str]] | None = None

    @classmethod
    def of(cls, site: Any, words_file: str = DEFAULT_WORDS_FILE) -> Vocabulary:
        """The vocabulary of ``site`` (cached on the site)."""
        key = ("vocabulary", words_file)
        vocab: Vocabulary | None = site.memo.get(key)
        if vocab is None:
            vocab = site.memo[key] = cls(site, words_file)
        return vocab

    def accepts(self, word: str, rel: str = "") -> bool:
        """Is ``word`` right on this site (words file, _data names, titles)? A
        word of a page's own title does not vouch for itself on that page (a
        typo in a title is reported)."""
        if self.words.accepts(word):
            return True
        low = word.lower()
        if low in self.names:
            return True
        where = self.titles.get(low)
        return where is not None and (len(where) > 1 or rel not in where)

    # ------------------------------------------------------------ sources
    @property
    def names(self) -> set[str]:
        """Words of the keys and names in ``_data`` files (lower case)."""
        if self._names is None:
            self._names = set()
            data_dir = str(self.site.config.get("data_source") or "_data").strip("/") + "/"
            for rel in self.site.files:
                if rel.startswith(data_dir) and rel.endswith((".yml", ".yaml")):
                    for value in _data_strings(self._read_yaml(rel)):
                        self._names.update(w.lower() for w in _SCAN_WORD_RE.findall(value))
        return self._names

    def _read_yaml(self, rel: str) -> Any:
        try:
            with open(self.site.abspath(rel), "rb") as fh:
                text = fh.read().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        return yamlread.load_or(text, None)

    @property
    def titles(self) -> dict[str, set[str]]:
        """Words of page titles (lower case) -> the pages whose title has them."""
        if self._titles is None:
            titles: dict[str, set[str]] = {}
            for rel in self._markdown():
                head = self.site.front_matter_text(rel)
                m = _TITLE_RE.search(head) if head else None
                if m:
                    for w in _SCAN_WORD_RE.findall(m.group(1).lower()):
                        titles.setdefault(w, set()).add(rel)
            self._titles = titles
        return self._titles

    def pages(self, word: str) -> int:
        """How many Markdown files of the site hold ``word`` (any case)."""
        return self._counts(word.lower())[0]

    def count(self, word: str) -> int:
        """How many times the site's Markdown files write ``word`` (any case)."""
        return self._counts(word.lower())[1]

    def _counts(self, low: str) -> tuple[int, int]:
        if self._pages is not None:
            return self._pages.get(low, 0), self._count.get(low, 0)
        hit = self._fetched.get(low)
        if hit is None:
            self.prefetch({low})
            return self._counts(low)
        return hit

    def prefetch(self, words: set[str]) -> None:
        """Count ``words`` (lower case) on the site's pages now, in one pass.
        The first small batch is counted by searching for just those words
        (a run over one page stays fast); any later batch counts every word
        of the site once, so a run over many pages reads the site twice at
        most. Both ways give the same numbers."""
        if self._pages is not None:
            return
        missing = {w for w in words if w not in self._fetched}
        if not missing:
            return
        self._batches += 1
        if self._batches > 1 or len(missing) > 64:
            self._scan()
            return
        found = {w: [0, 0] for w in missing}
        # Lower-cased bytes rule files out fast; a file that may hold a word
        # is decoded and searched as the full scan would.
        needles = [(w, w.encode("utf-8")) for w in missing]
        self._raw = {}
        for rel in self._markdown():
            try:
                with open(self.site.abspath(rel), "rb") as fh:
                    data = self._raw[rel] = fh.read(_MAX_READ)
            except OSError:
                continue
            lowered = data.lower()
            low = None
            for w, needle in needles:
                if needle in lowered or not needle.isascii():
                    if low is None:
                        low = data.decode("utf-8", "replace").lower()
                    n = _count_word(low, w)
                    if n:
                        found[w][0] += 1
                        found[w][1] += n
        for w, (p, c) in found.items():
            self._fetched[w] = (p, c)

    def _markdown(self) -> list[str]:
        site = self.site
        exts = site.markdown_exts
        return [
            rel
            for rel in site.files
            if os.path.splitext(rel)[1].lower() in exts and not site.excluded(rel)
        ]

    def _read_bytes(self, rel: str) -> bytes:
        try:
            with open(self.site.abspath(rel), "rb") as fh:
                return fh.read(_MAX_READ)
        except OSError:
            return b""

    def _scan(self) -> None:
        pages: Counter[str] = Counter()
        count: Counter[str] = Counter()  # updated page by page: the peak is one page's words
        raw, self._raw = self._raw, {}  # the first batch's reads, if any
        for rel in self._markdown():
            data = raw.pop(rel, None)
            found = _scan_words(data if data is not None else self._read_bytes(rel))
            count.update(found)
            pages.update(set(found))
        self._count = count
        self._pages = pages

    @property
    def counted(self) -> bool:
        """Has every word of the site been counted (``pages`` and ``count``
        cost nothing now)?"""
        return self._pages is not None

    def count_all(self) -> None:
        """Count every word of the site now (a run over several pages)."""
        if self._pages is None:
            self._scan()


# ASCII text: letters to lower case, the apostrophe kept, all else a blank.
_ASCII_WORD_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or c == 39 else 32 for c in range(256)
)


def _scan_words(data: bytes) -> list[str]:
    """The words ``_SCAN_WORD_RE`` finds in the lower-cased text of ``data``.
    ASCII text (most pages) is split by ``bytes.translate``, which is several
    times faster than the regular expression and finds the same words: letters
    with apostrophes only between letters."""
    if not data.isascii():
        return _SCAN_WORD_RE.findall(data.decode("utf-8", "replace").lower())
    s = data.translate(_ASCII_WORD_BYTES)
    if b"'" in s:  # an apostrophe not between two letters is a blank
        while b" '" in s or b"' " in s or b"''" in s:
            s = s.replace(b" '", b"  ").replace(b"' ", b"  ").replace(b"''", b"  ")
        s = s.strip(b"'")
    return s.decode("ascii").split()


_LETTER_RE = re.compile(r"[^\W\d_]")
_APOSTROPHES = "'\u2019"


def _count_word(text: str, word: str) -> int:
    """How often ``_SCAN_WORD_RE`` finds ``word`` as a whole word in ``text``."""
    n, size, end = 0, len(word), len(text)
    letter = _LETTER_RE.match
    i = text.find(word)
    while i >= 0:
        j = i + size
        ok = not (i and letter(text[i - 1]))
        if ok and i > 1 and text[i - 1] in _APOSTROPHES and letter(text[i - 2]):
            ok = False
        if ok and j < end:
            after = text[j]
            if letter(after) or (after in _APOSTROPHES and j + 1 < end and letter(text[j + 1])):
                ok = False
        n += ok
        i = text.find(word, i + 1)
    return n


def _data_strings(data: Any, depth: int = 0) -> list[str]:
    """Keys of mappings and the values of name-like keys, anywhere in ``data``."""
    out: list[str] = []
    if depth > 20:
        return out
    if isinstance(data, dict):
        for key, value in data.items():
            out.append(str(key))
            if isinstance(value, str) and str(key).lower() in _DATA_VALUE_KEYS:
                out.append(value)
            elif isinstance(value, list) and str(key).lower() in _DATA_VALUE_KEYS:
                out.extend(str(v) for v in value if isinstance(v, str))
            elif isinstance(value, (dict, list)):
                out.extend(_data_strings(value, depth + 1))
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, str) and len(item.split()) <= 3:
                out.append(item)
            else:
                out.extend(_data_strings(item, depth + 1))
    return out
