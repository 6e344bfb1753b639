"""Builds the window for the configured mode from the core services (used by main.py).

Start-up shows the first screen before anything it does not need is loaded: the printers'
fonts, layouts and python-escpos's printer database (half a second together) are loaded on a
thread once the window is on screen, and the print threads start after that.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.bootstrap import kiosk_context
from kiosk.config import Config
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from printing.worker import PrintRunner
from ui.app import MainWindow, create_application, wire_excepthook
from ui.print_worker import PrintSignals
from ui.theme import Theme, load_fonts
from ui.wiring import prepare_printing, queue_ticket_printer, staff_console


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


def build_window(
    config: Config, db: Database, *, mode: str, kiosk_mode: bool
) -> tuple[QApplication, MainWindow]:
    """Create the application and the main window for `mode` ("staff" or "selfservice")."""
    app = create_application([])
    load_fonts()
    Theme().apply()
    ctx = kiosk_context(config)
    title = f"Ki-ốt BHXH — {config.event.name} — {config.kiosk.name}"
    signals, runner = prepare_printing(config, db, ctx, app)
    printing = PrintStart(runner)
    app.aboutToQuit.connect(printing.stop)
    if mode == "selfservice":
        window = _selfservice(config, db, ctx, signals, title, kiosk_mode)
    else:
        window = _staff(config, db, ctx, signals, title)
    wire_excepthook(window)
    window.print_start = printing
    start = getattr(window, "start", None)
    if kiosk_mode and callable(start):
        start()
    elif kiosk_mode:
        window.showFullScreen()
    else:
        window.show()
    # After the first paint: the event loop runs this once the window is on screen.
    QTimer.singleShot(0, printing.begin)
    return app, window


def _selfservice(
    config: Config,
    db: Database,
    ctx: KioskContext,
    signals: PrintSignals,
    title: str,
    kiosk_mode: bool,
) -> MainWindow:
    from ui.kiosk_mode import exit_pin_checker
    from ui.selfservice.core_backend import checkout_vietqr, make_core_backend
    from ui.selfservice.window import create_selfservice_window

    backend = make_core_backend(
        db,
        ctx,
        # The exit PIN goes through the login service: counted, locked out, audited.
        verify_pin=exit_pin_checker(db, ctx),
        # start_vietqr refuses the placeholder bank account: the wizard then says "pay at the desk".
        vietqr_payload=checkout_vietqr(db, ctx, config.bank),
        print_ticket=queue_ticket_printer(db, ctx, signals),
    )
    window, _wizard = create_selfservice_window(
        backend, title=title, idle_timeout_s=config.kiosk.idle_timeout_s, kiosk=kiosk_mode
    )
    return window


def _staff(
    config: Config, db: Database, ctx: KioskContext, signals: PrintSignals, title: str
) -> MainWindow:
    console = staff_console(config, db, ctx, signals)
    console.start()
    return MainWindow(title, console)
