#!/usr/bin/env python3
"""Check lintkit.headings against the real kramdown on every Markdown file of a site.

For each Markdown document (front matter removed, Liquid replaced the way Jekyll would roughly
render it), one ruby process running kramdown with Jekyll's own kramdown options returns the
headings and their ids; lintkit.headings.document_heading_ids computes the same from Python.
Prints the number of headings compared and every disagreement (exit 1 if there is any).

    python3 tools/kramdown_ids.py [SITE] [--verbose]

Needs ruby with the kramdown and kramdown-parser-gfm gems (Debian: ruby-kramdown,
ruby-kramdown-parser-gfm); jekyll is used for its option defaults when installed.
Not part of the test run.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from lintkit.headings import document_heading_ids

# the shared corpus beside this repository (../shared next to the checkout)
DEFAULT_SITE = os.path.normpath(
    os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpora", "samman-site"
    )
)
SKIP_DIRS = {"_site", ".git", "node_modules", "vendor", ".jekyll-cache", ".sass-cache", ".bundle"}
MD_EXTS = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")

RUBY = r"""
require "json"
require "kramdown"
require "kramdown-parser-gfm"
begin
  require "jekyll"
  conf = Jekyll::Configuration.from({})
  opts = Jekyll::Converters::Markdown::KramdownParser.new(conf).instance_variable_get(:@config)
  source = "jekyll #{Jekyll::VERSION}"
rescue LoadError
  # Jekyll's defaults (lib/jekyll/configuration.rb), for machines without jekyll
  opts = {"auto_ids" => true, "toc_levels" => (1..6).to_a, "entity_output" => "as_char",
          "smart_quotes" => "lsquo,rsquo,ldquo,rdquo", "input" => "GFM", "hard_wrap" => false,
          "guess_lang" => true, "footnote_nr" => 1, "show_warnings" => false}
  source = "built-in copy of Jekyll's defaults"
end
docs = JSON.parse(STDIN.read)
out = {"kramdown" => Kramdown::VERSION, "options_from" => source,
       "options" => opts.reject { |k, _| k.to_s.start_with?("syntax_highlighter", "coderay") },
       "docs" => []}
docs.each do |d|
  doc = Kramdown::Document.new(d["body"], Kramdown::Options.merge(opts))
  # inline {::options /} change the options of the converter too
  conv_opts = Kramdown::Options.merge(doc.options.merge(doc.root.options[:options] || {}))
  conv = Kramdown::Converter::Html.send(:new, doc.root, conv_opts)
  heads = []
  walk = lambda do |el|
    if el.type == :header
      id = el.attr["id"]
      conv_id = id.nil?
      # what the HTML converter does: an id only with auto_ids, and "" means no id attribute
      id = conv_opts[:auto_ids] ? conv.generate_id(el.options[:raw_text]) : "" if conv_id
      heads << {"line" => el.options[:location], "id" => id, "converter" => conv_id,
                "raw" => el.options[:raw_text]}
    end
    el.children.each { |c| walk.call(c) }
  end
  walk.call(doc.root)
  out["docs"] << {"path" => d["path"], "headings" => heads}
end
puts JSON.generate(out)
"""

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
LIQUID = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}|\{\{-?(.*?)-?\}\}", re.S)


def _blank_like(text: str) -> str:
    """Keep a replaced span's line breaks so that line numbers stay put."""
    return "\n" * text.count("\n")


def split_front_matter(text: str):
    m = FRONT_MATTER.match(text)
    if not m:
        return None, text, 0
    data = None
    try:
        import yaml  # pyyaml is a lintkit dependency; only used for {{ page.x }}

        data = yaml.safe_load(m.group(1) or "")
    except Exception:
        data = None
    # Jekyll keeps the body's lines; we blank the front matter to keep file line numbers
    return (data if isinstance(data, dict) else {}), text[m.end() :], m.group().count("\n")


def render_liquid(body: str, page: dict) -> str:
    """Replace Liquid the way a rendered page roughly looks, keeping line numbers."""
    out = []
    pos = 0
    raw_depth = None
    skip_until = None  # an end tag whose content is dropped (comment)
    for m in LIQUID.finditer(body):
        if skip_until is not None:
            if m.group(1) == skip_until:
                out.append(_blank_like(body[pos : m.end()]))
                pos = m.end()
                skip_until = None
            continue
        if raw_depth is not None:
            if m.group(1) == "endraw":
                out.append(body[pos : m.start()])
                out.append(_blank_like(m.group()))
                pos = m.end()
                raw_depth = None
            continue
        out.append(body[pos : m.start()])
        pos = m.end()
        tag, args, expr = m.group(1), (m.group(2) or "").strip(), m.group(3)
        if expr is not None:
            out.append(_render_expr(expr, page) + _blank_like(m.group()))
        elif tag == "raw":
            raw_depth = 1
            out.append(_blank_like(m.group()))
        elif tag == "comment":
            skip_until = "endcomment"
            out.append(_blank_like(m.group()))
        elif tag == "highlight" or tag == "endhighlight":
            out.append("```" + _blank_like(m.group()))
        elif tag in ("link", "post_url"):
            out.append("/" + args.split()[0].strip("'\"") if args else "/")
            out.append(_blank_like(m.group()))
        else:
            out.append(_blank_like(m.group()))
    out.append(body[pos:])
    return "".join(out)


