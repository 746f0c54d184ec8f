"""Run the rules over documents: discover, load, check, apply configuration.

The library API the CLI (and tests) call: ``check(paths, ...) -> Result``.
Rules are pure; here the engine decides severity, filters by --select /
--ignore, sorts, and turns load problems and rule crashes into findings or
run errors. Nothing here prints.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import config as configmod
from . import safeio, suppress, userregex
from .document import Document
from .errors import UsageError
from .escape import display_name
from .findings import SEVERITY_RANK, Finding
from .globs import match_any
from .markdown import PartCache
from .rule import Rule
from .site import ALWAYS_SKIP, Refreshed, Site, find_root

if TYPE_CHECKING:
    from .external import Stats
    from .staged import Snapshot

# what checking one site gives: (findings, files, errors, documents, tracebacks,
# external.Stats or None, notes)
RootResult = tuple[
    list[Finding], list[str], list[str], dict[str, Document], list[str], "Stats | None", list[str]
]

LOAD_RULE = "load"
INTERNAL_RULE = "internal-error"  # lintkit failed on one document or site rule


PARALLEL_MIN_FILES = 1000  # below this, starting workers costs more than it saves
_WORKER: tuple[Engine, dict[str, list[str]]] | None = (
    None  # (engine, paths by root) handed to forked worker processes
)


def free_cores() -> int:
    """Cores this process may run on that the machine's load leaves free:
    the cores of ``os.sched_getaffinity`` (all cores where it does not exist)
    less the one-minute load average (rounded; a process starting has not
    entered the load average yet), at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this platform: trust the cores
        load = 0.0
    return max(1, min(cores, int(cores - load + 0.5)))


def auto_jobs(sites: int, files: int, free: int) -> int:
    """``--jobs 0``: how many worker processes to use for ``files`` pages in
    ``sites`` sites (one process: 1). Workers pay for their start and for
    handing findings back, so they are used only when two or more cores are
    free and there are at least ``PARALLEL_MIN_FILES`` pages; never more than
    one per site (a site is checked by one worker)."""
    if files < PARALLEL_MIN_FILES or sites < 2:
        return 1
    return max(1, min(free, sites))


def _traceback() -> str:
    """The exception being handled, formatted (``traceback`` is imported only
    when a rule or a document fails)."""
    import traceback

    return traceback.format_exc()


def _work(root: str) -> RootResult:
    assert _WORKER is not None  # set before the workers are forked
    engine, by_root = _WORKER
    return engine._check_root(root, by_root[root])


def _no_site(given: str, absolute: str) -> None:
    """Raise the error for a path outside any Jekyll site (when no site is
    below it either): lintkit would not know what its links reach."""
    if os.path.isdir(absolute):
        for _dirpath, dirnames, filenames in os.walk(absolute):
            if "_config.yml" in filenames:
                return  # a folder of sites: each is checked against itself
            dirnames[:] = [d for d in dirnames if d not in ALWAYS_SKIP]
        raise UsageError(
            f"no Jekyll site in '{given}': no _config.yml in it, below it or in a folder "
            "above it; run lintkit in a site, or give --site-root DIR"
        )
    raise UsageError(
        f"'{given}' is not in a Jekyll site: no _config.yml in its folder or a folder "
        "above it; give --site-root DIR to check it against a site"
    )


@dataclass
class Result:
    findings: list[Finding]
    files: list[str]  # display paths of every checked file, sorted
    errors: list[str] = field(default_factory=list)  # the run itself failed (exit 2)
    seconds: float = 0.0
    sites: dict[str, Site] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)  # display path -> document
    tracebacks: list[str] = field(default_factory=list)  # of internal-error findings (--verbose)
    external: Any = None  # external.Stats of a run with external=True, else None
    summary_notes: list[str] = field(default_factory=list)  # said once in the summary (sorted)

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity or "error"] += 1
        return counts


def all_rules() -> dict[str, Rule]:
    # the rules/ folder, installed as lintkit.rules (pyproject package-dir); mypy sees ``rules``
    from lintkit.rules import all_rules as _all  # type: ignore[import-not-found]

    rules: dict[str, Rule] = _all()
    return rules


def display_path(path: str) -> str:
    """The path as every report shows it: relative to the current folder when
    below it, POSIX separators, and safe to print (lintkit.escape.display_name:
    a byte that is not UTF-8 shows as ``\\xff``, no control character)."""
    return display_name(_display_path(path))


