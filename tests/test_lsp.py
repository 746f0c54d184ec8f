"""lintkit lsp end to end: a real LSP client (pytest-lsp) talks to
``python -m lintkit lsp`` over stdio, on a site written here."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import pytest_lsp
from conftest import run_cli, write_site
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient
from test_bad_input import BOMB

# every test starts a language server process: slow tier (CI runs it)
pytestmark = [pytest.mark.asyncio, pytest.mark.slow]

BROKEN = "See [the definition]({% link reference/ensembel_definition.md %}).\n"
HOME = "---\ntitle: Home\n---\n\n" + BROKEN + "\nSee also [the page](other.md).\n"
DEFINITION = (
    "---\ntitle: Def\n---\n\n# Learning hour\n\nIntro.\n\n## Ensemble definition\n\nText.\n"
)
OTHER = "---\ntitle: Other\n---\n\nBack to [home]({% link index.md %}).\n"


def make_site(root: Path) -> Path:
    return write_site(
        root,
        {
            "index.md": HOME,
            "other.md": OTHER,
            "reference/learning_hour_definition.md": DEFINITION,
            "_includes/note.html": "<p>note</p>\n",
        },
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "lintkit", "lsp"]),
)
async def client(lsp_client: LanguageClient, site: Path):
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=site.as_uri(),
            initialization_options={"debounce": 0.05},
        )
    )
    yield
    if lsp_client._server is not None and lsp_client._server.returncode is None:
        await lsp_client.shutdown_session()  # unless the test did


def uri(site: Path, rel: str) -> str:
    return (site / rel).as_uri()


def to_path(file_uri: str) -> str:
    return unquote(urlsplit(file_uri).path)


async def open_doc(client: LanguageClient, site: Path, rel: str, text: str | None = None):
    text = (site / rel).read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri(site, rel), language_id="markdown", version=1, text=text)
        )
    )
    return await diagnostics_of(client, uri(site, rel))


async def diagnostics_of(client: LanguageClient, target: str) -> list[lsp.Diagnostic]:
    while True:
        params = await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == target:
            return list(params.diagnostics)


def change(client: LanguageClient, site: Path, rel: str, text: str, version: int) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri(site, rel), version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def rename(client: LanguageClient, site: Path, old: str, new: str) -> None:
    """Rename a page on disk and tell the server, as an editor's file watcher does."""
    (site / old).rename(site / new)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[
                lsp.FileEvent(uri=uri(site, old), type=lsp.FileChangeType.Deleted),
                lsp.FileEvent(uri=uri(site, new), type=lsp.FileChangeType.Created),
            ]
        )
    )


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(p: lsp.Position) -> int:
        return starts[p.line] + p.character

    for e in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


async def test_broken_link_tag_diagnostic_at_its_range_then_cleared(client, site):
    diags = await open_doc(client, site, "index.md")
    assert [(d.code, d.source, d.severity) for d in diags] == [
        ("link-tag", "lintkit", lsp.DiagnosticSeverity.Error)
    ]
    d = diags[0]
    assert d.range == lsp.Range(lsp.Position(4, 21), lsp.Position(4, 64))
    assert d.message.startswith("{% link reference/ensembel_definition.md %}: no page or file")
    assert d.code_description is not None
    assert d.code_description.href.endswith("link_tag.py")

    fixed = HOME.replace("ensembel_definition", "learning_hour_definition")
    change(client, site, "index.md", fixed, 2)
    assert await diagnostics_of(client, uri(site, "index.md")) == []


async def test_ranges_in_utf16_units_after_a_character_outside_the_bmp(client, site):
    text = (
        "---\ntitle: T\n---\n\n\U0001f600 \u00e9 [x]({% link nope.md %}) [y]({% link gone.md %})\n"
    )
    diags = await open_doc(client, site, "emoji.md", text)
    # the tag starts at code point 8, UTF-16 unit 9 (the emoji is two units)
    assert [(d.code, d.range) for d in diags] == [
        ("link-tag", lsp.Range(lsp.Position(4, 9), lsp.Position(4, 27))),
        ("link-tag", lsp.Range(lsp.Position(4, 33), lsp.Position(4, 51))),
    ]


async def test_same_findings_as_check_on_the_saved_file(client, site):
    text = HOME + "\n1. one\n3. three\n\n[x](#nowhere)\n"
    (site / "index.md").write_text(text, encoding="utf-8")
    diags = await open_doc(client, site, "index.md")
    result = run_cli("check", "--format", "json", str(site / "index.md"))
    expected = sorted(
        (f["line"] - 1, f["column"] - 1, f["rule"], f["message"]) for f in json.loads(result.stdout)
    )
    assert len(expected) >= 2
    got = sorted((d.range.start.line, d.range.start.character, d.code, d.message) for d in diags)
    assert got == expected


