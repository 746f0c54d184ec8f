"""English dictionaries for the spelling rule: is a word known, is it a
known misspelling, and what are the nearest known words.

A leaf module: imports nothing from lintkit.

Two word lists, read as data without importing either package's code:

- pyspellchecker's English list (``spellchecker/resources/en.json.gz``: about
  160,000 words with their frequency in a large English corpus, American
  spellings): what is a word, and how common it is;
- codespell's list of common misspellings (``codespell_lib/data/
  dictionary.txt``: about 65,000 misspellings found in real code and
  documentation, each with its corrections).

Both are turned once into a compact cache (``$XDG_CACHE_HOME/lintkit`` or
``~/.cache/lintkit``; ``LINTKIT_CACHE_DIR`` overrides, an empty value turns the
cache off): each list is one UTF-8 blob of lines grouped by their first three
letters, with the offsets of each group, so that loading it is a copy of
bytes (a few milliseconds instead of the 0.2 s of parsing the JSON) and a
lookup searches one group. The cache is named by the lists' sizes and a
checksum of their bytes, so every environment with the same lists shares it;
a new cache removes the caches of other lists once they are a month old.

Variants: ``en-US`` is the list as it is. ``en-GB`` and plain ``en`` also
accept the British spellings of listed words (colour, organise, analyse,
centre, travelled, catalogue, licence, programme), found by turning the
British endings into the American ones; they do not report American
spellings.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import re
import time
from collections.abc import Iterator
from typing import Any

_RESOURCE = ("spellchecker", "resources", "en.json.gz")
_MISSPELLINGS = ("codespell_lib", "data", "dictionary.txt")
_BRITISH = ("codespell_lib", "data", "dictionary_en-GB_to_en-US.txt")
_CACHE_FORMAT = 7
STALE_SECONDS = 30 * 24 * 3600  # another version's cache is removed after a month
_P = 3  # words are grouped by their first _P letters
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_COMMON = 100  # corpus count from which a word can build derived words
_SUFFIXES = ("ability", "ings", "able", "ers", "ing", "ed", "er", "es", "ly", "s")
_PREFIXES = (
    "anti",
    "auto",
    "co",
    "de",
    "inter",
    "meta",
    "micro",
    "multi",
    "non",
    "over",
    "pre",
    "re",
    "sub",
    "super",
    "un",
    "under",
)

# British -> American spelling, tried one at a time and all together: (the
# letters a word must hold for the pattern to match, pattern, replacement),
# compiled on first use (a run without the spelling rule never needs them).
_GB_TO_US_SOURCE = [
    ("our", r"(?<=[a-z]{2})our(?=s?$|ed$|ing$|ite|ites$|able|ably$|al$|ful|less$|er)", "or"),
    ("is", r"(?<=[a-z]{2})is(?=e$|es$|ed$|ing$|er$|ers$|ation|ations$|able$)", "iz"),
    ("ys", r"(?<=[a-z]{2})ys(?=e$|es$|ed$|ing$|er$)", "yz"),
    ("tre", r"(?<=[a-z]{2})tre(?=s?$|d$)", "ter"),
    ("ll", r"(?<=[aeiou][a-z])ll(?=ed$|ing$|er$|ers$)", "l"),
    ("ogue", r"(?<=[a-z]{2})ogue(?=s?$)", "og"),
    ("ence", r"(?<=[a-z]{2})ence(?=s?$)", "ense"),
    ("mme", r"(?<=[a-z]{2})mme(?=s?$)", "m"),
    ("practis", r"(?<=[a-z])practis(?=e$|es$|ed$|ing$)", "practic"),
    ("practis", r"^practis(?=e$|es$|ed$|ing$)", "practic"),
    ("ae", r"ae(?=[a-z]{2})", "e"),
    ("oe", r"oe(?=[a-z]{2})", "e"),
]
_GB_TO_US: list[tuple[str, re.Pattern[str], str]] = []


def normalize_language(value: object) -> str | None:
    """'en', 'en-US' or 'en-GB' for an English language tag ('en_gb',
    'EN-us', 'en'), 'other:<tag>' for another language, None for no value."""
    if not isinstance(value, str) or not value.strip():
        return None
    tag = value.strip().replace("_", "-")
    parts = tag.split("-")
    if parts[0].lower() != "en":
        return "other:" + tag
    if len(parts) > 1 and parts[1].upper() in ("GB", "UK"):
        return "en-GB"
    if len(parts) > 1 and parts[1].upper() == "US":
        return "en-US"
    return "en"


class Packed:
    """Lines grouped by their first letters, in one UTF-8 blob: loading it is
    a copy of bytes, and a lookup is a search within one group."""

    def __init__(self, blob: Any, index: dict[str, tuple[int, int]], base: int = 0):
        # bytes, or a memory map of the cache file: "\nline\nline\n" per group
        self.blob = blob
        self.index = index  # first letters -> (start, end) of its group, from base
        self.base = base

    def _span(self, word: str) -> tuple[int, int] | None:
        span = self.index.get(word[:_P])
        return None if span is None else (span[0] + self.base, span[1] + self.base)

    def rest(self, word: str, sep: str) -> str | None:
        """What follows ``word`` and ``sep`` on the line that starts with them."""
        span = self._span(word)
        if span is None:
            return None
        key = ("\n" + word + sep).encode("utf-8")
        i = self.blob.find(key, span[0], span[1])
        if i < 0:
            return None
        j = i + len(key)
        return bytes(self.blob[j : self.blob.find(b"\n", j)]).decode("utf-8")

    def lines(self, prefix: str) -> list[str]:
        span = self._span(prefix)
        if span is None:
            return []
        return bytes(self.blob[span[0] : span[1]]).decode("utf-8").split("\n")

    def has(self, word: str, sep: str) -> bool:
        span = self._span(word)
        key = ("\n" + word + sep).encode("utf-8")
        return span is not None and self.blob.find(key, span[0], span[1]) >= 0

    @classmethod
    def build(cls, lines: list[tuple[str, str]]) -> Packed:
        """From (word, line) pairs: each line goes to the group of its word."""
        groups: dict[str, list[str]] = {}
        for word, line in lines:
            groups.setdefault(word[:_P], []).append(line)
        parts: list[bytes] = []
        index: dict[str, tuple[int, int]] = {}
        pos = 0
        for prefix in sorted(groups):
            chunk = ("\n" + "\n".join(groups[prefix]) + "\n").encode("utf-8")
            index[prefix] = (pos, pos + len(chunk))
            parts.append(chunk)
            pos += len(chunk)
        return cls(b"".join(parts), index)


class Dictionary:
    """Known words and their frequencies, for one English variant."""

    def __init__(self, words: Packed, misspellings: Packed, british: Packed, variant: str):
        self._words = words  # lines "word\tfrequency"
        # lines "typo->fix, fix"; en-US: British spellings are misspellings too (colour->color)
        self._lists = [misspellings, british] if variant == "en-US" else [misspellings]
        self.variant = variant
        self.cache: dict[str, bool] = {}  # word as written -> known()
        self._split: dict[str, dict[str, int]] = {}

    def _group(self, prefix: str) -> dict[str, int]:
        """The words of one group as a mapping (built on first use)."""
        group = self._split.get(prefix)
        if group is None:
            group = {}
            for line in self._words.lines(prefix):
                if line:
                    word, _, freq = line.partition("\t")
                    group[word] = int(freq)
            self._split[prefix] = group
        return group

    # ------------------------------------------------------------- lookup
    def frequency(self, word: str) -> int:
        """How often the (lower-case) word occurs in the corpus; 0: unknown."""
        prefix = word[:_P]
        group = self._split.get(prefix)
        if group is not None:
            return group.get(word, 0)
        # Packed.rest, inlined: this runs for every new word of a site.
        packed = self._words
        span = packed.index.get(prefix)
        if span is None or not word:
            return 0
        blob, base = packed.blob, packed.base
        key = ("\n" + word + "\t").encode("utf-8")
        i = blob.find(key, span[0] + base, span[1] + base)
        if i < 0:
            return 0
        j = i + len(key)
        rest = blob[j : blob.find(b"\n", j)]
        return int(rest) if rest else 0

    def known(self, word: str) -> bool:
        """Is ``word`` (any case) a word of this dictionary? Possessives and
        curly apostrophes are accepted as their plain forms."""
        hit = self.cache.get(word)
        if hit is None:
            hit = self.cache[word] = self._lookup(word)
        return hit

    def _lookup(self, word: str) -> bool:
        w = word.lower().replace("\u2019", "'")
        if self.frequency(w):
            return True
        if w.endswith("'s") and self.frequency(w[:-2]):
            return True
        if w.endswith("s'") and self.frequency(w[:-1]):
            return True
        if self.variant != "en-US":
            return any(self.frequency(us) for us in _american_forms(w))
        return False

    def derived(self, word: str) -> bool:
        """Is ``word`` (lower case) made of known words: a known word with an
        ending (-s, -es, -ed, -ing, -ings, -er, -ers, -ly, -able, -ability, with the
        spelling changes of English: a dropped e, a doubled consonant, y to i),
        a prefix (re-, un-, pre-, sub-, over-, ...) before a known word of four
        letters or more, or two known words written together, the first of
        four letters or more, the second of three? (Misspellings codespell lists are caught before this.)"""
        w = word
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                stem = w[: -len(suffix)]
                if self._common(stem) or self._common(stem + "e"):
                    return True
                if len(stem) > 3 and stem[-1] == stem[-2] and self._common(stem[:-1]):
                    return True
                if stem.endswith("i") and self._common(stem[:-1] + "y"):
                    return True
        for prefix in _PREFIXES:
            if w.startswith(prefix) and len(w) - len(prefix) >= 4:
                rest = w[len(prefix) :].lstrip("-")
                if self._common(rest) or (rest != w and self.derived(rest)):
                    return True
        return any(self._common(w[:i]) and self._common(w[i:]) for i in range(4, len(w) - 2))

    def _common(self, word: str) -> bool:
        """Known and not rare (rare entries of the list include names and
        abbreviations, too weak to build other words on)."""
        return self.frequency(word) >= _COMMON

    def misspelling(self, word: str) -> list[str] | None:
        """codespell's corrections when ``word`` (any case) is a common
        misspelling it lists (on en-US, a British spelling too), else None."""
        w = word.lower().replace("\u2019", "'")
        for packed in self._lists:
            fixes = packed.rest(w, "->") if w else None
            if fixes is not None:
                return [f.strip() for f in fixes.split(",") if f.strip()]
        return None

    # -------------------------------------------------------- suggestions
    def close(self, word: str) -> list[str]:
        """Known words one edit from ``word`` (a letter added, dropped or
        changed, or two neighbours swapped), lower case, sorted."""
        w = word.lower().replace("\u2019", "'")
        groups, words, out = self._split, self._words, []
        self._group(w[:_P])  # most edits keep the first letters
        for c in _edits1(w):
            group = groups.get(c[:_P])
            if group is not None:
                if c in group and c != w:
                    out.append(c)
            elif words.has(c, "\t"):
                out.append(c)
        return sorted(out)


def _american_forms(w: str) -> Iterator[str]:
    if not _GB_TO_US:
        _GB_TO_US.extend((k, re.compile(p), r) for k, p, r in _GB_TO_US_SOURCE)
    combined = w
    for letters, rx, repl in _GB_TO_US:
        # A replacement only shortens or keeps the letters it replaces and
        # never makes them: a word without them is left as it is.
        if letters in w:
            one = rx.sub(repl, w)
            if one != w:
                yield one
        if letters in combined:
            combined = rx.sub(repl, combined)
    if combined != w:
        yield combined


def _edits1(w: str) -> set[str]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = set()
    for a, b in splits:
        if b:
            out.add(a + b[1:])
            if len(b) > 1:
                out.add(a + b[1] + b[0] + b[2:])
            for c in _ALPHABET:
                out.add(a + c + b[1:])
        for c in _ALPHABET:
            out.add(a + c + b)
    return out


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
_VOWELS = set("aeiouy")


def adjacent_keys(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` neighbours on a QWERTY keyboard?"""
    pa, pb = _KEY_AT.get(a), _KEY_AT.get(b)
    if pa is None or pb is None:
        return False
    dr = pb[0] - pa[0]
    return (dr == 0 and abs(pb[1] - pa[1]) == 1) or (dr in (-1, 1) and pb[1] - pa[1] in (0, -dr))


