"""Builds the screens' dependencies from the configuration: print threads, console, tickets.

Printing's modules are imported inside the functions: the first screen is built before they
load (ui/startup.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.config import Config
from kiosk.domain.enums import PrinterRole
from kiosk.services.context import KioskContext
from ui.print_worker import PrintSignals
from ui.selfservice.model import Registration

if TYPE_CHECKING:  # the console's modules load only in staff mode (start-up time)
    from sqlalchemy.orm import Session

    from kiosk.store.db import Database
    from printing.worker import PrintRunner
    from ui.staff.console import StaffConsole
    from ui.staff.issuance_panel import DeskPrinting
    from ui.staff.login import LoginPage
    from ui.staff.state import StaffState


def prepare_printing(
    config: Config, db: Database, ctx: KioskContext, signals: PrintSignals
) -> PrintRunner:
    """The print runner for the configured printers, reporting to `signals` (made with the
    first screen), jobs a crash interrupted re-examined.

    Start it (`runner.start()`) once the screens listening to `signals` exist, so that they
    hear the printers' first status.
    """
    from printing.station import make_runner

    runner = make_runner(config, db, ctx, signals.emit_event)
    signals.attach(runner)
    runner.recover()
    return runner


def queue_ticket_printer(
    db: Database, ctx: KioskContext, signals: PrintSignals
) -> Callable[[Registration], None]:
    """The self-service ticket: a job on the receipt printer's queue (never waits for it)."""

    def print_ticket(registration: Registration) -> None:
        from printing.issue import issue_queue_ticket

        with db.unit_of_work() as session:
            role = issue_queue_ticket(session, ctx, registration.visit_id).printer_role
        signals.wake(role)

    return print_ticket


def desk_printing(config: Config, ctx: KioskContext, signals: PrintSignals) -> DeskPrinting:
    """Issuing a paid visit's documents with this kiosk's card signer."""
    from printing.issue import issue_visit
    from printing.station import issuing_place, kiosk_signer
    from ui.staff.issuance_panel import DeskPrinting

    signer = kiosk_signer(config)
    place = issuing_place(config)

    def issue(session: Session, visit_id: uuid.UUID, staff_id: uuid.UUID | None) -> list[uuid.UUID]:
        return issue_visit(session, ctx, visit_id, signer, place, staff_id)

    return DeskPrinting(issue, signals.wake)


def shift_report_printer(ctx: KioskContext) -> Callable[[Session, uuid.UUID], object]:
    """Queues the X/Z report of a shift on the receipt printer."""

    def enqueue(session: Session, shift_id: uuid.UUID) -> object:
        from printing.issue import issue_shift_report

        return issue_shift_report(session, ctx, shift_id)

    return enqueue


def staff_console(
    config: Config,
    db: Database,
    ctx: KioskContext,
    signals: PrintSignals,
    state: StaffState | None = None,
    login: LoginPage | None = None,
) -> StaffConsole:
    """The desk console wired to the store and the print threads, with the first-start
    checklist (the same checks as `kiosk doctor`). `state` and `login` are those of the
    login page shown at start-up, which the console takes over."""
    from kiosk import paths
    from ui.staff.checklist import ChecklistPanel, console_checks
    from ui.staff.console import StaffConsole
    from ui.staff.state import StaffState

    state = state or StaffState(config, db, ctx)
    roles = [PrinterRole(role) for role in config.printers]
    console = StaffConsole(
        state,
        desk_printing(config, ctx, signals),
        signals,
        roles,
        config.source,
        shift_report_printer(ctx),
        ChecklistPanel(console_checks(config, db, paths.data_dir())),
        login=login,
    )
    state.setParent(console)
    return console
