"""Jekyll plugins as data: which plugins a site's build turns on, and what each
one changes about the URLs that exist, the links Jekyll writes and the front
matter a page needs.

A plugin is on when the site names it in ``_config.yml`` (``plugins:`` or the
older ``gems:``) or in its ``Gemfile``'s ``jekyll_plugins`` group, or when the
site is built by GitHub Pages, which always turns on its default set
(``GITHUB_PAGES_DEFAULTS``). The site is built by GitHub Pages when its Gemfile
names the ``github-pages`` gem, when it has neither a Gemfile nor a
``_plugins`` folder (GitHub's own build then runs), or when a workflow uses
``actions/jekyll-build-pages``. GitHub Pages builds with Jekyll 3.10, where
``{% link %}`` and ``{% post_url %}`` do not add ``baseurl``; other builds are
taken to be Jekyll 4.

Each modelled plugin is one module of this package with ``NAME`` and any of
these hooks (all optional, all pure functions of the site):

- ``renders(site, rel) -> bool``: a file without front matter is rendered;
- ``generated(site) -> dict[dest, name]``: output files without a source;
- ``rewrite(site, doc_rel, path) -> str | None``: the href a Markdown link is
  rewritten to (``None``: left as written);
- ``SUPPLIES``: front-matter keys the plugin fills in (so not required).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Any

# The plugins GitHub Pages turns on for every site it builds (github/pages-gem
# lib/github-pages/plugins.rb, DEFAULT_PLUGINS), of which those that change
# URLs, links or the keys a page needs are modelled.
GITHUB_PAGES_DEFAULTS = (
    "jekyll-coffeescript",
    "jekyll-default-layout",
    "jekyll-gist",
    "jekyll-github-metadata",
    "jekyll-optional-front-matter",
    "jekyll-paginate",
    "jekyll-readme-index",
    "jekyll-titles-from-headings",
    "jekyll-relative-links",
)

MODULES = {
    "jekyll-optional-front-matter": "optional_front_matter",
    "jekyll-relative-links": "relative_links",
    "jekyll-titles-from-headings": "titles_from_headings",
    "jekyll-readme-index": "readme_index",
    "jekyll-default-layout": "default_layout",
    "jekyll-redirect-from": "redirect_from",
    "jekyll-sitemap": "sitemap",
    "jekyll-feed": "feed",
}

_GEM_RE = re.compile(r"""^\s*gem\s*\(?\s*["']([\w.\-]+)["'](.*)$""")
_GROUP_RE = re.compile(r"^\s*group\s*\(?(.*?)\)?\s*do\b")
_PAGES_ACTION_RE = re.compile(r"actions/jekyll-build-pages")


@dataclass(frozen=True)
class Build:
    """How the site is built."""

    plugins: frozenset[str]  # every plugin name that is on
    github_pages: bool  # built by GitHub Pages (Jekyll 3.10 and its default plugins)
    why: str  # what says so, for messages

    @property
    def jekyll(self) -> int:
        """The Jekyll major version: 3 for GitHub Pages, else 4."""
        return 3 if self.github_pages else 4

    @property
    def name(self) -> str:
        return "GitHub Pages (Jekyll 3.10)" if self.github_pages else "Jekyll 4"


def gemfile_gems(text: str) -> tuple[set[str], set[str]]:
    """(every gem the Gemfile names, the gems of its ``jekyll_plugins`` group)."""
    gems: set[str] = set()
    plugins: set[str] = set()
    groups: list[bool] = []
    for line in text.splitlines():
        code = line.split("#", 1)[0]
        g = _GROUP_RE.match(code)
        if g:
            groups.append("jekyll_plugins" in g.group(1))
            continue
        if re.match(r"^\s*end\b", code) and groups:
            groups.pop()
            continue
        m = _GEM_RE.match(code)
        if m:
            gems.add(m.group(1))
            if (groups and groups[-1]) or re.search(r"group\s*:\s*:jekyll_plugins", m.group(2)):
                plugins.add(m.group(1))
    return gems, plugins


def config_plugins(config: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for key in ("plugins", "gems"):
        value = config.get(key)
        if isinstance(value, list):
            out.update(str(p) for p in value if isinstance(p, (str, int)))
        elif isinstance(value, str):
            out.add(value)
    return out


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(200_000)
    except OSError:
        return None


def _pages_workflow(root: str) -> bool:
    folder = os.path.join(root, ".github", "workflows")
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return False
    for name in names:
        if name.endswith((".yml", ".yaml")):
            text = _read(os.path.join(folder, name)) or ""
            if _PAGES_ACTION_RE.search(text):
                return True
    return False


def detect(root: str, config: dict[str, Any]) -> Build:
    """The build of the site at ``root`` with ``_config.yml`` ``config``. The
    lintkit configuration may force it (``Site.build_override``)."""
    named = config_plugins(config)
    gemfile = _read(os.path.join(root, "Gemfile"))
    gems: set[str] = set()
    if gemfile is not None:
        gems, group = gemfile_gems(gemfile)
        named |= group
    pages, why = False, ""
    if "github-pages" in gems:
        pages, why = True, "the Gemfile names the github-pages gem"
    elif _pages_workflow(root):
        pages, why = True, "a workflow builds it with actions/jekyll-build-pages"
    elif gemfile is None and not os.path.isdir(os.path.join(root, "_plugins")):
        pages, why = True, "no Gemfile and no _plugins: GitHub Pages' own build"
    elif gemfile is not None:
        why = "the Gemfile does not name github-pages"
    else:
        why = "the site has its own plugins (_plugins), which GitHub Pages does not run"
    if pages:
        named |= set(GITHUB_PAGES_DEFAULTS)
    return Build(frozenset(named), pages, why)


def with_version(build: Build, version: int) -> Build:
    """``build`` with the Jekyll version the lintkit configuration names."""
    return Build(build.plugins, version == 3, f"the lintkit option jekyll-version: {version}")


def modules(build: Build) -> list[ModuleType]:
    """The modules of the plugins that are on, in a fixed order."""
    out = []
    for name, module in MODULES.items():
        if name in build.plugins:
            out.append(import_module(f"{__name__}.{module}"))
    return out


def supplied_keys(build: Build) -> dict[str, str]:
    """Front-matter key -> the plugin that fills it in."""
    out: dict[str, str] = {}
    for mod in modules(build):
        for key in getattr(mod, "SUPPLIES", ()):
            out.setdefault(key, mod.NAME)
    return out


def optional_front_matter_renders(site: Any, rel: str) -> bool:
    from . import optional_front_matter

    return optional_front_matter.renders(site, rel)
