"""Front matter: split it off a document and parse it safely.

Imports only lintkit.yamlread.

Jekyll treats a file as a page when it starts with ``---`` on its own line; the
front matter ends at the next line that is ``---`` or ``...``. It is parsed as
Jekyll parses it (lintkit.yamlread: a safe loader with Psych's answers, so an
impossible date stays a string and ``!!python`` tags are refused). A document
whose aliases expand to more than ``MAX_NODES`` values, or that nests too deep,
is refused rather than walked (YAML "billion laughs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import yamlread

_Loader: Any
try:  # libyaml is ten times faster; same safety (no Python tags)
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_NODES = yamlread.MAX_NODES
MAX_ALIASES = 100

_OPEN_RE = re.compile(r"---[ \t]*\n")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


@dataclass
class FrontMatter:
    present: bool  # the file starts with a front-matter opener
    closed: bool  # ... and the block is closed
    raw: str  # the YAML text between the markers
    start_line: int  # line of the opening ---
    end_line: int  # line of the closing marker (0 when unclosed)
    data: Any = None  # parsed value (None when absent or invalid)
    error: str | None = None  # a YAML problem, already phrased for the user
    error_line: int = 0  # file line of the problem
    error_column: int = 0
    notes: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, message)


def split(text: str) -> FrontMatter:
    """Find the front matter of ``text`` (already normalised to ``\\n``)."""
    if not text.startswith("---"):
        return FrontMatter(False, False, "", 0, 0)
    m = _OPEN_RE.match(text)
    if not m:
        return FrontMatter(False, False, "", 0, 0)
    close = _CLOSE_RE.search(text, m.end())
    if not close:
        return FrontMatter(True, False, text[m.end() :], 1, 0)
    raw = text[m.end() : close.start()]
    end_line = text.count("\n", 0, close.start()) + 1
    return FrontMatter(True, True, raw, 1, end_line)


def parse(fm: FrontMatter) -> FrontMatter:
    """Parse ``fm.raw`` into ``fm.data``, or set ``fm.error`` (never raises).
    YAML is read as Jekyll reads it (lintkit.yamlread)."""
    if not fm.present or not fm.closed:
        return fm
    raw = fm.raw
    if not raw.strip():
        fm.data = {}
        return fm
    if raw.count("*") > MAX_ALIASES and _alias_count(raw) > MAX_ALIASES:
        fm.error = f"front matter uses more than {MAX_ALIASES} YAML aliases; refusing to expand it"
        fm.error_line = fm.start_line + 1
        return fm
    data = flat_mapping(raw)
    if data is None:
        notes: list[tuple[int, int, str]] = []
        try:
            data = yamlread.load(raw, max_nodes=MAX_NODES, notes=notes)
        except yamlread.YAMLProblem as exc:
            fm.error = "front matter " + exc.message
            fm.error_line = fm.start_line + (exc.line or 1)
            fm.error_column = exc.column if exc.line else 0
            return fm
        fm.notes = [(fm.start_line + line, col, "front matter: " + msg) for line, col, msg in notes]
    else:
        problem = yamlread.check_size(data, MAX_NODES)
        if problem:
            fm.error = "front matter " + problem
            fm.error_line = fm.start_line + 1
            return fm
    fm.data = {} if data is None else data
    return fm


_FLAT_LINE_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+([^\t]*?))?[ ]*")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_DECIMAL_RE = re.compile(r"0|[1-9][0-9]*")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_RESOLVER = yaml.resolver.Resolver()


def _resolve(value: str) -> str:
    """The tag YAML's resolver gives a plain scalar."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def flat_mapping(raw: str) -> dict[Any, Any] | None:
    """The front matter as ``yaml.safe_load`` reads it, when it is nothing but
    ``key: value`` lines with plain text, whole numbers or booleans (most
    pages): built without the YAML machinery, which costs more than the rest
    of a page's checks. None for anything else (quotes, lists, nesting, other
    numbers, dates, comments...), which then goes to YAML. PyYAML's own
    resolver decides what each value is."""
    data: dict[Any, Any] = {}
    for line in raw.split("\n"):
        if not line:
            continue
        m = _FLAT_LINE_RE.fullmatch(line)
        if m is None:
            return None
        key, value = m.group(1), m.group(2)
        if _resolve(key) != _STR_TAG:
            return None
        if not value:
            data[key] = None
            continue
        if len(value) > 1000:
            return None  # long numbers and the like: YAML decides (lintkit.yamlread)
        if value[0] in _INDICATORS or ": " in value or " #" in value or value.endswith(":"):
            return None
        tag = _resolve(value)
        if tag == _STR_TAG:
            data[key] = value
        elif tag == _INT_TAG and _DECIMAL_RE.fullmatch(value):
            data[key] = int(value)
        elif tag == _BOOL_TAG and value.lower() in _BOOLS:
            data[key] = _BOOLS[value.lower()]
        else:
            return None
    return data


def _alias_count(raw: str) -> int:
    count = 0
    try:
        for event in yaml.parse(raw, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                count += 1
    except (yaml.YAMLError, RecursionError):
        return 0  # the real load reports the syntax error
    return count
