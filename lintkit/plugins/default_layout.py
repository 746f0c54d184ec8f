"""jekyll-default-layout (0.1.5): a page without ``layout`` gets ``page`` (or
``home`` / ``post`` / ``default``, whichever the site has), so ``layout`` is
never missing."""

NAME = "jekyll-default-layout"
SUPPLIES = ("layout",)
