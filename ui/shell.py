"""Builds the window for the configured mode from the core services (used by main.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from kiosk.bootstrap import kiosk_context
from kiosk.config import Config
from kiosk.services.context import KioskContext
from kiosk.services.pins import check_pin
from kiosk.store.db import Database
from kiosk.store.models import Staff
from printing.warmup import warm_up_and_freeze
from printing.worker import PrintRunner
from ui.app import MainWindow, create_application, wire_excepthook
from ui.print_worker import PrintSignals
from ui.theme import Theme, load_fonts
from ui.wiring import prepare_printing, queue_ticket_printer, staff_console


def _warm_then_print(runner: PrintRunner) -> None:
    warm_up_and_freeze()
    runner.start()


def staff_pin_checker(db: Database) -> Callable[[str], bool]:
    """True when the PIN belongs to any active staff member (the self-service exit)."""

    def verify(pin: str) -> bool:
        with db.read() as session:
            hashes = list(session.scalars(select(Staff.pin_hash).where(Staff.active.is_(True))))
        return any(check_pin(h, pin) for h in hashes)

    return verify


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
    app.aboutToQuit.connect(runner.stop)
    if mode == "selfservice":
        window = _selfservice(config, db, ctx, signals, title, kiosk_mode)
    else:
        window = _staff(config, db, ctx, signals, title)
    wire_excepthook(window)
    # Fonts and printer profiles loaded and frozen off the GUI thread, then the printers start.
    threading.Thread(
        target=_warm_then_print, args=(runner,), name="print-warmup", daemon=True
    ).start()
    start = getattr(window, "start", None)
    if kiosk_mode and callable(start):
        start()
    elif kiosk_mode:
        window.showFullScreen()
    else:
        window.show()
    return app, window


def _selfservice(
    config: Config,
    db: Database,
    ctx: KioskContext,
    signals: PrintSignals,
    title: str,
    kiosk_mode: bool,
) -> MainWindow:
    from ui.selfservice.core_backend import checkout_vietqr, make_core_backend
    from ui.selfservice.window import create_selfservice_window

    backend = make_core_backend(
        db,
        ctx,
        verify_pin=staff_pin_checker(db),
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
