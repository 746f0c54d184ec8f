"""Spell checking of a page against a dictionary and the site's vocabulary:
what the ``spelling`` rule reports and what ``lintkit words`` lists.

The dictionary is imported and loaded only when a page is checked, so runs
without the rule pay nothing. See ``rules/spelling.py`` for the exact rule.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

from . import prose
from .vocabulary import DEFAULT_WORDS_FILE, Vocabulary

DEFAULT_KEYS = prose.DEFAULT_KEYS
NOTES_KEY = "notes"  # site.memo[NOTES_KEY]: {topic: sentence} said once in the run's summary
MIN_WORDS_FOR_GUESS = 30  # a page with this many words, most unknown, is not English
# Longer "words" are never checked: no English word is longer (45 letters:
# pneumonoultramicroscopicsilicovolcanoconiosis), and the suggestions of a
# word cost the square of its length (a 5,000-letter run of one letter took
# gigabytes and minutes).
MAX_WORD_LENGTH = 45
__all__ = ["DEFAULT_KEYS", "DEFAULT_WORDS_FILE", "Checker", "for_page", "skipped_word"]


def skipped_word(word: str) -> bool:
    """Words never checked: one letter, acronyms (TDD), inner capitals (GitHub),
    more than ``MAX_WORD_LENGTH`` letters."""
    if len(word) < 2 or len(word) > MAX_WORD_LENGTH:
        return True
    if word.islower():
        return False
    rest = word[1:]
    return word.isupper() or rest != rest.lower()


def page_language(doc: Any, site: Any, default: str) -> str | None:
    """'en', 'en-US' or 'en-GB' for an English page, 'other:<tag>' for another
    language. The page's front matter wins, then ``_config.yml``, then the
    option."""
    from .dictionary import normalize_language

    data = doc.data
    for source in (data, site.config):
        for key in ("lang", "language"):
            lang = normalize_language(source.get(key)) if isinstance(source, dict) else None
            if lang is not None:
                if lang == "en":
                    fallback = normalize_language(default)  # its variant (en-GB) if it says one
                    if fallback and not fallback.startswith("other:"):
                        return fallback
                return lang
    if str(default).strip().lower() == "none":
        return "none"
    return normalize_language(default) or "en"


def for_page(doc: Any, site: Any, options: dict[str, Any]) -> Checker | None:
    """The checker for ``doc``, or None when its language has no dictionary
    (recorded for the run's summary)."""
    lang = page_language(doc, site, options["language"])
    if lang == "none":
        return None  # the language is unknown and the configuration says not to guess
    if lang is None or lang.startswith("other:"):
        tag = lang[6:] if lang else "?"
        _skipped(site, tag)
        return None
    key = ("spellcheck.checker", lang, repr(sorted(options.items())))
    checker: Checker | None = site.memo.get(key)
    if checker is None:
        from . import dictionary

        checker = site.memo[key] = Checker(
            dictionary.load(lang), Vocabulary.of(site, options["words-file"]), options
        )
    return checker


def _skipped(site: Any, tag: str) -> None:
    counts = site.memo.setdefault("spellcheck.skipped", {})
    counts[tag] = counts.get(tag, 0) + 1
    total = sum(counts.values())
    langs = ", ".join(sorted(counts))
    pages = "1 page" if total == 1 else f"{total} pages"
    site.memo.setdefault(NOTES_KEY, {})["spelling"] = (
        f"spelling: {pages} not checked ({langs}): lintkit has English dictionaries only"
    )


_TRANSPARENT = set(" \t\n*_[(\"'`\u201c\u2018") | {prose.HIDDEN}
_SENTENCE_START = set(".!?:;-|>#+")


def sentence_start(text: str, offset: int) -> bool:
    """Does the word at ``offset`` start a sentence, a heading, a list item or
    a table cell (looking back over blanks, emphasis, brackets, quotes)?"""
    i = offset - 1
    stop = max(0, offset - 80)
    while i >= stop and text[i] in _TRANSPARENT:
        i -= 1
    return i < stop or text[i] in _SENTENCE_START


def _before_capital(text: str, end: int) -> bool:
    """Is the word ending at ``end`` followed by a capitalised word (Saleem Ansari)?"""
    i, n = end, min(len(text), end + 3)
    while i < n and text[i] in " \t":
        i += 1
    return i < len(text) and i > end and text[i].isupper()


def _capital_before(text: str, start: int) -> str | None:
    """The capitalised word right before the word at ``start`` (Ankush in
    Ankush Menat), if there is one."""
    i = start - 1
    stop = max(0, start - 3)
    while i >= stop and text[i] in " \t":
        i -= 1
    if i < 0 or i == start - 1 or not text[i].isalpha():
        return None
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j : i + 1] if text[j].isupper() else None


