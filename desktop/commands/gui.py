"""`patient-answers gui`: open the reader window (the default command)."""

from __future__ import annotations

import argparse
import gc
import os
import sys

from desktop.commands.common import CommandError, add_command, admin_config, open_data_dir
from desktop.core.paths import DataDir

# Qt platforms that draw without a desktop session (tests, kiosks on a framebuffer)
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")
NO_DISPLAY = (
    "the reader window needs a graphical session (a desktop with a display) and none was "
    "found: start it from the desktop, or use 'patient-answers search' and 'show' in a terminal"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers,
        "gui",
        "Open the reader window (this is what runs with no command).",
        "patient-answers gui --private",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="full screen, private, resets itself when idle (shared computers)",
    )
    parser.add_argument(
        "--private",
        action="store_true",
        help="remember nothing: no history, bookmarks or settings are written",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window, show one answer, print timings as JSON, exit",
    )
    parser.set_defaults(func=run)


def has_display(env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Can Qt open a window here? On Linux and the BSDs that needs an X11 or Wayland session
    (or a platform that needs none); without one Qt aborts with a hint about libxcb-cursor0
    that sends people looking for a missing library."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform.startswith(_HEADLESS_PLATFORMS):
        return True
    if platform.startswith("wayland"):
        return bool(env.get("WAYLAND_DISPLAY"))
    if platform.startswith("xcb"):
        return bool(env.get("DISPLAY"))
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def _check_content(data_dir: DataDir) -> None:
    """Content the window could never read (newer, foreign, unreadable, busy) is said here in
    one line, before a window opens onto a dead end."""
    from db.store import ContentStore, StoreDamaged, StoreError

    try:
        ContentStore(data_dir.content_db, readonly=True).close()
    except StoreDamaged:
        pass  # the window resets damaged content itself (read_or_repair)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc


def run(args: argparse.Namespace) -> int:
    from desktop.core.reader.timing import mark

    mark("command line read")
    if not has_display():
        raise CommandError(NO_DISPLAY)
    admin = admin_config()  # the administrator may force private or kiosk mode
    data_dir = open_data_dir(args)
    _check_content(data_dir)
    # Starting creates many objects that live as long as the window (modules, Qt types and
    # enums); collecting garbage meanwhile finds nothing and slows the first paint by ~4 %.
    # run_app turns collection back on once the window has shown its start page.
    gc.disable()
    try:
        from desktop.core.content_health import read_or_repair
        from desktop.core.reader.prefetch import Prefetch
        from desktop.core.reader.start import load_start

        # read the start page while the window's code loads and its widgets are made; a
        # damaged page found on the way resets the content (the window shows take_reset())
        start_data = Prefetch(read_or_repair, data_dir, load_start)
        from desktop.ui.app import run_app

        return run_app(
            data_dir,
            kiosk=args.kiosk,
            private=args.private,
            smoke=args.smoke,
            admin=admin,
            start_data=start_data,
        )
    finally:
        gc.enable()
