#!/usr/bin/env python3
"""A real site with 1,000 hostile files mixed in: are the clean pages' findings unchanged?

    python3 tools/hostile_site.py [SITE] [--files 1000] [--seed 1]

SITE defaults to the shared Samman corpus next to this repository. Two copies
of it are made in a temporary folder (never in the repository): the clean
copy, and one with ``--files`` hostile files added under new names in its
folders outside collections, and in a new folder (pages built by ``tools/fuzzlib.py``: odd YAML, alias bombs, Liquid
and HTML ids, control characters, workflow commands, byte edits; names that
are not UTF-8 or hold newlines and ``::``; links out of the site; named
pipes). lintkit checks both copies in one run each; the script prints the
counts and exits 1 unless the findings on the clean pages are exactly the
clean copy's findings and no finding is an internal error.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import fuzzlib

DEFAULT_SITE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "samman-site"


def add_hostile(root: Path, count: int, rng: random.Random, outside: Path) -> list[bytes]:
    """``count`` hostile files under new names in the site's folders."""
    # Not in collections (folders starting with "_"): a document added to a
    # collection that a clean page loops over ({% for e in site.events %})
    # rightly changes that page's findings, as it changes Jekyll's build.
    folders = sorted(
        {
            p.parent
            for p in root.rglob("*.md")
            if not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts)
        }
    )
    folders.append(root / "zz-hostile")
    (root / "zz-hostile").mkdir()
    made: list[bytes] = []
    for n in range(count):
        folder = os.fsencode(rng.choice(folders))
        kind = rng.random()
        stem = f"zz-hostile-{n:04d}".encode()
        if kind < 0.05:
            name = stem + b"-\xff\xfe.md"
        elif kind < 0.10:
            name = stem + b"-new\nline::error::x.md"
        elif kind < 0.13:
            name = b"::warning::" + stem + b".md"
        else:
            name = stem + rng.choice([b".md", b".markdown", b".html", b".png", b".yml"])
        path = os.path.join(folder, name)
        roll = rng.random()
        if roll < 0.03:
            os.symlink(os.fsencode(outside), path)
        elif roll < 0.05 and hasattr(os, "mkfifo"):
            os.mkfifo(path)
        else:
            with open(path, "wb") as fh:
                fh.write(fuzzlib.page(rng))
        made.append(path)
    return made


def findings(root: Path) -> tuple[list[tuple], float]:
    from lintkit.engine import Engine

    old = os.getcwd()
    os.chdir(root)
    try:
        started = time.perf_counter()
        result = Engine(site_root=str(root)).check([str(root)])
        seconds = time.perf_counter() - started
    finally:
        os.chdir(old)
    return [
        (f.path, f.line, f.column, f.rule, f.severity, f.message) for f in result.findings
    ], seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(DEFAULT_SITE))
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    source = Path(args.site)
    if not (source / "_config.yml").is_file():
        print(f"hostile_site: {source} is not a Jekyll site", file=sys.stderr)
        return 2
    ignore = shutil.ignore_patterns(".git", "_site", ".jekyll-cache")
    with tempfile.TemporaryDirectory(prefix="lintkit-hostile-") as tmp:
        clean, hostile = Path(tmp) / "clean" / "site", Path(tmp) / "hostile" / "site"
        shutil.copytree(source, clean, symlinks=True, ignore=ignore)
        shutil.copytree(source, hostile, symlinks=True, ignore=ignore)
        secret = Path(tmp) / "secret.txt"
        secret.write_text("HOSTILE-SITE-SECRET\n")
        added = add_hostile(hostile, args.files, random.Random(args.seed), secret)
        before, t_clean = findings(clean)
        after, t_hostile = findings(hostile)
    hostile_paths = {os.fsdecode(os.path.relpath(p, os.fsencode(hostile))) for p in added}
    from lintkit.escape import display_name

    shown_hostile = {display_name(p) for p in hostile_paths}
    on_clean = [f for f in after if f[0] not in shown_hostile]
    on_hostile = [f for f in after if f[0] in shown_hostile]
    internal = [f for f in after if f[3] == "internal-error"]
    leaked = [f for f in after if "HOSTILE-SITE-SECRET" in f[5]]
    same = on_clean == before
    print(f"clean copy: {len(before)} findings ({t_clean:.1f}s)")
    print(
        f"with {len(added)} hostile files: {len(after)} findings ({t_hostile:.1f}s), "
        f"{len(on_hostile)} on the hostile files, {len(on_clean)} on the clean pages"
    )
    print(f"clean pages' findings identical: {'yes' if same else 'NO'}")
    print(f"internal errors: {len(internal)}; text from outside the site shown: {len(leaked)}")
    if not same:
        extra = sorted(set(on_clean) - set(before))[:10]
        missing = sorted(set(before) - set(on_clean))[:10]
        for f in extra:
            print(f"  only with hostile files: {f}")
        for f in missing:
            print(f"  only in the clean copy: {f}")
    return 0 if same and not internal and not leaked else 1


if __name__ == "__main__":
    sys.exit(main())