class Checker:
    def __init__(self, dic: Any, vocab: Vocabulary, options: dict[str, Any]):
        self.dic = dic
        self.vocab = vocab
        self.keys = tuple(str(k) for k in options["front-matter-keys"])
        self.typo_pages = int(options["typo-pages"])
        self.term_count = int(options["term-count"])
        self.min_length = int(options["min-length"])
        self.min_frequency = int(options["min-frequency"])
        self._verdicts: dict[str, tuple[bool, list[str]] | None] = {}  # key -> verdict
        self._pages_prepared = 0  # pages whose unknown words were judged
        # tokens that are one word, checked and known: they only count (unknown())
        self._known_tokens: set[str] = set()

    def unknown(self, doc: Any) -> dict[str, int] | None:
        """Unknown words of the page -> how often it writes them; None when
        the page looks like another language (most of its words unknown). A
        part of a hyphenated word is keyed ``-part``: it is right when the
        parts written together are a word (take-aways), and codespell's
        list (whole words) is not asked about it."""
        found: dict[str, int] = {}
        total = misses = 0
        known, rel = self.dic.known, doc.rel
        in_file, on_site, listed = (
            self.vocab.words.accepts,
            self.vocab.accepts,
            self.dic.misspelling,
        )
        cache = self.dic.cache  # word -> known, filled by known()
        split = prose.split_token
        counts = Counter(prose.tokens(doc, self.keys))
        # Words known on an earlier page only add to the total: most tokens
        # of a page are set aside here, without the steps below.
        ok = self._known_tokens
        rest = [token for token in counts if token not in ok]
        if len(rest) < len(counts):
            total = sum(counts.values()) - sum(map(counts.__getitem__, rest))
        for token in rest:
            n = counts[token]
            if token.isalpha():
                parts: tuple[str, ...] = (token,)
                hyphenated = False
            else:
                parts = split(token)
                if not parts:
                    continue
                hyphenated = len(parts) > 1 or parts[0] != token.strip("-'\u2019")
            joined_ok = None
            for word in parts:
                if len(word) > MAX_WORD_LENGTH or (not word.islower() and skipped_word(word)):
                    continue
                total += n
                hit = cache.get(word)
                if hit or (hit is None and known(word)) or in_file(word):
                    if not hyphenated and word is token:
                        ok.add(token)
                    continue
                # _data names and other pages' titles vouch for a word, but
                # not for a misspelling codespell lists.
                if on_site(word, rel) and (hyphenated or listed(word) is None):
                    continue
                if hyphenated:
                    if joined_ok is None:
                        joined = "".join(parts).lower()
                        joined_ok = known(joined) or self.dic.derived(joined)
                    if joined_ok:
                        continue
                    word = "-" + word
                misses += n
                found[word] = found.get(word, 0) + n
        if total >= MIN_WORDS_FOR_GUESS and misses * 2 > total:
            return None
        return found

    def typos(self, doc: Any) -> Iterator[tuple[str, int, list[str]]]:
        """(word, offset, suggestions) of every reported word, in order."""
        found = self.unknown(doc)
        if found is None:
            _skipped(self.vocab.site, "not English")
            return
        pending = [key for key in found if key not in self._verdicts]
        if pending and self._pages_prepared:
            # A run over several pages: count every word of the site once now,
            # so that a word the site uses often (a term) is set aside before
            # its suggestions are looked for.
            self.vocab.count_all()
        self._pages_prepared += bool(pending)
        if pending:
            prepared = {key: self._prepare(key) for key in pending}
            self.vocab.prefetch({w for p in prepared.values() if p for w in p[2]})
            for key, p in prepared.items():
                self._verdicts[key] = self._finish(key, p)
        reported = {}
        for key in found:
            verdict = self._verdicts[key]
            if verdict is not None:
                reported[key] = verdict
        if not reported:
            return
        text = prose.visible(doc, self.keys)
        for off, word, token in prose.words(text):
            key = word if token is word else "-" + word
            verdict = reported.get(key)
            if verdict is None:
                continue
            listed, suggestions = verdict
            # A capitalised word after an unknown capitalised word is a name; one
            # inside a sentence, or before another one, too, unless codespell lists it.
            if word[:1].islower():
                yield word, off, suggestions
            elif (before := _capital_before(text, off)) and not (
                self.dic.known(before) or self.vocab.accepts(before, doc.rel)
            ):
                continue  # after an unknown capitalised word: a surname (Ankush Menat)
            elif listed or (
                sentence_start(text, off) and not _before_capital(text, off + len(word))
            ):
                yield word, off, suggestions

    def verdict(self, key: str) -> tuple[bool, list[str]] | None:
        """None: not reported; else (a listed misspelling?, suggestions)."""
        if key not in self._verdicts:
            p = self._prepare(key)
            self._verdicts[key] = self._finish(key, p)
        return self._verdicts[key]

    def _prepare(self, key: str) -> tuple[bool, str, list[str]] | None:
        """What can be decided without counting words on the site: None (not
        reported), or (listed by codespell?, the word in lower case, the
        candidate corrections), whose pages are counted next."""
        part = key.startswith("-")  # a part of a hyphenated word
        word = key.lstrip("-")
        low = word.lower().replace("\u2019", "'")
        if self.vocab.words.spelled(word):
            return True, low, []
        fixes = None if part else self.dic.misspelling(low)
        if fixes is not None:
            return True, low, fixes + self.dic.close(low)
        base = low[:-2] if low.endswith("'s") else low  # the length of app's is app's
        if len(base) < self.min_length or self.dic.derived(base):
            return None
        if self.vocab.counted and self._term(low):
            return None  # what _finish would say, without looking for suggestions
        from .dictionary import slip

        close = self.dic.close(low)
        typical = [c for c in close if (s := slip(low, c)) is not None and s[1]]
        if len(typical) != 1:
            return None  # no correction, or no clear one: a term or a name more likely
        return False, low, [low, *close]

    def _finish(
        self, key: str, prepared: tuple[bool, str, list[str]] | None
    ) -> tuple[bool, list[str]] | None:
        if prepared is None:
            return None
        word = key.lstrip("-")
        spelled = self.vocab.words.spelled(word)
        if spelled:
            return True, [spelled]
        listed, low, candidates = prepared
        if not listed:
            if self._term(low):
                return None
            ranked = self._rank(low, candidates[1:], word)
            if self.dic.frequency(ranked[0].lower()) < self.min_frequency:
                return None  # a typo's correction is a common word; this is a name or a term
            return listed, ranked
        return listed, self._rank(low, candidates, word)

    def _term(self, low: str) -> bool:
        """Does the site use ``low`` too often for a typo (a term of the site)?"""
        return self.vocab.pages(low) > self.typo_pages or self.vocab.count(low) >= self.term_count

    def _rank(self, low: str, candidates: list[str], word: str) -> list[str]:
        from .dictionary import slip

        pages_of, freq = self.vocab.pages, self.dic.frequency

        def key(c: str) -> tuple[float, int, int, str]:
            s = slip(low, c)
            return (s[0] if s is not None else 2.0), -pages_of(c), -freq(c), c

        seen = []
        for c in sorted(set(candidates), key=key):
            seen.append(_recase(c, word))
        return seen


