"""Jekyll 4.3's URL rules, transcribed: permalink templates and styles,
placeholders, ``slugify``, front matter ``defaults`` and the output file a URL
is written to. A leaf module: stdlib only.

The sources (``jekyll-4.3.1/lib/jekyll``): ``url.rb`` (``generate_url``,
``sanitize_url``), ``page.rb`` (``template``, ``url_placeholders``,
``destination``), ``document.rb`` (``cleaned_relative_path``, ``destination``),
``drops/url_drop.rb`` (document placeholders), ``static_file.rb`` (``url``),
``utils.rb`` (``slugify``, ``add_permalink_suffix``), ``configuration.rb``
(``STYLE_TO_PERMALINK``) and ``frontmatter_defaults.rb`` (``all``, ``find``).

URLs here are *decoded* (``/a b.html``, not ``/a%20b.html``): Jekyll escapes
placeholder values and unescapes them again to name the output file, and links
are compared after percent-decoding.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

STYLE_TO_PERMALINK = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
HTML_EXTENSIONS = (".html", ".xhtml", ".htm")
DATE_FILENAME_RE = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")


# ------------------------------------------------------------------ slugify
def _keep_default(ch: str) -> bool:  # \p{M} \p{L} \p{Nd}
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd"


_PRETTY_EXTRA = set("._~!$&'()+,;=@")


def slugify(text: str | None, mode: str = "default", cased: bool = False) -> str | None:
    """``Jekyll::Utils.slugify``: runs of other characters become one ``-``,
    leading and trailing ``-`` go, then lower case (unless ``cased``).
    ``_`` is not kept in the default mode: ``my_page`` gives ``my-page``."""
    if text is None:
        return None
    text = str(text)
    if mode not in ("raw", "default", "pretty", "ascii", "latin"):
        return text if cased else text.lower()
    if mode == "latin":
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        mode = "default"
    if mode == "raw":
        slug = re.sub(r"\s+", "-", text)
    else:
        out: list[str] = []
        run = False
        for ch in text:
            if mode == "ascii":
                keep = ch.isascii() and ch.isalnum()
            else:
                keep = _keep_default(ch) or (mode == "pretty" and ch in _PRETTY_EXTRA)
            if keep:
                out.append(ch)
                run = False
            elif not run:
                out.append("-")
                run = True
        slug = "".join(out)
    # Ruby's gsub(/^-|-$/) works per line, which for a one-line slug is both ends once.
    if slug.startswith("-"):
        slug = slug[1:]
    if slug.endswith("-"):
        slug = slug[:-1]
    return slug if cased else slug.lower()


# --------------------------------------------------------------- templates
def add_permalink_suffix(template: str, style: str) -> str:
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def style_to_permalink(style: str) -> str:
    return STYLE_TO_PERMALINK.get(style, style)


def sanitize_url(url: str) -> str:
    """``Jekyll::URL#sanitize_url``: a leading ``/``, ``..`` made harmless, no ``//``."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)


def expand_hash(template: str, placeholders: list[tuple[str, Any]]) -> str:
    """``generate_url_from_hash`` (pages, static files): replace each
    placeholder in turn; a nil value removes ``/:name``."""
    result = template
    for key, value in placeholders:
        if ":" not in result:
            break
        if value is None:
            result = result.replace("/:" + key, "")
        else:
            result = result.replace(":" + key, value)
    return result


class UnknownPlaceholder(Exception):
    """A document permalink names a placeholder Jekyll does not know: the
    build stops (``The URL template doesn't have ... keys``)."""