async def test_each_keystroke_same_findings_as_check(client, site):
    # parts parsed at the previous keystroke are taken from the cache: the
    # findings stay those of a whole check of the same text
    parts = [
        "---\ntitle: K\n---\n\n# One\n\n1. a\n2. b\n\nText the the end.\n\n",
        "# Two\n\n- x\n\n[y]({% link nope.md %})\n\n",
        "# Three\n\n1. a\n3. c\n\nDone.\n",
    ]
    text = "".join(parts)
    await open_doc(client, site, "keys.md", text)
    edits = [
        text.replace("2. b", "4. b"),
        text.replace("2. b", "4. b").replace("# Two", "# Two\n\n```\nopen fence"),
        text.replace("- x", "- x\n\n  [z]({% link gone.md %})"),
    ]
    for version, edited in enumerate(edits, start=2):
        change(client, site, "keys.md", edited, version)
        diags = await diagnostics_of(client, uri(site, "keys.md"))
        (site / "keys.md").write_text(edited, encoding="utf-8")
        result = run_cli("check", "--format", "json", str(site / "keys.md"))
        expected = sorted(
            (f["line"] - 1, f["column"] - 1, f["rule"], f["message"])
            for f in json.loads(result.stdout)
        )
        got = sorted(
            (d.range.start.line, d.range.start.character, d.code, d.message) for d in diags
        )
        assert got == expected, version
        assert len(expected) >= 2


async def test_code_actions_fix_and_suppress(client, site):
    diags = await open_doc(client, site, "index.md")
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(site, "index.md")),
            range=diags[0].range,
            context=lsp.CodeActionContext(diagnostics=diags),
        )
    )
    titles = [a.title for a in actions]
    assert titles == [
        "lintkit: link to reference/learning_hour_definition.md (unsafe)",
        "lintkit: disable link-tag for this line",
        "lintkit: disable link-tag for this file",
    ]
    fix, line, whole = actions
    assert fix.is_preferred is False
    edited = apply_edits(HOME, fix.edit.changes[uri(site, "index.md")])
    assert edited == HOME.replace("ensembel_definition", "learning_hour_definition")

    edited = apply_edits(HOME, line.edit.changes[uri(site, "index.md")])
    assert edited.splitlines()[4] == BROKEN.rstrip("\n") + " <!-- lintkit-disable-line link-tag -->"
    change(client, site, "index.md", edited, 2)
    assert await diagnostics_of(client, uri(site, "index.md")) == []

    edited = apply_edits(HOME, whole.edit.changes[uri(site, "index.md")])
    assert edited.splitlines()[3] == "<!-- lintkit-disable-file link-tag -->"
    change(client, site, "index.md", edited, 3)
    assert await diagnostics_of(client, uri(site, "index.md")) == []


async def complete(client, site, rel, line, character):
    result = await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(site, rel)),
            position=lsp.Position(line, character),
        )
    )
    return result


async def test_complete_link_tag_path_and_fragment(client, site):
    text = "---\ntitle: T\n---\n\n[a]({% link ref\n[b]({% link reference/learning_hour_definition.md %}#ens\n[c](/ot\n{% include no\n"
    await open_doc(client, site, "new.md", text)
    got = await complete(client, site, "new.md", 4, len("[a]({% link ref"))
    assert [i.label for i in got.items] == ["reference/learning_hour_definition.md"]
    edit = got.items[0].text_edit
    assert edit.range == lsp.Range(lsp.Position(4, 12), lsp.Position(4, 15))

    line5 = "[b]({% link reference/learning_hour_definition.md %}#ens"
    got = await complete(client, site, "new.md", 5, len(line5))
    assert [i.label for i in got.items] == ["ensemble-definition"]
    assert got.items[0].text_edit.range.start == lsp.Position(5, len(line5) - 3)

    got = await complete(client, site, "new.md", 6, len("[c](/ot"))
    assert [i.label for i in got.items] == ["/other.html"]

    got = await complete(client, site, "new.md", 7, len("{% include no"))
    assert [i.label for i in got.items] == ["note.html"]