def slip(typo: str, word: str) -> tuple[float, bool] | None:
    """How ``typo`` differs from ``word`` by one edit: (cost, typical), or
    None when it is not one edit. Cost 0.5 for a doubled or undoubled letter,
    else 1. Typical: the edit is a typing slip inside the word: a letter
    doubled, dropped or added (not the first letter nor one of the last two,
    where names and brands differ from words: Flickr, notre), a neighbouring
    key or another vowel typed (not the first or last letter), or two
    neighbours swapped."""
    lt, lw = len(typo), len(word)
    p = 0
    while p < min(lt, lw) and typo[p] == word[p]:
        p += 1
    s = 0
    while s < min(lt, lw) - p and typo[lt - 1 - s] == word[lw - 1 - s]:
        s += 1
    if lt == lw + 1 and p + s >= lw:  # typo has an extra letter at p
        i = p
        doubled = (i > 0 and typo[i] == typo[i - 1]) or (i + 1 < lt and typo[i] == typo[i + 1])
        return (0.5 if doubled else 1.0), 0 < i < lt - 2
    if lw == lt + 1 and p + s >= lt:  # typo lacks word[p]
        i = p
        doubled = (i > 0 and word[i] == word[i - 1]) or (i + 1 < lw and word[i] == word[i + 1])
        return (0.5 if doubled else 1.0), 0 < i < lw - 2
    if lt == lw and p + s == lt - 1:  # one letter changed
        a, b = typo[p], word[p]
        typical = 0 < p < lt - 1 and (adjacent_keys(a, b) or (a in _VOWELS and b in _VOWELS))
        return 1.0, typical
    if lt == lw and p + s == lt - 2 and typo[p] == word[p + 1] and typo[p + 1] == word[p]:
        return 1.0, True  # two neighbours swapped
    return None


