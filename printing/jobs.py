"""Turning a queued print job into the bytes its printer takes (ESC/POS or PDF).

A job points at a record; its kind's catalogue entry (printing.catalogue) loads the document
when the job prints and renders it for the printer that prints it: a thermal printer gets
ESC/POS, a spooler or the PDF folder gets a PDF, with the printer's options (paper width,
profile, booklet calibration offsets).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from kiosk.errors import KioskError
from kiosk.store.models import PrintJob
from printing import catalogue
from printing.backends.base import Payload
from printing.catalogue import Printable, PrintOptions


def render_job(
    session: Session, job: PrintJob, accepts: tuple[str, ...], options: dict[str, Any]
) -> Payload:
    """The payload for `job` on a printer that accepts `accepts` with config `options`.

    Jobs point at records, never at rendered bytes, so a reprint after a correction prints
    the current data and a job survives a restart without a file of its own.
    """
    spec = catalogue.entry(job.kind)
    if job.source_type != spec.source.type_name:
        raise KioskError(
            "print.unknown_source",
            vi="Lệnh in trỏ tới loại dữ liệu không xác định.",
            en="The print job points at an unknown kind of record.",
            source_type=job.source_type,
        )
    key = uuid.UUID(job.source_id) if job.source_id else uuid.UUID(int=0)
    printable = spec.printable(session, key, job.params_json)
    return to_payload(printable, accepts, PrintOptions.of(options), job_name(job))


def to_payload(
    printable: Printable[Any], accepts: tuple[str, ...], options: PrintOptions, name: str
) -> Payload:
    """Render with the format the printer takes (see Renderers.format_for)."""
    render = printable.render
    fmt = render.format_for(accepts)
    if fmt == "escpos" and render.escpos is not None:
        return Payload("escpos", render.escpos(printable.document, options), name)
    if fmt == "pdf" and render.pdf is not None:
        return Payload("pdf", render.pdf(printable.document, options), name, render.page_mm)
    raise catalogue.unprintable(type(printable.document).__name__)


def job_name(job: PrintJob) -> str:
    """The payload's file-safe name: kind and the job id's first 8 characters."""
    return f"{job.kind.value}-{str(job.id)[:8]}"
