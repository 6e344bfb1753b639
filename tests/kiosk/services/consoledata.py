"""Helpers for the console service tests: people registered and paid through the real services."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from kiosk.domain.enums import PaymentMethod, Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.services.checkout import CheckoutResult, PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from tests.support.factories import kiosk_context, new_key

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam, 25/11/2026
BHYT12 = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)


def ctx_at(moment: datetime = NOW) -> KioskContext:
    """The test kiosk with its clock stopped at `moment`."""
    base = kiosk_context()
    return KioskContext(base.kiosk_id, base.event_id, base.receipt_series, clock=lambda: moment)


def personal_id(serial: int, born: date, sex: Sex) -> str:
    """A well-formed synthetic identity number from Đắk Lắk (066) for this birth and sex."""
    century = 0 if born.year < 2000 else 2
    digit = century + (1 if sex == Sex.FEMALE else 0)
    return f"066{digit}{born.year % 100:02d}{serial:06d}"


def draft(
    name: str,
    serial: int,
    born: date = date(1985, 3, 14),
    sex: Sex = Sex.FEMALE,
    phone: str = "",
    with_id: bool = True,
    address: str = "Thôn 3, xã Ea Kao, Đắk Lắk",
    ethnicity: str = "Kinh",
) -> PersonDraft:
    """A person as the desk's form collects them: its ethnicity question answered (Kinh
    unless told; "" is a person nobody asked, as on the touchscreen's household path)."""
    return PersonDraft(
        full_name=name,
        birth_date=born,
        sex=sex,
        personal_id=personal_id(serial, born, sex) if with_id else "",
        phone=phone,
        address=address,
        ethnicity=ethnicity,
    )


def register(
    db: Database,
    ctx: KioskContext,
    people: Sequence[PersonDraft],
    choices: Sequence[SchemeChoice] = (BHYT12,),
    source: str = "staff",
    previous_expiry: date | None = None,
) -> uuid.UUID:
    """One visit for these people, each joining `choices`; returns the visit id."""
    members = [MemberRequest(p, tuple(choices), previous_expiry) for p in people]
    with db.unit_of_work() as s:
        return register_visit(s, ctx, members, source=source).visit_id


def pay(
    db: Database,
    ctx: KioskContext,
    visit_id: uuid.UUID,
    parts: Sequence[tuple[PaymentMethod, int]],
    staff_id: uuid.UUID | None = None,
) -> CheckoutResult:
    """Check the visit out with these parts (card parts approved)."""
    requests = [
        PaymentRequest(m, a, card_auth_code="A1B2C3" if m == PaymentMethod.CARD else None)
        for m, a in parts
    ]
    with db.unit_of_work() as s:
        return checkout(s, ctx, visit_id, requests, new_key(), staff_id=staff_id)
