"""One loaded document: bytes -> text -> front matter -> Liquid -> blocks.

Loading never raises: every problem becomes a ``LoadProblem`` that the engine
turns into a finding, and a document that cannot be decoded is not checked
further. Everything the rules need is computed once, lazily.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import frontmatter, inline, liquid, markdown, safeio, suppress
from .fix import Edit

if TYPE_CHECKING:
    from .liquid_defs import LoopDefinitions

BINARY_SNIFF = 8192
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class LoadProblem:
    line: int
    column: int
    message: str
    fatal: bool  # the document could not be read as text: no rule runs on it


@dataclass(frozen=True)
class PositionedLink:
    link: inline.Link
    line: int
    column: int  # of "[" / "!"
    dest_line: int
    dest_column: int
    dest: str | None  # destination in the original text (Liquid unmasked)
    block: dict[str, Any]


@dataclass(frozen=True)
class PositionedDefinition:
    label: str
    dest: str  # in the original text (Liquid unmasked)
    title: str | None
    line: int  # of "["
    column: int
    dest_line: int
    dest_column: int


class Document:
    # the parts of documents parsed before (``markdown.PartCache``): set by an
    # engine that checks the same document again and again (``lintkit lsp``)
    parse_cache: markdown.PartCache | None = None

    def __init__(
        self,
        path: str,
        rel: str,
        display: str,
        raw: bytes,
        problems: list[LoadProblem] | None = None,
        text: str | None = None,
    ):
        self.path = path  # absolute file system path
        self.rel = rel  # POSIX path relative to the site root
        self.display = display  # the path shown in findings
        self.raw = raw
        self.problems: list[LoadProblem] = problems or []
        self.text = text or ""
        self.readable = text is not None
        # Rendered without front matter (set from the site: jekyll-optional-front-matter).
        self.plugin_rendered = False
        # The site the document belongs to, when the engine knows it (for
        # definitions written by Liquid loops over site data).
        self.site: Any = None

    # ------------------------------------------------------------------ load
    @classmethod
    def load(cls, path: str, rel: str, display: str, root: str | None = None) -> Document:
        """Read ``path`` (``rel`` below the site ``root``; by default the root
        ``path`` and ``rel`` imply): only a regular file inside the site
        (lintkit.safeio), so a link out of the site or a named pipe is a
        problem of the document, not a read of a secret or a hang."""
        if root is None:
            suffix = os.sep + rel.replace("/", os.sep)
            root = path[: -len(suffix)] if path.endswith(suffix) else os.path.dirname(path)
        try:
            raw = safeio.read_in_site(path, root, MAX_BYTES + 1)
        except safeio.UnsafePath as exc:
            return cls(path, rel, display, b"", [LoadProblem(0, 0, str(exc.strerror), True)])
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return cls(
                path,
                rel,
                display,
                b"",
                [LoadProblem(0, 0, f"cannot read the file: {reason}", True)],
            )
        return cls.from_bytes(path, rel, display, raw)

    @classmethod
    def from_bytes(cls, path: str, rel: str, display: str, raw: bytes) -> Document:
        if len(raw) > MAX_BYTES:
            return cls(
                path,
                rel,
                display,
                b"",
                [
                    LoadProblem(
                        0,
                        0,
                        f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; not checked",
                        True,
                    )
                ],
            )
        if b"\x00" in raw[:BINARY_SNIFF]:
            return cls(
                path,
                rel,
                display,
                raw,
                [
                    LoadProblem(
                        0,
                        0,
                        "the file is binary (it contains NUL bytes), not Markdown; "
                        "rename it or exclude it",
                        True,
                    )
                ],
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
            line = raw.count(b"\n", 0, offset) + 1
            col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
            return cls(
                path,
                rel,
                display,
                raw,
                [
                    LoadProblem(
                        line,
                        col,
                        f"invalid UTF-8 (byte 0x{raw[offset]:02x} at offset {offset}); "
                        "Jekyll refuses this file: save it as UTF-8",
                        True,
                    )
                ],
            )
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        problems = []
        if not text.strip():
            problems.append(LoadProblem(0, 0, "the file is empty", False))
        return cls(path, rel, display, raw, problems, text)

    # ------------------------------------------------------------ structure
    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def fm(self) -> frontmatter.FrontMatter:
        return frontmatter.parse(frontmatter.split(self.text))

    @property
    def rendered(self) -> bool:
        """Jekyll renders (rather than copies) a file that has front matter, or
        one a plugin renders without (``plugin_rendered``)."""
        return self.fm.present or self.plugin_rendered

    @property
    def data(self) -> dict[str, Any]:
        data = self.fm.data
        return data if isinstance(data, dict) else {}

    @cached_property
    def body_start(self) -> int:
        """Offset where the Markdown body starts (after the front matter)."""
        fm = self.fm
        if not fm.present or not fm.closed:
            return 0
        idx = fm.end_line  # the closing marker's line, 1-based: its index is end_line-1
        return self._line_offsets[idx] if idx < len(self._line_offsets) else len(self.text)

    @cached_property
    def _line_offsets(self) -> list[int]:
        offsets = [0]
        offsets.extend(m.end() for m in re.finditer("\n", self.text))
        return offsets

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in ``text``."""
        idx = bisect_right(self._line_offsets, offset) - 1
        return idx + 1, offset - self._line_offsets[idx] + 1

    def offset(self, line: int, column: int = 1) -> int:
        return self._line_offsets[line - 1] + column - 1

    # ------------------------------------------------------- fixes (bytes)
    @cached_property
    def _raw_line_starts(self) -> list[int]:
        """Byte offset in ``raw`` of each line of ``text`` (after the BOM;
        ``\\r\\n``, ``\\r`` and ``\\n`` end a line, as in ``from_bytes``)."""
        starts = [3 if self.raw.startswith(b"\xef\xbb\xbf") else 0]
        starts.extend(m.end() for m in re.finditer(rb"\r\n|\r|\n", self.raw))
        return starts

    @cached_property
    def newline(self) -> str:
        """The file's line ending: ``\\r\\n`` when it has any, else ``\\n``."""
        return "\r\n" if b"\r\n" in self.raw else "\n"

    def byte_offset(self, offset: int) -> int:
        """The byte offset in ``raw`` of the character offset ``offset`` of ``text``."""
        idx = bisect_right(self._line_offsets, offset) - 1
        start = self._line_offsets[idx]
        return self._raw_line_starts[idx] + len(self.text[start:offset].encode("utf-8"))

    def edit(self, start: int, end: int, replacement: str) -> Edit:
        """An edit of the file's bytes replacing ``text[start:end]``: offsets
        are mapped through the BOM and line endings, and each ``\\n`` of
        ``replacement`` is written as the file's own line ending."""
        if "\n" in replacement and self.newline != "\n":
            replacement = replacement.replace("\n", self.newline)
        return Edit(self.byte_offset(start), self.byte_offset(end), replacement)

    @cached_property
    def liquid(self) -> liquid.Scan:
        """Liquid tags of the body (front matter is not Liquid in Jekyll)."""
        start = self.body_start
        body = self.text[start:]
        scan = liquid.scan(body)
        if start:
            shift = start
            tags = [
                liquid.Tag(t.start + shift, t.end + shift, t.kind, t.name, t.markup, t.region)
                for t in scan.tags
            ]
            unclosed = [liquid.Unclosed(u.start + shift, u.kind) for u in scan.unclosed]
            scan = liquid.Scan(tags, unclosed, scan.masked)
        return scan

    @cached_property
    def masked(self) -> str:
        """The text with front matter blanked, Liquid masked and lintkit's
        suppression comments blanked: same length and same lines as ``text``,
        ready for the Markdown parser."""
        start = self.body_start
        head = re.sub(r"[^\n]", " ", self.text[:start])
        masked = head + self.liquid.masked
        return suppress.mask(masked) if suppress.MARK in masked else masked

    @cached_property
    def _parsed(self) -> tuple[list[dict[str, Any]], Any]:
        try:
            if self.parse_cache is not None:
                return markdown.parse_parts(self.masked, self.parse_cache)
            return markdown.parse_with_state(self.masked)
        except RecursionError:
            self.problems.append(LoadProblem(0, 0, "the document nests too deeply to parse", False))
            return [], None

    @property
    def tokens(self) -> list[dict[str, Any]]:
        return self._parsed[0]

    @cached_property
    def ref_labels(self) -> set[Any]:
        """Labels of the link definitions, normalised as kramdown does: those
        ``definitions`` found and those mistune found inside quotes and lists."""
        labels = {inline.norm_label(d.label) for d in self.definitions}
        labels.update(inline.norm_label(label) for label in self.loop_definitions.labels)
        state = self._parsed[1]
        if state is not None:
            for key, value in state.env.get("ref_links", {}).items():
                label = value.get("label", key) if isinstance(value, dict) else key
                labels.add(inline.norm_label(str(label)))
        return labels

    @cached_property
    def loop_definitions(self) -> LoopDefinitions:
        """Definitions written by ``{% for %}`` loops (see ``lintkit.liquid_defs``)."""
        from . import liquid_defs

        return liquid_defs.collect(self, self.site)

    @cached_property
    def definitions(self) -> list[PositionedDefinition]:
        """Link definitions: those written in the page (``written_definitions``)
        and those its Liquid loops write, one per item."""
        loops = self.loop_definitions
        out = [d for d in self.written_definitions if d.line not in loops.lines]
        for label, (dest, line, col) in loops.labels.items():
            out.append(PositionedDefinition(label, dest or "", None, line, col, line, col))
        return out

    @cached_property
    def written_definitions(self) -> list[PositionedDefinition]:
        """Link definitions ``[label]: url`` as kramdown reads them (a URL with
        blanks too), at the start of a block, outside code and HTML blocks."""
        masked = self.masked
        if "]:" not in masked:
            return []
        found = inline.scan_definitions(masked)
        if not found:
            return []
        blocked: set[int] = set()
        for tok in self.all_tokens:
            kind = tok["type"]
            if kind in ("paragraph", "block_text"):
                first = tok["line"]
                blocked.update(range(first + 1, first + markdown.text_lines(tok)))
            elif kind in ("block_code", "block_html"):
                first = tok["line"]
                n = tok.get("raw", "").rstrip("\n").count("\n") + 1
                extra = 2 if tok.get("style") == "fenced" else 0
                blocked.update(range(first, first + n + extra))
        out = []
        ends: set[int] = set()  # lines on which an accepted definition ends
        for d in found:
            line, col = self.position(d.start)
            if d.start < self.body_start:
                continue
            # kramdown reads each definition by itself: one right after another
            # is a definition even where CommonMark (mistune) saw a paragraph.
            if line in blocked and (line - 1) not in ends:
                continue
            ends.add(self.position(max(d.start, d.end - 1))[0])
            dline, dcol = self.position(d.dest_start)
            dest = self.text[d.dest_start : d.dest_start + len(d.dest)]
            out.append(PositionedDefinition(d.label, dest, d.title, line, col, dline, dcol))
        return out

    def block_span(self, tok: dict[str, Any]) -> tuple[int, int]:
        """(start offset, end offset) of a text block's source lines."""
        first = tok["line"]
        last = first + markdown.text_lines(tok) - 1
        last = min(last, len(self._line_offsets))
        start = self._line_offsets[first - 1]
        end = self._line_offsets[last] - 1 if last < len(self._line_offsets) else len(self.text)
        return start, end

    @cached_property
    def all_tokens(self) -> list[dict[str, Any]]:
        """Every block token, depth first, in document order."""
        return list(markdown.walk(self.tokens))

    @cached_property
    def memo(self) -> dict[str, Any]:
        """A cache for derived structure several rules share (e.g. list runs)."""
        return {}

    @cached_property
    def _text_blocks(self) -> list[tuple[dict[str, Any], int, int]]:
        return [
            (tok, *self.block_span(tok))
            for tok in self.all_tokens
            if tok["type"] in ("paragraph", "block_text", "heading")
        ]

    @cached_property
    def links(self) -> list[PositionedLink]:
        """Every inline link and image in text blocks, in document order."""
        out: list[PositionedLink] = []
        refs = self.ref_labels
        masked = self.masked
        for tok, start, end in self._text_blocks:
            if masked.find("]", start, end) < 0:
                continue
            chunk = masked[start:end]
            if not refs and "](" not in chunk and "][" not in chunk:
                continue  # without definitions only [..](..) and [..][..] can be links
            for link in inline.scan_links(chunk, refs):
                line, col = self.position(start + link.start)
                dline, dcol = self.position(start + link.dest_start)
                dest = None
                if link.dest is not None:
                    a = start + link.dest_start
                    dest = self.text[a : a + len(link.dest)]
                out.append(PositionedLink(link, line, col, dline, dcol, dest, tok))
        return out

    def text_blocks(self) -> list[tuple[dict[str, Any], int, int]]:
        """(token, start offset, end offset) of every paragraph, list text and heading."""
        return self._text_blocks

    @cached_property
    def code_lines(self) -> list[tuple[int, int]]:
        """(first, last) lines of every code block, fences included."""
        spans = []
        for tok in self.all_tokens:
            if tok["type"] == "block_code":
                n = tok.get("raw", "").rstrip("\n").count("\n") + 1
                extra = 1 if tok.get("style") == "fenced" else -1
                spans.append((tok["line"], tok["line"] + n + extra))
        return spans

    @cached_property
    def _code_line_set(self) -> frozenset[int]:
        return frozenset(n for first, last in self.code_lines for n in range(first, last + 1))

    def in_code(self, line: int) -> bool:
        """Is ``line`` part of a code block (fences included)?"""
        return line in self._code_line_set

    def line_text(self, line: int) -> str:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""
