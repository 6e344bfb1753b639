"""The demo day's afternoon: documents through the print queue, a jammed printer, exports.

Receipts go to a fake ESC/POS network printer on 127.0.0.1 (the bytes a thermal printer would
get are saved as .bin files); cards, booklet covers and declarations go to the PDF-folder
printer. The receipt printer runs out of paper once: the job waits with the error and prints
exactly once after "paper is loaded" and staff press retry. Then the campaign counters, the
exports and the signed bundle for the office.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from kiosk.config import Config, PrinterConfig
from kiosk.domain.enums import (
    ActivityKind,
    DocumentKind,
    EnrollmentStatus,
    PrinterRole,
    PrintStatus,
)
from kiosk.domain.keys import load_or_create_office_key, load_or_create_private_key
from kiosk.domain.provisional import sign_provisional
from kiosk.private_files import write_private
from kiosk.services.bundle import export_bundle
from kiosk.services.campaign import record_activity
from kiosk.services.context import KioskContext
from kiosk.services.exports import (
    export_campaign_xlsx,
    export_participants_xlsx,
    export_payments_xlsx,
)
from kiosk.services.issuance import Signer
from kiosk.store.db import Database
from kiosk.store.models import PrintJob, Staff, Visit
from printing import queue
from printing.backends.factory import make_printer
from printing.exports_pdf import export_declarations_pdf
from printing.issue import issue_visit
from printing.station import issuing_place
from printing.worker import PrintRunner
from scenario.fake_escpos import FakeEscposPrinter
from scenario.summary import DemoSummary


def print_and_export(
    db: Database, ctx: KioskContext, config: Config, out: Path, summary: DemoSummary
) -> None:
    """Print every paid visit's documents, survive a paper-out, record campaign taps, export."""
    key = load_or_create_private_key(out / "keys")
    output = out / "output"
    with db.read() as s:
        visits = list(
            s.scalars(
                select(Visit.id)
                .where(Visit.status == EnrollmentStatus.PAID)
                .order_by(Visit.paid_at)
            )
        )
        staff_id = s.scalars(select(Staff.id).order_by(Staff.name)).first()
    signer = _signer(key, config.kiosk.id)
    with FakeEscposPrinter() as thermal:
        printers = {
            PrinterRole.RECEIPT: make_printer(
                PrinterConfig(
                    "receipt",
                    "escpos-network",
                    {"host": "127.0.0.1", "port": thermal.port, "timeout_s": 2},
                ),
                output,
            ),
            PrinterRole.CARD: make_printer(config.printer("card"), output),
            PrinterRole.BOOKLET: make_printer(config.printer("booklet"), output),
        }
        runner = PrintRunner(db, ctx, printers)
        for visit_id in visits:
            with db.unit_of_work() as s:
                issue_visit(s, ctx, visit_id, signer, issuing_place(config), staff_id)
        thermal.mode = "paper_out"
        runner.run_once(PrinterRole.RECEIPT)
        with db.read() as s:
            waiting = s.scalars(
                select(PrintJob).where(
                    PrintJob.status == PrintStatus.QUEUED, PrintJob.last_error.is_not(None)
                )
            ).first()
            error = waiting.last_error if waiting else ""
            waiting_id = waiting.id if waiting else None
        summary.notes.append(f"receipt printer out of paper once: “{error}”")
        thermal.mode = "normal"
        if waiting_id is not None:
            with db.unit_of_work() as s:
                queue.retry(s, ctx, waiting_id, staff_id)
        for role in printers:
            while runner.run_once(role):
                pass
        receipts_dir = output / "receipt-escpos"
        for number, job in enumerate(thermal.jobs, start=1):
            write_private(receipts_dir / f"receipt-{number:04d}.bin", job)
        summary.files["receipts_escpos"] = str(receipts_dir)
    summary.files["cards"] = str(output / "card")
    summary.files["booklets"] = str(output / "booklet")
    with db.read() as s:
        printed = dict(
            s.execute(
                select(PrintJob.kind, func.count())
                .where(PrintJob.status == PrintStatus.DONE)
                .group_by(PrintJob.kind)
            ).all()
        )
    summary.notes.append(
        "printed: "
        + ", ".join(
            f"{printed.get(k, 0)} {k.value}"
            for k in (DocumentKind.RECEIPT, DocumentKind.CARD, DocumentKind.BOOKLET)
        )
    )
    _campaign(db, ctx, staff_id)
    _exports(db, ctx, out, key, summary)


def _signer(key: Ed25519PrivateKey, kiosk_id: str) -> Signer:
    return lambda fields: sign_provisional(fields, key, kiosk_id)


def _campaign(db: Database, ctx: KioskContext, staff_id: uuid.UUID | None) -> None:
    taps = (
        [ActivityKind.VSSID_INSTALL] * 5
        + [ActivityKind.NONCASH_PENSION] * 2
        + [ActivityKind.CONSULTATION] * 7
    )
    with db.unit_of_work() as s:
        for kind in taps:
            record_activity(s, ctx, kind, staff_id)


def _exports(
    db: Database, ctx: KioskContext, out: Path, key: Ed25519PrivateKey, summary: DemoSummary
) -> None:
    folder = out / "exports"
    with db.read() as s:
        rows = {
            "participants": export_participants_xlsx(s, ctx, folder / "participants.xlsx"),
            "payments": export_payments_xlsx(s, ctx, folder / "payments.xlsx"),
            "campaign": export_campaign_xlsx(s, ctx, folder / "campaign.xlsx"),
            "declarations": export_declarations_pdf(s, ctx, folder / "declarations.pdf"),
        }
    with db.unit_of_work() as s:
        # The demo plays the office too: its key pair lives beside the demo's output.
        office = load_or_create_office_key(out / "keys").public_key()
        bundle = export_bundle(s, ctx, key, office)
    write_private(folder / f"{ctx.kiosk_id}.kbundle", bundle)
    for name, count in rows.items():
        suffix = "pdf" if name == "declarations" else "xlsx"
        summary.files[f"export_{name}"] = str(folder / f"{name}.{suffix}")
        summary.notes.append(f"export {name}: {count} rows")
    summary.files["bundle"] = str(folder / f"{ctx.kiosk_id}.kbundle")
