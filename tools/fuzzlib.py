"""Hostile inputs for lintkit and the invariants every run must keep.

Shared by ``tools/fuzz.py`` (long random runs), ``tools/hostile_site.py``
(1,000 hostile files in a real site) and the hypothesis suite in ``tests/``:

- ``FRAGMENTS`` / ``FRONT_MATTER`` / ``CONFIGS`` / ``LINTKIT_CONFIGS``:
  pieces of pages, YAML and configuration that broke lintkit once or that a
  hostile pull request would try (odd YAML, alias bombs, Liquid and HTML ids,
  control characters, workflow commands, long runs);
- ``random_site(rng)``: a tiny site (a few files) built from them, with
  random byte mutations;
- ``write_site(root, files)``: the site on disk (names may be bytes: not
  UTF-8);
- ``run_checks(root, ...)``: lintkit on the site, in this process, in every
  report format, and the list of broken invariants (empty: all held).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import xml.etree.ElementTree as ET
from typing import Any

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

# Values for a YAML key: odd dates, tags, numbers, strings.
YAML_VALUES = [
    "2027-06-31",
    "2024-13-01",
    "2024-02-29",
    "9999-12-31 23:59:59 -12:00",
    "0001-01-01 00:00:00 +14:00",
    "!!bool maybe",
    "!!int 0b2",
    "!!float x",
    "!!timestamp soon",
    "!!binary '***'",
    "!foo bar",
    "!!str [1]",
    "!!set {a, b}",
    "!!omap [a: 1, a: 2]",
    "9" * 4400,
    "1:30:00",
    "0x1F",
    ".inf",
    "~",
    "yes",
    "'a\\x1b[31mred'",
    '"\\e]8;;http://x\\e\\\\link"',
    "[1, [2, [3, [4]]]]",
    "{a: {b: {c: 1}}}",
    "*undefined",
    "&x 1",
    "|\n  block\n  text",
    "'::error::forged'",
    '"\\u202eevil"',
    "[" * 60 + "]" * 60,
    "/a/b/:title/",
    ":year/:month/:day/:title:output_ext",
    "-1",
    "",
]
KEYS = [
    "title",
    "layout",
    "date",
    "expiry_date",
    "permalink",
    "published",
    "draft",
    "status",
    "categories",
    "tags",
    "slug",
    "defaults",
    "collections",
    "exclude",
    "include",
    "baseurl",
    "url",
    "theme",
    "author",
    "difficulty",
]

# Pieces of a page body.
FRAGMENTS = [
    "# Heading\n",
    "## Heading {#custom-id}\n",
    "### Heading with `code` and [link](x.md)\n",
    "Text with a [link](other.md) and ![image](img.png).\n",
    "[link]({% link other.md %})\n",
    "[link]({% link missing.md %}#frag)\n",
    "{% link\n::add-mask::secret\n::error file=x::forged.md %}\n",
    "{% include_relative ../../../../etc/passwd %}\n",
    "{% include ../secret.txt %}\n",
    "{% post_url 2024-01-01-a %}\n",
    "{% raw %}{{ not liquid }}{% endraw %}\n",
    "{% comment %} unclosed\n",
    "{{ page.title | relative_url }}\n",
    "{% if x %}{% for y in site.pages %}{{ y.url }}{% endfor %}{% endif %}\n",
    "{% link {{ page.target }} %}\n",
    '<a id="a{{x}}a{{x}}a{{x}}a{{x}}a{{x}}b">x</a>\n',
    '<a id="sec-{{ n }}-end" name="n{{x}}">x</a>\n',
    "[frag](#" + "a" * 300 + ")\n",
    "[frag](other.md#" + "a" * 200 + "c)\n",
    "1. **One.** first\n2. **Two.** second\n3. **Three.** third\n",
    "1. a\n1. b\n7. c\n",
    "1. milestone " + "9" * 5000 + "\n2. x\n3. y\n",
    "See milestone " + "9" * 3000 + " and milestones 1-" + "9" * 3000 + ".\n",
    "_Note: These milestones are still in draft and under review._\n",
    "> quote\n> > nested\n" * 3,
    "- " * 200 + "deep\n",
    ">" * 500 + " deep quote\n",
    "```\ncode {% link x.md %}\n```\n",
    "~~~\nunclosed fence\n",
    "| a | b |\n|---|---|\n| [x](y.md) | ![i](j.png) |\n",
    "[ref][label]\n\n[label]: target.md\n[unused]: u.md\n",
    "<!-- lintkit-disable-next-line link-target -->\n[x](nope.md)\n",
    "<!-- lintkit-disable-file -->\n",
    "<!-- lintkit-disable bogus-rule -->\n",
    "Text \x1b[31mred\x1b[0m and \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\\n",
    "::error file=a.md,line=1::forged\n",
    "  ::add-mask::secret\n",
    "Bidi \u202eevil\u202c and \u2028line sep\n",
    "Zero\u200bwidth and \ufeffbom\n",
    "[x](<img src=x onerror=alert(1)>.md)\n",
    "![x](https://host/t.png)\n",
    '[a](b.md "title") [c]( d.md ) [e](f.md#)\n',
    "[a](%2e%2e/%2e%2e/etc/passwd)\n",
    "[a](../../../../etc/passwd)\n",
    "[a](/../../outside.md)\n",
    "[a](file:///etc/passwd) [b](javascript:alert(1))\n",
    "<https://example.com> <mailto:a@b.c>\n",
    "[" * 300 + "x" + "]" * 300 + "\n",
    "(" * 300 + "\n",
    "*" * 500 + "\n",
    "{%" * 200 + "\n",
    "{{" * 200 + "\n",
    "\t\tTabs\tand\ttrailing   \n",
    "\r\nCRLF line\r\n",
    "\rCR only\r",
    "a" * 20000 + "\n",
    "\n" * 300,
    "Duration: 90 min\n",
    "## Connect\n## Concept\n## Concrete\n## Conclusions\n",
    "Ünïcödé 日本語 🎉\n",
]

FRONT_MATTER_EXTRA = [
    BOMB + "permalink: *i\n",
    "a: &a [*a]\n",
    "- just\n- a list\n",
    "just a string\n",
    "title: [unclosed\n",
    "title:\tTab\n",
    "\tindented: tab\n",
    "title: !!python/object/apply:os.system ['echo hi']\n",
]

CONFIGS = [
    "title: T\n",
    "title: T\ndefaults: 1\n",
    "title: T\ndefaults: [1, {scope: 3, values: 4}, {scope: {path: 1, type: []}, values: {permalink: 5}}]\n",
    "title: T\ncollections: 3\nexclude: {a: 1}\npermalink: [1]\nbaseurl: [x]\n",
    "title: T\ncollections:\n  notes: {output: true, permalink: /n/:name/}\n",
    "title: T\nbaseurl: /base\nurl: https://example.com\n",
    "title: T\nexclude: ['" + "*a" * 30 + "*b']\n",
    "title: T\n" + BOMB + "baseurl: *i\n",
    "title: T\npermalink: pretty\nfuture: true\n",
    "title: T\nmarkdown_ext: 5\n",
    "title: T\nplugins: [jekyll-optional-front-matter]\n",
    "- not a mapping\n",
    "title: [unclosed\n",
    "title: T\nstarted: 2027-06-31\n",
    "title: T\nn: " + "9" * 4400 + "\n",
    "title: T\nx: !!bool maybe\n",
    "\x00\x01binary",
]

LINTKIT_CONFIGS = [
    None,
    "extends: samman\n",
    "extends: jekyll\n",
    "rules:\n  list-numbering: off\n",
    "exclude: ['" + "*a" * 30 + "*b']\n",
    "define:\n  - {id: no-as, kind: forbid-text, pattern: '(a|aa)+$', message: too many}\n",
    "define:\n  - {id: rq, kind: require-text, pattern: 'Note', message: add a note}\n",
    "define:\n  - {id: secs, kind: sections, sections: [Connect, Concept]}\n",
]

DATA_FILES = [
    "- name: a\n- name: b\n",
    BOMB,
    "k: 2027-06-31\n",
    "k: !!int 0b2\n",
    "[unclosed\n",
]

NAMES = [
    "index.md",
    "other.md",
    "a b.md",
    "sub/page.md",
    "_posts/2024-01-01-a.md",
    "_drafts/d.md",
    "_notes/n.md",
    "society/x_milestones.md",
    "_learning_hours/h.md",
    "new\nline::error::x.md",
    "::warning::lead.md",
    "esc\x1b[31m.md",
    "bidi\u202e.md",
    "%2e%2e.md",
    "UPPER.MD",
    "img.png",
    "x.markdown",
]
BYTE_NAMES = [b"caf\xff.md", b"\xfe\xff.md", b"sub/\x80.md"]


def front_matter(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return rng.choice(FRONT_MATTER_EXTRA)
    lines = []
    for _ in range(rng.randint(0, 5)):
        lines.append(f"{rng.choice(KEYS)}: {rng.choice(YAML_VALUES)}\n")
    return "".join(lines)


def page(rng: random.Random) -> bytes:
    parts = []
    if rng.random() < 0.8:
        parts.append("---\n" + front_matter(rng) + ("---\n" if rng.random() < 0.95 else ""))
    for _ in range(rng.randint(0, 6)):
        parts.append(rng.choice(FRAGMENTS))
        if rng.random() < 0.3:
            parts.append("\n")
    data = "".join(parts).encode("utf-8", "surrogatepass")
    return mutate(rng, data) if rng.random() < 0.3 else data


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random byte edits: flips, cuts, repeats, inserted odd bytes."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            buf += bytes([rng.randrange(256)])
            continue
        i = rng.randrange(len(buf))
        op = rng.randrange(5)
        if op == 0:
            buf[i] = rng.randrange(256)
        elif op == 1:
            del buf[i : i + rng.randint(1, 16)]
        elif op == 2:
            buf[i:i] = buf[i : i + rng.randint(1, 32)] * rng.randint(2, 20)
        elif op == 3:
            buf[i:i] = rng.choice(
                [b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r", b"---\n", b"{%", b"%}"]
            )
        else:
            buf = buf[:i]
    return bytes(buf)


def random_site(rng: random.Random) -> dict[str | bytes, Any]:
    """A tiny site: rel name (str, or bytes when not UTF-8) -> bytes, or the
    special values ("symlink", target) and ("fifo",)."""
    files: dict[str | bytes, Any] = {"_config.yml": rng.choice(CONFIGS).encode()}
    if rng.random() < 0.2:
        files["_config.yml"] = mutate(rng, files["_config.yml"])
    for _ in range(rng.randint(1, 4)):
        name: str | bytes = rng.choice(NAMES)
        if rng.random() < 0.05:
            name = rng.choice(BYTE_NAMES)
        files[name] = page(rng)
    lk = rng.choice(LINTKIT_CONFIGS)
    if lk is not None:
        files[".lintkit.yml"] = lk.encode()
    if rng.random() < 0.2:
        files["_data/themes.yml"] = rng.choice(DATA_FILES).encode()
    if rng.random() < 0.05:
        files["_layouts/default.html"] = rng.choice(FRAGMENTS).encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        files["link.md"] = ("symlink", "../outside.md")
    if rng.random() < 0.03 and hasattr(os, "mkfifo"):
        files["pipe.png"] = ("fifo",)
    return files


def write_site(root: str, files: dict[str | bytes, Any], outside: str | None = None) -> None:
    """Write ``files`` under ``root`` (emptied first). ``outside``: a file
    beyond the site that symbolic links point to (it must never be read)."""
    if os.path.lexists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    broot = os.fsencode(root)
    for name, content in files.items():
        bname = name if isinstance(name, bytes) else name.encode("utf-8", "surrogateescape")
        path = os.path.join(broot, bname)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, tuple):
            if content[0] == "symlink":
                os.symlink(os.fsencode(outside or content[1]), path)
            elif content[0] == "fifo":
                os.mkfifo(path)
            continue
        with open(path, "wb") as fh:
            fh.write(content)


_ANNOTATION = re.compile(
    r"::(error|warning|notice) file=[^\n:]*(,line=\d+(,col=\d+)?)?,title=[^:\n]*::[^\n]*"
)
FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


def run_checks(
    root: str,
    *,
    jobs: tuple[int, ...] = (1,),
    secret: str | None = None,
    formats: tuple[str, ...] = FORMATS,
) -> list[str]:
    """Run lintkit on the site at ``root`` in this process and render it in
    ``formats``; return what went wrong (empty when every invariant held).
    Exceptions escape to the caller (a crash)."""
    from lintkit.cli import render
    from lintkit.config import ConfigError
    from lintkit.engine import INTERNAL_RULE, Engine
    from lintkit.errors import UsageError

    problems: list[str] = []
    results = []
    for n in jobs:
        engine = Engine(site_root=root, jobs=n)
        try:
            result = engine.check([root])
        except (
            UsageError,
            ConfigError,
        ) as exc:  # a broken .lintkit.yml: one line, exit 2 (allowed)
            text = str(exc)
            if "\n" in text or "\x1b" in text:
                problems.append(f"run error is not one plain line: {text!r}")
            return problems
        results.append((engine, result))
    engine, result = results[0]
    if result.errors:
        problems.append(f"run errors (exit 2): {result.errors[:2]}")
    for f in result.findings:
        if f.rule == INTERNAL_RULE:
            problems.append(f"internal error: {f.path}: {f.message}")
    for _, other in results[1:]:
        if [g.to_dict() for g in other.findings] != [g.to_dict() for g in result.findings]:
            problems.append("different findings with another --jobs")
    for fmt in formats:
        out = render(result, fmt, engine)
        try:
            out.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(f"{fmt}: not valid UTF-8")
            continue
        if "\x1b" in out or "\r" in out or "\x9b" in out:
            problems.append(f"{fmt}: a control character reaches the output")
        if secret and secret in out:
            problems.append(f"{fmt}: text of a file outside the site is shown")
        for line in out.split("\n"):
            if line.lstrip().startswith("::") and not (
                fmt == "github" and _ANNOTATION.fullmatch(line)
            ):
                problems.append(f"{fmt}: a line GitHub would run: {line[:80]!r}")
                break
        if fmt in ("json", "sarif", "gitlab"):
            try:
                json.loads(out)
            except ValueError as exc:
                problems.append(f"{fmt}: invalid JSON: {exc}")
        elif fmt == "junit":
            try:
                ET.fromstring(out.encode("utf-8"))
            except ET.ParseError as exc:
                problems.append(f"junit: invalid XML: {exc}")
    from lintkit.report import github

    summary = github.step_summary(result.findings, result.files, rules=list(engine.rules.values()))
    for line in summary.split("\n")[4:]:
        if re.search(r"(?<!\\)[!\[\]<>`|]", line.replace("| ", "").replace(" |", "")):
            problems.append(f"step summary: unescaped Markdown: {line[:80]!r}")
            break
    return problems
