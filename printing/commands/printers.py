"""`python -m kiosk printers list | test ROLE | calibrate`: check the booth's printers.

`test` puts a test page on the real print queue and prints it now (so it is audited like any
job): the role's test page from the catalogue (printing.catalogue: a sample receipt, a sample
card, the booklet calibration page or a sample declaration).
`calibrate` is the booklet calibration page with the offsets from the configuration.
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli_lang import current_lang, say, text
from kiosk.config import Config
from kiosk.domain.enums import PrinterRole
from kiosk.domain.labels import label
from kiosk.errors import KioskError
from kiosk.store.db import Database
from printing.backends.base import Payload, Printer, PrinterStatus


def register(sub: Any) -> None:
    parser = sub.add_parser("printers", help="list the printers, print a test or calibration page")
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("list", help="each printer with its backend and status")
    test = verbs.add_parser("test", help="print a test page on one printer")
    test.add_argument("role", choices=[r.value for r in PrinterRole])
    verbs.add_parser("calibrate", help="print the booklet calibration page")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.bootstrap import open_database
    from kiosk.config import load_config
    from kiosk.paths import config_path, keep_printer_library_cache
    from printing.station import make_printers

    config = load_config(config_path())
    keep_printer_library_cache()  # before a receipt printer loads python-escpos
    if args.verb == "list":
        for role, printer in make_printers(config).items():
            status = printer.status()
            print(
                f"{role.value:<12} {label(role, current_lang()):<10} "
                f"{config.printers[role.value].backend:<15} {target(printer.name):<30} "
                f"{state_text(status)}"
            )
        return 0
    role = PrinterRole.BOOKLET if args.verb == "calibrate" else PrinterRole(args.role)
    db = open_database(config)
    try:
        return print_test_page(config, db, role)
    finally:
        db.dispose()


def target(name: str) -> str:
    """Where a printer prints, from its display name "<role in Vietnamese> (<where>)"
    (printing.backends.base.display_name); the role is printed from the labels instead."""
    role, bracket, where = name.partition(" (")
    return where.removesuffix(")") if bracket and where.endswith(")") else role


def state_text(status: PrinterStatus) -> str:
    """Ready, or what is wrong: the printer's own detail in the command line's language (in
    English "not ready (…)" around it, as the state words read in a list)."""
    if status.online and status.paper != "out":
        return text("sẵn sàng", "ready")
    detail = status.text(current_lang())
    if status.paper == "out":
        return text(detail, "out of paper")
    return text(detail, f"not ready ({detail})")


def print_test_page(config: Config, db: Database, role: PrinterRole) -> int:
    """Queue a test page for `role` and print it at once; 0 if it printed, 1 if not."""
    from kiosk.bootstrap import kiosk_context
    from kiosk.domain.enums import PrintStatus
    from kiosk.store.models import PrintJob
    from printing.issue import issue_test_page
    from printing.station import make_runner

    ctx = kiosk_context(config)
    with db.unit_of_work() as session:
        job_id = issue_test_page(session, ctx, role).id
    runner = make_runner(config, db, ctx)
    printer = runner.printers[role]
    watched = _Watched(printer)
    runner.printers = {role: watched}
    # Jobs queued before the test page print first: the queue keeps each printer's order.
    while runner.run_once(role):
        with db.read() as session:
            if session.get_one(PrintJob, job_id).status == PrintStatus.DONE:
                break
    with db.read() as session:
        job = session.get_one(PrintJob, job_id)
        status, error = job.status, job.last_error
    if status == PrintStatus.DONE:
        written = getattr(printer, "last_written", None)  # a folder printer: say where it went
        where = f": {written}" if written else "."
        say(
            f"Đã in trang thử trên máy in {label(role).lower()}{where}",
            f"Test page printed on the printer for {label(role, 'en').lower()}{where}",
        )
        return 0
    # The queue keeps the Vietnamese text of the fault (PrintJob.last_error); the English one
    # is the printer's own error, seen on its way past.
    english = watched.error.en if watched.error is not None else label(status, "en")
    say(f"Chưa in được: {error or label(status)}", f"Not printed: {english}")
    return 1


class _Watched(Printer):
    """The printer, remembering the last error it raised (for the English message)."""

    def __init__(self, inner: Printer) -> None:
        self.inner = inner
        self.name = inner.name
        self.accepts = inner.accepts
        self.error: KioskError | None = None

    def send(self, payload: Payload) -> None:
        try:
            self.inner.send(payload)
        except KioskError as err:
            self.error = err
            raise

    def status(self) -> PrinterStatus:
        return self.inner.status()
