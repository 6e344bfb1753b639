"""A staff console on a test database with in-memory printers and real print threads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.domain.enums import PrinterRole, PrintStatus, Role
from kiosk.services.context import KioskContext
from kiosk.services.staff_auth import create_staff
from kiosk.store.db import Database
from printing.worker import PrintRunner
from scenario.memory_printer import MemoryPrinter
from tests.ui.widgets.helpers import show_top
from ui.print_worker import PrintSignals
from ui.staff.console import StaffConsole
from ui.staff.issuance_panel import DeskPrinting
from ui.staff.state import StaffState
from ui.staff.visit_page import VisitPage
from ui.wiring import desk_printing, shift_report_printer

SUPERVISOR_PIN = "246810"
STAFF_PIN = "1357"


@dataclass
class Desk:
    console: StaffConsole
    state: StaffState
    printers: dict[PrinterRole, MemoryPrinter]
    runner: PrintRunner


@contextmanager
def desk(
    qtbot: QtBot,
    db: Database,
    config: Config,
    ctx: KioskContext,
    config_path: Path | None = None,
) -> Iterator[Desk]:
    """A shown 1280×800 console, a supervisor "Phạm Văn Giám" and a staff member "Lê Thị Thu"."""
    with db.unit_of_work() as s:
        create_staff(s, ctx, "Phạm Văn Giám", Role.SUPERVISOR, SUPERVISOR_PIN)
        create_staff(s, ctx, "Lê Thị Thu", Role.STAFF, STAFF_PIN)
    printers = {
        PrinterRole.RECEIPT: MemoryPrinter("biên lai", accepts=("escpos",)),
        PrinterRole.CARD: MemoryPrinter("thẻ"),
        PrinterRole.BOOKLET: MemoryPrinter("sổ"),
        PrinterRole.DECLARATION: MemoryPrinter("tờ khai"),
    }
    signals = PrintSignals()
    runner = PrintRunner(db, ctx, dict(printers), on_event=signals.emit_event, poll_s=0.05)
    signals.attach(runner)
    state = StaffState(config, db, ctx)
    printing: DeskPrinting = desk_printing(config, ctx, signals)
    console = StaffConsole(
        state, printing, signals, list(printers), config_path, shift_report_printer(ctx)
    )
    state.setParent(console)  # as ui/wiring.py does: the state's tasks go with the console
    console.resize(1280, 800)
    show_top(qtbot, console)
    console.start()
    runner.start()
    try:
        yield Desk(console, state, printers, runner)
    finally:
        runner.stop()
        state.tasks.wait_idle()


def log_in(qtbot: QtBot, console: StaffConsole, name: str, pin: str) -> None:
    """Type the name and PIN on the login page and wait for the desk."""
    login = console.login
    qtbot.waitUntil(lambda: login.name.count() > 0)
    login.name.setCurrentText(name)
    login.pin.setText(pin)
    login.button.click()
    qtbot.waitUntil(lambda: console.state.staff is not None or bool(login.error.text()))


def wait_all_printed(qtbot: QtBot, visit: VisitPage, jobs: int) -> None:
    """Wait until the visit page lists `jobs` print jobs, every one printed."""
    qtbot.waitUntil(
        lambda: (
            len(visit.print_box.jobs) == jobs
            and all(j.status == PrintStatus.DONE for j in visit.print_box.jobs)
        ),
        timeout=20_000,
    )
