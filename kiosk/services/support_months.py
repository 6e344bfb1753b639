"""The 120-month cap's count (support months a person already used) and where people live."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, Scheme
from kiosk.domain.provinces import province_code_of
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.store.models import Enrollment, Event, VoluntarySupportRecord
from kiosk.store.models.household_year import SUPPORT_SOURCES

SUPPORT_CAP_MONTHS = 120  # checked again by the engine against the policy in force


def record_support_months(
    session: Session,
    ctx: KioskContext,
    person_id: uuid.UUID,
    months: int,
    *,
    source: str,
    note: str = "",
    staff_id: uuid.UUID | None = None,
) -> int:
    """Record support months used outside this kiosk; returns the person's new total."""
    if source not in SUPPORT_SOURCES:
        raise ValueError(f"unknown support-months source {source!r}")
    if months == 0 or abs(months) > SUPPORT_CAP_MONTHS:
        raise KioskError(
            "household_year.bad_support_months",
            vi=f"Số tháng đã được hỗ trợ phải từ 1 đến {SUPPORT_CAP_MONTHS}.",
            en=f"Supported months must be 1 to {SUPPORT_CAP_MONTHS}.",
        )
    if months < 0 and source != "correction":
        raise ValueError("only a correction may take months away")
    session.add(
        VoluntarySupportRecord(
            person_id=person_id, months=months, source=source, note=note, staff_id=staff_id
        )
    )
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "support_months.recorded",
        entity="person",
        entity_id=person_id,
        staff_id=staff_id,
        months=months,
        source=source,
    )
    return supported_months_used(session, person_id)


def supported_months_used(session: Session, person_id: uuid.UUID) -> int:
    """Months of state support the person already used: recorded ones plus those of the
    person's paid voluntary SI enrollments (at most the 120-month cap)."""
    recorded = session.scalar(
        select(func.coalesce(func.sum(VoluntarySupportRecord.months), 0)).where(
            VoluntarySupportRecord.person_id == person_id
        )
    )
    paid = session.scalars(
        select(Enrollment.quote_line_json).where(
            Enrollment.person_id == person_id,
            Enrollment.scheme == Scheme.BHXH_VOLUNTARY,
            Enrollment.status == EnrollmentStatus.PAID,
        )
    )
    used = int(recorded or 0) + sum(int(line.get("supported_months") or 0) for line in paid)
    return max(0, min(used, SUPPORT_CAP_MONTHS))


def residence_province(session: Session, ctx: KioskContext) -> str | None:
    """The event's province as a province code: where attendees live unless they say otherwise."""
    event = session.get(Event, ctx.event_id) if ctx.event_id else None
    return province_code_of(event.province) if event else None
