"""Builds the printable document models from stored records (read-only; no rendering here)."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus, Scheme
from kiosk.domain.labels import label, payment_mode
from kiosk.domain.localtime import to_local
from kiosk.domain.numbers import ticket_number
from kiosk.errors import KioskError
from kiosk.services.issuance import card_record, print_date, sex_label
from kiosk.services.receipts import receipt_label
from kiosk.services.shifts import ShiftReport, shift_report
from kiosk.store.models import (
    Enrollment,
    Event,
    HouseholdMember,
    IssuanceRecord,
    Payment,
    Person,
    PrintJob,
    Receipt,
    Staff,
    Visit,
)
from printing.documents import models as doc

T = TypeVar("T")


def receipt_document(session: Session, receipt_id: uuid.UUID) -> doc.ReceiptDocument:
    """The receipt as printed: one line per enrollment, the payments, tendered and change."""
    receipt = _get(session, Receipt, receipt_id, "receipt")
    visit = session.get_one(Visit, receipt.visit_id)
    event = session.get(Event, visit.event_id) if visit.event_id else None
    lines = tuple(
        doc.ReceiptLine(person=e.person.full_name, description=_line_text(e), amount=e.amount)
        for e in _enrollments(session, visit.id)
    )
    payments = session.scalars(
        select(Payment)
        .where(Payment.visit_id == visit.id, Payment.status == PaymentStatus.CONFIRMED)
        .where(Payment.reversal_of_id.is_(None))
        .order_by(Payment.created_at)
    ).all()
    cash = [p for p in payments if p.method == PaymentMethod.CASH and p.tendered is not None]
    card_qr = _provisional_qr(session, visit.id)
    return doc.ReceiptDocument(
        event_name=event.name if event else "",
        venue=event.venue if event else "",
        kiosk_id=receipt.kiosk_id,
        series=receipt.series,
        number=receipt.number,
        issued_at=to_local(receipt.issued_at),
        staff_name=_staff_name(session, receipt.staff_id),
        lines=lines,
        total=receipt.total,
        payments=tuple(doc.ReceiptPayment(label(p.method), p.amount) for p in payments),
        tendered=cash[0].tendered if cash else None,
        change=cash[0].change if cash else None,
        qr_payload=card_qr,
        qr_caption="Mã xác nhận thẻ BHYT tạm thời" if card_qr else "",
        void=receipt.voided_at is not None,
    )


def card_document(session: Session, record_id: uuid.UUID) -> doc.CardDocument:
    """A health insurance card from its issuance record (official or provisional)."""
    record = _get(session, IssuanceRecord, record_id, "issuance_record")
    person = session.get_one(Person, record.person_id)
    return doc.CardDocument(
        card_code=record.card_code,
        full_name=person.full_name,
        birth_date=print_date(person.birth_date),
        sex=sex_label(person.sex),
        address=person.address,
        facility_code=record.facility_code,
        facility_name=record.facility_name,
        valid_from=print_date(record.valid_from),
        valid_to=print_date(record.valid_to),
        five_year_date=print_date(record.five_year_date),
        issuing_place=record.issuing_place,
        issue_date=print_date(record.issue_date),
        provisional=record.kind.value == "provisional",
        qr_payload=record.qr_payload,
    )


def booklet_document(session: Session, person_id: uuid.UUID) -> doc.BookletCoverDocument:
    """The booklet cover's variable fields; the identity number is the SI number since 2025-08."""
    person = _get(session, Person, person_id, "person")
    identity = person.personal_id or person.old_id_number or ""
    return doc.BookletCoverDocument(
        si_number=person.legacy_si_code or person.personal_id or "",
        full_name=person.full_name,
        birth_date=print_date(person.birth_date),
        sex=sex_label(person.sex),
        nationality=person.nationality,
        identity_number=identity,
    )


