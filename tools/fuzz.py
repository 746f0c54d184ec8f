#!/usr/bin/env python3
"""Fuzz lintkit with hostile tiny sites, in this process.

    python3 tools/fuzz.py --inputs 100000 [--seed 1] [--jobs 2] [--timeout 10] [--crashes DIR]

Each input is a site of a few files built from ``tools/fuzzlib.py`` (odd YAML,
alias bombs, Liquid and HTML ids, control characters, workflow commands, file
names that are not UTF-8, links out of the site, named pipes, random byte
edits). lintkit checks it in the text, JSON, GitHub and JUnit formats (every
``--full-every``-th input in SARIF and GitLab too) and ``fuzzlib.run_checks``
verifies the invariants: no exception, no internal-error finding, no run
error, valid UTF-8 / JSON / XML, no control character and no line GitHub
would run as a workflow command, no text of the file outside the site.

An input that breaks an invariant is a crash; one that takes longer than
``--timeout`` seconds is a hang. The first input of each new kind of
failure (exception type and place, or invariant) is shrunk (files dropped,
then lines, then characters, while the same failure remains) and kept as a
site folder under ``--crashes`` (default ``fuzz-crashes``) with a
``FAILURE.txt`` saying what went wrong. Progress goes to stderr; the last
lines on stdout are ``inputs N crashes C hangs H`` and the time taken.
Inputs are reproducible: input I of seed S is always the same site, whatever
``--jobs`` (worker processes share the inputs out).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import fuzzlib

SECRET = "FUZZ-SECRET-OUTSIDE-THE-SITE"


class Hang(BaseException):
    """Not an Exception: lintkit's per-document guard must not catch it."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


CHEAP = ("text", "json", "github", "junit")  # SARIF and GitLab carry every rule's docs: slower


def failure(root: str, files: dict, timeout: float, full: bool = True) -> str | None:
    """The signature of how ``files`` fail (None: every invariant held);
    ``full``: in every report format, else in the cheap ones."""
    fuzzlib.write_site(root, files, outside=os.path.join(os.path.dirname(root), "outside.md"))
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        formats = fuzzlib.FORMATS if full else CHEAP
        problems = fuzzlib.run_checks(root, secret=SECRET, formats=formats)
    except Hang:
        return "hang"
    except Exception as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "lintkit" in f.filename]
        where = f"{os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else "?"
        return f"exception {type(exc).__name__} at {where}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if problems:
        first = problems[0]
        return "invariant " + first.split(":")[0] + ": " + first.split(":", 1)[-1][:60]
    return None


