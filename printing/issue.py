"""Issuing a paid visit's documents: the receipt, a card per health-insured person, booklets.

Called after the payment's commit (in its own unit of work). Each document becomes a print
job pointing at the record it prints (see printing.records); the queue's "already printed"
guard keys make a second issue of the same visit a reprint that needs a reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, EnrollmentStatus, PrinterRole, PrintStatus, Scheme
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.issuance import Signer, ensure_card_record
from kiosk.services.receipts import receipt_label
from kiosk.store.models import Enrollment, IssuanceRecord, Person, Receipt, Visit
from printing import queue

ALL_KINDS = (DocumentKind.RECEIPT, DocumentKind.CARD, DocumentKind.BOOKLET)


def issue_visit(
    session: Session,
    ctx: KioskContext,
    visit_id: uuid.UUID,
    signer: Signer,
    issuing_place: str,
    staff_id: uuid.UUID | None = None,
    kinds: Iterable[DocumentKind] = ALL_KINDS,
    *,
    missing_only: bool = False,
) -> list[uuid.UUID]:
    """Queue the visit's documents of the given kinds; returns the new job ids in print order.

    Receipt: the visit's receipt. Card: household health insurance members (official record
    if VSS issued one, else a signed provisional one). Booklet: voluntary social insurance
    members. Declaration (on request): one TK1-TS per person. `missing_only` leaves out what
    is already queued or printed (resuming after a crash) instead of asking for a reprint.
    """
    wanted = set(kinds)
    visit = session.get(Visit, visit_id)
    if visit is None or visit.status != EnrollmentStatus.PAID:
        raise KioskError(
            "issuance.visit_not_paid",
            vi="Lượt đăng ký này chưa thanh toán nên chưa in giấy tờ được.",
            en="This visit is not paid, so its documents cannot be printed yet.",
            visit_id=str(visit_id),
        )
    jobs: list[uuid.UUID] = []

    def add(kind: DocumentKind, role: PrinterRole, source: str, key: uuid.UUID) -> None:
        guard = f"{kind.value}:{key}"
        if missing_only and queue.last_for(session, guard) is not None:
            return
        job = queue.enqueue(
            session,
            ctx,
            kind,
            role,
            source,
            str(key),
            {},
            guard_key=guard,
            requested_by=staff_id,
        )
        jobs.append(job.id)

    if DocumentKind.RECEIPT in wanted:
        receipt_id = session.scalars(select(Receipt.id).where(Receipt.visit_id == visit_id)).one()
        add(DocumentKind.RECEIPT, PrinterRole.RECEIPT, "receipt", receipt_id)
    enrollments = session.scalars(
        select(Enrollment)
        .where(Enrollment.visit_id == visit_id)
        .order_by(Enrollment.created_at, Enrollment.position)
    ).all()
    booklets: set[uuid.UUID] = set()
    for e in enrollments:
        if e.scheme == Scheme.BHYT_HOUSEHOLD and DocumentKind.CARD in wanted:
            record = ensure_card_record(session, ctx, e.id, signer, issuing_place, staff_id)
            add(DocumentKind.CARD, PrinterRole.CARD, "issuance", record.id)
        voluntary = e.scheme == Scheme.BHXH_VOLUNTARY
        if voluntary and DocumentKind.BOOKLET in wanted and e.person_id not in booklets:
            booklets.add(e.person_id)
            add(DocumentKind.BOOKLET, PrinterRole.BOOKLET, "person", e.person_id)
        if DocumentKind.DECLARATION in wanted:
            add(DocumentKind.DECLARATION, PrinterRole.DECLARATION, "enrollment", e.id)
    return jobs


@dataclass(frozen=True)
class JobRow:
    """One of a visit's print jobs as the desk shows it."""

    job_id: uuid.UUID
    kind: DocumentKind
    status: PrintStatus
    error: str
    is_reprint: bool
    attempts: int
    label: str = ""  # the receipt number or the person's name


def visit_jobs(session: Session, visit_id: uuid.UUID) -> list[JobRow]:
    """Every print job of the visit's documents, each labelled with whom or what it prints."""
    enrollments = session.execute(
        select(Enrollment.id, Enrollment.person_id, Person.full_name)
        .join(Person, Person.id == Enrollment.person_id)
        .where(Enrollment.visit_id == visit_id)
    ).all()
    labels: dict[tuple[str, str], str] = {}
    for receipt in session.scalars(select(Receipt).where(Receipt.visit_id == visit_id)):
        labels[("receipt", str(receipt.id))] = receipt_label(receipt)
    names = {e: name for e, _p, name in enrollments}
    if names:
        records = session.execute(
            select(IssuanceRecord.id, IssuanceRecord.enrollment_id).where(
                IssuanceRecord.enrollment_id.in_(list(names))
            )
        )
        for record_id, enrollment_id in records:
            labels[("issuance", str(record_id))] = (
                names.get(enrollment_id, "") if enrollment_id else ""
            )
    for enrollment_id, person_id, name in enrollments:
        labels[("person", str(person_id))] = name
        labels[("enrollment", str(enrollment_id))] = name
    return [
        JobRow(
            j.id,
            j.kind,
            j.status,
            j.last_error or "",
            j.is_reprint,
            j.attempts,
            labels.get((j.source_type, j.source_id), ""),
        )
        for j in queue.jobs_for(session, list(labels))
    ]
