#!/usr/bin/env python3
"""lintkit's link verdict against the reference: Jekyll's build plus html-proofer.

    python3 tools/differential.py [SITE] [--json FILE]
    python3 tools/differential.py [SITE] --mutants 200 [--seed 1] [--jobs 2] [--json FILE]

The first form builds SITE (a copy: see tools/jekyll_reference.py for the
ical stub and the plugin edits) with Debian's ``jekyll``, runs ``htmlproofer
--disable-external`` on ``_site``, runs lintkit's link rules on SITE, and
prints the two verdicts side by side: broken links both report, links only
lintkit reports, links only the reference reports. A finding is identified by
its source file and the ``href`` as it stands in the built HTML: html-proofer's
built page is mapped back to its source (Jekyll's own page list), and lintkit's
finding to the ``href`` Jekyll writes for it (``{% link %}`` rendered). When
Jekyll stops at a missing ``{% link %}`` target, the reference verdict is
"build fails" at that file and target, and lintkit must report a ``link-tag``
error there.

Differences with a known cause are explained, not counted:
- lintkit-only: the file is not built by Jekyll (no front matter: checked as
  GitHub shows it); a reference link kramdown prints as text (no link in the
  HTML); a link to the site's own address (html-proofer skips it as external);
  a broken fragment html-proofer does not look at because it checks each
  distinct ``href`` only on the last page that uses it; a link tag inside a
  block the reference build does not render (the stubbed ``{% ical %}``).
- reference-only: the link is not in the page's source (layouts, includes,
  data), or the page is not Markdown.
Anything else is a disagreement (exit status 1).

The second form applies seeded mutations to copies of SITE (rename a linked
page, change a link's letter case, point a fragment at a heading that is not
there, write ``.html`` in a link tag, drop a leading ``/``, link a collection
document by its source path, plus controls that must stay clean: a fragment
that exists, a link tag rewritten as its URL) and compares the verdicts on
every mutant, two builds at a time, printing progress.

Needs ruby, jekyll, htmlproofer (Debian packages). Not part of the test run.
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import os
import posixpath
import random
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from urllib.parse import unquote

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import jekyll_reference as jr  # noqa: E402

from lintkit.sourcetree import use_rules_from  # noqa: E402

# lintkit and its rules from this checkout, whatever else is installed.
use_rules_from(os.path.dirname(HERE))

from lintkit import links  # noqa: E402
from lintkit.document import Document  # noqa: E402
from lintkit.engine import Engine  # noqa: E402
from lintkit.site import Site  # noqa: E402

DEFAULT_SITE = jr.DEFAULT_SITE
LINK_RULES = ("link-target", "link-fragment", "link-tag", "malformed-link", "link-reference")
BLOCK_TAGS = {
    "if": "endif",
    "unless": "endunless",
    "case": "endcase",
    "for": "endfor",
    "capture": "endcapture",
    "ical": "endical",
    "tablerow": "endtablerow",
    "comment": "endcomment",
    "raw": "endraw",
}


# ------------------------------------------------------------------ verdicts
@dataclass
class Item:
    side: str  # "lintkit" or "reference"
    source: str | None  # site-relative source path
    href: str | None  # the href in the built HTML (or the link tag path for "build")
    kind: str  # "link", "build" (a missing {% link %} target), "text" (no link in HTML)
    line: int | None = None
    rule: str = ""
    message: str = ""
    note: str = ""  # explanation of a one-sided finding

    def key(self):
        return (self.kind if self.kind == "build" else "link", self.source, norm(self.href))


def norm(href: str | None) -> str | None:
    if href is None:
        return None
    return unquote(html.unescape(href).strip())


@dataclass
class Reference:
    build_ok: bool
    items: list[Item]
    sources: set  # sources Jekyll built
    site_dir: str | None  # the built _site (while it exists)
    seconds: float = 0.0
    error: str = ""
    notes: list = field(default_factory=list)  # stubs and edits made for the build


BREAK = "\ue000"  # a line break inside an href, while html-proofer's output is parsed


def _join_continuations(text: str) -> str:
    """html-proofer 3 prints an href holding a line break across lines: glue
    such lines back to the finding they belong to."""
    out: list[str] = []
    in_block = False
    for line in jr.ANSI.sub("", text).splitlines():
        if line.startswith("- "):
            in_block = True
            out.append(line)
        elif (
            line.startswith("HTML-Proofer")
            or line.startswith("Running")
            or line.startswith("Ran on")
        ):
            in_block = False
            out.append(line)
        elif in_block and line and not line.startswith(" ") and out:
            out[-1] += BREAK + line
        else:
            out.append(line)
    return "\n".join(out)


def build_reference(site: str, tmp: str, proofer_version: str) -> Reference:
    start = time.monotonic()
    work = os.path.join(tmp, "site")
    shutil.copytree(site, work, ignore=jr.COPY_IGNORE, symlinks=True)
    notes: list[str] = []
    jr.prepare(work, notes)
    map_file = os.path.join(tmp, "source_map.json")
    env = dict(os.environ, JEKYLL_NO_BUNDLER_REQUIRE="true", LINTKIT_SOURCE_MAP=map_file)
    build = jr.build_site(work, env, notes)
    if build.returncode != 0:
        items = []
        for f in jr.parse_build_errors(build.stdout + "\n" + build.stderr):
            if f.get("target") is not None:
                source = f["source"]
                if source and os.path.isabs(source):  # Jekyll names documents by full path
                    source = os.path.relpath(source, work).replace(os.sep, "/")
                items.append(Item("reference", source, f["target"], "build", message=f["message"]))
        err = "" if items else jr.ANSI.sub("", build.stderr or build.stdout)[-1500:]
        return Reference(False, items, set(), None, time.monotonic() - start, err, notes)
    smap = json.load(open(map_file, encoding="utf-8")) if os.path.exists(map_file) else []
    by_output = {row["output"]: row["source"].lstrip("/") for row in smap}
    proof = jr.run(jr.proofer_command("./_site", proofer_version), cwd=work)
    found = jr.parse_proofer(_join_continuations(proof.stdout + "\n" + proof.stderr), "./_site")
    items, seen = [], set()
    for f in found:
        for k in ("target", "message"):
            if isinstance(f.get(k), str):
                f[k] = f[k].replace(BREAK, "\n")
        page = f.get("page")
        if page is None:
            items.append(Item("reference", None, None, "link", message=f.get("message", "")))
            continue
        item = Item(
            "reference",
            by_output.get(page),
            f.get("target"),
            "link",
            f.get("line"),
            message=f.get("message", ""),
        )
        item.note = "" if item.source else f"on {page}, which no Markdown source produces"
        if item.key() + (page,) not in seen:
            seen.add(item.key() + (page,))
            items.append(item)
    return Reference(
        True,
        items,
        set(by_output.values()),
        os.path.join(work, "_site"),
        time.monotonic() - start,
        "",
        notes,
    )


def lintkit_items(site_dir: str) -> tuple[list[Item], Site, dict[str, Document]]:
    engine = Engine(site_root=site_dir, select=LINK_RULES, keep_documents=True)
    result = engine.check([site_dir])
    site = next(iter(result.sites.values()))
    docs = {doc.rel: doc for doc in result.documents.values()}
    by_display = {shown: doc for shown, doc in result.documents.items()}
    items = []
    for f in result.findings:
        if f.severity == "info":
            continue
        doc = by_display.get(f.path)
        if doc is None:
            continue
        item = Item("lintkit", doc.rel, None, "link", f.line, f.rule, f.message)
        if f.rule == "link-tag":
            tag = next(
                (t for t in doc.liquid.tags if doc.position(t.start) == (f.line, f.column)), None
            )
            item.kind = "build"
            item.href = _tag_path(doc, site, tag)
        elif f.rule == "link-reference":
            item.kind = "text"
        else:
            sl = _link_at(doc, f.line, f.column)
            if sl is None:
                item.kind = "text"  # e.g. [t]{% link x %}: text and a bare URL
            else:
                rendered = links.href_of(doc, site, sl)
                item.href = rendered.href if rendered.href is not None else sl.dest.strip()
                if f.rule == "malformed-link":
                    item.href = sl.dest.strip()
        items.append(item)
    return items, site, docs


def _tag_path(doc, site, tag) -> str | None:
    if tag is None:
        return None
    from lintkit.liquid import has_liquid, link_path

    path = link_path(tag.markup)
    if has_liquid(path):
        value = links.evaluate_path(doc, site, path)
        return value if value is not None else path
    return path


def _link_at(doc, line, column):
    for sl in links.site_links(doc):
        if (sl.dest_line, sl.dest_column) == (line, column) or (sl.line, sl.column) == (
            line,
            column,
        ):
            return sl
    for pl in doc.links:  # a malformed link kramdown does not read as a link
        if (pl.line, pl.column) == (line, column) and pl.dest is not None:
            return links.SiteLink(
                "inline", pl.link.kind, pl.line, pl.column, pl.dest_line, pl.dest_column, pl.dest
            )
    return None


# ------------------------------------------------------------ explanations
def _enclosing_blocks(doc, offset: int) -> list[str]:
    stack: list[str] = []
    for t in doc.liquid.tags:
        if t.start >= offset:
            break
        if t.kind != "tag" or t.region is not None:
            continue
        if t.name in BLOCK_TAGS:
            stack.append(t.name)
        elif stack and t.name == BLOCK_TAGS.get(stack[-1]):
            stack.pop()
    return stack


def _shadowed(site_dir: str | None, page_dest: str | None, href: str) -> str | None:
    """html-proofer 3 keeps one list of internal links per distinct href and
    checks fragments only for the last page (in file order) that uses it."""
    if not site_dir or not page_dest:
        return None
    needle = ('href="' + html.escape(href, quote=True) + '"', 'href="' + href + '"')
    last = None
    for root, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(root, name)
                try:
                    text = open(path, encoding="utf-8", errors="replace").read()
                except OSError:
                    continue
                if needle[0] in text or needle[1] in text:
                    rel = os.path.relpath(path, site_dir).replace(os.sep, "/")
                    if last is None or rel.encode() > last.encode():
                        last = rel
    return last if last and last != page_dest else None


def explain_lintkit(item: Item, ref: Reference, site: Site, docs: dict[str, Document]) -> str:
    doc = docs.get(item.source)
    if item.source not in ref.sources and ref.build_ok:
        if doc is not None and not doc.rendered:
            return "not built by Jekyll: the file has no front matter (checked as GitHub shows it)"
        return "not built by Jekyll (no page in _site)"
    if (
        item.kind == "text"
        and item.rule == "link-reference"
        and item.message.startswith(("the definition", "["))
        and ("is not used" in item.message or "is defined again" in item.message)
    ):
        return "a definition no link uses (or defined twice): nothing in the HTML to check"
    if item.kind == "text":
        return "kramdown prints this as text, so the HTML has no link for html-proofer to check"
    if doc is not None and item.line:
        offset = doc.offset(item.line)
        blocks = _enclosing_blocks(doc, offset)
        if "ical" in blocks:
            return "inside {% ical %}, which the reference build stubs (renders nothing)"
        if "comment" in blocks:
            return "inside {% comment %}: not rendered"
    if item.kind == "build":
        if not ref.build_ok:
            return "the reference build stopped at an earlier missing link tag"
        return ""
    if item.href and links.SCHEME_RE.match(item.href):
        return "an absolute address on the site's own url: html-proofer --disable-external skips it"
    if item.href and (item.rule == "link-fragment" or "#" in item.href):
        shadow = _shadowed(ref.site_dir, site.dest_of(item.source), item.href)
        if shadow:
            return (
                f"html-proofer checks the fragment of href {item.href!r} only on the last page "
                f"that uses it ({shadow}), not here"
            )
    return ""


def explain_reference(item: Item, docs: dict[str, Document], site: Site) -> str:
    if item.note:
        return item.note
    if item.source is None:
        return "no source file"
    doc = docs.get(item.source)
    if doc is None:
        return "not a Markdown page (lintkit checks Markdown)"
    if item.kind == "link" and item.href is not None:
        target = norm(item.href) or ""
        path = target.split("#", 1)[0]
        text = doc.text
        if (
            target not in text
            and (not path or path not in unquote(text))
            and html.unescape(item.href) not in text
        ):
            return "not written in the page's source (it comes from a layout, include or data)"
    return ""


@dataclass
class Comparison:
    agreed: list[tuple[Item, Item]] = field(default_factory=list)
    lint_only: list[Item] = field(default_factory=list)
    ref_only: list[Item] = field(default_factory=list)

    @property
    def unexplained(self) -> list[Item]:
        return [i for i in self.lint_only + self.ref_only if not i.note]


def compare(ref: Reference, lint: list[Item], site: Site, docs: dict[str, Document]) -> Comparison:
    out = Comparison()
    if not ref.build_ok:
        builds = [i for i in lint if i.kind == "build"]
        for r in ref.items:
            match = next((i for i in builds if i.source == r.source and i.href == r.href), None)
            if match:
                out.agreed.append((r, match))
            else:
                r.note = "" if r.href is not None else "build failed for another reason"
                out.ref_only.append(r)
        if not ref.items:
            out.ref_only.append(Item("reference", None, None, "build", message=ref.error, note=""))
        for i in builds:
            if not any(i is m for _, m in out.agreed):
                i.note = "the reference build stopped at its first missing link tag"
                out.lint_only.append(i)
        return out
    ref_keys: dict[tuple, Item] = {}
    for r in ref.items:
        ref_keys.setdefault(r.key(), r)
    lint_keys: dict[tuple, Item] = {}
    for i in lint:
        lint_keys.setdefault(i.key(), i)
    for key, r in ref_keys.items():
        if key in lint_keys:
            out.agreed.append((r, lint_keys[key]))
        else:
            r.note = explain_reference(r, docs, site)
            out.ref_only.append(r)
    for key, i in lint_keys.items():
        if key not in ref_keys:
            i.note = explain_lintkit(i, ref, site, docs)
            out.lint_only.append(i)
    return out


def run_pair(site_dir: str, proofer_version: str) -> tuple[Reference, Comparison, float]:
    with tempfile.TemporaryDirectory(prefix="lintkit-diff-") as tmp:
        t0 = time.monotonic()
        lint, site, docs = lintkit_items(site_dir)
        lint_seconds = time.monotonic() - t0
        ref = build_reference(site_dir, tmp, proofer_version)
        comparison = compare(ref, lint, site, docs)
        ref.site_dir = None
    return ref, comparison, lint_seconds


def _show(item: Item) -> str:
    where = f"{item.source}:{item.line}" if item.line else f"{item.source}"
    what = f"build fails: {{% link {item.href} %}}" if item.kind == "build" else (item.href or "")
    rule = f" [{item.rule}]" if item.rule else ""
    return f"{where}{rule} {what!r}".replace("\n", "\\n")


def print_comparison(c: Comparison, ref: Reference, lint_seconds: float) -> None:
    state = "build ok" if ref.build_ok else "BUILD FAILS"
    print(
        f"reference: {state}, {len(ref.items)} findings ({ref.seconds:.1f}s); "
        f"lintkit: {lint_seconds:.2f}s"
    )
    print(f"\nagreed ({len(c.agreed)}):")
    for r, i in c.agreed:
        print(f"  {_show(i)}  <->  {r.message.splitlines()[0] if r.message else ''}")
    print(f"\nonly lintkit ({len(c.lint_only)}):")
    for i in c.lint_only:
        print(f"  {_show(i)}\n      {'explained: ' + i.note if i.note else 'UNEXPLAINED'}")
    print(f"\nonly the reference ({len(c.ref_only)}):")
    for r in c.ref_only:
        print(
            f"  {_show(r)}  {r.message.splitlines()[0] if r.message else ''}\n"
            f"      {'explained: ' + r.note if r.note else 'UNEXPLAINED'}"
        )
    n = len(c.unexplained)
    print(f"\n{'FULL AGREEMENT' if n == 0 else f'{n} UNEXPLAINED DIFFERENCES'}")


# ----------------------------------------------------------------- mutants
@dataclass
class Mutation:
    op: str
    file: str  # site-relative path edited (or renamed)
    description: str
    start: int = 0
    end: int = 0
    replacement: str = ""
    rename_to: str | None = None


def _markdown_docs(site: Site) -> list[Document]:
    out = []
    for rel in site.files:
        if (
            posixpath.splitext(rel)[1].lower() in site.markdown_exts
            and site.classify(rel) in ("page", "document")
            and site.dest_of(rel)
        ):
            doc = Document.load(site.abspath(rel), rel, rel)
            if doc.readable and doc.rendered:
                out.append(doc)
    return out


def _free(doc, offset: int) -> bool:
    return not _enclosing_blocks(doc, offset)


def _mentioned_outside_markdown(site: Site) -> str:
    chunks = []
    for rel in site.files:
        top = rel.split("/", 1)[0]
        ext = posixpath.splitext(rel)[1].lower()
        if top in ("_layouts", "_includes", "_data") or (
            ext in (".html", ".xml", ".json", ".yml") and site.classify(rel) == "page"
        ):
            try:
                chunks.append(open(site.abspath(rel), encoding="utf-8", errors="replace").read())
            except OSError:
                pass
    return "\n".join(chunks)


def candidates(site: Site) -> dict[str, list[Mutation]]:
    """Every mutation of each kind that the site allows."""
    docs = _markdown_docs(site)
    outside = _mentioned_outside_markdown(site)
    ops: dict[str, list[Mutation]] = {
        k: []
        for k in (
            "rename-page",
            "case",
            "fragment-missing",
            "fragment-same-page",
            "tag-html",
            "drop-slash",
            "source-path",
            "control-fragment",
            "control-tag-as-url",
        )
    }
    linked: dict[str, int] = {}
    for doc in docs:
        text = doc.text
        for tag in doc.liquid.tags:
            if tag.region is not None or tag.kind != "tag" or tag.name != "link":
                continue
            if not _free(doc, tag.start):
                continue
            path = tag.markup.strip()
            if not path or "{" in path or not site.linkable(path):
                continue
            linked[path] = linked.get(path, 0) + 1
            a = tag.start + text[tag.start : tag.end].index(path)
            b = a + len(path)
            ops["tag-html"].append(
                Mutation(
                    "tag-html",
                    doc.rel,
                    f"{{% link {path} %}} -> .html",
                    a,
                    b,
                    posixpath.splitext(path)[0] + ".html",
                )
            )
            pos = _case_position(path)
            if pos is not None:
                flipped = path[:pos] + path[pos].swapcase() + path[pos + 1 :]
                ops["case"].append(
                    Mutation("case", doc.rel, f"{{% link {path} %}} -> {flipped}", a, b, flipped)
                )
            col = site.collection_of(path)
            if col is not None and text[tag.end : tag.end + 1] in (")", '"'):
                ops["source-path"].append(
                    Mutation(
                        "source-path",
                        doc.rel,
                        f"{{% link {path} %}} -> /{path}",
                        tag.start,
                        tag.end,
                        "/" + path,
                    )
                )
            url = site.url_of(path)
            dest = site.dest_of(path)
            after = text[tag.end : tag.end + 1]
            if dest and dest.endswith(".html") and after in (")", '"'):
                anchors = site.anchors(dest)
                heads = heading_ids(site, dest)
                if heads:
                    good = heads[(tag.start * 7) % len(heads)]
                    ops["control-fragment"].append(
                        Mutation(
                            "control-fragment",
                            doc.rel,
                            f"{{% link {path} %}}#{good} (exists)",
                            tag.end,
                            tag.end,
                            "#" + good,
                        )
                    )
                    bad = good[:-1] if len(good) > 3 else good + "-x"
                    if not anchors.has(bad):
                        ops["fragment-missing"].append(
                            Mutation(
                                "fragment-missing",
                                doc.rel,
                                f"{{% link {path} %}}#{bad} (missing)",
                                tag.end,
                                tag.end,
                                "#" + bad,
                            )
                        )
                ops["control-tag-as-url"].append(
                    Mutation(
                        "control-tag-as-url",
                        doc.rel,
                        f"{{% link {path} %}} -> {url}",
                        tag.start,
                        tag.end,
                        site.baseurl + (url or ""),
                    )
                )
        for sl in links.site_links(doc):
            if sl.form not in ("inline", "html") or "{" in sl.dest:
                continue
            a = doc.offset(sl.dest_line, sl.dest_column)
            if doc.text[a : a + len(sl.dest)] != sl.dest or not _free(doc, a):
                continue
            target = links.resolve(doc, site, sl.dest)
            if target.kind != "site" or target.dest is None or target.via_site_url:
                continue
            path = sl.dest.split("#", 1)[0]
            if sl.dest.startswith("/") and len(path) > 1:
                ops["drop-slash"].append(
                    Mutation("drop-slash", doc.rel, f"{sl.dest} -> {sl.dest[1:]}", a, a + 1, "")
                )
            pos = _case_position(path)
            if pos is not None:
                flipped = sl.dest[:pos] + sl.dest[pos].swapcase() + sl.dest[pos + 1 :]
                ops["case"].append(
                    Mutation(
                        "case", doc.rel, f"{sl.dest} -> {flipped}", a, a + len(sl.dest), flipped
                    )
                )
            if sl.kind == "link" and target.dest.endswith(".html") and "#" not in sl.dest:
                heads = heading_ids(site, target.dest)
                end = a + len(sl.dest)
                if heads:
                    good = heads[(a * 5) % len(heads)]
                    ops["control-fragment"].append(
                        Mutation(
                            "control-fragment",
                            doc.rel,
                            f"{sl.dest}#{good} (exists)",
                            end,
                            end,
                            "#" + good,
                        )
                    )
                ops["fragment-missing"].append(
                    Mutation(
                        "fragment-missing",
                        doc.rel,
                        f"{sl.dest}#not-a-heading (missing)",
                        end,
                        end,
                        "#not-a-heading",
                    )
                )
            src = site.dest_map.get(target.dest)
            if src and site.collection_of(src) and sl.kind == "link":
                ops["source-path"].append(
                    Mutation(
                        "source-path",
                        doc.rel,
                        f"{sl.dest} -> /{src}",
                        a,
                        a + len(sl.dest),
                        "/" + src,
                    )
                )
        # a same-page fragment that is not there: a new link at the end of a paragraph
        for tok, start, end in doc.text_blocks():
            if tok["type"] == "paragraph" and _free(doc, end) and "{" not in doc.text[start:end]:
                ops["fragment-same-page"].append(
                    Mutation(
                        "fragment-same-page",
                        doc.rel,
                        "adds [see](#no-such-heading)",
                        end,
                        end,
                        " [see](#no-such-heading)",
                    )
                )
                break
    for rel, _n in sorted(linked.items()):
        rel = rel.lstrip("/")
        if site.classify(rel) not in ("page", "document") or not rel.endswith(".md"):
            continue
        stem = posixpath.splitext(posixpath.basename(rel))[0]
        url = site.url_of(rel) or ""
        if stem in outside or (url and url in outside) or stem == "index":
            continue
        new = posixpath.splitext(rel)[0] + "_renamed.md"
        ops["rename-page"].append(
            Mutation("rename-page", rel, f"rename {rel} -> {new}", rename_to=new)
        )
    return ops


def heading_ids(site: Site, dest: str) -> list[str]:
    """The ids kramdown gives the headings of the Markdown page written to
    ``dest`` (what a control mutant links to)."""
    from lintkit import anchors, headings

    source = site.dest_map.get(dest)
    if not source or posixpath.splitext(source)[1].lower() not in site.markdown_exts:
        return []
    doc = Document.load(site.abspath(source), source, source)
    if not doc.readable:
        return []
    body = anchors.render_body(doc, site)
    return sorted(
        {i for _, i in headings.document_heading_ids(body) if i and anchors.UNKNOWN not in i}
    )


def _case_position(path: str) -> int | None:
    """A letter of the last path segment whose case can flip."""
    base = path.rstrip("/")
    start = base.rfind("/") + 1
    stem_end = base.rfind(".")
    stem_end = stem_end if stem_end > start else len(base)
    for i in range(start, stem_end):
        if path[i].isalpha() and path[i].isascii():
            return i
    return None


def pick(ops: dict[str, list[Mutation]], n: int, seed: int) -> list[Mutation]:
    rng = random.Random(seed)
    pools = {k: rng.sample(v, len(v)) for k, v in ops.items() if v}
    out: list[Mutation] = []
    kinds = sorted(pools)
    while len(out) < n and any(pools.values()):
        for k in kinds:
            if pools[k] and len(out) < n:
                out.append(pools[k].pop())
    return out


def apply(site: str, m: Mutation, dest: str) -> None:
    shutil.copytree(site, dest, ignore=jr.COPY_IGNORE, symlinks=True)
    if m.rename_to:
        os.rename(os.path.join(dest, m.file), os.path.join(dest, m.rename_to))
        return
    path = os.path.join(dest, m.file)
    with open(path, "rb") as fh:
        raw = fh.read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    text = text[: m.start] + m.replacement + text[m.end :]
    with open(path, "wb") as fh:
        fh.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def _run_mutant(args):
    site, m, proofer_version, baseline_keys = args
    with tempfile.TemporaryDirectory(prefix="lintkit-mutant-") as tmp:
        work = os.path.join(tmp, "mutant")
        apply(site, m, work)
        try:
            lint, s, docs = lintkit_items(work)
            ref = build_reference(work, os.path.join(tmp, "ref"), proofer_version)
            c = compare(ref, lint, s, docs)
        except Exception as exc:
            return {"mutation": asdict(m), "error": f"{type(exc).__name__}: {exc}"}
    new_ref = [r for r in ref.items if r.key() not in baseline_keys]
    new_lint = [i for i in lint if i.key() not in baseline_keys]
    return {
        "mutation": asdict(m),
        "build_ok": ref.build_ok,
        "reference": [
            _show(r) + " " + r.message.splitlines()[0] if r.message else _show(r) for r in new_ref
        ]
        if ref.build_ok
        else [_show(r) for r in ref.items],
        "lintkit": [_show(i) for i in new_lint],
        "agreed_new": sum(1 for r, _ in c.agreed if r.key() not in baseline_keys),
        "unexplained": [
            ("lintkit " if i.side == "lintkit" else "reference ") + _show(i) for i in c.unexplained
        ],
        "explained": [
            ("lintkit " if i.side == "lintkit" else "reference ") + _show(i) + ": " + i.note
            for i in c.lint_only + c.ref_only
            if i.note and i.key() not in baseline_keys
        ],
        "seconds": ref.seconds,
    }


def mutants(site: str, n: int, seed: int, jobs: int, proofer_version: str, json_out):
    base_site = Site.load(site)
    ops = candidates(base_site)
    print("mutation kinds available: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(ops.items())))
    chosen = pick(ops, n, seed)
    print("baseline build of the unmutated site ...", flush=True)
    ref, comparison, _ = run_pair(site, proofer_version)
    baseline_keys = (
        {r.key() for r in ref.items}
        | {i.key() for i in comparison.lint_only}
        | {i.key() for _, i in comparison.agreed}
    )
    print(
        f"baseline: {len(comparison.agreed)} agreed, {len(comparison.unexplained)} unexplained; "
        f"{len(chosen)} mutants, {jobs} at a time",
        flush=True,
    )
    started = time.monotonic()
    results = []
    with multiprocessing.Pool(jobs) as pool:
        work = [(site, m, proofer_version, baseline_keys) for m in chosen]
        for k, res in enumerate(pool.imap(_run_mutant, work), 1):
            results.append(res)
            ok = "error" not in res and not res["unexplained"]
            verdict = (
                ("ERROR " + res["error"]) if "error" in res else ("agree" if ok else "DISAGREE")
            )
            elapsed = time.monotonic() - started
            print(
                f"[{k}/{len(chosen)} {elapsed:5.0f}s] {res['mutation']['op']:<20} "
                f"{res['mutation']['file']}: {res['mutation']['description']} -> {verdict}"
                + (
                    ""
                    if "error" in res
                    else f" (reference: {'build fails' if not res['build_ok'] else str(len(res['reference'])) + ' new'};"
                    f" lintkit: {len(res['lintkit'])} new)"
                ),
                flush=True,
            )
            if not ok and "error" not in res:
                for u in res["unexplained"]:
                    print(f"      {u}")
    summary: dict[str, list[int]] = {}
    for res in results:
        op = res["mutation"]["op"]
        ok = "error" not in res and not res["unexplained"]
        detected = "error" not in res and (not res["build_ok"] or res["reference"])
        row = summary.setdefault(op, [0, 0, 0])
        row[0] += 1
        row[1] += ok
        row[2] += bool(detected)
    print("\nkind                   mutants  agree  reference sees a break")
    total = [0, 0, 0]
    for op, row in sorted(summary.items()):
        print(f"{op:<22} {row[0]:>7} {row[1]:>6} {row[2]:>7}")
        total = [a + b for a, b in zip(total, row)]
    print(f"{'total':<22} {total[0]:>7} {total[1]:>6} {total[2]:>7}")
    print(f"{time.monotonic() - started:.0f}s for {len(results)} mutants")
    if json_out:
        json.dump(results, json_out, indent=2)
    return 0 if total[0] == total[1] else 1


# ------------------------------------------------------------- many sites
FALSE_NOTES = ("inside {% comment %}",)  # explanations that make a lintkit finding false


def item_key(item: Item) -> str:
    return f"{item.source}|{norm(item.href)}|{item.rule or item.kind}"


def verdict(item: Item, manual: dict) -> tuple[bool, str]:
    """(is the lintkit-only finding a true defect, why): a verdict recorded by
    hand in the site's panel file wins; else an explained difference is a true
    defect the reference cannot see, an unexplained one a false positive."""
    hand = manual.get(item_key(item))
    if hand is not None:
        return bool(hand.get("true")), str(hand.get("why", ""))
    if item.note and not item.note.startswith(FALSE_NOTES):
        return True, item.note
    return False, item.note or "unexplained"


def in_markdown(item: Item, site: Site | None) -> bool:
    """Is a reference finding on a page lintkit checks (Markdown source) and
    written in that page (not from a layout, include or data)?"""
    if not item.source or site is None:
        return False
    if posixpath.splitext(item.source)[1].lower() not in site.markdown_exts:
        return False
    return not item.note.startswith(("not written in the page's source", "not a Markdown page"))


def summarise(name: str, ref: Reference, c: Comparison, site: Site | None, manual: dict) -> dict:
    lint_only = []
    for i in c.lint_only:
        true, why = verdict(i, manual)
        lint_only.append(
            {
                "source": i.source,
                "line": i.line,
                "rule": i.rule,
                "href": i.href,
                "true": true,
                "why": why,
            }
        )
    ref_only = [
        {
            "source": r.source,
            "href": r.href,
            "message": (r.message or "").splitlines()[0] if r.message else "",
            "in_markdown": in_markdown(r, site),
            "why": r.note or "unexplained",
        }
        for r in c.ref_only
    ]
    true_only = sum(1 for x in lint_only if x["true"])
    misses = [x for x in ref_only if x["in_markdown"]]
    findings = len(c.agreed) + len(lint_only)
    expected = len(c.agreed) + len(misses)
    return {
        "site": name,
        "build_ok": ref.build_ok,
        "stubs": list(ref.notes),
        "agreed": sorted(item_key(i) for _r, i in c.agreed),
        "lintkit_only": sorted(lint_only, key=lambda x: (str(x["source"]), x["line"] or 0)),
        "reference_only": sorted(ref_only, key=lambda x: (str(x["source"]), str(x["href"]))),
        "summary": {
            "agreed": len(c.agreed),
            "lintkit_only_true": true_only,
            "lintkit_only_false": len(lint_only) - true_only,
            "reference_only": len(ref_only),
            "reference_only_in_markdown": len(misses),
            "precision": round((len(c.agreed) + true_only) / findings, 4) if findings else 1.0,
            "recall_markdown": round(len(c.agreed) / expected, 4) if expected else 1.0,
        },
    }


def panel(sites: list[str], version: str, record: str | None, quiet: bool) -> int:
    rows = []
    for path in sites:
        name = os.path.basename(path.rstrip("/"))
        manual: dict = {}
        old = os.path.join(record, name + ".json") if record else None
        if old and os.path.exists(old):
            with open(old, encoding="utf-8") as fh:
                manual = json.load(fh).get("verdicts", {})
        print(f"\n=== {name}", flush=True)
        with tempfile.TemporaryDirectory(prefix="lintkit-diff-") as tmp:
            t0 = time.monotonic()
            lint, site, docs = lintkit_items(path)
            lint_seconds = time.monotonic() - t0
            ref = build_reference(path, tmp, version)
            comparison = compare(ref, lint, site, docs)
            ref.site_dir = None
        for note in ref.notes:
            print(f"  {note}")
        if not quiet:
            print_comparison(comparison, ref, lint_seconds)
        data = summarise(name, ref, comparison, site, manual)
        data["lintkit"] = sorted({item_key(i) for i in lint})
        data["verdicts"] = manual
        rows.append(data)
        if record:
            os.makedirs(record, exist_ok=True)
            with open(os.path.join(record, name + ".json"), "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, ensure_ascii=False, sort_keys=True)
                fh.write("\n")
    print_table(rows)
    return 0 if all(r["summary"]["lintkit_only_false"] == 0 for r in rows) else 1


def print_table(rows: list[dict]) -> None:
    print(
        "\n| site | agreed | lintkit only: true | lintkit only: false | reference only "
        "(in Markdown) | precision | recall (Markdown) |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        s = r["summary"]
        print(
            f"| {r['site']} | {s['agreed']} | {s['lintkit_only_true']} | "
            f"{s['lintkit_only_false']} | {s['reference_only']} "
            f"({s['reference_only_in_markdown']}) | {s['precision']:.1%} | "
            f"{s['recall_markdown']:.1%} |"
        )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", nargs="*", default=[DEFAULT_SITE])
    ap.add_argument("--mutants", type=int, default=0, help="run this many seeded mutants")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument(
        "--record",
        metavar="DIR",
        help="write each site's verdicts to DIR/<site>.json (hand verdicts kept)",
    )
    ap.add_argument("--quiet", action="store_true", help="only the stubs and the table")
    args = ap.parse_args(argv)
    sites = [os.path.abspath(s) for s in args.site]
    for site in sites:
        if not os.path.isfile(os.path.join(site, "_config.yml")):
            print(f"error: no Jekyll site at {site}", file=sys.stderr)
            return 2
    try:
        jr.need("ruby", "apt-get install ruby")
        jr.need("jekyll", "apt-get install jekyll")
        jr.need("htmlproofer", "apt-get install ruby-html-proofer")
        version = jr.version_of(["htmlproofer", "--version"])
        if len(sites) > 1 or args.record:
            return panel(sites, version, args.record, args.quiet)
        site = sites[0]
        json_out = open(args.json, "w", encoding="utf-8") if args.json else None
        if args.mutants:
            return mutants(site, args.mutants, args.seed, args.jobs, version, json_out)
        ref, comparison, lint_seconds = run_pair(site, version)
        print_comparison(comparison, ref, lint_seconds)
        if json_out:
            json.dump(
                {
                    "agreed": [[asdict(r), asdict(i)] for r, i in comparison.agreed],
                    "lintkit_only": [asdict(i) for i in comparison.lint_only],
                    "reference_only": [asdict(r) for r in comparison.ref_only],
                },
                json_out,
                indent=2,
            )
        return 0 if not comparison.unexplained else 1
    except jr.SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
