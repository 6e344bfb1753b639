"""Documents built from stored records: a paid household's receipt, cards, booklet, declaration."""

from __future__ import annotations

import io
import uuid
from datetime import date, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.domain.enums import IssuanceKind, PaymentMethod, Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.domain.provisional import sign_provisional, verify_provisional
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.issuance import ensure_card_record
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, IssuanceRecord, Receipt
from printing import records
from printing.documents.card import render_card_pdf
from printing.documents.declaration import render_declaration_pdf
from tests.kiosk.services.payflow import open_day
from tests.support.factories import kiosk_context

KEY = Ed25519PrivateKey.generate()
NOON_VN = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)


def _ctx() -> KioskContext:
    base = kiosk_context()
    return KioskContext(base.kiosk_id, base.event_id, base.receipt_series, clock=lambda: NOON_VN)


def _paid_household(db: Database) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """Two people, household health insurance for 12 months, paid 2,400,000 cash."""
    ctx = _ctx()
    cashier, _ = open_day(db, ctx)
    people = [
        PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185012345"),
        PersonDraft("Trần Văn Đức", date(1982, 9, 2), Sex.MALE, "066082004567"),
    ]
    members = [MemberRequest(p, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),)) for p in people]
    with db.unit_of_work() as s:
        reg = register_visit(s, ctx, members, staff_id=cashier)
        parts = [PaymentRequest(PaymentMethod.CASH, reg.quote.total, tendered=2_400_000)]
        checkout(s, ctx, reg.visit_id, parts, uuid.uuid4().hex, staff_id=cashier)
        ids = list(s.scalars(select(Enrollment.id).order_by(Enrollment.position)))
    return reg.visit_id, ids


def _sign(fields: dict[str, str]) -> str:
    return sign_provisional(fields, KEY, "K01")


def test_receipt_document_has_lines_payment_and_change(db: Database) -> None:
    """Lines per member with cover months, total 2,322,540, cash 2,400,000, change 77,460."""
    visit_id, _ = _paid_household(db)
    with db.read() as s:
        receipt_id = s.scalars(select(Receipt.id).where(Receipt.visit_id == visit_id)).one()
        doc = records.receipt_document(s, receipt_id)
    assert [(line.person, line.amount) for line in doc.lines] == [
        ("Nguyễn Thị Huyền", 1_366_200),
        ("Trần Văn Đức", 956_340),
    ]
    assert doc.lines[0].description == "BHYT hộ gia đình, 12 tháng (12/2026–12/2027)"
    assert (doc.total, doc.tendered, doc.change) == (2_322_540, 2_400_000, 77_460)
    assert [(p.method, p.amount) for p in doc.payments] == [("Tiền mặt", 2_322_540)]
    assert (doc.series, doc.number, doc.staff_name) == ("K01", 1, "Lê Thị Thu")
    assert doc.issued_at.hour == 12  # shown in Vietnam time (UTC+7)


def test_provisional_card_is_signed_once_and_verifies(db: Database) -> None:
    """The first card makes a signed provisional record; asking again returns the same one."""
    _, (first, _second) = _paid_household(db)
    with db.unit_of_work() as s:
        record = ensure_card_record(s, _ctx(), first, _sign, "Bảo hiểm xã hội tỉnh Đắk Lắk")
        again = ensure_card_record(s, _ctx(), first, _sign, "Bảo hiểm xã hội tỉnh Đắk Lắk")
        assert again.id == record.id
        card = records.card_document(s, record.id)
    assert card.provisional and card.card_code == "GD4666185012345"
    assert (card.valid_from, card.valid_to) == ("25/12/2026", "24/12/2027")
    fields = verify_provisional(card.qr_payload, {"K01": KEY.public_key()})
    assert fields["n"] == "Nguyễn Thị Huyền" and fields["c"] == "GD4666185012345"
    text = PdfReader(io.BytesIO(render_card_pdf(card))).pages[0].extract_text()
    assert "NGUYỄN THỊ HUYỀN" in text and "TẠM THỜI / PROVISIONAL" in text


def test_official_record_wins_over_provisional(db: Database) -> None:
    """An imported VSS record for the person is printed verbatim instead of a provisional one."""
    _, (first, _second) = _paid_household(db)
    with db.unit_of_work() as s:
        person_id = s.get_one(Enrollment, first).person_id
        s.add(
            IssuanceRecord(
                person_id=person_id,
                kind=IssuanceKind.OFFICIAL,
                card_code="GD4666612345678",
                qr_payload="GD4666612345678|4e677579e1bb856e|14/03/1985|2|$",
            )
        )
    with db.unit_of_work() as s:
        record = ensure_card_record(s, _ctx(), first, _sign, "")
        card = records.card_document(s, record.id)
    assert not card.provisional
    assert card.qr_payload == "GD4666612345678|4e677579e1bb856e|14/03/1985|2|$"


def test_declaration_lists_the_household(db: Database) -> None:
    """TK1-TS for the first member carries both members in the appendix."""
    _, (first, _second) = _paid_household(db)
    with db.read() as s:
        decl = records.declaration_document(s, first)
        booklet = records.booklet_document(s, s.get_one(Enrollment, first).person_id)
    assert [m.full_name for m in decl.members] == ["Nguyễn Thị Huyền", "Trần Văn Đức"]
    assert decl.payment_mode == "12 tháng" and decl.identity_number == "066185012345"
    assert booklet.si_number == "066185012345" and booklet.sex == "Nữ"
    text = PdfReader(io.BytesIO(render_declaration_pdf(decl))).pages[0].extract_text()
    assert "NGUYỄN THỊ HUYỀN" in text


def test_unpaid_enrollment_gets_no_card(db: Database) -> None:
    """A card for an enrollment not paid yet is refused with its own error code."""
    ctx = _ctx()
    draft = PersonDraft("Lê Văn Tám", date(1990, 1, 1), Sex.MALE, "066090001234")
    with db.unit_of_work() as s:
        register_visit(s, ctx, [MemberRequest(draft, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 3),))])
        enrollment_id = s.scalars(select(Enrollment.id)).one()
    with db.unit_of_work() as s, pytest.raises(KioskError) as err:
        ensure_card_record(s, ctx, enrollment_id, _sign, "")
    assert err.value.code == "issuance.not_paid"


def test_missing_record_is_a_clear_error(db: Database) -> None:
    """Printing a receipt that is not in the database says so instead of crashing."""
    with db.read() as s, pytest.raises(KioskError) as err:
        records.receipt_document(s, uuid.uuid4())
    assert err.value.code == "print.record_missing"
