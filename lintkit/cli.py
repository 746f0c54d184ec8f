"""The command line: click commands over the library API, nothing more."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click

from . import BASELINE_NAME, __version__

if TYPE_CHECKING:
    from .baseline import Baseline, BaselineEntry
    from .engine import Engine, Result
    from .findings import Finding
    from .fixer import Outcome
    from .git import Changes
    from .progress import Bar
    from .staged import Snapshot

EXIT_HELP = """\b
Exit codes:
  0  no finding at or above --fail-on (default: error)
  1  at least one such finding
  2  a problem with the run itself: bad arguments, a broken
     configuration, an unreadable baseline, an internal error
"""
FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


def _one_line(text: str) -> str:
    """A run error as one line of plain text (lintkit.escape.visible)."""
    from .escape import visible

    return visible(" ".join(str(text).split()), keep_tabs=False)


# click's stubs make ParamType generic (8.2+); click 8.1, which lintkit supports, cannot subscript it
class _FormatSpec(click.ParamType):  # type: ignore[type-arg]
    """``FMT`` or ``FMT:FILE``, checked when the command line is parsed."""

    name = "FMT[:FILE]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        fmt, sep, path = str(value).partition(":")
        if fmt not in FORMATS:
            choices = ", ".join(f"'{name}'" for name in FORMATS)
            self.fail(f"'{fmt}' is not one of {choices}.", param, ctx)
        if sep and not path:
            self.fail(f"'{value}': name the file after ':' (FMT:FILE)", param, ctx)
        return str(value)


class _Group(click.Group):
    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's usage errors (a bad option or value) as one line,
        ``lintkit: error: ...``, exit code 2, like every other run error."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.exceptions.Abort:
            click.echo("lintkit: error: aborted", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            hint = ""
            if isinstance(exc, click.UsageError) and exc.ctx is not None:
                sub = exc.ctx.command_path.split(" ")[1:]
                hint = f" (see '{' '.join(['lintkit', *sub, '--help'])}')"
            click.echo(f"lintkit: error: {_one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except BrokenPipeError:
            # The reader went away (`lintkit rules | head`): stop quietly, as
            # a process killed by SIGPIPE would (exit code 128 + 13).
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except Exception as exc:
            from .config import ConfigError
            from .errors import UsageError

            if isinstance(exc, (ConfigError, UsageError)):
                click.echo(f"lintkit: error: {_one_line(str(exc))}", err=True)
            else:
                click.echo(
                    f"lintkit: error: internal error: {type(exc).__name__}: "
                    f"{_one_line(str(exc))}; please report it",
                    err=True,
                )
            ctx.exit(2)


@click.group(cls=_Group, epilog=EXIT_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lintkit")
def main() -> None:
    """lintkit: lint Markdown pages of a Jekyll site, Liquid link tags included."""


def _engine(
    site_root: str | None,
    config: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    keep: bool = False,
    jobs: int = 0,
    external: bool = False,
) -> Engine:
    from .engine import Engine

    progress = _progress_bar() if external else None
    return Engine(
        site_root=site_root,
        config_path=config,
        select=select,
        ignore=ignore,
        keep_documents=keep,
        jobs=jobs,
        external=external,
        progress=progress,
    )


def _progress_bar() -> Bar | None:
    """The external check's progress bar on stderr, when both stdout and
    stderr are terminals (never in CI logs or redirected output)."""
    if not (sys.stderr.isatty() and sys.stdout.isatty()):
        return None
    from .progress import Bar

    return Bar(sys.stderr)


def _run_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command that runs the rules takes."""
    for option in reversed(
        (
            click.option(
                "--site-root",
                type=click.Path(file_okay=False),
                help="The site's root folder (default: nearest folder upward with _config.yml).",
            ),
            click.option(
                "--config",
                type=click.Path(dir_okay=False),
                help="Configuration file (default: .lintkit.yml or pyproject.toml at the site root).",
            ),
            click.option(
                "--select",
                multiple=True,
                help="Only these rule ids or tags, e.g. links (repeat or comma-separate).",
            ),
            click.option(
                "--ignore",
                multiple=True,
                help="Skip these rule ids or tags (repeat or comma-separate).",
            ),
        )
    ):
        func = option(func)
    return func


