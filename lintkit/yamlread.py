"""YAML as Jekyll reads it: one loader for front matter, ``_config.yml``,
``_data`` and ``.lintkit.yml``.

A leaf module: imports nothing from lintkit.

Jekyll reads YAML with Ruby's Psych (``SafeYAML.load``), not with PyYAML.
Where the two differ on data a site really has, lintkit follows Psych:

- a date or time that does not exist (``2027-06-31``, ``2024-13-01``) stays
  a string; so does a value whose explicit tag does not fit it
  (``!!int 0b2``, ``!!bool maybe``) and an integer too long for Python to
  convert (thousands of digits);
- a tag Psych does not know (``!foo bar``) is ignored: the value is read as
  if untagged, and the tag is reported as a note, so a typo is seen;
- Python and Ruby object tags (``!!python/object``, ``!ruby/object``) are
  refused, as ``SafeYAML`` refuses object tags.

Every load is bounded: YAML aliases let 400 bytes stand for billions of
values ("billion laughs"), so a parsed value is walked with a budget and
refused past ``max_nodes`` values or ``MAX_DEPTH`` levels, before any other
code walks it. Errors are ``YAMLProblem`` with a 1-based line and column.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present

MAX_NODES = 10_000  # front matter; data files and configurations pass their own
MAX_DATA_NODES = 250_000  # a _data file: large, but not a billion laughs
MAX_DEPTH = 50
_OBJECT_TAGS = ("tag:yaml.org,2002:python/", "!ruby/", "tag:ruby.yaml.org,2002:", "!python/")
_TZ_MARGIN = datetime.timedelta(days=2)


class YAMLProblem(Exception):
    """YAML that cannot be used; ``message`` is phrased for the user, without
    its subject ("is not valid YAML: ...", "expands to more than ...")."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line  # 1-based line in the YAML text; 0 when unknown
        self.column = column  # 1-based; 0 when unknown


class Loader(_Base):  # type: ignore[misc]
    """PyYAML's safe loader with Psych's answers where they differ."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.notes: list[tuple[int, int, str]] = []  # (line, column, message), 1-based


def _lenient(base: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def construct(self: Any, node: Any) -> Any:
        try:
            value = base(self, node)
        except (ValueError, OverflowError, KeyError, TypeError, AttributeError, IndexError):
            if isinstance(node, yaml.ScalarNode):
                return node.value  # Psych keeps what it cannot convert as a string
            raise yaml.constructor.ConstructorError(
                None, None, f"a {node.tag} value that cannot be read", node.start_mark
            ) from None
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            try:  # Psych reads 9999-12-31 23:59:59 -12:00; so must every later step
                (value + _TZ_MARGIN).astimezone(datetime.timezone.utc)
                (value - _TZ_MARGIN).astimezone(datetime.timezone.utc)
            except (OverflowError, ValueError):
                return node.value
        return value

    return construct


for _tag in ("timestamp", "int", "float", "bool", "binary"):
    _full = f"tag:yaml.org,2002:{_tag}"
    Loader.add_constructor(_full, _lenient(Loader.yaml_constructors[_full]))


def _unknown_tag(self: Any, node: Any) -> Any:
    tag = str(node.tag)
    if tag.startswith(_OBJECT_TAGS):
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"could not determine a constructor for the tag {tag!r}",
            node.start_mark,
        )
    mark = node.start_mark
    self.notes.append(
        (
            mark.line + 1,
            mark.column + 1,
            f"unknown YAML tag {tag!r}: Jekyll ignores it and reads the value as if untagged",
        )
    )
    if isinstance(node, yaml.ScalarNode):
        implicit = self.resolve(yaml.ScalarNode, node.value, (True, False))
        constructor = self.yaml_constructors.get(implicit)
        return constructor(self, node) if constructor else node.value
    if isinstance(node, yaml.SequenceNode):
        return self.construct_sequence(node, deep=True)
    return self.construct_mapping(node, deep=True)


Loader.add_constructor(None, _unknown_tag)


def load(text: str, *, max_nodes: int = MAX_NODES, notes: list[Any] | None = None) -> Any:
    """The value of a YAML document, as Jekyll reads it; raises ``YAMLProblem``.
    Notes (unknown tags) are appended to ``notes`` when given."""
    loader = Loader(text)
    try:
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise YAMLProblem(describe(exc), line, col) from None
    except yaml.YAMLError as exc:
        raise YAMLProblem(f"is not valid YAML: {exc}") from None
    except RecursionError:
        raise YAMLProblem("nests too deeply to parse") from None
    problem = check_size(data, max_nodes)
    if problem:
        raise YAMLProblem(problem)
    if notes is not None:
        notes.extend(loader.notes)
    return data


def load_or(text: str, default: Any, *, max_nodes: int = MAX_NODES) -> Any:
    """``load``, or ``default`` when the YAML cannot be used (never raises)."""
    try:
        return load(text, max_nodes=max_nodes)
    except YAMLProblem:
        return default


def check_size(data: Any, max_nodes: int = MAX_NODES) -> str | None:
    """Refuse a value that expands to more than ``max_nodes`` values or nests
    deeper than ``MAX_DEPTH``: aliases can make a small text a huge (or
    cyclic) structure that any later walk would never finish. Shared values
    are measured once (memoised by identity), so this costs the size of the
    text, not of its expansion."""
    measured: dict[int, tuple[int, int]] = {}  # id -> (values, depth) of its expansion
    busy: set[int] = set()
    keep: list[Any] = []  # holds every measured value so that ids stay unique
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        value, done = stack.pop()
        if not isinstance(value, (dict, list, tuple, set)):
            continue
        key = id(value)
        if done:
            items = list(value.items()) if isinstance(value, dict) else [(v, None) for v in value]
            size, depth = 1, 1
            for a, b in items:
                for child in (a, b):
                    if isinstance(child, (dict, list, tuple, set)):
                        csize, cdepth = measured[id(child)]
                        size += csize
                        depth = max(depth, cdepth + 1)
                    elif child is not None or isinstance(value, dict):
                        size += 1
            if size > max_nodes:
                return (
                    f"expands to more than {max_nodes:,} values (YAML aliases?); refusing to use it"
                )
            if depth > MAX_DEPTH:
                return f"nests deeper than {MAX_DEPTH} levels; refusing to use it"
            measured[key] = (size, depth)
            busy.discard(key)
            continue
        if key in measured:
            continue
        if key in busy:  # the value contains itself
            return "refers to itself (a YAML alias inside its own anchor); refusing to use it"
        if len(busy) > MAX_DEPTH:
            return f"nests deeper than {MAX_DEPTH} levels; refusing to use it"
        busy.add(key)
        keep.append(value)
        stack.append((value, True))
        children = value.items() if isinstance(value, dict) else ((v, None) for v in value)
        for a, b in children:
            stack.append((a, False))
            stack.append((b, False))
    return None


def describe(exc: yaml.MarkedYAMLError) -> str:
    """A YAML error as one phrase for the user, without its subject
    ("is not valid YAML: ..."): the caller says what is not valid."""
    problem = " ".join((exc.problem or "").split())
    context = " ".join((exc.context or "").split())
    if "tab" in problem and ("indentation" in problem or "\\t" in problem):
        return "is not valid YAML: a tab is used for indentation; YAML allows only spaces there"
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        return (
            f"is not valid YAML for a safe loader: {problem}; "
            "remove the tag (lintkit and Jekyll read plain data only)"
        )
    text = problem if not context else f"{context}: {problem}"
    return f"is not valid YAML: {text}"
