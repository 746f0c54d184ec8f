"""The baseline lintkit is measured against: read every Markdown file under
the given folders and parse it with mistune (AST, no rendering), nothing else.
Skips the same folders lintkit skips (_site, .git, node_modules, vendor)."""

import os
import sys

import mistune

SKIP = {"_site", ".git", "node_modules", "vendor", ".jekyll-cache", ".sass-cache"}
EXTS = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd")


def main(paths):
    md = mistune.create_markdown(renderer=None)
    count = 0
    for top in paths:
        if os.path.isfile(top):
            files = [top]
        else:
            files = []
            for dirpath, dirnames, filenames in os.walk(top):
                dirnames[:] = [d for d in dirnames if d not in SKIP]
                files.extend(
                    os.path.join(dirpath, f) for f in filenames if f.lower().endswith(EXTS)
                )
        for path in files:
            with open(path, "rb") as fh:
                text = fh.read().decode("utf-8", "replace")
            md(text)
            count += 1
    print(f"parsed {count} files", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:] or ["."])
