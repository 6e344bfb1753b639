"""Issuing documents: a paid visit's receipt, cards and booklets; tickets, reports, test pages.

Called after the commit that makes a document due (in its own unit of work). Each document
becomes a print job pointing at the record it prints; its kind's catalogue entry
(printing.catalogue) names the printer, the record and the "already printed" guard key, so a
second issue of the same visit is a reprint that needs a reason. The screens (ui/) put jobs on
the queue only through the functions here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, EnrollmentStatus, PrinterRole, PrintStatus
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.issuance import Signer
from kiosk.store.models import PrintJob, Visit
from printing import catalogue, queue
from printing.sources import Issuing, VisitPeople, enrollments_of


def issue_document(
    session: Session,
    ctx: KioskContext,
    kind: DocumentKind,
    source_id: object,
    params: dict[str, Any] | None = None,
    *,
    role: PrinterRole | None = None,
    staff_id: uuid.UUID | None = None,
) -> PrintJob:
    """Queue one document of `kind` printing the record `source_id` (see queue.enqueue).

    The printer is the kind's role (a test page names its own); a guarded kind that already
    printed this record raises print.already_printed: use queue.reprint with a reason.
    """
    spec = catalogue.entry(kind)
    printer = role or spec.role
    if printer is None:
        raise catalogue.unprintable(f"{kind.value} (no printer)")
    return queue.enqueue(
        session,
        ctx,
        kind,
        printer,
        str(source_id),
        dict(params or {}),
        guard_key=spec.guard_key(source_id),
        requested_by=staff_id,
    )


def default_kinds() -> tuple[DocumentKind, ...]:
    """The documents a paid visit gets without asking: its receipts (one per scheme) and, for
    health insurance without a VSS card yet, the signed payment confirmation."""
    return tuple(spec.kind for spec in catalogue.entries() if spec.visit and spec.visit.by_default)


def issue_visit(
    session: Session,
    ctx: KioskContext,
    visit_id: uuid.UUID,
    signer: Signer,
    issuing_place: str,
    staff_id: uuid.UUID | None = None,
    kinds: Iterable[DocumentKind] | None = None,
    *,
    missing_only: bool = False,
) -> list[uuid.UUID]:
    """Queue the visit's documents of the given kinds; returns the new job ids in print order.

    Receipt: one per scheme of the visit. Card: household health insurance members: VSS's
    card when its record was imported and the card is asked for (`kinds` given), else the
    kiosk's signed payment confirmation. Booklet cover (on request): voluntary social
    insurance members with an SI number. Declaration (on request): one TK1-TS per
    enrollment. Without `kinds`, the catalogue's defaults. Per enrollment in registration
    order, each kind in catalogue order; a record is printed once per issue. `missing_only` leaves out what is already queued or
    printed (resuming after a crash) instead of asking for a reprint.
    """
    wanted = set(default_kinds() if kinds is None else kinds)
    visit = session.get(Visit, visit_id)
    if visit is None or visit.status != EnrollmentStatus.PAID:
        raise KioskError(
            "issuance.visit_not_paid",
            vi="Lượt đăng ký này chưa thanh toán nên chưa in giấy tờ được.",
            en="This visit is not paid, so its documents cannot be printed yet.",
            visit_id=str(visit_id),
        )
    specs = [s for s in catalogue.entries() if s.visit is not None and s.kind in wanted]
    issuing = Issuing(session, ctx, signer, issuing_place, staff_id, requested=kinds is not None)
    seen: set[tuple[DocumentKind, uuid.UUID]] = set()
    jobs: list[uuid.UUID] = []
    for enrollment in enrollments_of(session, visit_id):
        for spec in specs:
            assert spec.visit is not None
            if not spec.visit.wanted(enrollment):
                continue
            key = spec.visit.key(issuing, enrollment)
            # One receipt per scheme and one booklet per person, however many enrollments.
            if key is None or (spec.kind, key) in seen:
                continue
            seen.add((spec.kind, key))
            guard = spec.guard_key(key)
            if missing_only and guard is not None and queue.last_for(session, guard) is not None:
                continue
            jobs.append(issue_document(session, ctx, spec.kind, key, staff_id=staff_id).id)
    return jobs


def issue_queue_ticket(session: Session, ctx: KioskContext, visit_id: object) -> PrintJob:
    """The self-registration ticket of a visit (pressing "print" twice queues it once)."""
    return issue_document(session, ctx, DocumentKind.QUEUE_TICKET, visit_id)


def issue_shift_report(
    session: Session, ctx: KioskContext, shift_id: uuid.UUID, staff_id: uuid.UUID | None = None
) -> PrintJob:
    """The X (open) or Z (closed) report of a shift, as it stands when it prints."""
    return issue_document(session, ctx, DocumentKind.SHIFT_REPORT, shift_id, staff_id=staff_id)


def issue_test_page(
    session: Session, ctx: KioskContext, role: PrinterRole, staff_id: uuid.UUID | None = None
) -> PrintJob:
    """The test page of one printer (the catalogue's test page for its role)."""
    return issue_document(
        session,
        ctx,
        DocumentKind.TEST_PAGE,
        "",
        {"role": role.value},
        role=role,
        staff_id=staff_id,
    )


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
    people = VisitPeople.read(session, visit_id)
    labels: dict[tuple[DocumentKind, str], str] = {}
    for spec in catalogue.entries():
        if spec.visit is not None:
            for key, name in spec.visit.names(session, people).items():
                labels[(spec.kind, str(key))] = name
    return [
        JobRow(
            j.id,
            j.kind,
            j.status,
            j.last_error or "",
            j.is_reprint,
            j.attempts,
            labels.get((j.kind, j.source_id), ""),
        )
        for j in queue.jobs_for(session, list(labels))
    ]
