"""Declarative rules: rules written as data in a configuration, no Python.

A configuration's ``define:`` (or a YAML file named by ``include:``) lists rule
definitions. Each has an ``id``, a ``kind``, a ``severity`` (default
``error``), ``paths`` (globs of the documents it checks, default every
document), usually a ``message``, and the fields of its kind. The fields become
the rule's options, so a configuration that extends this one can change them
under ``rules:`` like any other option (``rules: {my-rule: {max: 90}}``).

Kinds (``KINDS`` below documents each field):

- ``require-text`` / ``forbid-text``: a regular expression must / must not
  match within a scope.
- ``sections``: required headings, in order, at given levels, each with
  accepted synonyms; optional ones marked.
- ``front-matter``: required and allowed keys, types, enumerations, numeric
  ranges, patterns, and references (a key of a ``_data`` file, or the name of a
  document of a collection).
- ``list``: an ordered list in a scope whose items follow a shape (numbered
  from 1, a bold title sentence, a description). The built-in rules
  ``milestone-numbering`` and ``milestone-structure`` are this kind with
  ``noun: milestone`` (see ``MILESTONE_LIST`` and the tests that compare them).
- ``durations``: the time boxes of a list (``* 10 min connect: ...``) add up to
  at most (at least) a number of minutes.
- ``consistency`` (a site rule, run once after the documents): the documents of
  a group have lists of the same length (each milestone track as many
  milestones as the others), and references in other documents
  (``milestone 4``, ``milestones 1-3``, ``five milestones``) stay within that
  count.

Scopes (``scope:``): ``body`` (every paragraph, list text and heading),
``section NAME`` (the blocks under each heading whose text starts with NAME, a
case-insensitive regular expression, up to the next heading of the same or a
higher level; leading emoji, numbers and punctuation of a heading are
ignored), ``last-paragraph``, ``headings``, ``link-text``, ``front-matter
FIELD`` (the value of one front matter key).
"""

from __future__ import annotations

import datetime
import difflib
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import references, userregex, yamlread
from .findings import SEVERITIES, Finding
from .fix import Fix
from .globs import match_any
from .globs import valid as valid_glob
from .lists import Run, is_milestone_run, item_problem, numbering_problem, ordered_runs
from .rule import Option, Rule

Fail = Callable[[tuple, str], None]
_ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
META_KEYS = ("id", "kind", "severity", "summary")

TEXT_SCOPES = ("body", "headings", "link-text", "last-paragraph")
ARG_SCOPES = ("section", "front-matter")


