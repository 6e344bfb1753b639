"""Builds the screens' dependencies from the configuration: print threads, console, tickets."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from kiosk.config import Config
from kiosk.domain.enums import PrinterRole
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from printing.issue import issue_queue_ticket, issue_shift_report, issue_visit
from printing.station import issuing_place, kiosk_signer, make_runner
from printing.worker import PrintRunner
from ui.print_worker import PrintSignals
from ui.selfservice.model import Registration

if TYPE_CHECKING:  # the console's modules load only in staff mode (start-up time)
    from ui.staff.console import StaffConsole
    from ui.staff.issuance_panel import DeskPrinting


def prepare_printing(
    config: Config, db: Database, ctx: KioskContext, parent: QObject | None = None
) -> tuple[PrintSignals, PrintRunner]:
    """The print runner for the configured printers, jobs a crash interrupted re-examined.

    Start it (`runner.start()`) once the screens listening to `signals` exist, so that they
    hear the printers' first status.
    """
    signals = PrintSignals(parent)
    runner = make_runner(config, db, ctx, signals.emit_event)
    signals.attach(runner)
    runner.recover()
    return signals, runner


def queue_ticket_printer(
    db: Database, ctx: KioskContext, signals: PrintSignals
) -> Callable[[Registration], None]:
    """The self-service ticket: a job on the receipt printer's queue (never waits for it)."""

    def print_ticket(registration: Registration) -> None:
        with db.unit_of_work() as session:
            role = issue_queue_ticket(session, ctx, registration.visit_id).printer_role
        signals.wake(role)

    return print_ticket


def desk_printing(config: Config, ctx: KioskContext, signals: PrintSignals) -> DeskPrinting:
    """Issuing a paid visit's documents with this kiosk's card signer."""
    from ui.staff.issuance_panel import DeskPrinting

    signer = kiosk_signer(config)
    place = issuing_place(config)

    def issue(session: Session, visit_id: uuid.UUID, staff_id: uuid.UUID | None) -> list[uuid.UUID]:
        return issue_visit(session, ctx, visit_id, signer, place, staff_id)

    return DeskPrinting(issue, signals.wake)


def shift_report_printer(ctx: KioskContext) -> Callable[[Session, uuid.UUID], object]:
    """Queues the X/Z report of a shift on the receipt printer."""

    def enqueue(session: Session, shift_id: uuid.UUID) -> object:
        return issue_shift_report(session, ctx, shift_id)

    return enqueue


def staff_console(
    config: Config, db: Database, ctx: KioskContext, signals: PrintSignals
) -> StaffConsole:
    """The desk console wired to the store and the print threads, with the first-start
    checklist (the same checks as `kiosk doctor`)."""
    from kiosk import paths
    from ui.staff.checklist import ChecklistPanel, console_checks
    from ui.staff.console import StaffConsole
    from ui.staff.state import StaffState

    state = StaffState(config, db, ctx)
    roles = [PrinterRole(role) for role in config.printers]
    console = StaffConsole(
        state,
        desk_printing(config, ctx, signals),
        signals,
        roles,
        config.source,
        shift_report_printer(ctx),
        ChecklistPanel(console_checks(config, db, paths.data_dir())),
    )
    state.setParent(console)
    return console
