"""Small windows opened from the menus (About, What changed)."""
