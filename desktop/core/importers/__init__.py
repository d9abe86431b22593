"""Content importers: authoring Markdown, MedQuAD XML and JSON Lines, behind one entry point."""

from desktop.core.importers.base import ImportIssue, ImportResult, read_sources

__all__ = ["ImportIssue", "ImportResult", "read_sources"]
