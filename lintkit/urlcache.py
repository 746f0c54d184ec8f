"""The external link check's cache: what each URL answered, and when.

One JSON file, ``external-links.json``, in a cache folder (default
``.lintkit-cache/`` at the site root; the folder gets a ``.gitignore`` of
``*`` when lintkit creates it, so git never sees it). Keyed by URL without
fragment; an entry is used while younger than the time to live of its kind
(``ok``, ``dead``, ``error``). Refusals by the guard depend on the
configuration and are never stored; nor is anything when the network was
unavailable.

The file may come from a CI cache restored from an earlier run of any branch,
so it is read as untrusted input: entries of the wrong shape are dropped, a
file that is not JSON is ignored (and replaced), and neither the folder nor
the file is used when it is a symbolic link.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Callable
from typing import Any

from . import safeio
from .httpcheck import Verdict

FILE = "external-links.json"
VERSION = 1
MAX_READ = 64 * 1024 * 1024
KINDS = ("ok", "dead", "error")


class Cache:
    def __init__(
        self,
        folder: str | None,
        ttl: dict[str, float],
        now: Callable[[], float] = time.time,
    ) -> None:
        self.folder = folder
        self.ttl = ttl  # kind -> seconds
        self.now = now
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        self.problem: str | None = None  # why the cache could not be used
        if folder is not None:
            self._read()

    @property
    def path(self) -> str | None:
        return os.path.join(self.folder, FILE) if self.folder else None

    def _read(self) -> None:
        path = self.path
        assert path is not None
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return
        except OSError as exc:
            self.problem = f"cannot read {path}: {exc.strerror}"
            return
        if not stat.S_ISREG(st.st_mode):
            self.problem = f"{path} is not a regular file (a link?); the cache is not used"
            self.folder = None
            return
        try:
            with open(path, "rb") as fh:
                data = json.loads(fh.read(MAX_READ).decode("utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return  # unreadable or not ours: start afresh
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return
        entries = data.get("entries")
        if not isinstance(entries, dict):
            return
        for url, entry in entries.items():
            if isinstance(url, str) and _valid(entry):
                self.entries[url] = entry

    def get(self, url: str, want_ids: bool) -> Verdict | None:
        """The stored verdict for ``url`` while it is fresh (and holds the
        page's ids when they are wanted), else None."""
        entry = self.entries.get(url)
        if entry is None:
            return None
        age = self.now() - float(entry["time"])
        if age < 0 or age >= self.ttl.get(entry["kind"], 0):
            return None
        ids = entry.get("ids")
        if want_ids and entry["kind"] == "ok" and ids is None and entry.get("html", True):
            return None
        return Verdict(
            entry["kind"],
            entry.get("message", ""),
            entry.get("status"),
            entry.get("moved_to"),
            frozenset(ids) if ids is not None else None,
            bool(entry.get("complete", True)),
            cached=True,
        )

    def put(self, url: str, verdict: Verdict, asked_ids: bool) -> None:
        if verdict.kind not in KINDS or self.folder is None:
            return
        entry: dict[str, Any] = {
            "kind": verdict.kind,
            "message": verdict.message,
            "status": verdict.status,
            "time": self.now(),
        }
        if verdict.moved_to:
            entry["moved_to"] = verdict.moved_to
        if verdict.ids is not None:
            entry["ids"] = sorted(verdict.ids)
            entry["complete"] = verdict.complete
        elif asked_ids and verdict.kind == "ok":
            entry["html"] = False  # asked for ids, and the page was not HTML
        self.entries[url] = entry
        self.changed = True

    def save(self) -> str | None:
        """Write the cache when it changed; a warning when that failed."""
        if not self.changed or self.folder is None:
            return None
        folder = self.folder
        try:
            made = _make_folder(folder)
            if made:
                safeio.write_text(os.path.join(folder, ".gitignore"), "# made by lintkit\n*\n")
            text = json.dumps(
                {"version": VERSION, "entries": dict(sorted(self.entries.items()))},
                ensure_ascii=False,
                indent=0,
                sort_keys=True,
            )
            safeio.write_text(os.path.join(folder, FILE), text + "\n")
        except OSError as exc:
            return f"the link cache was not saved: {exc.strerror or exc}"
        self.changed = False
        return None


def _valid(entry: Any) -> bool:
    if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
        return False
    if not isinstance(entry.get("time"), (int, float)) or isinstance(entry.get("time"), bool):
        return False
    if not isinstance(entry.get("message", ""), str):
        return False
    status = entry.get("status")
    if status is not None and (not isinstance(status, int) or isinstance(status, bool)):
        return False
    moved = entry.get("moved_to")
    if moved is not None and not isinstance(moved, str):
        return False
    ids = entry.get("ids")
    return ids is None or (isinstance(ids, list) and all(isinstance(i, str) for i in ids))


def _make_folder(folder: str) -> bool:
    """Create ``folder`` (True) or check it is a real folder (False)."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        os.makedirs(folder)
        return True
    if not stat.S_ISDIR(st.st_mode):
        raise OSError(0, f"{folder} is not a folder (a link?); lintkit never writes through one")
    return False
