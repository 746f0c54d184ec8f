"""Benchmark lintkit against the time it takes just to parse the same files.

    python bench/bench.py [--site PATH] [--copies 25] [--repeat 5] [--against REV]
                          [--scaling 5000,50000]

Measures, interleaved in one run (these machines are noisy and shared, so only
ratios of side-by-side medians mean anything), each lintkit run in one process
(``--jobs 1``):

1. the site: ``lintkit check SITE`` vs the parse floor, ``python
   bench/parse_only.py SITE`` (read + mistune parse of the same Markdown
   files, nothing else); target <= 1.0;
2. ``--copies`` copies of the site side by side, each its own site, vs the
   floor on the same folder; target <= 1.0;
3. the largest site of ``--panel`` (the one with most Markdown files) vs its
   floor; target <= 1.0;
4. one page, as pre-commit checks it: ``lintkit check SITE/FILE`` vs ``python
   -c "import mistune, yaml, click"`` (bare imports); target <= 1.3;
5. ``lintkit review SITE`` vs ``lintkit check SITE``; target <= 1.5;
6. peak memory (maximum resident set) of the copies vs the site once; target:
   within 10%.

With ``--against REV`` (e.g. the commit a branch started from), every lintkit
command also runs from REV (checked out once in bench/.work/), interleaved
with this checkout's, and the table shows both columns side by side. Both then
run through ``bench/run_checkout.py``, which imports lintkit from a folder.

With ``--scaling N,M``: sites of N and M generated pages (``bench/shapes.py
broken-links``: each page has one working and one broken link) are checked,
and the CPU time per page at each size is printed (linear time: they differ
by less than 30%), with the wall time (which follows the machine's load).

The generated corpora live in bench/.work/ and are built once.
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
REPO = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared", "corpora"))
DEFAULT_SITE = os.path.join(SHARED, "samman-site")
DEFAULT_PANEL = os.path.join(SHARED, "jekyll-panel")
DEFAULT_FILE = "society/learning_hour_milestones.md"
MD = (".md", ".markdown")

# Both sides run as an installed program runs: with compiled .pyc files (a
# PYTHONDONTWRITEBYTECODE in the caller's environment would make every lintkit
# run recompile its modules while the site-packages baseline stays compiled).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def count_md(folder: str) -> int:
    return sum(1 for _, _, fs in os.walk(folder) for f in fs if f.endswith(MD))


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


def build_shape(size: int) -> str:
    folder = os.path.join(HERE, ".work", f"broken-links-{size}")
    stamp = os.path.join(folder, ".complete")
    if not os.path.exists(stamp):
        shutil.rmtree(folder, ignore_errors=True)
        sys.path.insert(0, HERE)
        import shapes

        shapes.write("broken-links", size, folder)
        open(stamp, "w").close()
    return folder


class Timer:
    """Runs commands interleaved: each round runs every command once."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.peak: dict[str, float] = {}

    def rounds(self, commands: dict[str, list[str]], repeat: int) -> None:
        for cmd in commands.values():
            run(cmd)  # warm the file cache and the .pyc files
        for _ in range(repeat):
            for name, cmd in commands.items():
                elapsed, peak = run(cmd)
                self.times.setdefault(name, []).append(elapsed)
                self.peak[name] = max(self.peak.get(name, 0.0), peak)

    def median(self, name: str) -> float:
        return statistics.median(self.times[name])


