"""The receipt (form C45-BB) as printed, built from a stored receipt (read-only).

One receipt per scheme: its lines are the visit's enrollments in that scheme (a receipt from
before receipts were per scheme lists them all), and a health insurance receipt also lists the
household members insured elsewhere, with the reason and 0 đ.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentStatus, Scheme
from kiosk.domain.labels import label, payment_mode
from kiosk.domain.localtime import local_date, to_local
from kiosk.domain.money import format_vnd
from kiosk.domain.numbers import book_number
from kiosk.domain.words import amount_in_words, sentence_case
from kiosk.policy.engine import covered_reasons
from kiosk.services.issuance import print_date, social_insurance_number
from kiosk.services.receipts import receipt_qr
from kiosk.store.models import (
    Enrollment,
    Event,
    HouseholdYearMember,
    Payment,
    Receipt,
    Staff,
    Visit,
)
from printing.documents import models as doc
from printing.sources import enrollments_of


def receipt_document(
    session: Session, receipt: Receipt, *, sample: bool = False
) -> doc.ReceiptDocument:
    """The receipt as printed: agent, series and number, payer, one line per person of the
    scheme (and covered members), amount in figures and words, code and QR."""
    visit = session.get_one(Visit, receipt.visit_id)
    event = session.get(Event, visit.event_id) if visit.event_id else None
    mine = [
        e
        for e in enrollments_of(session, visit.id)
        if receipt.scheme is None or e.scheme == receipt.scheme
    ]
    issued = local_date(receipt.issued_at)
    payer = mine[0].person if mine else None
    lines = [doc.ReceiptLine(e.person.full_name, line_text(e), e.amount) for e in mine]
    if receipt.scheme in (Scheme.BHYT_HOUSEHOLD, None):
        lines += covered_lines(session, visit.id, issued)
    place = " · ".join(
        part for part in (event.name if event else "", event.venue if event else "") if part
    )
    return doc.ReceiptDocument(
        agent_name=receipt.agent_name,
        agent_code=receipt.agent_code,
        symbol=receipt.symbol or receipt.series,
        number=book_number(receipt.book_number or receipt.number),
        issued_at=to_local(receipt.issued_at),
        payer_name=payer.full_name if payer else "",
        payer_si_number=social_insurance_number(payer, issued) if payer else "",
        payer_address=payer.address if payer else "",
        lines=tuple(lines),
        total=receipt.total,
        total_words=sentence_case(amount_in_words(receipt.total)),
        collector=_staff_name(session, receipt.staff_id),
        payment_methods=_methods(session, visit.id),
        verify_code=receipt.verify_code,
        qr_payload=receipt_qr(receipt),
        place=f"{place} · Ki-ốt {receipt.kiosk_id}" if place else f"Ki-ốt {receipt.kiosk_id}",
        void=receipt.voided_at is not None,
        sample=sample,
    )


def line_text(enrollment: Enrollment) -> str:
    """The content of one line, per scheme and with its period (RULES.md, Receipts)."""
    months = enrollment.months
    if enrollment.scheme == Scheme.BHYT_HOUSEHOLD:
        text = f"Tiền đóng BHYT, phương thức đóng {months} tháng"
        if enrollment.start_date and enrollment.end_date:
            text += (
                f", từ {print_date(enrollment.start_date)} đến {print_date(enrollment.end_date)}"
            )
        return text
    text = f"Đóng tiền tham gia BHXH tự nguyện, phương thức đóng {payment_mode(months).lower()}"
    start = (enrollment.quote_line_json or {}).get("period_start")
    if start:
        first = date.fromisoformat(start)
        index = first.year * 12 + first.month - 1 + months - 1
        text += f", từ tháng {first:%m/%Y} đến tháng {index % 12 + 1:02d}/{index // 12}"
    else:
        text += f", {months} tháng"
    if enrollment.chosen_income:
        text += f", mức thu nhập {format_vnd(enrollment.chosen_income)}"
    return text


def covered_lines(session: Session, visit_id: uuid.UUID, on: date) -> list[doc.ReceiptLine]:
    """The household members this visit listed as insured elsewhere: reason and 0 đ."""
    reasons = {r.code: r.vi for r in covered_reasons(on)}
    members = session.scalars(
        select(HouseholdYearMember)
        .where(
            HouseholdYearMember.visit_id == visit_id,
            HouseholdYearMember.covered_reason.is_not(None),
        )
        .order_by(HouseholdYearMember.created_at)
    )
    return [
        doc.ReceiptLine(
            m.full_name,
            f"Đã có BHYT: {reasons.get(m.covered_reason or '', m.covered_reason)}; không thu tiền",
            0,
        )
        for m in members
    ]


def _methods(session: Session, visit_id: uuid.UUID) -> str:
    """The ways the visit was paid ("Tiền mặt, Thẻ ngân hàng"), in the order they came."""
    methods = session.scalars(
        select(Payment.method)
        .where(
            Payment.visit_id == visit_id,
            Payment.status == PaymentStatus.CONFIRMED,
            Payment.reversal_of_id.is_(None),
        )
        .order_by(Payment.created_at)
    ).all()
    return ", ".join(dict.fromkeys(label(m) for m in methods))


def _staff_name(session: Session, staff_id: uuid.UUID | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id else None
    return staff.name if staff else "Tự phục vụ"
