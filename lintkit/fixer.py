"""``lintkit check --fix`` and ``--diff``: apply the fixes findings carry.

The fixer runs the engine over the files, applies the fixes of the findings
per file with ``fix.apply`` (bottom-up, skipping a fix that overlaps another),
and checks again with the fixed bytes until no fix is left to apply, at most
``MAX_PASSES`` times: a fix that does not settle is a bug in its rule and is
reported, and its file is left as it was. Every pass works on bytes in memory
(the engine's ``overlay``); nothing is written until the passes are over, and
then each changed file once, atomically (``safeio.write_bytes``), and only if
it still holds the bytes that were read. A file that cannot be written is
reported and left intact; the other files are still written.

Nothing here prints: the CLI (and an editor) reads the ``Outcome``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import fix as fixmod
from . import safeio
from .findings import Finding

if TYPE_CHECKING:
    from .engine import Engine, Result

MAX_PASSES = 8


@dataclass
class FileFixes:
    path: str  # absolute file system path
    display: str  # the path shown to the user
    original: bytes  # the bytes read in the first pass
    fixed: bytes  # the bytes after the last pass
    applied: list[tuple[str, fixmod.Fix]] = field(default_factory=list)  # (rule id, fix)
    passes: list[tuple[bytes, tuple[fixmod.Fix, ...]]] = field(default_factory=list)
    # each pass: the bytes it started from and the fixes applied to them
    error: str | None = None  # why the file was not written (then it is unchanged)


@dataclass
class Outcome:
    result: Result  # the findings after fixing (what remains)
    files: dict[str, FileFixes]  # display path -> the fixes of one changed file
    deferred: list[tuple[str, str, str]] = field(default_factory=list)
    # (display path, rule id, fix title) of each fix skipped in a pass because it
    # overlapped another fix, and so retried after checking again
    errors: list[str] = field(default_factory=list)  # write failures, fixes that do not settle

    @property
    def fixed(self) -> int:
        """How many fixes were applied to the files that were (or would be) written."""
        return sum(len(f.applied) for f in self.files.values() if f.error is None)

    @property
    def changed(self) -> list[FileFixes]:
        return [f for _, f in sorted(self.files.items()) if f.error is None]

    def diff(self) -> bytes:
        """A unified diff of every change, ``a/PATH`` to ``b/PATH``, with the
        files' own bytes (line endings included)."""
        out: list[bytes] = []
        for f in self.changed:
            name = f.display.encode("utf-8", "surrogateescape")
            lines = difflib.diff_bytes(
                difflib.unified_diff,
                f.original.splitlines(keepends=True),
                f.fixed.splitlines(keepends=True),
                b"a/" + name,
                b"b/" + name,
            )
            for line in lines:
                out.append(line)
                if not line.endswith(b"\n"):
                    out.append(b"\n\\ No newline at end of file\n")
        return b"".join(out)


def fixable(finding: Finding, unsafe: bool) -> bool:
    fx = finding.fix
    return fx is not None and (fx.safety == fixmod.SAFE or unsafe)


