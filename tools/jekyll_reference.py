#!/usr/bin/env python3
"""The reference verdict on a Jekyll site: build it with the real Jekyll, run html-proofer.

    python3 tools/jekyll_reference.py [SITE] [--json FILE] [--map FILE] [--keep]

The site is copied to a temporary folder first (the original is never touched). There,
plugins that are not installed are taken out of ``_config.yml`` and the ``Gemfile``;
``jekyll-ical-tag`` is replaced by a stub block tag ``ical`` that renders nothing (its
``_plugins/ical_tag_patch.rb`` is removed), and a small hook plugin records which source file
produced which output file. Then ``jekyll build`` runs without bundler, and html-proofer
checks ``_site`` with external links disabled.

Prints a JSON list of findings: ``{"page", "source", "source_line", "line", "target",
"message"}`` where ``page`` is the built file relative to ``_site`` (``line`` is a line of it),
``source`` the file that produced it and ``source_line`` the first line of it that holds the
target (a guess).
A failed build (for example ``Could not find document 'x' in tag 'link'``) gives findings
with ``"page": null`` and the source file Jekyll names. Timings and versions go to stderr.
Exit status: 0 no findings, 1 findings, 2 a tool is missing or the setup failed.
Stdlib only; not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# the shared corpus beside this repository (../shared next to the checkout)
DEFAULT_SITE = os.path.normpath(
    os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpora", "samman-site"
    )
)
COPY_IGNORE = shutil.ignore_patterns(
    "_site",
    ".git",
    "node_modules",
    ".jekyll-cache",
    ".sass-cache",
    ".bundle",
    "Gemfile.lock",
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")

ICAL_STUB = """# Added by lintkit tools/jekyll_reference.py: jekyll-ical-tag is not packaged in Debian.
module Jekyll
  class LintkitIcalStub < Liquid::Block
    def render(_context)
      ""
    end
  end
end
Liquid::Template.register_tag("ical", Jekyll::LintkitIcalStub)
"""

SOURCE_MAP_PLUGIN = """# Added by lintkit tools/jekyll_reference.py: which source produced which output file.
require "json"
Jekyll::Hooks.register :site, :post_write do |site|
  dest = File.expand_path(site.dest)
  rel = lambda { |path| File.expand_path(path).sub(dest + "/", "") }
  rows = []
  site.pages.each do |p|
    rows << {"source" => p.relative_path.sub(%r{\\A/}, ""), "output" => rel.call(p.destination(dest)),
             "url" => p.url, "kind" => "page"}
  end
  site.documents.each do |d|
    next unless d.write?
    rows << {"source" => d.relative_path, "output" => rel.call(d.destination(dest)),
             "url" => d.url, "kind" => "document"}
  end
  site.static_files.each do |f|
    next unless f.write? && f.extname =~ /\\A\\.html?\\z/i
    rows << {"source" => f.relative_path.sub(%r{\\A/}, ""), "output" => rel.call(f.destination(dest)),
             "url" => f.url, "kind" => "static"}
  end
  File.write(ENV.fetch("LINTKIT_SOURCE_MAP"), JSON.pretty_generate(rows))
