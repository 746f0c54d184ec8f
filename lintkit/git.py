"""The one git client: every question lintkit asks git goes through here.

Used by ``check --since`` (``lintkit.gitchanges``) and by ``review`` (revision,
changed files, old contents, dates of drafts). Read-only, and hardened:

- git's output is read as data, so its language and quoting are fixed
  (``LC_ALL=C``, ``core.quotePath=false``), no pager, no external diff or text
  conversion driver, pathspecs taken literally, no optional locks (a
  concurrent ``git commit`` is never blocked);
- the repository is the one holding the folder asked about: variables that
  point git elsewhere (``GIT_DIR``, ``GIT_WORK_TREE``, ``GIT_INDEX_FILE``, as
  set inside a git hook, and their kin) are removed from git's environment;
- a clone without full history (``git clone --depth``, CI checkouts) is
  detected, and every command that uses dates or revisions says so
  (``SHALLOW_NOTE``) instead of giving wrong dates silently.

Dates of drafts follow renames: a notice added to ``a.md`` before it became
``b.md`` is dated by the commit that added it, not by the rename.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import UsageError

TIMEOUT = 60  # seconds for one git command
SHALLOW_NOTE = (
    "this clone is shallow (history is missing), so dates and revisions before its "
    "first commit are unknown: fetch full history (e.g. actions/checkout with fetch-depth: 0)"
)

# Variables that make git use another repository, work tree, index or object
# store than the one holding the folder we ask about (set by git for hooks,
# by IDEs, by scripts), or that change what its output looks like.
_ISOLATE = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "GIT_EXTERNAL_DIFF",
    "GIT_DIFF_OPTS",
    "GIT_PAGER",
    "GIT_ICASE_PATHSPECS",
    "GIT_GLOB_PATHSPECS",
    "GIT_NOGLOB_PATHSPECS",
)


class GitError(UsageError):
    """git cannot answer: not installed, not a repository, unknown revision."""


def environment() -> dict[str, str]:
    """The environment git runs in (see the module's docstring)."""
    env = {k: v for k, v in os.environ.items() if k not in _ISOLATE}
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_PAGER="cat",
        GIT_OPTIONAL_LOCKS="0",
        GIT_LITERAL_PATHSPECS="1",
        GIT_TERMINAL_PROMPT="0",
    )
    return env


