"""The reader window: the only package that imports PySide6 (DESIGN section 1)."""
