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
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench import DEFAULT_SITE, compare  # noqa: E402

PROSE_RULES = "spelling,repeated-word,glued-unit"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
    subprocess.run(lintkit + [args.site], stdout=subprocess.DEVNULL, cwd=HERE)  # builds the cache
    ok = compare(
        f"whole site with the prose rules vs without ({args.site})",
        lintkit + [args.site],
        lintkit + ["--ignore", PROSE_RULES, args.site],
        args.repeat,
        1.5,
    )
    ok &= compare(
        f"one file, as pre-commit runs it ({args.file})",
        lintkit + [os.path.join(args.site, args.file)],
        [py, "-c", "import mistune, yaml, click"],
        args.repeat * 2,
        2.5,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
