"""jekyll-sitemap (1.4.0): writes ``/sitemap.xml``, and ``/robots.txt`` when the
site has none."""

from typing import Any

NAME = "jekyll-sitemap"


def generated(site: Any) -> dict[str, str]:
    out = {"sitemap.xml": NAME}
    if "robots.txt" not in site.file_set:
        out["robots.txt"] = NAME
    return out
