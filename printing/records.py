"""Builds the printable document models from stored records (read-only; no rendering here)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, IssuanceKind, Scheme
from kiosk.domain.labels import label, payment_mode
from kiosk.domain.localtime import local_date, to_local
from kiosk.domain.money import format_vnd
from kiosk.domain.numbers import ticket_number
from kiosk.errors import KioskError
from kiosk.policy.engine import covered_reasons
from kiosk.scan.health_card import HealthCardData, parse_health_card_qr
from kiosk.services.issuance import (
    card_record,
    print_date,
    provisional_expiry,
    sex_label,
    social_insurance_number,
)
from kiosk.services.receipts import receipt_label
from kiosk.services.shifts import ShiftReport, shift_report
from kiosk.store.models import (
    Enrollment,
    Event,
    HouseholdMember,
    HouseholdYearMember,
    IssuanceRecord,
    Person,
    Receipt,
    Visit,
)
from kiosk.store.types import utcnow
from printing import receipt_records
from printing.documents import models as doc
from printing.sources import enrollments_of

T = TypeVar("T")


def receipt_document(session: Session, receipt_id: uuid.UUID) -> doc.ReceiptDocument:
    """The receipt (form C45-BB) of one scheme (printing.receipt_records)."""
    return receipt_records.receipt_document(session, _get(session, Receipt, receipt_id, "receipt"))


def card_document(
    session: Session, record_id: uuid.UUID
) -> doc.CardDocument | doc.ProvisionalDocument:
    """VSS's card from its official record, or the kiosk's provisional confirmation."""
    record = _get(session, IssuanceRecord, record_id, "issuance_record")
    person = session.get_one(Person, record.person_id)
    if record.kind == IssuanceKind.PROVISIONAL:
        return _provisional(session, record, person)
    card = _vss_card(record.qr_payload)
    return doc.CardDocument(
        card_code=record.card_code,
        full_name=person.full_name,
        birth_date=card.birth_date if card else print_date(person.birth_date),
        sex=sex_label(person.sex),
        facility_code=record.facility_code,
        facility_name=record.facility_name,
        valid_from=print_date(record.valid_from),
        five_year_date=print_date(record.five_year_date),
        issuing_place=record.issuing_place,
        issue_date=print_date(record.issue_date),
        qr_payload=record.qr_payload,  # exactly as VSS issued it
        valid_to=print_date(record.valid_to),
        benefit_level=card.benefit_level if card else "",
    )


def _provisional(
    session: Session, record: IssuanceRecord, person: Person
) -> doc.ProvisionalDocument:
    """The confirmation's fields, read back from what its QR signed (so paper and QR agree)."""
    enrollment = session.get(Enrollment, record.enrollment_id) if record.enrollment_id else None
    signed = _signed_fields(record.qr_payload)
    start, end = print_date(record.valid_from), print_date(record.valid_to)
    return doc.ProvisionalDocument(
        issuer=record.issuing_place,
        full_name=person.full_name,
        birth_date=print_date(person.birth_date),
        sex=sex_label(person.sex),
        identity_number=person.personal_id or person.old_id_number or "",
        amount=format_vnd(enrollment.amount) if enrollment else "",
        receipt=signed.get("r", ""),
        period=f"{start} – {end}" if start and end else "",
        card_from=start,
        issue_date=print_date(record.issue_date),
        expires=print_date(provisional_expiry(record.issue_date)),
        qr_payload=record.qr_payload,
    )


def booklet_document(session: Session, person_id: uuid.UUID) -> doc.BookletCoverDocument:
    """The booklet cover's variable fields. The SI number is VSS's, or the identity number
    where VSS uses it as the SI number; without either nothing is printed (never invented)."""
    person = _get(session, Person, person_id, "person")
    si_number = social_insurance_number(person, local_date(utcnow()))
    if not si_number:
        raise KioskError(
            "print.no_si_number",
            vi="Người này chưa có mã số BHXH do BHXH cấp và chưa có số định danh cá nhân: "
            "không in bìa sổ (không bao giờ tự đặt mã số).",
            en="This person has neither a social insurance number from VSS nor a personal "
            "identification number: no booklet cover is printed (a number is never made up).",
            person_id=str(person_id),
        )
    return doc.BookletCoverDocument(
        si_number=si_number,
        full_name=person.full_name,
        birth_date=print_date(person.birth_date),
        sex=sex_label(person.sex),
        nationality=person.nationality,
        identity_number=person.personal_id or person.old_id_number or "",
    )


