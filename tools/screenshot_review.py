#!/usr/bin/env python3
"""Check that a review page reads on a 390 px phone, and take its screenshot.

    python3 tools/screenshot_review.py report.html [--out report.png]
        [--width 390] [--height 2000] [--full-page] [--expect TEXT ...]

Exit status: 0 when nothing overflows and every --expect text is on the page;
1 with a list of the overflowing elements (or the missing texts) otherwise;
2 when Chromium is missing.

How it works. Debian's headless Chromium (``/usr/bin/chromium``, the "new"
headless mode) never makes a window narrower than 500 px: with
``--window-size=390,2000`` the page is laid out 500 px wide and the screenshot
is merely cropped to 390 px, so a page that overflows at 390 px would pass. So
the page is never loaded directly. It is put, as ``srcdoc``, in an
``<iframe>`` exactly ``--width`` px wide on a small host page; inside the frame
``window.innerWidth`` is then exactly that width and media queries see it.

Chromium runs with ``--hide-scrollbars`` because phones draw overlay
scrollbars that take no width.

1. Probe: a copy of the page with a small inline script added before
   ``</body>`` (the script is only ever in this temporary copy, never in the
   report) runs in the frame (WIDTH x HEIGHT). It measures ``innerWidth``,
   ``documentElement.scrollWidth``, the page height, every element whose box
   and every text run whose glyphs reach past the viewport (left or right),
   skipping what lies inside an ``overflow-x: auto|scroll`` container, and the
   page's visible text. It writes all of that as JSON into
   ``<pre id="lintkit-overflow">`` on the host page, which
   ``chromium --dump-dom`` prints.
2. Screenshot: the unmodified page in the same kind of frame, shot with ``--screenshot`` at
   ``--window-size=WIDTH,HEIGHT`` (HEIGHT is the page height with
   ``--full-page``). The PNG's width is checked against WIDTH.

Each Chromium run gets a new temporary ``--user-data-dir``. Standard library only.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Phones draw overlay scrollbars that take no width; without this a 15 px
    # desktop scrollbar would narrow the frame (and, once shown, it stays).
    "--hide-scrollbars",
]
MAX_SHOT_HEIGHT = 16000  # Chromium cannot paint arbitrarily tall windows
RESULT_ID = "lintkit-overflow"

PROBE_SCRIPT = r"""<script>(function () {
  var out = {};
  try {
    var root = document.documentElement, W = window.innerWidth;
    out.innerWidth = W;
    out.innerHeight = window.innerHeight;
    out.clientWidth = root.clientWidth;
    out.scrollWidth = root.scrollWidth;
    out.documentOverflows = root.scrollWidth > W;
    out.height = Math.ceil(root.getBoundingClientRect().height);
    out.overflow = [];
    var cache = new Map();
    function scrolls(el) {
      var ox = getComputedStyle(el).overflowX;
      return ox === 'auto' || ox === 'scroll';
    }
    function insideScroller(el) {  // is an ancestor of el a horizontal scroll container?
      var a = el.parentElement;
      if (!a || a === document.body || a === root) return false;
      if (cache.has(a)) return cache.get(a);
      var r = scrolls(a) || insideScroller(a);
      cache.set(a, r);
      return r;
    }
    function name(el) {
      var s = el.tagName.toLowerCase();
      if (el.id) s += '#' + el.id;
      for (var i = 0; i < el.classList.length; i++) s += '.' + el.classList[i];
      return s;
    }
    function path(el) {
      var parts = [];
      for (var n = el; n && n !== root; n = n.parentElement) parts.unshift(name(n));
      return parts.join(' > ');
    }
    function snippet(text) { return (text || '').replace(/\s+/g, ' ').trim().slice(0, 80); }
    function round(x) { return Math.round(x * 10) / 10; }
    function past(r) { return (r.width > 0 || r.height > 0) && (r.right > W + 0.5 || r.left < -0.5); }
    var flagged = new Set();
    var all = document.body.getElementsByTagName('*');
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (insideScroller(el)) continue;
      var r = el.getBoundingClientRect();
      if (!past(r)) continue;
      flagged.add(el);
      if (flagged.has(el.parentElement)) continue;  // report where the overflow starts
      out.overflow.push({element: path(el), kind: 'box', left: round(r.left), right: round(r.right),
                         text: snippet(el.textContent)});
    }
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    for (var t = walker.nextNode(); t; t = walker.nextNode()) {
      var parent = t.parentElement;
      if (!parent || !t.data.trim() || flagged.has(parent)) continue;
      if (scrolls(parent) || insideScroller(parent)) continue;
      range.selectNodeContents(t);
      var tr = range.getBoundingClientRect();
      if (!past(tr)) continue;
      flagged.add(parent);
      out.overflow.push({element: path(parent), kind: 'text', left: round(tr.left), right: round(tr.right),
                         text: snippet(t.data)});
    }
    out.text = document.body.innerText;
  } catch (e) {
    out.error = String(e && e.stack || e);
  }
  var host = document;
  try { if (window.parent !== window && window.parent.document) host = window.parent.document; } catch (e) {}
  var pre = host.getElementById('lintkit-overflow');
  if (!pre) { pre = host.createElement('pre'); pre.id = 'lintkit-overflow'; host.body.appendChild(pre); }
  pre.textContent = JSON.stringify(out);
})();</script>"""


class ProbeError(Exception):
    pass


def inject_probe(page: str) -> str:
    """The page with the probe script added just before its last ``</body>``."""
    at = page.lower().rfind("</body>")
    if at < 0:
        return page + PROBE_SCRIPT
    return page[:at] + PROBE_SCRIPT + page[at:]


def host_page(page: str, width: int, height: int, with_result: bool) -> str:
    """A page showing ``page`` in a frame exactly ``width`` px wide."""
    result = f'<pre id="{RESULT_ID}"></pre>' if with_result else ""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        "html,body{margin:0;padding:0;overflow:hidden;background:#fff}"
        f"iframe{{display:block;border:0;margin:0;width:{width}px;height:{height}px}}"
        f"#{RESULT_ID}{{position:absolute;left:-99999px}}"
        "</style></head><body>"
        f'<iframe title="page" srcdoc="{html.escape(page, quote=True)}"></iframe>{result}'
        "</body></html>"
    )


def run_chromium(
    chromium: str, args: list, url: str, timeout: float
) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="lintkit-chromium-") as profile:
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *args, url],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )


def probe(chromium: str, page: str, width: int, height: int, workdir: Path, timeout: float) -> dict:
    path = workdir / "probe.html"
    path.write_text(host_page(inject_probe(page), width, height, True), encoding="utf-8")
    proc = run_chromium(
        chromium, [f"--window-size={width},{height}", "--dump-dom"], path.as_uri(), timeout
    )
    match = re.search(rf'<pre id="{RESULT_ID}">(.*?)</pre>', proc.stdout, re.S)
    if not match or not match.group(1).strip():
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise ProbeError(f"the probe did not report (chromium exit {proc.returncode})\n{tail}")
    data = json.loads(html.unescape(match.group(1)))
    if "error" in data:
        raise ProbeError(f"the probe failed: {data['error']}")
    return data


def png_size(path: Path) -> tuple:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ProbeError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def screenshot(
    chromium: str, page: str, width: int, height: int, out: Path, workdir: Path, timeout: float
) -> tuple:
    path = workdir / "shot.html"
    path.write_text(host_page(page, width, height, False), encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    proc = run_chromium(
        chromium, [f"--window-size={width},{height}", f"--screenshot={out}"], path.as_uri(), timeout
    )
    if not out.exists():
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise ProbeError(f"chromium wrote no screenshot (exit {proc.returncode})\n{tail}")
    return png_size(out)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check(
    html_path: Path,
    out: Path,
    width: int = 390,
    height: int = 2000,
    full_page: bool = False,
    expect=(),
    chromium: str = CHROMIUM,
    timeout: float = 60.0,
) -> tuple:
    """Run the probe and the screenshot; return (problems, report lines)."""
    page = html_path.read_text(encoding="utf-8")
    lines, problems = [], []
    with tempfile.TemporaryDirectory(prefix="lintkit-shot-") as tmp:
        work = Path(tmp)
        started = time.monotonic()
        data = probe(chromium, page, width, height, work, timeout)
        probed = time.monotonic()
        if data["innerWidth"] != width:
            problems.append(f"the page was laid out {data['innerWidth']} px wide, not {width} px")
        if data["clientWidth"] != data["innerWidth"]:
            problems.append(
                f"a vertical scrollbar took width: {data['clientWidth']} of "
                f"{data['innerWidth']} px left for the page"
            )
        if data["documentOverflows"]:
            problems.append(
                f"the page scrolls sideways: {data['scrollWidth']} px wide in a "
                f"{data['innerWidth']} px viewport"
            )
        for item in data["overflow"]:
            problems.append(
                f"{item['element']} ({item['kind']}) spans {item['left']}..{item['right']} px: "
                f"{item['text']!r}"
            )
        text = _normal(data.get("text", ""))
        for wanted in expect:
            if _normal(wanted) not in text:
                problems.append(f"expected text not on the page: {wanted!r}")
        shot_height = min(data["height"], MAX_SHOT_HEIGHT) if full_page else height
        size = screenshot(chromium, page, width, shot_height, out, work, timeout)
        shot = time.monotonic()
        if size[0] != width:
            problems.append(f"the screenshot is {size[0]} px wide, not {width} px")
    lines.append(
        f"viewport {data['innerWidth']} px wide (document {data['scrollWidth']} px), "
        f"page {data['height']} px tall"
    )
    lines.append(f"screenshot {out} ({size[0]}x{size[1]} px)")
    lines.append(f"chromium: probe {probed - started:.1f} s, screenshot {shot - probed:.1f} s")
    return problems, lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="the HTML page to check")
    parser.add_argument("--out", type=Path, help="PNG to write (default: next to the page)")
    parser.add_argument("--width", type=int, default=390, help="viewport width in CSS px (390)")
    parser.add_argument("--height", type=int, default=2000, help="window height in px (2000)")
    parser.add_argument(
        "--full-page", action="store_true", help="shoot the whole page, not the first HEIGHT px"
    )
    parser.add_argument(
        "--expect",
        action="append",
        default=[],
        metavar="TEXT",
        help="text that must be visible on the page (repeatable)",
    )
    parser.add_argument("--chromium", default=os.environ.get("LINTKIT_CHROMIUM", CHROMIUM))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per Chromium run")
    args = parser.parse_args(argv)

    if not (os.path.isfile(args.chromium) and os.access(args.chromium, os.X_OK)):
        print(f"screenshot_review: chromium not found at {args.chromium}", file=sys.stderr)
        return 2
    if not args.html.is_file():
        print(f"screenshot_review: no such file: {args.html}", file=sys.stderr)
        return 1
    out = args.out or args.html.with_name(f"{args.html.stem}-{args.width}.png")
    try:
        problems, lines = check(
            args.html,
            out,
            args.width,
            args.height,
            args.full_page,
            args.expect,
            args.chromium,
            args.timeout,
        )
    except (ProbeError, subprocess.TimeoutExpired) as error:
        print(f"screenshot_review: {error}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    if problems:
        print(f"FAIL at {args.width} px:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(
        f"OK: nothing overflows at {args.width} px"
        + (f"; found {len(args.expect)} expected texts" if args.expect else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
