"""Back and forward through the pages the reader saw (start page, answers, visit sheet)."""

from __future__ import annotations

from dataclasses import dataclass

LIMIT = 200


@dataclass(frozen=True)
class Location:
    """A page: kind is "start", "answer" or "visit"; value is the answer id."""

    kind: str
    value: str = ""


class NavHistory:
    """A browser-style back/forward list (forward entries drop when you go somewhere new)."""

    def __init__(self) -> None:
        self.entries: list[Location] = []
        self.index = -1

    @property
    def current(self) -> Location | None:
        """Where the reader is now."""
        return self.entries[self.index] if self.index >= 0 else None

    def visit(self, location: Location) -> None:
        """Go somewhere new (visiting the current page again changes nothing)."""
        if location == self.current:
            return
        del self.entries[self.index + 1 :]
        self.entries.append(location)
        if len(self.entries) > LIMIT:
            del self.entries[0]
        self.index = len(self.entries) - 1

    def can_go_back(self) -> bool:
        """True when there is a page behind."""
        return self.index > 0

    def can_go_forward(self) -> bool:
        """True when there is a page ahead."""
        return self.index < len(self.entries) - 1

    def back(self) -> Location | None:
        """Step back; the new current page."""
        if self.can_go_back():
            self.index -= 1
        return self.current

    def forward(self) -> Location | None:
        """Step forward; the new current page."""
        if self.can_go_forward():
            self.index += 1
        return self.current

    def clear(self, keep_current: bool = False) -> None:
        """Forget every page (all but the current one when `keep_current`)."""
        current = self.current
        self.entries, self.index = [], -1
        if keep_current and current is not None:
            self.visit(current)

    def forget(self, kind: str, value: str) -> None:
        """Drop a page that no longer exists (a withdrawn answer)."""
        current = self.current
        self.entries = [e for e in self.entries if e != Location(kind, value)]
        if current is not None and current in self.entries:
            self.index = self.entries.index(current)
        else:
            self.index = len(self.entries) - 1
