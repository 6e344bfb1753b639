"""Where the controller runs its writes: TaskRunner in the window, InlineRunner in tests."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.errors import KioskError

log = logging.getLogger(__name__)


class Runner(Protocol):
    """`run(fn, on_done, on_error)`: the shape of ui.tasks.TaskRunner.run."""

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None: ...


class InlineRunner:
    """Runs `fn` at once on the calling thread and logs a failure the way TaskRunner does, so a
    controller test sees the same callbacks in the same order without an event loop."""

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        try:
            result = fn()
        except KioskError as exc:
            log.info("task refused: %s (%s)", exc.code, exc.en)
            if on_error is not None:
                on_error(exc)
        except Exception as exc:  # a bug: the screen shows a calm sentence, the log the trace
            log.exception("task failed")
            if on_error is not None:
                on_error(exc)
        else:
            if on_done is not None:
                on_done(result)
