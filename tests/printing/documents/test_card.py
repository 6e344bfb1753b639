"""Tests for the health insurance card renderer (parsed back from the PDF)."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from printing.documents.card import render_card_pdf
from printing.documents.models import CardDocument
from printing.documents.sample import sample_card
from tests.printing.documents.pdfcheck import (
    decode_qr,
    font_report,
    page_sizes,
    page_texts,
    rasterise,
)


@pytest.fixture(scope="module")
def official() -> CardDocument:
    return sample_card(provisional=False)


@pytest.fixture(scope="module")
def provisional() -> CardDocument:
    return sample_card(provisional=True)


def test_two_pages_of_id1_size(official: CardDocument) -> None:
    """The card is two ID-1 pages: 85.60 × 53.98 mm = 242.65 × 153.01 pt."""
    sizes = page_sizes(render_card_pdf(official))
    assert len(sizes) == 2
    for width, height in sizes:
        assert width == pytest.approx(242.65, abs=0.01)
        assert height == pytest.approx(153.01, abs=0.01)


def test_front_text_round_trips(official: CardDocument) -> None:
    """Title, code, name in capitals, dates and Vietnamese place names extract back identical."""
    front, back = page_texts(render_card_pdf(official))
    for expected in (
        "THẺ BẢO HIỂM Y TẾ",
        "GD4666612345678",
        "NGUYỄN THỊ HUYỀN",
        "14/03/1985",
        "Nữ",
        "Thôn 3, xã Hòa Phú, tỉnh Đắk Lắk",
        "66 - 123",
        "Trạm Y tế xã Hòa Phú",
        "01/01/2030",
    ):
        assert expected in front
    assert "TẠM THỜI" not in front
    assert "Bảo hiểm y tế" in back
    assert "HƯỚNG DẪN SỬ DỤNG THẺ" in back


def test_fonts_embedded_no_helvetica(official: CardDocument) -> None:
    """Every font is an embedded TrueType (FontFile2) NotoSans; Helvetica is never used."""
    names, embedded = font_report(render_card_pdf(official))
    assert embedded
    assert names and all("NotoSans" in n for n in names)
    assert not any("Helvetica" in n for n in names)


def test_official_qr_printed_verbatim(official: CardDocument) -> None:
    """The VSS QR string decodes back from the rasterised front exactly as given."""
    front = rasterise(render_card_pdf(official))[0]
    assert decode_qr(front) == [official.qr_payload]


def test_provisional_is_marked_and_qr_decodes(provisional: CardDocument) -> None:
    """A provisional card carries the TẠM THỜI / PROVISIONAL band and its signed QR decodes."""
    pdf = render_card_pdf(provisional)
    front, back = page_texts(pdf)
    assert "TẠM THỜI / PROVISIONAL" in front
    assert "GIẤY XÁC NHẬN TẠM THỜI" in back
    assert decode_qr(rasterise(pdf)[0]) == [provisional.qr_payload]


def test_long_name_shrinks_then_ellipsizes(official: CardDocument) -> None:
    """A very long name is shortened with an ellipsis instead of running off the card."""
    long_name = "Công Tằng Tôn Nữ Hoàng Thị Thanh Phương Ngọc Diệp Bảo Trâm Khánh Linh"
    front = page_texts(render_card_pdf(replace(official, full_name=long_name)))[0]
    assert "CÔNG TẰNG TÔN NỮ" in front
    assert "…" in front
    assert "KHÁNH LINH" not in front


def test_missing_field_degrades_to_blank(
    official: CardDocument, caplog: pytest.LogCaptureFixture
) -> None:
    """An empty field prints blank and is logged (at debug level: an optional field such as
    the five-year date is often empty); the rest of the card still prints."""
    with caplog.at_level(logging.DEBUG):
        front = page_texts(render_card_pdf(replace(official, five_year_date="")))[0]
    assert "Thời điểm đủ 5 năm liên tục:" in front
    assert "NGUYỄN THỊ HUYỀN" in front
    assert any("five_year_date" in r.getMessage() for r in caplog.records)
