"""Qt-free services: content import, rendering, search, sync, settings."""