end
"""


class SetupError(Exception):
    """A missing tool or an unusable site: exit status 2."""


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, **kw)
    except OSError as exc:
        raise SetupError(f"cannot run {cmd[0]}: {exc}") from exc


def need(tool: str, hint: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise SetupError(f"{tool} not found ({hint})")
    return path


def version_of(cmd) -> str:
    proc = run(cmd)
    return (
        ANSI.sub("", (proc.stdout or proc.stderr).strip().splitlines()[0])
        if (proc.stdout or proc.stderr)
        else "?"
    )


# -- configuration edits ----------------------------------------------------------------------


def plugin_names(config_text: str) -> list[str]:
    """Names listed under every ``plugins:`` (and legacy ``gems:``) key of _config.yml."""
    names = []
    in_list = False
    for line in config_text.splitlines():
        if re.match(r"^(plugins|gems)\s*:\s*(#.*)?$", line):
            in_list = True
            continue
        if in_list:
            m = re.match(r"^\s*-\s*['\"]?([\w.\-/]+)['\"]?\s*(#.*)?$", line)
            if m:
                names.append(m.group(1))
                continue
            if line.strip() == "" or line.lstrip().startswith("#"):
                continue
            in_list = False
        m = re.match(r"^(plugins|gems)\s*:\s*\[(.*)\]", line)
        if m:
            names += [n.strip().strip("'\"") for n in m.group(2).split(",") if n.strip()]
    return names


def drop_plugin_lines(text: str, name: str) -> str:
    """Remove a plugin from a _config.yml list or a Gemfile ``gem`` line."""
    esc = re.escape(name)
    text = re.sub(r"(?m)^\s*-\s*['\"]?" + esc + r"['\"]?\s*(#.*)?(\n|\Z)", "", text)
    text = re.sub(r"(?m)^\s*gem\s+['\"]" + esc + r"['\"].*(\n|\Z)", "", text)

    def inline(m: re.Match) -> str:  # plugins: [a, b]
        items = [i for i in m.group(2).split(",") if i.strip().strip("'\"") != name]
        return m.group(1) + ",".join(items) + "]"

    return re.sub(r"(?m)^((?:plugins|gems)\s*:\s*\[)([^\]\n]*)\]", inline, text)


def requirable(features: list[str]) -> dict[str, bool]:
    """Which ruby features can be required (one ruby process)."""
    if not features:
        return {}
    script = (
        'require "json"; require "jekyll"; out = {}; ARGV.each { |f| begin; require f; '
        "out[f] = true; rescue LoadError, StandardError; out[f] = false; end }; "
        "puts JSON.generate(out)"
    )
    proc = run(["ruby", "-e", script, *features])
    if proc.returncode != 0:
        raise SetupError("ruby failed while checking plugins:\n" + proc.stderr.strip())
    return json.loads(proc.stdout.strip().splitlines()[-1])


TAG_STUB = """# Added by lintkit tools/jekyll_reference.py: the plugin that defines it is not packaged.
Liquid::Template.register_tag("{name}", Class.new(Liquid::Tag) {{ def render(_c) = "" }})
"""
BLOCK_STUB = """# Added by lintkit tools/jekyll_reference.py: the plugin that defines it is not packaged.
Liquid::Template.register_tag("{name}", Class.new(Liquid::Block) {{ def render(_c) = "" }})
"""
UNKNOWN_TAG = re.compile(r"Unknown tag '(\w+)'")
SASS_IMPORT = re.compile(
    r"File to import not found or unreadable: (\S+?)\.? on line \d+:\d+ of (\S+)"
)
SCSS_ERROR = re.compile(r"Converters::Scss encountered an error while converting '([^']+)'")
THEME_MISSING = re.compile(r"The (\S+) theme could not be found")
INCLUDE_MISSING = re.compile(
    r"Could not locate the included file '([^']+)' in any of \[\"([^\"]+)\""
)
# Plugins that need the network (the GitHub API) are stubbed even when installed.
NEEDS_NETWORK = {"jekyll-github-metadata"}


def _site_build(work: str):
    """lintkit's view of how the site is built (plugins, GitHub Pages)."""
    root = os.path.dirname(HERE_TOOLS)
    if root not in sys.path:
        sys.path.insert(0, root)
    from lintkit.site import Site

    return Site.load(work).build


HERE_TOOLS = os.path.dirname(os.path.abspath(__file__))


def _quote_symbols(config_text: str) -> str:
    """Psych 4 (Debian's ruby) refuses ``key: :title`` (a Symbol) in
    _config.yml, which the gem-installed Jekyll reads: quote such values."""
    return re.sub(r"(?m)^(\s*[\w-]+:\s+)(:[\w:/.-]+)\s*$", r'\1"\2"', config_text)


def _append_plugins(config_text: str, names: list[str]) -> str:
    if not names:
        return config_text
    listed = plugin_names(config_text)
    extra = [n for n in names if n not in listed]
    if not extra:
        return config_text
    m = re.search(r"(?m)^plugins\s*:\s*(#.*)?\n", config_text)
    item = re.search(r"(?m)^([ \t]*)-", config_text[m.end() :]) if m else None
    indent = item.group(1) if item else "  "
    lines = "".join(f"{indent}- {n}\n" for n in extra)
    if m:
        return config_text[: m.end()] + lines + config_text[m.end() :]
    if re.search(r"(?m)^plugins\s*:", config_text):  # plugins: [a, b] or plugins: []
        return re.sub(
            r"(?m)^plugins\s*:\s*\[([^\]\n]*)\]",
            lambda mm: (
                "plugins: ["
                + ", ".join([x for x in mm.group(1).split(",") if x.strip()] + extra)
                + "]"
            ),
            config_text,
        )
    return config_text.rstrip("\n") + "\nplugins:\n" + lines


