"""One module per command; each has register(subparsers) and sets args.func.

Modules are imported by name when a parser needs them, so that opening the window (the
common case) does not pay for importing every other command.
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMAND_NAMES = (
    "gui",
    "build",
    "info",
    "search",
    "show",
    "keygen",
    "publish",
    "sync",
    "keys",
    "hash_pin",
    "saved",
    "define",
)


def load_commands(names: tuple[str, ...] = COMMAND_NAMES) -> list[ModuleType]:
    """The command modules for `names`, in that order."""
    return [importlib.import_module(f"desktop.commands.{name}") for name in names]