# ------------------------------------------------------------------ fields
def _common(message_required: bool) -> dict[str, Option]:
    return {
        "paths": Option(list, ["**"], "globs (relative to the site root) of the documents checked"),
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
    check: Callable
    validate: Callable[[dict[str, Any], Fail], None]
    scope: str = "document"


KINDS: dict[str, Kind] = {}


def _kind(name, summary, doc, fields, required=(), scope="document", message_required=False):
    def wrap(check):
        def validate_fn(validate):
            KINDS[name] = Kind(
                name,
                summary,
                doc,
                {**_common(message_required), **fields},
                tuple(required) + (("message",) if message_required else ()),
                check,
                validate,
                scope,
            )
            return validate

        return validate_fn

    return wrap


# ------------------------------------------------------------------ define
def define(definition: Any, kp: tuple, fail: Fail, shown: str) -> Rule:
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
        problem = kind.fields[key].validate(value)
        if problem:
            fail(kp + (key,), f"rule {rid}: {problem}")
        values[key] = value
    for key in kind.required:
        if key not in values or values[key] in ("", [], {}):
            fail(kp, f"rule {rid}: kind {kind_name} needs '{key}' ({kind.fields[key].doc})")
    options = {k: o.default for k, o in kind.fields.items()}
    options.update(values)
    kind.validate(options, lambda sub, message: fail(kp + tuple(sub), f"rule {rid}: {message}"))

    if kind.scope == "site":

        def check(docs, site, opts, _rid=rid, _kind=kind):
            return _kind.check(_rid, docs, site, opts)
    else:

        def check(doc, site, opts, _rid=rid, _kind=kind):
            if not match_any(opts["paths"], doc.rel):
                return ()
            return _kind.check(_rid, doc, site, opts)

    def validate(opts, vfail, _kind=kind):
        _kind.validate(opts, vfail)

    check.validate = validate  # type: ignore[attr-defined]
    fields = {k: Option(o.type, options[k], o.doc, o.item_type) for k, o in kind.fields.items()}
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
def _regex(pattern: str, kp: tuple, fail: Fail, what: str = "pattern") -> None:
    problem = userregex.validate(pattern)
    if problem:
        fail(kp, f"'{pattern}' is not a valid regular expression: {problem}")


def _validate_paths(opts, fail: Fail, key: str = "paths") -> None:
    for i, glob in enumerate(opts.get(key) or []):
        if not valid_glob(glob):
            fail((key, i), f"'{glob}' is not a valid glob")


def _validate_scope(scope: str, fail: Fail, key: str = "scope") -> None:
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
            _regex(arg.strip(), (key,), fail)
        return
    fail(
        (key,),
        f"unknown scope '{scope}'; scopes: {', '.join(TEXT_SCOPES)}, section NAME, "
        "front-matter FIELD",
    )


def _compile(pattern: str, flags: int = 0) -> userregex.Pattern:
    """Patterns come from configuration: time-boxed (lintkit.userregex)."""
    return userregex.compile(pattern, flags)


def _hint(message: str) -> str:
    return f"; {message}" if message else ""


_LEAD_RE = re.compile(r"^[^A-Za-z]+")
_IAL_RE = re.compile(r"\s*\{[:#][^}]*\}\s*$")


def heading_text(tok: dict[str, Any]) -> str:
    """A heading's words: no trailing ``{#id}``, no leading emoji, numbers,
    emphasis or punctuation."""
    text = tok.get("text", "").strip().split("\n")[0]
    text = _IAL_RE.sub("", text)
    return _LEAD_RE.sub("", text).strip()


def _level(tok) -> int:
    return tok.get("attrs", {}).get("level", 1)


def _top_headings(doc) -> list[dict[str, Any]]:
    return [t for t in doc.tokens if t["type"] == "heading"]


def _sections(doc, name: str, direct: bool = False) -> list[tuple[dict[str, Any], int, int]]:
    """(heading, first line, last line) of every section whose heading
    starts with ``name``; ``direct``: up to the next heading of any level."""
    name_re = _compile(f"(?:{name})(?![A-Za-z0-9])", re.I)
    heads = _top_headings(doc)
    out = []
    for i, h in enumerate(heads):
        if name_re.match(heading_text(h)):
            end = len(doc.lines)
            for h2 in heads[i + 1 :]:
                if direct or _level(h2) <= _level(h):
                    end = h2["line"] - 1
                    break
            out.append((h, h["line"] + 1, end))
    return out


def _blocks_in(doc, first: int, last: int):
    for tok, start, end in doc.text_blocks():
        if first <= tok["line"] <= last:
            yield tok, start, end


@dataclass
class Scope:
    chunks: list[tuple[str, int]] = field(default_factory=list)  # (text, offset in doc.text)
    ranges: list[tuple[int, int]] = field(default_factory=list)  # line ranges (first, last)
    anchor: tuple[int, int] = (1, 1)  # where a "missing" finding goes
    found: bool = True
    positions: list[tuple[int, int]] | None = None  # explicit (line, col) per chunk


def _body_first_line(doc) -> int:
    fm = doc.fm
    return fm.end_line + 1 if fm.present and fm.closed else 1


def resolve_scope(doc, scope: str, direct: bool = False) -> Scope:
    word, _, arg = scope.strip().partition(" ")
    arg = arg.strip()
    text = doc.text
    if word == "body":
        first = _body_first_line(doc)
        return Scope(
            [(text[s:e], s) for _, s, e in doc.text_blocks()],
            [(first, len(doc.lines))],
            (min(first, len(doc.lines)) or 1, 1),
        )
    if word == "headings":
        chunks = []
        for tok, s, e in doc.text_blocks():
            if tok["type"] == "heading":
                m = re.match(r"[ \t]*#{1,6}[ \t]*", text[s:e])
                skip = m.end() if m else 0
                chunks.append((text[s + skip : e], s + skip))
        return Scope(chunks, [], (1, 1))
    if word == "link-text":
        chunks, positions = [], []
        for pl in doc.links:
            start = doc.offset(pl.line, pl.column) + (2 if pl.link.kind == "image" else 1)
            chunks.append((text[start : start + len(pl.link.text)], start))
        return Scope(chunks, [], (1, 1), True, None if not positions else positions)
    if word == "last-paragraph":
        blocks = [t for t in doc.tokens if t["type"] != "blank_line"]
        if blocks and blocks[-1]["type"] == "paragraph":
            s, e = doc.block_span(blocks[-1])
            return Scope(
                [(text[s:e], s)], [(blocks[-1]["line"], len(doc.lines))], (blocks[-1]["line"], 1)
            )
        return Scope([], [], (max(len(doc.lines) - 1, 1), 1), False)
    if word == "section":
        sections = _sections(doc, arg, direct)
        if not sections:
            return Scope([], [], (_body_first_line(doc), 1), False)
        chunks, ranges = [], []
        for _head, first, last in sections:
            ranges.append((first, last))
            chunks.extend((text[s:e], s) for _, s, e in _blocks_in(doc, first, last))
        return Scope(chunks, ranges, (sections[0][0]["line"], 1))
    if word == "front-matter":
        data = doc.data
        line = fm_key_line(doc, arg)
        if arg not in data or data[arg] is None:
            return Scope([], [], (line or 1, 1), False)
        value = data[arg]
        value = " ".join(str(v) for v in value) if isinstance(value, list) else str(value)
        col = 1
        if line:
            idx = doc.lines[line - 1].find(value)
            col = idx + 1 if idx >= 0 else 1
        return Scope([(value, -1)], [], (line or 1, col), True, [(line or 1, col)])
    return Scope([], [], (1, 1), False)


def fm_key_line(doc, key: str) -> int:
    fm = doc.fm
    if not fm.present:
        return 0
    pat = _compile(rf"^['\"]?{re.escape(key)}['\"]?[ \t]*:")
    for i, line in enumerate(fm.raw.split("\n")):
        if pat.match(line):
            return fm.start_line + 1 + i
    return 0


def _pos(doc, scope: Scope, chunk_index: int, offset_in_chunk: int) -> tuple[int, int]:
    _text, start = scope.chunks[chunk_index]
    if start < 0:
        line, col = (scope.positions or [scope.anchor])[chunk_index]
        return line, col + offset_in_chunk if col > 1 else col
    return doc.position(start + offset_in_chunk)


def _replace_match(message: str, match: str) -> str:
    return message.replace("{match}", match)


# ----------------------------------------------------------- text kinds
_TEXT_DOC = (
    "The regular expression ``pattern`` (Python syntax; ``(?i)`` for case-insensitive) "
    "{verb} match within ``scope``. {more}"
)


def _validate_text(opts, fail):
    _validate_paths(opts, fail)
    _validate_scope(opts["scope"], fail)
    _regex(opts["pattern"], ("pattern",), fail)


_TEXT_FIELDS = {
    "pattern": Option(str, "", "the regular expression"),
    "scope": Option(
        str,
        "body",
        "where to look: body, section NAME, last-paragraph, headings, "
        "link-text, front-matter FIELD",
    ),
}


def _check_require(rid, doc, site, opts):
    scope = resolve_scope(doc, opts["scope"])
    regex = _compile(opts["pattern"])
    for text, _ in scope.chunks:
        if regex.search(text):
            return
    line, col = scope.anchor
    yield Finding(doc.display, line, col, rid, opts["message"])


def _check_forbid(rid, doc, site, opts):
    scope = resolve_scope(doc, opts["scope"])
    regex = _compile(opts["pattern"])
    replace = opts.get("replace")
    for i, (text, start) in enumerate(scope.chunks):
        for m in regex.finditer(text):
            line, col = _pos(doc, scope, i, m.start())
            message = _replace_match(opts["message"], m.group(0))
            fix = None
            if replace is not None:
                new = _expand(m, replace)
                if new is not None:
                    message = message.replace("{replace}", new)
                    fix = _substitute(doc, regex, start, m, new)
            yield Finding(doc.display, line, col, rid, message, fix=fix)


def _expand(m: re.Match, template: str) -> str | None:
    try:
        return m.expand(template)
    except (re.error, IndexError):
        return None


def _substitute(doc, regex, start: int, m: re.Match, new: str) -> Fix | None:
    """The match replaced by ``new``: only in the document's own text (not a
    front matter value scope), and not when ``new`` would match again (the
    fix would never settle)."""
    if start < 0 or regex.search(new):
        return None
    a, b = start + m.start(), start + m.end()
    if doc.text[a:b] != m.group(0):
        return None
    return Fix(f"replace '{m.group(0)}' with '{new}'", (doc.edit(a, b, new),))


_GROUP_REF_RE = re.compile(r"\\(?:g<([^>]*)>|([1-9][0-9]?))")


def _validate_forbid(opts, fail):
    _validate_text(opts, fail)
    replace = opts.get("replace")
    if replace is None:
        return
    if not isinstance(replace, str):
        fail(("replace",), f"expected a string, got {replace!r}")
    try:
        compiled = re.compile(opts["pattern"])
    except re.error:
        return  # reported by _validate_text
    for m in _GROUP_REF_RE.finditer(replace):
        ref = m.group(1) if m.group(1) is not None else m.group(2)
        if ref.isdigit() and int(ref) <= compiled.groups:
            continue
        if not ref.isdigit() and ref in compiled.groupindex:
            continue
        fail(("replace",), f"'{m.group(0)}' names no group of the pattern")


_kind(
    "require-text",
    "a text that must be present",
    _TEXT_DOC.format(
        verb="must",
        more="A document without such a match gets one finding, at the "
        "start of the scope (or of the document when the scope is missing).",
    ),
    _TEXT_FIELDS,
    ("pattern",),
    message_required=True,
)(_check_require)(_validate_text)
_kind(
    "forbid-text",
    "a text that must not be present",
    _TEXT_DOC.format(
        verb="must not",
        more="Each match is a finding at its position; "
        "``{match}`` in the message is replaced by the matched text. With "
        "``replace`` (a substitution, as Vale's), ``lintkit check --fix`` "
        "replaces each match with it (``\\1`` or ``\\g<name>`` insert a group of "
        "the pattern; ``{replace}`` in the message shows the replacement); a "
        "replacement that the pattern would match again is not applied.",
    ),
    {
        **_TEXT_FIELDS,
        "replace": Option(
            str, None, "the text that replaces each match (--fix); groups as \\1 or \\g<name>"
        ),
    },
    ("pattern",),
    message_required=True,
)(_check_forbid)(_validate_forbid)


# ------------------------------------------------------------- sections
def _entries(opts) -> list[dict[str, Any]]:
    out = []
    for e in opts["sections"]:
        if isinstance(e, str):
            e = {"name": e}
        out.append(
            {
                "name": e["name"],
                "synonyms": list(e.get("synonyms") or []),
                "levels": list(e.get("levels") or opts["levels"]),
                "optional": bool(e.get("optional", False)),
            }
        )
    return out


def _validate_sections(opts, fail):
    _validate_paths(opts, fail)
    levels = opts["levels"]
    if not levels or not all(isinstance(n, int) and 1 <= n <= 6 for n in levels):
        fail(("levels",), "expected a list of heading levels between 1 and 6")
    if not opts["sections"]:
        fail(("sections",), "list at least one section")
    for i, e in enumerate(opts["sections"]):
        kp = ("sections", i)
        if isinstance(e, str):
            if not e.strip():
                fail(kp, "a section name must not be empty")
            continue
        if not isinstance(e, dict):
            fail(kp, "expected a section name, or a mapping with name, synonyms, levels, optional")
        for key in e:
            if key not in ("name", "synonyms", "levels", "optional"):
                fail(
                    kp + (key,),
                    "unknown field of a section; its fields are: name, synonyms, levels, optional",
                )
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            fail(
                kp + ("name",) if "name" in e else kp, "a section needs a 'name' (its heading text)"
            )
        syn = e.get("synonyms", [])
        if not isinstance(syn, list) or not all(isinstance(s, str) and s.strip() for s in syn):
            fail(
                kp + ("synonyms",),
                "expected a list of other heading texts accepted for this section",
            )
        lv = e.get("levels", levels)
        if (
            not isinstance(lv, list)
            or not lv
            or not all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 6 for n in lv)
        ):
            fail(kp + ("levels",), "expected a list of heading levels between 1 and 6")
        if not isinstance(e.get("optional", False), bool):
            fail(kp + ("optional",), "expected true or false")


