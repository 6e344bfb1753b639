"""Turning a queued print job into the bytes its printer takes (ESC/POS or PDF).

A job points at a record (printing.records.load_document); the document is rendered when the
job prints, for the printer that prints it: a thermal printer gets ESC/POS, a spooler or the
PDF folder gets a PDF. Booklet covers take the booklet printer's calibration offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind
from kiosk.errors import KioskError
from kiosk.store.models import PrintJob
from printing.backends.base import Payload
from printing.documents import models as doc
from printing.documents.booklet import render_booklet_pdf, render_calibration_pdf
from printing.documents.card import render_card_pdf
from printing.documents.declaration import render_declaration_pdf
from printing.documents.sample import sample_card, sample_declaration, sample_receipt
from printing.documents.slip_pdf import (
    render_queue_ticket_pdf,
    render_receipt_pdf,
    render_shift_report_pdf,
)
from printing.documents.thermal import (
    render_queue_ticket_escpos,
    render_receipt_escpos,
    render_shift_report_escpos,
)
from printing.records import load_document

CARD_MM = (85.6, 53.98)
SLIP_KINDS = frozenset({DocumentKind.RECEIPT, DocumentKind.QUEUE_TICKET, DocumentKind.SHIFT_REPORT})


def render_job(
    session: Session, job: PrintJob, accepts: tuple[str, ...], options: dict[str, Any]
) -> Payload:
    """The payload for `job` on a printer that accepts `accepts` with config `options`.

    Slips go as ESC/POS only to a printer that takes nothing else (a thermal printer); the
    PDF folder, which takes both, gets a readable PDF.
    """
    name = f"{job.kind.value}-{str(job.id)[:8]}"
    if job.kind == DocumentKind.TEST_PAGE:
        return _test_page(job, accepts, options, name)
    document = load_document(session, job)
    if job.kind in SLIP_KINDS:
        return _slip(document, accepts, options, name)
    if isinstance(document, doc.CardDocument):
        return Payload("pdf", render_card_pdf(document), name, CARD_MM)
    if isinstance(document, doc.BookletCoverDocument):
        offsets = _offsets(options)
        return Payload("pdf", render_booklet_pdf(document, *offsets), name)
    if isinstance(document, doc.DeclarationDocument):
        return Payload("pdf", render_declaration_pdf(document), name)
    raise _unprintable(job.kind.value)


def _slip(
    document: object, accepts: tuple[str, ...], options: dict[str, Any], name: str
) -> Payload:
    escpos = "pdf" not in accepts
    renderers: dict[type, tuple[Callable[..., bytes], Callable[..., bytes]]] = {
        doc.ReceiptDocument: (render_receipt_escpos, render_receipt_pdf),
        doc.QueueTicketDocument: (render_queue_ticket_escpos, render_queue_ticket_pdf),
        doc.ShiftReportDocument: (render_shift_report_escpos, render_shift_report_pdf),
    }
    pair = renderers.get(type(document))
    if pair is None:
        raise _unprintable(type(document).__name__)
    if escpos:
        width_dots = round(float(options.get("width_mm", 80)) / 80 * 576)
        data = pair[0](
            document,
            width_dots,
            str(options.get("profile", "default")),
            bool(options.get("text_mode", False)),
        )
        return Payload("escpos", data, name)
    return Payload("pdf", pair[1](document), name)


def _test_page(
    job: PrintJob, accepts: tuple[str, ...], options: dict[str, Any], name: str
) -> Payload:
    """Per role: a sample receipt, a sample card, or the booklet calibration page."""
    role = str(job.params_json.get("role", "receipt"))
    if role == "receipt":
        return _slip(sample_receipt(), accepts, options, name)
    if role == "card":
        return Payload("pdf", render_card_pdf(sample_card()), name, CARD_MM)
    if role == "booklet":
        return Payload("pdf", render_calibration_pdf(*_offsets(options)), name)
    return Payload("pdf", render_declaration_pdf(sample_declaration()), name)


def _offsets(options: dict[str, Any]) -> tuple[float, float]:
    return float(options.get("offset_x_mm", 0.0)), float(options.get("offset_y_mm", 0.0))


def _unprintable(what: str) -> KioskError:
    return KioskError(
        "print.unprintable",
        vi=f"Không có mẫu in cho loại giấy tờ “{what}”.",
        en=f"There is no print layout for “{what}”.",
    )
