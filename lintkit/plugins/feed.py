"""jekyll-feed (0.17.0): writes the Atom feed at ``feed.path`` (default
``/feed.xml``)."""

from typing import Any

NAME = "jekyll-feed"


def generated(site: Any) -> dict[str, str]:
    feed = site.config.get("feed")
    path = feed.get("path") if isinstance(feed, dict) else None
    return {str(path or "feed.xml").lstrip("/"): NAME}
