"""lintkit: content linting and review for Markdown pages of Jekyll sites."""

__version__ = "0.1.0"
