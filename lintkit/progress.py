"""A one-line progress bar for the external link check, on a terminal only
(the CLI makes one only when stdout and stderr are both terminals, so CI logs
and redirected output never see it)."""

from __future__ import annotations

import time
from typing import TextIO


class Bar:
    def __init__(self, stream: TextIO, width: int = 30, every: float = 0.1) -> None:
        self.stream = stream
        self.width = width
        self.every = every  # seconds between redraws
        self.last: float | None = None  # when it was last drawn
        self.shown = False

    def __call__(self, done: int, total: int, failed: int) -> None:
        now = time.monotonic()
        if done < total and self.last is not None and now - self.last < self.every:
            return
        self.last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} URLs, {failed} failed")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
