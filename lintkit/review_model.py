"""The review model: what ``lintkit review`` hands to its renderers.

The engine builds it; ``lintkit.review_render`` turns it into Markdown (for a
pull-request comment) or a self-contained HTML page. It is plain dicts, lists,
strings, numbers, booleans and ``None`` only, so it is JSON-serialisable as is
(``json.dumps(model)``) and renderers never import engine code. Renderers do not
compute dates or read files: everything they show is in the model, including
``generated``, so the same model always renders to the same text.

Every string that comes from the site (paths, titles, messages, source lines,
notices) is *user text*: renderers escape it for their format.

Shape (``# ...`` says what a field means; ``A | B`` lists the allowed values)::

    model = {
      "site": {
        "root": "/path/to/site",             # the site's root folder as given
        "title": "Samman Technical Coaching",  # from _config.yml, or the folder name
        "git": True,                         # is the root inside a git work tree?
        "revision": "3e17644" | None,        # abbreviated HEAD commit (None without git)
        "branch": "main" | None,             # None without git or on a detached HEAD
        "date": "2026-08-21" | None,         # author date of that commit (None without git)
      },
      "generated": "2026-11-29",             # date string, passed in by the caller
      "scope": {
        "paths": ["."],                      # what was reviewed, relative to the root
        "since": None | "origin/main",       # only files changed since this revision
      },
      "documents": 12,                       # number of documents reviewed
      "counts": {"error": 3, "warning": 1, "info": 2},   # findings by severity
      "by_rule": [                           # one row per rule that reported anything,
        {"rule": "link-tag", "error": 2, "warning": 0, "info": 0},   # most severe first
      ],
      "drafts": [{                           # pages that are drafts, oldest first
        "path": "society/ensemble_milestones.md",
        "title": "Ensemble Skill Milestones",
        "draft_by": "path glob" | "front matter" | "notice only",   # why it counts as a draft
        "notice": "Note: These milestones are still in draft ..." | "",  # the notice text, "" if none
        "notice_line": 26 | None,            # 1-based line of the notice
        "notice_added": "2024-06-12" | None,  # commit date that added the notice (None without git)
        "last_changed": "2026-08-21" | None,  # last commit date touching the page
        "age_days": 900 | None,              # generated - notice_added, in days
        "consistent": True | False,          # do front matter, path and notice agree?
        "remark": "front matter says draft: false but the page carries a draft notice" | "",
      }],
      "tracks": [{                           # groups of parallel numbered milestone lists
        "name": "society",                   # the folder (or configured name) of the group
        "documents": [                       # the track documents, in column order
          {"path": "society/learning_hour_milestones.md",
           "title": "Learning Hour Skill Milestones", "count": 5},
        ],
        "rows": [{                           # one per milestone number, ascending
          "number": 1,
          "cells": [                         # one per document, same order as "documents";
            {"title": "Facilitate learning hours ...", "words": 52, "line": 9,
             "description": "Senior developers ...",  # plain text of the description
             "change": "changed" | "new",    # with --since only: the text differs from REF
             "diff": [["=", "kept words"], ["-", "removed"], ["+", "added"]],  # when changed
            } | None,
          ],                                 # None where that document has no such number;
        }],                                  # "words" counts the description paragraph
        "checks": [                          # structural checks on the group
          {"check": "equal lengths", "ok": True, "detail": "5 and 5"},
          {"check": "numbering", "ok": True, "detail": "1 to 5 in both, no gaps"},
        ],
        "references": [                      # prose elsewhere that mentions the milestones
          {"path": "society/milestones_job_role.md", "line": 7,
           "text": "The 10 technical coaching milestones", "in_range": True},
        ],                                   # in_range False: the number no longer matches
      }],
      "findings": [{                         # documents with findings, most severe first
        "path": "society/technical_coach_career.md",
        "counts": {"error": 1, "warning": 0, "info": 0},
        "items": [{                          # ordered by severity, then line
          "line": 28, "column": 40,          # 1-based; 0 means whole file / whole line
          "rule": "malformed-link",
          "severity": "error" | "warning" | "info",
          "message": "...",
          "source": "the source line" | None,
        }],
      }],
      "links": {
        "orphans": ["reference/x.md"],       # pages no other page links to
        "broken": [{"path": "...", "line": 3, "target": "...", "message": "..."}],
        "inbound_changed": None | [          # None unless scope.since is set
          {"path": "society/index.md", "added": ["a.md"], "removed": ["b.md"]},
        ],                                   # pages whose set of linking pages changed
        "external": None | {                 # None unless the review ran with --external
          "urls": 316, "checked": 20, "cached": 296, "dead": 2,
          "unavailable": None | "why the network was unavailable",
          "links": [{"path": "...", "line": 3, "url": "https://...",   # dead or not checked
                     "severity": "error" | "warning", "message": "..."}],
        },
      },
      "checklist": [                         # what the reviewer should decide or check
        {"text": "society/ensemble_milestones.md has been a draft for 900 days: "
                 "publish it or update the notice", "kind": "stale-draft"},
      ],
      "git_note": "" | "not a git repository: the dates of drafts are unavailable",
      "changes": None | {                    # with --since only (see lintkit.review.changes)
        "since": "3e17644a1b2c",             # the commit REF resolved to
        "pages": [{                          # Markdown pages changed since REF, by path
          "path": "society/new.md", "status": "added" | "modified" | "renamed",
          "from": "society/old.md" | None,   # a renamed page's old path
          "title": "New page",
          "source": "https://github.com/o/r/blob/main/society/new.md" | None,
          "url": "https://example.org/society/new.html" | None,  # url in _config.yml
        }],
      },
      "notices_removed": [                   # with --since: draft notices removed since REF
        {"path": "society/adopted.md", "notice": "Note: ..."},
      ],
    }

``sample_model()`` returns a complete, realistic example (two milestone tracks of
five milestones each, as on the Samman Society site); tests and renderer
development use it.
"""