def run(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MiB) of one run, measured with ``wait4``."""
    elapsed, peak, _ = run_usage(cmd)
    return elapsed, peak


def run_usage(cmd: list[str]) -> tuple[float, float, float]:
    """(seconds, peak resident MiB, CPU seconds) of one run (``wait4``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=HERE, env=ENV
    )
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed ({code}): {stderr.decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def checkout(rev: str) -> tuple[str, str]:
    """(folder, commit) of ``rev`` checked out (once) under bench/.work/."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", rev + "^{commit}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if sha.returncode != 0:
        sys.exit(f"bench: unknown revision {rev!r}: {sha.stderr.strip()}")
    commit = sha.stdout.strip()
    folder = os.path.join(HERE, ".work", "rev-" + commit[:12])
    if not os.path.isdir(folder):
        os.makedirs(os.path.dirname(folder), exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit], cwd=REPO, capture_output=True
        )
        if archive.returncode != 0:
            sys.exit(f"bench: git archive {commit} failed")
        os.makedirs(folder)
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
    return folder, commit


def largest_site(panel: str) -> str | None:
    if not os.path.isdir(panel):
        return None
    sites = [
        os.path.join(panel, d)
        for d in sorted(os.listdir(panel))
        if os.path.isfile(os.path.join(panel, d, "_config.yml"))
    ]
    return max(sites, key=count_md) if sites else None


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--site", default=DEFAULT_SITE)
    ap.add_argument("--panel", default=DEFAULT_PANEL, help="folder of sites; its largest is timed")
    ap.add_argument(
        "--file", default=DEFAULT_FILE, help="file (relative to --site) for the one-page case"
    )
    ap.add_argument("--copies", type=int, default=25)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--against", metavar="REV", help="also time the same commands of REV")
    ap.add_argument(
        "--scaling",
        metavar="N,M",
        help="time per page of generated sites of N and M pages with broken links",
    )
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(args.site, "_config.yml")):
        print(f"bench: no Jekyll site at {args.site} (pass --site)", file=sys.stderr)
        return 2
    py = sys.executable
    sides: dict[str, list[str]] = {"this": [py, "-m", "lintkit"]}
    if args.against:
        folder, commit = checkout(args.against)
        runner = os.path.join(HERE, "run_checkout.py")
        sides = {
            "this": [py, runner, REPO],
            f"{args.against} ({commit[:10]})": [py, runner, folder],
        }
    floor = [py, os.path.join(HERE, "parse_only.py")]
    check = ["check", "--format", "json", "--jobs", "1"]
    corpus = build_corpus(args.site, args.copies)
    panel = largest_site(args.panel)
    print(f"python {sys.version.split()[0]}; each lintkit run in one process (--jobs 1)")
    cases: list[tuple[str, list[str], list[str], float]] = [
        (
            f"the site ({count_md(args.site)} files) / floor",
            check + [args.site],
            floor + [args.site],
            1.0,
        ),
        (
            f"{args.copies} copies ({count_md(corpus)} files) / floor",
            check + [corpus],
            floor + [corpus],
            1.0,
        ),
    ]
    if panel:
        cases.append(
            (
                f"largest panel site, {os.path.basename(panel)} ({count_md(panel)} files) / floor",
                check + [panel],
                floor + [panel],
                1.0,
            )
        )
    one = os.path.join(args.site, args.file)
    cases.append(
        ("one page / bare imports", check + [one], [py, "-c", "import mistune, yaml, click"], 1.3)
    )
    timer = Timer()
    rows = []
    for label, lint_args, base, target in cases:
        commands = {side: cmd + lint_args for side, cmd in sides.items()}
        commands["base"] = base
        timer.rounds(commands, args.repeat if "one page" not in label else args.repeat * 2)
        rows.append((label, {s: timer.median(s) / timer.median("base") for s in sides}, target))
        peaks = {s: timer.peak[s] for s in sides}
        print(
            f"{label}: medians "
            + ", ".join(f"{s} {timer.median(s):.3f}s" for s in sides)
            + f", base {timer.median('base'):.3f}s; peak "
            + ", ".join(f"{s} {p:.0f} MiB" for s, p in peaks.items()),
            flush=True,
        )
        timer.times.clear()
        if label.startswith("the site"):
            site_peak = dict(peaks)
        if "copies" in label:
            copies_peak = dict(peaks)
        timer.peak.clear()
    # review vs check, each side against its own check
    commands = {}
    for side, cmd in sides.items():
        commands[side + " review"] = cmd + ["review", args.site]
        commands[side + " check"] = cmd + check + [args.site]
    timer.rounds(commands, args.repeat)
    rows.append(
        (
            "review / check (the site)",
            {s: timer.median(s + " review") / timer.median(s + " check") for s in sides},
            1.5,
        )
    )
    rows.append(
        (
            f"peak memory, {args.copies} copies / the site",
            {s: copies_peak[s] / site_peak[s] for s in sides},
            1.1,
        )
    )
    ok = True
    names = list(sides)
    print()
    print("| run | " + " | ".join(names) + " | target |")
    print("|---|" + "---|" * len(names) + "---|")
    for label, ratios, target in rows:
        ok &= ratios["this"] <= target
        print(f"| {label} | " + " | ".join(f"{ratios[s]:.2f}" for s in names) + f" | <= {target} |")
    print(
        "peak MiB: the site "
        + ", ".join(f"{s} {site_peak[s]:.0f}" for s in names)
        + f"; {args.copies} copies "
        + ", ".join(f"{s} {copies_peak[s]:.0f}" for s in names)
    )
    if args.scaling:
        ok &= scaling([int(n) for n in args.scaling.split(",")], sides["this"] + check)
    return 0 if ok else 1


def scaling(sizes: list[int], cmd: list[str]) -> bool:
    """Time per page at each size. Judged on CPU time: on a shared machine the
    wall time of a run of minutes follows the other processes' load (one
    5,000-page run took 84 s of wall time for 7 s of CPU)."""
    per_page, wall_per_page = [], []
    for size in sizes:
        folder = build_shape(size)
        run(cmd + [folder])  # warm
        elapsed, peak, cpu = run_usage(cmd + [folder])
        per_page.append(cpu / size)
        wall_per_page.append(elapsed / size)
        print(
            f"generated site of {size} pages (one broken, one working link each): "
            f"CPU {cpu:.1f}s, {cpu / size * 1000:.2f} ms per page; wall {elapsed:.1f}s, "
            f"{elapsed / size * 1000:.2f} ms per page; peak {peak:.0f} MiB; "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    spread = max(per_page) / min(per_page) - 1
    wall_spread = max(wall_per_page) / min(wall_per_page) - 1
    print(
        f"CPU time per page differs by {spread:.0%} (target < 30%); "
        f"wall time per page by {wall_spread:.0%}"
    )
    return spread < 0.3


if __name__ == "__main__":
    sys.exit(main())
