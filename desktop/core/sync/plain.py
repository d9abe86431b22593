"""Text that came from outside (a server, a file name, an exception) made safe to show.

Nothing a server sends is signed except feed.json and the packs; reason phrases, bad status
lines and redirect targets are not. They are shown only as one plain, short line: control and
bidirectional-override characters removed, whitespace collapsed, cut to a length. The window
must still show every such string with Qt.PlainText (see NOTES.md); this keeps the CLI and
logs one line and stops a 'reason' from being a page of text.
"""

from __future__ import annotations

import re
import unicodedata

MAX_REASON = 400
_SPACES = re.compile(r"\s+")
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def plain(text: object, limit: int = MAX_REASON) -> str:
    """One line of printable text, at most `limit` characters (cut with an ellipsis)."""
    raw = str(text)
    if len(raw) > limit * 4:
        raw = raw[: limit * 4]
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in raw
        if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE
    )
    line = _SPACES.sub(" ", kept).strip()
    if len(line) <= limit:
        return line
    return line[: limit - 1].rstrip() + "…"
