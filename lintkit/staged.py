"""``lintkit check --staged``: judge the commit being made, not the working tree.

The staged content of the repository (git's index: what ``git commit`` is about
to record) is written to a temporary folder, and lintkit checks that copy: the
pages as staged, and their links against the files the commit will have. A page
linking to a new page that is not staged (untracked, or only in the working
tree) is a broken link, as it will be in the commit; an edit that is not
staged is not judged. Findings are shown with the paths of the working tree.

Inside a git hook the index is the one git names in ``GIT_INDEX_FILE`` (``git
commit -a`` and ``git commit PATH`` commit a temporary index); otherwise it is
the repository's own index. Git problems are one ``lintkit: error:`` line.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass

from . import git
from .errors import UsageError


@dataclass
class Snapshot:
    """The staged tree of the repository ``toplevel``, written under ``root``."""

    toplevel: str  # the work tree (real, resolved)
    root: str  # the temporary copy of the index
    staged: frozenset[str]  # files the commit adds or changes (paths relative to toplevel)
    untracked: frozenset[str] = frozenset()  # files of the work tree git does not track

    def untracked_in(self, copy_root: str) -> frozenset[str]:
        """The untracked files below the site whose copy is at ``copy_root``,
        as POSIX paths relative to it (what the site would have, were they added)."""
        rel_root = os.path.relpath(copy_root, self.root)
        prefix = "" if rel_root == os.curdir else rel_root + os.sep
        return frozenset(
            p[len(prefix) :].replace(os.sep, "/") for p in self.untracked if p.startswith(prefix)
        )

    def to_copy(self, path: str) -> str:
        """The copy's path for a path of the work tree."""
        real = os.path.realpath(path)
        rel = os.path.relpath(real, self.toplevel)
        if rel == os.curdir:
            return self.root
        if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
            raise UsageError(f"--staged: '{path}' is outside the git repository {self.toplevel}")
        return os.path.join(self.root, rel)

    def to_work_tree(self, text: str) -> str:
        """``text`` (a path or a message) with the copy's paths turned back into
        the work tree's."""
        return text.replace(self.root, self.toplevel)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def snapshot(folder: str) -> Snapshot:
    """Write the staged tree of the repository holding ``folder`` to a
    temporary folder (remove it with ``close()``)."""
    proc = git.run(["rev-parse", "--show-toplevel"], folder)
    if proc.returncode != 0:
        why = git.first_line(proc.stderr)
        raise UsageError(
            f"--staged needs a git repository, and '{folder}' is not in one"
            + (f" (git: {why})" if why else "")
        )
    toplevel = os.path.realpath(os.fsdecode(proc.stdout.rstrip(b"\r\n")))
    index = git.commit_index()
    root = os.path.realpath(tempfile.mkdtemp(prefix="lintkit-staged-"))
    try:
        proc = git.run(
            ["checkout-index", "--all", "--force", f"--prefix={root}{os.sep}"],
            toplevel,
            index=index,
        )
        if proc.returncode != 0:
            raise UsageError(
                f"--staged: git cannot write the staged files: {git.first_line(proc.stderr)}"
            )
        proc = git.run(
            ["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT"],
            toplevel,
            index=index,
        )
        names = os.fsdecode(proc.stdout).split("\0") if proc.returncode == 0 else []
        proc = git.run(["ls-files", "-z", "--others", "--exclude-standard"], toplevel, index=index)
        others = os.fsdecode(proc.stdout).split("\0") if proc.returncode == 0 else []
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    staged = frozenset(n.replace("/", os.sep) for n in names if n)
    untracked = frozenset(n.replace("/", os.sep) for n in others if n)
    return Snapshot(toplevel, root, staged, untracked)
