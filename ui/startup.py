"""Start-up in two steps: the first screen shows at once, the store opens on a thread behind it.

Loading SQLAlchemy and the models, checking and migrating the database and registering the
kiosk take about half a second, and the rest of the screens' modules as long again; nobody
needs them in the first second (a name and a PIN are typed, a "Bắt đầu" button is looked at).
`CoreStart` does that work on a thread once the first window is on screen; `PendingDatabase`
stands in for the database until then, so the first screen's reads and writes (which run on
worker threads) simply wait for it.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kiosk.store.db import Database

log = logging.getLogger(__name__)
OPEN_TIMEOUT_S = 600.0  # a migration of a large PostgreSQL event database can take minutes


class PendingDatabase:
    """The database while it is being opened: `unit_of_work()` and `read()` wait for it.

    Only worker threads call it before it is ready (the first screen's page loads and the PIN
    check); the GUI thread never waits on it. Once open it forwards every call.
    """

    def __init__(self) -> None:
        self._ready = threading.Event()
        self._db: Database | None = None
        self._error: BaseException | None = None

    def set(self, db: Database) -> None:
        self._db = db
        self._ready.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._ready.set()

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self._db is not None

    def get(self, timeout: float = OPEN_TIMEOUT_S) -> Database:
        """The open database, once it is (raises the opening's error, or app.not_ready)."""
        if not self._ready.wait(timeout):
            raise KioskError(
                "app.not_ready",
                vi="Cơ sở dữ liệu chưa mở xong. Chờ một chút rồi thử lại.",
                en="The database has not finished opening. Wait a moment and try again.",
            )
        if self._error is not None:
            raise self._error
        assert self._db is not None
        return self._db

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with self.get().unit_of_work() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.get().read() as session:
            yield session

    def dispose(self) -> None:
        if self._db is not None:
            self._db.dispose()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


class CoreStart(QObject):
    """Opens the database (kiosk.bootstrap.open_database) and imports `preload` on a thread.

    `ready(db)` or `failed(error)` is emitted once, on the GUI thread (queued); `pending`
    answers the first screen's reads meanwhile. `join()` waits for the thread (a stop during
    start-up must not dispose of a database in the middle of its migration).
    """

    ready = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        config: Config,
        preload: Sequence[str] = (),
        parent: QObject | None = None,
        opener: Callable[[Config], Database] | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.preload = tuple(preload)
        self.pending = PendingDatabase()
        self._opener = opener
        self._thread: threading.Thread | None = None

    def begin(self) -> None:
        """Start the thread (once the first window is on screen)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="core-start", daemon=True)
            self._thread.start()

    def join(self, timeout: float = OPEN_TIMEOUT_S) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            db = self._open()
        except BaseException as error:  # a damaged file, a taken receipt series, a bug
            if not isinstance(error, KioskError):
                log.exception("the database could not be opened")
            self.pending.fail(error)
            self.failed.emit(error)
            return
        self.pending.set(db)
        try:
            # The rest of the screens' modules load here rather than on the GUI thread.
            for name in self.preload:
                importlib.import_module(name)
        except BaseException as error:  # an installation missing a module: say so and stop
            log.exception("a module of the kiosk could not be loaded")
            self.failed.emit(error)
            return
        self.ready.emit(db)

    def _open(self) -> Database:
        if self._opener is not None:
            return self._opener(self.config)
        from kiosk.bootstrap import day_backup, open_database

        db = open_database(self.config)
        day_backup(self.config)  # the first start of a day copies the file (never stops it)
        return db