def run(
    make_engine: Callable[[], Engine],
    paths: Iterable[str],
    *,
    unsafe: bool = False,
    write: bool = True,
    given: dict[str, bytes] | None = None,
) -> Outcome:
    """Fix the files under ``paths``; ``write=False`` only computes the changes
    (``--diff``). ``make_engine`` gives a fresh engine for each pass; ``given``
    holds bytes to fix in place of a file's (standard input)."""
    paths = list(paths)
    overlay: dict[str, bytes] = dict(given or {})
    files: dict[str, FileFixes] = {}
    seen: dict[str, set[bytes]] = {}  # versions of each file, to catch fixes that cycle
    frozen: set[str] = set()  # files whose fixes misbehaved: no more fixing
    outcome = Outcome(None, files)  # type: ignore[arg-type]
    result = None
    for n in range(MAX_PASSES + 1):
        engine = make_engine()
        engine.overlay = overlay
        engine.keep_documents = True
        result = engine.check(paths)
        todo: dict[str, list[Finding]] = {}
        for f in result.findings:
            if fixable(f, unsafe) and f.path not in frozen:
                todo.setdefault(f.path, []).append(f)
        if not todo:
            break
        if n == MAX_PASSES:
            for display in sorted(todo):
                done = files[display].applied if display in files else []
                rules = ", ".join(sorted({f.rule for f in todo[display]} | {r for r, _ in done}))
                outcome.errors.append(
                    f"{display}: the fixes of {rules} did not settle after {MAX_PASSES} "
                    "passes, so the file was left as it was (a bug in lintkit: please report it)"
                )
                _revert(display, files, overlay)
                frozen.add(display)
            break
        for display in sorted(todo):
            doc = result.documents.get(display)
            if doc is None or not doc.readable:
                continue
            found = todo[display]
            applied = fixmod.apply(doc.raw, [f.fix for f in found if f.fix is not None])
            rule_of = {id(f.fix): f.rule for f in found}
            versions = seen.setdefault(display, {doc.raw})
            if applied.data in versions:
                rules = ", ".join(sorted({f.rule for f in found}))
                what = "change nothing" if applied.data == doc.raw else "undo each other"
                outcome.errors.append(
                    f"{display}: the fixes of {rules} {what}, so the file was left as it "
                    "was (a bug in lintkit: please report it)"
                )
                frozen.add(display)
                _revert(display, files, overlay)
                continue
            versions.add(applied.data)
            entry = files.get(display)
            if entry is None:
                entry = files[display] = FileFixes(doc.path, display, doc.raw, doc.raw)
            entry.passes.append((doc.raw, tuple(applied.applied)))
            entry.fixed = overlay[doc.path] = applied.data
            entry.applied.extend((rule_of[id(fx)], fx) for fx in applied.applied)
            outcome.deferred.extend((display, rule_of[id(fx)], fx.title) for fx in applied.skipped)
            for fx in applied.invalid:
                outcome.errors.append(
                    f"{display}: the fix '{fx.title}' of {rule_of[id(fx)]} has edits outside "
                    "the file or crossing each other; not applied (a bug in lintkit: please "
                    "report it)"
                )
    assert result is not None
    if frozen:  # their findings were computed on bytes that are not kept
        result = _fresh(make_engine, overlay, paths)
    if write:
        failed = _write_all(files, outcome.errors)
        if failed:
            for display in failed:
                overlay.pop(files[display].path, None)
            result = _fresh(make_engine, overlay, paths)
    outcome.result = result
    return outcome


def _revert(display: str, files: dict[str, FileFixes], overlay: dict[str, bytes]) -> None:
    entry = files.pop(display, None)
    if entry is not None:
        overlay[entry.path] = entry.original


def _fresh(
    make_engine: Callable[[], Engine], overlay: dict[str, bytes], paths: list[str]
) -> Result:
    engine = make_engine()
    engine.overlay = overlay
    return engine.check(paths)


def _write_all(files: dict[str, FileFixes], errors: list[str]) -> list[str]:
    """Write every changed file that still holds the bytes it was read with;
    return the display paths of those that were not written."""
    failed = []
    for display, entry in sorted(files.items()):
        if entry.fixed == entry.original:
            continue
        problem = None
        try:
            with open(entry.path, "rb") as fh:
                current = fh.read()
        except OSError as exc:
            problem = f"cannot read it again before writing: {exc.strerror or exc}"
        else:
            if current != entry.original:
                problem = "it changed on disk while lintkit was fixing it; run lintkit again"
        if problem is None:
            try:
                safeio.write_bytes(entry.path, entry.fixed)
            except OSError as exc:
                problem = f"cannot write it: {exc.strerror or exc}"
        if problem is not None:
            entry.error = problem
            errors.append(f"{display}: not fixed, {problem}; the file is unchanged")
            failed.append(display)
    return failed


def summary(outcome: Outcome, unsafe: bool, write: bool) -> list[str]:
    """The lines that tell what was (or would be) fixed and what remains."""
    verb = "Fixed" if write else "Would fix"
    changed = outcome.changed
    n = outcome.fixed
    remaining = outcome.result.findings
    lines = [
        f"{verb} {n} finding{'s' if n != 1 else ''} in {len(changed)} "
        f"file{'s' if len(changed) != 1 else ''}; {len(remaining)} remain"
        + ("" if write else " after fixing")
    ]
    if outcome.deferred:
        k = len(outcome.deferred)
        lines.append(
            f"{k} fix{'es' if k != 1 else ''} overlapped another fix and "
            f"{'were' if k != 1 else 'was'} not applied in that pass (retried after checking again)"
        )
    if not unsafe:
        more = sum(1 for f in remaining if f.fix is not None and f.fix.safety == fixmod.UNSAFE)
        if more:
            lines.append(
                f"{more} more can be fixed with --unsafe-fixes (review those changes: "
                "they are guesses)"
            )
    return lines
