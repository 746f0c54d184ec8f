"""Declarative rules: rules written as data in a configuration, no Python.

A configuration's ``define:`` (or a YAML file named by ``include:``) lists rule
definitions. Each has an ``id``, a ``kind``, a ``severity`` (default
``error``), ``paths`` (globs of the documents it checks, default every
document), usually a ``message``, and the fields of its kind. The fields become
the rule's options, so a configuration that extends this one can change them
under ``rules:`` like any other option (``rules: {my-rule: {max: 90}}``).

Kinds (``KINDS`` documents each field; one module per kind in this package,
the shared machinery in ``framework`` and ``scopes``):

- ``require-text`` / ``forbid-text``: a regular expression must / must not
  match within a scope.
- ``sections``: required headings, in order, at given levels, each with
  accepted synonyms; optional ones marked.
- ``front-matter``: required and allowed keys, types, enumerations, numeric
  ranges, patterns, and references (a key of a ``_data`` file, or the name of a
  document of a collection).
- ``list``: an ordered list in a scope whose items follow a shape (numbered
  from 1, a bold title sentence, a description). The built-in rules
  ``milestone-numbering`` and ``milestone-structure`` are this kind with
  ``noun: milestone`` (see ``MILESTONE_LIST`` and the tests that compare them).
- ``durations``: the time boxes of a list (``* 10 min connect: ...``) add up to
  at most (at least) a number of minutes.
- ``consistency`` (a site rule, run once after the documents): the documents of
  a group have lists of the same length (each milestone track as many
  milestones as the others), and references in other documents
  (``milestone 4``, ``milestones 1-3``, ``five milestones``) stay within that
  count.

Scopes (``scope:``): ``body`` (every paragraph, list text and heading),
``section NAME`` (the blocks under each heading whose text starts with NAME, a
case-insensitive regular expression, up to the next heading of the same or a
higher level; leading emoji, numbers and punctuation of a heading are
ignored), ``last-paragraph``, ``headings``, ``link-text``, ``front-matter
FIELD`` (the value of one front matter key).
"""

from __future__ import annotations

# Each kind's module registers the kind in KINDS when imported.
from . import consistency, durations, front_matter, lists, sections, text
from .framework import KINDS, META_KEYS, Kind, define
from .lists import MILESTONE_LIST

__all__ = ["KINDS", "META_KEYS", "MILESTONE_LIST", "Kind", "define"]
del consistency, durations, front_matter, lists, sections, text
