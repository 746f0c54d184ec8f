"""Run the lintkit CLI of another checkout: ``python bench/run_checkout.py DIR ARGS...``.

Imports ``lintkit`` from DIR and its rules (installed as ``lintkit.rules``)
from DIR/rules, whatever lintkit is installed, so two revisions can be timed
side by side in one benchmark run (``bench.py --against REV``)."""
import importlib.util
import os
import sys


def main() -> None:
    checkout = os.path.abspath(sys.argv[1])
    sys.path.insert(0, checkout)
    rules_dir = os.path.join(checkout, "rules")
    spec = importlib.util.spec_from_file_location(
        "lintkit.rules", os.path.join(rules_dir, "__init__.py"),
        submodule_search_locations=[rules_dir])
    module = importlib.util.module_from_spec(spec)
    sys.modules["lintkit.rules"] = module
    spec.loader.exec_module(module)
    from lintkit.cli import main as cli

    sys.argv = ["lintkit"] + sys.argv[2:]
    cli()


if __name__ == "__main__":
    main()
