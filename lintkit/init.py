"""``lintkit init``: set lintkit up on a site in one step.

For the site (the nearest folder upward holding ``_config.yml``) it writes:

1. ``.lintkit.yml`` at the site root: ``extends:`` the preset that fits the
   site (``jekyll`` when the site has its own ``_layouts/`` and no theme, so
   layout names can be checked; ``default`` otherwise);
2. ``.lintkit-baseline.json`` at the site root: today's findings under that
   configuration, so the first commit passes and only new problems fail;
3. ``.pre-commit-config.yaml`` at the root of the git repository (the site's
   root outside git): lintkit's two hooks, judging the commit being made, with
   the baseline.

A file that exists is never overwritten: it is kept and the step says so
(for ``.pre-commit-config.yaml`` without lintkit, the lines to add are
printed). The hooks' ``repo`` and ``rev`` say where lintkit comes from: by
default what pip recorded when lintkit was installed (the git URL and
revision, or the local clone and its release tag or commit), else the
project's address; ``--hooks-repo`` and ``--hooks-rev`` override them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any
from urllib.parse import unquote, urlparse

from . import BASELINE_NAME, __version__, git
from . import config as configmod
from .errors import UsageError
from .site import find_root

PROJECT_URL = "https://github.com/OWNER/lintkit"  # where the project is published

PRECOMMIT_NAME = ".pre-commit-config.yaml"


@dataclass
class Plan:
    """What ``init`` did: one line per step, for the user."""

    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


def preset_for(root: str, site_config: dict[str, Any]) -> str:
    """The preset that fits the site: ``jekyll`` when its layouts are its own."""
    themed = any(site_config.get(key) for key in ("theme", "remote_theme"))
    if os.path.isdir(os.path.join(root, "_layouts")) and not themed:
        return "jekyll"
    return "default"


def hooks_source() -> tuple[str, str]:
    """(repo, rev) for the hooks: where this lintkit was installed from."""
    try:
        raw = metadata.distribution("lintkit").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        raw = None
    tag = f"v{__version__}"
    if raw:
        try:
            info = json.loads(raw)
        except ValueError:
            info = {}
        url = str(info.get("url", ""))
        vcs = info.get("vcs_info")
        if isinstance(vcs, dict) and url:
            rev = vcs.get("requested_revision") or vcs.get("commit_id") or tag
            return url.removeprefix("git+"), str(rev)
        if "dir_info" in info and url.startswith("file:"):
            path = unquote(urlparse(url).path)
            return path, _local_rev(path, tag)
    return PROJECT_URL, tag


def _git(folder: str, *args: str) -> str | None:
    """git's answer in ``folder`` (through the one git client), None on failure."""
    try:
        proc = git.run(args, folder)
    except git.GitError:
        return None
    return os.fsdecode(proc.stdout).strip() if proc.returncode == 0 else None


def _local_rev(path: str, tag: str) -> str:
    """The release tag when the clone has it, else its current commit id."""
    if _git(path, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}^{{commit}}"):
        return tag
    return _git(path, "rev-parse", "HEAD") or tag


def _toplevel(root: str) -> str | None:
    top = _git(root, "rev-parse", "--show-toplevel")
    return os.path.realpath(top) if top else None


def precommit_text(repo: str, rev: str, site_arg: str | None, baseline: str) -> str:
    """The ``.pre-commit-config.yaml`` lintkit's hooks need."""
    both = f"--baseline={baseline}"
    site_args = f"[{both}, {site_arg}]" if site_arg else f"[{both}]"
    return (
        "# lintkit's hooks (written by `lintkit init`): each commit is checked as it will be\n"
        "# recorded; findings in the baseline are accepted, new ones fail the commit.\n"
        "# `pre-commit autoupdate` moves rev to lintkit's newest release tag.\n"
        "repos:\n"
        f"  - repo: {_yaml_scalar(repo)}\n"
        f"    rev: {_yaml_scalar(rev)}\n"
        "    hooks:\n"
        "      - id: lintkit        # the staged Markdown pages\n"
        f"        args: [{both}]\n"
        "      - id: lintkit-site   # the other pages: a deleted or renamed page is caught\n"
        f"        args: {site_args}\n"
    )


