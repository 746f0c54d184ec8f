"""Latency of ``lintkit lsp``: a keystroke's diagnostics on a 500-line page.

    python bench/lsp.py [--site PATH] [--page REL] [--lines 500] [--keys 40]
                        [--against "COMMAND"]

Starts ``python -m lintkit lsp`` over stdio (a pygls client, as an editor
would), with the debounce set to 0 so that what is timed is the work after
the debounce: opens REL of the site as unsaved text grown to ``--lines``
lines (its body repeated), then types ``--keys`` characters one didChange at
a time, each time waiting for the diagnostics of that version. Prints the
time to the first diagnostics (the site index is built then, once) and the
median, 90th percentile and worst time of a keystroke. Needs
``pip install 'lintkit[lsp]'``.

``--against "COMMAND"`` starts a second server with that command (another
version of lintkit, say) and types each keystroke into both in turn, so that
both are timed under the same load of the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SITE = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora", "samman-site"))
DEFAULT_PAGE = "society/learning_hour_milestones.md"


def grown(text: str, lines: int) -> str:
    """``text`` with its body repeated until it has ``lines`` lines."""
    head, sep, body = text.partition("\n---\n")
    if not sep:
        head, body = "", text
    out = (head + sep) if sep else ""
    while out.count("\n") < lines:
        out += body if body.endswith("\n") else body + "\n"
    return "\n".join(out.split("\n")[:lines]) + "\n"


class Server:
    """One language server process, driven as an editor would."""

    def __init__(self, command: list[str]):
        self.command = command
        self.client = LanguageClient("lintkit-bench", "1")
        self.versions: dict[int, float] = {}
        self.counts: dict[int, int] = {}
        self.waiting: dict[int, asyncio.Future[int]] = {}
        self.times: list[float] = []

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            if params.version is not None:
                self.versions[params.version] = time.perf_counter()
                self.counts[params.version] = len(params.diagnostics)
                fut = self.waiting.pop(params.version, None)
                if fut is not None and not fut.done():
                    fut.set_result(params.version)

    async def start(self, root: Path) -> None:
        await self.client.start_io(*self.command)
        await self.client.initialize_async(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(),
                root_uri=root.as_uri(),
                initialization_options={"debounce": 0},
            )
        )
        self.client.initialized(lsp.InitializedParams())

    async def wait(self, version: int, sent: float) -> float:
        fut: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self.waiting[version] = fut
        if version in self.versions:
            fut.set_result(version)
        await asyncio.wait_for(fut, 60)
        return self.versions[version] - sent

    async def open(self, uri: str, text: str) -> float:
        sent = time.perf_counter()
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
            )
        )
        return await self.wait(1, sent)

    async def key(self, uri: str, version: int, line: int, character: int) -> None:
        sent = time.perf_counter()
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(
                            lsp.Position(line, character), lsp.Position(line, character)
                        ),
                        text="x",
                    )
                ],
            )
        )
        self.times.append(await self.wait(version, sent))

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def report(self, label: str, first: float) -> None:
        ms = sorted(t * 1000 for t in self.times)
        print(f"{label}: {' '.join(self.command)}")
        print(f"  findings on the page: {self.counts.get(1, 0)}")
        print(f"  first diagnostics (site index built): {first * 1000:.0f} ms")
        print(
            f"  keystroke -> diagnostics, {len(ms)} keys: median {statistics.median(ms):.1f} ms, "
            f"p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, worst {ms[-1]:.1f} ms"
        )


async def run(site: str, page: str, lines: int, keys: int, against: str | None) -> None:
    root = Path(site).resolve()
    servers = [Server([sys.executable, "-m", "lintkit", "lsp"])]
    if against:
        servers.append(Server(shlex.split(against)))
    uri = (root / page).as_uri()
    text = grown((root / page).read_text(encoding="utf-8"), lines)
    firsts = []
    for server in servers:
        await server.start(root)
        firsts.append(await server.open(uri, text))
    line = text.count("\n") // 2
    for i in range(keys):
        for server in servers:  # the same keystroke into each, in turn
            await server.key(uri, i + 2, line, i)
    for server in servers:
        await server.stop()
    print(f"page: {page} grown to {text.count(chr(10))} lines; site: {root.name}")
    for label, server, first in zip(["this lintkit", "against"], servers, firsts):
        server.report(label, first)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=DEFAULT_SITE)
    ap.add_argument("--page", default=DEFAULT_PAGE)
    ap.add_argument("--lines", type=int, default=500)
    ap.add_argument("--keys", type=int, default=40)
    ap.add_argument("--against", help="the command of a second server, timed in turn")
    args = ap.parse_args()
    asyncio.run(run(args.site, args.page, args.lines, args.keys, args.against))


if __name__ == "__main__":
    main()
