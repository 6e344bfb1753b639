"""The day report of an event (SQL aggregates only) and the self-service waiting queue."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, cast, extract, func, literal_column, or_, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import (
    ActivityKind,
    DocumentKind,
    EnrollmentStatus,
    PaymentMethod,
    PaymentStatus,
    PrintStatus,
    Scheme,
)
from kiosk.domain.localtime import VN_OFFSET_HOURS, local_day_bounds
from kiosk.domain.numbers import ticket_number
from kiosk.services.campaign import campaign_counts
from kiosk.services.context import KioskContext
from kiosk.store.models import Enrollment, Kiosk, Payment, Person, PrintJob, Visit

WAITING = (EnrollmentStatus.DRAFT, EnrollmentStatus.QUOTED)


@dataclass(frozen=True)
class DayReport:
    """What the booth did on a day (or over the whole event): people, money, documents."""

    day: date | None  # None: the whole event
    participants_by_scheme: dict[Scheme, int]
    new_participants: int
    renewals: int
    amount_by_method: dict[PaymentMethod, int]  # net: voids and refunds already taken off
    payments_count: int  # confirmed payments taken (reversing entries not counted)
    total_amount: int
    documents_printed: dict[DocumentKind, int]
    campaign: dict[ActivityKind, int]
    hourly_amounts: list[tuple[int, int]]  # (local hour 0-23, net amount), all 24 hours


@dataclass(frozen=True)
class QueueEntry:
    """A self-registration waiting at the desk."""

    visit_id: uuid.UUID
    label: str  # the number on the queue ticket, "A012"
    head_name: str
    members: int
    amount_due: int
    created_at: datetime
    status: str  # "draft", "quoted", or "transfer_pending" when a VietQR part awaits the money


def day_report(session: Session, ctx: KioskContext, day: date | None = None) -> DayReport:
    """The report of `day` (local Vietnam date) at ctx's event; None covers the whole event."""
    in_event = _in_event(ctx.event_id)
    bounds = local_day_bounds(day) if day is not None else None
    enrolled = [Enrollment.status == EnrollmentStatus.PAID, in_event]
    if bounds:
        enrolled += [Enrollment.paid_at >= bounds[0], Enrollment.paid_at < bounds[1]]
    by_scheme = dict.fromkeys(Scheme, 0)
    renewals = new = 0
    for scheme, renewal, n in session.execute(
        select(Enrollment.scheme, Enrollment.is_renewal, func.count())
        .join(Visit, Visit.id == Enrollment.visit_id)
        .where(*enrolled)
        .group_by(Enrollment.scheme, Enrollment.is_renewal)
    ):
        by_scheme[Scheme(scheme)] += int(n)
        if renewal:
            renewals += int(n)
        else:
            new += int(n)
    paid = [Payment.status == PaymentStatus.CONFIRMED, in_event]
    if bounds:
        paid += [Payment.confirmed_at >= bounds[0], Payment.confirmed_at < bounds[1]]
    by_method = dict.fromkeys(PaymentMethod, 0)
    count = 0
    for method, amount, taken in session.execute(
        select(
            Payment.method,
            func.coalesce(func.sum(Payment.amount), 0),
            func.sum(cast(Payment.amount > 0, Integer)),
        )
        .join(Visit, Visit.id == Payment.visit_id)
        .where(*paid)
        .group_by(Payment.method)
    ):
        by_method[PaymentMethod(method)] = int(amount)
        count += int(taken or 0)
    hour = _local_hour(session, Payment.confirmed_at)
    hourly = dict.fromkeys(range(24), 0)
    for h, amount in session.execute(
        select(hour, func.coalesce(func.sum(Payment.amount), 0))
        .join(Visit, Visit.id == Payment.visit_id)
        .where(*paid)
        .group_by(hour)
    ):
        hourly[int(h)] = int(amount)
    return DayReport(
        day=day,
        participants_by_scheme=by_scheme,
        new_participants=new,
        renewals=renewals,
        amount_by_method=by_method,
        payments_count=count,
        total_amount=sum(by_method.values()),
        documents_printed=_printed(session, ctx, bounds),
        campaign=campaign_counts(session, ctx.event_id, day),
        hourly_amounts=sorted(hourly.items()),
    )


