"""The ``require-text`` and ``forbid-text`` kinds."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import userregex
from ..fix import Fix
from ..rule import Fail, Option, finding
from .framework import (
    check_regex,
    compile_regex,
    register_kind,
    validate_scope,
)
from .scopes import position, replace_match, resolve_scope

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Finding
    from ..site import Site

# ----------------------------------------------------------- text kinds
_TEXT_DOC = (
    "The regular expression ``pattern`` (Python syntax; ``(?i)`` for case-insensitive) "
    "{verb} match within ``scope``. {more}"
)


def _validate_text(opts: dict[str, Any], fail: Fail) -> None:
    validate_scope(opts["scope"], fail)
    check_regex(opts["pattern"], ("pattern",), fail)


_TEXT_FIELDS = {
    "pattern": Option(str, "", "the regular expression"),
    "scope": Option(
        str,
        "body",
        "where to look: body, section NAME, last-paragraph, headings, "
        "link-text, front-matter FIELD",
    ),
}


def _check_require(rid: str, doc: Document, site: Site, opts: dict[str, Any]) -> Iterator[Finding]:
    scope = resolve_scope(doc, opts["scope"])
    regex = compile_regex(opts["pattern"])
    for text, _ in scope.chunks:
        if regex.search(text):
            return
    line, col = scope.anchor
    yield finding(doc, line, col, opts["message"])


def _check_forbid(rid: str, doc: Document, site: Site, opts: dict[str, Any]) -> Iterator[Finding]:
    scope = resolve_scope(doc, opts["scope"])
    regex = compile_regex(opts["pattern"])
    replace = opts.get("replace")
    for i, (text, start) in enumerate(scope.chunks):
        for m in regex.finditer(text):
            line, col = position(doc, scope, i, m.start())
            message = replace_match(opts["message"], m.group(0))
            fix = None
            if replace is not None:
                new = _expand(m, replace)
                if new is not None:
                    message = message.replace("{replace}", new)
                    fix = _substitute(doc, regex, start, m, new)
            yield finding(doc, line, col, message, fix=fix)


def _expand(m: Any, template: str) -> str | None:
    """``m``: a match of the ``regex`` library (lintkit.userregex), untyped."""
    try:
        return str(m.expand(template))
    except (re.error, IndexError):
        return None


def _substitute(
    doc: Document, regex: userregex.Pattern, start: int, m: Any, new: str
) -> Fix | None:
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


def _validate_forbid(opts: dict[str, Any], fail: Fail) -> None:
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


register_kind(
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
register_kind(
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
