"""Use lintkit from a source tree, without installing it.

An install maps the repository's ``rules/`` folder to the package
``lintkit.rules``; a source tree has no such mapping. ``use_rules_from(root)``
registers ``root/rules`` as ``lintkit.rules`` (the repository's own tools, and
the benchmark that times another revision, call it). A leaf module: it imports
nothing from lintkit, so it can be loaded by path from another checkout.
"""

from __future__ import annotations

import importlib.util
import os
import sys


def use_rules_from(root: str) -> None:
    rules_dir = os.path.join(os.path.abspath(root), "rules")
    spec = importlib.util.spec_from_file_location(
        "lintkit.rules",
        os.path.join(rules_dir, "__init__.py"),
        submodule_search_locations=[rules_dir],
    )
    assert spec is not None and spec.loader is not None  # a file location always has both
    module = importlib.util.module_from_spec(spec)
    sys.modules["lintkit.rules"] = module
    spec.loader.exec_module(module)
