"""What a rule is: an id, a one-line summary, a default severity, typed
options with defaults, documentation (the rule module's docstring) and a pure
check function ``check(doc, site, options) -> iterable of Finding``.

A leaf module apart from ``findings``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding

DOC_SECTIONS = ("## What it checks", "## Why", "## Example", "## How to fix")


@dataclass(frozen=True)
class Option:
    type: type  # str, int, float (an int will do), bool, list (of item_type, default str), dict
    default: Any
    doc: str
    item_type: type | None = None  # for lists; object: any item

    def validate(self, value: Any) -> str | None:
        """None when ``value`` fits, else what is wrong."""
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
    # "links" (link rules) and "prose" (rules on the text a reader sees): also run on
    # Markdown that Jekyll copies unrendered, as GitHub shows it (README.md)
    tags: tuple[str, ...] = ()

    @property
    def on_copied_markdown(self) -> bool:
        """Does the rule also judge Markdown that Jekyll copies unrendered?"""
        return "links" in self.tags or "prose" in self.tags

    def defaults(self) -> dict[str, Any]:
        return {k: o.default for k, o in self.options.items()}


def rule(
    id: str,
    summary: str,
    severity: str = "error",
    options: dict[str, Option] | None = None,
    fixable: bool = False,
    scope: str = "document",
    tags: tuple[str, ...] = (),
) -> Callable[[Callable[..., Iterable[Finding]]], Rule]:
    """Decorator: turn ``check(doc, site, options)`` into a ``Rule`` whose
    documentation is the docstring of the module that defines it."""

    def wrap(func: Callable[..., Iterable[Finding]]) -> Rule:
        module = inspect.getmodule(func)
        doc = inspect.cleandoc(module.__doc__ or "") if module else ""
        return Rule(
            id, summary, severity, func, dict(options or {}), doc, fixable, scope, tags=tags
        )

    return wrap