def shrink(root: str, files: dict, sig: str, timeout: float, budget: int = 300) -> dict:
    """A smaller site that fails the same way: drop files, then chunks of
    lines, then chunks of bytes (at most ``budget`` reruns)."""
    runs = 0

    def same(candidate: dict) -> bool:
        nonlocal runs
        runs += 1
        return failure(root, candidate, timeout) == sig

    for name in [n for n in files if n != "_config.yml"]:
        if runs >= budget:
            break
        trial = {k: v for k, v in files.items() if k != name}
        if same(trial):
            files = trial
    for name in list(files):
        for unit in (b"\n", None):
            content = files[name]
            if not isinstance(content, bytes):
                continue
            parts = content.split(b"\n") if unit else [bytes([b]) for b in content]
            joiner = b"\n" if unit else b""
            size = max(len(parts) // 2, 1)
            while size >= 1 and runs < budget:
                i, changed = 0, False
                while i < len(parts) and runs < budget:
                    trial_parts = parts[:i] + parts[i + size :]
                    trial = dict(files)
                    trial[name] = joiner.join(trial_parts)
                    if same(trial):
                        parts, files, changed = trial_parts, trial, True
                    else:
                        i += size
                if not changed:
                    size //= 2
    failure(root, files, timeout)
    return files


def keep(crashes: str, files: dict, sig: str, seed: int, index: int) -> str:
    key = hashlib.sha256(sig.encode()).hexdigest()[:12]
    folder = os.path.join(crashes, key)
    fuzzlib.write_site(folder, files, outside="../outside.md")
    with open(os.path.join(folder, "FAILURE.txt"), "w", encoding="utf-8") as fh:
        fh.write(f"{sig}\nseed {seed} input {index}\n")
    return folder


def _cache_configs() -> None:
    """Load each distinct configuration once: fuzzlib's configurations are
    fixed texts, and reading a preset costs more than checking a tiny site."""
    from lintkit import config as configmod

    real = configmod.load
    cache: dict[Any, Any] = {}

    def load(path: str | None, rules: dict) -> Any:
        if path is None:
            if None not in cache:
                cache[None] = real(path, rules)
            return cache[None]
        try:
            with open(path, "rb") as fh:  # type: ignore[arg-type]
                key: tuple = (os.path.basename(path), fh.read())  # type: ignore[arg-type]
        except (OSError, TypeError):
            return real(path, rules)
        if key not in cache:
            cache[key] = real(path, rules)  # a ConfigError is raised, not cached
        return cache[key]

    configmod.load = load  # type: ignore[assignment]


def run(args: argparse.Namespace, worker: int) -> tuple[int, int, set[str]]:
    """Inputs ``worker``, ``worker + jobs``, ...: (crashes, hangs, failure kinds)."""
    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    crashes = hangs = done = 0
    seen: set[str] = set()
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="lintkit-fuzz-", dir=shm) as tmp:
        with open(os.path.join(tmp, "outside.md"), "w", encoding="utf-8") as fh:
            fh.write(SECRET + "\n[x](nope.md)\n")
        root = os.path.join(tmp, "site")
        old = os.getcwd()
        os.chdir(tmp)
        try:
            # Warm up without a time limit: word lists and presets load once per
            # process (seconds on a busy machine), which is not a hang of an input.
            warm = {"_config.yml": b"title: T\n", "index.md": b"---\ntitle: T\n---\nSome words.\n"}
            for extra in (None, *fuzzlib.LINTKIT_CONFIGS[1:3]):
                if extra:
                    warm[".lintkit.yml"] = extra.encode()
                fuzzlib.write_site(root, warm)
                fuzzlib.run_checks(root)
            for index in range(worker, args.inputs, args.jobs):
                rng = random.Random(f"{args.seed}:{index}")
                files = fuzzlib.random_site(rng)
                sig = failure(root, files, args.timeout, full=index % args.full_every == 0)
                done += 1
                if sig is not None:
                    if sig == "hang":
                        hangs += 1
                    else:
                        crashes += 1
                    if sig not in seen:
                        seen.add(sig)
                        small = shrink(root, files, sig, args.timeout)
                        os.chdir(old)
                        try:
                            where = keep(
                                os.path.abspath(args.crashes), small, sig, args.seed, index
                            )
                        finally:
                            os.chdir(tmp)
                        print(f"new failure at input {index}: {sig} -> {where}", file=sys.stderr)
                if args.progress and done % args.progress == 0:
                    elapsed = time.perf_counter() - started
                    print(
                        f"... worker {worker}: {done} inputs, {crashes} crashes, {hangs} hangs, "
                        f"{elapsed:.0f}s",
                        file=sys.stderr,
                        flush=True,
                    )
        finally:
            os.chdir(old)
    return crashes, hangs, seen


def _run_worker(job: tuple[argparse.Namespace, int]) -> tuple[int, int, set[str]]:
    return run(*job)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds: longer is a hang")
    parser.add_argument("--crashes", default="fuzz-crashes", help="folder for reproducers")
    parser.add_argument("--progress", type=int, default=1000, help="report every N inputs")
    parser.add_argument(
        "--full-every", type=int, default=20, help="every Nth input in all formats (1: each)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (fork)")
    args = parser.parse_args(argv)
    _cache_configs()
    started = time.perf_counter()
    if args.jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            parts = pool.map(_run_worker, [(args, w) for w in range(args.jobs)])
    else:
        parts = [run(args, 0)]
    crashes = sum(p[0] for p in parts)
    hangs = sum(p[1] for p in parts)
    seen = set().union(*(p[2] for p in parts))
    print(f"inputs {args.inputs} crashes {crashes} hangs {hangs}")
    print(f"time {time.perf_counter() - started:.1f}s ({len(seen)} distinct failures)")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