def run(
    args: Sequence[str], cwd: str, stdin: bytes | None = None, index: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` in ``cwd``; raises ``GitError`` when git cannot be run at all.
    ``index``: the index file to read (``commit_index()``), instead of the default."""
    env = environment()
    if index:
        env["GIT_INDEX_FILE"] = index
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {TIMEOUT} s") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc}") from None


def commit_index() -> str | None:
    """The index of the commit being made, when lintkit runs inside a git hook
    (``git commit -a`` and ``git commit PATH`` commit a temporary index, which
    git names in ``GIT_INDEX_FILE``); None: the repository's own index."""
    index = os.environ.get("GIT_INDEX_FILE")
    return os.path.abspath(index) if index else None


def first_line(data: bytes) -> str:
    """The first line of git's stderr, for a message."""
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else ""


@dataclass
class Changes:
    """What changed between ``revision`` and the working tree of ``toplevel``:
    what ``git diff REV`` shows, plus untracked files that are not ignored.

    Paths are absolute and resolved (``os.path.realpath``)."""

    toplevel: str
    revision: str  # the full commit id the revision resolved to
    changed: set[str] = field(default_factory=set)  # added, modified, renamed-to, untracked
    removed: set[str] = field(default_factory=set)  # deleted, renamed-from
    renamed: dict[str, str] = field(default_factory=dict)  # old path -> new path

    def old_bytes(self, path: str) -> bytes:
        """The content a file had at the revision (b"" if git cannot say)."""
        rel = os.path.relpath(path, self.toplevel).replace(os.sep, "/")
        proc = run(["cat-file", "blob", f"{self.revision}:{rel}"], self.toplevel)
        return proc.stdout if proc.returncode == 0 else b""


class Git:
    """The git work tree holding ``folder`` (``ok`` False when there is none,
    or git is missing: then every question has no answer)."""

    def __init__(self, folder: str):
        self.folder = folder
        self.ok = False
        self.toplevel = ""
        self.prefix = ""  # ``folder`` inside the repository ("" or "a/b/")
        self.shallow = False
        self.error = ""  # why ``ok`` is False (git's first line of complaint)
        try:
            proc = run(["rev-parse", "--show-toplevel", "--show-prefix"], folder)
        except GitError:
            self.error = "git is not installed (or not on PATH)"
            return
        if proc.returncode != 0:
            self.error = first_line(proc.stderr)
            return
        lines = os.fsdecode(proc.stdout).split("\n")
        self.ok = True
        self.toplevel = os.path.realpath(lines[0])
        self.prefix = lines[1] if len(lines) > 1 else ""
        self.shallow = self._out(["rev-parse", "--is-shallow-repository"]) == "true"

    # ------------------------------------------------------------ plumbing
    def _out(self, args: Sequence[str], stdin: bytes | None = None) -> str | None:
        """git's output as text (None when git fails)."""
        out = self._raw(args, stdin)
        return None if out is None else out.decode("utf-8", "replace").rstrip("\n")

    def _raw(
        self, args: Sequence[str], stdin: bytes | None = None, cwd: str | None = None
    ) -> bytes | None:
        try:
            proc = run(args, cwd or self.folder, stdin)
        except GitError:
            return None
        return proc.stdout if proc.returncode == 0 else None

    # ----------------------------------------------------------- revisions
    def commit(self, ref: str) -> str | None:
        """The full commit id ``ref`` names, or None (unknown, or not a revision)."""
        if not ref.strip() or ref.startswith("-"):
            return None
        return self._out(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"]) or None

    def remote_url(self, name: str = "origin") -> str | None:
        """The URL of the remote ``name`` (None: no such remote)."""
        return self._out(["config", "--get", f"remote.{name}.url"]) or None

    def head(self) -> tuple[str | None, str | None, str | None]:
        """(abbreviated revision, its author date, branch) of HEAD."""
        out = self._out(["log", "-1", "--format=%h%n%as%n%D", "HEAD", "--"])
        if not out:
            return None, None, None
        parts = out.split("\n") + ["", ""]
        m = re.search(r"HEAD -> ([^,\s]+)", parts[2])
        return parts[0] or None, parts[1] or None, m.group(1) if m else None

    # ------------------------------------------------------------- changes
    def changes(self, ref: str, what: str = "--since") -> Changes:
        """The changes between ``ref`` and the work tree (renames paired).
        Raises ``GitError`` when git cannot say."""
        revision = self.commit(ref)
        if revision is None:
            if not ref.strip() or ref.startswith("-"):
                raise GitError(
                    f"{what}: '{ref}' is not a git revision; give a branch, tag or commit"
                )
            hint = "give a branch, tag or commit that exists in this clone"
            if self.shallow:
                hint += (
                    "; this clone is shallow, so older commits are missing: fetch more "
                    "history (e.g. actions/checkout with fetch-depth: 0)"
                )
            raise GitError(f"{what}: unknown git revision '{ref}'; {hint}")
        changes = Changes(self.toplevel, revision)
        diff = self._raw(
            [
                "diff",
                "--name-status",
                "-z",
                "--find-renames",
                "--no-ext-diff",
                "--no-textconv",
                "--ignore-submodules",
                revision,
                "--",
            ]
        )
        if diff is None:
            raise GitError(f"{what}: git diff {ref} failed")
        fields = diff.split(b"\0")
        i = 0
        while i < len(fields) and fields[i]:
            status = fields[i][:1]
            if status in (b"R", b"C"):
                old, new = self._abs(fields[i + 1]), self._abs(fields[i + 2])
                if status == b"R":
                    changes.removed.add(old)
                    changes.renamed[old] = new
                changes.changed.add(new)
                i += 3
                continue
            path = self._abs(fields[i + 1])
            (changes.removed if status == b"D" else changes.changed).add(path)
            i += 2
        untracked = self._raw(
            ["ls-files", "-z", "--others", "--exclude-standard"], cwd=self.toplevel
        )
        if untracked is None:
            raise GitError(f"{what}: git cannot list the untracked files")
        changes.changed.update(self._abs(p) for p in untracked.split(b"\0") if p)
        return changes

    def _abs(self, raw: bytes) -> str:
        """A path git printed relative to the top of the work tree, made absolute."""
        return os.path.join(self.toplevel, *os.fsdecode(raw).split("/"))

    def old_contents(self, revision: str, paths: Sequence[str]) -> dict[str, bytes]:
        """The contents at ``revision`` of those of ``paths`` (relative to the
        folder) that existed there: one ``git cat-file --batch``."""
        if not paths:
            return {}
        request = "".join(f"{revision}:{self.prefix}{p}\n" for p in paths).encode("utf-8")
        out = self._raw(["cat-file", "--batch"], stdin=request)
        if out is None:
            return {}
        found: dict[str, bytes] = {}
        pos = 0
        for path in paths:
            end = out.find(b"\n", pos)
            if end < 0:
                break
            header = out[pos:end].split()
            pos = end + 1
            if len(header) == 3 and header[1] in (b"blob", b"commit", b"tree", b"tag"):
                size = int(header[2])
                if header[1] == b"blob":
                    found[path] = out[pos : pos + size]
                pos += size + 1
        return found

    # --------------------------------------------------------------- dates
    def notice_added(self, text: str, paths: Sequence[str]) -> dict[str, str]:
        """For each of ``paths`` (relative to the folder), the date of the
        newest commit that changed how often ``text`` occurs in it, following
        renames: the commit that (last) added the notice, since the notice is
        there now. One ``git log --follow`` per path (git follows one path at
        a time)."""
        dates: dict[str, str] = {}
        for path in paths:
            out = self._out(
                ["log", "--follow", "-M", f"-S{text}", "--format=%as", "-1", "--", path]
            )
            if out:
                dates[path] = out.split("\n")[0].strip()
        return dates

    def last_changed(self, paths: Sequence[str]) -> dict[str, str]:
        """For each of ``paths``, the date of the newest commit that touched it
        (a rename touches the new path, so this needs no following)."""
        out = self._out(
            ["log", "--format=%x01%as", "--name-only", "--relative", "--no-renames", "--", *paths]
        )
        return _first_dates(out)


def _first_dates(out: str | None) -> dict[str, str]:
    """``--format=%x01%as --name-only`` output (newest first) -> path: newest date."""
    dates: dict[str, str] = {}
    if not out:
        return dates
    date = None
    for line in out.split("\n"):
        if line.startswith("\x01"):
            date = line[1:].strip()
        elif line.strip() and date:
            dates.setdefault(line.strip(), date)
    return dates
