"""What the reader sees, without Qt: pages, answers, history; the CLI and the window share it."""
