"""Every TK1-TS declaration of the event (or of one day) merged into one PDF for the office."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus
from kiosk.domain.localtime import local_day_bounds
from kiosk.private_files import private_file
from kiosk.services.context import KioskContext
from kiosk.store.models import Enrollment, Visit
from printing.documents.declaration import render_declaration_pdf
from printing.records import declaration_document


def export_declarations_pdf(
    session: Session, ctx: KioskContext, path: Path, day: date | None = None
) -> int:
    """Write one declaration per paid enrollment of ctx's event (on a local day if given) into
    `path` (mode 0600, replaced atomically); returns how many declarations it holds."""
    in_event = (
        Visit.event_id == ctx.event_id if ctx.event_id is not None else Visit.event_id.is_(None)
    )
    where = [Enrollment.status == EnrollmentStatus.PAID, in_event]
    if day is not None:
        start, end = local_day_bounds(day)
        where += [Enrollment.paid_at >= start, Enrollment.paid_at < end]
    ids = session.scalars(
        select(Enrollment.id)
        .join(Visit, Visit.id == Enrollment.visit_id)
        .where(*where)
        .order_by(Enrollment.paid_at, Enrollment.visit_id, Enrollment.position, Enrollment.id)
    ).all()
    writer = PdfWriter()
    for enrollment_id in ids:
        pdf = render_declaration_pdf(declaration_document(session, enrollment_id))
        writer.append(PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": "Tờ khai TK1-TS"})
    _save(writer, path)
    return len(ids)


def _save(writer: PdfWriter, path: Path) -> None:
    """Owner-only and whole or nothing: declarations carry identity numbers."""
    with private_file(path) as handle:
        writer.write(handle)