@main.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=_FormatSpec(),
    help=f"Output format ({'|'.join(FORMATS)}; default text). FMT:FILE writes that "
    "format to FILE; repeat for several reports in one run (the terminal gets text).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report in --format to FILE; the terminal still gets text.",
)
@_run_options
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option(
    "--show",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity to report (default: info, every finding); the exit code "
    "still follows --fail-on.",
)
@click.option("--quiet", "-q", is_flag=True, help="Report errors only (--show error).")
@click.option(
    "--color",
    "colour",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report: auto colours a terminal unless NO_COLOR is set "
    "(FORCE_COLOR forces it).",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="With PATH '-': read the Markdown from standard input and check it as the "
    "file PATH of the site (links are resolved from there).",
)
@click.option(
    "--staged",
    is_flag=True,
    help="Check the commit being made: files as staged in git's index, links judged "
    "against the staged files (a link to an untracked page is broken).",
)
@click.option(
    "--skip-staged",
    is_flag=True,
    help="With --staged: leave out findings in the staged files themselves (the "
    "'lintkit' pre-commit hook reports those), so two hooks never print one twice.",
)
@click.option("--no-source", is_flag=True, help="Text format: do not show source lines.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes for runs over several sites (0: decide from the cores the "
    "machine's load leaves free and the number of pages).",
)
@click.option(
    "--since",
    metavar="REF",
    help="Only Markdown files changed since the git revision REF (committed, staged, "
    "unstaged or untracked), plus files linking to files renamed or deleted since.",
)
@click.option(
    "--external",
    is_flag=True,
    help="Also check links to other sites over the network (rule link-external; "
    "answers cached in .lintkit-cache/).",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Report and fail only on findings not in this baseline file "
    "(see 'lintkit baseline'); fixed entries are listed on stderr.",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Print the traceback of each internal-error finding on stderr.",
)
@click.option(
    "--fix",
    "do_fix",
    is_flag=True,
    help="Repair what is mechanical (the safe fixes), then report what remains.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print a unified diff of what --fix would change, change nothing "
    "(exit 1 when there is a diff).",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff, apply the unsafe fixes too (guesses: review them).",
)
def check(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    output: str | None,
    site_root: str | None,
    config: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    show: str | None,
    quiet: bool,
    colour: str,
    stdin_filename: str | None,
    staged: bool,
    skip_staged: bool,
    no_source: bool,
    jobs: int,
    since: str | None,
    external: bool,
    baseline_file: str | None,
    verbose: bool,
    do_fix: bool,
    show_diff: bool,
    unsafe_fixes: bool,
) -> None:
    """Check Markdown files (PATHS: files or folders; default: the current folder)."""
    from .errors import UsageError

    if unsafe_fixes and not (do_fix or show_diff):
        raise UsageError("--unsafe-fixes applies fixes: give it with --fix or --diff")
    specs = _format_specs(formats, output)
    if skip_staged and not staged:
        raise UsageError("--skip-staged applies to --staged: give both")
    if staged and (since is not None or do_fix or show_diff or "-" in paths):
        raise UsageError(
            "--staged checks the staged files: it cannot be combined with "
            "--since, --fix, --diff or '-'"
        )
    if stdin_filename is not None and list(paths) != ["-"]:
        raise UsageError("--stdin-filename goes with the path '-' (and no other path)")
    if "-" in paths and stdin_filename is None:
        raise UsageError(
            "reading Markdown from standard input ('-') needs --stdin-filename PATH: the "
            "file of the site it stands for, so that its links can be resolved"
        )
    from .engine import display_path

    snapshot: Snapshot | None = None
    if staged:
        from . import staged as staged_module

        snapshot = staged_module.snapshot(os.getcwd())
    try:
        if snapshot is not None:
            site_root = snapshot.to_copy(site_root) if site_root else None
            config = snapshot.to_copy(config) if config else None
        engine = _engine(site_root, config, select, ignore, jobs=jobs, external=external)
        engine.view = snapshot
        known = _read_baseline(baseline_file) if baseline_file else None
        targets = list(paths) or ["."]
        if stdin_filename is not None:
            path = os.path.abspath(stdin_filename)
            engine.overlay[path] = sys.stdin.buffer.read()
            targets = [path]
        if snapshot is not None:
            targets = [snapshot.to_copy(p) for p in targets]
            gone = [p for p in targets if not os.path.lexists(p)]
            for p in gone:  # not in the index: nothing of it is committed
                shown = display_path(snapshot.to_work_tree(p))
                engine.notes.append(f"{shown}: not checked: it is not staged")
            targets = [p for p in targets if p not in gone]
        renames: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        if since is not None:
            from . import gitchanges

            changes_of: dict[str, Changes] = {}
            if do_fix or show_diff:  # the link fixes follow the pages renamed since REF
                for given in targets:
                    root = engine.root_for(os.path.abspath(given))
                    if os.path.exists(given) and root not in changes_of:
                        changes_of[root] = gitchanges.changes_since(since, root)
                        renames[root] = gitchanges.renames(engine.site(root), changes_of[root])
            targets = gitchanges.select(engine, targets, since, changes_of)
        if not targets:
            result, fix_failed = _empty_result(), False
        elif do_fix or show_diff:
            outcome = _fix(
                engine,
                targets,
                site_root,
                config,
                select,
                ignore,
                unsafe_fixes,
                show_diff,
                renames,
                dict(engine.overlay),
                fail_on,
            )
            result, fix_failed = outcome.result, bool(outcome.errors)
        else:
            result, fix_failed = engine.check(targets), False
        if engine.progress is not None:
            engine.progress.close()
    except UsageError as exc:
        if snapshot is None:
            raise
        raise UsageError(snapshot.to_work_tree(str(exc))) from None
    finally:
        if snapshot is not None:
            snapshot.close()
    if skip_staged and snapshot is not None:
        result = _without_staged(result, snapshot)
    fixed: list[BaselineEntry] = []
    if known is not None:
        assert baseline_file is not None  # known was read from it
        result, fixed = _apply_baseline(result, known, baseline_file)
    for note in engine.notes:
        click.echo(f"lintkit: {note}", err=True)
    if result.external is not None:
        for warning in result.external.warnings:
            click.echo(f"lintkit: warning: {warning}", err=True)
    level = "error" if quiet else (show or "info")
    _emit(result, specs, output, no_source, engine, level, _use_colour(colour))
    if known is not None:
        assert baseline_file is not None  # known was read from it
        _report_fixed(fixed, known, baseline_file)
    if not (do_fix or show_diff):
        _fix_hint(result.findings)
    if verbose:
        for trace in result.tracebacks:
            click.echo(f"lintkit: internal error in {trace}", err=True)
    for err in result.errors:
        click.echo(f"lintkit: {_one_line(err.splitlines()[0])}", err=True)
    if result.errors or fix_failed:
        sys.exit(2)
    sys.exit(exit_code(result.findings, fail_on))