def _recase(suggestion: str, like: str) -> str:
    if like[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def site_words(engine: Any, paths: list[str]) -> dict[str, list[tuple[str, int, int]]]:
    """``lintkit words``: the unknown words of the Markdown files under
    ``paths``, per site root: (word, times written, pages), most written
    first. Pages that say no language are taken as English here."""
    from .document import Document

    by_root: dict[str, dict[str, list[int]]] = {}
    for path, root in engine.discover(paths):
        site, cfg = engine.site(root), engine.config(root)
        rel = site.rel(path) if site.contains(path) else path.rsplit("/", 1)[-1]
        settings = cfg.for_path(rel).get("spelling")
        options = dict(settings.options if settings else {})
        for name, option in engine.rules["spelling"].options.items():
            options.setdefault(name, option.default)
        if str(options["language"]).strip().lower() == "none":
            options["language"] = "en"
        doc = Document.load(path, rel, rel)
        if not doc.readable:
            continue
        checker = for_page(doc, site, options)
        found = checker.unknown(doc) if checker else None
        counts = by_root.setdefault(root, {})
        for key, n in (found or {}).items():
            entry = counts.setdefault(key.lstrip("-"), [0, 0])
            entry[0] += n
            entry[1] += 1
    return {
        root: sorted(((w, c, p) for w, (c, p) in counts.items()), key=lambda t: (-t[1], t[0]))
        for root, counts in by_root.items()
    }


def add_words(site: Any, words_file: str, words: list[str]) -> tuple[str, list[str]]:
    """Append ``words`` that the words file does not accept yet; return (the
    file's path, the words added). The file's own text is kept as it is; a
    path that leaves the site or goes through a symlink is refused."""
    from .errors import UsageError

    root = os.path.realpath(site.root)
    path = os.path.join(root, words_file)
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root or real != os.path.normpath(path):
        raise UsageError(f"the words file '{words_file}' is outside the site or a symlink")
    current = Vocabulary.of(site, words_file).words
    new = [w for w in dict.fromkeys(words) if not current.accepts(w)]
    if not new:
        return path, []
    from . import safeio

    try:
        text = ""
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            if text and not text.endswith("\n"):
                text += "\n"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        safeio.write_text(path, text + "".join(w + "\n" for w in new))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise UsageError(f"cannot write the words file '{path}': {reason}") from None
    return path, new
