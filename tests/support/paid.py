"""A paid visit built through the real services, for printing and console tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from kiosk.domain.enums import PaymentMethod, Scheme, Sex, SupportGroup
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import Enrollment
from tests.kiosk.services.payflow import open_day
from tests.support.factories import kiosk_context

NOON_VN = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)
HOUSEHOLD = (
    PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185012345"),
    PersonDraft("Trần Văn Đức", date(1982, 9, 2), Sex.MALE, "066082004567"),
)


def fixed_ctx() -> KioskContext:
    """The test kiosk with its clock at noon, Vietnam time, on 25/11/2026."""
    base = kiosk_context()
    return KioskContext(base.kiosk_id, base.event_id, base.receipt_series, clock=lambda: NOON_VN)


@dataclass(frozen=True)
class PaidVisit:
    visit_id: uuid.UUID
    enrollment_ids: list[uuid.UUID]
    cashier: uuid.UUID
    supervisor: uuid.UUID


def paid_household(
    db: Database, ctx: KioskContext, *, voluntary_income: int | None = None
) -> PaidVisit:
    """Two people with household health insurance for 12 months, paid 2,400,000 cash.

    With `voluntary_income`, the first also joins voluntary social insurance for 12 months.
    """
    cashier, supervisor = open_day(db, ctx)
    members = []
    for i, person in enumerate(HOUSEHOLD):
        choices = [SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)]
        if voluntary_income and i == 0:
            choices.append(
                SchemeChoice(
                    Scheme.BHXH_VOLUNTARY, 12, income=voluntary_income, group=SupportGroup.OTHER
                )
            )
        members.append(MemberRequest(person, tuple(choices)))
    with db.unit_of_work() as s:
        reg = register_visit(s, ctx, members, staff_id=cashier)
        total = reg.quote.total
        parts = [PaymentRequest(PaymentMethod.CASH, total, tendered=total + 77_460)]
        checkout(s, ctx, reg.visit_id, parts, uuid.uuid4().hex, staff_id=cashier)
        ids = list(
            s.scalars(
                select(Enrollment.id)
                .where(Enrollment.visit_id == reg.visit_id)
                .order_by(Enrollment.position, Enrollment.scheme)
            )
        )
    return PaidVisit(reg.visit_id, ids, cashier, supervisor)
