"""Settling a paid visit: re-quote by the payment day's rules, mark paid, cover dates, receipt."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, Scheme
from kiosk.policy.engine import (
    Quote,
    coverage_end,
    household_coverage_start,
    items_from_quote,
    quote_visit,
)
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.receipts import issue_receipts
from kiosk.store.models import Enrollment, Receipt, Visit


def finalize_visit(
    session: Session, ctx: KioskContext, visit: Visit, staff_id: uuid.UUID | None
) -> list[Receipt]:
    """Mark the visit and its enrollments paid, set cover dates from today, and issue its
    receipts: one per scheme, each numbered in its scheme's series in this transaction."""
    now, today = ctx.now(), ctx.today()
    visit.status = EnrollmentStatus.PAID
    visit.paid_at = now
    for enrollment in session.scalars(select(Enrollment).where(Enrollment.visit_id == visit.id)):
        enrollment.status = EnrollmentStatus.PAID
        enrollment.paid_at = now
        if enrollment.scheme == Scheme.BHYT_HOUSEHOLD:
            previous = _previous_expiry(session, enrollment) if enrollment.is_renewal else None
            enrollment.start_date = household_coverage_start(today, previous)
            enrollment.end_date = coverage_end(enrollment.start_date, enrollment.months)
    return issue_receipts(session, ctx, visit, staff_id)


def requote_if_needed(session: Session, ctx: KioskContext, visit: Visit) -> None:
    """Contributions follow the rules in force on the payment day: re-quote an older quote."""
    today = ctx.today()
    if visit.quoted_on == today or not visit.quote_json.get("lines"):
        return
    old = Quote.from_dict(visit.quote_json)
    new = quote_visit(items_from_quote(old), today)
    if new.total != old.total:
        enrollments = session.scalars(
            select(Enrollment).where(Enrollment.visit_id == visit.id)
        ).all()
        for line_old, line_new in zip(old.lines, new.lines, strict=True):
            for e in enrollments:
                if (
                    e.amount == line_old.amount
                    and e.scheme == line_old.scheme
                    and e.policy_version == old.policy_version
                ):
                    e.amount, e.policy_version, e.quote_line_json = (
                        line_new.amount,
                        new.policy_version,
                        line_new.to_dict(),
                    )
                    break
        audit.record(
            session,
            ctx.kiosk_id,
            "visit.requoted",
            entity="visit",
            entity_id=visit.id,
            old_total=old.total,
            new_total=new.total,
            policy_version=new.policy_version,
        )
    visit.quote_json, visit.total, visit.policy_version, visit.quoted_on = (
        new.to_dict(),
        new.total,
        new.policy_version,
        today,
    )


def _previous_expiry(session: Session, enrollment: Enrollment) -> date | None:
    """The expiry the renewal continues: the previous enrollment's, or the one typed at
    registration (kept as the day before the start computed then)."""
    if enrollment.previous_enrollment_id is not None:
        previous = session.get(Enrollment, enrollment.previous_enrollment_id)
        if previous is not None and previous.end_date is not None:
            return previous.end_date
    if enrollment.start_date is None:
        return None
    return enrollment.start_date - timedelta(days=1)
