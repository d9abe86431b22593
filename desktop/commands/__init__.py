"""One module per command; each has register(subparsers) and sets args.func."""

from desktop.commands import build, gui, info, search, show

COMMANDS = [gui, build, info, search, show]
