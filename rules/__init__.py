"""lintkit's built-in rules, one module each (installed as ``lintkit.rules``).

Each module defines ``RULE`` (a ``lintkit.rule.Rule``) and documents the rule
in its docstring with the sections ``What it checks``, ``Why``, ``Example`` and
``How to fix``. Add a rule by adding a module here and its name to ``MODULES``.
"""

from __future__ import annotations

import importlib

MODULES = (
    "load",
    "link_tag",
    "malformed_link",
    "link_target",
    "link_fragment",
    "link_reference",
    "link_external",
    "milestone_numbering",
    "list_numbering",
    "milestone_structure",
    "draft_notice",
    "front_matter",
    "liquid_syntax",
    "unused_suppression",
    "spelling",
    "repeated_word",
    "glued_unit",
)


def all_rules() -> dict[str, object]:
    rules = {}
    for name in MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        rules[module.RULE.id] = module.RULE
    return rules
