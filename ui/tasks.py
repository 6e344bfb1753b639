"""Runs database and printing work off the GUI thread and hands the result back to it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.errors import KioskError

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its queued signals bring results back there."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn()
        except KioskError as exc:  # expected (a wrong PIN, a printer offline): one line
            log.info("task %s refused: %s (%s)", _name(self._fn), exc.code, exc.en)
            self._relay.failed.emit(exc)
        except Exception as exc:  # a bug: the screen shows a calm sentence, the log the trace
            log.exception("task %s failed", _name(self._fn))
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


def _name(fn: Callable[[], Any]) -> str:
    """Where the task comes from, for the log: its qualified name and module."""
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


class TaskRunner(QObject):
    """`run(fn, on_done, on_error)`: fn runs on a worker thread, callbacks on the GUI thread.

    Keeps a reference to every relay until its task reports, so a callback can never be
    garbage-collected mid-flight. `pending` lets tests wait with qtbot.waitUntil.
    """

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    @property
    def pending(self) -> int:
        return len(self._relays)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)

        def finish(value: Any, callback: Callable[[Any], None] | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if callback is not None:
                callback(value)

        relay.done.connect(lambda value: finish(value, on_done))
        relay.failed.connect(lambda exc: finish(exc, on_error))
        self._pool.start(_Job(fn, relay))

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Block until every task finished (shutdown and tests only, never in a handler)."""
        return self._pool.waitForDone(timeout_ms)
