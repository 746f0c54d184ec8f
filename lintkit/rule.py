"""What a rule is: an id, a one-line summary, a default severity, typed
options with defaults, documentation (the rule module's docstring) and a pure
check function ``check(doc, site, options) -> iterable of Finding``.

A leaf module apart from ``findings``.
"""

from __future__ import annotations

import builtins
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from .findings import Finding
from .fix import Fix
from .globs import valid as valid_glob

DOC_SECTIONS = ("## What it checks", "## Why", "## Example", "## How to fix")


@dataclass(frozen=True)
class Option:
    type: (
        builtins.type
    )  # str, int, float (an int will do), bool, list (of item_type, default str), dict
    default: Any
    doc: str
    item_type: builtins.type | None = None  # for lists; object: any item
    # what a string (or each string of a list) is, checked by the config loader:
    # "regex" (a regular expression), "glob" (a path glob), "path" (a path
    # relative to the site root, without ".."), "" (any text)
    kind: str = ""
    choices: tuple[Any, ...] = ()  # the values it may take (each item's, for a list)

    def validate(self, value: Any) -> str | None:
        """None when ``value`` fits, else what is wrong."""
        found = self.problem(value)
        return found[1] if found else None

    def problem(self, value: Any) -> tuple[tuple[int, ...], str] | None:
        """None when ``value`` fits, else (where in it: () or (list index,), what is wrong)."""
        problem = self._type_problem(value)
        if problem:
            return (), problem
        values = value if isinstance(value, list) else [value]
        where = (lambda i: (i,)) if isinstance(value, list) else (lambda i: ())
        for i, v in enumerate(values):
            if self.choices and v not in self.choices:
                return where(i), f"expected one of {', '.join(map(str, self.choices))}, got {v!r}"
            if self.kind and isinstance(v, str):
                problem = _KIND_CHECKS[self.kind](v)
                if problem:
                    return where(i), problem
        return None

    def _type_problem(self, value: Any) -> str | None:
        if self.type is bool:
            ok = isinstance(value, bool)
        elif self.type is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.type is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif self.type is list:
            ok = isinstance(value, list) and all(
                (isinstance(v, self.item_type or str) and not isinstance(v, bool))
                or self.item_type is object
                for v in value
            )
        else:
            ok = isinstance(value, self.type)
        if ok:
            return None
        items = {str: "strings", dict: "mappings", int: "whole numbers", object: "values"}
        want = {
            bool: "true or false",
            int: "a whole number",
            float: "a number",
            str: "a string",
            dict: "a mapping",
            list: f"a list of {items.get(self.item_type or str, 'values')}",
        }
        return f"expected {want.get(self.type, self.type.__name__)}, got {value!r}"


def _regex_problem(value: str) -> str | None:
    try:
        re.compile(value)
    except re.error as exc:
        return f"not a valid regular expression: {exc}"
    return None


def _glob_problem(value: str) -> str | None:
    return None if valid_glob(value) else f"'{value}' is not a valid glob"


def _path_problem(value: str) -> str | None:
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or ".." in parts or (len(value) > 1 and value[1] == ":"):
        return f"'{value}' must be a path relative to the site root, without '..'"
    return None


_KIND_CHECKS: dict[str, Callable[[str], str | None]] = {
    "regex": _regex_problem,
    "glob": _glob_problem,
    "path": _path_problem,
}

# where a value is in a configuration mapping: its keys and list indexes (YAML keys are any value)
KeyPath = tuple[Any, ...]
# fail(key path, message): reports a problem at that place and stops (the config loader raises)
Fail = Callable[[KeyPath, str], NoReturn]
# validate(options, fail): what a type cannot say about the options together; the key
# path given to ``fail`` is relative to the options
Validate = Callable[[dict[str, Any], Fail], None]


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    severity: str
    check: Callable[..., Iterable[Finding]]
    options: dict[str, Option] = field(default_factory=dict)
    doc: str = ""
    fixable: bool = False
    # "document": check(doc, site, opts); "site": check(docs, site, opts);
    # "external": check(docs, site, opts, verdicts), only with --external (lintkit/external.py)
    scope: str = "document"
    kind: str = ""  # declarative rules: the kind they instantiate (see lintkit/declarative/)
    source: str = ""  # declarative rules: the configuration file that defines them
    # words that group rules: ``--select``/``--ignore`` take them ("links": every link
    # rule, whose findings the review lists as broken links; "prose", "milestones",
    # ...), and "copied" marks the rules that also judge Markdown Jekyll copies
    # unrendered, as GitHub shows it (README.md)
    tags: tuple[str, ...] = ()
    validate: Validate | None = None  # checks of the options together (see ``Validate``)
    # its findings on a page may depend on the text of any other page of the site,
    # not only on the pages that page links to (the site's vocabulary, a
    # collection's front matter): ``lintkit lsp`` checks the open pages it runs
    # on again whenever a page of the site changes (a site rule always does)
    reads_site: bool = False

    @property
    def on_copied_markdown(self) -> bool:
        """Does the rule also judge Markdown that Jekyll copies unrendered?"""
        return "copied" in self.tags

    def defaults(self) -> dict[str, Any]:
        return {k: o.default for k, o in self.options.items()}


def finding(
    doc: Any,
    line: int,
    column: int,
    message: str,
    severity: str | None = None,
    fix: Fix | None = None,
) -> Finding:
    """A finding of the rule being run, at ``line``:``column`` of ``doc``. The
    engine stamps the rule's id (and the configured severity) on it."""
    return Finding(doc.display, line, column, "", message, severity, fix)


def rule(
    id: str,
    summary: str,
    severity: str = "error",
    options: dict[str, Option] | None = None,
    fixable: bool = False,
    scope: str = "document",
    tags: tuple[str, ...] = (),
    validate: Validate | None = None,
    reads_site: bool = False,
) -> Callable[[Callable[..., Iterable[Finding]]], Rule]:
    """Decorator: turn ``check(doc, site, options)`` into a ``Rule`` whose
    documentation is the docstring of the module that defines it."""

    def wrap(func: Callable[..., Iterable[Finding]]) -> Rule:
        module = inspect.getmodule(func)
        doc = inspect.cleandoc(module.__doc__ or "") if module else ""
        return Rule(
            id,
            summary,
            severity,
            func,
            dict(options or {}),
            doc,
            fixable,
            scope,
            tags=tags,
            validate=validate,
            reads_site=reads_site,
        )

    return wrap