async def test_definition_and_hover(client, site):
    text = "---\ntitle: T\n---\n\n[b]({% link reference/learning_hour_definition.md %}#ensemble-definition)\n[c](other.md)\n"
    await open_doc(client, site, "new.md", text)
    loc = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(site, "new.md")),
            position=lsp.Position(4, 10),
        )
    )
    assert loc.uri == uri(site, "reference/learning_hour_definition.md")
    assert loc.range.start == lsp.Position(8, 0)  # "## Ensemble definition"

    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(site, "new.md")),
            position=lsp.Position(4, 10),
        )
    )
    assert hover.contents.value == (
        "lintkit: `/reference/learning_hour_definition.html#ensemble-definition` opens "
        "`reference/learning_hour_definition.md`; `#ensemble-definition` exists"
    )
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(site, "new.md")),
            position=lsp.Position(5, 6),
        )
    )
    assert hover.contents.value == "lintkit: `other.md` opens **no page** of this site"


async def test_renamed_file_reported_on_the_pages_linking_to_it(client, site):
    assert await open_doc(client, site, "other.md") == []
    rename(client, site, "index.md", "home.md")
    diags = await diagnostics_of(client, uri(site, "other.md"))
    assert [(d.code, d.range.start.line, d.range.start.character) for d in diags] == [
        ("link-tag", 4, 15)
    ]
    assert "no page or file 'index.md'" in diags[0].message


async def test_config_change_rechecks_open_documents(client, site):
    assert [d.code for d in await open_doc(client, site, "index.md")] == ["link-tag"]
    (site / ".lintkit.yml").write_text("rules:\n  link-tag: false\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri(site, ".lintkit.yml"), type=lsp.FileChangeType.Created)]
        )
    )
    assert await diagnostics_of(client, uri(site, "index.md")) == []


HOSTILE = [
    "",
    "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "---\ntitle: caf\ufffd\n---\n",
    "---\ntitle: x\nlayout: y\n\nBody text\n",
    "---\ntitle: !!python/object/apply:os.system ['echo hi']\nlayout: d\n---\n",
    BOMB,
    "---\na: &a [*a]\ntitle: t\nlayout: l\n---\n",
    "---\njust a string\n---\n",
    "---\ntitle: Deep\n---\n" + "".join("  " * i + "- item\n" for i in range(1000)),
    "---\ntitle: Q\n---\n" + ">" * 1000 + " deep\n\n[y]({% link gone.md %})\n",
    "{% link\n](\n](/\n{% include \n[x]({% link %}#\n{%{%{%\n" + "[" * 5000 + "\n",
    "[x](../../../../etc/passwd)\n[y]({% link ../../outside.md %})\n\r\n\r\x00\u2028 end",
]


async def test_hostile_documents_never_crash_the_server(client, site):
    for n, text in enumerate(HOSTILE):
        rel = f"hostile{n}.md"
        diags = await open_doc(client, site, rel, text)
        assert "internal-error" not in [d.code for d in diags], (n, diags)
        lines = text.split("\n")
        last = len(lines) - 1
        for line in sorted({0, min(4, last), last}):
            for character in sorted({0, 3, len(lines[line]) // 2, len(lines[line])}):
                position = lsp.Position(line, character)
                ident = lsp.TextDocumentIdentifier(uri=uri(site, rel))
                await client.text_document_completion_async(
                    lsp.CompletionParams(text_document=ident, position=position)
                )
                await client.text_document_definition_async(
                    lsp.DefinitionParams(text_document=ident, position=position)
                )
                await client.text_document_hover_async(
                    lsp.HoverParams(text_document=ident, position=position)
                )
        await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri(site, rel)),
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(last, 0)),
                context=lsp.CodeActionContext(diagnostics=diags),
            )
        )
    assert client.error is None


async def test_shutdown_and_exit_cleanly(client, site):
    await open_doc(client, site, "index.md")
    await client.shutdown_session()
    assert client._server is not None
    assert client._server.returncode == 0


