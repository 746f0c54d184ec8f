"""The ``front-matter`` kind: keys, types, enumerations, ranges, patterns and
references to ``_data`` and collections.
"""

from __future__ import annotations

import datetime
import difflib
import json
import posixpath
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import yamlread
from ..rule import Fail, KeyPath, Option, finding
from .framework import (
    check_regex,
    compile_regex,
    message_hint,
    register_kind,
)
from .scopes import fm_key_line

if TYPE_CHECKING:
    from ..document import Document
    from ..findings import Finding
    from ..site import Site

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
# the names a ``ref`` accepts (None: its source is missing) and how to say what they are
# (accepted names, or None when they cannot be had; description; why not, when None)
_Names = tuple[set[str] | None, str, str]
_MISSING = "which does not exist in this site"


def _validate_fm(opts: dict[str, Any], fail: Fail) -> None:
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
                check_regex(value, skp, fail)
            elif key == "ref":
                _validate_ref(value, skp, fail)
        if (
            isinstance(spec.get("min"), (int, float))
            and isinstance(spec.get("max"), (int, float))
            and spec["min"] > spec["max"]
        ):
            fail(kp + ("min",), f"min ({spec['min']}) is larger than max ({spec['max']})")


def _validate_ref(value: Any, kp: KeyPath, fail: Fail) -> None:
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


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    for name, types in TYPES.items():
        if isinstance(value, bool) and name != "boolean":
            continue
        if isinstance(value, types):
            return name
    return type(value).__name__


def _is_type(value: Any, names: list[str]) -> bool:
    for name in names:
        if isinstance(value, bool) and name in ("integer", "number"):
            continue
        if isinstance(value, TYPES[name]):
            return True
    return False


def _ref_names(site: Site, ref: dict[str, str]) -> _Names:
    """(accepted names or None when the source is missing, description)."""
    cache: dict[tuple[tuple[str, str], ...], _Names] = site.memo.setdefault(
        "declarative.ref_names", {}
    )
    key = tuple(sorted(ref.items()))
    if key in cache:
        return cache[key]
    result: _Names
    if "data" in ref:
        result = _data_names(site, ref["data"], ref.get("key"))
    elif "folder" in ref:
        folder = ref["folder"].strip("/") + "/"
        names = {
            posixpath.splitext(f[len(folder) :])[0] for f in site.files if f.startswith(folder)
        }
        result = (names if names else None), f"the name of a file in {folder}", _MISSING
    else:
        result = _collection_names(site, ref["collection"], ref.get("field"))
    cache[key] = result
    return result


def _data_names(site: Site, name: str, key: str | None) -> _Names:
    data_dir = str(site.config.get("data_source") or "_data").strip("/")
    for ext in (".yml", ".yaml", ".json"):
        rel = f"{data_dir}/{name}{ext}"
        if rel in site.file_set:
            break
    else:
        return None, f"{data_dir}/{name}.yml", _MISSING
    try:
        with site.open_source(rel) as fh:
            text = fh.read().decode("utf-8-sig")
        data = (
            json.loads(text)
            if rel.endswith(".json")
            else yamlread.load(text, max_nodes=yamlread.MAX_DATA_NODES)
        )
    except yamlread.YAMLProblem as exc:
        return None, f"a value listed in {rel}", f"but {rel} {exc.message}: fix {rel}"
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return None, f"a value listed in {rel}", f"but {rel} cannot be read ({why}): fix {rel}"
    names: set[str] = set()
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
    return names, desc, ""


def _collection_names(site: Site, name: str, field_name: str | None) -> _Names:
    col = site.collections.get(name)
    prefix = (site.collections_dir + "/" if site.collections_dir else "") + f"_{name}/"
    if col is None and not any(f.startswith(prefix) for f in site.files):
        return None, f"the collection {name}", _MISSING
    names: set[str] = set()
    for rel in site.files:
        if (
            not rel.startswith(prefix)
            or posixpath.splitext(rel)[1].lower() not in site.markdown_exts
        ):
            continue
        if field_name:
            from ..document import Document

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
    return names, what, ""


def _check_front_matter(
    rid: str, doc: Document, site: Site, opts: dict[str, Any]
) -> Iterator[Finding]:
    fm = doc.fm
    hint = message_hint(opts["message"])
    if not fm.present or not fm.closed or fm.error or not isinstance(fm.data, dict):
        if opts["required"] and not fm.present:
            keys = ", ".join(opts["required"])
            yield finding(
                doc,
                1,
                1,
                f"the document has no front matter; it needs {keys}: start it with a "
                f"'---' block{hint}",
            )
        return  # broken front matter is the front-matter rule's business
    data = fm.data

    def at(key: str) -> int:
        return fm_key_line(doc, key) or 1

    for key in opts["required"]:
        if key not in data:
            yield finding(doc, 1, 1, f"the front matter has no '{key}'; add it{hint}")
        elif data[key] is None or data[key] == "":
            yield finding(doc, at(key), 1, f"'{key}' is empty; give it a value{hint}")
    allowed = opts["allowed"]
    if allowed:
        known = set(allowed) | set(opts["required"]) | set(opts["keys"])
        for key in data:
            if str(key) not in known:
                close = difflib.get_close_matches(str(key), sorted(known), n=1)
                tip = f"did you mean '{close[0]}'? " if close else ""
                yield finding(
                    doc,
                    at(str(key)),
                    1,
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
                yield finding(
                    doc,
                    line,
                    1,
                    f"'{key}' must be {' or '.join(_a(n) for n in names)}, not "
                    f"{_a(_type_name(value))} ({_short(value)}){hint}",
                )
                continue
        values = value if isinstance(value, list) else [value]
        for v in values:
            problem = _value_problem(site, key, v, spec)
            if problem:
                yield finding(doc, line, 1, problem + hint)


def _a(name: str) -> str:
    return ("an " if name[:1] in "aeiou" else "a ") + name if name != "empty" else "empty"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _value_problem(site: Site, key: str, v: Any, spec: dict[str, Any]) -> str | None:
    if "enum" in spec and v not in spec["enum"]:
        accepted = ", ".join(str(e) for e in spec["enum"])
        return f"'{key}' is {_short(v)}, which is not one of: {accepted}"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if "min" in spec and v < spec["min"]:
            return f"'{key}' is {v}, below the minimum {spec['min']}{_range(spec)}"
        if "max" in spec and v > spec["max"]:
            return f"'{key}' is {v}, above the maximum {spec['max']}{_range(spec)}"
    if "pattern" in spec and not compile_regex(spec["pattern"]).search(str(v)):
        return f"'{key}' is {_short(v)}, which does not match {spec['pattern']}"
    if "ref" in spec:
        names, desc, why = _ref_names(site, spec["ref"])
        if names is None:
            return f"'{key}' must be {desc}, {why}"
        if str(v) not in names:
            close = difflib.get_close_matches(str(v), sorted(names), n=1, cutoff=0.7)
            tip = f" (did you mean '{close[0]}'?)" if close else ""
            add = f", or add '{v}' to {spec['ref']['data']}" if "data" in spec["ref"] else ""
            return f"'{key}' is '{v}', which is not {desc}{tip}: correct the value{add}"
    return None


def _range(spec: dict[str, Any]) -> str:
    if "min" in spec and "max" in spec:
        return f" (allowed: {spec['min']} to {spec['max']})"
    return ""


register_kind(
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
    reads_site=True,  # ref: a collection's documents, a folder's files
)(_check_front_matter)(_validate_fm)
