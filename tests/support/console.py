"""A staff console on a test database with in-memory printers and real print threads."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.domain.enums import PrinterRole, PrintStatus, Role, Scheme, SupportGroup
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.staff_auth import create_staff
from kiosk.services.visits import start_vietqr
from kiosk.store.db import Database
from printing.worker import PrintRunner
from scenario.memory_printer import MemoryPrinter
from tests.support.paid import HOUSEHOLD, fixed_ctx
from tests.ui.widgets.helpers import show_top
from ui.print_worker import PrintSignals
from ui.staff.checklist import ChecklistPanel
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
    checklist: ChecklistPanel | None = None,
) -> Iterator[Desk]:
    """A shown 1280×800 console, a supervisor "Phạm Văn Giám" and a staff member "Lê Thị Thu"."""
    with db.unit_of_work() as s:
        supervisor = create_staff(s, ctx, "Phạm Văn Giám", Role.SUPERVISOR, SUPERVISOR_PIN)
        create_staff(s, ctx, "Lê Thị Thu", Role.STAFF, STAFF_PIN, by=supervisor.id)
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
        state,
        printing,
        signals,
        list(printers),
        config_path,
        shift_report_printer(ctx),
        checklist,
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


def self_registration(db: Database) -> uuid.UUID:
    """Two people registered on the touchscreen: BHYT 12 months for both and BHXH 12 months
    on 1,500,000 for the first — 2,322,540 + 3,168,000 = 5,490,540 đ to pay."""
    members = [
        MemberRequest(
            HOUSEHOLD[0],
            (
                SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),
                SchemeChoice(Scheme.BHXH_VOLUNTARY, 12, income=1_500_000, group=SupportGroup.OTHER),
            ),
        ),
        MemberRequest(HOUSEHOLD[1], (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),)),
    ]
    with db.unit_of_work() as s:
        return register_visit(s, fixed_ctx(), members, source="self_service").visit_id


def self_service_transfer(db: Database, config: Config, visit_id: uuid.UUID) -> str:
    """The attendee chose VietQR on the touchscreen (its key, as ui/selfservice uses it) and
    walked away: a pending transfer; returns the QR payload it showed."""
    with db.unit_of_work() as s:
        return start_vietqr(s, fixed_ctx(), config.bank, visit_id, f"selfservice-vietqr:{visit_id}")


def open_first_ticket(qtbot: QtBot, d: Desk) -> VisitPage:
    """Wait for the one self-registration in the queue and take it over."""
    queue_page = d.console.pages["queue"]
    qtbot.waitUntil(lambda: queue_page.table.rowCount() == 1)  # type: ignore[attr-defined]
    queue_page.take.click()  # type: ignore[attr-defined]
    visit = d.console.visit
    qtbot.waitUntil(lambda: visit.summary is not None)
    return visit
