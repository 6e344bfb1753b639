"""Tests for the 80 mm PDF receipt, queue ticket and shift report."""

from __future__ import annotations

from dataclasses import replace

import pytest

from printing.documents.models import QueueTicketDocument
from printing.documents.sample import sample_receipt, sample_shift_report
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


def test_receipt_is_form_c45_bb() -> None:
    """An 80 mm (226.77 pt) page in the agents' form C45-BB: the form and its circular, the agent
    as "tổ chức được BHXH uỷ quyền thu", title, series symbol and number, date, the payer's
    name, SI number and address, the content per person with its period, a covered member with
    the reason and 0 đ, the amount in figures and in words, both signature blocks, the
    verification code, the VssID pointer, and "MẪU" on the sample."""
    pdf = render_receipt_pdf(sample_receipt())
    ((width, _),) = page_sizes(pdf)
    assert width == pytest.approx(226.77, abs=0.01)
    text = " ".join(page_texts(pdf)[0].split())
    for expected in (
        "Mẫu số C45-BB",
        "Thông tư số 107/2017/TT-BTC ngày 10/10/2017 của Bộ Tài chính",
        "MẪU — Bưu điện xã Hòa Phú",
        "tổ chức được BHXH uỷ quyền thu",
        "BIÊN LAI THU TIỀN",
        "Ký hiệu: MAUYT",
        "Số: 0000042",
        "Ngày 25 tháng 11 năm 2026",
        "Họ và tên người nộp tiền: Nguyễn Thị Huyền",
        "Mã số BHXH: 066185012345",
        "Địa chỉ: Thôn 3, xã Hòa Phú, tỉnh Đắk Lắk",
        "Tiền đóng BHYT, phương thức đóng 12 tháng, từ 25/12/2026 đến 24/12/2027",
        "Trần Văn Đức 956.340 đ",
        "Trần Thị Ngọc Ánh 0 đ Đã có BHYT: Học sinh, sinh viên (tham gia tại trường); không thu tiền",
        "Số tiền: 2.322.540 đ",
        "Bằng chữ: Hai triệu ba trăm hai mươi hai nghìn năm trăm bốn mươi đồng",
        "Người nộp tiền Người thu tiền",
        "(Ký, ghi rõ họ tên) (Ký, ghi rõ họ tên)",
        "Lê Minh Châu",
        "Mã tra cứu biên lai: MAU2345678",
        "VssID",
        "MẪU — KHÔNG CÓ GIÁ TRỊ",
    ):
        assert expected in text, expected
    assert "ĐÃ HỦY" not in text
    names, embedded = font_report(pdf)
    assert embedded and not any("Helvetica" in n for n in names)


def test_receipt_qr_decodes() -> None:
    """The receipt's own QR decodes back from the rendered page."""
    doc = replace(
        sample_receipt(), qr_payload="BHXHBL1|YT25MAU-0000042|20261125|2322540|ABCD234567"
    )
    pdf = render_receipt_pdf(doc)
    assert decode_qr(rasterise(pdf)[0]) == [doc.qr_payload]
    assert "Biên lai MAUYT-0000042" in page_texts(pdf)[0]


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
    assert "Trong đó xác nhận ngoài ca: 2 khoản (1.630.200 đ)" in report
    assert "MẪU" in report  # a sample, as every test page