def stub_and_rebuild(work: str, output: str, notes: list[str]) -> bool:
    """Stub what stopped the build (a tag of an unpackaged plugin, a Sass file
    whose imports are not in the copy, a theme gem that is not installed).
    True when something was stubbed, so the build is worth running again."""
    text = ANSI.sub("", output)
    plugins_dir = os.path.join(work, "_plugins")
    m = UNKNOWN_TAG.search(text)
    if m:
        name = m.group(1)
        body = open_source_text(work)
        block = re.search(r"\{%-?\s*end" + re.escape(name) + r"\b", body) is not None
        os.makedirs(plugins_dir, exist_ok=True)
        with open(os.path.join(plugins_dir, f"zz_stub_{name}.rb"), "w", encoding="utf-8") as fh:
            fh.write((BLOCK_STUB if block else TAG_STUB).format(name=name))
        notes.append(f"stub: Liquid {'block' if block else 'tag'} {{% {name} %}} renders nothing")
        return True
    if "sass-embedded" in text and "MissingDependencyException" in text:
        config = os.path.join(work, "_config.yml")
        with open(config, encoding="utf-8") as fh:
            config_text = fh.read()
        new = re.sub(r"(?m)^\s+implementation\s*:\s*sass-embedded\s*$\n?", "", config_text)
        if new != config_text:
            with open(config, "w", encoding="utf-8") as fh:
                fh.write(new)
            notes.append("stub: sass implementation sass-embedded is not installed: sassc used")
            return True
    m = SASS_IMPORT.search(text)
    if m:
        base = os.path.dirname(os.path.join(work, m.group(2)))
        target = os.path.normpath(os.path.join(base, m.group(1)))
        if not target.endswith((".scss", ".sass", ".css")):
            target += ".scss"
        if target.startswith(os.path.realpath(work) + os.sep) and not os.path.exists(target):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as fh:
                fh.write("")
            notes.append(f"stub: Sass import {m.group(1)} (from {m.group(2)}) is not in the site")
            return True
    if SCSS_ERROR.search(text):
        # CSS holds no link html-proofer checks: empty every Sass page at once.
        emptied = []
        for dirpath, dirs, files in os.walk(work):
            dirs[:] = [d for d in dirs if d != "_site"]
            for name in files:
                if name.endswith((".scss", ".sass")):
                    path = os.path.join(dirpath, name)
                    with open(path, "rb") as fh:
                        head = fh.read(4)
                    if head.startswith(b"---") and os.path.getsize(path) > 8:
                        with open(path, "w", encoding="utf-8") as fh:
                            fh.write("---\n---\n")
                        emptied.append(os.path.relpath(path, work))
        if emptied:
            notes.append(
                f"stub: {len(emptied)} Sass page(s) emptied (their imports are not in the site): "
                + ", ".join(sorted(emptied))
            )
            return True
    m = INCLUDE_MISSING.search(text)
    if m and os.path.realpath(m.group(2)).startswith(os.path.realpath(work) + os.sep):
        path = os.path.join(m.group(2), m.group(1))
        if os.path.realpath(path).startswith(os.path.realpath(work) + os.sep):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if not os.path.exists(path):
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write("")
                notes.append(f"stub: include {m.group(1)} is not in the site: an empty one added")
                return True
    m = THEME_MISSING.search(text)
    if m:
        config = os.path.join(work, "_config.yml")
        with open(config, encoding="utf-8") as fh:
            config_text = fh.read()
        new = re.sub(r"(?m)^(remote_)?theme\s*:.*$", "", config_text)
        if new != config_text:
            with open(config, "w", encoding="utf-8") as fh:
                fh.write(new)
            notes.append(f"stub: theme {m.group(1)} is not installed: dropped")
            return True
    return False


def open_source_text(work: str) -> str:
    """Layouts and includes (where unknown tags usually are), for block detection."""
    chunks = []
    for folder in ("_layouts", "_includes"):
        for dirpath, _dirs, files in os.walk(os.path.join(work, folder)):
            for name in files:
                try:
                    with open(
                        os.path.join(dirpath, name), encoding="utf-8", errors="replace"
                    ) as fh:
                        chunks.append(fh.read())
                except OSError:
                    pass
    return "\n".join(chunks)