def _fix_hint(findings: Iterable[Finding]) -> None:
    """Say how many findings ``--fix`` would repair (on stderr: every stdout format stays as it is)."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safety == "safe")
    if safe:
        click.echo(
            f"lintkit: {safe} of these can be fixed with --fix (--diff shows the changes first)",
            err=True,
        )


def _fix(
    engine: Engine,
    targets: list[str],
    site_root: str | None,
    config: str | None,
    select: Sequence[str],
    ignore: Sequence[str],
    unsafe: bool,
    diff_only: bool,
    renames: dict[str, tuple[dict[str, str], dict[str, str]]],
    given: dict[str, bytes] | None,
    fail_on: str,
) -> Outcome:
    """--fix / --diff: run the fixer; with --diff print the diff and exit. With
    standard input (``given``), --fix prints the fixed text and writes no file."""
    from . import fixer

    def make_engine() -> Engine:
        made = _engine(site_root, config, select, ignore)
        made.renames = renames
        return made

    outcome = fixer.run(
        make_engine, targets, unsafe=unsafe, write=not (diff_only or given), given=given
    )
    if given and not diff_only:
        (path,) = given
        sys.stdout.flush()
        changed = list(outcome.files.values())
        sys.stdout.buffer.write(changed[0].fixed if changed else given[path])
        sys.stdout.flush()
        for line in fixer.summary(outcome, unsafe, write=True):
            click.echo(f"lintkit: {line}", err=True)
        for err in outcome.errors + outcome.result.errors:
            click.echo(f"lintkit: error: {err.splitlines()[0]}", err=True)
        if outcome.errors or outcome.result.errors:
            sys.exit(2)
        sys.exit(exit_code(outcome.result.findings, fail_on))
    if diff_only:
        patch = outcome.diff()
        sys.stdout.flush()
        sys.stdout.buffer.write(patch)
        sys.stdout.flush()
        for line in fixer.summary(outcome, unsafe, write=False):
            click.echo(f"lintkit: {line}", err=True)
        for err in outcome.errors + outcome.result.errors:
            click.echo(f"lintkit: error: {err.splitlines()[0]}", err=True)
        if outcome.errors or outcome.result.errors:
            sys.exit(2)
        sys.exit(1 if patch else 0)
    for line in fixer.summary(outcome, unsafe, write=True):
        click.echo(f"lintkit: {line}", err=True)
    for err in outcome.errors:
        click.echo(f"lintkit: error: {err}", err=True)
    return outcome


def _read_baseline(path: str) -> Baseline:
    from .baseline import BaselineError, read_file
    from .errors import UsageError

    try:
        return read_file(path)
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def _apply_baseline(
    result: Result, known: Baseline, path: str
) -> tuple[Result, list[BaselineEntry]]:
    """Keep only findings the baseline does not know; return (result, fixed entries)."""
    import dataclasses

    from .baseline import split_file

    new, _matched, fixed = split_file(known, path, result.findings, result.files)
    return dataclasses.replace(result, findings=new), fixed


def _report_fixed(fixed: list[BaselineEntry], known: Baseline, path: str) -> None:
    from .baseline import describe_fixed

    for entry in fixed:
        click.echo(describe_fixed(entry), err=True)
    if fixed:
        n = sum(e.count for e in fixed)
        what = "1 baseline finding is" if n == 1 else f"{n} baseline findings are"
        click.echo(
            f"lintkit: {what} fixed; run 'lintkit baseline --output {path}' to remove "
            f"{'it' if n == 1 else 'them'} from the baseline",
            err=True,
        )


def exit_code(findings: Iterable[Finding], fail_on: str) -> int:
    from .findings import SEVERITY_RANK

    if fail_on == "never":
        return 0
    limit = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity or "error"] <= limit for f in findings) else 0


def _text(
    result: Result,
    engine: Engine,
    no_source: bool,
    colour: bool,
    hidden: int,
    counts: dict[str, int],
) -> str:
    from .report import text

    return text.render(
        result.findings,
        counts,
        len(result.files),
        result.seconds,
        show_source=not no_source,
        colour=colour,
        hidden=hidden,
        external=result.external,
        notes=result.summary_notes,
    )


def render(result: Result, fmt: str, engine: Engine, no_source: bool = False) -> str:
    rules = list(engine.rules.values())
    if fmt == "text":
        from .report import text

        return text.render(
            result.findings,
            result.counts(),
            len(result.files),
            result.seconds,
            show_source=not no_source,
            notes=result.summary_notes,
            external=result.external,
        )
    if fmt == "json":
        from .report import jsonout

        return jsonout.render(result.findings)
    kwargs: dict[str, Any] = dict(rules=rules, files=result.files, tool_version=__version__)
    if fmt == "github":
        from .report import github

        return github.render(result.findings, **kwargs)
    if fmt == "sarif":
        from .report import sarif

        return sarif.render(result.findings, **kwargs)
    if fmt == "junit":
        from .report import junit

        return junit.render(result.findings, **kwargs)
    from .report import gitlab

    return gitlab.render(result.findings, **kwargs)


def _format_specs(formats: Sequence[str], output: str | None) -> list[tuple[str, str | None]]:
    """(format, file or None for the terminal / --output) of each --format."""
    from .errors import UsageError

    specs: list[tuple[str, str | None]] = []
    for value in formats or ("text",):
        fmt, _, path = str(value).partition(":")  # checked by _FormatSpec
        specs.append((fmt, path or None))
    if sum(1 for _, path in specs if path is None) > 1:
        raise UsageError(
            "several --format without a file: one report goes to the terminal (or "
            "--output); give the others as FMT:FILE"
        )
    files = [path for _, path in specs if path] + ([output] if output else [])
    if len(set(files)) < len(files):
        raise UsageError("two reports would be written to the same file")
    return specs


def _use_colour(choice: str) -> bool:
    """Colour for the terminal: --color, else FORCE_COLOR, NO_COLOR, a TTY."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _empty_result() -> Result:
    from .engine import Result

    return Result([], [])


