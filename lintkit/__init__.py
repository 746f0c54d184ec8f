"""lintkit: content linting and review for Markdown pages of Jekyll sites."""

__version__ = "0.2.0"  # the one place; release tag v<version>, see CHANGELOG.md
BASELINE_NAME = ".lintkit-baseline.json"  # the baseline file's default name (cli, init)
