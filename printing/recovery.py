"""After a crash: jobs left "printing" are resumed (slips) or put up for review (cards, booklets).

A card or booklet may have come out before the power went: printing it again silently could
make a second card, dropping it silently could lose one. Staff look at the printer and say
which (resolve_review); a card printed again needs a supervisor. Which kind resumes and which
needs a supervisor is in its catalogue entry (printing.catalogue: on_crash, reprint).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import PrintStatus
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.staff_roles import require_supervisor
from kiosk.store.models import PrintJob
from kiosk.store.types import utcnow
from printing import catalogue
from printing.queue import get_job, wrong_state


def resolve_review(
    session: Session,
    ctx: KioskContext,
    job_id: uuid.UUID,
    *,
    printed: bool,
    staff_id: uuid.UUID | None,
    supervisor_id: uuid.UUID | None = None,
) -> PrintJob:
    """After a crash: staff looked at the printer. Printed → done; not printed → print again
    (a card needs a supervisor, since a wrong answer makes a second card)."""
    job = get_job(session, job_id)
    if job.status != PrintStatus.REVIEW:
        raise wrong_state(job, "xác nhận", "resolve")
    if printed:
        job.status = PrintStatus.DONE
        job.finished_at = utcnow()
    else:
        if catalogue.entry(job.kind).needs_supervisor:
            require_supervisor(session, supervisor_id)
        job.status = PrintStatus.QUEUED
        job.next_attempt_at = None
    audit.record(
        session,
        ctx.kiosk_id,
        "print.review_printed" if printed else "print.review_requeued",
        entity="print_job",
        entity_id=job.id,
        staff_id=staff_id,
        authorized_by=str(supervisor_id or ""),
    )
    return job


@dataclass(frozen=True)
class Recovery:
    """What start-up found left "printing" by a crash."""

    resumed: int
    for_review: int


def recover_at_startup(session: Session, ctx: KioskContext) -> Recovery:
    """Jobs of this kiosk left "printing": slips go back on the queue, cards and booklets wait
    for a person to say whether they came out (never silently lost, never silently doubled)."""
    stuck = session.scalars(
        select(PrintJob).where(
            PrintJob.kiosk_id == ctx.kiosk_id, PrintJob.status == PrintStatus.PRINTING
        )
    ).all()
    resumed = review = 0
    for job in stuck:
        if catalogue.entry(job.kind).resumes:
            job.status = PrintStatus.QUEUED
            job.next_attempt_at = None
            resumed += 1
        else:
            job.status = PrintStatus.REVIEW
            job.last_error = "Máy tắt giữa lúc in: kiểm tra xem đã in ra chưa."
            review += 1
        audit.record(
            session,
            ctx.kiosk_id,
            "print.recovered",
            entity="print_job",
            entity_id=job.id,
            to=job.status.value,
        )
    return Recovery(resumed, review)
