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

Errors are ``OSError`` with ``strerror`` phrased for the user; callers turn
them into their own one-line error.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_TEMP_SUFFIX = ".lintkit-tmp"
_ATTEMPTS = 20


class UnsafePath(OSError):
    """A path lintkit refuses to write to or read from (a link, a device, ...)."""


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
