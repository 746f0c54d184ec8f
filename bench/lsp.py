"""Latency of ``lintkit lsp``: a keystroke's diagnostics on a 500-line page.

    python bench/lsp.py [--site PATH] [--page REL] [--lines 500] [--keys 40]

Starts ``python -m lintkit lsp`` over stdio (a pygls client, as an editor
would), with the debounce set to 0 so that what is timed is the work after
the debounce: opens REL of the site as unsaved text grown to ``--lines``
lines (its body repeated), then types ``--keys`` characters one didChange at
a time, each time waiting for the diagnostics of that version. Prints the
time to the first diagnostics (the site index is built then, once) and the
median, 90th percentile and worst time of a keystroke. Needs
``pip install 'lintkit[lsp]'``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
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


async def run(site: str, page: str, lines: int, keys: int) -> None:
    client = LanguageClient("lintkit-bench", "1")
    versions: dict[int, float] = {}
    waiting: dict[int, asyncio.Future[int]] = {}
    counts: dict[int, int] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            versions[params.version] = time.perf_counter()
            counts[params.version] = len(params.diagnostics)
            fut = waiting.pop(params.version, None)
            if fut is not None and not fut.done():
                fut.set_result(params.version)

    await client.start_io(sys.executable, "-m", "lintkit", "lsp")
    root = Path(site).resolve()
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=root.as_uri(),
            initialization_options={"debounce": 0},
        )
    )
    client.initialized(lsp.InitializedParams())
    uri = (root / page).as_uri()
    text = grown((root / page).read_text(encoding="utf-8"), lines)
    loop = asyncio.get_running_loop()

    async def wait(version: int, sent: float) -> float:
        fut: asyncio.Future[int] = loop.create_future()
        waiting[version] = fut
        if version in versions:
            fut.set_result(version)
        await asyncio.wait_for(fut, 60)
        return versions[version] - sent

    sent = time.perf_counter()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    first = await wait(1, sent)
    times = []
    line = text.count("\n") // 2
    for i in range(keys):
        version = i + 2
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(lsp.Position(line, i), lsp.Position(line, i)),
                        text="x",
                    )
                ],
            )
        )
        times.append(await wait(version, sent))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    times.sort()
    ms = [t * 1000 for t in times]
    print(f"page: {page} grown to {text.count(chr(10))} lines; site: {root.name}")
    print(f"findings on the page: {counts.get(1, 0)}")
    print(f"first diagnostics (site index built): {first * 1000:.0f} ms")
    print(
        f"keystroke -> diagnostics, {keys} keys: median {statistics.median(ms):.1f} ms, "
        f"p90 {ms[int(len(ms) * 0.9) - 1]:.1f} ms, worst {ms[-1]:.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=DEFAULT_SITE)
    ap.add_argument("--page", default=DEFAULT_PAGE)
    ap.add_argument("--lines", type=int, default=500)
    ap.add_argument("--keys", type=int, default=40)
    args = ap.parse_args()
    asyncio.run(run(args.site, args.page, args.lines, args.keys))


if __name__ == "__main__":
    main()
