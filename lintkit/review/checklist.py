"""The review's checklist: what a reviewer should do before merging."""

from __future__ import annotations

from typing import Any

from .common import and_ as _and


# --------------------------------------------------------------- checklist
def checklist(model: dict[str, Any], stale_days: int) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    for d in model["drafts"]:
        if d["age_days"] is not None and d["age_days"] > stale_days:
            items.append(
                {
                    "text": f"{d['path']} has been a draft for {d['age_days']} days (notice "
                    f"added {d['notice_added']}): publish it or update the notice",
                    "kind": "stale-draft",
                }
            )
    for d in model["drafts"]:
        if not d["consistent"]:
            items.append(
                {
                    "text": f"{d['path']}: {d['remark']}; decide whether it is a draft and "
                    "make the front matter and the notice agree",
                    "kind": "draft-inconsistent",
                }
            )
    for track in model["tracks"]:
        for check in track["checks"]:
            if check["ok"]:
                continue
            if check["check"] == "equal lengths":
                items.append(
                    {
                        "text": f"the milestone tracks in {_folder(track)} have different "
                        f"lengths ({check['detail']}): add or remove milestones so "
                        "they match, or say why they differ",
                        "kind": "track-length",
                    }
                )
            elif check["check"] == "numbering":
                items.append(
                    {"text": f"milestone numbering: {check['detail']}", "kind": "track-numbering"}
                )
            elif check["check"] == "description lengths":
                items.append(
                    {
                        "text": f"{check['detail']}: check the track reads evenly",
                        "kind": "track-balance",
                    }
                )
        for ref in track["references"]:
            if not ref["in_range"]:
                items.append(
                    {
                        "text": f"{ref['path']} line {ref['line']} says \u201c{ref['text']}"
                        f"\u201d, which does not match the milestone tracks in "
                        f"{_folder(track)} ({_and([str(d['count']) for d in track['documents']])}"
                        " milestones): update the text",
                        "kind": "track-reference",
                    }
                )
    orphans = model["links"]["orphans"]
    if len(orphans) > 10:
        items.append(
            {
                "text": f"{len(orphans)} pages are linked from no page (see Links): link "
                "them or remove them",
                "kind": "orphan",
            }
        )
    else:
        for path in orphans:
            items.append(
                {"text": f"{path} is linked from no page: link it or remove it", "kind": "orphan"}
            )
    broken = len(model["links"]["broken"])
    if broken:
        items.append(
            {
                "text": f"Fix the {broken} broken link{'s' if broken != 1 else ''}",
                "kind": "broken-links",
            }
        )
    external = model["links"].get("external")
    dead = external["dead"] if external else 0
    if dead:
        items.append(
            {
                "text": f"Replace or remove the links to {dead} dead "
                f"URL{'s' if dead != 1 else ''} on other sites",
                "kind": "dead-links",
            }
        )
    errors = model["counts"].get("error", 0)
    if errors:
        items.append(
            {
                "text": f"Fix the {errors} error{'s' if errors != 1 else ''} before merging",
                "kind": "errors",
            }
        )
    return items


def _folder(track: dict[str, Any]) -> str:
    name = track["name"]
    return "the site root" if name == "(site root)" else name + "/"