# ------------------------------------------------------------------ loading
_LOADED: dict[str, Dictionary] = {}


def load(variant: str) -> Dictionary:
    """The dictionary of an English variant ('en', 'en-US', 'en-GB').

    Raises ``LookupError`` when the word list is not installed."""
    dic = _LOADED.get(variant)
    if dic is None:
        words, typos, british = _data()
        dic = _LOADED[variant] = Dictionary(words, typos, british, variant)
    return dic


_DATA: list[Packed] | None = None


def _resource_path(parts: tuple[str, ...]) -> str:
    package = parts[0]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(
            f"the word list of the {package} package is not installed; reinstall lintkit with pip"
        )
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, *parts[1:])
        if os.path.isfile(path):
            return path
    raise LookupError(f"{package} is installed without its word list {'/'.join(parts[1:])}")


def _data() -> list[Packed]:
    """The three lists, from the cache (memory-mapped: only the groups a run
    looks at are read) or built from the packages' files (and cached)."""
    global _DATA
    if _DATA is not None:
        return _DATA
    sources = [_resource_path(_RESOURCE), _resource_path(_MISSPELLINGS), _resource_path(_BRITISH)]
    key = f"en-{_CACHE_FORMAT}-{_stamp(sources)}.cache"
    folder = cache_dir()
    cached = os.path.join(folder, key) if folder else None
    if cached:
        packed = _read_cache(cached)
        if packed is not None:
            _DATA = packed
            return packed
    import gzip
    import json

    with gzip.open(sources[0], "rb") as fh:
        words = json.loads(fh.read())
    lines = [
        (word.lower(), f"{word.lower()}\t{freq}")
        for word, freq in words.items()
        if isinstance(word, str) and word and isinstance(freq, int)
    ]
    packed = [Packed.build(lines), _codespell(sources[1]), _codespell(sources[2])]
    if cached and folder:
        # Layout: 8 bytes (header size), the header (marshal: each list's index
        # and blob size), the blobs one after the other.
        header = marshal.dumps([(p.index, len(p.blob)) for p in packed])
        body = b"".join(bytes(p.blob) for p in packed)
        _write_cache(folder, cached, len(header).to_bytes(8, "little") + header + body)
    _DATA = packed
    return packed


