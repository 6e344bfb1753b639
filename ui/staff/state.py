"""What every staff page shares: the store, the kiosk, the logged-in staff member, a task runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config
from kiosk.services.context import KioskContext
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the login page shows before the store's modules load (ui/startup.py)
    from sqlalchemy.orm import Session

    from kiosk.store.db import Database

T = TypeVar("T")


class StaffState(QObject):
    """Shared by the pages of the staff console.

    `staff` is the logged-in staff member (an object with staff_id, name, role) or None.
    Pages call `write(fn, on_done)` / `read(fn, on_done)` so that database work runs on a worker
    thread; after a successful write `data_changed` fires so the queue and dashboard refresh.
    """

    staff_changed = Signal(object)  # the new staff session or None
    data_changed = Signal()
    error = Signal(object)  # an exception a page did not handle itself

    def __init__(
        self, config: Config, db: Database, ctx: KioskContext, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.db = db
        self.ctx = ctx
        self.staff: Any = None
        self.tasks = TaskRunner(self)
        self._latest: dict[str, int] = {}

    def set_staff(self, staff: Any) -> None:
        self.staff = staff
        self.staff_changed.emit(staff)

    @property
    def staff_id(self) -> Any:
        return None if self.staff is None else self.staff.staff_id

    def read(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run fn(session) in a read transaction on a worker thread."""

        def work() -> T:
            with self.db.read() as session:
                return fn(session)

        self.tasks.run(work, on_done, on_error or self.error.emit)

    def read_latest(
        self,
        key: str,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Like read, but of several reads in flight under `key` only the newest is shown.

        Reads run on two threads and can finish out of order; a screen refreshed by a stream of
        events (print jobs finishing) must not end on an older answer.
        """
        ticket = self._latest.get(key, 0) + 1
        self._latest[key] = ticket

        def done(value: T) -> None:
            if self._latest.get(key) == ticket:
                on_done(value)

        self.read(fn, done, on_error)

    def write(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run fn(session) in a unit of work on a worker thread; announce the change."""

        def work() -> T:
            with self.db.unit_of_work() as session:
                return fn(session)

        def done(value: T) -> None:
            if on_done is not None:
                on_done(value)
            self.data_changed.emit()

        self.tasks.run(work, done, on_error or self.error.emit)
