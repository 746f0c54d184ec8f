"""jekyll-titles-from-headings (0.5.3): a Markdown page without ``title`` gets
its first heading (or its file name) as title, so ``title`` is never missing."""

NAME = "jekyll-titles-from-headings"
SUPPLIES = ("title",)
