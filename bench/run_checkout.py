"""Run the lintkit CLI of another checkout: ``python bench/run_checkout.py DIR ARGS...``.

Imports ``lintkit`` from DIR and its rules (installed as ``lintkit.rules``)
from DIR/rules, whatever lintkit is installed, so two revisions can be timed
side by side in one benchmark run (``bench.py --against REV``)."""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> None:
    checkout = os.path.abspath(sys.argv[1])
    sys.path.insert(0, checkout)
    # The helper comes from this repository: an older checkout may not have it.
    spec = importlib.util.spec_from_file_location(
        "_lintkit_sourcetree", os.path.join(HERE, "..", "lintkit", "sourcetree.py")
    )
    sourcetree = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sourcetree)
    sourcetree.use_rules_from(checkout)
    from lintkit.cli import main as cli

    sys.argv = ["lintkit"] + sys.argv[2:]
    cli()


if __name__ == "__main__":
    main()
