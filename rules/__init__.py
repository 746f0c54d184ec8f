"""lintkit's built-in rules, one module each (installed as ``lintkit.rules``).

Each module defines ``RULE`` (a ``lintkit.rule.Rule``) and documents the rule
in its docstring with the sections ``What it checks``, ``Why``, ``Example`` and
``How to fix``. A check yields ``lintkit.rule.finding(doc, line, column,
message)``: the engine stamps the rule's id and severity on each finding. Add a rule by adding a module here: it is found by its
presence (``MODULES``),
and ``default.yml`` must name it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintkit.rule import Rule

# Every module of this folder is a rule: no list to keep by hand (a test checks
# that the default preset names each rule once).
MODULES = tuple(
    sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
)


def all_rules() -> dict[str, Rule]:
    """Rule id -> the rule, for every module of this package."""
    rules = {}
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        rules[module.RULE.id] = module.RULE
    return rules
