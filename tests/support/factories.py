"""Test data builders that write straight to the store (synthetic people only)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, Scheme, Sex
from kiosk.domain.money import round_dong
from kiosk.services.context import KioskContext
from kiosk.store.models import Enrollment, Person, Visit


def kiosk_context(config_kiosk_id: str = "K01", series: str = "K01") -> KioskContext:
    """The context of the default test kiosk."""
    from kiosk.bootstrap import event_id_for
    from kiosk.config import parse_config
    from kiosk.config_template import DEFAULT_CONFIG

    config = parse_config(DEFAULT_CONFIG)
    return KioskContext(
        kiosk_id=config_kiosk_id, event_id=event_id_for(config), receipt_series=series
    )


def make_person(
    session: Session,
    full_name: str = "Nguyễn Thị Huyền",
    personal_id: str | None = None,
    birth_date: date = date(1985, 3, 14),
    sex: Sex = Sex.FEMALE,
    phone: str | None = None,
) -> Person:
    """A person with an accent-folded name for search."""
    person = Person(
        full_name=full_name,
        name_folded=fold_accents(full_name),
        personal_id=personal_id,
        birth_date=birth_date,
        sex=sex,
        phone=phone,
        address="Thôn 3, xã Ea Kao, Đắk Lắk",
    )
    session.add(person)
    session.flush()
    return person


def make_visit(
    session: Session,
    ctx: KioskContext,
    amounts: tuple[int, ...] = (1_366_200,),
    scheme: Scheme = Scheme.BHYT_HOUSEHOLD,
    source: str = "staff",
) -> Visit:
    """A quoted visit with one enrollment per amount (one person each), total = sum."""
    visit = Visit(
        kiosk_id=ctx.kiosk_id,
        event_id=ctx.event_id,
        source=source,
        status=EnrollmentStatus.QUOTED,
        total=sum(amounts),
        policy_version="test",
        quoted_on=ctx.today(),
        quote_json={"lines": [{"amount": a} for a in amounts], "total": sum(amounts)},
    )
    session.add(visit)
    session.flush()
    for i, amount in enumerate(amounts, start=1):
        person = make_person(session, full_name=f"Người Thử {i}")
        session.add(
            Enrollment(
                visit_id=visit.id,
                person_id=person.id,
                scheme=scheme,
                months=12,
                position=i,
                amount=round_dong(amount),
                policy_version="test",
            )
        )
    session.flush()
    return visit


def fold_accents(text: str) -> str:
    """Test-side accent folding (the core has its own; tests must not depend on its details)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def new_key() -> str:
    """A fresh idempotency key, as the screen makes one per checkout attempt."""
    return uuid.uuid4().hex
