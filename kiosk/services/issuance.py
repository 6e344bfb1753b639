"""Issuance records behind a printed card: the official VSS record, or a provisional one.

A card carries an official QR only when VSS issued the data (imported with
`official_import`). Otherwise the kiosk makes one *provisional* record per enrollment,
signed with the kiosk's Ed25519 key; asking again returns the same record, so a reprint
shows the same code and QR.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, IssuanceKind, Scheme, Sex
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.store.models import Enrollment, IssuanceRecord, Person

Signer = Callable[[dict[str, str]], str]  # card fields -> signed provisional QR payload
HOUSEHOLD_BENEFIT = "GD4"  # object group GD (household), benefit level 4
NO_FACILITY = "Theo nơi đăng ký KCB ban đầu"


def card_record(session: Session, enrollment_id: uuid.UUID) -> IssuanceRecord | None:
    """The record a card for this enrollment prints: official first, then provisional."""
    enrollment = _paid_health_enrollment(session, enrollment_id)
    records = session.scalars(
        select(IssuanceRecord)
        .where(IssuanceRecord.person_id == enrollment.person_id)
        .order_by(IssuanceRecord.created_at.desc())
    ).all()
    official = [r for r in records if r.kind == IssuanceKind.OFFICIAL]
    if official:
        return official[0]
    own = [r for r in records if r.enrollment_id == enrollment_id]
    return own[0] if own else None


def ensure_card_record(
    session: Session,
    ctx: KioskContext,
    enrollment_id: uuid.UUID,
    signer: Signer,
    issuing_place: str,
    staff_id: uuid.UUID | None = None,
) -> IssuanceRecord:
    """The official record if VSS issued one, else this enrollment's provisional record."""
    existing = card_record(session, enrollment_id)
    if existing is not None:
        return existing
    enrollment = _paid_health_enrollment(session, enrollment_id)
    person = session.get_one(Person, enrollment.person_id)
    today = ctx.today()
    record = IssuanceRecord(
        person_id=person.id,
        enrollment_id=enrollment.id,
        kind=IssuanceKind.PROVISIONAL,
        card_code=provisional_card_code(person),
        facility_code="",
        facility_name=NO_FACILITY,
        valid_from=enrollment.start_date,
        valid_to=enrollment.end_date,
        five_year_date=None,
        issuing_place=issuing_place,
        issue_date=today,
    )
    record.qr_payload = signer(card_fields(record, person))
    session.add(record)
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "issuance.provisional",
        entity="issuance_record",
        entity_id=record.id,
        staff_id=staff_id,
        enrollment=str(enrollment.id),
    )
    return record


def provisional_card_code(person: Person) -> str:
    """GD4 + 2-digit province + 10-digit number, from the legacy code or the identity number.

    The identity number's province prefix ("066" Đắk Lắk) ends in the old 2-digit province
    code the card uses ("66"); its last 10 digits stand in for the social insurance number.
    """
    number = person.legacy_si_code or (person.personal_id or "")[2:]
    province = (person.personal_id or person.legacy_si_code or "00")[1:3]
    if person.legacy_si_code:
        province = person.legacy_si_code[:2]
    return f"{HOUSEHOLD_BENEFIT}{province}{number}"


def card_fields(record: IssuanceRecord, person: Person) -> dict[str, str]:
    """The fields a provisional QR signs (short keys keep the QR small; same as the card)."""
    return {
        "c": record.card_code,
        "n": person.full_name,
        "b": print_date(person.birth_date),
        "s": sex_label(person.sex),
        "f": record.facility_code,
        "v": f"{print_date(record.valid_from)}-{print_date(record.valid_to)}",
        "i": print_date(record.issue_date),
    }


def print_date(value: date | None) -> str:
    """dd/mm/yyyy as printed on Vietnamese documents; empty when unknown."""
    return value.strftime("%d/%m/%Y") if value else ""


def sex_label(sex: Sex) -> str:
    return "Nữ" if sex == Sex.FEMALE else "Nam"


def _paid_health_enrollment(session: Session, enrollment_id: uuid.UUID) -> Enrollment:
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.scheme != Scheme.BHYT_HOUSEHOLD:
        raise KioskError(
            "issuance.no_health_enrollment",
            vi="Không có đăng ký BHYT hộ gia đình này nên không in được thẻ.",
            en="There is no such household health insurance enrollment to print a card for.",
            enrollment_id=str(enrollment_id),
        )
    if enrollment.status != EnrollmentStatus.PAID:
        raise KioskError(
            "issuance.not_paid",
            vi="Đăng ký này chưa được thanh toán nên chưa in được thẻ.",
            en="This enrollment is not paid yet, so no card can be printed.",
            enrollment_id=str(enrollment_id),
        )
    return enrollment
