"""Helpers for tests that build small Jekyll sites in a temporary folder."""

from __future__ import annotations

import os
import textwrap

from lintkit.engine import Engine

CONFIG = """\
collections:
  learning_hours:
    output: true
  kata_descriptions:
    output: true
  activities:
    output: true
"""


def make_site(root, files: dict[str, str], config: str = CONFIG) -> str:
    """Write ``files`` (path -> text, dedented) under ``root`` with a
    ``_config.yml``; return the root as a string."""
    root = str(root)
    files = {"_config.yml": config, **files}
    for rel, text in files.items():
        path = os.path.join(root, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(textwrap.dedent(text))
    return root


def run(root, paths: list[str] | None = None, config: str | None = None, **kwargs):
    """Findings of checking ``paths`` (default: the whole site) as
    ``(path relative to root, line, column, severity, rule, message)``."""
    root = str(root)
    old = os.getcwd()
    os.chdir(root)
    try:
        result = Engine(config_path=config, **kwargs).check(paths or ["."])
    finally:
        os.chdir(old)
    return [(f.path, f.line, f.column, f.severity, f.rule, f.message) for f in result.findings]


def lines(findings, rule: str | None = None):
    """``path:line:col: severity [rule] message`` lines, as the text reporter
    prints them without sources."""
    return [f"{p}:{ln}:{c}: {s} [{r}] {m}" for p, ln, c, s, r, m in findings if rule in (None, r)]
