"""Tests for the TK1-TS declaration (A4, Part I, appendix, signature block)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from printing.documents.declaration import render_declaration_pdf
from printing.documents.layout import load_layout
from printing.documents.sample import sample_declaration
from tests.printing.documents.pdfcheck import font_report, page_sizes, page_texts


def test_part1_fields_and_signature() -> None:
    """Part I prints [01] in capitals and every field; the signature block is present."""
    pdf = render_declaration_pdf(sample_declaration())
    assert page_sizes(pdf) == [pytest.approx((595.28, 841.89), abs=0.01)]
    text = page_texts(pdf)[0]
    for expected in (
        "[01]. Họ và tên (viết chữ in hoa):",
        "NGUYỄN THỊ HUYỀN",
        "Kinh",
        "066185012345",
        "1.500.000 đ",
        "Hằng tháng",
        "66 - 123 Trạm Y tế xã Hòa Phú",
        "Thôn 3, xã Hòa Phú, tỉnh Đắk Lắk",
        "Người kê khai",
        "(Ký, ghi rõ họ tên)",
        "Đắk Lắk, ngày 20 tháng 12 năm 2024",
    ):
        assert expected in text
    names, embedded = font_report(pdf)
    assert embedded and not any("Helvetica" in n for n in names)


def test_appendix_lists_members() -> None:
    """Each household member is a row with name, birth date, sex, id and relationship."""
    text = page_texts(render_declaration_pdf(sample_declaration()))[0]
    assert "Trần Thị Ngọc Ánh" in text
    assert "066312007890" in text
    assert "Chồng" in text and "Con" in text


def test_long_appendix_continues_on_a_new_page() -> None:
    """Twelve members overflow to a continuation page; every member is printed once."""
    doc = sample_declaration()
    members = tuple(replace(doc.members[0], full_name=f"Thành Viên Số {n}") for n in range(1, 13))
    texts = page_texts(render_declaration_pdf(replace(doc, members=members)))
    assert len(texts) == 2
    assert "(tiếp theo)" in texts[1]
    joined = "\n".join(texts)
    for n in range(1, 13):
        assert joined.count(f"Thành Viên Số {n}\n") + joined.count(f"Thành Viên Số {n} ") >= 1
    assert "Người kê khai" in texts[1]


def test_unverified_labels_are_marked_in_layout() -> None:
    """Exactly the labels [07]-[11] are flagged unverified in the layout data."""
    items = load_layout("declaration").page("part1").items
    flagged = sorted(i.text[:4] for i in items if i.unverified)
    assert flagged == ["[07]", "[08]", "[09]", "[10]", "[11]"]