def waiting_queue(session: Session, ctx: KioskContext) -> list[QueueEntry]:
    """Self-registrations of this event not yet paid or cancelled, oldest first."""
    visits = session.execute(
        select(Visit.id, Visit.queue_number, Visit.total, Visit.created_at, Visit.status)
        .where(Visit.source == "self_service", Visit.status.in_(WAITING), _in_event(ctx.event_id))
        .order_by(Visit.created_at, Visit.queue_number, Visit.id)
    ).all()
    if not visits:
        return []
    ids = [v.id for v in visits]
    # The queue holds a handful of visits: their people are read in one query and grouped here.
    people: dict[uuid.UUID, dict[uuid.UUID, str]] = {}
    for visit_id, person_id, name in session.execute(
        select(Enrollment.visit_id, Enrollment.person_id, Person.full_name)
        .join(Person, Person.id == Enrollment.person_id)
        .where(Enrollment.visit_id.in_(ids))
        .order_by(
            Enrollment.visit_id,
            Enrollment.position.is_(None),
            Enrollment.position,
            Enrollment.created_at,
        )
    ):
        people.setdefault(visit_id, {}).setdefault(person_id, name)
    pending = set(
        session.scalars(
            select(Payment.visit_id).where(
                Payment.visit_id.in_(ids), Payment.status == PaymentStatus.PENDING
            )
        )
    )
    return [
        QueueEntry(
            visit_id=v.id,
            label=ticket_number(v.queue_number),
            head_name=next(iter(people.get(v.id, {}).values()), ""),
            members=len(people.get(v.id, {})),
            amount_due=int(v.total),
            created_at=v.created_at,
            status="transfer_pending" if v.id in pending else EnrollmentStatus(v.status).value,
        )
        for v in visits
    ]


def _in_event(event_id: uuid.UUID | None) -> ColumnElement[bool]:
    return Visit.event_id == event_id if event_id is not None else Visit.event_id.is_(None)


def _local_hour(session: Session, column: Any) -> ColumnElement[Any]:
    """The Vietnam-local hour of a UTC timestamp column, computed by the database."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLite keeps UTC as text "YYYY-MM-DD HH:MM:SS.ffffff".
        return cast(func.strftime("%H", column, f"+{VN_OFFSET_HOURS} hours"), Integer)
    shifted = func.timezone("UTC", column) + literal_column(f"interval '{VN_OFFSET_HOURS} hours'")
    return cast(extract("hour", shifted), Integer)


def _printed(
    session: Session, ctx: KioskContext, bounds: tuple[datetime, datetime] | None
) -> dict[DocumentKind, int]:
    """Documents printed (jobs DONE) by the kiosks of this event, on the day if given."""
    kiosks = select(Kiosk.id).where(
        Kiosk.event_id == ctx.event_id if ctx.event_id is not None else Kiosk.event_id.is_(None)
    )
    where = [
        PrintJob.status == PrintStatus.DONE,
        or_(PrintJob.kiosk_id == ctx.kiosk_id, PrintJob.kiosk_id.in_(kiosks)),
    ]
    if bounds:
        done_at = func.coalesce(PrintJob.finished_at, PrintJob.created_at)
        where += [done_at >= bounds[0], done_at < bounds[1]]
    counts = dict.fromkeys(DocumentKind, 0)
    for kind, n in session.execute(
        select(PrintJob.kind, func.count()).where(*where).group_by(PrintJob.kind)
    ):
        counts[DocumentKind(kind)] = int(n)
    return counts