def _stamp(sources: list[str]) -> str:
    """What names the cache of these lists: their sizes and a checksum of
    their bytes (about a millisecond), not their times: every virtual
    environment that installs the same lists (pre-commit's, a project's, a
    CI cache's) shares one cache instead of each replacing the other's."""
    import zlib

    crc, sizes = 0, []
    for path in sources:
        with open(path, "rb") as fh:
            data = fh.read()
        crc = zlib.crc32(data, crc)
        sizes.append(str(len(data)))
    return f"{'.'.join(sizes)}-{crc:08x}"


def _read_cache(path: str) -> list[Packed] | None:
    import mmap

    try:
        with open(path, "rb") as fh:
            size = int.from_bytes(fh.read(8), "little")
            header = marshal.loads(fh.read(size))
            view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, EOFError, ValueError, TypeError, OverflowError):
        return None
    if not isinstance(header, list) or len(header) != 3:
        return None
    packed, base = [], 8 + size
    for index, length in header:
        if not isinstance(index, dict) or base + length > len(view):
            return None
        packed.append(Packed(view, index, base))
        base += length
    return packed


def _codespell(path: str) -> Packed:
    """A codespell dictionary (``typo->fix, fix,[ reason]`` lines), packed."""
    typos: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            typo, sep, fixes = line.strip().partition("->")
            comma = fixes.rfind(",")
            if 0 <= comma < len(fixes) - 1:
                fixes = fixes[:comma]  # after the last comma: codespell's reason, not a fix
            fixes = fixes.rstrip(",")
            if sep and typo and fixes:
                typos.append((typo.lower(), f"{typo.lower()}->{fixes}"))
    return Packed.build(typos)


def cache_dir() -> str | None:
    """Where the word-list cache lives; None: no cache."""
    explicit = os.environ.get("LINTKIT_CACHE_DIR")
    if explicit is not None:
        return explicit or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "lintkit")


def _write_cache(folder: str, path: str, data: bytes) -> None:
    """Write the cache atomically; any failure just means no cache. A file
    name that is a symlink is replaced, never written through."""
    try:
        os.makedirs(folder, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".lintkit-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            return
        keep = os.path.basename(path)
        # Caches of word lists no longer installed go once they are a month
        # old: another environment may still use a younger one (two
        # environments with different versions of the lists must not remove
        # each other's cache at every run).
        stale = time.time() - STALE_SECONDS
        for name in os.listdir(folder):
            if name.startswith("en-") and name.endswith((".marshal", ".cache")) and name != keep:
                other = os.path.join(folder, name)
                if os.lstat(other).st_mtime < stale:
                    os.unlink(other)
    except OSError:
        pass