def internal_finding(path: str, exc: BaseException, what: str) -> Finding:
    """The finding that stands for a bug in lintkit met while ``what``: the
    run goes on without that document (or site rule)."""
    try:
        detail = str(exc)
    except Exception:  # an exception whose message itself fails
        detail = ""
    detail = " ".join(detail.split())
    if len(detail) > 200:
        detail = detail[:200] + "..."
    name = type(exc).__name__
    return Finding(
        path,
        0,
        0,
        INTERNAL_RULE,
        f"lintkit failed while {what} ({name}{': ' + detail if detail else ''}); "
        "the other files were checked. This is a bug in lintkit: please report it "
        "with this file (--verbose prints the traceback)",
        "error",
    )


def _slow_pattern(path: str, rid: str, exc: userregex.PatternTimeout) -> Finding:
    return Finding(
        path,
        0,
        0,
        rid,
        f"the pattern '{exc.pattern}' of rule {rid} ran out of time and was stopped, so this "
        "file was not checked by it; rewrite it without nested repetition such as (a+)+ "
        "or (a|aa)+",
        "warning",
    )


def _display_path(path: str) -> str:
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
        external: bool = False,
        progress: Any = None,
    ):
        self.rules = all_rules()  # grows with the rules that configurations define
        self.select = _ids(select, self.rules, "--select")
        self.ignore = _ids(ignore, self.rules, "--ignore")
        known = set(self.rules) | rule_tags(self.rules.values())
        self._unchecked_ids = {rid for rid in self.select | self.ignore if rid not in known}
        self.site_root = os.path.abspath(site_root) if site_root else None
        if self.site_root and not os.path.isdir(self.site_root):
            raise UsageError(f"--site-root '{site_root}' is not a folder")
        self.config_path = config_path
        if config_path and not os.path.isfile(config_path):
            raise UsageError(f"--config '{config_path}' does not exist")
        self.keep_documents = keep_documents
        self.jobs = jobs  # worker processes for runs over several sites; 0: auto_jobs decides
        self.external = external  # run the link-external rule (it needs the network)
        if external:
            import importlib.util

            if importlib.util.find_spec("aiohttp") is None:
                raise UsageError(
                    "--external needs aiohttp: pip install 'lintkit[external]' "
                    "(or pip install aiohttp)"
                )
        self.progress = progress  # external check: called with (done, total, failed)
        self.view: Snapshot | None = (
            None  # a staged.Snapshot: files are read there, shown as in the work tree
        )
        self.notes: list[str] = []  # files given but not checked, and why (for stderr)
        self._sites: dict[str, Site] = {}
        self._walked: dict[str, set[str]] = {}  # site root -> folder prefixes walked
        # absolute path -> bytes to check instead of the file's (the fixer's passes)
        self.overlay: dict[str, bytes] = {}
        # site root -> (old site path -> new, old URL -> new site path): renames
        # since --since REF, which the link fixes follow
        self.renames: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        self._configs: dict[str, configmod.Config] = {}
        self._defer_sites = False  # discover: leave the file lists of further sites for later
        self._deferred: set[str] = set()  # roots whose files _check_released lists
        # block tokens of the parts of documents parsed before, for an engine
        # that checks the same documents again and again (lintkit lsp)
        self.parse_cache: PartCache | None = None

    def shown(self, path: str) -> str:
        """The path to show for a file (work tree paths when checking a snapshot)."""
        if self.view is not None:
            path = self.view.to_work_tree(path)
        return display_path(path)

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
            try:
                site = Site.load(root)
            except Exception as exc:  # a bug reading _config.yml must not stop the run
                name = type(exc).__name__
                site = Site(
                    root,
                    {},
                    f"lintkit failed while reading _config.yml ({name}); the site was checked "
                    "with Jekyll's defaults. This is a bug in lintkit: please report it",
                )
            self._sites[root] = site
            cfg = self.config(root)
            site.deploy_paths = list(cfg.deploy_paths)
            site.build_version = cfg.jekyll_version
            if root in self.renames:
                site.renames, site.renamed_urls = self.renames[root]
            if self.view is not None:
                site.unstaged = self.view.untracked_in(root)
        return site

    def forget_site(self, root: str) -> None:
        """Drop the site index of ``root`` (files were created, deleted or
        renamed): the next check reads the site again (``lintkit lsp``)."""
        self._sites.pop(root, None)
        self._walked.pop(root, None)

    def refresh_site(self, root: str, paths: Iterable[str]) -> Refreshed | None:
        """Files or folders (absolute paths) of the site at ``root`` were
        created, changed or deleted: update its index where it is loaded
        (``Site.refresh``: what changed), or drop it to be read again when the
        change decides how the whole site is built (None) (``lintkit lsp``)."""
        site = self._sites.get(root)
        if site is None:
            return None
        done = site.refresh(site.rel(p) for p in paths if site.contains(p))
        if done is None:
            self.forget_site(root)
        return done

    def config(self, root: str) -> configmod.Config:
        cfg = self._configs.get(root)
        if cfg is None:
            path = self.config_path or configmod.find(root)
            cfg = self._configs[root] = configmod.load(path, all_rules())
            for rid, rule in cfg.rule_objects.items():
                self.rules.setdefault(rid, rule)
            tags = rule_tags(cfg.rule_objects.values())
            for rid in sorted(self._unchecked_ids):
                if rid not in cfg.rule_objects and rid not in tags:
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
            absolute = os.path.abspath(given)
            if absolute in self.overlay:  # read from standard input: it need not exist
                root = self.root_for(absolute)
                self.config(root)
                if not self.site_root and find_root(absolute) is None:
                    _no_site(given, absolute)
                out.setdefault(absolute, root)
                continue
            if not os.path.exists(given):
                raise UsageError(f"path '{given}' does not exist")
            self.config(self.root_for(absolute))  # validates --select/--ignore early
            if not self.site_root and find_root(absolute) is None:
                _no_site(given, absolute)
            if os.path.isdir(absolute):
                found = self._walk(absolute)
                if not found:
                    raise UsageError(
                        f"no Markdown files to check in '{given}' (files Jekyll never reads, "
                        "such as those in folders starting with '.', and excluded files "
                        "are not checked)"
                    )
                for f, root in found:
                    out.setdefault(f, root)
                continue
            root = self.root_for(absolute)
            site = self.site(root)
            inside = site.contains(absolute)
            rel = site.rel(absolute) if inside else os.path.basename(absolute)
            if os.path.splitext(rel)[1].lower() not in site.markdown_exts:
                exts = ", ".join(sorted(site.markdown_exts))
                raise UsageError(
                    f"'{given}' is not a Markdown file; lintkit checks the site's Markdown "
                    f"files ({exts}; markdown_ext in _config.yml)"
                )
            if inside and rel in site.file_set and site.lint_scope(rel) is None:
                self.notes.append(
                    f"{given}: not checked: Jekyll never reads it "
                    f"({'excluded in _config.yml' if site.excluded(rel) else 'in a folder or with a name starting with . or #'})"
                )
                continue
            if match_any(self.config(root).exclude, rel):
                self.notes.append(f"{given}: not checked: excluded by the lintkit configuration")
                continue
            out.setdefault(absolute, root)
        return sorted(out.items(), key=lambda kv: display_path(kv[0]))

    def _site_files(self, root: str, folder: str) -> list[tuple[str, str]]:
        site = self.site(root)
        cfg = self.config(root)
        exts = site.markdown_exts
        prefix = site.rel(folder)
        prefix = "" if prefix == "." else prefix + "/"
        self._walked.setdefault(root, set()).add(prefix)
        return [
            (site.abspath(rel), root)
            for rel in site.files
            if rel.startswith(prefix)
            and os.path.splitext(rel)[1].lower() in exts
            and site.lint_scope(rel) is not None
            and not match_any(cfg.exclude, rel)
        ]

    def _walk(self, folder: str) -> list[tuple[str, str]]:
        if self.site_root or find_root(folder):
            return self._site_files(self.root_for(folder), folder)
        found: list[tuple[str, str]] = []
        for dirpath, dirnames, filenames in os.walk(folder):
            if "_config.yml" in filenames:
                if self._defer_sites and found:
                    # listed when its turn comes (_listed), so that a run in one
                    # process never holds the index of more than one site
                    self._deferred.add(dirpath)
                    self._walked.setdefault(dirpath, set()).add("")
                else:
                    # listed now (is there anything to check?); its index is kept
                    # for its check, which in a walk's order comes first
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
        safeio.forget()
        # One process (--jobs 1): the sites of a folder of several sites are
        # listed one at a time, as they are checked, not all before the first.
        self._defer_sites, self._deferred = self.jobs == 1, set()
        try:
            targets = self.discover(list(paths))
        finally:
            self._defer_sites = False
        by_root: dict[str, list[str]] = {}
        for path, root in targets:
            by_root.setdefault(root, []).append(path)
        for root in self._walked:  # what a walk skipped is reported, files or not
            by_root.setdefault(root, [])
        findings: list[Finding] = []
        files: list[str] = []
        errors: list[str] = []
        documents: dict[str, Document] = {}
        stats = None
        tracebacks: list[str] = []
        summary_notes: set[str] = set()
        for part in self._map_roots(by_root, len(targets)):
            findings.extend(part[0])
            files.extend(part[1])
            errors.extend(part[2])
            documents.update(part[3])
            tracebacks.extend(part[4])
            summary_notes.update(part[6])
            if part[5] is not None:
                if stats is None:
                    from .external import Stats

                    stats = Stats()
                stats.add(part[5])
        if self.external and stats is None:
            from .external import Stats

            stats = Stats()
        findings.sort(key=Finding.sort_key)
        return Result(
            findings,
            sorted(files),
            errors,
            time.perf_counter() - started,
            dict(self._sites),
            documents,
            tracebacks,
            stats,
            sorted(summary_notes),
        )

    def _map_roots(self, by_root: dict[str, list[str]], total: int) -> list[RootResult]:
        """``_check_root`` for every site; on several cores, sites are shared out
        among worker processes when the run is large enough to gain from it."""
        roots = sorted(by_root)
        if self.jobs:
            jobs = self.jobs if total >= PARALLEL_MIN_FILES else 1
        else:
            jobs = auto_jobs(len(roots), total, free_cores())
        if jobs < 2 or len(roots) < 2 or self.keep_documents:
            return [self._check_released(root, by_root[root], root == roots[-1]) for root in roots]
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

    def _check_released(self, root: str, paths: list[str], last: bool) -> RootResult:
        """``_check_root``; in a run over several sites, a site's index is
        released when its site is done (unless the documents are kept), so
        memory stays flat whatever the number of sites: ``Result.sites`` then
        holds the last site only."""
        if root in self._deferred:
            self._deferred.discard(root)
            listed = [path for path, _ in self._site_files(root, root) if path not in paths]
            if listed:
                paths = sorted(paths + listed, key=display_path)
        out = self._check_root(root, paths)
        if not last and not self.keep_documents:
            self._sites.pop(root, None)
            safeio.forget()  # the real paths of its folders
            gc.collect()  # its documents' cycles, before the next site is read
        return out

    def _check_root(self, root: str, paths: list[str]) -> RootResult:
        """Check the documents of one site: (findings, files, errors,
        documents, tracebacks, external.Stats or None, notes). Each document is
        checked behind one guard: a failure is an ``internal-error`` finding on
        that document, and the other documents are still checked. Notes are what
        rules leave in ``site.memo["notes"]`` (topic -> sentence) to be said once
        in the run's summary."""
        findings: list[Finding] = []
        files: list[str] = []
        errors: list[str] = []
        documents: dict[str, Document] = {}
        tracebacks: list[str] = []
        site = self.site(root)
        cfg = self.config(root)
        checked: dict[str, Document] = {}  # rel -> document, for site rules
        external = self._external_rule(cfg)
        stats: Stats | None = None
        directives: dict[str, tuple[Any, ...]] = {}  # display path -> what suppress.apply needs
        for path in paths:
            shown = self.shown(path)
            files.append(shown)
            try:
                rel = site.rel(path) if site.contains(path) else os.path.basename(path)
                if path in self.overlay:
                    doc = Document.from_bytes(path, rel, shown, self.overlay[path])
                else:
                    inside = root if site.contains(path) else os.path.dirname(path)
                    doc = Document.load(path, rel, shown, inside)
                if self.parse_cache is not None:
                    doc.parse_cache = self.parse_cache
                if site.contains(path):
                    doc.site = site
                    if doc.readable and not doc.fm.present:
                        doc.plugin_rendered = site.renders_plain(rel)
                found = self._check_document(doc, site, cfg, tracebacks)
                if doc.readable and suppress.MARK in doc.text:
                    directives[shown] = (
                        suppress.scan(doc),
                        *self._ran(cfg, rel, _links_only(doc, site)),
                    )
            except Exception as exc:  # one document must not stop the run
                tracebacks.append(f"{shown}:\n{_traceback()}")
                findings.append(internal_finding(shown, exc, "checking this file"))
                directives.pop(shown, None)
                continue
            findings.extend(found)
            if self.keep_documents:
                documents[shown] = doc
            if cfg.site_rules or external:
                checked[rel] = doc
        if checked and cfg.site_rules:
            findings.extend(self._check_site(root, checked, tracebacks))
        if external:
            try:
                found, stats = self._check_external(root, checked, external)
            except Exception as exc:  # a bug must not stop the run
                where = display_path(os.path.join(root, "_config.yml"))
                tracebacks.append(f"{where} [{external}]:\n{_traceback()}")
                findings.append(
                    internal_finding(where, exc, f"checking external links ({external})")
                )
            else:
                findings.extend(found)
        if directives:
            findings = suppress.apply(findings, directives)
        findings.extend(self._skipped(site, cfg))
        if site.config_error:
            findings.append(
                Finding(
                    self.shown(os.path.join(root, "_config.yml")),
                    site.config_error_line,
                    0,
                    LOAD_RULE,
                    site.config_error,
                    "error",
                )
            )
        said = [f"{display_path(root)}: {n}" for n in site.memo.get("notes", {}).values()]
        return findings, files, errors, documents, tracebacks, stats, said

    def _skipped(self, site: Site, cfg: configmod.Config) -> list[Finding]:
        """What the walk of the folders given did not read (links out of the
        site, named pipes and devices, unreadable folders): loud, not silent."""
        prefixes = tuple(self._walked.get(site.root, ()))
        if not prefixes or not site.skipped or not self._wanted(LOAD_RULE):
            return []
        return [
            Finding(display_path(site.abspath(rel)), 0, 0, LOAD_RULE, why, "error")
            for rel, why in site.skipped
            if (rel + "/").startswith(prefixes)
            and rel != "_config.yml"  # reported as the site's configuration error
            and not site.excluded(rel)
            and not match_any(cfg.exclude, rel)
        ]

    def _check_document(
        self, doc: Document, site: Site, cfg: configmod.Config, tracebacks: list[str]
    ) -> list[Finding]:
        out: list[Finding] = []
        if doc.readable:
            _ = doc.tokens  # parse now, so that parse problems are among doc.problems
        settings = cfg.for_path(doc.rel)
        links_only = _links_only(doc, site)
        for rid, rule in cfg.rule_objects.items():
            rc = settings[rid]
            if rule.scope not in ("document", "load") or not rc.enabled or not self._wanted(rid):
                continue
            if rule.scope == "document" and not doc.readable:
                continue
            if links_only and not rule.on_copied_markdown:
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
            except userregex.PatternTimeout as exc:
                out.append(_slow_pattern(doc.display, rid, exc))
                continue
            except Exception as exc:  # a bug in a rule must not stop the run
                tracebacks.append(f"{doc.display} [{rid}]:\n{_traceback()}")
                out.append(internal_finding(doc.display, exc, f"running rule {rid} on this file"))
                continue
            for f in produced:  # the engine stamps the rule's id: rules need not write it
                out.append(
                    f.with_(rule=rid, severity=_weaker(f.severity, rc.severity), source=None)
                )
        if doc.lines and out:
            out = [f.with_(source=doc.line_text(f.line) if f.line else None) for f in out]
        return out

    def _check_site(
        self, root: str, docs: dict[str, Document], tracebacks: list[str]
    ) -> list[Finding]:
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
            except userregex.PatternTimeout as exc:
                out.append(_slow_pattern(self.shown(os.path.join(root, "_config.yml")), rid, exc))
                continue
            except Exception as exc:  # a bug in a rule must not stop the run
                where = self.shown(os.path.join(root, "_config.yml"))
                tracebacks.append(f"{where} [{rid}]:\n{_traceback()}")
                out.append(internal_finding(where, exc, f"running the site rule {rid}"))
                continue
            for f in produced:
                doc = by_display.get(f.path)
                sev = cfg.for_path(doc.rel)[rid].severity if doc else rc.severity
                source = doc.line_text(f.line) if doc and f.line else None
                out.append(f.with_(rule=rid, severity=_weaker(f.severity, sev), source=source))
        return out

    def _external_rule(self, cfg: configmod.Config) -> str | None:
        """The id of the rule that checks external links, when this run does."""
        if not self.external:
            return None
        for rid, rule in cfg.rule_objects.items():
            if rule.scope == "external" and self._wanted(rid):
                return str(rid)
        return None

    def _check_external(
        self, root: str, docs: dict[str, Document], rid: str
    ) -> tuple[list[Finding], Stats]:
        """The external link check of one site: (findings, external.Stats)."""
        from . import external

        site, cfg = self.site(root), self.config(root)
        rc = cfg.rules[rid]
        wanted = {
            rel: d for rel, d in docs.items() if d.readable and cfg.for_path(rel)[rid].enabled
        }
        outcome = external.run(wanted, site, rc.options, self.progress)
        out: list[Finding] = []
        by_display = {doc.display: doc for doc in wanted.values()}
        for f in cfg.rule_objects[rid].check(wanted, site, rc.options, outcome.verdicts):
            doc = by_display.get(f.path)
            sev = cfg.for_path(doc.rel)[rid].severity if doc else rc.severity
            source = doc.line_text(f.line) if doc and f.line else None
            out.append(f.with_(rule=rid, severity=_weaker(f.severity, sev), source=source))
        if outcome.stats.unavailable:
            n = outcome.stats.urls - outcome.stats.cached
            out.append(
                Finding(
                    display_path(os.path.join(root, "_config.yml")),
                    0,
                    0,
                    rid,
                    f"{n} external URL{'s were' if n != 1 else ' was'} not checked: "
                    f"{outcome.stats.unavailable}; run again with network access",
                    _weaker("warning", rc.severity),
                )
            )
        return out, outcome.stats

    def _ran(
        self, cfg: configmod.Config, rel: str, links_only: bool = False
    ) -> tuple[set[str], set[str], str | None]:
        """(rule ids that ran on a document, known rule ids, the severity of
        unused-suppression there or None): a suppression of a rule that did
        not run is not reported as unused."""
        settings = cfg.for_path(rel)
        ran = {
            rid
            for rid, rc in settings.items()
            if rc.enabled
            and self._wanted(rid)
            and (not links_only or getattr(cfg.rule_objects.get(rid), "on_copied_markdown", False))
        }
        known = set(cfg.rule_objects)
        rc = settings.get(suppress.RULE_ID)
        severity = rc.severity if rc and rc.enabled and self._wanted(suppress.RULE_ID) else None
        return ran, known, severity

    def _wanted(self, rid: str) -> bool:
        """Do --select and --ignore let rule ``rid`` run? Each names rule ids
        or tags (``--select links``: every rule tagged ``links``)."""
        rule = self.rules.get(rid)
        names = {rid, *(rule.tags if rule is not None else ())}
        if self.select and not names & self.select:
            return False
        return not names & self.ignore


