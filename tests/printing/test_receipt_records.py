"""A paid visit's receipts as printed: one C45-BB receipt per scheme, and the PDF and the
thermal print carry the same lines and the same QR (decoded from both images)."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date

import pytest
import zxingcpp
from sqlalchemy import select

from kiosk.domain.enums import PaymentMethod, Scheme, Sex, SupportGroup
from kiosk.domain.person import PersonDraft
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import Receipt
from printing import records
from printing.documents.models import ReceiptDocument
from printing.documents.slip import Pair, Qr, Row, Text, receipt_slip
from printing.documents.slip_pdf import render_receipt_pdf
from printing.documents.thermal import render_receipt_escpos
from tests.kiosk.services.payflow import open_day
from tests.printing.documents.pdfcheck import (
    decode_qr,
    escpos_raster_image,
    page_texts,
    rasterise,
)
from tests.support.paid import fixed_ctx

PEOPLE = (
    MemberRequest(
        PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185012345"),
        (
            SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),
            SchemeChoice(Scheme.BHXH_VOLUNTARY, 12, income=2_000_000, group=SupportGroup.OTHER),
        ),
    ),
    MemberRequest(
        PersonDraft("Trần Thị Ngọc Ánh", date(2012, 5, 11), Sex.FEMALE, "066312007890"),
        (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),),
        covered_reason="pupil_student",
    ),
)


@pytest.fixture
def receipts(db: Database) -> list[ReceiptDocument]:
    """Huyền pays health insurance and voluntary SI in one visit; her daughter is insured at
    school (listed, not charged)."""
    ctx = fixed_ctx()
    cashier, _ = open_day(db, ctx)
    with db.unit_of_work() as s:
        reg = register_visit(s, ctx, list(PEOPLE), staff_id=cashier)
        parts = [PaymentRequest(PaymentMethod.CASH, reg.quote.total)]
        checkout(s, ctx, reg.visit_id, parts, uuid.uuid4().hex, staff_id=cashier)
    with db.read() as s:
        ids = s.scalars(select(Receipt.id).order_by(Receipt.number)).all()
        return [records.receipt_document(s, i) for i in ids]


def test_one_receipt_per_scheme_with_its_content(receipts: list[ReceiptDocument]) -> None:
    """Two receipts, each in its scheme's series, with its own content and period; the covered
    daughter is on the health insurance receipt with the reason and 0 đ."""
    health, voluntary = receipts
    assert (health.label, voluntary.label) == ("YT-K01-0000001", "XH-K01-0000001")
    assert [(x.person, x.amount) for x in health.lines] == [
        ("Nguyễn Thị Huyền", 1_366_200),
        ("Trần Thị Ngọc Ánh", 0),
    ]
    assert health.lines[1].description == (
        "Đã có BHYT: Học sinh, sinh viên (tham gia tại trường); không thu tiền"
    )
    assert health.total == 1_366_200
    assert health.total_words == "Một triệu ba trăm sáu mươi sáu nghìn hai trăm đồng"
    (line,) = voluntary.lines
    assert line.description.startswith(
        "Đóng tiền tham gia BHXH tự nguyện, phương thức đóng 12 tháng, từ tháng 11/2026 đến "
        "tháng 10/2027"
    )
    assert voluntary.total == line.amount and voluntary.payer_si_number == "066185012345"


def _printed_strings(doc: ReceiptDocument) -> list[str]:
    """Every piece of text the receipt's blocks print (both renderers draw these blocks)."""
    out: list[str] = []
    for block in receipt_slip(doc).blocks:
        if isinstance(block, Text):
            out.append(block.text)
        elif isinstance(block, Row | Pair):
            out += [block.left, block.right]
        elif isinstance(block, Qr):
            out.append(block.caption)
    return [" ".join(s.split()) for s in out if s.strip()]


def test_pdf_and_thermal_print_the_same_lines_and_qr(receipts: list[ReceiptDocument]) -> None:
    """Each receipt's text is in the PDF and in the thermal text print (CP1258), and the QR
    decoded from the PDF page and from the thermal raster image is the receipt's own."""
    for doc in receipts:
        pdf = render_receipt_pdf(doc)
        pdf_text = " ".join(page_texts(pdf)[0].split())
        raw = render_receipt_escpos(doc, profile="TM-T88V", text_mode=True).decode("cp1258")
        thermal_text = " ".join(unicodedata.normalize("NFC", raw).split())
        for piece in _printed_strings(doc):
            assert piece in pdf_text, piece
            assert piece in thermal_text, piece
        for required in ("Mẫu số C45-BB", "Bằng chữ: ", "Người thu tiền", doc.verify_code):
            assert required in pdf_text and required in thermal_text
        raster = escpos_raster_image(render_receipt_escpos(doc))
        thermal_qr = [r.text for r in zxingcpp.read_barcodes(raster)]
        assert decode_qr(rasterise(pdf)[0]) == thermal_qr == [doc.qr_payload]


def test_training_series_prints_no_agent_name(receipts: list[ReceiptDocument]) -> None:
    """No [agent] series configured: the receipts are in the training series YT-K01 / XH-K01
    and name no collection agent (the kiosk never makes one up): the agent's line says it is
    not declared and no agent code is printed."""
    assert [(d.symbol, d.agent_name, d.agent_code) for d in receipts] == [
        ("YT-K01", "", ""),
        ("XH-K01", "", ""),
    ]
    for doc in receipts:
        printed = _printed_strings(doc)
        assert "(Chưa khai báo đại lý thu)" in printed
        assert not any(line.startswith("Mã đại lý") for line in printed)