def expand_drop(template: str, values: dict[str, Any]) -> str:
    """``generate_url_from_drop`` (documents)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        pool = [name, name[:-1]] if name.endswith("_") else [name]
        for key in pool:
            if key in values:
                value = values[key]
                value = "" if value is None else str(value)
                return m.group(0).replace(":" + key, value, 1)
        raise UnknownPlaceholder(name)

    return re.sub(r":([a-z_]+)", sub, template)


def url_with_template(template: str, permalink: str | None, expand: Callable[[str], str]) -> str:
    return sanitize_url(expand(permalink) if permalink else expand(template))


# ------------------------------------------------------------- destination
def page_destination(url: str, output_ext: str) -> str:
    """The output file of a page (relative to ``_site``), from its decoded URL."""
    path = url.lstrip("/")
    if url.endswith("/"):
        path = posixpath.join(path, "index")
    if not path.endswith(output_ext):
        path += output_ext
    return _clean_dest(path)


def document_destination(url: str, output_ext: str) -> str:
    path = url.lstrip("/")
    if url.endswith("/"):
        path = posixpath.join(path, "index.html")
    elif not path.endswith(output_ext):
        path += output_ext
    return _clean_dest(path)


def _clean_dest(path: str) -> str:
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    return "/".join(parts)


# ------------------------------------------------------------------ dates
def to_datetime(value: Any) -> _dt.datetime | None:
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        m = re.match(
            r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", value
        )
        if m:
            try:
                y, mo, d, h, mi, sec = (int(g) if g else 0 for g in m.groups())
                return _dt.datetime(y, mo, d, h, mi, sec)
            except ValueError:
                return None
    return None


def date_placeholders(date: _dt.datetime) -> dict[str, str]:
    return {
        "year": date.strftime("%Y"),
        "month": date.strftime("%m"),
        "day": date.strftime("%d"),
        "hour": date.strftime("%H"),
        "minute": date.strftime("%M"),
        "second": date.strftime("%S"),
        "i_day": str(date.day),
        "i_month": str(date.month),
        "short_month": date.strftime("%b"),
        "long_month": date.strftime("%B"),
        "short_year": date.strftime("%y"),
        "w_year": date.strftime("%G"),
        "week": date.strftime("%V"),
        "w_day": str(date.isoweekday()),
        "short_day": date.strftime("%a"),
        "long_day": date.strftime("%A"),
        "y_day": date.strftime("%j"),
    }


# --------------------------------------------------------------- defaults
def _sanitize_scope_path(path: Any) -> str:
    if not isinstance(path, str) or not path:
        return ""
    return path[1:] if path.startswith("/") else path


def _scope_applies(
    scope: dict[Any, Any], rel: str, type_: str | None, collections_dir: str
) -> bool:
    if "type" in scope:
        want = str(scope.get("type"))
        want = {"page": "pages", "post": "posts", "draft": "drafts"}.get(want, want)
        if type_ is None or want != type_:
            return False
    scope_path = scope.get("path")
    if not isinstance(scope_path, str) or not scope_path:
        return True
    if collections_dir and scope_path.startswith(collections_dir + "/"):
        scope_path = scope_path[len(collections_dir) + 1 :]
    if "*" in scope_path:
        # Dir.glob of the scope, then a prefix test: a glob segment matches one path segment.
        parts = rel.split("/")
        depth = scope_path.strip("/").count("/") + 1
        prefix = "/".join(parts[:depth])
        return fnmatch.fnmatchcase(prefix, scope_path.strip("/"))
    # Jekyll compares the file's path with the scope path as written (a scope
    # starting with "/" matches nothing), as a string prefix.
    return rel.startswith(scope_path)


def _precedes(old: dict[Any, Any] | None, new: dict[Any, Any]) -> bool:
    if old is None:
        return True
    new_path = _sanitize_scope_path(new.get("path"))
    old_path = _sanitize_scope_path(old.get("path"))
    if len(new_path) != len(old_path):
        return len(new_path) >= len(old_path)
    if "type" in new:
        return True
    return "type" not in old


def defaults_for(
    sets: Iterable[Any], rel: str, type_: str | None, collections_dir: str = ""
) -> dict[str, Any]:
    """``FrontmatterDefaults#all``: the merged default values for a file (a
    shallow merge is enough for the keys URLs need)."""
    merged: dict[str, Any] = {}
    old = None
    for entry in sets:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope")
        scope = scope if isinstance(scope, dict) else {}
        if "scope" in entry and not _scope_applies(scope, rel, type_, collections_dir):
            continue
        if _precedes(old, scope):
            merged = {**merged, **entry["values"]}
            old = scope
        else:
            merged = {**entry["values"], **merged}
    return merged
