"""The visit sheet as QR codes a patient scans with any phone camera to take the questions home.

No network and nothing saved on the computer: the questions travel as plain text inside the
code. A code is kept to a size a phone reads easily off a screen or a printed page (version
MAX_VERSION, medium error correction); longer sheets are split over numbered codes, each
starting "(1 of 2)", at question boundaries where possible. segno is pure Python.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno

from db.user_store import VisitItem

MAX_VERSION = 15  # 77 x 77 modules: about 2 mm each on a 17 cm printed code, easy for phones
ERROR_LEVEL = "m"  # survives a crease or a smudge (15 %)
_HEADER_ROOM = 16  # "(12 of 12)\n" and a little margin


@dataclass(frozen=True)
class TakeHomeCode:
    """One code: its text, its place in the series and the code itself."""

    text: str
    number: int
    count: int
    code: segno.QRCode

    @property
    def caption(self) -> str:
        """What is printed under the code."""
        if self.count == 1:
            return "Scan with your phone's camera to keep these questions"
        return f"Code {self.number} of {self.count}: scan each to keep all your questions"

    def png(self, scale: int = 6, dark: str = "#000000", light: str = "#ffffff") -> bytes:
        """The code as a PNG: always dark modules on a light ground with a quiet zone, in
        both themes (phone cameras read inverted codes badly)."""
        out = io.BytesIO()
        self.code.save(out, kind="png", scale=scale, border=4, dark=dark, light=light)
        return out.getvalue()

    def svg(self, scale: int = 4) -> str:
        """The code as an SVG fragment for printed pages."""
        out = io.BytesIO()
        self.code.save(out, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True)
        return out.getvalue().decode("utf-8")


def sheet_text(items: list[VisitItem], note: str = "", title: str = "") -> str:
    """The visit sheet's questions (and notes) as the plain text a phone shows."""
    lines = [title or "Questions for my doctor"]
    for number, item in enumerate(items, start=1):
        lines.append(f"{number}. {item.text.strip()}")
        if item.note.strip():
            lines.append(f"   Note: {' '.join(item.note.split())}")
    if note.strip():
        lines.append(f"Also: {' '.join(note.split())}")
    return "\n".join(lines)


def _capacity() -> int:
    """Bytes one code holds at the chosen size and error level, less room for the header."""
    probe = segno.make_qr(
        "a",
        version=MAX_VERSION,
        error=ERROR_LEVEL,
        mode="byte",
        encoding="utf-8",
        boost_error=False,
    )
    low, high = 1, 4000
    while low < high:  # the largest byte payload that still fits MAX_VERSION
        mid = (low + high + 1) // 2
        try:
            segno.make_qr(
                "a" * mid,
                version=probe.version,
                error=ERROR_LEVEL,
                mode="byte",
                encoding="utf-8",
                boost_error=False,
            )
            low = mid
        except segno.DataOverflowError:
            high = mid - 1
    return low - _HEADER_ROOM


_CAPACITY: int | None = None


def _chunks(text: str, capacity: int) -> list[str]:
    """Split at line ends where possible, else inside a line (never mid-character)."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode("utf-8")) <= capacity:
            current = candidate
            continue
        if current:
            chunks.append(current)
        while len(line.encode("utf-8")) > capacity:
            cut = capacity
            while len(line[:cut].encode("utf-8")) > capacity:
                cut -= 1
            space = line.rfind(" ", 0, cut)
            cut = space if space > cut // 2 else cut
            chunks.append(line[:cut])
            line = line[cut:].lstrip()
        current = line
    if current:
        chunks.append(current)
    return chunks or [""]


def take_home_codes(text: str) -> list[TakeHomeCode]:
    """The codes for a sheet's text: one when it fits, else "(1 of N)" ... "(N of N)"."""
    global _CAPACITY
    if _CAPACITY is None:
        _CAPACITY = _capacity()
    parts = _chunks(text, _CAPACITY)
    count = len(parts)
    codes = []
    for number, part in enumerate(parts, start=1):
        payload = part if count == 1 else f"({number} of {count})\n{part}"
        code = segno.make_qr(
            payload, error=ERROR_LEVEL, mode="byte", encoding="utf-8", boost_error=False
        )
        codes.append(TakeHomeCode(payload, number, count, code))
    return codes


def take_home_html(items: list[VisitItem], note: str = "", size_px: int = 220) -> str:
    """The codes for a printed sheet: images in the page itself (data: URLs), captioned."""
    import base64
    import html

    codes = take_home_codes(sheet_text(items, note))
    parts = [
        '<h2 class="take-home">Take these questions home</h2>',
        '<p class="muted">Scan with your phone\'s camera: the questions and notes appear as '
        "text you can save. Nothing is sent anywhere.</p>",
    ]
    for code in codes:
        data = base64.b64encode(code.png(scale=6)).decode("ascii")
        parts.append(
            f'<p class="qr"><img src="data:image/png;base64,{data}" width="{size_px}" '
            f'height="{size_px}" alt="{html.escape(code.caption)}"/><br/>'
            f"{html.escape(code.caption)}</p>"
        )
    return "\n".join(parts)
