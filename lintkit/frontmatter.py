"""Front matter: split it off a document and parse it safely.

A leaf module: imports nothing from lintkit.

Jekyll treats a file as a page when it starts with ``---`` on its own line; the
front matter ends at the next line that is ``---`` or ``...``. It is parsed with
``yaml.safe_load`` (never a full loader: ``!!python`` tags are refused). A
document whose aliases expand to more than ``MAX_NODES`` values, or that nests
deeper than ``MAX_DEPTH``, is refused rather than walked (YAML "billion laughs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is ten times faster; same safety (no Python tags)
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_NODES = 10_000
MAX_DEPTH = 50
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
    """Parse ``fm.raw`` into ``fm.data``, or set ``fm.error`` (never raises)."""
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
    try:
        if data is None:
            data = yaml.load(raw, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        fm.error = _describe(exc)
        if mark is not None:
            fm.error_line = fm.start_line + 1 + mark.line
            fm.error_column = mark.column + 1
        else:
            fm.error_line = fm.start_line + 1
        return fm
    except yaml.YAMLError as exc:
        fm.error = f"front matter is not valid YAML: {exc}"
        fm.error_line = fm.start_line + 1
        return fm
    except RecursionError:
        fm.error = "front matter nests too deeply to parse"
        fm.error_line = fm.start_line + 1
        return fm
    problem = _check_size(data)
    if problem:
        fm.error = problem
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


def flat_mapping(raw: str) -> dict | None:
    """The front matter as ``yaml.safe_load`` reads it, when it is nothing but
    ``key: value`` lines with plain text, whole numbers or booleans (most
    pages): built without the YAML machinery, which costs more than the rest
    of a page's checks. None for anything else (quotes, lists, nesting, other
    numbers, dates, comments...), which then goes to YAML. PyYAML's own
    resolver decides what each value is."""
    data: dict = {}
    for line in raw.split("\n"):
        if not line:
            continue
        m = _FLAT_LINE_RE.fullmatch(line)
        if m is None:
            return None
        key, value = m.group(1), m.group(2)
        if _RESOLVER.resolve(yaml.ScalarNode, key, (True, False)) != _STR_TAG:
            return None
        if not value:
            data[key] = None
            continue
        if value[0] in _INDICATORS or ": " in value or " #" in value or value.endswith(":"):
            return None
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
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


def _check_size(data: Any) -> str | None:
    """Walk the value with a budget: aliases can make a small text a huge (or
    cyclic) structure that any later walk would never finish."""
    budget = MAX_NODES
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        budget -= 1
        if budget < 0:
            return (
                f"front matter expands to more than {MAX_NODES} values "
                "(YAML aliases?); refusing to use it"
            )
        if depth > MAX_DEPTH:
            return f"front matter nests deeper than {MAX_DEPTH} levels; refusing to use it"
        if isinstance(value, dict):
            for k, v in value.items():
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif isinstance(value, (list, tuple)):
            stack.extend((v, depth + 1) for v in value)
    return None


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "tab" in problem and ("indentation" in problem or "\\t" in problem):
        return (
            "front matter is not valid YAML: a tab is used for indentation; "
            "YAML allows only spaces there"
        )
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        return (
            f"front matter is not valid YAML for a safe loader: {problem}; "
            "remove the tag (lintkit and Jekyll read plain data only)"
        )
    text = problem if not context else f"{context}: {problem}"
    return f"front matter is not valid YAML: {text}"