def build_site(work: str, env: dict, notes: list[str]):
    """``jekyll build`` in ``work``, stubbing what stops it (at most 40 times)."""
    cmd = ["jekyll", "build", "--source", work, "--destination", os.path.join(work, "_site")]
    build = run(cmd, cwd=work, env=env)
    for _ in range(40):
        if build.returncode == 0:
            break
        if not stub_and_rebuild(work, build.stdout + "\n" + build.stderr, notes):
            break
        build = run(cmd, cwd=work, env=env)
    return build


def prepare(work: str, notes: list[str]) -> None:
    config = os.path.join(work, "_config.yml")
    if not os.path.isfile(config):
        raise SetupError(f"no _config.yml in {work}: not a Jekyll site")
    with open(config, encoding="utf-8") as fh:
        config_text = fh.read()
    quoted = _quote_symbols(config_text)
    if quoted != config_text:
        notes.append("quoted values starting with ':' in _config.yml (Psych 4 refuses Symbols)")
        config_text = quoted
    gemfile = os.path.join(work, "Gemfile")
    gem_text = open(gemfile, encoding="utf-8").read() if os.path.isfile(gemfile) else None
    plugins_dir = os.path.join(work, "_plugins")

    # The plugins the real build turns on: _config.yml, the Gemfile's jekyll_plugins
    # group (bundler requires them) and GitHub Pages' defaults, as lintkit detects them.
    build = _site_build(work)
    extra = sorted(set(build.plugins) - set(plugin_names(config_text)) - {"github-pages"})
    if build.github_pages:
        notes.append(f"built as GitHub Pages ({build.why}): its default plugins are turned on")
    config_text = _append_plugins(config_text, extra)
    if gem_text is not None:
        gem_text = drop_plugin_lines(gem_text, "github-pages")
    names = list(dict.fromkeys(plugin_names(config_text)))
    ok = requirable(names)
    for name in NEEDS_NETWORK:
        if ok.get(name):
            ok[name] = False
    for name in names:
        if name == "jekyll-ical-tag" and not ok.get(name):
            os.makedirs(plugins_dir, exist_ok=True)
            patch = os.path.join(plugins_dir, "ical_tag_patch.rb")
            if os.path.exists(patch):
                os.remove(patch)
                notes.append("removed _plugins/ical_tag_patch.rb")
            with open(os.path.join(plugins_dir, "ical_stub.rb"), "w", encoding="utf-8") as fh:
                fh.write(ICAL_STUB)
            notes.append("jekyll-ical-tag not installed: stubbed {% ical %} (renders nothing)")
        elif ok.get(name):
            continue
        else:
            deb = "ruby-" + name
            notes.append(f"stub: plugin {name} is not installed: dropped (Debian package {deb}?)")
        config_text = drop_plugin_lines(config_text, name)
        if gem_text is not None:
            gem_text = drop_plugin_lines(gem_text, name)
    with open(config, "w", encoding="utf-8") as fh:
        fh.write(config_text)
    if gem_text is not None:
        with open(gemfile, "w", encoding="utf-8") as fh:
            fh.write(gem_text)

    # libraries the site's own plugins require must exist, or the build cannot start
    required = []
    if os.path.isdir(plugins_dir):
        for name in sorted(os.listdir(plugins_dir)):
            if name.endswith(".rb"):
                with open(os.path.join(plugins_dir, name), encoding="utf-8") as fh:
                    for m in re.finditer(r"^\s*require\s+['\"]([^'\"]+)['\"]", fh.read(), re.M):
                        required.append((name, m.group(1)))
    ok = requirable(sorted({lib for _f, lib in required}))
    missing = [(f, lib) for f, lib in required if not ok.get(lib)]
    if missing:
        raise SetupError(
            "site plugins need libraries that are not installed: "
            + ", ".join(
                f"_plugins/{f} requires '{lib}' (try: apt-get install ruby-{lib.split('/')[0]})"
                for f, lib in missing
            )
        )
    os.makedirs(plugins_dir, exist_ok=True)
    with open(os.path.join(plugins_dir, "zz_lintkit_source_map.rb"), "w", encoding="utf-8") as fh:
        fh.write(SOURCE_MAP_PLUGIN)


