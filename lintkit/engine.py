"""Run the rules over documents: discover, load, check, apply configuration.

The library API the CLI (and tests) call: ``check(paths, ...) -> Result``.
Rules are pure; here the engine decides severity, filters by --select /
--ignore, sorts, and turns load problems and rule crashes into findings or
run errors. Nothing here prints.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import config as configmod
from . import suppress
from .document import Document
from .findings import SEVERITY_RANK, Finding
from .globs import match_any
from .site import ALWAYS_SKIP, Site, find_root

LOAD_RULE = "load"


PARALLEL_MIN_FILES = 1000  # below this, starting workers costs more than it saves
_WORKER = None  # (engine, paths by root) handed to forked worker processes


def _work(root: str):
    engine, by_root = _WORKER
    return engine._check_root(root, by_root[root])


class UsageError(Exception):
    """A problem with the run itself (bad path, bad rule id): exit code 2."""


@dataclass
class Result:
    findings: list[Finding]
    files: list[str]  # display paths of every checked file, sorted
    errors: list[str] = field(default_factory=list)  # internal errors (exit 2)
    seconds: float = 0.0
    sites: dict[str, Site] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)  # display path -> document
    notes: list[str] = field(default_factory=list)  # said once in the summary (sorted)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity or "error"] += 1
        return counts


def all_rules():
    from lintkit.rules import all_rules as _all  # the rules/ folder, installed as lintkit.rules

    return _all()


def display_path(path: str) -> str:
    path = os.path.abspath(path)
    cwd = os.getcwd()
    if path.startswith(cwd) and path[len(cwd) : len(cwd) + 1] == os.sep and cwd != os.sep:
        return path[len(cwd) + 1 :].replace(os.sep, "/")  # the common case, without relpath
    rel = os.path.relpath(path, cwd)
    if rel.startswith(".." + os.sep) or rel == "..":
        return path.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


class Engine:
    def __init__(
        self,
        *,
        site_root: str | None = None,
        config_path: str | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        keep_documents: bool = False,
        jobs: int = 0,
    ):
        self.rules = all_rules()  # grows with the rules that configurations define
        self.select = _ids(select, self.rules, "--select")
        self.ignore = _ids(ignore, self.rules, "--ignore")
        self._unchecked_ids = {
            rid for rid in self.select | self.ignore if rid not in self.rules and rid != LOAD_RULE
        }
        self.site_root = os.path.abspath(site_root) if site_root else None
        if self.site_root and not os.path.isdir(self.site_root):
            raise UsageError(f"--site-root '{site_root}' is not a folder")
        self.config_path = config_path
        if config_path and not os.path.isfile(config_path):
            raise UsageError(f"--config '{config_path}' does not exist")
        self.keep_documents = keep_documents
        self.jobs = jobs  # worker processes; 0: one per core, for runs over several sites
        self._sites: dict[str, Site] = {}
        self._configs: dict[str, configmod.Config] = {}

    # -------------------------------------------------------------- sites
    def root_for(self, path: str) -> str:
        if self.site_root:
            return self.site_root
        root = find_root(path)
        if root:
            return root
        path = os.path.abspath(path)
        return path if os.path.isdir(path) else os.path.dirname(path)

    def site(self, root: str) -> Site:
        site = self._sites.get(root)
        if site is None:
            site = self._sites[root] = Site.load(root)
        return site

    def config(self, root: str) -> configmod.Config:
        cfg = self._configs.get(root)
        if cfg is None:
            path = self.config_path or configmod.find(root)
            cfg = self._configs[root] = configmod.load(path, all_rules())
            for rid, rule in cfg.rule_objects.items():
                self.rules.setdefault(rid, rule)
            for rid in sorted(self._unchecked_ids):
                if rid not in cfg.rule_objects:
                    flag = "--select" if rid in self.select else "--ignore"
                    raise UsageError(f"{flag}: unknown rule '{rid}'; 'lintkit rules' lists them")
        return cfg

    # ------------------------------------------------------------ discover
    def discover(self, paths: Iterable[str]) -> list[tuple[str, str]]:
        """(absolute file path, site root) of every document to check.

        A folder inside a site yields the site's Markdown files below it; a
        folder that is not inside a site is walked, and every folder below it
        holding ``_config.yml`` is a site of its own (so a folder of several
        sites checks each against itself)."""
        out: dict[str, str] = {}
        for given in paths:
            if not os.path.exists(given):
                raise UsageError(f"path '{given}' does not exist")
            absolute = os.path.abspath(given)
            self.config(self.root_for(absolute))  # validates --select/--ignore early
            if os.path.isdir(absolute):
                for f, root in self._walk(absolute):
                    out.setdefault(f, root)
                continue
            root = self.root_for(absolute)
            site = self.site(root)
            rel = site.rel(absolute) if site.contains(absolute) else os.path.basename(absolute)
            if not match_any(self.config(root).exclude, rel):
                out.setdefault(absolute, root)
        return sorted(out.items(), key=lambda kv: display_path(kv[0]))

    def _site_files(self, root: str, folder: str) -> list[tuple[str, str]]:
        site = self.site(root)
        cfg = self.config(root)
        exts = site.markdown_exts
        prefix = site.rel(folder)
        prefix = "" if prefix == "." else prefix + "/"
        return [
            (site.abspath(rel), root)
            for rel in site.files
            if rel.startswith(prefix)
            and os.path.splitext(rel)[1].lower() in exts
            and not site.excluded(rel)
            and not match_any(cfg.exclude, rel)
        ]

    def _walk(self, folder: str) -> list[tuple[str, str]]:
        if self.site_root or find_root(folder):
            return self._site_files(self.root_for(folder), folder)
        found: list[tuple[str, str]] = []
        for dirpath, dirnames, filenames in os.walk(folder):
            if "_config.yml" in filenames:
                found.extend(self._site_files(dirpath, dirpath))
                dirnames[:] = []
                continue
            dirnames[:] = sorted(d for d in dirnames if d not in ALWAYS_SKIP)
            for name in filenames:
                if os.path.splitext(name)[1].lower() in (".md", ".markdown"):
                    found.append((os.path.join(dirpath, name), folder))
        return found

    # --------------------------------------------------------------- check
    def check(self, paths: Iterable[str]) -> Result:
        started = time.perf_counter()
        targets = self.discover(list(paths))
        by_root: dict[str, list[str]] = {}
        for path, root in targets:
            by_root.setdefault(root, []).append(path)
        findings: list[Finding] = []
        files: list[str] = []
        errors: list[str] = []
        documents: dict[str, Document] = {}
        notes: set[str] = set()
        for part in self._map_roots(by_root, len(targets)):
            findings.extend(part[0])
            files.extend(part[1])
            errors.extend(part[2])
            documents.update(part[3])
            notes.update(part[4])
        findings.sort(key=Finding.sort_key)
        return Result(
            findings,
            sorted(files),
            errors,
            time.perf_counter() - started,
            dict(self._sites),
            documents,
            sorted(notes),
        )

    def _map_roots(self, by_root: dict[str, list[str]], total: int):
        """``_check_root`` for every site; on several cores, sites are shared out
        among worker processes when the run is large enough to gain from it."""
        roots = sorted(by_root)
        jobs = self.jobs if self.jobs else min(os.cpu_count() or 1, len(roots))
        if jobs < 2 or len(roots) < 2 or total < PARALLEL_MIN_FILES or self.keep_documents:
            return [self._check_root(root, by_root[root]) for root in roots]
        try:
            import concurrent.futures
            import multiprocessing

            context = multiprocessing.get_context("fork")
        except (ImportError, ValueError):  # no fork on this platform: stay in one process
            return [self._check_root(root, by_root[root]) for root in roots]
        global _WORKER
        _WORKER = (self, by_root)
        try:
            with concurrent.futures.ProcessPoolExecutor(
                max_workers=jobs, mp_context=context
            ) as pool:
                return list(pool.map(_work, roots))
        except (OSError, concurrent.futures.process.BrokenProcessPool):
            return [self._check_root(root, by_root[root]) for root in roots]
        finally:
            _WORKER = None

    def _check_root(self, root: str, paths: list[str]):
        """Check the documents of one site: (findings, files, errors, documents,
        notes). Notes are what rules leave in ``site.memo["notes"]`` (topic ->
        sentence) to be said once in the run's summary."""
        findings: list[Finding] = []
        files: list[str] = []
        errors: list[str] = []
        documents: dict[str, Document] = {}
        site = self.site(root)
        cfg = self.config(root)
        checked: dict[str, Document] = {}  # rel -> document, for site rules
        directives: dict[str, tuple] = {}  # display path -> what suppress.apply needs
        for path in paths:
            shown = display_path(path)
            rel = site.rel(path) if site.contains(path) else os.path.basename(path)
            doc = Document.load(path, rel, shown)
            files.append(shown)
            if self.keep_documents:
                documents[shown] = doc
            findings.extend(self._check_document(doc, site, cfg, errors))
            if cfg.site_rules:
                checked[rel] = doc
            if doc.readable and suppress.MARK in doc.text:
                directives[shown] = (suppress.scan(doc), *self._ran(cfg, rel))
        if checked:
            findings.extend(self._check_site(root, checked, errors))
        if directives:
            findings = suppress.apply(findings, directives)
        if site.config_error:
            findings.append(
                Finding(
                    display_path(os.path.join(root, "_config.yml")),
                    0,
                    0,
                    LOAD_RULE,
                    site.config_error,
                    "error",
                )
            )
        notes = [f"{display_path(root)}: {n}" for n in site.memo.get("notes", {}).values()]
        return findings, files, errors, documents, notes

    def _check_document(self, doc: Document, site: Site, cfg, errors: list[str]) -> list[Finding]:
        out: list[Finding] = []
        if doc.readable:
            _ = doc.tokens  # parse now, so that parse problems are among doc.problems
        if self._wanted(LOAD_RULE):
            for p in doc.problems:
                sev = "error" if p.fatal else "info"
                out.append(Finding(doc.display, p.line, p.column, LOAD_RULE, p.message, sev))
        if not doc.readable:
            return out
        settings = cfg.for_path(doc.rel)
        for rid, rule in cfg.rule_objects.items():
            rc = settings[rid]
            if not rc.enabled or rule.scope != "document" or not self._wanted(rid):
                continue
            try:
                produced = list(rule.check(doc, site, rc.options))
            except RecursionError:
                out.append(
                    Finding(
                        doc.display,
                        0,
                        0,
                        LOAD_RULE,
                        f"the document nests too deeply for rule {rid}; it was skipped",
                        "warning",
                    )
                )
                continue
            except Exception as exc:  # a bug in a rule must not stop the run
                errors.append(
                    f"internal error in rule {rid} on {doc.display}: "
                    f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
                )
                continue
            for f in produced:
                out.append(f.with_(severity=_weaker(f.severity, rc.severity), source=None))
        if doc.lines and out:
            out = [f.with_(source=doc.line_text(f.line) if f.line else None) for f in out]
        return out

    def _check_site(self, root: str, docs: dict[str, Document], errors: list[str]) -> list[Finding]:
        """Site rules: once per site, over the documents checked in it."""
        site, cfg = self.site(root), self.config(root)
        out: list[Finding] = []
        by_display = {doc.display: doc for doc in docs.values()}
        for rid in cfg.site_rules:
            rc = cfg.rules[rid]
            if not self._wanted(rid):
                continue
            wanted = {rel: d for rel, d in docs.items() if cfg.for_path(rel)[rid].enabled}
            if not rc.enabled and not wanted:
                continue
            try:
                produced = list(cfg.rule_objects[rid].check(wanted, site, rc.options))
            except Exception as exc:  # a bug in a rule must not stop the run
                errors.append(
                    f"internal error in rule {rid}: {type(exc).__name__}: {exc}\n"
                    f"{traceback.format_exc()}"
                )
                continue
            for f in produced:
                doc = by_display.get(f.path)
                sev = cfg.for_path(doc.rel)[rid].severity if doc else rc.severity
                source = doc.line_text(f.line) if doc and f.line else None
                out.append(f.with_(severity=_weaker(f.severity, sev), source=source))
        return out

    def _ran(self, cfg, rel: str):
        """(rule ids that ran on a document, known rule ids, the severity of
        unused-suppression there or None): a suppression of a rule that did
        not run is not reported as unused."""
        settings = cfg.for_path(rel)
        ran = {rid for rid, rc in settings.items() if rc.enabled and self._wanted(rid)}
        if self._wanted(LOAD_RULE):
            ran.add(LOAD_RULE)
        known = set(cfg.rule_objects) | {LOAD_RULE}
        rc = settings.get(suppress.RULE_ID)
        severity = rc.severity if rc and rc.enabled and self._wanted(suppress.RULE_ID) else None
        return ran, known, severity

    def _wanted(self, rid: str) -> bool:
        if self.select and rid not in self.select:
            return False
        return rid not in self.ignore


def _weaker(explicit: str | None, configured: str) -> str:
    if explicit is None:
        return configured
    return explicit if SEVERITY_RANK[explicit] > SEVERITY_RANK[configured] else configured


def _ids(values: Iterable[str], rules, flag: str) -> set:
    out = set()
    for value in values:
        for rid in str(value).split(","):
            rid = rid.strip()
            if not rid:
                continue
            if not rid.replace("-", "").isalnum():
                raise UsageError(f"{flag}: unknown rule '{rid}'; 'lintkit rules' lists them")
            out.add(rid)  # ids that no rule has are rejected once the configuration is read
    return out


def check(paths: Iterable[str], **kwargs) -> Result:
    return Engine(**kwargs).check(paths)
