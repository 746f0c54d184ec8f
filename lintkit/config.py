"""Configuration: find it, read it, validate it against the rules.

``.lintkit.yml`` at the site root, else ``[tool.lintkit]`` in the site root's
``pyproject.toml``, else the built-in defaults; ``--config FILE`` names one
explicitly. Every error names the file, the line and the key, and the CLI turns
it into one line on stderr and exit code 2.

```yaml
exclude: ["drafts/old/**"]          # globs (relative to the site root) never checked
rules:
  list-numbering: warning           # a severity: error, warning, info
  front-matter: off                 # or off / false to disable
  draft-notice:                     # or a mapping
    severity: error
    paths: ["society/*_milestones.md"]
```
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import yaml

from .findings import SEVERITIES
from .globs import valid as valid_glob

CONFIG_NAMES = (".lintkit.yml", ".lintkit.yaml")
TOP_KEYS = ("rules", "exclude")


class ConfigError(Exception):
    def __init__(self, path: str, line: int, key: str, message: str):
        self.path, self.line, self.key, self.message = path, line, key, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


@dataclass
class RuleConfig:
    enabled: bool
    severity: str
    options: Dict[str, Any]


@dataclass
class Config:
    path: Optional[str]
    rules: Dict[str, RuleConfig]
    exclude: List[str] = field(default_factory=list)


def find(root: str) -> Optional[str]:
    for name in CONFIG_NAMES:
        candidate = os.path.join(root, name)
        if os.path.isfile(candidate):
            return candidate
    pyproject = os.path.join(root, "pyproject.toml")
    if os.path.isfile(pyproject):
        try:
            with open(pyproject, "rb") as fh:
                if b"[tool.lintkit" in fh.read():
                    return pyproject
        except OSError:
            return None
    return None


def load(path: Optional[str], rules: Dict[str, Any]) -> Config:
    """The effective configuration: defaults of every rule, then ``path``."""
    raw: Dict[str, Any] = {}
    lines: Dict[tuple, int] = {}
    shown = path or "<defaults>"
    if path:
        shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
        if path.endswith(".toml"):
            raw = _read_toml(path, shown)
        else:
            raw, lines = _read_yaml(path, shown)
    return build(raw, rules, shown, lines)


def build(raw: Any, rules: Dict[str, Any], shown: str, lines: Optional[Dict[tuple, int]] = None) -> Config:
    lines = lines or {}

    def fail(keypath: tuple, message: str):
        line = lines.get(keypath, lines.get(keypath[:-1], lines.get(keypath[:1], 0)))
        raise ConfigError(shown, line, ".".join(str(k) for k in keypath), message)

    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(shown, 1, "", "the configuration must be a mapping (key: value)")
    for key in raw:
        if key not in TOP_KEYS:
            fail((key,), f"unknown setting; expected one of: {', '.join(TOP_KEYS)}")
    exclude = raw.get("exclude") or []
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        fail(("exclude",), "expected a list of path globs")
    for i, glob in enumerate(exclude):
        if not valid_glob(glob):
            fail(("exclude", i), f"'{glob}' is not a valid glob")
    effective = {rid: RuleConfig(True, r.severity, r.defaults()) for rid, r in rules.items()}
    section = raw.get("rules") or {}
    if not isinstance(section, dict):
        fail(("rules",), "expected a mapping of rule ids to settings")
    for rid, value in section.items():
        if rid not in rules:
            close = _close(str(rid), rules)
            fail(("rules", rid), f"unknown rule{close}; 'lintkit rules' lists them")
        rc = effective[rid]
        rule = rules[rid]
        if value is False or value == "off":
            rc.enabled = False
            continue
        if value is True or value == "on":
            continue
        if isinstance(value, str):
            if value not in SEVERITIES:
                fail(("rules", rid), f"expected off, or a severity ({', '.join(SEVERITIES)}), got '{value}'")
            rc.severity = value
            continue
        if not isinstance(value, dict):
            fail(("rules", rid), "expected off, a severity, or a mapping of settings")
        for key, opt_value in value.items():
            kp = ("rules", rid, key)
            if key == "enabled":
                if not isinstance(opt_value, bool):
                    fail(kp, f"expected true or false, got {opt_value!r}")
                rc.enabled = opt_value
            elif key == "severity":
                if opt_value not in SEVERITIES:
                    fail(kp, f"expected one of {', '.join(SEVERITIES)}, got {opt_value!r}")
                rc.severity = opt_value
            elif key in rule.options:
                problem = rule.options[key].validate(opt_value)
                if problem:
                    fail(kp, problem)
                problem = _check_value(key, opt_value)
                if problem:
                    fail(kp, problem)
                rc.options[key] = opt_value
            else:
                known = ", ".join(["enabled", "severity", *rule.options]) or "none"
                fail(kp, f"unknown option for {rid}; its options are: {known}")
    return Config(None if shown == "<defaults>" else shown, effective, list(exclude))


def _check_value(key: str, value: Any) -> Optional[str]:
    if key == "pattern":
        try:
            re.compile(value)
        except re.error as exc:
            return f"not a valid regular expression: {exc}"
    if key in ("paths", "milestone-paths"):
        bad = [v for v in value if not valid_glob(v)]
        if bad:
            return f"'{bad[0]}' is not a valid glob"
    return None


def _close(rid: str, rules) -> str:
    import difflib

    close = difflib.get_close_matches(rid, list(rules), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _read_yaml(path: str, shown: str):
    try:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, 0, "", f"cannot read the configuration: {exc}") from None
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ConfigError(shown, (mark.line + 1) if mark else 0, "",
                          f"invalid YAML: {exc.problem}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ConfigError(shown, 0, "", f"invalid YAML: {exc}") from None
    lines: Dict[tuple, int] = {}
    if node is not None:
        _key_lines(node, (), lines)
    return data, lines


def _key_lines(node, prefix: tuple, out: Dict[tuple, int]) -> None:
    stack = [(node, prefix)]
    while stack:
        node, prefix = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k)
                out[prefix + (key,)] = k.start_mark.line + 1
                if len(prefix) < 6:
                    stack.append((v, prefix + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                out[prefix + (i,)] = v.start_mark.line + 1


def _read_toml(path: str, shown: str) -> Dict[str, Any]:
    try:
        import tomllib  # Python 3.11+
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, ValueError) as exc:
        raise ConfigError(shown, 0, "", f"cannot read the configuration: {exc}") from None
    section = data.get("tool", {}).get("lintkit", {})
    if not isinstance(section, dict):
        raise ConfigError(shown, 0, "tool.lintkit", "expected a table")
    return section
