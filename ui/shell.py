"""Builds the window for the configured mode from the core services (used by main.py).

Start-up shows the first screen (the staff login, the attendees' welcome) before anything it
does not need is loaded: the database opens and the rest of the screens' modules load on a
thread behind it (ui/startup.py); then the console is built around the login page, and the
printers' fonts, layouts and python-escpos's printer database load on another thread before the
print threads start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.domain.provinces import province_code_of
from kiosk.services.context import kiosk_context
from ui.app import MainWindow, create_application, wire_excepthook
from ui.print_worker import PrintSignals
from ui.startup import CoreStart
from ui.theme import Theme, load_fonts
from ui.wiring import prepare_printing, queue_ticket_printer, staff_console

if TYPE_CHECKING:
    from kiosk.store.db import Database
    from printing.worker import PrintRunner
    from ui.staff.login import LoginPage
    from ui.staff.state import StaffState

# What the rest of each mode needs, imported on the start-up thread rather than the GUI's.
PRELOAD = {
    "staff": (
        "ui.staff.console",
        "ui.staff.checklist",
        "printing.issue",
        "printing.station",
        "kiosk.services.staff_auth",
    ),
    "selfservice": (
        "kiosk.services.register",
        "kiosk.services.visits",
        "kiosk.services.staff_auth",
        "printing.issue",
        "printing.station",
    ),
}


class PrintStart:
    """Warms the renderers up on a thread after the first screen shows, then starts printing;
    a stop before that (Ctrl+C during start-up) means the print threads never start."""

    def __init__(self, runner: PrintRunner) -> None:
        self.runner = runner
        self.stopping = threading.Event()
        self.started = threading.Event()  # the print threads run (or were never to run)
        self._lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def begin(self) -> None:
        """Start the warm-up thread (call once the window is shown)."""
        self.thread = threading.Thread(target=self._run, name="print-warmup", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        from printing.warmup import warm_up_and_freeze

        if not self.stopping.is_set():
            warm_up_and_freeze()
        with self._lock:  # stop() cannot slip in between the check and the start
            if not self.stopping.is_set():
                self.runner.start()
            self.started.set()

    def stop(self) -> None:
        """Let each print thread finish the job in hand, then stop (jobs not finished within
        the runner's timeout stay "printing" and are re-examined at the next start)."""
        with self._lock:
            self.stopping.set()
        self.runner.stop()


class KioskStart(QObject):
    """The application and its window for `mode` ("staff" or "selfservice").

    The window is on screen when the constructor returns; `ready` is emitted once the
    database is open (by `opener`, kiosk.bootstrap.open_database unless a test gives its own)
    and the whole mode works, `failed(error)` if it could not open (the
    event loop then ends with status 2 and `error` holds the reason). `close()` after the loop.
    """

    ready = Signal()
    failed = Signal(object)

    def __init__(
        self,
        config: Config,
        *,
        mode: str,
        kiosk_mode: bool,
        opener: Callable[[Config], Database] | None = None,
    ) -> None:
        app = create_application([])
        super().__init__(app)
        self.app: QApplication = app
        load_fonts()
        Theme().apply()
        self.config = config
        self.mode = mode
        self.ctx = kiosk_context(config)
        self.core = CoreStart(config, PRELOAD[mode], self, opener)
        self.signals = PrintSignals(self)
        self.printing: PrintStart | None = None
        self.error: BaseException | None = None
        self.window = self._selfservice(kiosk_mode) if mode == "selfservice" else self._staff()
        wire_excepthook(self.window)
        start = getattr(self.window, "start", None)
        if kiosk_mode and callable(start):
            start()
        elif kiosk_mode:
            self.window.showFullScreen()
        else:
            self.window.show()
        self.core.ready.connect(self._finish)
        self.core.failed.connect(self._failed)
        # After the first paint: the event loop runs this once the window is on screen.
        QTimer.singleShot(0, self.core.begin)

    # -- the first screen -----------------------------------------------------------------------
    def _title(self) -> str:
        return f"Ki-ốt BHXH — {self.config.event.name} — {self.config.kiosk.name}"

    def _selfservice(self, kiosk_mode: bool) -> MainWindow:
        from ui.kiosk_mode import exit_pin_checker
        from ui.selfservice.core_backend import checkout_vietqr, make_core_backend
        from ui.selfservice.window import create_selfservice_window

        db = self._db()
        backend = make_core_backend(
            db,
            self.ctx,
            # The exit PIN goes through the login service: counted, locked out, audited.
            verify_pin=exit_pin_checker(db, self.ctx),
            # start_vietqr refuses the placeholder account: the wizard then says "pay at the desk".
            vietqr_payload=checkout_vietqr(db, self.ctx, self.config.bank),
            print_ticket=queue_ticket_printer(db, self.ctx, self.signals),
            province=province_code_of(self.config.event.province),
        )
        window, _wizard = create_selfservice_window(
            backend,
            title=self._title(),
            idle_timeout_s=self.config.kiosk.idle_timeout_s,
            kiosk=kiosk_mode,
            start_language=self.config.default_language,
            offered=self.config.languages,
        )
        return window

    def _staff(self) -> MainWindow:
        from ui.staff.common import DESK_STYLE
        from ui.staff.login import LoginPage
        from ui.staff.state import StaffState

        self.state: StaffState = StaffState(self.config, self._db(), self.ctx)
        self.login: LoginPage = LoginPage(self.state)
        self.login.setStyleSheet(DESK_STYLE)
        self.login.refresh()  # the names arrive once the database is open
        return MainWindow(self._title(), self.login)

    def _db(self) -> Database:
        """The database as the first screen's services see it: pending until it opens."""
        return cast("Database", self.core.pending)

    # -- the rest, once the database is open ---------------------------------------------------
    def _finish(self, db: Database) -> None:
        runner = prepare_printing(self.config, db, self.ctx, self.signals)
        self.printing = PrintStart(runner)
        self.app.aboutToQuit.connect(self.printing.stop)
        self.window.print_start = self.printing
        if self.mode != "selfservice":
            self.state.db = db
            self.login.setStyleSheet("")  # the console's own style sheet applies from now on
            console = staff_console(
                self.config, db, self.ctx, self.signals, state=self.state, login=self.login
            )
            self.window.set_content(console)
            console.start()
        self.printing.begin()
        self.ready.emit()

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self.failed.emit(error)
        self.app.exit(2)

    def close(self) -> None:
        """After the event loop (whose end stopped the print threads): wait for a start-up
        still opening the database, then close it."""
        self.core.join()
        self.window.hide()
        self.core.pending.dispose()
