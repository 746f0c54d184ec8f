"""Safe file input and output: the one place lintkit writes a file.

A leaf module: imports nothing from lintkit.

Every file lintkit writes (a report with ``--output``, a baseline, a review,
a fixed page) goes through ``write_text`` / ``write_bytes``:

- the new content goes to a temporary file created in the target's own folder
  with ``O_CREAT | O_EXCL`` (and ``O_NOFOLLOW`` where the system has it), so
  no existing file, and no symbolic link planted in its place, is ever opened
  for writing;
- the temporary file is flushed to disk and renamed over the target with
  ``os.replace``, so a reader sees the old file or the new one, never half of
  one, and an interrupted run leaves the old file intact;
- a target that is a symbolic link is refused (a pull request can commit
  ``report.sarif -> ~/.bashrc``): lintkit never writes through a link, and
  does not silently replace one the user made either;
- an existing target keeps its permission bits.

Every file of a site lintkit reads goes through ``read_in_site``: it reads
only a regular file whose real path is inside the site root. A symbolic link
that leaves the site (``notes.md -> ../../secret.txt``) is refused, as
Jekyll's safe mode (GitHub Pages) ignores it; a named pipe, device or socket
is refused instead of blocking the run. ``scan_folder`` lists a folder the
same way for the site walk.

Errors are ``OSError`` with ``strerror`` phrased for the user; callers turn
them into their own one-line error or finding.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from typing import BinaryIO

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_TEMP_SUFFIX = ".lintkit-tmp"
_ATTEMPTS = 20


class UnsafePath(OSError):
    """A path lintkit refuses to write to or read from (a link, a device, ...)."""


OUTSIDE = (
    "it is a symbolic link to a file outside the site; Jekyll's safe mode (GitHub Pages) "
    "ignores it and lintkit does not read it: remove the link or copy the file into the site"
)
NOT_REGULAR = (
    "it is not a regular file (a named pipe, device or socket); Jekyll cannot build it "
    "and lintkit does not read it: remove it or add it to exclude"
)


def inside(path: str, root: str) -> bool:
    """Is the real path of ``path`` (links resolved) ``root`` or below it?"""
    if os.path.islink(path):
        real = os.path.realpath(path)
    else:  # one realpath per folder, not per file
        folder, name = os.path.split(os.path.abspath(path))
        real = os.path.join(_real(folder), name)
    top = _real(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def nearest_up(path: str, name: str, *, file: bool = False) -> str | None:
    """The nearest folder at or above ``path`` (a folder, or a file's folder)
    that holds an entry ``name`` (a regular file, with ``file``), or None."""
    cur = os.path.abspath(path)
    if not os.path.isdir(cur):
        cur = os.path.dirname(cur)
    while True:
        entry = os.path.join(cur, name)
        if os.path.isfile(entry) if file else os.path.lexists(entry):
            return cur
        parent = os.path.dirname(cur)
        if parent == cur:
            return None
        cur = parent


@functools.lru_cache(maxsize=4096)
def _real(folder: str) -> str:
    return os.path.realpath(folder)


def open_in_site(path: str, root: str) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file whose
    real path is inside ``root``; else ``UnsafePath`` (or another OSError)."""
    if not inside(path, root):
        raise UnsafePath(errno.EXDEV, OUTSIDE, path)
    # O_NONBLOCK: opening a named pipe must not wait for a writer.
    flags = os.O_RDONLY | _BINARY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePath(errno.EINVAL, NOT_REGULAR, path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_in_site(path: str, root: str, limit: int = -1) -> bytes:
    """The bytes of ``path`` (at most ``limit`` when given), which must be a
    regular file whose real path is inside ``root``; else ``UnsafePath``."""
    with open_in_site(path, root) as fh:
        return fh.read(limit)


def forget() -> None:
    """Drop the cached real paths of folders (a new run may see new links)."""
    _real.cache_clear()


def write_text(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8), atomically, never through a link."""
    write_bytes(path, text.encode("utf-8", "backslashreplace"))


def write_bytes(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data``, atomically, never through a link."""
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    mode: int | None = None
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        pass
    else:
        if stat.S_ISLNK(st.st_mode):
            raise UnsafePath(
                errno.ELOOP,
                "it is a symbolic link; lintkit never writes through one "
                "(remove the link or choose another file)",
                path,
            )
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePath(errno.EINVAL, "it is not a regular file", path)
        mode = stat.S_IMODE(st.st_mode)
    fd, tmp = _create_temp(folder, os.path.basename(target))
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _create_temp(folder: str, name: str) -> tuple[int, str]:
    """A new, empty file beside the target, opened for writing. ``O_EXCL``
    fails rather than open anything that is already there, link or not."""
    import secrets  # (hashlib, random: only runs that write pay for them)

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    for _ in range(_ATTEMPTS):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "cannot create a temporary file beside it", folder)


def append_text(path: str, text: str) -> None:
    """Append ``text`` to ``path`` (created if missing), never through a link:
    for files the CI runner hands over, such as ``$GITHUB_STEP_SUMMARY``."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _BINARY
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafePath(
                errno.ELOOP, "it is a symbolic link; lintkit never writes through one", path
            ) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePath(errno.EINVAL, "it is not a regular file", path)
        view = memoryview(text.encode("utf-8", "backslashreplace"))
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