def declaration_document(session: Session, enrollment_id: uuid.UUID) -> doc.DeclarationDocument:
    """TK1-TS for the enrollment's person, with the household appendix when there is one."""
    enrollment = _get(session, Enrollment, enrollment_id, "enrollment")
    person = enrollment.person
    members: tuple[doc.HouseholdMember, ...] = ()
    if enrollment.household_id is not None:
        rows = session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.household_id == enrollment.household_id)
            .order_by(HouseholdMember.position)
        ).all()
        members = tuple(
            doc.HouseholdMember(
                full_name=m.person.full_name,
                birth_date=print_date(m.person.birth_date),
                sex=sex_label(m.person.sex),
                identity_number=m.person.personal_id or "",
                relationship=m.relationship_to_head,
            )
            for m in rows
        )
    record = card_record(session, enrollment.id) if _is_paid_health(enrollment) else None
    visit = session.get_one(Visit, enrollment.visit_id)
    event = session.get(Event, visit.event_id) if visit.event_id else None
    day = visit.quoted_on or enrollment.created_at.date()
    place = event.province if event else ""
    return doc.DeclarationDocument(
        full_name=person.full_name,
        sex=sex_label(person.sex),
        birth_date=print_date(person.birth_date),
        nationality=person.nationality,
        ethnicity=person.ethnicity,
        identity_number=person.personal_id or person.old_id_number or "",
        phone=person.phone or "",
        address=person.address,
        voluntary_income=enrollment.chosen_income,
        payment_mode=payment_mode(enrollment.months),
        facility=f"{record.facility_code} {record.facility_name}".strip() if record else "",
        members=members,
        place_and_date=f"{place}, ngày {day.day} tháng {day.month} năm {day.year}",
    )


def queue_ticket_document(
    session: Session, visit_id: uuid.UUID, vietqr_payload: str | None
) -> doc.QueueTicketDocument:
    """The self-registration ticket: queue number, first person's name, total."""
    visit = _get(session, Visit, visit_id, "visit")
    enrollments = _enrollments(session, visit.id)
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
    return doc.ShiftReportDocument(
        title="Z" if report.closed_at else "X",
        rows=tuple(rows),
        subtitle=f"Ki-ốt {report.kiosk_id} · {report.staff_name} · {opened:%d/%m/%Y %H:%M}",
    )


def load_document(session: Session, job: PrintJob) -> object:
    """The document a print job prints, by what it points at (`source_type`, `source_id`).

    Jobs point at records, never at rendered bytes, so a reprint after a correction prints
    the current data and a job survives a restart without a file of its own.
    """
    key = uuid.UUID(job.source_id) if job.source_id else uuid.UUID(int=0)
    loaders = {
        "receipt": lambda: receipt_document(session, key),
        "issuance": lambda: card_document(session, key),
        "person": lambda: booklet_document(session, key),
        "enrollment": lambda: declaration_document(session, key),
        "visit": lambda: queue_ticket_document(session, key, job.params_json.get("vietqr_payload")),
        "shift": lambda: shift_report_document(session, key),
    }
    loader = loaders.get(job.source_type)
    if loader is None:
        raise KioskError(
            "print.unknown_source",
            vi="Lệnh in trỏ tới loại dữ liệu không xác định.",
            en="The print job points at an unknown kind of record.",
            source_type=job.source_type,
        )
    return loader()


def receipt_label_of(session: Session, receipt_id: uuid.UUID) -> str:
    """ "BL25-000042" for file names and screens."""
    return receipt_label(_get(session, Receipt, receipt_id, "receipt"))


def _line_text(enrollment: Enrollment) -> str:
    if enrollment.scheme == Scheme.BHYT_HOUSEHOLD:
        text = f"{label(enrollment.scheme)}, {enrollment.months} tháng"
        if enrollment.start_date and enrollment.end_date:
            text += f" ({enrollment.start_date:%m/%Y}–{enrollment.end_date:%m/%Y})"
        return text
    text = f"{label(enrollment.scheme)}, {enrollment.months} tháng"
    if enrollment.chosen_income:
        text += f", thu nhập {enrollment.chosen_income:,} đ".replace(",", ".")
    return text


def _enrollments(session: Session, visit_id: uuid.UUID) -> list[Enrollment]:
    return list(
        session.scalars(
            select(Enrollment)
            .where(Enrollment.visit_id == visit_id)
            .order_by(Enrollment.created_at, Enrollment.position)
        )
    )


def _provisional_qr(session: Session, visit_id: uuid.UUID) -> str | None:
    payload = session.scalars(
        select(IssuanceRecord.qr_payload)
        .join(Enrollment, Enrollment.id == IssuanceRecord.enrollment_id)
        .where(Enrollment.visit_id == visit_id, IssuanceRecord.kind == "provisional")
        .order_by(IssuanceRecord.created_at)
    ).first()
    return payload or None


def _is_paid_health(enrollment: Enrollment) -> bool:
    return enrollment.scheme == Scheme.BHYT_HOUSEHOLD and enrollment.status == EnrollmentStatus.PAID


def _staff_name(session: Session, staff_id: uuid.UUID | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id else None
    return staff.name if staff else "Tự phục vụ"


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
