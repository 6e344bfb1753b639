"""The persistent print queue: jobs in the database, in order per printer, never lost or doubled.

States: queued → printing → done; a printer fault puts the job back to queued with the error
and a back-off time (it prints when the printer comes back); an error in the job itself makes
it failed; staff may cancel. A job left "printing" by a crash is resumed at start-up if it is a
paper slip, and put up for review if it is a card or booklet (it may have printed already):
each kind's rule is in its catalogue entry (printing.catalogue).

The "already printed" guard: jobs carry a guard key naming what they print ("card:<record>"); a
second job for a key that printed needs a reason (and a supervisor for the kinds whose entry
says so: cards). Every change of state is in the audit log. This module has no Qt: the worker thread in printing/worker.py drives
it and the UI listens to the worker.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.staff_roles import require_supervisor
from kiosk.store.models import PrintJob
from kiosk.store.types import utcnow
from printing import catalogue

BACKOFF_S = (2, 4, 8, 15, 30)
ACTIVE = (PrintStatus.QUEUED, PrintStatus.PRINTING, PrintStatus.REVIEW)


def enqueue(
    session: Session,
    ctx: KioskContext,
    kind: DocumentKind,
    role: PrinterRole,
    source_id: str,
    params: dict[str, Any],
    *,
    guard_key: str | None = None,
    requested_by: uuid.UUID | None = None,
    reprint_reason: str | None = None,
    authorized_by: uuid.UUID | None = None,
) -> PrintJob:
    """Put a job on the queue (in the caller's transaction); returns it.

    The job points at `source_id`, a record of the kind's catalogue source. Callers issue
    through printing.issue, which takes the role and guard key from the catalogue.

    With a guard key: a job still waiting for the same thing is returned instead of a second
    one; if it already printed, this is a reprint and needs `reprint_reason` (and, for cards, a
    supervisor as `authorized_by`).
    """
    is_reprint = False
    if guard_key is not None:
        previous = last_for(session, guard_key)
        if previous is not None and previous.status in ACTIVE:
            return previous
        if previous is not None:
            _check_reprint(session, kind, reprint_reason, authorized_by)
            is_reprint = True
    job = PrintJob(
        kind=kind,
        printer_role=role,
        status=PrintStatus.QUEUED,
        kiosk_id=ctx.kiosk_id,
        source_type=catalogue.entry(kind).source.type_name,
        source_id=source_id,
        params_json=params,
        guard_key=guard_key,
        is_reprint=is_reprint,
        reprint_reason=(reprint_reason or "").strip() or None,
        requested_by=requested_by,
        authorized_by=authorized_by if is_reprint else None,
    )
    session.add(job)
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "print.reprint_queued" if is_reprint else "print.queued",
        entity="print_job",
        entity_id=job.id,
        staff_id=requested_by,
        kind=kind.value,
        role=role.value,
        reason=job.reprint_reason or "",
        authorized_by=str(authorized_by) if is_reprint and authorized_by else "",
    )
    return job


def last_for(session: Session, guard_key: str) -> PrintJob | None:
    """The newest job that waits for, is printing or has printed `guard_key`."""
    return session.scalars(
        select(PrintJob)
        .where(PrintJob.guard_key == guard_key, PrintJob.status.in_((*ACTIVE, PrintStatus.DONE)))
        .order_by(PrintJob.created_at.desc())
        .limit(1)
    ).first()


def reprint(
    session: Session,
    ctx: KioskContext,
    job_id: uuid.UUID,
    reason: str,
    staff_id: uuid.UUID | None,
    supervisor_id: uuid.UUID | None = None,
) -> PrintJob:
    """A new job printing the same thing as `job_id` again (reason; supervisor for cards)."""
    old = get_job(session, job_id)
    return enqueue(
        session,
        ctx,
        old.kind,
        old.printer_role,
        old.source_id,
        dict(old.params_json),
        guard_key=old.guard_key or catalogue.entry(old.kind).reprint_guard_key(old.source_id),
        requested_by=staff_id,
        reprint_reason=reason,
        authorized_by=supervisor_id,
    )


def claim_next(
    session: Session, ctx: KioskContext, role: PrinterRole, now: datetime | None = None
) -> PrintJob | None:
    """The oldest queued job of this kiosk for `role`, marked printing; None if it must wait.

    Strict order per printer: while the first job waits out its back-off, the ones behind it
    wait too (a printer out of paper cannot print them either). On PostgreSQL the row is
    locked with SKIP LOCKED so two workers never claim one job.
    """
    now = now or utcnow()
    query = (
        select(PrintJob)
        .where(
            PrintJob.kiosk_id == ctx.kiosk_id,
            PrintJob.printer_role == role,
            PrintJob.status == PrintStatus.QUEUED,
        )
        .order_by(PrintJob.created_at, PrintJob.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    job = session.scalars(query).first()
    if job is None:
        return None
    if job.next_attempt_at is not None and job.next_attempt_at > now:
        return None
    job.status = PrintStatus.PRINTING
    job.started_at = now
    job.attempts += 1
    session.flush()
    return job


def mark_done(session: Session, ctx: KioskContext, job_id: uuid.UUID) -> PrintJob:
    """The printer took the whole job."""
    job = get_job(session, job_id)
    job.status = PrintStatus.DONE
    job.finished_at = utcnow()
    job.last_error = None
    job.next_attempt_at = None
    audit.record(
        session,
        ctx.kiosk_id,
        "print.reprinted" if job.is_reprint else "print.done",
        entity="print_job",
        entity_id=job.id,
        staff_id=job.requested_by,
        kind=job.kind.value,
        attempts=job.attempts,
    )
    return job


def mark_failed(
    session: Session,
    ctx: KioskContext,
    job_id: uuid.UUID,
    error: KioskError,
    *,
    retryable: bool,
    now: datetime | None = None,
) -> PrintJob:
    """A fault: a printer fault keeps the job queued with a back-off; a job error fails it."""
    now = now or utcnow()
    job = get_job(session, job_id)
    job.last_error = error.vi
    if retryable:
        job.status = PrintStatus.QUEUED
        delay = BACKOFF_S[min(max(job.attempts, 1), len(BACKOFF_S)) - 1]
        job.next_attempt_at = now + timedelta(seconds=delay)
    else:
        job.status = PrintStatus.FAILED
        job.finished_at = now
    audit.record(
        session,
        ctx.kiosk_id,
        "print.fault" if retryable else "print.failed",
        entity="print_job",
        entity_id=job.id,
        code=error.code,
        attempts=job.attempts,
    )
    return job


def retry(
    session: Session, ctx: KioskContext, job_id: uuid.UUID, staff_id: uuid.UUID | None
) -> PrintJob:
    """Staff asks for a failed or waiting job to go now (not for jobs under review)."""
    job = get_job(session, job_id)
    if job.status not in (PrintStatus.FAILED, PrintStatus.QUEUED):
        raise wrong_state(job, "thử in lại", "retry")
    job.status = PrintStatus.QUEUED
    job.next_attempt_at = None
    job.finished_at = None
    audit.record(
        session,
        ctx.kiosk_id,
        "print.retry",
        entity="print_job",
        entity_id=job.id,
        staff_id=staff_id,
    )
    return job


def cancel(
    session: Session, ctx: KioskContext, job_id: uuid.UUID, staff_id: uuid.UUID | None
) -> PrintJob:
    """Take a job that has not printed off the queue."""
    job = get_job(session, job_id)
    if job.status not in (PrintStatus.QUEUED, PrintStatus.FAILED, PrintStatus.REVIEW):
        raise wrong_state(job, "hủy", "cancel")
    job.status = PrintStatus.CANCELLED
    job.finished_at = utcnow()
    audit.record(
        session,
        ctx.kiosk_id,
        "print.cancelled",
        entity="print_job",
        entity_id=job.id,
        staff_id=staff_id,
    )
    return job


def jobs_for(session: Session, sources: list[tuple[DocumentKind, str]]) -> list[PrintJob]:
    """The jobs printing these (kind, source_id) documents, oldest first."""
    if not sources:
        return []
    conditions = [(PrintJob.kind == kind) & (PrintJob.source_id == key) for kind, key in sources]
    return list(
        session.scalars(select(PrintJob).where(or_(*conditions)).order_by(PrintJob.created_at))
    )


def pending_counts(
    session: Session, ctx: KioskContext
) -> dict[PrinterRole, dict[PrintStatus, int]]:
    """Jobs not finished per printer and state (the staff status bar)."""
    rows = session.execute(
        select(PrintJob.printer_role, PrintJob.status, func.count())
        .where(
            PrintJob.kiosk_id == ctx.kiosk_id,
            PrintJob.status.in_(
                (PrintStatus.QUEUED, PrintStatus.PRINTING, PrintStatus.FAILED, PrintStatus.REVIEW)
            ),
        )
        .group_by(PrintJob.printer_role, PrintJob.status)
    ).all()
    counts: dict[PrinterRole, dict[PrintStatus, int]] = {role: {} for role in PrinterRole}
    for role, status, count in rows:
        counts[role][status] = int(count)
    return counts


def _check_reprint(
    session: Session, kind: DocumentKind, reason: str | None, authorized_by: uuid.UUID | None
) -> None:
    if not (reason or "").strip():
        raise KioskError(
            "print.already_printed",
            vi="Giấy tờ này đã được in. Muốn in lại, hãy ghi lý do in lại.",
            en="This document has already been printed. To print it again, give a reason.",
            kind=kind.value,
        )
    if catalogue.entry(kind).needs_supervisor:
        require_supervisor(session, authorized_by)


def get_job(session: Session, job_id: uuid.UUID) -> PrintJob:
    """The job, or print.no_job."""
    job = session.get(PrintJob, job_id)
    if job is None:
        raise KioskError(
            "print.no_job",
            vi="Không tìm thấy lệnh in này.",
            en="This print job was not found.",
            job_id=str(job_id),
        )
    return job


def wrong_state(job: PrintJob, verb_vi: str, verb_en: str) -> KioskError:
    """print.wrong_state: this action does not apply to a job in its present state."""
    return KioskError(
        "print.wrong_state",
        vi=f"Không thể {verb_vi} lệnh in đang ở trạng thái “{job.status.value}”.",
        en=f"Cannot {verb_en} a print job that is {job.status.value}.",
        status=job.status.value,
    )
