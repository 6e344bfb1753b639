"""Documents built from stored records: a paid household's receipt, cards, booklet, declaration."""

from __future__ import annotations

import io
import uuid
from dataclasses import replace
from datetime import date, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.domain.enums import DocumentKind, IssuanceKind, PaymentMethod, Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.domain.provisional import sign_provisional, verify_provisional
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.issuance import ensure_card_record
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.shifts import ShiftReport
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, IssuanceRecord, PrintJob, Receipt
from printing import records
from printing.documents.card import render_card_pdf
from printing.documents.declaration import render_declaration_pdf
from printing.documents.models import CardDocument, ProvisionalDocument
from printing.documents.sample import sample_card
from printing.issue import issue_visit
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


def test_receipt_document_is_the_schemes_c45_receipt(db: Database) -> None:
    """One receipt (one scheme): lines per member with mode and period, total 2,322,540 in
    figures and words, the payer's identity number as SI number and address, the agent, the
    series and number, the verification code and a QR carrying them; Vietnam time."""
    visit_id, _ = _paid_household(db)
    with db.read() as s:
        receipt_id = s.scalars(select(Receipt.id).where(Receipt.visit_id == visit_id)).one()
        doc = records.receipt_document(s, receipt_id)
    assert [(line.person, line.amount) for line in doc.lines] == [
        ("Nguyễn Thị Huyền", 1_366_200),
        ("Trần Văn Đức", 956_340),
    ]
    assert doc.lines[0].description == (
        "Tiền đóng BHYT, phương thức đóng 12 tháng, từ 25/12/2026 đến 24/12/2027"
    )
    assert doc.total == 2_322_540
    assert doc.total_words == "Hai triệu ba trăm hai mươi hai nghìn năm trăm bốn mươi đồng"
    assert (doc.payer_name, doc.payer_si_number) == ("Nguyễn Thị Huyền", "066185012345")
    assert (doc.symbol, doc.number, doc.label) == ("YT-K01", "0000001", "YT-K01-0000001")
    assert (doc.collector, doc.payment_methods, doc.sample) == ("Lê Thị Thu", "Tiền mặt", False)
    assert len(doc.verify_code) == 10
    assert doc.qr_payload == f"BHXHBL1|YT-K01-0000001|20261125|2322540|{doc.verify_code}"
    assert doc.issued_at.hour == 12  # shown in Vietnam time (UTC+7)


def test_confirmation_is_signed_once_and_names_no_card_code(db: Database) -> None:
    """The first request makes a signed confirmation record with no card code; asking again
    returns the same one; its QR verifies and carries the identity number, amount, receipt and
    expiry; the document is the confirmation, never a card."""
    _, (first, _second) = _paid_household(db)
    with db.unit_of_work() as s:
        record = ensure_card_record(s, _ctx(), first, _sign, "MẪU — Bưu điện xã")
        again = ensure_card_record(s, _ctx(), first, _sign, "MẪU — Bưu điện xã")
        assert again.id == record.id and record.card_code == ""
        card = records.card_document(s, record.id)
    assert isinstance(card, ProvisionalDocument)
    assert (card.period, card.card_from) == ("25/12/2026 – 24/12/2027", "25/12/2026")
    assert (card.identity_number, card.amount, card.receipt) == (
        "066185012345",
        "1.366.200 đ",
        "YT-K01-0000001",
    )
    assert card.expires == "24/01/2027"  # issued 25/11/2026 + 60 days
    fields = verify_provisional(card.qr_payload, {"K01": KEY.public_key()})
    assert fields == {
        "t": "XN-BHYT",
        "n": "Nguyễn Thị Huyền",
        "b": "14/03/1985",
        "d": "066185012345",
        "a": "1366200",
        "v": "25/12/2026-24/12/2027",
        "r": "YT-K01-0000001",
        "i": "25/11/2026",
        "h": "24/01/2027",
    }
    text = PdfReader(io.BytesIO(render_card_pdf(card))).pages[0].extract_text()
    assert "Giấy này không phải là thẻ bảo hiểm y tế" in text and "THẺ BẢO HIỂM Y TẾ" not in text