def _yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back unchanged."""
    plain = re.fullmatch(r"[A-Za-z0-9_./~+=-][A-Za-z0-9_./~+=:@-]*", text)
    return text if plain and ": " not in text else json.dumps(text)


def run(
    folder: str,
    engine_factory: Callable[[], Any],
    hooks_repo: str | None = None,
    hooks_rev: str | None = None,
) -> Plan:
    """Set lintkit up for the site holding ``folder``; return what was done."""
    from .baseline import baseline_entries, write_file_text
    from .safeio import write_text

    if not os.path.isdir(folder):
        raise UsageError(f"'{folder}' is not a folder")
    root = find_root(folder)
    if root is None:
        raise UsageError(
            f"no Jekyll site at '{folder}': no _config.yml in it or a folder above it; "
            "run lintkit init in the site"
        )
    plan = Plan()
    shown_root = os.path.relpath(root)
    where = "" if shown_root == os.curdir else f" in {shown_root}"
    plan.say(f"Jekyll site{where or ' here'}: {os.path.join(shown_root, '_config.yml')}")

    existing = configmod.find(root)
    if existing:
        plan.say(f"kept {os.path.relpath(existing)} (it exists)")
    else:
        from .site import Site

        preset = preset_for(root, Site.load(root).config)
        why = (
            "the site has its own layouts, so layout names are checked too"
            if preset == "jekyll"
            else "every built-in rule at its default severity"
        )
        path = os.path.join(root, configmod.CONFIG_NAMES[0])
        write_text(
            path,
            f"# lintkit's configuration (see the README: Configuration).\nextends: {preset}\n",
        )
        plan.say(f"wrote {os.path.relpath(path)}: extends the '{preset}' preset ({why})")

    baseline = os.path.join(root, BASELINE_NAME)
    if os.path.lexists(baseline):
        plan.say(f"kept {os.path.relpath(baseline)} (it exists; 'lintkit baseline' re-records it)")
    else:
        engine = engine_factory()
        result = engine.check([root])
        if result.errors:
            raise UsageError(
                f"{os.path.relpath(baseline)} not written: the run was incomplete "
                f"({result.errors[0].splitlines()[0]})"
            )
        write_text(baseline, write_file_text(baseline, result.findings))
        n, entries = len(result.findings), len(baseline_entries(result.findings))
        plan.say(
            f"wrote {os.path.relpath(baseline)}: today's {n} finding{'s' if n != 1 else ''} "
            f"in {len(result.files)} files ({entries} entr{'ies' if entries != 1 else 'y'}); "
            "they are accepted, new ones fail"
        )

    top = _toplevel(root)
    base = top or root
    precommit = os.path.join(base, PRECOMMIT_NAME)
    site_rel = os.path.relpath(root, base).replace(os.sep, "/")
    site_arg = None if site_rel == "." else site_rel
    baseline_rel = os.path.relpath(baseline, base).replace(os.sep, "/")
    repo, rev = hooks_source()
    repo, rev = hooks_repo or repo, hooks_rev or rev
    text = precommit_text(repo, rev, site_arg, baseline_rel)
    if os.path.lexists(precommit):
        with open(precommit, encoding="utf-8", errors="replace") as fh:
            current = fh.read()
        if "id: lintkit" in current:
            plan.say(f"kept {os.path.relpath(precommit)} (it already runs lintkit)")
        else:
            plan.say(
                f"kept {os.path.relpath(precommit)} (it exists); add lintkit's hooks to its "
                "repos:\n" + "\n".join("  " + line for line in text.splitlines()[4:])
            )
    else:
        write_text(precommit, text)
        plan.say(f"wrote {os.path.relpath(precommit)}: hooks from {repo} at {rev}")
    if repo == PROJECT_URL:
        plan.say(
            f"note: replace {PROJECT_URL} in {PRECOMMIT_NAME} with where you host lintkit "
            "(or give --hooks-repo URL)"
        )
    elif os.path.isdir(repo):
        plan.say(
            f"note: the hooks come from the clone at {repo}; to share the configuration, "
            "give --hooks-repo with the URL where you host lintkit"
        )
    if top is None:
        plan.say("note: the site is not in a git repository: run 'git init' for pre-commit")
    plan.say("next: pre-commit install && git add -A && git commit")
    return plan