def rule_tags(rules: Iterable[Rule]) -> set[str]:
    """Every tag of these rules."""
    return {tag for rule in rules for tag in rule.tags}


def _links_only(doc: Document, site: Site) -> bool:
    """Does only the link rules' judgement apply to ``doc`` (Markdown that Jekyll
    copies as it is, shown by GitHub)? See ``Site.lint_scope``."""
    if doc.rel in site.file_set:
        return site.lint_scope(doc.rel) == "links"
    return not doc.rendered and not doc.plugin_rendered


def _weaker(explicit: str | None, configured: str) -> str:
    if explicit is None:
        return configured
    return explicit if SEVERITY_RANK[explicit] > SEVERITY_RANK[configured] else configured


def _ids(values: Iterable[str], rules: dict[str, Rule], flag: str) -> set[str]:
    out: set[str] = set()
    for value in values:
        for rid in str(value).split(","):
            rid = rid.strip()
            if not rid:
                continue
            if not rid.replace("-", "").isalnum():
                raise UsageError(f"{flag}: unknown rule '{rid}'; 'lintkit rules' lists them")
            out.add(rid)  # ids that no rule has are rejected once the configuration is read
    return out


def check(paths: Iterable[str], **kwargs: Any) -> Result:
    return Engine(**kwargs).check(paths)
