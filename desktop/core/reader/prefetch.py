"""Start reading something now, on a thread of its own, and take the result when needed.

The window reads its start page this way while its own code is still loading, so the first
paint does not wait for content.db (TaskRunner needs Qt objects not made yet).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, TypeVarTuple

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


class Prefetch(Generic[T]):
    """fn(*args) started now on its own thread; `result()` waits for it.

    The window reads its start page this way while its own code is still loading, so the
    first paint does not wait for content.db (TaskRunner needs the Qt objects not made yet).
    A concurrent.futures executor would do the same, but importing it costs ~3 ms of that
    very start.
    """

    def __init__(self, fn: Callable[[*Ts], T], *args: *Ts) -> None:
        self._value: list[T] = []  # [value] once fn has returned
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[*Ts], T], args: tuple[*Ts]) -> None:
        try:
            self._value.append(fn(*args))
        except BaseException as exc:  # handed to whoever asks for the result
            self._error = exc

    def result(self) -> T:
        """The value, once ready; raises what fn raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value[0]