from __future__ import annotations

import copy
from typing import Any

SEVERITIES = ("error", "warning", "info")

_SAMPLE = {
    "site": {
        "root": "../shared/corpora/samman-site",
        "title": "Samman Technical Coaching",
        "git": True,
        "revision": "3e17644",
        "branch": "main",
    },
    "generated": "2026-11-29",
    "scope": {"paths": ["."], "since": None},
    "documents": 12,
    "counts": {"error": 3, "warning": 1, "info": 2},
    "by_rule": [
        {"rule": "link-tag", "error": 2, "warning": 0, "info": 0},
        {"rule": "malformed-link", "error": 1, "warning": 0, "info": 0},
        {"rule": "draft-notice", "error": 0, "warning": 1, "info": 0},
        {"rule": "table-style", "error": 0, "warning": 0, "info": 1},
        {"rule": "trailing-whitespace", "error": 0, "warning": 0, "info": 1},
    ],
    "drafts": [
        {
            "path": "society/ensemble_milestones.md",
            "title": "Ensemble Skill Milestones",
            "draft_by": "notice only",
            "notice": "Note: These milestones are still in draft and under review by the "
            "Samman Society. The details are likely to be updated.",
            "notice_line": 26,
            "notice_added": "2024-06-12",
            "last_changed": "2026-08-21",
            "age_days": 900,
            "consistent": True,
            "remark": "",
        },
        {
            "path": "society/learning_hour_milestones.md",
            "title": "Learning Hour Skill Milestones",
            "draft_by": "notice only",
            "notice": "Note: These milestones are still in draft and under review by the "
            "Samman Society. The details are likely to be updated.",
            "notice_line": 26,
            "notice_added": "2024-06-12",
            "last_changed": "2025-02-27",
            "age_days": 900,
            "consistent": False,
            "remark": "front matter says draft: false but the page carries a draft notice",
        },
        {
            "path": "training/drafts/milestone_workshop.md",
            "title": "Milestone Workshop",
            "draft_by": "path glob",
            "notice": "",
            "notice_line": None,
            "notice_added": None,
            "last_changed": "2026-11-02",
            "age_days": None,
            "consistent": True,
            "remark": "",
        },
    ],
    "tracks": [
        {
            "name": "society",
            "documents": [
                {
                    "path": "society/learning_hour_milestones.md",
                    "title": "Learning Hour Skill Milestones",
                    "count": 5,
                },
                {
                    "path": "society/ensemble_milestones.md",
                    "title": "Ensemble Skill Milestones",
                    "count": 5,
                },
            ],
            "rows": [
                {
                    "number": 1,
                    "cells": [
                        {
                            "title": "Facilitate learning hours based on detailed existing materials, "
                            "including video.",
                            "words": 52,
                            "line": 9,
                        },
                        {
                            "title": "Take part in ensemble programming, contributing appropriately "
                            "and leading retrospectives.",
                            "words": 40,
                            "line": 9,
                        },
                    ],
                },
                {
                    "number": 2,
                    "cells": [
                        {
                            "title": "Lead learning hours based on existing plans and exercises, "
                            "adapted for the needs of the team.",
                            "words": 55,
                            "line": 12,
                        },
                        {
                            "title": "Support an experienced ensemble as an active facilitator.",
                            "words": 38,
                            "line": 12,
                        },
                    ],
                },
                {
                    "number": 3,
                    "cells": [
                        {
                            "title": "Design and lead new learning hours on topics specifically chosen "
                            "for the needs of their team.",
                            "words": 50,
                            "line": 15,
                        },
                        {
                            "title": "For a team new to ensemble, teach them the roles and "
                            "communication styles.",
                            "words": 87,
                            "line": 15,
                        },
                    ],
                },
                {
                    "number": 4,
                    "cells": [
                        {
                            "title": "Design and lead sequences of related learning hours for more "
                            "complicated topics.",
                            "words": 69,
                            "line": 18,
                        },
                        {
                            "title": "Use Ensemble as a teaching forum, actively taking advantage of "
                            "the coaching opportunities that arise.",
                            "words": 64,
                            "line": 18,
                        },
                    ],
                },
                {
                    "number": 5,
                    "cells": [
                        {
                            "title": "Coach other technical coaches to improve their learning hour "
                            "design and delivery.",
                            "words": 47,
                            "line": 21,
                        },
                        {
                            "title": "Coach other coaches to improve teamwork and lead Ensemble.",
                            "words": 57,
                            "line": 21,
                        },
                    ],
                },
            ],
            "checks": [
                {"check": "equal lengths", "ok": True, "detail": "5 and 5"},
                {"check": "numbering", "ok": True, "detail": "1 to 5 in both, no gaps"},
                {
                    "check": "description lengths",
                    "ok": False,
                    "detail": "ensemble milestone 3 has 87 words, more than twice milestone 2 (38)",
                },
            ],
            "references": [
                {
                    "path": "society/milestones_job_role.md",
                    "line": 7,
                    "text": "The 10 technical coaching milestones",
                    "in_range": True,
                },
                {
                    "path": "society/milestones_job_role.md",
                    "line": 16,
                    "text": "when they reach milestone 3 in either track",
                    "in_range": True,
                },
                {
                    "path": "society/technical_coach_career.md",
                    "line": 16,
                    "text": "two tracks, with five Samman Coaching Skill Milestones in each",
                    "in_range": True,
                },
                {
                    "path": "society/technical_coach_career.md",
                    "line": 24,
                    "text": "Towards milestones 4 and 5",
                    "in_range": True,
                },
            ],
        }
    ],
    "findings": [
        {
            "path": "society/technical_coach_career.md",
            "counts": {"error": 2, "warning": 0, "info": 0},
            "items": [
                {
                    "line": 21,
                    "column": 88,
                    "rule": "link-tag",
                    "severity": "error",
                    "message": "{% link society/milestone_job_role.md %} names a file that does "
                    "not exist; did you mean society/milestones_job_role.md?",
                    "source": "There is a separate summary of what this might mean for your "
                    "[Techincal Coach Job Role]({% link society/milestone_job_role.md %})",
                },
                {
                    "line": 28,
                    "column": 40,
                    "rule": "malformed-link",
                    "severity": "error",
                    "message": "link text is not followed by a closed (target): add the missing ')'",
                    "source": "Read more about how we teach in [the Samman method]"
                    "({% link reference/technical_coach_definition.md %} and join us.",
                },
            ],
        },
        {
            "path": "society/milestones_job_role.md",
            "counts": {"error": 1, "warning": 0, "info": 0},
            "items": [
                {
                    "line": 7,
                    "column": 143,
                    "rule": "link-tag",
                    "severity": "error",
                    "message": "{% link society/ensemble-milestones.md %} names a file that does "
                    "not exist; did you mean society/ensemble_milestones.md?",
                    "source": "The 10 technical coaching milestones outlined in the [Learning Hour]"
                    "({% link society/learning_hour_milestones.md %}) and [Ensemble]"
                    "({% link society/ensemble-milestones.md %}) tracks detail the new "
                    "skills and abilities that people have at each milestone.",
                },
            ],
        },
        {
            "path": "society/learning_hour_milestones.md",
            "counts": {"error": 0, "warning": 1, "info": 0},
            "items": [
                {
                    "line": 26,
                    "column": 1,
                    "rule": "draft-notice",
                    "severity": "warning",
                    "message": "the page carries a draft notice but its front matter says "
                    "draft: false; remove one of them",
                    "source": "_Note: These milestones are still in draft and under review by the "
                    "Samman Society. The details are likely to be updated._",
                },
            ],
        },
        {
            "path": "exercises/warm_up_questions/legacy_code_warm_up_questions.md",
            "counts": {"error": 0, "warning": 0, "info": 1},
            "items": [
                {
                    "line": 15,
                    "column": 1,
                    "rule": "table-style",
                    "severity": "info",
                    "message": "cells are padded to different widths than the header row",
                    "source": "|  1| Legacy code has unit test coverage under 10%.  |    |     |",
                },
            ],
        },
        {
            "path": "society/ensemble_milestones.md",
            "counts": {"error": 0, "warning": 0, "info": 1},
            "items": [
                {
                    "line": 15,
                    "column": 475,
                    "rule": "trailing-whitespace",
                    "severity": "info",
                    "message": "the line ends with a space",
                    "source": None,
                },
            ],
        },
    ],
    "links": {
        "orphans": [
            "reference/technical_coach_definition.md",
            "training/drafts/milestone_workshop.md",
        ],
        "broken": [
            {
                "path": "society/technical_coach_career.md",
                "line": 21,
                "target": "society/milestone_job_role.md",
                "message": "no such file",
            },
            {
                "path": "society/milestones_job_role.md",
                "line": 7,
                "target": "society/ensemble-milestones.md",
                "message": "no such file",
            },
        ],
        "inbound_changed": None,
    },
    "checklist": [
        {
            "text": "society/ensemble_milestones.md has been a draft for 900 days: "
            "publish it or update the notice",
            "kind": "stale-draft",
        },
        {
            "text": "society/learning_hour_milestones.md has been a draft for 900 days: "
            "publish it or update the notice",
            "kind": "stale-draft",
        },
        {
            "text": "society/learning_hour_milestones.md: the front matter and the draft notice "
            "disagree; decide whether it is a draft",
            "kind": "draft-inconsistent",
        },
        {
            "text": "ensemble milestone 3 is more than twice as long as milestone 2: "
            "check the track reads evenly",
            "kind": "track-balance",
        },
        {
            "text": "reference/technical_coach_definition.md is linked from no page: "
            "link it or remove it",
            "kind": "orphan",
        },
        {"text": "Fix the 3 errors before merging", "kind": "errors"},
    ],
    "git_note": "",
}


def sample_model() -> dict[Any, Any]:
    """A realistic review of the Samman site: a fresh deep copy each call."""
    return copy.deepcopy(_SAMPLE)