def _without_staged(result: Result, snapshot: Snapshot) -> Result:
    """The result without findings in the files the commit adds or changes."""
    import dataclasses

    from .engine import display_path

    staged = {display_path(os.path.join(snapshot.toplevel, rel)) for rel in snapshot.staged}
    keep = [f for f in result.findings if f.path not in staged]
    return dataclasses.replace(result, findings=keep)


def _emit(
    result: Result,
    specs: list[tuple[str, str | None]],
    output: str | None,
    no_source: bool,
    engine: Engine,
    level: str = "info",
    colour: bool = False,
) -> None:
    import dataclasses

    from .findings import SEVERITY_RANK

    shown = [
        f for f in result.findings if SEVERITY_RANK[f.severity or "error"] <= SEVERITY_RANK[level]
    ]
    hidden = len(result.findings) - len(shown)
    counts = result.counts()
    result = dataclasses.replace(result, findings=shown)
    terminal = None
    for fmt, path in specs:
        if path is None and not output:
            terminal = fmt
            continue
        target = path or output
        assert target is not None  # a spec without a file and no --output went to the terminal
        _write(target, render(result, fmt, engine, no_source))
    if terminal is None or terminal == "text":
        click.echo(_text(result, engine, no_source, colour, hidden, counts), nl=False, color=colour)
    else:
        click.echo(render(result, terminal, engine, no_source), nl=False)
    if any(fmt == "github" for fmt, _ in specs) and os.environ.get("GITHUB_STEP_SUMMARY"):
        from .report import github
        from .safeio import append_text

        summary = github.step_summary(
            result.findings,
            result.files,
            rules=list(engine.rules.values()),
            external=result.external,
        )
        try:
            append_text(os.environ["GITHUB_STEP_SUMMARY"], summary)
        except OSError as exc:
            click.echo(f"lintkit: warning: cannot append to $GITHUB_STEP_SUMMARY: {exc}", err=True)


