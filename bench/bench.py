"""Benchmark lintkit against the time it takes just to parse the same files.

    python bench/bench.py [--site PATH] [--copies 25] [--repeat 5]

Measures, interleaved in one run (these machines are noisy, so only ratios of
side-by-side medians are quoted):

1. whole corpus: ``lintkit check CORPUS`` vs ``python bench/parse_only.py
   CORPUS`` (read + mistune parse of the same Markdown files), where CORPUS is
   ``--copies`` copies of the site side by side, each its own site;
2. one file, as pre-commit runs it: ``lintkit check SITE/FILE`` vs
   ``python -c "import mistune, yaml, click"``;
3. the site once: ``lintkit check SITE`` (for the record);
4. with ``--against REV`` (e.g. ``main``): ``lintkit check SITE`` of this
   checkout vs the same command of REV (checked out in bench/.work/), both run
   through ``bench/run_checkout.py``: the cost of what this checkout adds
   (target: <= 2.0);
5. the whole corpus with ``-j 1`` (one process; for the record: by default a
   run over several sites uses one worker process per core).

Prints each median and the ratios. The corpus is built once in bench/.work/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SITE = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora", "samman-site"))
DEFAULT_FILE = "society/learning_hour_milestones.md"


def build_corpus(site: str, copies: int) -> str:
    work = os.path.join(HERE, ".work", f"corpus-{copies}")
    stamp = os.path.join(work, ".complete")
    if os.path.exists(stamp):
        return work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    ignore = shutil.ignore_patterns(
        ".git", "_site", "node_modules", ".python-version", ".tool-versions"
    )
    for i in range(copies):
        shutil.copytree(site, os.path.join(work, f"site{i:02d}"), ignore=ignore)
    open(stamp, "w").close()
    return work


# Both sides run as an installed program runs: with compiled .pyc files (a
# PYTHONDONTWRITEBYTECODE in the caller's environment would make every lintkit
# run recompile its modules while the site-packages baseline stays compiled).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=HERE, env=ENV)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(
            f"bench: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}"
        )
    return elapsed


def compare(label: str, cmd_a, cmd_b, repeat: int, limit: float | None) -> bool:
    timed(cmd_a), timed(cmd_b)  # warm the file cache and .pyc files
    a, b = [], []
    for _ in range(repeat):
        a.append(timed(cmd_a))
        b.append(timed(cmd_b))
    ma, mb = statistics.median(a), statistics.median(b)
    ratio = ma / mb
    ok = limit is None or ratio <= limit
    target = "(no target)" if limit is None else f"(target <= {limit}) {'OK' if ok else 'OVER'}"
    print(
        f"{label}\n  lintkit   median {ma:7.3f}s  ({', '.join(f'{x:.3f}' for x in a)})\n"
        f"  baseline  median {mb:7.3f}s  ({', '.join(f'{x:.3f}' for x in b)})\n"
        f"  ratio {ratio:.2f} {target}"
    )
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default=DEFAULT_SITE)
    ap.add_argument(
        "--file", default=DEFAULT_FILE, help="file (relative to --site) for the pre-commit case"
    )
    ap.add_argument("--copies", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--against",
        metavar="REV",
        help="also time `lintkit check SITE` of this "
        "git revision (e.g. main) against this checkout",
    )
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(args.site, "_config.yml")):
        print(f"bench: no Jekyll site at {args.site} (pass --site)", file=sys.stderr)
        return 2
    py = sys.executable
    lintkit = [py, "-m", "lintkit", "check", "--format", "json"]
    corpus = build_corpus(args.site, args.copies)
    n = sum(1 for _, _, fs in os.walk(corpus) for f in fs if f.endswith(".md"))
    print(
        f"corpus: {args.copies} copies of {args.site}: {n} Markdown files; python {sys.version.split()[0]}"
    )
    ok = compare(
        f"whole corpus ({args.copies} sites)",
        lintkit + [corpus],
        [py, os.path.join(HERE, "parse_only.py"), corpus],
        args.repeat,
        1.5,
    )
    compare(
        "whole corpus, one process (-j 1, for the record)",
        lintkit + ["-j", "1", corpus],
        [py, os.path.join(HERE, "parse_only.py"), corpus],
        args.repeat,
        None,
    )
    one = os.path.join(args.site, args.file)
    ok &= compare(
        f"one file, as pre-commit runs it ({args.file})",
        lintkit + [one],
        [py, "-c", "import mistune, yaml, click"],
        args.repeat * 2,
        2.5,
    )
    compare(
        "one site vs its parse (for the record)",
        lintkit + [args.site],
        [py, os.path.join(HERE, "parse_only.py"), args.site],
        args.repeat,
        None,
    )
    if args.against:
        other = checkout(args.against)
        run = [py, os.path.join(HERE, "run_checkout.py")]
        ok &= compare(
            f"one site: this checkout vs {args.against} ({other[1][:10]})",
            run + [os.path.dirname(HERE), "check", "--format", "json", args.site],
            run + [other[0], "check", "--format", "json", args.site],
            args.repeat * 2,
            2.0,
        )
    return 0 if ok else 1


def checkout(rev: str):
    """(folder, commit) of ``rev`` checked out (once) under bench/.work/."""
    repo = os.path.dirname(HERE)
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", rev + "^{commit}"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    if sha.returncode != 0:
        sys.exit(f"bench: unknown revision {rev!r}: {sha.stderr.strip()}")
    sha = sha.stdout.strip()
    folder = os.path.join(HERE, ".work", "rev-" + sha[:12])
    if not os.path.isdir(folder):
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", sha], cwd=repo, capture_output=True
        )
        if archive.returncode != 0:
            sys.exit(f"bench: git archive {sha} failed")
        os.makedirs(folder)
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
    return folder, sha


if __name__ == "__main__":
    sys.exit(main())
