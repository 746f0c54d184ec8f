"""The framework of declarative rules: a kind's fields, ``define`` (a rule from
one definition, validated), and what the kinds share (regular expressions,
globs, messages).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import yaml

from .. import userregex
from ..findings import SEVERITIES
from ..globs import match_any
from ..rule import Fail, KeyPath, Option, Rule, Validate

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Finding
    from ..site import Site


_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
META_KEYS = ("id", "kind", "severity", "summary")

TEXT_SCOPES = ("body", "headings", "link-text", "last-paragraph")
ARG_SCOPES = ("section", "front-matter")


# ------------------------------------------------------------------ fields
def _common(message_required: bool) -> dict[str, Option]:
    return {
        "paths": Option(
            list, ["**"], "globs (relative to the site root) of the documents checked", kind="glob"
        ),
        "message": Option(
            str,
            "",
            "the finding's message"
            if message_required
            else "a hint appended to each finding's message (optional)",
        ),
    }


@dataclass
class Kind:
    name: str
    summary: str
    doc: str
    fields: dict[str, Option]
    required: tuple[str, ...]
    check: Callable[
        ..., Iterable[Finding]
    ]  # (rule id, document or site's documents, site, options)
    validate: Validate
    scope: str = "document"
    reads_site: bool = False  # see Rule.reads_site


KINDS: dict[str, Kind] = {}


def register_kind(
    name: str,
    summary: str,
    doc: str,
    fields: dict[str, Option],
    required: Iterable[str] = (),
    scope: str = "document",
    message_required: bool = False,
    reads_site: bool = False,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[[Validate], Validate]]:
    def wrap(check: Callable[..., Iterable[Finding]]) -> Callable[[Validate], Validate]:
        def validate_fn(validate: Validate) -> Validate:
            KINDS[name] = Kind(
                name,
                summary,
                doc,
                {**_common(message_required), **fields},
                tuple(required) + (("message",) if message_required else ()),
                check,
                validate,
                scope,
                reads_site,
            )
            return validate

        return validate_fn

    return wrap


# ------------------------------------------------------------------ define
def define(definition: Any, kp: KeyPath, fail: Fail, shown: str) -> Rule:
    """A ``Rule`` from one definition; ``fail(key path, message)`` raises."""
    if not isinstance(definition, dict):
        fail(kp, "a rule definition must be a mapping with at least id, kind and paths")
    rid = definition.get("id")
    if not isinstance(rid, str) or not rid:
        fail(
            kp + ("id",) if "id" in definition else kp,
            "every rule definition needs an 'id' (a string)",
        )
    if not _ID_RE.match(rid):
        fail(
            kp + ("id",),
            f"'{rid}' is not a valid rule id: use lower-case words joined by '-' "
            "(like 'learning-hour-sections')",
        )
    kind_name = definition.get("kind")
    if kind_name not in KINDS:
        what = f"unknown kind '{kind_name}'" if kind_name is not None else "no kind"
        close = difflib.get_close_matches(str(kind_name), list(KINDS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        fail(
            kp + ("kind",) if "kind" in definition else kp,
            f"rule {rid}: {what}{hint}; kinds: {', '.join(sorted(KINDS))}",
        )
    kind = KINDS[kind_name]
    severity = definition.get("severity", "error")
    if severity not in SEVERITIES:
        fail(
            kp + ("severity",),
            f"rule {rid}: expected one of {', '.join(SEVERITIES)}, got {severity!r}",
        )
    summary = definition.get("summary")
    if summary is not None and not isinstance(summary, str):
        fail(kp + ("summary",), f"rule {rid}: expected a string")
    values: dict[str, Any] = {}
    for key, value in definition.items():
        if key in META_KEYS:
            continue
        if key not in kind.fields:
            close = difflib.get_close_matches(str(key), list(kind.fields), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            fail(
                kp + (key,),
                f"rule {rid}: unknown field for kind {kind_name}{hint}; its fields are: "
                f"{', '.join(['id', 'kind', 'severity', 'summary', *kind.fields])}",
            )
        found = kind.fields[key].problem(value)
        if found:
            fail(kp + (key, *found[0]), f"rule {rid}: {found[1]}")
        values[key] = value
    for key in kind.required:
        if key not in values or values[key] in ("", [], {}):
            fail(kp, f"rule {rid}: kind {kind_name} needs '{key}' ({kind.fields[key].doc})")
    options = {k: o.default for k, o in kind.fields.items()}
    options.update(values)
    kind.validate(options, lambda sub, message: fail(kp + tuple(sub), f"rule {rid}: {message}"))

    check: Callable[..., Iterable[Finding]]
    if kind.scope == "site":

        def check_site(
            docs: dict[str, Document],
            site: Site,
            opts: dict[str, Any],
            _rid: str = rid,
            _kind: Kind = kind,
        ) -> Iterable[Finding]:
            return _kind.check(_rid, docs, site, opts)

        check = check_site
    else:

        def check_document(
            doc: Document, site: Site, opts: dict[str, Any], _rid: str = rid, _kind: Kind = kind
        ) -> Iterable[Finding]:
            if not match_any(opts["paths"], doc.rel):
                return ()
            return _kind.check(_rid, doc, site, opts)

        check = check_document

    fields = {k: replace(o, default=options[k]) for k, o in kind.fields.items()}
    summary = summary or (options.get("message") or kind.summary).split("; ")[0].rstrip(".")
    return Rule(
        rid,
        summary,
        severity,
        check,
        fields,
        _doc(rid, kind, shown, definition),
        kind.name == "forbid-text" and options.get("replace") is not None,
        kind.scope,
        kind.name,
        shown,
        validate=kind.validate,
        reads_site=kind.reads_site or kind.scope == "site",
    )


def _doc(rid: str, kind: Kind, shown: str, definition: dict[str, Any]) -> str:
    shown_def = yaml.safe_dump(
        definition, sort_keys=False, default_flow_style=False, allow_unicode=True
    )
    return (
        f"{rid}: a declarative rule of kind {kind.name}, defined in {shown}.\n\n"
        f"## What it checks\n\n{kind.doc}\n\n## Definition\n\n```yaml\n{shown_def}```\n"
    )


# ------------------------------------------------------------------ helpers
def check_regex(pattern: str, kp: KeyPath, fail: Fail, what: str = "pattern") -> None:
    problem = userregex.validate(pattern)
    if problem:
        fail(kp, f"'{pattern}' is not a valid regular expression: {problem}")


def validate_scope(scope: str, fail: Fail, key: str = "scope") -> None:
    word, _, arg = scope.strip().partition(" ")
    if word in TEXT_SCOPES and not arg:
        return
    if word in ARG_SCOPES:
        if not arg.strip():
            fail(
                (key,),
                f"scope '{word}' needs a name after it, like '{word} "
                f"{'Session Outline' if word == 'section' else 'title'}'",
            )
        if word == "section":
            check_regex(arg.strip(), (key,), fail)
        return
    fail(
        (key,),
        f"unknown scope '{scope}'; scopes: {', '.join(TEXT_SCOPES)}, section NAME, "
        "front-matter FIELD",
    )


def compile_regex(pattern: str, flags: int = 0) -> userregex.Pattern:
    """Patterns come from configuration: time-boxed (lintkit.userregex)."""
    return userregex.compile(pattern, flags)


def message_hint(message: str) -> str:
    return f"; {message}" if message else ""