def _write(path: str, text: str) -> None:
    """Write atomically, never through a symbolic link (lintkit.safeio)."""
    from .errors import UsageError
    from .safeio import write_text

    try:
        write_text(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write '{path}': {exc.strerror or exc}") from None


@main.command("baseline", epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=BASELINE_NAME,
    show_default=True,
    help="The baseline file to write (paths in it are relative to its folder).",
)
@_run_options
def baseline_cmd(
    paths: tuple[str, ...],
    output: str,
    site_root: str | None,
    config: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Record today's findings in PATHS, so 'check --baseline FILE' reports only new ones."""
    from .baseline import baseline_entries, write_file_text

    engine = _engine(site_root, config, select, ignore)
    result = engine.check(paths or ["."])
    for err in result.errors:
        click.echo(f"lintkit: {_one_line(err.splitlines()[0])}", err=True)
    if result.errors:
        click.echo(f"lintkit: error: {output} not written: the run was incomplete", err=True)
        sys.exit(2)
    _write(output, write_file_text(output, result.findings))
    entries = len(baseline_entries(result.findings))
    n, files = len(result.findings), len(result.files)
    click.echo(
        f"Wrote {n} finding{'s' if n != 1 else ''} ({entries} "
        f"entr{'ies' if entries != 1 else 'y'}) from {files} file{'s' if files != 1 else ''} "
        f"to {output}."
    )


@main.command("init", epilog=EXIT_HELP)
@click.argument("folder", required=False, default=".", type=click.Path())
@click.option(
    "--hooks-repo",
    metavar="URL",
    help="The repository pre-commit installs lintkit's hooks from (default: where this "
    "lintkit was installed from).",
)
@click.option(
    "--hooks-rev",
    metavar="REV",
    help="The tag or commit of --hooks-repo (default: this version's release tag, or the "
    "commit it was installed from).",
)
def init_cmd(folder: str, hooks_repo: str | None, hooks_rev: str | None) -> None:
    """Set lintkit up on the site holding FOLDER (default: here): write .lintkit.yml
    with the preset that fits, a baseline of today's findings and the pre-commit
    configuration; existing files are kept. Prints what it did."""
    from . import init

    plan = init.run(folder, lambda: _engine(None, None, (), ()), hooks_repo, hooks_rev)
    for line in plan.lines:
        click.echo(line)


@main.command("review")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--since",
    metavar="REF",
    help="Review only the Markdown files changed since this git revision, and list "
    "the pages whose inbound links changed.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html"]),
    default="markdown",
    show_default=True,
    help="Markdown (a pull-request comment) or one HTML page.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE (atomically) instead of standard output.",
)
@click.option(
    "--site-root",
    type=click.Path(file_okay=False),
    help="The site's root folder (default: nearest folder upward with _config.yml).",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: .lintkit.yml or pyproject.toml at the site root).",
)
@click.option(
    "--stale-days",
    type=click.IntRange(min=0),
    default=90,
    show_default=True,
    help="A draft whose notice is older than this many days goes on the checklist.",
)
@click.option(
    "--external",
    is_flag=True,
    help="Also check links to other sites over the network, for the Dead links section.",
)
def review_cmd(
    paths: tuple[str, ...],
    since: str | None,
    fmt: str,
    output: str | None,
    site_root: str | None,
    config: str | None,
    stale_days: int,
    external: bool,
) -> None:
    """Write a review report of a site: summary, drafts, milestone tracks,
    findings, links and a checklist (the date comes from SOURCE_DATE_EPOCH when set).
    Exit 0 when the report is written, 2 on a problem with the run."""
    from .review import build, generated_date, render

    today = generated_date()
    progress = _progress_bar() if external else None
    model, errors = build(
        paths or ["."],
        site_root=site_root,
        config_path=config,
        since=since,
        stale_days=stale_days,
        today=today,
        external=external,
        progress=progress,
    )
    if progress is not None:
        progress.close()
    text = render(model, fmt)
    if output:
        _write(output, text)
    else:
        click.echo(text, nl=False)
    for err in errors:
        click.echo(f"lintkit: {_one_line(err.splitlines()[0])}", err=True)
    sys.exit(2 if errors else 0)


