"""Tests for the booklet cover (pre-printed stock) and its calibration page."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from printing.documents.booklet import render_booklet_pdf, render_calibration_pdf
from printing.documents.sample import sample_booklet
from tests.printing.documents.pdfcheck import font_report, page_sizes, page_texts


def _positions(pdf: bytes) -> dict[str, tuple[float, float]]:
    """Text -> (x, y) of where each string is drawn on page 1 (points, PDF origin)."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found[text.strip()] = (tm[4], tm[5])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_only_variable_fields_on_a5() -> None:
    """The cover prints only the six variable fields (name in capitals) on an A5 page; the SI
    number is the identity number (VSS uses it as the SI number since 2025-08-01), never an
    invented 10-digit one; the sample says "MẪU", a real cover does not."""
    pdf = render_booklet_pdf(sample_booklet())
    ((width, height),) = page_sizes(pdf)
    assert (width, height) == pytest.approx((419.53, 595.28), abs=0.01)
    text = page_texts(pdf)[0]
    for value in ("NGUYỄN THỊ HUYỀN", "14/03/1985", "Nữ", "Việt Nam", "MẪU — KHÔNG CÓ GIÁ TRỊ"):
        assert value in text
    assert text.count("066185012345") == 2 and not re.search(r"(?<!\d)\d{10}(?!\d)", text)
    real = page_texts(render_booklet_pdf(replace(sample_booklet(), sample=False)))[0]
    assert "MẪU" not in real
    assert "Họ và tên" not in text  # the labels are pre-printed on the stock
    assert font_report(pdf)[1]


def test_offsets_shift_every_field_exactly() -> None:
    """Calibration offsets move each field by exactly that many millimetres (1 mm = 72/25.4 pt)."""
    cover = replace(sample_booklet(), sample=False, si_number="0661850123")
    base = _positions(render_booklet_pdf(cover))
    moved = _positions(render_booklet_pdf(cover, offset_x_mm=2.0, offset_y_mm=-1.5))
    assert base.keys() == moved.keys() and len(base) == 6
    for key, (x, y) in base.items():
        assert moved[key][0] - x == pytest.approx(2.0 * 72 / 25.4, abs=0.01)
        assert moved[key][1] - y == pytest.approx(1.5 * 72 / 25.4, abs=0.01)  # down the page = +y


def test_calibration_page_prints_offsets_and_rulers() -> None:
    """The test page states the offsets and numbers its mm rulers."""
    pdf = render_calibration_pdf(1.5, -0.5)
    text = page_texts(pdf)[0]
    assert "Độ lệch X = +1.5 mm; Độ lệch Y = -0.5 mm" in text
    assert "MẪU — TRANG HIỆU CHỈNH MÁY IN SỔ BHXH" in text
    assert "si_number (62; 98 mm)" in text
    for mark in ("10", "50", "120"):
        assert mark in text.split()
