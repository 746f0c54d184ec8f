"""Benchmark the prose rules (spelling, repeated-word, glued-unit).

    python bench/spelling.py [--site PATH] [--file REL] [--repeat 7]

Measures, interleaved in one run (only ratios of side-by-side medians are
quoted; the machines are shared and noisy):

1. the whole site: ``lintkit check SITE`` (the default preset, prose rules on)
   vs ``lintkit check --ignore spelling,repeated-word,glued-unit SITE``
   (target: <= 1.5);
2. one file, as pre-commit runs it: ``lintkit check SITE/FILE`` vs
   ``python -c "import mistune, yaml, click"`` (the README's pre-commit
   budget, target <= 2.5, as in bench/bench.py).

Both sides use a configuration that turns spelling on for English
(``bench/.work/spelling.yml``: the default preset with ``language: en``, as
the samman preset has it), since the Samman site does not say its language.
The word-list cache is built once before timing (as on a developer's machine
after the first run). Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench import DEFAULT_SITE  # noqa: E402

PROSE_RULES = "spelling,repeated-word,glued-unit"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run, measured with ``wait4``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed ({code}): {stderr.decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime


def compare(label: str, cmd_a: list[str], cmd_b: list[str], repeat: int, limit: float) -> bool:
    """Interleaved rounds; the ratio of medians, of wall time and of CPU time
    (on a shared machine CPU time is the steadier of the two)."""
    run(cmd_a), run(cmd_b)  # warm the file cache and .pyc files
    a, b = [], []
    for _ in range(repeat):
        a.append(run(cmd_a))
        b.append(run(cmd_b))
    ok = True
    print(label)
    for i, what in enumerate(("wall", "CPU ")):
        ma = statistics.median(x[i] for x in a)
        mb = statistics.median(x[i] for x in b)
        ratio = ma / mb
        ok &= ratio <= limit
        print(
            f"  {what} median {ma:6.3f}s vs {mb:6.3f}s  ratio {ratio:.2f} "
            f"(target <= {limit}) {'OK' if ratio <= limit else 'OVER'}"
        )
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--site", default=DEFAULT_SITE)
    ap.add_argument("--file", default="_learning_hours/legacy/test_maintenance.md")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(args.site, "_config.yml")):
        print(f"bench: no Jekyll site at {args.site} (pass --site)", file=sys.stderr)
        return 2
    py = sys.executable
    config = os.path.join(HERE, ".work", "spelling.yml")
    os.makedirs(os.path.dirname(config), exist_ok=True)
    with open(config, "w", encoding="utf-8") as fh:
        fh.write("rules:\n  spelling:\n    language: en\n")
    lintkit = [py, "-m", "lintkit", "check", "--format", "json", "--config", config]
    run(lintkit + [args.site])  # builds the word-list cache
    ok = compare(
        f"whole site with the prose rules vs without ({args.site})",
        lintkit + [args.site],
        lintkit + ["--ignore", PROSE_RULES, args.site],
        args.repeat,
        1.5,
    )
    ok &= compare(
        f"one file, as pre-commit runs it ({args.file}) vs python -c 'import mistune, yaml, click'",
        lintkit + [os.path.join(args.site, args.file)],
        [py, "-c", "import mistune, yaml, click"],
        args.repeat * 2,
        2.5,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
