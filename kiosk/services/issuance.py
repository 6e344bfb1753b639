"""Issuance records: the official VSS card record, or the kiosk's provisional confirmation.

Only VSS issues health insurance cards and social insurance numbers. A card is printed only
from VSS's own record (imported with `official_import`), its QR passed through exactly as VSS
issued it. Otherwise the kiosk makes one *provisional* record per enrollment: a signed
confirmation that the person has paid and is registered (no card code: the identity number
names the person), valid until the card should be in VssID/VNeID. Asking again returns the
same record, so a reprint shows the same QR.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, IssuanceKind, Scheme, Sex
from kiosk.domain.provisional import CONFIRMATION
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.receipts import receipt_label, visit_receipts
from kiosk.store.models import Enrollment, IssuanceRecord, Person

Signer = Callable[[dict[str, str]], str]  # confirmation fields -> signed provisional QR payload
# How long a provisional confirmation stands: the 30 days a first-time participant's card waits
# (Law on Health Insurance Art 16(3), RULES.md) plus 30 for it to show in VssID/VNeID. The
# kiosk's own choice, not a rule (UNVERIFIED): `verify` says "expired" after it.
PROVISIONAL_VALID_DAYS = 60
ID_IS_SI_NUMBER_FROM = date(2025, 8, 1)  # VSS Official Letter 1804/BHXH-QLT (RULES.md)


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
        card_code="",  # never a code in VSS's format: only VSS issues those
        valid_from=enrollment.start_date,
        valid_to=enrollment.end_date,
        five_year_date=None,
        issuing_place=issuing_place,
        issue_date=today,
    )
    receipt = _receipt_label(session, enrollment)
    record.qr_payload = signer(confirmation_fields(record, person, enrollment.amount, receipt))
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


def confirmation_fields(
    record: IssuanceRecord, person: Person, amount: int, receipt: str
) -> dict[str, str]:
    """What a provisional confirmation's QR signs (short keys keep the QR small): kind, name,
    birth date, identity number, amount paid, cover period, receipt, issue and expiry dates."""
    return {
        "t": CONFIRMATION,
        "n": person.full_name,
        "b": print_date(person.birth_date),
        "d": person.personal_id or person.old_id_number or "",
        "a": str(amount),
        "v": f"{print_date(record.valid_from)}-{print_date(record.valid_to)}",
        "r": receipt,
        "i": print_date(record.issue_date),
        "h": print_date(provisional_expiry(record.issue_date)),
    }


def provisional_expiry(issued: date | None) -> date | None:
    """The last day a provisional confirmation issued on `issued` stands."""
    return issued + timedelta(days=PROVISIONAL_VALID_DAYS) if issued else None


def social_insurance_number(person: Person, on: date) -> str:
    """The social insurance number to print, never a made-up one: the 10-digit number VSS
    gave (kept as `legacy_si_code`), or, from 2025-08-01, the personal identification number,
    which VSS uses as the social insurance number (VSS Official Letter 1804/BHXH-QLT, RULES.md;
    Law 41/2024/QH15 on Social Insurance, in force 2025-07-01). "" when neither applies."""
    if person.legacy_si_code:
        return person.legacy_si_code
    if person.personal_id and on >= ID_IS_SI_NUMBER_FROM:
        return person.personal_id
    return ""


def print_date(value: date | None) -> str:
    """dd/mm/yyyy as printed on Vietnamese documents; empty when unknown."""
    return value.strftime("%d/%m/%Y") if value else ""


def sex_label(sex: Sex) -> str:
    return "Nữ" if sex == Sex.FEMALE else "Nam"


def _receipt_label(session: Session, enrollment: Enrollment) -> str:
    """The number of the receipt that paid this enrollment (its scheme's), or ""."""
    for receipt in visit_receipts(session, enrollment.visit_id):
        if receipt.scheme in (enrollment.scheme, None):
            return receipt_label(receipt)
    return ""


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
