"""The errors that end a run with exit code 2 and one ``lintkit: error: ...`` line.

``UsageError`` is raised wherever the run itself cannot go on (a path that does
not exist, an unknown rule id, a git revision git does not know); the CLI turns
it into that line. It lives here, below every module that raises it, so that
raising it imports nothing else. ``ConfigError`` (a broken configuration, with
its file, line and key) lives in ``lintkit.config`` and is reported the same way.
"""

from __future__ import annotations


class UsageError(Exception):
    """A problem with the run itself (bad path, bad rule id): exit code 2."""