def declaration_document(session: Session, enrollment_id: uuid.UUID) -> doc.DeclarationDocument:
    """TK1-TS for the enrollment's person, with the household appendix when there is one
    (members covered elsewhere listed with the reason)."""
    enrollment = _get(session, Enrollment, enrollment_id, "enrollment")
    person = enrollment.person
    visit = session.get_one(Visit, enrollment.visit_id)
    event = session.get(Event, visit.event_id) if visit.event_id else None
    day = visit.quoted_on or enrollment.created_at.date()
    members: tuple[doc.HouseholdMember, ...] = ()
    head: Person | None = None
    household = enrollment.household
    if household is not None:
        rows = session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.household_id == household.id)
            .order_by(HouseholdMember.position)
        ).all()
        notes = _covered_notes(session, visit.id, day)
        members = tuple(
            doc.HouseholdMember(
                full_name=m.person.full_name,
                birth_date=print_date(m.person.birth_date),
                sex=sex_label(m.person.sex),
                identity_number=m.person.personal_id or m.person.old_id_number or "",
                relationship=m.relationship_to_head,
                si_number=social_insurance_number(m.person, day),
                note=notes.get(m.person_id, ""),
            )
            for m in rows
        )
        head = session.get(Person, household.head_person_id) if household.head_person_id else None
    record = card_record(session, enrollment.id) if _is_paid_health(enrollment) else None
    amount = format_vnd(enrollment.amount)
    if enrollment.chosen_income:
        amount += f" (mức thu nhập làm căn cứ đóng {format_vnd(enrollment.chosen_income)})"
    place = event.province if event else ""
    official = record if record is not None and record.kind == IssuanceKind.OFFICIAL else None
    return doc.DeclarationDocument(
        full_name=person.full_name,
        birth_date=print_date(person.birth_date),
        sex=sex_label(person.sex),
        nationality=person.nationality,
        ethnicity=person.ethnicity,
        address=person.address,
        identity_number=person.personal_id or person.old_id_number or "",
        phone=person.phone or "",
        amount=amount,
        payment_mode=payment_mode(enrollment.months),
        facility=f"{official.facility_code} {official.facility_name}".strip() if official else "",
        head_name=head.full_name if head else "",
        head_identity=(head.personal_id or "") if head else "",
        head_phone=(head.phone or "") if head else "",
        household_address=household.address if household else "",
        members=members,
        place_and_date=f"{place}, ngày {day.day} tháng {day.month} năm {day.year}",
    )


def queue_ticket_document(
    session: Session, visit_id: uuid.UUID, vietqr_payload: str | None
) -> doc.QueueTicketDocument:
    """The self-registration ticket: queue number, first person's name, total."""
    visit = _get(session, Visit, visit_id, "visit")
    enrollments = enrollments_of(session, visit.id)
    name = enrollments[0].person.full_name if enrollments else ""
    return doc.QueueTicketDocument(
        number=ticket_number(visit.queue_number),
        name=name,
        total=visit.total,
        vietqr_payload=vietqr_payload,
    )


def shift_report_document(session: Session, shift_id: uuid.UUID) -> doc.ShiftReportDocument:
    """The X (open shift) or Z (closed) report as rows of label and amount."""
    report: ShiftReport = shift_report(session, shift_id)
    rows = [("Quỹ đầu ca", report.opening_float)]
    for line in report.lines:
        rows.append((f"{label(line.method)} ({line.count})", line.expected))
        if line.counted is not None:
            rows.append((f"  Đếm được · chênh lệch {line.difference:+d}", line.counted))
    rows += [("Nộp vào", report.cash_in), ("Rút ra", -report.cash_out)]
    opened = to_local(report.opened_at)
    notes: tuple[str, ...] = ()
    if report.outside_count or report.outside_amount:
        notes = (
            f"Trong đó xác nhận ngoài ca: {report.outside_count} khoản "
            f"({format_vnd(report.outside_amount)})",
        )
    return doc.ShiftReportDocument(
        title="Z" if report.closed_at else "X",
        rows=tuple(rows),
        subtitle=f"Ki-ốt {report.kiosk_id} · {report.staff_name} · {opened:%d/%m/%Y %H:%M}",
        notes=notes,
    )


def receipt_label_of(session: Session, receipt_id: uuid.UUID) -> str:
    """ "BL25-000042" for file names and screens."""
    return receipt_label(_get(session, Receipt, receipt_id, "receipt"))


def _covered_notes(session: Session, visit_id: uuid.UUID, on: date) -> dict[uuid.UUID, str]:
    """Members this visit listed as insured elsewhere: person -> "Đã có BHYT: <reason>"."""
    reasons = {r.code: r.vi for r in covered_reasons(on)}
    rows = session.scalars(
        select(HouseholdYearMember).where(
            HouseholdYearMember.visit_id == visit_id,
            HouseholdYearMember.covered_reason.is_not(None),
        )
    )
    return {
        m.person_id: f"Đã có BHYT: {reasons.get(m.covered_reason or '', m.covered_reason)}"
        for m in rows
        if m.person_id is not None
    }


def _signed_fields(payload: str) -> dict[str, str]:
    """The fields a kiosk-signed QR carries (read, not verified: the record is our own)."""
    parts = payload.split("|")
    if len(parts) != 4:
        return {}
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _vss_card(payload: str) -> HealthCardData | None:
    """VSS's card QR read back (for the fields the record has no column for), if it parses."""
    try:
        return parse_health_card_qr(payload, allow_legacy=True)
    except KioskError:
        return None


def _is_paid_health(enrollment: Enrollment) -> bool:
    return enrollment.scheme == Scheme.BHYT_HOUSEHOLD and enrollment.status == EnrollmentStatus.PAID


def _get(session: Session, model: type[T], key: uuid.UUID, what: str) -> T:
    found = session.get(model, key)
    if found is None:
        raise KioskError(
            "print.record_missing",
            vi="Không tìm thấy dữ liệu cần in (có thể đã bị xoá hoặc chưa được đồng bộ).",
            en="The record to print was not found (deleted, or not synchronised yet).",
            what=what,
            id=str(key),
        )
    return found
