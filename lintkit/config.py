"""Configuration: find it, read it, merge it (extends, overrides), validate it
against the rules.

``.lintkit.yml`` at the site root, else ``[tool.lintkit]`` in the site root's
``pyproject.toml``, else the ``default`` preset; ``--config FILE`` names one
explicitly. Every error names the file, the line and the key, and the CLI turns
it into one line on stderr and exit code 2.

```yaml
extends: samman                     # a preset (default, jekyll, samman) or a path
exclude: ["drafts/old/**"]          # globs (relative to the site root) never checked
rules:
  list-numbering: warning           # a severity: error, warning, info
  front-matter: off                 # or off / false to disable
  draft-notice:                     # or a mapping
    severity: error
    paths: ["society/*_milestones.md"]
overrides:                          # settings for some files only, applied in order
  - files: ["_drafts/**"]
    rules: {draft-notice: off}
define:                             # declarative rules (see lintkit/declarative/)
  - {id: no-todo, kind: forbid-text, pattern: "TODO", message: "...", paths: ["**"]}
include: [more-rules.yml]           # YAML files with more definitions
```

A configuration without ``extends`` extends ``default``. Settings of a file win
over those of the file it extends; ``exclude`` globs and ``overrides`` add up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NoReturn

import yaml

from . import safeio, yamlread
from .findings import SEVERITIES
from .globs import match_any
from .globs import valid as valid_glob
from .rule import Fail, KeyPath

CONFIG_NAMES = (".lintkit.yml", ".lintkit.yaml")
TOP_KEYS = (
    "extends",
    "rules",
    "exclude",
    "overrides",
    "define",
    "include",
    "deploy-paths",
    "jekyll-version",
)
MAX_CONFIG_NODES = 100_000  # values a configuration may expand to (YAML aliases)


class ConfigError(Exception):
    def __init__(self, path: str, line: int, key: str, message: str):
        self.path, self.line, self.key, self.message = path, line, key, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


@dataclass
class RuleConfig:
    enabled: bool
    severity: str
    options: dict[str, Any]


@dataclass
class Override:
    files: list[str]
    rules: dict[str, dict[str, Any]]  # rule id -> partial settings (enabled, severity, options)
    source: str = ""
    line: int = 0


@dataclass
class Config:
    path: str | None
    rules: dict[str, RuleConfig]
    exclude: list[str] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    rule_objects: dict[str, Any] = field(default_factory=dict)  # id -> Rule (built-in and defined)
    chain: list[str] = field(default_factory=list)  # the files read, this one first
    # URL globs a deploy step fills after the build (links there are not checked)
    deploy_paths: list[str] = field(default_factory=list)
    jekyll_version: int | None = None  # 3 (GitHub Pages) or 4; None: detected from the site
    _cache: dict[tuple[Any, ...], dict[str, RuleConfig]] = field(default_factory=dict, repr=False)

    @cached_property
    def site_rules(self) -> list[str]:
        return [rid for rid, r in self.rule_objects.items() if r.scope == "site"]

    def for_path(self, rel: str) -> dict[str, RuleConfig]:
        """The rule settings for one file: ``rules`` with every matching
        override applied in order."""
        if not self.overrides:
            return self.rules
        hits = tuple(i for i, o in enumerate(self.overrides) if match_any(o.files, rel))
        cached = self._cache.get(hits)
        if cached is None:
            cached = self.rules
            if hits:
                cached = {
                    rid: RuleConfig(rc.enabled, rc.severity, dict(rc.options))
                    for rid, rc in self.rules.items()
                }
                for i in hits:
                    for rid, partial in self.overrides[i].rules.items():
                        _apply(cached[rid], partial)
            self._cache[hits] = cached
        return cached


def find(root: str) -> str | None:
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


def preset_dir() -> str:
    # rules/ is installed as lintkit.rules (pyproject package-dir); mypy checks it as ``rules``
    import lintkit.rules as pkg  # type: ignore[import-not-found]

    folder: str = os.path.dirname(os.path.abspath(pkg.__file__))
    return folder


def presets() -> list[str]:
    return sorted(f[:-4] for f in os.listdir(preset_dir()) if f.endswith(".yml"))


def preset_path(name: str) -> str | None:
    path = os.path.join(preset_dir(), f"{name}.yml")
    return path if os.path.isfile(path) else None


def _default_preset() -> str:
    path = preset_path("default")
    assert path is not None, "lintkit's default preset is missing from the package"
    return path


def load(path: str | None, rules: dict[str, Any]) -> Config:
    """The effective configuration of ``path`` (None: the default preset)."""
    return _Loader(rules).load(path or _default_preset())


def build(
    raw: Any, rules: dict[str, Any], shown: str, lines: dict[KeyPath, int] | None = None
) -> Config:
    """Validate an already-read configuration mapping (no ``extends`` of files
    relative to it: only presets)."""
    return _Loader(rules).from_raw(raw, shown, lines or {}, os.getcwd(), [])


# ---------------------------------------------------------------- loading
def _show(path: str) -> str:
    """How a configuration file is named in messages: presets by name."""
    folder, name = os.path.split(os.path.abspath(path))
    if folder == preset_dir() and name.endswith(".yml"):
        return f"preset:{name[:-4]}"
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def project_root(config_path: str) -> str:
    """The folder a configuration file may reach with ``extends`` and
    ``include``: the repository it is in (the nearest folder above it with a
    ``.git``), else its own folder. A site's configuration comes with the pull
    request, so it must not make lintkit read (and quote in an error) a file
    elsewhere on the runner: ``extends: ../../../etc/passwd.yml``."""
    folder = os.path.dirname(os.path.abspath(config_path))
    return safeio.nearest_up(folder, ".git") or folder


class _Loader:
    def __init__(self, rules: dict[str, Any]):
        self.builtin = rules
        self.root: str | None = None  # what extends/include may reach (project_root)

    def load(self, path: str, stack: tuple[str, ...] = ()) -> Config:
        path = os.path.abspath(path)
        shown = _show(path)
        if self.root is None and not shown.startswith("preset:"):
            self.root = project_root(path)
        root = os.path.dirname(path) if shown.startswith("preset:") else self.root
        lines: dict[KeyPath, int]
        if path.endswith(".toml"):
            raw, lines = _read_toml(path, shown), {}
        else:
            raw, lines = _read_yaml(path, shown, root)
        return self.from_raw(raw, shown, lines, os.path.dirname(path), list(stack) + [path])

    def from_raw(
        self, raw: Any, shown: str, lines: dict[KeyPath, int], base_dir: str, stack: list[str]
    ) -> Config:
        def fail(keypath: KeyPath, message: str) -> NoReturn:
            raise ConfigError(
                shown, _line(lines, keypath), ".".join(str(k) for k in keypath), message
            )

        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise ConfigError(shown, 1, "", "the configuration must be a mapping (key: value)")
        for key in raw:
            if key not in TOP_KEYS:
                close = _close(str(key), TOP_KEYS)
                fail((key,), f"unknown setting{close}; expected one of: {', '.join(TOP_KEYS)}")

        # 1. the configuration this one extends
        parent = self._parent(raw, fail, base_dir, stack)
        rule_objects = dict(parent.rule_objects) if parent else dict(self.builtin)

        # 2. rules it defines (the declarative module is imported only when needed)
        for keypath, definition, dshown, dlines in self._definitions(
            raw, fail, base_dir, shown, lines
        ):
            from . import declarative

            def dfail(
                kp: KeyPath, message: str, _s: str = dshown, _l: dict[KeyPath, int] = dlines
            ) -> NoReturn:
                raise ConfigError(_s, _line(_l, kp), ".".join(str(k) for k in kp), message)

            new = declarative.define(definition, keypath, dfail, dshown)
            if new.id in rule_objects:
                what = "a built-in rule" if new.id in self.builtin else "a rule defined earlier"
                dfail(keypath + ("id",), f"'{new.id}' is already {what}; choose another id")
            rule_objects[new.id] = new

        # 3. settings
        if parent:
            effective = {
                rid: RuleConfig(rc.enabled, rc.severity, dict(rc.options))
                for rid, rc in parent.rules.items()
            }
        else:
            effective = {}
        for rid, r in rule_objects.items():
            if rid not in effective:
                effective[rid] = RuleConfig(True, r.severity, r.defaults())
        section = raw.get("rules")
        if section is None:
            section = {}
        if not isinstance(section, dict):
            fail(("rules",), "expected a mapping of rule ids to settings")
        for rid, value in section.items():
            partial = _settings(rid, value, rule_objects, ("rules", rid), fail)
            _apply(effective[rid], partial)
            _validate_options(rule_objects[rid], effective[rid].options, ("rules", rid), fail)

        exclude = raw.get("exclude")
        if exclude is None:
            exclude = []
        if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
            fail(("exclude",), "expected a list of path globs")
        for i, glob in enumerate(exclude):
            if not valid_glob(glob):
                fail(("exclude", i), f"'{glob}' is not a valid glob")

        deploy = raw.get("deploy-paths")
        if deploy is None:
            deploy = []
        if not isinstance(deploy, list) or not all(isinstance(e, str) for e in deploy):
            fail(("deploy-paths",), "expected a list of URL path globs, e.g. ['rubydoc/**']")
        for i, glob in enumerate(deploy):
            if not valid_glob(glob):
                fail(("deploy-paths", i), f"'{glob}' is not a valid glob")
        version = raw.get("jekyll-version", parent.jekyll_version if parent else None)
        if version is not None and (isinstance(version, bool) or version not in (3, 4)):
            fail(("jekyll-version",), "expected 3 (GitHub Pages, Jekyll 3.10) or 4")

        overrides = list(parent.overrides) if parent else []
        overrides.extend(self._overrides(raw, rule_objects, effective, fail, shown, lines))
        chain = [shown] + (parent.chain if parent else [])
        return Config(
            None if not stack else shown,
            effective,
            (parent.exclude if parent else []) + list(exclude),
            overrides,
            rule_objects,
            chain,
            (parent.deploy_paths if parent else []) + list(deploy),
            version,
        )

    def _parent(
        self, raw: dict[str, Any], fail: Fail, base_dir: str, stack: list[str]
    ) -> Config | None:
        default = _default_preset()
        if "extends" not in raw:
            if stack and os.path.abspath(stack[-1]) == default:
                return None
            return self.load(_default_preset(), tuple(stack))
        target = raw["extends"]
        if not isinstance(target, str) or not target.strip():
            fail(
                ("extends",),
                "expected the name of a preset "
                f"({', '.join(presets())}) or the path of a configuration file",
            )
        target = target.strip()
        looks_like_path = (
            "/" in target or os.sep in target or target.endswith((".yml", ".yaml", ".toml"))
        )
        if looks_like_path:
            path = os.path.abspath(os.path.join(base_dir, os.path.expanduser(target)))
            self._contained(path, target, ("extends",), fail)
            if not os.path.isfile(path):
                fail(
                    ("extends",),
                    f"'{target}' does not exist (looked for {_show(path)}); "
                    "a path is relative to the file that extends it",
                )
        else:
            preset = preset_path(target)
            if preset is None:
                close = _close(target, presets())
                fail(
                    ("extends",),
                    f"no preset '{target}'{close}; presets: {', '.join(presets())} "
                    "(or give the path of a configuration file)",
                )
            path = preset
        if path in stack:
            cycle = " -> ".join(_show(p) for p in stack[stack.index(path) :] + [path])
            fail(("extends",), f"extends goes round in a cycle: {cycle}; remove one of the extends")
        return self.load(path, tuple(stack))

    def _contained(self, path: str, given: str, kp: KeyPath, fail: Fail) -> None:
        root = self.root
        if root is not None and not safeio.inside(path, root):
            fail(
                kp,
                f"'{given}' is outside the project ({_show(root)}); lintkit reads "
                "configuration only from inside the repository of the first configuration "
                "file, so a pull request cannot make it read other files: copy the file into "
                "the project",
            )

    def _definitions(
        self, raw: dict[str, Any], fail: Fail, base_dir: str, shown: str, lines: dict[KeyPath, int]
    ) -> list[tuple[KeyPath, Any, str, dict[KeyPath, int]]]:
        """(key path, definition, file shown, its line table) of every rule
        the file defines, directly or through ``include``."""
        out: list[tuple[KeyPath, Any, str, dict[KeyPath, int]]] = []
        define = raw.get("define")
        if define is not None:
            if not isinstance(define, list):
                fail(
                    ("define",),
                    "expected a list of rule definitions (each a mapping with id and kind)",
                )
            out.extend((("define", i), d, shown, lines) for i, d in enumerate(define))
        include = raw.get("include")
        if include is not None:
            if isinstance(include, str):
                include = [include]
                ipaths: list[KeyPath] = [("include",)]
            elif isinstance(include, list) and all(isinstance(p, str) for p in include):
                ipaths = [("include", i) for i in range(len(include))]
            else:
                fail(
                    ("include",),
                    "expected the path of a YAML file of rule definitions, or a list of them",
                )
            for kp, rel in zip(ipaths, include):
                path = os.path.abspath(os.path.join(base_dir, os.path.expanduser(rel)))
                self._contained(path, rel, kp, fail)
                if not os.path.isfile(path):
                    fail(
                        kp,
                        f"'{rel}' does not exist (looked for {_show(path)}); "
                        "a path is relative to the configuration file",
                    )
                ishown = _show(path)
                data, ilines = _read_yaml(path, ishown, self.root)
                if (
                    isinstance(data, dict)
                    and set(data) == {"define"}
                    and isinstance(data["define"], list)
                ):
                    out.extend(
                        (("define", i), d, ishown, ilines) for i, d in enumerate(data["define"])
                    )
                elif isinstance(data, list):
                    out.extend(((i,), d, ishown, ilines) for i, d in enumerate(data))
                else:
                    raise ConfigError(
                        ishown,
                        1,
                        "",
                        "expected a list of rule definitions (or a mapping with only 'define:')",
                    )
        return out

    def _overrides(
        self,
        raw: dict[str, Any],
        rule_objects: dict[str, Any],
        effective: dict[str, RuleConfig],
        fail: Fail,
        shown: str,
        lines: dict[KeyPath, int],
    ) -> list[Override]:
        section = raw.get("overrides")
        if section is None:
            return []
        if not isinstance(section, list):
            fail(("overrides",), "expected a list of {files: [globs], rules: {...}}")
        out = []
        for i, entry in enumerate(section):
            kp = ("overrides", i)
            if not isinstance(entry, dict):
                fail(kp, "expected a mapping with 'files' and 'rules'")
            for key in entry:
                if key not in ("files", "rules"):
                    fail(kp + (key,), "unknown setting; an override has 'files' and 'rules'")
            files = entry.get("files")
            if isinstance(files, str):
                files = [files]
            if (
                not isinstance(files, list)
                or not files
                or not all(isinstance(f, str) for f in files)
            ):
                fail(kp + ("files",), "expected a list of path globs (relative to the site root)")
            for j, glob in enumerate(files):
                if not valid_glob(glob):
                    fail(kp + ("files", j), f"'{glob}' is not a valid glob")
            rules = entry.get("rules")
            if not isinstance(rules, dict) or not rules:
                fail(kp + ("rules",), "expected a mapping of rule ids to settings")
            partials = {}
            for rid, value in rules.items():
                rkp = kp + ("rules", rid)
                partial = _settings(rid, value, rule_objects, rkp, fail)
                merged = dict(effective[rid].options)
                merged.update(partial.get("options", {}))
                _validate_options(rule_objects[rid], merged, rkp, fail)
                partials[rid] = partial
            out.append(Override(list(files), partials, shown, _line(lines, kp)))
        return out


def _settings(
    rid: Any, value: Any, rule_objects: dict[str, Any], kp: KeyPath, fail: Fail
) -> dict[str, Any]:
    """The partial settings one ``rules:`` entry gives a rule."""
    if rid not in rule_objects:
        close = _close(str(rid), rule_objects)
        fail(kp, f"unknown rule{close}; 'lintkit rules' lists them")
    rule = rule_objects[rid]
    if value is False or value == "off":
        return {"enabled": False}
    if value is True or value == "on":
        return {"enabled": True}
    if isinstance(value, str):
        if value not in SEVERITIES:
            fail(kp, f"expected off, or a severity ({', '.join(SEVERITIES)}), got '{value}'")
        return {"enabled": True, "severity": value}
    if not isinstance(value, dict):
        fail(kp, "expected off, a severity, or a mapping of settings")
    partial: dict[str, Any] = {"options": {}}
    for key, opt_value in value.items():
        okp = kp + (key,)
        if key == "enabled":
            if not isinstance(opt_value, bool):
                fail(okp, f"expected true or false, got {opt_value!r}")
            partial["enabled"] = opt_value
        elif key == "severity":
            if opt_value not in SEVERITIES:
                fail(okp, f"expected one of {', '.join(SEVERITIES)}, got {opt_value!r}")
            partial["severity"] = opt_value
        elif key in rule.options:
            found = rule.options[key].problem(opt_value)
            if found:
                fail(okp + found[0], found[1])
            partial["options"][key] = opt_value
        else:
            known = ", ".join(["enabled", "severity", *rule.options]) or "none"
            close = _close(str(key), list(rule.options))
            fail(okp, f"unknown option for {rid}{close}; its options are: {known}")
    return partial


def _validate_options(rule: Any, options: dict[str, Any], kp: KeyPath, fail: Fail) -> None:
    """A rule's own checks of its options together (``Rule.validate``)."""
    if rule.validate is not None:
        rule.validate(options, lambda sub, message: fail(kp + tuple(sub), message))