@main.command("words", epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--min-pages",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only words written on at least this many pages.",
)
@click.option(
    "--add", is_flag=True, help="Append the listed words to the site's words file (spelling)."
)
@click.option("--site-root", type=click.Path(file_okay=False))
@click.option("--config", type=click.Path(dir_okay=False))
def words_cmd(
    paths: tuple[str, ...], min_pages: int, add: bool, site_root: str | None, config: str | None
) -> None:
    """List the words the spelling rule does not know (PATHS: files or folders;
    default: the current folder): times written, pages, word; most written first."""
    from .spellcheck import add_words, site_words

    engine = _engine(site_root, config, (), ())
    found = site_words(engine, list(paths) or ["."])
    for root in sorted(found):
        listed = [(w, c, p) for w, c, p in found[root] if p >= min_pages]
        if len(found) > 1:
            click.echo(f"{root}:")
        for word, count, pages in listed:
            click.echo(f"{count:>4} {pages:>2}  {word}")
        if add and listed:
            site, cfg = engine.site(root), engine.config(root)
            settings = cfg.rules.get("spelling")
            words_file = (settings.options if settings else {}).get("words-file")
            path, added = add_words(
                site, words_file or ".lintkit/words.txt", [w for w, _, _ in listed]
            )
            noun = "word" if len(added) == 1 else "words"
            click.echo(f"Added {len(added)} {noun} to {path}")


