"""What the window does, one controller per job (search, updates, printing, ...)."""