def _names(entry) -> list[str]:
    return [entry["name"]] + entry["synonyms"]


def _show_names(entry) -> str:
    names = _names(entry)
    return f"'{names[0]}'" + (f" (or {', '.join(repr(n) for n in names[1:])})" if names[1:] else "")


def _heading_matches(text: str, entry) -> bool:
    low = text.lower()
    for name in _names(entry):
        n = name.lower()
        if low == n or (low.startswith(n) and not low[len(n)].isalnum()):
            return True
    return False


def _check_sections(rid, doc, site, opts):
    entries = _entries(opts)
    heads = [(h, heading_text(h)) for h in _top_headings(doc)]
    hint = _hint(opts["message"])
    pos = 0
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (entry, heading)
    missing = []
    for entry in entries:
        cands = [i for i, (h, t) in enumerate(heads) if _heading_matches(t, entry)]
        after = [i for i in cands if i >= pos]
        good = [i for i in after if _level(heads[i][0]) in entry["levels"]]
        if good:
            pos = good[0] + 1
            matched.append((entry, heads[good[0]][0]))
            continue
        if after:
            h = heads[after[0]][0]
            want = " or ".join(str(n) for n in entry["levels"])
            marks = " or ".join("#" * n for n in entry["levels"])
            yield Finding(
                doc.display,
                h["line"],
                1,
                rid,
                f"the section {_show_names(entry)} is a level {_level(h)} heading; make it "
                f"level {want} ({marks}){hint}",
            )
            pos = after[0] + 1
            matched.append((entry, h))
            continue
        if cands and opts["order"]:
            h = heads[cands[-1]][0]
            prev = heading_text(matched[-1][1]) if matched else None
            order = ", ".join(e["name"] for e in entries)
            yield Finding(
                doc.display,
                h["line"],
                1,
                rid,
                f"the section '{heads[cands[-1]][1]}' comes before '{prev}'; the sections go "
                f"in the order {order}: move it{hint}",
            )
            continue
        if cands:
            continue
        if not entry["optional"]:
            missing.append((entry, len(matched)))
    required = [e for e in entries if not e["optional"]]
    if not matched and len(missing) == len(required) > 1:
        line = min(_body_first_line(doc), max(len(doc.lines), 1))
        names = ", ".join(e["name"] for e in required)
        yield Finding(
            doc.display,
            line,
            1,
            rid,
            f"none of the sections {names} is here: add them as headings "
            f"('{'#' * required[0]['levels'][-1]} {required[0]['name']}', ...){hint}",
        )
        return
    for entry, index in missing:
        if index < len(matched):
            line = matched[index][1]["line"]
            where = f"before '{heading_text(matched[index][1])}'"
        elif matched:
            line = matched[-1][1]["line"]
            where = f"after '{heading_text(matched[-1][1])}'"
        else:
            line = _body_first_line(doc)
            line = min(line, max(len(doc.lines), 1))
            where = "to the document"
        level = entry["levels"][-1] if len(entry["levels"]) < 6 else 2
        yield Finding(
            doc.display,
            line,
            1,
            rid,
            f"missing section {_show_names(entry)}: add a heading "
            f"'{'#' * level} {entry['name']}' {where}{hint}",
        )


