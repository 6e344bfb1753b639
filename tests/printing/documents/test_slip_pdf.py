"""Tests for the 80 mm PDF receipt, queue ticket and shift report."""

from __future__ import annotations

from dataclasses import replace

import pytest

from printing.documents.models import QueueTicketDocument
from printing.documents.sample import sample_card, sample_receipt, sample_shift_report
from printing.documents.slip_pdf import (
    render_queue_ticket_pdf,
    render_receipt_pdf,
    render_shift_report_pdf,
)
from tests.printing.documents.pdfcheck import (
    decode_qr,
    font_report,
    page_sizes,
    page_texts,
    rasterise,
)


def test_receipt_content_and_width() -> None:
    """An 80 mm (226.77 pt) page with series, gapless number, lines, exact totals and change."""
    pdf = render_receipt_pdf(sample_receipt())
    ((width, _),) = page_sizes(pdf)
    assert width == pytest.approx(226.77, abs=0.01)
    text = page_texts(pdf)[0]
    for expected in (
        "BIÊN LAI THU TIỀN",
        "Số biên lai:",
        "BL25-000042",  # the same number the screens show (kiosk.domain.numbers)
        "20/12/2024 09:41",
        "Lê Minh Châu",
        "Trần Văn Đức",
        "884.520 đ",
        "TỔNG CỘNG",
        "3.187.620 đ",
        "4.000.000 đ",
        "812.380 đ",
        "Tiền mặt",
    ):
        assert expected in text
    assert "ĐÃ HỦY" not in text
    names, embedded = font_report(pdf)
    assert embedded and not any("Helvetica" in n for n in names)


def test_receipt_qr_decodes() -> None:
    """The receipt's QR (here a provisional-document QR) decodes back from the rendered page."""
    payload = sample_card(provisional=True).qr_payload
    pdf = render_receipt_pdf(sample_receipt(payload, "Mã xác minh giấy tạm thời"))
    assert decode_qr(rasterise(pdf)[0]) == [payload]
    assert "Mã xác minh giấy tạm thời" in page_texts(pdf)[0]


def test_void_receipt_is_marked() -> None:
    """A voided receipt says so at the top and the bottom."""
    text = page_texts(render_receipt_pdf(replace(sample_receipt(), void=True)))[0]
    assert text.count("*** ĐÃ HỦY / VOID ***") == 2


def test_queue_ticket_and_shift_report() -> None:
    """The ticket shows number, name and amount with its VietQR; the Z report its rows."""
    vietqr = "00020101021238570010A00000072701270006970436011300123456789020208QRIBFTTA53037045802VN6304ABCD"
    ticket = render_queue_ticket_pdf(
        QueueTicketDocument("A017", "Nguyễn Thị Huyền", 2_148_120, vietqr)
    )
    text = page_texts(ticket)[0]
    assert "A017" in text and "Nguyễn Thị Huyền" in text and "2.148.120 đ" in text
    assert decode_qr(rasterise(ticket)[0]) == [vietqr]
    report = page_texts(render_shift_report_pdf(sample_shift_report()))[0]
    assert "BÁO CÁO KẾT CA (Z)" in report and "13.774.400 đ" in report