class Recorded(dict):
    """``client.diagnostics`` that also records the URI of every publish."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[str] = []

    def __setitem__(self, uri, diagnostics):
        self.published.append(uri)
        super().__setitem__(uri, diagnostics)


@pytest.mark.parametrize("spelling", [True, False])
async def test_watched_event_republishes_only_the_affected_open_documents(client, site, spelling):
    # spelling off: the unaffected page is not even checked again; on (it reads every
    # page's title), it is checked again but its unchanged diagnostics are not sent
    if not spelling:
        (site / ".lintkit.yml").write_text("rules:\n  spelling: false\n", encoding="utf-8")
    assert await open_doc(client, site, "other.md") == []
    definition = "reference/learning_hour_definition.md"
    assert await open_doc(client, site, definition) == []
    client.diagnostics = recorded = Recorded(client.diagnostics)
    rename(client, site, "index.md", "home.md")
    diags = await diagnostics_of(client, uri(site, "other.md"))
    assert [(d.code, d.range.start.line) for d in diags] == [("link-tag", 4)]
    # a request answered after the event's checks: any other publish has arrived
    await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(site, definition)),
            position=lsp.Position(0, 0),
        )
    )
    assert recorded.published == [uri(site, "other.md")]

    # the page is renamed back: the link mends, and only that page hears of it
    rename(client, site, "home.md", "index.md")
    assert await diagnostics_of(client, uri(site, "other.md")) == []
    await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri(site, definition)),
            position=lsp.Position(0, 0),
        )
    )
    assert recorded.published == [uri(site, "other.md")] * 2


@pytest.mark.filterwarnings("ignore:The test <Function")
def test_affected_open_documents_after_each_kind_of_event(tmp_path):
    """Which open documents the server checks again after a watched-file event."""
    from lintkit.lsp import Checked, LintkitServer

    site = make_site(tmp_path / "site")
    pages = {
        "linker.md": "---\ntitle: L\n---\n\n"
        "[def](reference/learning_hour_definition.html#ensemble-definition)\n",
        "plain.md": "---\ntitle: P\n---\n\nNo links here.\n",
        "tagger.md": "---\ntitle: T\n---\n\n[o]({% link other.md %})\n",
        "looper.md": "---\ntitle: Lo\n---\n\n[x]({% link {{ page.target }} %})\n",
    }
    for rel, text in pages.items():
        (site / rel).write_text(text, encoding="utf-8")
    # spelling judges words by the titles and words of every page (Rule.reads_site):
    # with it on, every open page is checked again after any page changes
    (site / ".lintkit.yml").write_text("rules:\n  spelling: false\n", encoding="utf-8")
    server = LintkitServer()
    for rel in [*pages, "index.md", "other.md"]:
        path = str(site / rel)
        text = (site / rel).read_text(encoding="utf-8")
        findings, doc = server.check_text(path, text)
        server.checked[uri(site, rel)] = Checked(text, findings, doc, [])
    root = str(site)
    always = {uri(site, "index.md"), uri(site, "looper.md")}  # a link finding; a Liquid path

    definition = site / "reference/learning_hour_definition.md"
    definition.write_text(DEFINITION.replace("Ensemble", "Mob"), encoding="utf-8")
    assert server.refresh(root, [str(definition)]) == always | {uri(site, "linker.md")}

    (site / "other.md").rename(site / "moved.md")
    changed = [str(site / "other.md"), str(site / "moved.md")]
    moved = {uri(site, "tagger.md"), uri(site, "other.md")}  # linking to it; the page itself
    assert server.refresh(root, changed) == always | moved

    (site / "new.md").write_text("---\ntitle: N\n---\n", encoding="utf-8")
    assert server.refresh(root, [str(site / "new.md")]) == always

    (site / "plain.md").write_text("---\ntitle: P\n---\n\nStill no links.\n", encoding="utf-8")
    assert server.refresh(root, [str(site / "plain.md")]) == always | {uri(site, "plain.md")}

    (site / "_includes/note.html").write_text("<p>changed</p>\n", encoding="utf-8")
    assert server.refresh(root, [str(site / "_includes/note.html")]) is None  # every page
    (site / "_data").mkdir()
    (site / "_data/people.yml").write_text("- name: Ann\n", encoding="utf-8")
    assert server.refresh(root, [str(site / "_data/people.yml")]) is None
    assert root in server.engines  # data: the site index is updated, the rules stay
    (site / "lint").mkdir()
    (site / "lint/base.yml").write_text("rules: {}\n", encoding="utf-8")  # one it may extend
    assert server.refresh(root, [str(site / "lint/base.yml")]) is None
    assert root not in server.engines
    server.check_text(str(site / "plain.md"), "---\ntitle: P\n---\n")
    (site / ".lintkit.yml").write_text("rules:\n  link-tag: false\n", encoding="utf-8")
    assert server.refresh(root, [str(site / ".lintkit.yml")]) is None
    assert root not in server.engines  # the rules are read again

    (site / ".lintkit.yml").unlink()  # spelling on again: every open page may change
    server.refresh(root, [str(site / ".lintkit.yml")])
    for rel in server.checked:
        path = to_path(rel)
        text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        findings, doc = server.check_text(path, text)
        server.checked[rel] = Checked(text, findings, doc, [])
    (site / "new.md").write_text("---\ntitle: Newer\n---\n", encoding="utf-8")
    assert server.refresh(root, [str(site / "new.md")]) == set(server.checked)