def _apply(rc: RuleConfig, partial: dict[str, Any]) -> None:
    if "enabled" in partial:
        rc.enabled = partial["enabled"]
    if "severity" in partial:
        rc.severity = partial["severity"]
    if partial.get("options"):
        rc.options = {**rc.options, **partial["options"]}


def _close(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _line(lines: dict[KeyPath, int], keypath: KeyPath) -> int:
    for n in range(len(keypath), 0, -1):
        line = lines.get(keypath[:n])
        if line:
            return line
    return 0


# ------------------------------------------------------------------ reading
def _read_yaml(path: str, shown: str, root: str | None = None) -> tuple[Any, dict[KeyPath, int]]:
    try:  # a regular file, not a link out of ``root`` (default: its folder; lintkit.safeio)
        with safeio.open_in_site(path, root or os.path.dirname(path)) as fh:
            text = fh.read().decode("utf-8-sig")
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise ConfigError(shown, 0, "", f"cannot read the configuration: {why}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(shown, 0, "", f"cannot read the configuration: {exc}") from None
    try:  # YAML as Jekyll reads it (lintkit.yamlread), aliases bounded
        loader = yamlread.Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ConfigError(
            shown, (mark.line + 1) if mark else 0, "", f"invalid YAML: {exc.problem}"
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ConfigError(shown, 0, "", f"invalid YAML: {exc}") from None
    problem = yamlread.check_size(data, MAX_CONFIG_NODES)
    if problem:
        raise ConfigError(shown, 0, "", f"the configuration {problem}")
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _key_lines(node, (), lines)
    return data, lines


def _key_lines(node: yaml.Node, prefix: KeyPath, out: dict[KeyPath, int]) -> None:
    stack = [(node, prefix)]
    budget = MAX_CONFIG_NODES  # aliases share nodes: never walk more than the data has
    while stack and budget > 0:
        budget -= 1
        node, prefix = stack.pop()
        if len(prefix) > 12:
            continue
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k)
                out.setdefault(prefix + (key,), k.start_mark.line + 1)
                if key.isdigit():  # YAML reads it as a number
                    out.setdefault(prefix + (int(key),), k.start_mark.line + 1)
                stack.append((v, prefix + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                out.setdefault(prefix + (i,), v.start_mark.line + 1)
                stack.append((v, prefix + (i,)))


def _read_toml(path: str, shown: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        # tomli is installed only on Python 3.10, so a newer interpreter's mypy cannot see it
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        with safeio.open_in_site(path, os.path.dirname(path)) as fh:
            data = tomllib.load(fh)
    except (OSError, ValueError) as exc:
        raise ConfigError(shown, 0, "", f"cannot read the configuration: {exc}") from None
    section = data.get("tool", {}).get("lintkit", {})
    if not isinstance(section, dict):
        raise ConfigError(shown, 0, "tool.lintkit", "expected a table")
    return section


# ------------------------------------------------------------------ showing
class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # every value written out in full, no &anchors
        return True


def dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=100,
    )


def effective(cfg: Config, rel: str | None = None) -> dict[str, Any]:
    """The configuration as data, after extends (and, for ``rel``, the
    overrides that match it): what ``lintkit config`` prints."""
    settings = cfg.for_path(rel) if rel is not None else cfg.rules
    rules: dict[str, Any] = {}
    for rid in sorted(settings):
        rc = settings[rid]
        rule = cfg.rule_objects.get(rid)
        entry: dict[str, Any] = {"enabled": rc.enabled, "severity": rc.severity}
        if rule is not None and rule.kind:
            entry["kind"] = rule.kind
            entry["defined-in"] = rule.source
        if rc.options:
            entry["options"] = {k: rc.options[k] for k in sorted(rc.options)}
        rules[rid] = entry
    data: dict[str, Any] = {"sources": list(cfg.chain), "exclude": list(cfg.exclude)}
    if cfg.deploy_paths:
        data["deploy-paths"] = list(cfg.deploy_paths)
    if cfg.jekyll_version is not None:
        data["jekyll-version"] = cfg.jekyll_version
    if rel is not None:
        data["path"] = rel
        data["overrides-applied"] = [
            f"{o.source}:{o.line}" for o in cfg.overrides if match_any(o.files, rel)
        ]
    else:
        data["overrides"] = [
            {
                "files": o.files,
                "from": f"{o.source}:{o.line}",
                "rules": {rid: o.rules[rid] for rid in sorted(o.rules)},
            }
            for o in cfg.overrides
        ]
    data["rules"] = rules
    return data
