"""Shared computers: private mode, kiosk mode and the administrator's locks."""
