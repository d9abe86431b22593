"""One module per command; each has register(subparsers) and sets args.func."""

from desktop.commands import build, gui, hash_pin, info, keygen, publish, search, show, sync

COMMANDS = [gui, build, info, search, show, keygen, publish, sync, hash_pin]