# -- reports ---------------------------------------------------------------------------------

BUILD_ERROR = re.compile(r"(Liquid Exception|Error|Exception):\s*(.*?)\s+in\s+(\S+?)\s*$")
MISSING_LINK = re.compile(r"Could not find (?:document|post) '(.*?)' in tag '(\w+)'")


def parse_build_errors(output: str) -> list[dict]:
    findings = []
    for line in ANSI.sub("", output).splitlines():
        m = BUILD_ERROR.search(line)
        if not m:
            continue
        message, source = m.group(2).strip(), m.group(3)
        miss = MISSING_LINK.search(message)
        findings.append(
            {
                "page": None,
                "source": source,
                "source_line": None,
                "line": None,
                "target": miss.group(1) if miss else None,
                "message": f"{m.group(1)}: {message}",
            }
        )
    return findings


ATTR = re.compile(r"""\b(?:href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _target_from(message: str, snippet: str) -> str | None:
    m = ATTR.search(snippet or "")
    if m:
        return next(g for g in m.groups() if g is not None)
    for pat in (
        r"linking to (.*?), which does not exist",
        r"^(\S+) is an invalid URL",
        r"image (\S+) (?:does not|is)",
        r"linking to internal hash (\S+)",
        r"script (\S+) does not exist",
    ):
        mm = re.search(pat, message)
        if mm:
            return mm.group(1)
    return None


def parse_proofer(output: str, site_dir: str) -> list[dict]:
    """html-proofer 3 ("- file / *  message (line N) / snippet") or 4 ("* At file:N:")."""
    findings = []
    text = ANSI.sub("", output)
    lines = text.splitlines()

    base = os.path.normpath(site_dir)

    def rel(path: str) -> str:
        path = os.path.normpath(path.strip())
        return os.path.relpath(path, base) if path.startswith(base + os.sep) else path

    page = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m3 = re.match(r"^- (\S.*)$", line)
        m4 = re.match(r"^\* At (.+?):(\d+):?\s*$", line)
        if m3:
            page = m3.group(1).strip()
        elif m4:  # v4: message on the following non-blank lines
            j = i + 1
            msg = []
            while (
                j < len(lines)
                and not lines[j].startswith("* ")
                and not lines[j].startswith("For the ")
            ):
                if lines[j].strip():
                    msg.append(lines[j].strip())
                j += 1
            message = " ".join(msg)
            findings.append(
                {
                    "page": rel(m4.group(1)),
                    "line": int(m4.group(2)),
                    "target": _target_from(message, ""),
                    "message": message,
                }
            )
            i = j
            continue
        elif page is not None and re.match(r"^\s+\*\s+", line):
            message = re.sub(r"^\s+\*\s+", "", line).strip()
            ln = None
            mm = re.search(r"\s*\(line (\d+)\)\s*$", message)
            if mm:
                ln = int(mm.group(1))
                message = message[: mm.start()]
            snippet = ""
            if (
                i + 1 < len(lines)
                and lines[i + 1].startswith("     ")
                and not re.match(r"^\s+\*\s+", lines[i + 1])
            ):
                snippet = lines[i + 1].strip()
                i += 1
            findings.append(
                {
                    "page": rel(page),
                    "line": ln,
                    "target": _target_from(message, snippet),
                    "message": message,
                }
            )
        i += 1
    return findings


def source_line(work: str, source: str | None, target: str | None) -> int | None:
    """Best effort: the first line of the source file that contains the target."""
    if not source or not target:
        return None
    try:
        with open(os.path.join(work, source), encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if target in line:
                    return n
    except (OSError, UnicodeDecodeError):
        pass
    return None


def proofer_command(site: str, proofer_version: str) -> list[str]:
    major = re.search(r"(\d+)\.", proofer_version)
    if major and int(major.group(1)) >= 4:
        return [
            "htmlproofer",
            site,
            "--disable-external",
            "--allow-hash-href",
            "--ignore-empty-alt",
            "--no-enforce-https",
            "--checks",
            "Links,Images,Scripts",
        ]
    # --assume-extension: /x opens x.html, as jekyll serve, GitHub Pages and html-proofer 4+
    return [
        "htmlproofer",
        site,
        "--disable-external",
        "--allow-hash-href",
        "--empty-alt-ignore",
        "--assume-extension",
    ]


def reference(site: str, keep: bool = False):
    need("ruby", "apt-get install ruby")
    need("jekyll", "apt-get install jekyll")
    need("htmlproofer", "apt-get install ruby-html-proofer")
    info = {
        "jekyll": version_of(["jekyll", "--version"]),
        "htmlproofer": version_of(["htmlproofer", "--version"]),
        "notes": [],
    }
    if not os.path.isfile(os.path.join(site, "_config.yml")):
        raise SetupError(f"no _config.yml in {site}: not a Jekyll site")
    base = tempfile.gettempdir()
    if os.path.commonpath([os.path.realpath(base), os.path.realpath(site)]) == os.path.realpath(
        site
    ):
        raise SetupError(f"the temporary folder {base} is inside the site; set TMPDIR")
    tmp = tempfile.mkdtemp(prefix="lintkit-jekyll-")
    try:
        work = os.path.join(tmp, "site")
        try:
            shutil.copytree(site, work, ignore=COPY_IGNORE, symlinks=True)
        except (OSError, shutil.Error) as exc:
            raise SetupError(f"cannot copy {site}: {str(exc)[:500]}") from exc
        prepare(work, info["notes"])
        map_file = os.path.join(tmp, "source_map.json")
        env = dict(os.environ, JEKYLL_NO_BUNDLER_REQUIRE="true", LINTKIT_SOURCE_MAP=map_file)
        start = time.monotonic()
        build = build_site(work, env, info["notes"])
        info["build_seconds"] = round(time.monotonic() - start, 2)
        info["build_ok"] = build.returncode == 0
        findings = []
        if build.returncode != 0:
            findings = parse_build_errors(build.stdout + "\n" + build.stderr)
            for f in findings:
                f["source_line"] = source_line(work, f["source"], f["target"])
            if not findings:
                findings = [
                    {
                        "page": None,
                        "source": None,
                        "source_line": None,
                        "line": None,
                        "target": None,
                        "message": "jekyll build failed: "
                        + ANSI.sub("", (build.stderr or build.stdout).strip())[-2000:],
                    }
                ]
            info["source_map"] = []
            return findings, info
        smap = json.load(open(map_file, encoding="utf-8")) if os.path.exists(map_file) else []
        info["source_map"] = smap
        by_output = {row["output"]: row["source"] for row in smap}
        start = time.monotonic()
        proof = run(proofer_command("./_site", info["htmlproofer"]), cwd=work)
        info["proofer_seconds"] = round(time.monotonic() - start, 2)
        findings = parse_proofer(proof.stdout + "\n" + proof.stderr, "./_site")
        if proof.returncode != 0 and not findings:
            findings = [
                {
                    "page": None,
                    "line": None,
                    "target": None,
                    "message": "htmlproofer failed: "
                    + ANSI.sub("", (proof.stderr or proof.stdout).strip())[-2000:],
                }
            ]
        for f in findings:
            f["source"] = by_output.get(f["page"]) if f.get("page") else None
            f["source_line"] = source_line(work, f["source"], f.get("target"))
        findings = [
            {k: f.get(k) for k in ("page", "source", "source_line", "line", "target", "message")}
            for f in findings
        ]
        return findings, info
    finally:
        if keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", nargs="?", default=DEFAULT_SITE)
    ap.add_argument("--json", metavar="FILE", help="write the findings here instead of stdout")
    ap.add_argument("--map", metavar="FILE", help="write the source -> output map here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary build folder")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.site):
        print(f"error: {args.site} is not a folder", file=sys.stderr)
        return 2
    try:
        findings, info = reference(os.path.abspath(args.site), keep=args.keep)
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(findings, indent=2, ensure_ascii=False)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)
    if args.map:
        with open(args.map, "w", encoding="utf-8") as fh:
            json.dump(info.get("source_map", []), fh, indent=2)
    for note in info["notes"]:
        print(f"note: {note}", file=sys.stderr)
    timing = f"build {info.get('build_seconds')}s"
    if "proofer_seconds" in info:
        timing += f", htmlproofer {info['proofer_seconds']}s"
    print(
        f"{info['jekyll']}, {info['htmlproofer']}: {timing}; "
        f"{'build ok' if info['build_ok'] else 'BUILD FAILED'}; "
        f"{len(info.get('source_map', []))} outputs mapped; {len(findings)} findings",
        file=sys.stderr,
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
