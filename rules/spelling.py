"""spelling: a misspelt word in the text a reader sees.

## What it checks

Every word of the prose a reader sees: paragraph, heading, list, table and
block-quote text, link text, image alt text, and the front-matter values
shown as text (option ``front-matter-keys``: ``title``, ``description``,
``subtitle``, ``summary``). Never code spans or blocks, URLs, e-mail
addresses, Liquid tags and outputs, ``{% raw %}`` regions, HTML tags,
attributes and blocks, kramdown IALs, link destinations, file names and
paths, front-matter keys, words with digits or underscores, acronyms
(``TDD``) or words with inner capitals (``GitHub``, ``JavaScript``).

A word is known when the English dictionary lists it (pyspellchecker's word
list; ``en-GB`` and ``en`` also accept British spellings such as *colour*
and *organise*) or the site's vocabulary accepts it: the words file
``.lintkit/words.txt`` (option ``words-file``), the keys and names of
``_data/*.yml``, and the words of other pages' titles.

An unknown word is reported when codespell lists it as a common
misspelling (on ``en-US`` pages, a British spelling too): always. Any other
unknown word is reported only when it looks like a typo rather than a term
or a name of the site: it has ``min-length`` letters or more (default 5), it
is no known word with a common ending or prefix nor two known words written
together, exactly one known word is one typing slip away (a letter doubled,
dropped or added inside the word, a neighbouring key or another vowel typed,
two neighbours swapped) and that word is common (``min-frequency``), and the
site uses the word on at most ``typo-pages`` pages (default 2) and fewer
than ``term-count`` times (default 4). A capitalised word inside a sentence
is a name (reported only when codespell lists it); one right after an
unknown capitalised word is a surname (never reported). The README's
"Spelling" section has the rule in full.

The suggestions are the nearest known words, the nearest first; among
equals, the word more pages of the site use first, then the word more
frequent in English.

The language is the page's ``lang`` (or ``language``) front matter, else the
site's in ``_config.yml``, else the option ``language`` (``en``: American and
British spellings; ``en-US``; ``en-GB``). A page in another language, or whose
words are mostly not English, is not checked; the run's summary says how many
pages that was, once.

## Why

Typos are the defect readers notice first and reviewers fix by hand most
often. A general spell checker either checks code and URLs or skips the
front matter; this rule reads the page as Jekyll renders it.

## Example

```markdown
---
title: Retrospectives
layout: default
lang: en
---
We have come accross this before.
```

```text
page.md:6:14: warning [spelling] 'accross' is not a known word: did you mean 'across'? (if it is right, add it to .lintkit/words.txt)
```

## How to fix

Correct the word. If it is right (a name, a tool, a term of the site), add
it to ``.lintkit/words.txt`` (``lintkit words --add`` adds every unknown
word of the site), or disable the rule for the line with
``<!-- lintkit-disable-next-line spelling -->``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lintkit import spellcheck
from lintkit.document import Document
from lintkit.findings import Finding
from lintkit.rule import Option, finding, rule
from lintkit.site import Site

OPTIONS = {
    "language": Option(
        str,
        "none",
        "the language of pages that do not say (lang/language in front matter or _config.yml): "
        "en (American and British spellings), en-US, en-GB, or none: such pages are not checked",
    ),
    "front-matter-keys": Option(
        list,
        list(spellcheck.DEFAULT_KEYS),
        "front-matter keys whose values are shown as text and checked",
    ),
    "words-file": Option(
        str,
        spellcheck.DEFAULT_WORDS_FILE,
        "the site's words file, relative to the site root",
        kind="path",
    ),
    "typo-pages": Option(
        int,
        2,
        "an unknown word one edit from a known word is reported when at most this many pages use it",
    ),
    "term-count": Option(
        int,
        4,
        "an unknown word written this many times on the site is a term of the site",
    ),
    "min-length": Option(
        int, 5, "shorter unknown words are reported only when they are listed misspellings"
    ),
    "min-frequency": Option(
        int,
        250,
        "an unknown word that is no listed misspelling is reported only when its best "
        "suggestion is at least this common (count in the English word list)",
    ),
    "max-suggestions": Option(int, 3, "how many suggestions a finding names"),
}


@rule(
    "spelling",
    "A word a reader sees is misspelt (English dictionary plus the site's vocabulary)",
    severity="warning",
    options=OPTIONS,
    tags=("prose", "copied"),
    reads_site=True,  # the site's vocabulary: the titles and words of every page
)
def RULE(doc: Document, site: Site, options: dict[str, Any]) -> Iterable[Finding]:
    checker = spellcheck.for_page(doc, site, options)
    if checker is None:
        return
    words_file = options["words-file"]
    for word, offset, suggestions in checker.typos(doc):
        line, col = doc.position(offset)
        if suggestions:
            names = [f"'{s}'" for s in suggestions[: options["max-suggestions"]]]
            guess = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            message = f"'{word}' is not a known word: did you mean {guess}?"
        else:
            message = f"'{word}' is not a known word"
        yield finding(doc, line, col, f"{message} (if it is right, add it to {words_file})")