def _render_expr(expr: str, page: dict) -> str:
    name = expr.split("|")[0].strip()
    if name.startswith("page."):
        value = page.get(name[5:])
        if isinstance(value, (str, int, float)):
            return str(value)
    return ""


def collect(site: str):
    docs = []
    for root, dirs, files in os.walk(site):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            if not name.lower().endswith(MD_EXTS):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, site)
            try:
                with open(path, encoding="utf-8-sig") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError) as exc:
                print(f"skipped {rel}: {exc}", file=sys.stderr)
                continue
            page, body, offset = split_front_matter(text)
            # Jekyll renders Liquid only in files with front matter
            body = render_liquid(body, page) if page is not None else body
            docs.append({"path": rel, "body": body, "offset": offset})
    return docs


def run_kramdown(docs):
    if shutil.which("ruby") is None:
        raise SystemExit(
            "error: ruby not found (apt-get install ruby ruby-kramdown ruby-kramdown-parser-gfm)"
        )
    payload = json.dumps([{"path": d["path"], "body": d["body"]} for d in docs])
    proc = subprocess.run(["ruby", "-e", RUBY], input=payload, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(
            "error: ruby kramdown failed (are ruby-kramdown and "
            "ruby-kramdown-parser-gfm installed?):\n" + proc.stderr.strip()
        )
    return json.loads(proc.stdout)


def compare(docs, result, verbose=False):
    compared = 0
    problems = []
    line_notes = []
    for doc, kd in zip(docs, result["docs"]):
        ours = document_heading_ids(doc["body"])
        theirs = kd["headings"]
        off = doc["offset"]
        ours_keys = [(h.line, i) for h, i in ours]
        theirs_keys = [(t["line"], t["id"]) for t in theirs]
        if ours_keys == theirs_keys:
            compared += len(ours)
            if verbose:
                for h, i in ours:
                    print(f"  {doc['path']}:{h.line + off}: {i!r}")
            continue
        sm = difflib.SequenceMatcher(
            a=[i for _h, i in ours], b=[t["id"] for t in theirs], autojunk=False
        )
        for op, a0, a1, b0, b1 in sm.get_opcodes():
            if op == "equal":
                compared += a1 - a0
                for k in range(a1 - a0):
                    (h, _i), t = ours[a0 + k], theirs[b0 + k]
                    if h.line != t["line"]:
                        line_notes.append(
                            f"{doc['path']}: heading {_i!r} is on line "
                            f"{h.line + off}, kramdown says {t['line'] + off}"
                        )
                continue
            if op == "replace" and a1 - a0 == b1 - b0:
                for k in range(a1 - a0):
                    (h, i), t = ours[a0 + k], theirs[b0 + k]
                    compared += 1
                    problems.append(
                        f"{doc['path']}:{h.line + off}: id {i!r} but kramdown "
                        f"gives {t['id']!r} (line {t['line'] + off}, raw text "
                        f"{t['raw']!r}, source {h.source!r})"
                    )
                continue
            for h, i in ours[a0:a1]:
                problems.append(
                    f"{doc['path']}:{h.line + off}: heading {h.source!r} (id {i!r}) "
                    f"is not a heading for kramdown"
                )
            for t in theirs[b0:b1]:
                problems.append(
                    f"{doc['path']}:{t['line'] + off}: kramdown heading {t['raw']!r}"
                    f" (id {t['id']!r}) not found by lintkit"
                )
    return compared, problems, line_notes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", nargs="?", default=DEFAULT_SITE)
    ap.add_argument("--verbose", "-v", action="store_true", help="list every heading compared")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.site):
        print(f"error: {args.site} is not a folder", file=sys.stderr)
        return 2
    docs = collect(args.site)
    try:
        result = run_kramdown(docs)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    compared, problems, line_notes = compare(docs, result, args.verbose)
    opts = ", ".join(f"{k}={v}" for k, v in sorted(result["options"].items()))
    print(f"kramdown {result['kramdown']} with options from {result['options_from']}: {opts}")
    print(
        f"{len(docs)} Markdown files, {compared} headings compared, {len(problems)} disagreements"
    )
    for p in problems:
        print("  " + p)
    if line_notes:
        print(f"{len(line_notes)} headings on other lines than kramdown reports:")
        for n in line_notes:
            print("  " + n)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
