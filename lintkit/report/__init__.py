"""Reporters: each module has ``render(findings, *, rules, files, tool_version, ...) -> str``."""
