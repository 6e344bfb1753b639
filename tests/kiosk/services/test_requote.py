"""A quote made before a rule change is paid at the rules of the payment day."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.domain.enums import PaymentMethod, Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, Visit
from tests.kiosk.services.payflow import open_day
from tests.support.factories import kiosk_context, new_key


def _ctx(when: datetime) -> KioskContext:
    base = kiosk_context()
    return KioskContext(base.kiosk_id, base.event_id, base.receipt_series, clock=lambda: when)


def test_self_registration_before_base_salary_change_paid_after(db: Database) -> None:
    """Registered 30/06/2026 (1,263,600 a year) and paid 01/07/2026: 1,366,200 is charged,
    the enrollment records the new policy version, and cover starts 31/07/2026."""
    before = _ctx(datetime(2026, 6, 30, 3, 0, tzinfo=UTC))
    after = _ctx(datetime(2026, 7, 1, 3, 0, tzinfo=UTC))
    draft = PersonDraft(full_name="Hoàng Thị Mai", birth_date=date(1970, 5, 5), sex=Sex.FEMALE)
    with db.unit_of_work() as s:
        reg = register_visit(
            s,
            before,
            [MemberRequest(draft, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))],
            source="self_service",
        )
    assert reg.quote.total == 1_263_600
    open_day(db, after)
    with db.unit_of_work() as s:
        result = checkout(
            s,
            after,
            reg.visit_id,
            [PaymentRequest(PaymentMethod.CASH, 1_366_200, 1_400_000)],
            new_key(),
        )
    assert result.paid and result.change == 33_800
    with db.read() as s:
        visit = s.get(Visit, reg.visit_id)
        assert (
            visit is not None
            and visit.total == 1_366_200
            and visit.policy_version.startswith("bs2026-07-01")
        )
        enrollment = s.query(Enrollment).one()
        assert (enrollment.amount, enrollment.start_date) == (1_366_200, date(2026, 7, 31))
