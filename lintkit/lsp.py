"""``lintkit lsp``: a Language Server over stdio (pygls + lsprotocol).

Everything an editor sees comes from the parts the command line uses: the
engine checks the unsaved text through its ``overlay`` (as ``check -``
does), so a diagnostic is exactly a finding of ``lintkit check`` on that
text; code actions offer each finding's ``Fix`` and apply nothing
themselves (the client applies the edits); completion, definition and hover
ask the site index (``Site``), the one link resolver (``links``) and the
real kramdown ids (``anchors``, ``headings``).

One ``Engine`` per site root, kept for the session: the site index is built
once, then updated in place when the editor reports files created, changed,
deleted or renamed (``Site.refresh``: only those files are read again); a
change of ``_config.yml``, the ``Gemfile`` or ``_plugins`` reads the site
anew, and a change of the lintkit configuration starts a new engine. After
such an event only the open documents whose findings can change are checked
again (``affected``), and their diagnostics are published only when they
differ from the last ones.

pygls is an optional dependency (``pip install 'lintkit[lsp]'``): this module
is imported only by ``lintkit lsp``.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import posixpath
import re
import traceback
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from . import __version__, anchors, gitchanges, headings, links
from .config import CONFIG_NAMES as LINTKIT_CONFIG_NAMES
from .document import Document
from .engine import Engine
from .errors import UsageError
from .findings import Finding
from .fix import SAFE
from .liquid import has_liquid
from .markdown import PartCache
from .site import Refreshed, Site, find_root

log = logging.getLogger("lintkit.lsp")

DEBOUNCE = 0.25  # seconds after the last keystroke before a document is checked
CONFIG_NAMES = ("_config.yml", *LINTKIT_CONFIG_NAMES)
SOURCE = "lintkit"

_LINK_TAG_RE = re.compile(r"\{%-?\s*(link|include|post_url|include_relative)\s+([^\s%]*)$")
_TAG_FRAGMENT_RE = re.compile(r"\{%-?\s*link\s+([^\s%]+)\s*-?%\}#([\w:.-]*)$")
_MD_DEST_RE = re.compile(r"\]\(\s*<?([^\s)#>]*)$")
_MD_FRAGMENT_RE = re.compile(r"\]\(\s*<?([^\s)#>]*)#([^\s)>]*)$")
# the links on a line, for definition and hover: a link tag, or a Markdown destination
_LINE_LINK_RE = re.compile(
    r"\]\(\s*<?((?:\{%[^%\n]*%\}|[^\s)>])+)>?"
    r"|\{%-?\s*(?:link|post_url)\s+[^%]*?-?%\}(?:#[^\s)\"'>]*)?"
)
_TAG_AT_RE = re.compile(r"\{%-?.*?-?%\}")
_MD_LINK_AT_RE = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
_WORD_AT_RE = re.compile(r"\S+")


@dataclass
class Checked:
    """The last check of an open document."""

    text: str  # the text checked
    findings: list[Finding]
    document: Document | None  # the document checked (None: it could not be loaded)
    diagnostics: list[lsp.Diagnostic]  # as published


class LintkitServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("lintkit", __version__)
        self.engines: dict[str, Engine] = {}  # site root -> engine (and its site index)
        self.checked: dict[str, Checked] = {}  # uri -> last check
        self.pending: dict[str, asyncio.Task[None]] = {}  # uri -> debounced check
        self.debounce = DEBOUNCE
        self.parse_cache = PartCache()  # a keystroke parses again only the part it changed

    # ----------------------------------------------------------- engines
    def engine_for(self, path: str) -> tuple[Engine, str] | None:
        root = find_root(path)
        if root is None:
            return None
        engine = self.engines.get(root)
        if engine is None:
            engine = self.engines[root] = Engine(site_root=root, keep_documents=True)
            engine.parse_cache = self.parse_cache
        return engine, root

    def site_for(self, path: str) -> tuple[Site, str] | None:
        found = self.engine_for(path)
        if found is None:
            return None
        engine, root = found
        try:
            return engine.site(root), root
        except Exception:
            log.exception("reading the site at %s", root)
            return None

    # ------------------------------------------------------------- check
    def findings_for(self, path: str, text: str) -> list[Finding]:
        """The findings of ``lintkit check`` on ``path`` holding ``text``."""
        return self.check_text(path, text)[0]

    def check_text(self, path: str, text: str) -> tuple[list[Finding], Document | None]:
        """The findings of ``lintkit check`` on ``path`` holding ``text``, and
        the document checked."""
        found = self.engine_for(path)
        if found is None:
            return [], None
        engine, _root = found
        engine.overlay = {path: text.encode("utf-8")}
        engine.notes.clear()
        try:
            result = engine.check([path])
        finally:
            engine.overlay = {}
        shown = engine.shown(path)
        out = [f for f in result.findings if f.path == shown]
        for error in result.errors:
            out.append(Finding(shown, 0, 0, "load", error, "error"))
        return out, result.documents.get(shown)

    def check_now(self, uri: str, only_if_changed: bool = False) -> None:
        """Check the open document ``uri`` and publish its diagnostics (with
        ``only_if_changed``: unless they are those published last)."""
        doc = self.workspace.get_text_document(uri)
        path = doc.path
        text = doc.source
        checked: Document | None = None
        try:
            findings, checked = self.check_text(path, text)
        except UsageError as exc:
            findings = [Finding(path, 0, 0, "load", str(exc), "error")]
        except Exception as exc:  # never let one document stop the server
            log.error("checking %s:\n%s", path, traceback.format_exc())
            findings = [
                Finding(
                    path,
                    0,
                    0,
                    "internal-error",
                    f"lintkit failed while checking this file ({type(exc).__name__}); "
                    "this is a bug in lintkit: please report it with this file",
                    "error",
                )
            ]
        lines = text.splitlines() or [""]
        hrefs: dict[str, str | None] = {}
        diagnostics = [self.diagnostic(f, lines, doc, hrefs) for f in findings]
        last = self.checked.get(uri)
        self.checked[uri] = Checked(text, findings, checked, diagnostics)
        if only_if_changed and last and last.text == text and last.diagnostics == diagnostics:
            return
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=doc.version)
        )

    def schedule(self, uri: str, delay: float | None = None, only_if_changed: bool = False) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
            only_if_changed = False  # the check it replaces would have published
        wait = self.debounce if delay is None else delay

        async def later() -> None:
            try:
                if wait:
                    await asyncio.sleep(wait)
            except asyncio.CancelledError:
                return
            if self.pending.get(uri) is task:
                del self.pending[uri]
            if uri in self.workspace.text_documents:
                self.check_now(uri, only_if_changed)

        task = asyncio.get_running_loop().create_task(later())
        self.pending[uri] = task

    def recheck_site(self, root: str, only: set[str] | None = None) -> None:
        """Check the open documents of the site at ``root`` again (those of
        ``only`` when given); publish only diagnostics that changed."""
        for uri in sorted(self.workspace.text_documents):
            if only is not None and uri not in only:
                continue
            path = _path_of(uri)
            if path and is_markdown(path) and find_root(path) == root:
                self.schedule(uri, 0, only_if_changed=True)

    def refresh(self, root: str, paths: list[str]) -> set[str] | None:
        """Files or folders (absolute paths) of the site at ``root`` were
        created, changed or deleted: update its index; the open documents
        whose findings can change (None: all of them)."""
        engine = self.engines.get(root)
        if engine is None or any(_may_configure(root, p) for p in paths):
            self.engines.pop(root, None)  # the rules themselves may change
            return None
        try:
            before = engine.site(root)
            _ = before.dest_map  # every URL of the site, before: links to the old ones
            done = engine.refresh_site(root, paths)
        except Exception:  # never let an event stop the server: start afresh
            log.error("updating the site index of %s:\n%s", root, traceback.format_exc())
            self.engines.pop(root, None)
            return None
        if done is None or done.special:
            return None
        site = engine.site(root)
        out = set()
        for uri, checked in self.checked.items():
            path = _path_of(uri)
            if path and find_root(path) == root and affected(engine, site, checked, done):
                out.add(uri)
        return out

    # -------------------------------------------------------- diagnostics
    def diagnostic(
        self, f: Finding, lines: list[str], doc: Any, hrefs: dict[str, str | None] | None = None
    ) -> lsp.Diagnostic:
        """The diagnostic of ``f``; ``hrefs`` (rule id -> its documentation)
        keeps the documentation links of the rules already met."""
        rng = to_client(doc, lines, finding_range(f, lines))
        severity = _SEVERITIES[f.severity or "error"]
        hrefs = {} if hrefs is None else hrefs
        if f.rule not in hrefs:
            hrefs[f.rule] = rule_doc_uri(self, f.rule, doc.path)
        href = hrefs[f.rule]
        return lsp.Diagnostic(
            range=rng,
            message=f.message,
            severity=severity,
            code=f.rule,
            code_description=lsp.CodeDescription(href=href) if href else None,
            source=SOURCE,
        )


_SEVERITIES = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


def is_markdown(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in (".md", ".markdown", ".mkd", ".mkdn", ".mdown")


def rule_doc_uri(server: LintkitServer, rid: str, path: str) -> str | None:
    """Where a rule is documented: the module whose docstring ``lintkit rule
    ID`` prints (a declarative rule: the configuration that defines it)."""
    found = server.engine_for(path)
    if found is None:
        return None
    rule = found[0].rules.get(rid)
    if rule is None:
        return None
    try:
        source = inspect.getsourcefile(rule.check)
    except TypeError:
        source = None
    if not source:
        return None
    found_uri: str | None = from_fs_path(source)
    return found_uri


def finding_range(f: Finding, lines: list[str]) -> lsp.Range:
    """The range (in code points) a finding covers: from its column to the end
    of the link tag, Markdown link or word that starts there; the whole line
    for a finding without a column; the first line for the file as a whole."""
    if f.line <= 0 or f.line > len(lines):
        first = len(lines[0]) if lines else 0
        return lsp.Range(lsp.Position(0, 0), lsp.Position(0, first))
    text = lines[f.line - 1]
    if f.column <= 0:
        return lsp.Range(lsp.Position(f.line - 1, 0), lsp.Position(f.line - 1, len(text)))
    start = min(f.column - 1, len(text))
    end = _token_end(text, start)
    return lsp.Range(lsp.Position(f.line - 1, start), lsp.Position(f.line - 1, end))


def _token_end(text: str, start: int) -> int:
    for rx in (_TAG_AT_RE, _MD_LINK_AT_RE):
        m = rx.match(text, start)
        if m:
            return m.end()
    m = _WORD_AT_RE.match(text, start)
    return m.end() if m else len(text)


# ------------------------------------------------------------- positions
def byte_position(data: bytes, offset: int) -> lsp.Position:
    """The (line, code point) of byte ``offset`` of ``data``."""
    before = data[:offset].decode("utf-8", "replace")
    line = before.count("\n")
    return lsp.Position(line, len(before) - (before.rfind("\n") + 1))


def to_client(doc: Any, lines: list[str], rng: lsp.Range) -> lsp.Range:
    """``rng`` (code points) in the client's units (UTF-16 by default): the
    same numbers on ASCII lines, which need no counting."""
    first, last = rng.start.line, rng.end.line
    if (first >= len(lines) or lines[first].isascii()) and (
        last >= len(lines) or lines[last].isascii()
    ):
        return rng
    result: lsp.Range = doc.position_codec.range_to_client_units(lines, rng)
    return result


# ----------------------------------------------------------- code actions
def code_actions(server: LintkitServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    checked = server.checked.get(uri)
    if checked is None:
        return []
    doc = server.workspace.get_text_document(uri)
    text = doc.source
    lines = text.splitlines() or [""]
    first, last = params.range.start.line, params.range.end.line
    actions: list[lsp.CodeAction] = []
    current = text == checked.text  # fixes are byte spans of the text that was checked
    data = text.encode("utf-8")
    body_line = _body_line(text)
    hrefs: dict[str, str | None] = {}
    for f in checked.findings:
        line0 = f.line - 1 if f.line > 0 else 0
        if not first <= line0 <= last:
            continue
        diag = server.diagnostic(f, lines, doc, hrefs)
        if f.fix is not None and current:
            edits = [
                lsp.TextEdit(
                    range=to_client(
                        doc,
                        lines,
                        lsp.Range(byte_position(data, e.start), byte_position(data, e.end)),
                    ),
                    new_text=e.text,
                )
                for e in sorted(f.fix.edits)
            ]
            title = f.fix.title if f.fix.safety == SAFE else f"{f.fix.title} (unsafe)"
            actions.append(
                lsp.CodeAction(
                    title=f"lintkit: {title}",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=f.fix.safety == SAFE,
                    edit=lsp.WorkspaceEdit(changes={uri: edits}),
                )
            )
        if f.rule in ("load", "internal-error"):
            continue
        if f.line > 0 and f.line >= body_line and f.line <= len(lines):
            end = lsp.Position(f.line - 1, len(lines[f.line - 1]))
            edit = lsp.TextEdit(
                range=to_client(doc, lines, lsp.Range(end, end)),
                new_text=f" <!-- lintkit-disable-line {f.rule} -->",
            )
            actions.append(
                lsp.CodeAction(
                    title=f"lintkit: disable {f.rule} for this line",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
        at = lsp.Position(body_line - 1, 0)
        newline = "\r\n" if "\r\n" in text else "\n"
        comment = f"<!-- lintkit-disable-file {f.rule} -->{newline}"
        if body_line - 1 >= len(lines) and text and not text.endswith(("\n", "\r")):
            comment = newline + comment
        actions.append(
            lsp.CodeAction(
                title=f"lintkit: disable {f.rule} for this file",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                edit=lsp.WorkspaceEdit(
                    changes={uri: [lsp.TextEdit(range=lsp.Range(at, at), new_text=comment)]}
                ),
            )
        )
    return actions


def _body_line(text: str) -> int:
    """The 1-based line where the body starts (after the front matter)."""
    fm = Document.from_bytes("", "", "", text.encode("utf-8")).fm
    return fm.end_line + 1 if fm.present and fm.closed else 1


# ------------------------------------------------------------ completion
def completion(server: LintkitServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    doc = server.workspace.get_text_document(uri)
    lines = doc.lines
    pos = doc.position_codec.position_from_client_units(lines, params.position)
    line = lines[pos.line].rstrip("\r\n") if pos.line < len(lines) else ""
    before = line[: pos.character]
    found = server.site_for(doc.path)
    if found is None:
        return lsp.CompletionList(is_incomplete=False, items=[])
    site, _root = found
    items: list[tuple[str, str, lsp.CompletionItemKind]] = []  # (label, detail, kind)
    typed = ""
    m = _TAG_FRAGMENT_RE.search(before)
    if m:
        typed = m.group(2)
        url = links.link_tag_url(site, m.group(1))
        items = _fragments(site, url, typed)
    elif (m := _MD_FRAGMENT_RE.search(before)) is not None:
        typed = m.group(2)
        page = _page(site, doc.path, doc.source)
        href = links.render(page, site, m.group(1)).href if m.group(1) else ""
        if href is not None:
            target = links.resolve(page, site, href + "#") if href else None
            if target is None:
                url = site.url_of(page.rel)
            else:
                url = target.url if target.kind == "site" else None
            items = _fragments(site, url, typed)
    elif (m := _LINK_TAG_RE.search(before)) is not None:
        tag, typed = m.group(1), m.group(2)
        items = [(p, d, lsp.CompletionItemKind.File) for p, d in _tag_paths(site, tag, doc.path)]
    elif (m := _MD_DEST_RE.search(before)) is not None:
        typed = m.group(1)
        base = site.baseurl or ""
        items = [
            (base + url, rel, lsp.CompletionItemKind.File)
            for url, rel in sorted(site.url_map.items())
            if is_markdown(rel) or rel.endswith((".html", ".htm"))
        ]
    start = lsp.Position(pos.line, pos.character - len(typed))
    rng = doc.position_codec.range_to_client_units(
        lines, lsp.Range(start, lsp.Position(pos.line, pos.character))
    )
    out = [
        lsp.CompletionItem(
            label=label,
            kind=kind,
            detail=detail,
            filter_text=label,
            text_edit=lsp.TextEdit(range=rng, new_text=label),
        )
        for label, detail, kind in items
        if label.startswith(typed) or typed.lower() in label.lower()
    ]
    return lsp.CompletionList(is_incomplete=False, items=out[:500])


def _tag_paths(site: Site, tag: str, path: str) -> list[tuple[str, str]]:
    if tag == "link":
        return [(rel, site.url_of(rel) or "") for rel in sorted(site.linkable_paths)]
    if tag == "include":
        folder = str(site.config.get("includes_dir") or "_includes").strip("/") + "/"
        return [(rel[len(folder) :], rel) for rel in sorted(site.files) if rel.startswith(folder)]
    if tag == "post_url":
        out = []
        for rel in sorted(site.posts):
            name = rel.split("_posts/", 1)[-1]
            out.append((posixpath.splitext(name)[0], rel))
        return out
    # include_relative: files of the page's folder
    here = posixpath.dirname(site.rel(path))
    prefix = here + "/" if here not in ("", ".") else ""
    return [(rel[len(prefix) :], rel) for rel in sorted(site.files) if rel.startswith(prefix)]


def _fragments(
    site: Site, url: str | None, typed: str
) -> list[tuple[str, str, lsp.CompletionItemKind]]:
    if url is None:
        return []
    if site.baseurl and url.startswith(site.baseurl + "/"):
        url = url[len(site.baseurl) :]
    dest = site.resolve_dest(unquote(url))
    if dest is None:
        return []
    ids = anchors.of_dest(site, dest).ids
    return [(i, dest, lsp.CompletionItemKind.Reference) for i in sorted(ids)]


def _page(site: Site, path: str, text: str) -> Document:
    rel = site.rel(path)
    doc = Document.from_bytes(path, rel, rel, text.encode("utf-8"))
    doc.site = site
    return doc


# ---------------------------------------------------- definition and hover
@dataclass
class LinkAt:
    dest: str
    start: int
    end: int


def link_at(line: str, character: int) -> LinkAt | None:
    """The link tag or Markdown destination of ``line`` under ``character``."""
    for m in _LINE_LINK_RE.finditer(line):
        if m.start() <= character <= m.end():
            if m.group(1) is not None:
                return LinkAt(m.group(1), m.start(1), m.end(1))
            return LinkAt(m.group(0), m.start(), m.end())
    return None


@dataclass
class Resolved:
    href: str | None  # what Jekyll writes (None: not known without rendering)
    source: str | None  # the site path of the target (None: no such page)
    fragment: str | None
    kind: str  # links.Target.kind, or "liquid"


def resolve_link(site: Site, page: Document, dest: str) -> Resolved:
    href = links.render(page, site, dest.strip()).href
    if href is None:
        return Resolved(None, None, None, "liquid")
    target = links.resolve(page, site, href)
    if target.kind == "same":
        return Resolved(href, page.rel, target.fragment, "same")
    if target.kind != "site" or target.dest is None:
        return Resolved(href, None, target.fragment, target.kind)
    source = site.dest_map.get(target.dest) or None
    return Resolved(href, source, target.fragment, "site")


def heading_line(site: Site, source: str, fragment: str) -> int:
    """The 0-based line of the heading whose kramdown id is ``fragment`` in
    the site file ``source`` (0 when none has it): the ids ``anchors`` knows,
    from the body as Jekyll renders it."""
    doc = Document.load(site.abspath(source), source, source, site.root)
    if not doc.readable:
        return 0
    doc.site = site
    body = anchors.render_body(doc, site)  # line breaks kept
    first = doc.text.count("\n", 0, doc.body_start)
    for heading, hid in headings.document_heading_ids(body):
        if hid == fragment:
            return first + heading.line - 1
    return 0


def _under_cursor(
    server: LintkitServer, uri: str, position: lsp.Position
) -> tuple[Site, Document, LinkAt, Resolved, lsp.Range] | None:
    doc = server.workspace.get_text_document(uri)
    lines = doc.lines
    pos = doc.position_codec.position_from_client_units(lines, position)
    if pos.line >= len(lines):
        return None
    line = lines[pos.line].rstrip("\r\n")
    hit = link_at(line, pos.character)
    if hit is None:
        return None
    found = server.site_for(doc.path)
    if found is None:
        return None
    site, _root = found
    page = _page(site, doc.path, doc.source)
    resolved = resolve_link(site, page, hit.dest)
    rng = lsp.Range(lsp.Position(pos.line, hit.start), lsp.Position(pos.line, hit.end))
    return site, page, hit, resolved, doc.position_codec.range_to_client_units(lines, rng)


def definition(server: LintkitServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    under = _under_cursor(server, params.text_document.uri, params.position)
    if under is None:
        return None
    site, _page_doc, _hit, resolved, _rng = under
    if resolved.source is None:
        return None
    line = heading_line(site, resolved.source, resolved.fragment) if resolved.fragment else 0
    start = lsp.Position(line, 0)
    return lsp.Location(
        uri=from_fs_path(site.abspath(resolved.source)) or "",
        range=lsp.Range(start, start),
    )


def hover(server: LintkitServer, params: lsp.HoverParams) -> lsp.Hover | None:
    under = _under_cursor(server, params.text_document.uri, params.position)
    if under is None:
        return None
    site, _page_doc, _hit, resolved, rng = under
    if resolved.kind == "liquid":
        text = (
            "lintkit: the URL is built with Liquid; it is known only when Jekyll renders the page"
        )
    elif resolved.kind in ("external", "mailto", "none"):
        text = f"lintkit: `{resolved.href}` leaves the site; not checked here"
    elif resolved.source is None:
        text = f"lintkit: `{resolved.href}` opens **no page** of this site"
    else:
        text = f"lintkit: `{resolved.href}` opens `{resolved.source}`"
        if resolved.fragment:
            ok = _has_fragment(site, resolved)
            text += f"; `#{resolved.fragment}` {'exists' if ok else 'is **no id** of that page'}"
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=rng
    )


def _has_fragment(site: Site, resolved: Resolved) -> bool:
    dest = site.dest_of(resolved.source) if resolved.source else None
    if dest is None or resolved.fragment is None:
        return False
    return anchors.of_dest(site, dest).has(resolved.fragment)


# ------------------------------------------------------------ watched files
def files_changed(server: LintkitServer, paths: list[str]) -> None:
    """Files were created, deleted, renamed or changed on disk: update the
    site index of the sites they are in (``LintkitServer.refresh``), and
    check again the open documents whose findings can change."""
    by_root: dict[str, list[str]] = {}
    for path in paths:
        for root in server.engines:
            if path == root or path.startswith(root.rstrip(os.sep) + os.sep):
                by_root.setdefault(root, []).append(path)
    for root, changed in sorted(by_root.items()):
        server.recheck_site(root, server.refresh(root, changed))


_TARGET_TAGS = ("link", "post_url", "include", "include_relative")


def _may_configure(root: str, path: str) -> bool:
    """Can a change of ``path`` change the lintkit configuration of the site at
    ``root``? Its file, or a YAML or TOML file it may extend or include (any
    outside ``_data``, whose changes are a site's, and ``_config.yml``,
    which the site index reads)."""
    name = os.path.basename(path)
    if name in LINTKIT_CONFIG_NAMES:
        return True
    if name == "_config.yml" or not name.endswith((".yml", ".yaml", ".toml")):
        return False
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    return not rel.startswith("_data/")


def affected(engine: Engine, site: Site, checked: Checked, done: Refreshed) -> bool:
    """Can the findings of an open document change after ``done``? Yes when it
    is one of the files changed; when it has a link finding (a new page may
    mend its link, or change the "did you mean"); when a rule that reads the
    whole site runs on it (``Rule.reads_site``); when a link or include tag of
    it is built with Liquid; when it links to a file changed, through a tag or
    a Markdown link to its path or to a URL the file was or is served at (the
    one answer of ``check --since``: ``gitchanges.removed_targets``)."""
    doc = checked.document
    if doc is None or not doc.readable or doc.rel in done.touched:
        return True
    for f in checked.findings:
        rule = engine.rules.get(f.rule)
        if rule is None or "links" in rule.tags:
            return True
    cfg = engine.config(site.root)
    settings = cfg.for_path(doc.rel)
    for rid, rule in cfg.rule_objects.items():
        if rule.reads_site and settings[rid].enabled:
            return True
    for tag in doc.liquid.tags:
        if tag.name in _TARGET_TAGS and tag.region is None and has_liquid(tag.markup):
            return True
    return bool(gitchanges.removed_targets(doc, site, set(done.touched), done.urls))


def _path_of(uri: str) -> str | None:
    if urlsplit(uri).scheme != "file":
        return None
    return to_fs_path(uri)


# ----------------------------------------------------------------- server
def make_server() -> LintkitServer:
    server = LintkitServer()

    @server.feature(lsp.INITIALIZE)
    def _initialize(ls: LintkitServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            value = options.get("debounce")
            if isinstance(value, (int, float)) and 0 <= value <= 10:
                ls.debounce = float(value)

    @server.feature(lsp.INITIALIZED)
    async def _initialized(ls: LintkitServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if watched is None or not watched.dynamic_registration:
            return
        try:
            await ls.client_register_capability_async(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="lintkit-watched-files",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                watchers=[lsp.FileSystemWatcher(glob_pattern="**/*")]
                            ),
                        )
                    ]
                )
            )
        except Exception:  # a client that refuses: the server works without it
            log.info("the client did not register the file watcher")

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def _did_open(ls: LintkitServer, params: lsp.DidOpenTextDocumentParams) -> None:
        path = _path_of(params.text_document.uri)
        if path and is_markdown(path):
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def _did_change(ls: LintkitServer, params: lsp.DidChangeTextDocumentParams) -> None:
        path = _path_of(params.text_document.uri)
        if path and is_markdown(path):
            ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def _did_save(ls: LintkitServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = _path_of(params.text_document.uri)
        if path and os.path.basename(path) in CONFIG_NAMES:
            files_changed(ls, [path])

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def _did_close(ls: LintkitServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def _watched(ls: LintkitServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        paths = [p for p in (_path_of(c.uri) for c in params.changes) if p]
        files_changed(ls, paths)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def _code_action(ls: LintkitServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        try:
            return code_actions(ls, params)
        except Exception:
            log.error("code actions:\n%s", traceback.format_exc())
            return []

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[" ", "/", "#", "(", "_"]),
    )
    def _completion(ls: LintkitServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        try:
            return completion(ls, params)
        except Exception:
            log.error("completion:\n%s", traceback.format_exc())
            return lsp.CompletionList(is_incomplete=False, items=[])

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def _definition(ls: LintkitServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        try:
            return definition(ls, params)
        except Exception:
            log.error("definition:\n%s", traceback.format_exc())
            return None

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def _hover(ls: LintkitServer, params: lsp.HoverParams) -> lsp.Hover | None:
        try:
            return hover(ls, params)
        except Exception:
            log.error("hover:\n%s", traceback.format_exc())
            return None

    return server


def main() -> None:
    """Serve over stdio until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="lintkit lsp: %(message)s")
    make_server().start_io()


__all__ = ["LintkitServer", "main", "make_server"]