_kind(
    "sections",
    "required headings in order",
    "The document has a heading for each entry of ``sections`` (its ``name`` or one of its "
    "``synonyms``: the heading's text, without leading emoji, numbers or punctuation, is the name "
    "or starts with it followed by a non-letter, ignoring case), at one of its ``levels``, in the "
    "order listed (``order: false`` to accept any order). Entries with ``optional: true`` may be "
    "missing, but when present they are still checked for level and order.",
    {
        "sections": Option(
            list, [], "the sections in order: a name, or {name, synonyms, levels, optional}", object
        ),
        "levels": Option(
            list, [1, 2, 3, 4, 5, 6], "heading levels accepted for every section", int
        ),
        "order": Option(bool, True, "the sections must appear in the order listed"),
    },
    ("sections",),
)(_check_sections)(_validate_sections)


# --------------------------------------------------------- front matter
TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "list": (list,),
    "mapping": (dict,),
    "date": (datetime.date,),
}
_SPEC_KEYS = ("type", "enum", "min", "max", "pattern", "ref")


def _validate_fm(opts, fail):
    _validate_paths(opts, fail)
    for key in ("required", "allowed"):
        if not all(isinstance(k, str) for k in opts[key]):
            fail((key,), "expected a list of front matter keys")
    for name, spec in opts["keys"].items():
        kp = ("keys", name)
        if not isinstance(spec, dict):
            fail(kp, "expected a mapping with some of: " + ", ".join(_SPEC_KEYS))
        for key, value in spec.items():
            skp = kp + (key,)
            if key not in _SPEC_KEYS:
                close = difflib.get_close_matches(str(key), _SPEC_KEYS, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                fail(skp, f"unknown check{hint}; a key can have: {', '.join(_SPEC_KEYS)}")
            if key == "type":
                types = value if isinstance(value, list) else [value]
                bad = [t for t in types if t not in TYPES]
                if bad or not types:
                    fail(
                        skp, f"unknown type {bad[0] if bad else value!r}; types: {', '.join(TYPES)}"
                    )
            elif key == "enum":
                if not isinstance(value, list) or not value:
                    fail(skp, "expected a list of the accepted values")
            elif key in ("min", "max"):
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    fail(skp, f"expected a number, got {value!r}")
            elif key == "pattern":
                if not isinstance(value, str):
                    fail(skp, "expected a regular expression (a string)")
                _regex(value, skp, fail)
            elif key == "ref":
                _validate_ref(value, skp, fail)
        if (
            isinstance(spec.get("min"), (int, float))
            and isinstance(spec.get("max"), (int, float))
            and spec["min"] > spec["max"]
        ):
            fail(kp + ("min",), f"min ({spec['min']}) is larger than max ({spec['max']})")


def _validate_ref(value, kp, fail):
    if not isinstance(value, dict) or len({"data", "collection", "folder"} & set(value)) != 1:
        fail(
            kp,
            "expected {data: NAME} (a key of _data/NAME.yml), {collection: NAME} "
            "(the name of a document of that collection) or {folder: PATH} (the name of a "
            "file in that folder, without extension)",
        )
    for key, v in value.items():
        if key not in ("data", "collection", "key", "field", "folder"):
            fail(
                kp + (key,),
                "unknown field of a reference; use data (with key), collection "
                "(with field) or folder",
            )
        if not isinstance(v, str) or not v.strip():
            fail(kp + (key,), "expected a name (a string)")
    if "key" in value and "data" not in value:
        fail(kp + ("key",), "'key' goes with 'data' (the field of each list item that names it)")
    if "field" in value and "collection" not in value:
        fail(
            kp + ("field",),
            "'field' goes with 'collection' (the front matter key that names a document)",
        )
    if "data" in value and (not re.match(r"^[\w./-]+$", value["data"]) or ".." in value["data"]):
        fail(kp + ("data",), f"'{value['data']}' is not a data file name")


def _type_name(value) -> str:
    if value is None:
        return "empty"
    for name, types in TYPES.items():
        if isinstance(value, bool) and name != "boolean":
            continue
        if isinstance(value, types):
            return name
    return type(value).__name__


def _is_type(value, names: list[str]) -> bool:
    for name in names:
        if isinstance(value, bool) and name in ("integer", "number"):
            continue
        if isinstance(value, TYPES[name]):
            return True
    return False


def _ref_names(site, ref: dict[str, str]) -> tuple[set | None, str]:
    """(accepted names or None when the source is missing, description)."""
    cache = site.__dict__.setdefault("_lintkit_refs", {})
    key = tuple(sorted(ref.items()))
    if key in cache:
        return cache[key]
    if "data" in ref:
        result = _data_names(site, ref["data"], ref.get("key"))
    elif "folder" in ref:
        folder = ref["folder"].strip("/") + "/"
        names = {
            posixpath.splitext(f[len(folder) :])[0] for f in site.files if f.startswith(folder)
        }
        result = (names if names else None), f"the name of a file in {folder}"
    else:
        result = _collection_names(site, ref["collection"], ref.get("field"))
    cache[key] = result
    return result


def _data_names(site, name: str, key: str | None):
    data_dir = str(site.config.get("data_source") or "_data").strip("/")
    for ext in (".yml", ".yaml", ".json"):
        rel = f"{data_dir}/{name}{ext}"
        if rel in site.file_set:
            break
    else:
        return None, f"{data_dir}/{name}.yml"
    try:
        with site.open_source(rel) as fh:
            text = fh.read().decode("utf-8-sig")
        data = (
            json.loads(text)
            if rel.endswith(".json")
            else yamlread.load(text, max_nodes=yamlread.MAX_DATA_NODES)
        )
    except (OSError, UnicodeDecodeError, ValueError, yamlread.YAMLProblem, RecursionError):
        return None, rel
    names = set()
    if isinstance(data, dict):
        names = {str(k) for k in data}
        desc = f"a key of {rel}"
    elif isinstance(data, list):
        if key:
            names = {str(item[key]) for item in data if isinstance(item, dict) and key in item}
            desc = f"the {key} of an entry of {rel}"
        else:
            names = {str(item) for item in data if not isinstance(item, (dict, list))}
            desc = f"an entry of {rel}"
    else:
        desc = f"an entry of {rel}"
    return names, desc


def _collection_names(site, name: str, field_name: str | None):
    col = site.collections.get(name)
    prefix = (site.collections_dir + "/" if site.collections_dir else "") + f"_{name}/"
    if col is None and not any(f.startswith(prefix) for f in site.files):
        return None, f"the collection {name}"
    names = set()
    for rel in site.files:
        if (
            not rel.startswith(prefix)
            or posixpath.splitext(rel)[1].lower() not in site.markdown_exts
        ):
            continue
        if field_name:
            from .document import Document

            value = Document.load(site.abspath(rel), rel, rel).data.get(field_name)
            if value is not None:
                names.add(str(value))
        else:
            names.add(posixpath.splitext(posixpath.basename(rel))[0])
    what = (
        f"the {field_name} of a document in _{name}"
        if field_name
        else f"the name of a document in _{name}"
    )
    return names, what


def _check_front_matter(rid, doc, site, opts):
    fm = doc.fm
    hint = _hint(opts["message"])
    if not fm.present or not fm.closed or fm.error or not isinstance(fm.data, dict):
        if opts["required"] and not fm.present:
            keys = ", ".join(opts["required"])
            yield Finding(
                doc.display,
                1,
                1,
                rid,
                f"the document has no front matter; it needs {keys}: start it with a "
                f"'---' block{hint}",
            )
        return  # broken front matter is the front-matter rule's business
    data = fm.data

    def at(key):
        return fm_key_line(doc, key) or 1

    for key in opts["required"]:
        if key not in data:
            yield Finding(doc.display, 1, 1, rid, f"the front matter has no '{key}'; add it{hint}")
        elif data[key] is None or data[key] == "":
            yield Finding(doc.display, at(key), 1, rid, f"'{key}' is empty; give it a value{hint}")
    allowed = opts["allowed"]
    if allowed:
        known = set(allowed) | set(opts["required"]) | set(opts["keys"])
        for key in data:
            if str(key) not in known:
                close = difflib.get_close_matches(str(key), sorted(known), n=1)
                tip = f"did you mean '{close[0]}'? " if close else ""
                yield Finding(
                    doc.display,
                    at(str(key)),
                    1,
                    rid,
                    f"'{key}' is not an expected front matter key ({tip}expected: "
                    f"{', '.join(sorted(known))}){hint}",
                )
    for key, spec in opts["keys"].items():
        if key not in data or data[key] is None:
            continue
        value = data[key]
        line = at(key)
        types = spec.get("type")
        if types is not None:
            names = types if isinstance(types, list) else [types]
            if not _is_type(value, names):
                yield Finding(
                    doc.display,
                    line,
                    1,
                    rid,
                    f"'{key}' must be {' or '.join(_a(n) for n in names)}, not "
                    f"{_a(_type_name(value))} ({_short(value)}){hint}",
                )
                continue
        values = value if isinstance(value, list) else [value]
        for v in values:
            problem = _value_problem(site, key, v, spec)
            if problem:
                yield Finding(doc.display, line, 1, rid, problem + hint)


def _a(name: str) -> str:
    return ("an " if name[:1] in "aeiou" else "a ") + name if name != "empty" else "empty"


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _value_problem(site, key, v, spec) -> str | None:
    if "enum" in spec and v not in spec["enum"]:
        accepted = ", ".join(str(e) for e in spec["enum"])
        return f"'{key}' is {_short(v)}, which is not one of: {accepted}"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "min" in spec and v < spec["min"]:
            return f"'{key}' is {v}, below the minimum {spec['min']}{_range(spec)}"
        if "max" in spec and v > spec["max"]:
            return f"'{key}' is {v}, above the maximum {spec['max']}{_range(spec)}"
    if "pattern" in spec and not _compile(spec["pattern"]).search(str(v)):
        return f"'{key}' is {_short(v)}, which does not match {spec['pattern']}"
    if "ref" in spec:
        names, desc = _ref_names(site, spec["ref"])
        if names is None:
            return f"'{key}' must be {desc}, which does not exist in this site"
        if str(v) not in names:
            close = difflib.get_close_matches(str(v), sorted(names), n=1, cutoff=0.7)
            tip = f" (did you mean '{close[0]}'?)" if close else ""
            add = f", or add '{v}' to {spec['ref']['data']}" if "data" in spec["ref"] else ""
            return f"'{key}' is '{v}', which is not {desc}{tip}: correct the value{add}"
    return None


def _range(spec) -> str:
    if "min" in spec and "max" in spec:
        return f" (allowed: {spec['min']} to {spec['max']})"
    return ""


_kind(
    "front-matter",
    "front matter keys, types and values",
    "The front matter has every key of ``required`` (and not empty); when ``allowed`` is not "
    "empty, it has no key outside ``allowed``, ``required`` and ``keys``. Each key of ``keys`` "
    "that is present is checked: ``type`` (string, integer, number, boolean, list, mapping, "
    "date, or a list of them), ``enum`` (accepted values), ``min``/``max`` (numbers), ``pattern`` "
    "(a regular expression the value must contain a match of), and ``ref``: ``{data: NAME, "
    "key: FIELD}`` (the value is a key of ``_data/NAME.yml``, or, when the file is a list, the "
    "``FIELD`` of one of its entries) or ``{collection: NAME, field: FIELD}`` (the value is the "
    "name of a document of the collection ``NAME``: its file name without extension, or its "
    "front matter ``FIELD``) or ``{folder: PATH}`` (the name of a file in that folder, "
    "without extension, like a layout in ``_layouts``). A list value is checked item by item.",
    {
        "required": Option(list, [], "keys that must be present and not empty"),
        "allowed": Option(
            list, [], "keys that may be present besides required and keys (empty: any)"
        ),
        "keys": Option(dict, {}, "per key: type, enum, min, max, pattern, ref"),
    },
    (),
)(_check_front_matter)(_validate_fm)


# ----------------------------------------------------------------- lists
_LIST_FIELDS = {
    "scope": Option(str, "body", "where the list is: body or section NAME"),
    "select": Option(
        str,
        "most-bold",
        "which ordered lists: most-bold (most items start with a bold "
        "title, like milestone lists) or all",
    ),
    "min-items": Option(int, 3, "ordered lists with fewer items are ignored"),
}


def _validate_list_select(opts, fail):
    _validate_paths(opts, fail)
    scope = opts["scope"]
    word = scope.strip().partition(" ")[0]
    if word not in ("body", "section"):
        fail(("scope",), f"a list is looked for in 'body' or 'section NAME', not '{scope}'")
    _validate_scope(scope, fail)
    if opts["select"] not in ("most-bold", "all"):
        fail(("select",), f"expected most-bold or all, got {opts['select']!r}")
    if opts["min-items"] < 1:
        fail(("min-items",), "expected a number of items of 1 or more")


def _validate_list(opts, fail):
    _validate_list_select(opts, fail)
    if opts["numbering"] not in ("from-1", "consecutive", "any"):
        fail(("numbering",), f"expected from-1, consecutive or any, got {opts['numbering']!r}")
    if opts["title"] not in ("bold-sentence", "bold", "none"):
        fail(("title",), f"expected bold-sentence, bold or none, got {opts['title']!r}")
    if not opts["noun"].strip():
        fail(("noun",), "expected the word for one item, like milestone")


def selected_runs(doc, opts) -> list[Run]:
    runs = ordered_runs(doc.tokens, doc.lines)
    if opts["scope"].strip() != "body":
        ranges = resolve_scope(doc, opts["scope"]).ranges
        runs = [r for r in runs if any(a <= r.items[0].line <= b for a, b in ranges)]
    if opts["select"] == "most-bold":
        return [r for r in runs if is_milestone_run(r, opts["min-items"])]
    return [r for r in runs if len(r.items) >= opts["min-items"]]


def _check_list(rid, doc, site, opts):
    noun = opts["noun"]
    plural = noun + "s"
    runs = selected_runs(doc, opts)
    hint = _hint(opts["message"])
    if not runs and opts["required"]:
        line, _ = resolve_scope(doc, opts["scope"]).anchor
        yield Finding(
            doc.display,
            line,
            1,
            rid,
            f"no list of {plural} here: write them as an ordered list (1. 2. 3.) of at "
            f"least {opts['min-items']} items{hint}",
        )
    for run in runs:
        if opts["numbering"] != "any":
            f = numbering_problem(doc, run, rid, noun, plural, opts["numbering"] == "from-1")
            if f:
                yield f.with_(message=f.message + hint)
        titles: dict[str, int] = {}
        for n, item in enumerate(run.items, 1):
            problem = item_problem(item, n, noun, opts["title"], opts["description"])
            if problem:
                yield Finding(doc.display, item.line, 1, rid, problem + hint)
                continue
            if opts["unique-titles"] and item.bold_title:
                key = " ".join(item.bold_title.lower().split())
                if key in titles:
                    yield Finding(
                        doc.display,
                        item.line,
                        1,
                        rid,
                        f"{noun} {n} has the same title as {noun} {titles[key]}; "
                        f"give each {noun} its own title{hint}",
                    )
                else:
                    titles[key] = n


_kind(
    "list",
    "ordered lists of a given shape",
    "Every ordered list in ``scope`` with at least ``min-items`` items (with ``select: "
    "most-bold``, only those most of whose items start with a bold title) follows a shape: "
    "``numbering`` (from-1: the source numbers are 1, 2, 3, ... in one list, not split by an "
    "unindented paragraph; consecutive: from any first number; any), ``title`` (bold-sentence: "
    "each item starts with a bold title that is one sentence ending with a period; bold; none), "
    "``description`` (text after the title in the same item) and ``unique-titles``. "
    "``required: true`` reports a document without such a list. ``noun`` names the items in "
    "messages. The built-in rules milestone-numbering and milestone-structure are this kind "
    "with noun milestone, select most-bold, min-items 3, numbering from-1, title bold-sentence, "
    "description and unique-titles true.",
    {
        **_LIST_FIELDS,
        "numbering": Option(str, "from-1", "from-1, consecutive or any"),
        "title": Option(str, "bold-sentence", "bold-sentence, bold or none"),
        "description": Option(bool, True, "each item has a description after its title"),
        "unique-titles": Option(bool, True, "no two items of a list have the same title"),
        "required": Option(bool, False, "the scope must contain such a list"),
        "noun": Option(str, "item", "the word for one item in messages (e.g. milestone)"),
    },
    (),
)(_check_list)(_validate_list)

#: The built-in milestone rules as one declarative ``list`` rule (documentation and tests).
MILESTONE_LIST = {
    "id": "milestone-list",
    "kind": "list",
    "paths": ["**"],
    "select": "most-bold",
    "min-items": 3,
    "numbering": "from-1",
    "title": "bold-sentence",
    "description": True,
    "unique-titles": True,
    "noun": "milestone",
}


# ------------------------------------------------------------- durations
DEFAULT_TIMEBOX = r"(?<![\w.])(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s*(?:minutes?|mins?|m)\b"


def _validate_durations(opts, fail):
    _validate_paths(opts, fail)
    word = opts["scope"].strip().partition(" ")[0]
    if word not in ("body", "section"):
        fail(
            ("scope",),
            f"time boxes are looked for in 'body' or 'section NAME', not '{opts['scope']}'",
        )
    _validate_scope(opts["scope"], fail)
    _regex(opts["pattern"], ("pattern",), fail)
    if re.compile(opts["pattern"]).groups < 1:
        fail(
            ("pattern",), "the pattern needs a group that captures the minutes, like (\\d+)\\s*min"
        )
    if opts["max"] < opts["min"]:
        fail(("max",), f"max ({opts['max']}) is smaller than min ({opts['min']})")


def _check_durations(rid, doc, site, opts):
    scope = resolve_scope(doc, opts["scope"], direct=True)
    hint = _hint(opts["message"])
    regex = _compile(opts["pattern"], re.I)
    boxes: list[int] = []
    ranges = scope.ranges if scope.found else []
    line, _ = scope.anchor
    for tok in doc.tokens:
        if tok["type"] == "list" and any(a <= tok["line"] <= b for a, b in ranges):
            boxes.extend(b for b in _timeboxes(doc, tok, regex) if b is not None)
    if not boxes and opts["anywhere"]:
        for tok in doc.tokens:
            found = _timeboxes(doc, tok, regex) if tok["type"] == "list" else []
            if len(found) >= 2 and None not in found:
                boxes, line = found, tok["line"]
                break
    if not boxes and opts["anywhere"]:
        timed = [(h, regex.search(h.get("text", ""))) for h in _top_headings(doc)]
        timed = [(h, m) for h, m in timed if m and m.group(1) and m.group(1).isdigit()]
        if len(timed) >= 2:
            top = min(_level(h) for h, _ in timed)
            boxes = [int(m.group(1)) for h, m in timed if _level(h) == top]
            line = next(h["line"] for h, _ in timed if _level(h) == top)
    if not boxes:
        if opts["required"]:
            line, _ = scope.anchor
            where = "section" if opts["scope"].startswith("section") else "list"
            what = opts["scope"].partition(" ")[2] or "the body"
            yield Finding(
                doc.display,
                line,
                1,
                rid,
                f"no time boxes found: add a {where} '{what.split('|')[0]}' that lists "
                f"each part with its minutes, like '* 10 min connect: ...'{hint}",
            )
        return
    total = sum(boxes)
    parts = " + ".join(str(b) for b in boxes)
    if total > opts["max"]:
        yield Finding(
            doc.display,
            line,
            1,
            rid,
            f"the time boxes add up to {total} minutes ({parts}), more than {opts['max']}: "
            f"shorten them{hint}",
        )
    elif total < opts["min"]:
        yield Finding(
            doc.display,
            line,
            1,
            rid,
            f"the time boxes add up to {total} minutes ({parts}), less than {opts['min']}: "
            f"fill the time{hint}",
        )


def _timeboxes(doc, lst, regex) -> list[int | None]:
    """Minutes of each top-level item of a list (None: no time box)."""
    out: list[int | None] = []
    for item in lst.get("children", []):
        if item["type"] == "list_item":
            m = regex.search(doc.line_text(item.get("line", 0)))
            out.append(int(m.group(1)) if m and m.group(1) and m.group(1).isdigit() else None)
    return out


_kind(
    "durations",
    "time boxes of a list add up within limits",
    "The top-level items of the lists in ``scope`` (by default the section 'Session Outline') "
    "are time boxes: the first match of ``pattern`` in an item's first line gives its minutes "
    "(group 1; for a range like '35 to 39 min' the lower bound counts). Their sum must be at "
    "most ``max`` and at least ``min``. Items without a time are not counted. With "
    "``anywhere: true``, a document whose scope has no time box is judged by its first list "
    "whose items all have one (an outline under another heading, or none), else by the time "
    "boxes in its headings (``## Connect (10 min)``; those of the highest level). With "
    "``required: true``, a document without any time box gets a finding.",
    {
        "scope": Option(
            str,
            "section Session Outline|Outline|Agenda",
            "where the time boxes are: body or section NAME",
        ),
        "pattern": Option(
            str, DEFAULT_TIMEBOX, "regular expression for one time box; group 1 = minutes"
        ),
        "max": Option(int, 60, "the most minutes the time boxes may add up to"),
        "min": Option(int, 0, "the fewest minutes the time boxes may add up to"),
        "required": Option(bool, False, "a document must have time boxes"),
        "anywhere": Option(
            bool,
            False,
            "when the scope has none, use the first list of two or more "
            "items that all have a time box, else the headings that have one",
        ),
    },
    (),
)(_check_durations)(_validate_durations)


# ----------------------------------------------------------- consistency
def _validate_consistency(opts, fail):
    _validate_list_select(opts, fail)
    _validate_paths(opts, fail, "group")
    _validate_paths(opts, fail, "references")
    if not opts["group"]:
        fail(("group",), "list the globs of the documents whose lists must have the same length")
    if not re.match(r"^[A-Za-z][A-Za-z -]*$", opts["noun"]):
        fail(("noun",), "expected a word, like milestone")


def _check_consistency(rid, docs, site, opts):
    """``docs``: the checked documents of this site, rel -> Document."""
    noun = opts["noun"]
    plural = noun + "s"
    hint = _hint(opts["message"])
    group = sorted(rel for rel in _site_markdown(site) if match_any(opts["group"], rel))
    group = sorted(set(group) | {rel for rel in docs if match_any(opts["group"], rel)})
    if not group:
        return
    counts: dict[str, tuple[int, int]] = {}  # rel -> (count, line of first item)
    for rel in group:
        doc = docs.get(rel) or _load(site, rel)
        if doc is None or not doc.readable:
            continue
        runs = selected_runs(doc, opts)
        if not runs:
            if rel in docs:
                yield Finding(
                    doc.display,
                    1,
                    1,
                    rid,
                    f"this document belongs to the group {', '.join(opts['group'])} but has "
                    f"no list of {plural}; the group's documents each list their {plural}{hint}",
                )
            continue
        counts[rel] = (len(runs[0].items), runs[0].items[0].line)
    if not counts:
        return
    tally = Counter(c for c, _ in counts.values())
    best = max(tally.values())
    leaders = sorted(c for c, n in tally.items() if n == best)
    expected = leaders[-1]
    if len(leaders) > 1:  # no majority: every list is suspect
        table = ", ".join(f"{r}: {c}" for r, (c, _) in sorted(counts.items()))
        for rel, (_count, line) in sorted(counts.items()):
            if rel in docs:
                yield Finding(
                    docs[rel].display,
                    line,
                    1,
                    rid,
                    f"the lists of this group have different numbers of {plural} ({table}); "
                    f"every document of the group must have the same number{hint}",
                )
    for rel, (count, line) in sorted(counts.items()):
        if len(leaders) == 1 and count != expected and rel in docs:
            others = ", ".join(r for r, (c, _) in sorted(counts.items()) if c == expected)
            yield Finding(
                docs[rel].display,
                line,
                1,
                rid,
                f"this list has {count} {plural}, but {others} "
                f"{'has' if others.count(',') == 0 else 'have'} {expected}; every document "
                f"of the group must have the same number of {plural}{hint}",
            )
    # references are judged against the expected length in every list (a list
    # of another length has its own finding above)
    yield from _references(rid, docs, opts, noun, plural, expected, [expected] * len(counts), hint)


def _references(rid, docs, opts, noun, plural, expected, counts, hint):
    """Findings for the references (``lintkit.references``) out of range."""
    total, tracks = sum(counts), len(counts)
    for rel in sorted(docs):
        if not match_any(opts["references"], rel):
            continue
        doc = docs[rel]
        if not doc.readable:
            continue
        for line, col, ref in references.in_document(doc, noun):
            if references.in_range(ref, counts, opts["totals"]):
                continue
            a, b = ref.core
            said = doc.masked.split("\n")[line - 1][a:b].strip()
            if ref.kind == "numbers":
                bad = [x for x in ref.numbers if not 1 <= x <= expected] or ref.numbers
                yield Finding(
                    doc.display,
                    line,
                    col,
                    rid,
                    f"'{said}' refers to {noun} {bad[0]}, but each list of "
                    f"{plural} has {expected}: correct the number{hint}",
                )
                continue
            want = f"{expected}" + (
                f" (or {total} in all {tracks} lists)" if opts["totals"] and tracks > 1 else ""
            )
            yield Finding(
                doc.display,
                line,
                col,
                rid,
                f"'{said}' says {ref.numbers[0]} {plural}, but each list of {plural} "
                f"has {want}: correct the number{hint}",
            )


def _site_markdown(site) -> list[str]:
    return [
        rel
        for rel in site.files
        if posixpath.splitext(rel)[1].lower() in site.markdown_exts and not site.excluded(rel)
    ]


def _load(site, rel):
    cache = site.__dict__.setdefault("_lintkit_docs", {})
    if rel not in cache:
        from .document import Document

        cache[rel] = Document.load(site.abspath(rel), rel, rel)
    return cache[rel]


_kind(
    "consistency",
    "lists of a group have the same length, and references stay within it",
    "A site rule, run once after the documents. The documents matching ``group`` each have a "
    "list (found as by the list kind: ``scope``, ``select``, ``min-items``); all these lists "
    "must have the same number of items: a document whose list differs from the most common "
    "length gets a finding. Then, in the documents matching ``references``, every "
    "'NOUN N', 'NOUNs N-M', 'NOUNs N and M' must name a number from 1 to that length, and every "
    "'N NOUNs' / 'five ... NOUNs' (up to four words between) must say that length (or, with "
    "``totals``, the length times the number of lists, as in 'the 10 milestones' of two tracks "
    "of five). 'the first N NOUNs' may say fewer.",
    {
        **_LIST_FIELDS,
        "group": Option(list, [], "globs of the documents whose lists must have the same length"),
        "references": Option(list, ["**"], "globs of the documents whose references are checked"),
        "noun": Option(
            str, "item", "the word for one item (e.g. milestone); 'NOUNs' is its plural"
        ),
        "totals": Option(
            bool, True, "'N NOUNs' may also give the total over all lists of the group"
        ),
    },
    ("group",),
    scope="site",
)(_check_consistency)(_validate_consistency)


def kinds_doc() -> str:
    """Every kind and its fields, as Markdown (for documentation)."""
    out = []
    for name in sorted(KINDS):
        kind = KINDS[name]
        out.append(f"### {name}\n\n{kind.doc}\n")
        for fname, opt in kind.fields.items():
            req = " (required)" if fname in kind.required else ""
            out.append(
                f"- ``{fname}``{req} ({opt.type.__name__}, default {opt.default!r}): {opt.doc}"
            )
        out.append("")
    return "\n".join(out)


def iter_kinds() -> Iterable[str]:
    return sorted(KINDS)