@main.command("rules")
@click.option("--site-root", type=click.Path(file_okay=False))
@click.option("--config", type=click.Path(dir_okay=False))
def rules_cmd(site_root: str | None, config: str | None) -> None:
    """List every rule: id, severity in the current config, fixable, summary."""
    engine = _engine(site_root, config, (), ())
    cfg = engine.config(engine.root_for(site_root or "."))
    rules = cfg.rule_objects
    width = max(len(r) for r in rules)
    for rid in sorted(rules):
        rule = rules[rid]
        rc = cfg.rules[rid]
        sev = rc.severity if rc.enabled else "off"
        fix = "fix" if rule.fixable else "-"
        kind = f" [{rule.kind}]" if rule.kind else ""
        click.echo(f"{rid:<{width}}  {sev:<7}  {fix:<3}  {rule.summary}{kind}")


@main.command("rule")
@click.argument("rule_id")
@click.option("--site-root", type=click.Path(file_okay=False))
@click.option("--config", type=click.Path(dir_okay=False))
def rule_cmd(rule_id: str, site_root: str | None, config: str | None) -> None:
    """Print a rule's documentation (rules a configuration defines too)."""
    import re

    from .errors import UsageError

    engine = _engine(site_root, config, (), ())
    rules = engine.config(engine.root_for(site_root or ".")).rule_objects
    if rule_id not in rules:
        raise UsageError(f"unknown rule '{rule_id}'; 'lintkit rules' lists them")
    rule = rules[rule_id]
    click.echo(f"{rule.id} ({rule.severity}): {rule.summary}\n")
    click.echo(re.sub(r"\n<!-- example-(?:site|engine):[^>]*-->\n", "", rule.doc))
    if rule.options:
        click.echo("\n## Options\n")
        for name, opt in rule.options.items():
            click.echo(f"- {name} ({opt.type.__name__}, default {opt.default!r}): {opt.doc}")


@main.command("config")
@click.argument("path", required=False, type=click.Path())
@click.option("--site-root", type=click.Path(file_okay=False))
@click.option("--config", type=click.Path(dir_okay=False))
def config_cmd(path: str | None, site_root: str | None, config: str | None) -> None:
    """Print the effective configuration (YAML), after extends; for PATH,
    after the overrides that match it too."""
    from . import config as configmod
    from .errors import UsageError

    if path is not None and not os.path.exists(path):
        raise UsageError(f"path '{path}' does not exist")
    engine = _engine(site_root, config, (), ())
    root = engine.root_for(path or site_root or ".")
    cfg = engine.config(root)
    rel = None
    if path is not None:
        site = engine.site(root)
        rel = site.rel(path) if site.contains(path) else os.path.basename(path)
    click.echo(configmod.dump(configmod.effective(cfg, rel)), nl=False)


@main.command("lsp")
def lsp_command() -> None:
    """Serve the Language Server Protocol over stdio (for editors).

    Diagnostics of open Markdown pages from their unsaved text, fixes and
    suppressions as code actions, completion of link targets and #fragments,
    go to definition and hover on links. Needs: pip install 'lintkit[lsp]'."""
    import importlib.util

    from .errors import UsageError

    if importlib.util.find_spec("pygls") is None:
        raise UsageError("lintkit lsp needs pygls: pip install 'lintkit[lsp]'")
    from .lsp import main as serve

    serve()


def run(argv: list[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    try:
        main.main(args=argv, prog_name="lintkit", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
