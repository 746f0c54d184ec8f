"""Reference definitions written by a Liquid loop, as kramdown sees them after
Liquid has run::

    {% assign issues = "1037|1040" | split: "|" %}
    {% for issue in issues %}
    [#{{ issue }}]: {{ site.repository }}/issues/{{ issue }}
    {% endfor %}

When the loop's list is known statically (a string ``split`` by ``assign``, a
list in the page's front matter, in ``_config.yml`` or in a ``_data`` file,
subfolders included, or a range ``(1..3)``) and the label and destination use
only the loop variable (and its keys) with simple filters, each iteration's
definition is produced. Otherwise the loop's label is a *shape*
(``#…``): a reference whose label has that shape is "unknown", never an
error. Shapes are matched by their literal parts, in order (no regular
expression from the page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import permalinks

_DEF_LINE_RE = re.compile(r"^ {0,3}\[([^\n\]]+)\]:[ \t]*(\S[^\n]*?)[ \t]*$", re.M)
_FOR_RE = re.compile(r"^(\w+)\s+in\s+(\S+)")
_ASSIGN_SPLIT_RE = re.compile(
    r"""^(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*\|\s*split\s*:\s*(?:"([^"]*)"|'([^']*)')\s*$"""
)
_OUTPUT_RE = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_RANGE_RE = re.compile(r"^\((-?\d+)\.\.(-?\d+)\)$")
MAX_ITEMS = 2000


@dataclass
class LoopDefinitions:
    """What the loops of one page define."""

    labels: dict[str, tuple[str | None, int, int]] = field(default_factory=dict)
    # label as written -> (destination or None when unknown, line, column)
    shapes: list[tuple[list[str], int]] = field(default_factory=list)
    # literal parts of a label lintkit cannot evaluate, and its line
    lines: set[int] = field(default_factory=set)  # lines of definition templates in loops

    def shape_of(self, label: str) -> int | None:
        """The line of the loop whose label shape ``label`` has, or None."""
        for parts, line in self.shapes:
            if _fits(parts, label):
                return line
        return None


def _fits(parts: list[str], text: str) -> bool:
    """Does ``text`` read as parts[0] + something + parts[1] + ... (case-insensitive)?"""
    text = text.lower()
    first, last = parts[0].lower(), parts[-1].lower()
    if not text.startswith(first) or not text.endswith(last) or len(text) <= len(first + last):
        return False
    pos = len(first)
    for part in parts[1:-1]:
        k = text.find(part.lower(), pos)
        if k < 0:
            return False
        pos = k + len(part)
    return pos <= len(text) - len(last)


def collect(doc: Any, site: Any) -> LoopDefinitions:
    """The definitions the ``{% for %}`` loops of ``doc`` write (cached)."""
    cached = doc.memo.get("liquid_defs")
    if cached is None:
        cached = doc.memo["liquid_defs"] = _collect(doc, site)
    assert isinstance(cached, LoopDefinitions)
    return cached


def _collect(doc: Any, site: Any) -> LoopDefinitions:
    out = LoopDefinitions()
    text = doc.text
    if "{% for" not in text and "{%- for" not in text:
        return out
    tags = [t for t in doc.liquid.tags if t.region is None]
    lists: dict[str, list[str]] = {}
    stack: list[tuple[str, str, int]] = []
    for t in tags:
        if t.kind != "tag":
            continue
        if t.name == "assign":
            m = _ASSIGN_SPLIT_RE.match(t.markup)
            if m:
                value = m.group(2) if m.group(2) is not None else m.group(3)
                sep = m.group(4) if m.group(4) is not None else m.group(5)
                lists[m.group(1)] = value.split(sep) if sep else list(value)
        elif t.name == "for":
            m = _FOR_RE.match(t.markup)
            stack.append((m.group(1), m.group(2), t.end) if m else ("", "", t.end))
        elif t.name == "endfor" and stack:
            var, source, start = stack.pop()
            if stack or not var:
                continue  # nested loops: only the outermost simple loop is modelled
            _loop(doc, site, out, var, source, start, t.start, lists)
    return out