def test_official_record_is_printed_as_vss_issued_it(db: Database) -> None:
    """An imported VSS record for the person is the card, its QR verbatim (16 fields)."""
    _, (first, _second) = _paid_household(db)
    qr = sample_card().qr_payload
    with db.unit_of_work() as s:
        person_id = s.get_one(Enrollment, first).person_id
        s.add(
            IssuanceRecord(
                person_id=person_id,
                kind=IssuanceKind.OFFICIAL,
                card_code="0123456789",
                facility_code="66 - C54",
                qr_payload=qr,
            )
        )
    with db.unit_of_work() as s:
        record = ensure_card_record(s, _ctx(), first, _sign, "")
        card = records.card_document(s, record.id)
    assert isinstance(card, CardDocument)
    assert (card.card_code, card.qr_payload, card.benefit_level) == ("0123456789", qr, "4")


def test_official_card_paper_only_on_request(db: Database) -> None:
    """Decree 188/2025: the card is electronic, paper on request. With VSS's record imported
    for Huyền, paying queues her receipt and Đức's payment confirmation but no paper card for
    her (her card is in VssID); asking for cards then queues VSS's official card for her."""
    visit_id, (first, second) = _paid_household(db)
    with db.unit_of_work() as s:
        official = IssuanceRecord(
            person_id=s.get_one(Enrollment, first).person_id,
            kind=IssuanceKind.OFFICIAL,
            card_code="0123456789",
            facility_code="66 - C54",
            qr_payload=sample_card().qr_payload,
        )
        s.add(official)
        s.flush()
        official_id = str(official.id)
    with db.unit_of_work() as s:
        jobs = issue_visit(s, _ctx(), visit_id, _sign, "BHXH tỉnh")
        queued = [s.get_one(PrintJob, j) for j in jobs]
        by_kind = [(j.kind, j.source_id) for j in queued]
        cards = [source for kind, source in by_kind if kind == DocumentKind.CARD]
        assert len(cards) == 1 and cards[0] != official_id
        confirmation = s.get_one(IssuanceRecord, uuid.UUID(cards[0]))
        assert confirmation.kind != IssuanceKind.OFFICIAL
        assert confirmation.person_id == s.get_one(Enrollment, second).person_id
        assert [k for k, _ in by_kind].count(DocumentKind.RECEIPT) == 1
    with db.unit_of_work() as s:
        asked = issue_visit(s, _ctx(), visit_id, _sign, "BHXH tỉnh", None, [DocumentKind.CARD])
        sources = [s.get_one(PrintJob, j).source_id for j in asked]
    assert official_id in sources


def test_declaration_lists_the_household(db: Database) -> None:
    """TK1-TS for the first member carries both members in the appendix."""
    _, (first, _second) = _paid_household(db)
    with db.read() as s:
        decl = records.declaration_document(s, first)
        booklet = records.booklet_document(s, s.get_one(Enrollment, first).person_id)
    assert [m.full_name for m in decl.members] == ["Nguyễn Thị Huyền", "Trần Văn Đức"]
    assert decl.payment_mode == "12 tháng" and decl.identity_number == "066185012345"
    assert booklet.si_number == "066185012345" and booklet.sex == "Nữ"  # Letter 1804
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


def test_shift_report_names_transfers_confirmed_outside_a_shift(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the report holds entries confirmed while no shift was open, the printed X/Z has the
    line "Trong đó xác nhận ngoài ca: 2 khoản (1.630.200 đ)"; without any, no such line."""
    report = ShiftReport(
        kind="X",
        shift_id=uuid.uuid4(),
        kiosk_id="K01",
        staff_name="Lê Thị Thu",
        opened_at=NOON_VN,
        closed_at=None,
        opening_float=500_000,
        lines=(),
        cash_in=0,
        cash_out=0,
        movements=(),
        receipts=2,
        voids=0,
        pending_vietqr=0,
        pending_vietqr_amount=0,
        outside_count=2,
        outside_amount=1_630_200,
    )
    monkeypatch.setattr(records, "shift_report", lambda _s, _id: report)
    doc = records.shift_report_document(None, report.shift_id)  # type: ignore[arg-type]
    assert doc.notes == ("Trong đó xác nhận ngoài ca: 2 khoản (1.630.200 đ)",)
    quiet = replace(report, outside_count=0, outside_amount=0)
    monkeypatch.setattr(records, "shift_report", lambda _s, _id: quiet)
    assert records.shift_report_document(None, report.shift_id).notes == ()  # type: ignore[arg-type]