def _loop(
    doc: Any, site: Any, out: Any, var: str, source: str, start: int, end: int, lists: Any
) -> None:
    body = doc.text[start:end]
    for m in _DEF_LINE_RE.finditer(body):
        label_t, dest_t = m.group(1), m.group(2)
        if "{{" not in label_t:
            continue
        line, col = doc.position(start + m.start(1) - 1)
        out.lines.add(line)
        items = _items(doc, site, source, lists)
        if items is not None:
            done = True
            for item in items[:MAX_ITEMS]:
                label = _render(label_t, var, item, doc, site)
                if label is None:
                    done = False
                    break
                dest = _render(dest_t, var, item, doc, site)
                out.labels.setdefault(label, (dest, line, col))
            if done:
                continue
        parts = _OUTPUT_RE.split(label_t)[::2]  # literal text between outputs
        out.shapes.append((parts, line))


def _items(doc: Any, site: Any, source: str, lists: Any) -> list[Any] | None:
    if source in lists:
        return list(lists[source])
    m = _RANGE_RE.match(source)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return list(range(a, b + 1)) if b - a < MAX_ITEMS else None
    if source.startswith("page."):
        value = _dig(doc.data, source[5:].split("."))
    elif source.startswith("site.data."):
        value = data_value(site, source[10:].split("."))
    elif source.startswith("site."):
        value = _dig(site.config, source[5:].split("."))
    else:
        return None
    if isinstance(value, dict):
        return [[k, v] for k, v in value.items()]
    return value if isinstance(value, list) else None


def _dig(value: Any, keys: Any) -> Any:
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def data_value(site: Any, keys: list[str]) -> Any:
    """``site.data.a.b.c``: ``_data/a.yml`` (or ``.yaml``, ``.json``) or the
    folder ``_data/a/`` with ``b.yml`` ..., then keys (cached per file)."""
    base = str(site.config.get("data_dir") or "_data").strip("/")
    folder = base
    for i, key in enumerate(keys):
        if not re.fullmatch(r"[\w-]+", key):
            return None
        for ext in (".yml", ".yaml", ".json"):
            rel = f"{folder}/{key}{ext}"
            if rel in site.file_set:
                return _dig(_load_data(site, rel), keys[i + 1 :])
        folder = f"{folder}/{key}"
        if folder not in site.dir_set:
            return None
    return None


def _load_data(site: Any, rel: str) -> Any:
    cache = site.memo.setdefault("liquid_defs.data", {})
    if rel not in cache:
        try:
            with open(site.abspath(rel), encoding="utf-8-sig") as fh:
                cache[rel] = yaml.load(
                    fh.read(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                )
        except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
            cache[rel] = None
    return cache[rel]


_FILTER_RE = re.compile(r"""^(\w+)\s*(?::\s*(?:"([^"]*)"|'([^']*)'))?$""")


def _render(template: str, var: str, item: Any, doc: Any, site: Any) -> str | None:
    """``template`` with each ``{{ }}`` evaluated for one loop item (None:
    something lintkit cannot evaluate)."""
    out = []
    pos = 0
    for m in _OUTPUT_RE.finditer(template):
        out.append(template[pos : m.start()])
        pos = m.end()
        value = _expr(m.group(1), var, item, doc, site)
        if value is None:
            return None
        out.append(value)
    out.append(template[pos:])
    text = "".join(out)
    return None if "{%" in text or "{{" in text else text


def _expr(markup: str, var: str, item: Any, doc: Any, site: Any) -> str | None:
    parts = [p.strip() for p in markup.split("|")]
    head = parts[0]
    if head == var or head.startswith(var + ".") or head.startswith(var + "["):
        keys = re.findall(r"\.(\w+)|\[(\d+)\]", head[len(var) :])
        value = item
        for name, index in keys:
            if index:
                value = (
                    value[int(index)]
                    if isinstance(value, list) and int(index) < len(value)
                    else None
                )
            else:
                value = value.get(name) if isinstance(value, dict) else None
        if value is None or isinstance(value, (dict, list)):
            return None
        value = "true" if value is True else "false" if value is False else str(value)
    else:
        from . import links  # site and page values, as the link rules evaluate them

        value = links.evaluate(doc, site, head)
        if value is None:
            return None
    for f in parts[1:]:
        fm = _FILTER_RE.match(f)
        if fm is None:
            return None
        name = fm.group(1)
        arg = fm.group(2) if fm.group(2) is not None else fm.group(3)
        if name == "slugify":
            value = permalinks.slugify(value) or ""
        elif name == "downcase":
            value = value.lower()
        elif name == "upcase":
            value = value.upper()
        elif name == "strip":
            value = value.strip()
        elif name in ("prepend", "append") and arg is not None:
            value = arg + value if name == "prepend" else value + arg
        elif name == "relative_url":
            from . import links

            value = links._relative_url(site, value)
        else:
            return None
    return str(value)
