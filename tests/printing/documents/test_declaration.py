"""Tests for the TK1-TS declaration (A4, Part I, appendix, signature block)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from printing.documents.declaration import render_declaration_pdf
from printing.documents.layout import load_layout
from printing.documents.sample import sample_declaration
from tests.printing.documents.pdfcheck import font_report, page_sizes, page_texts


def test_part1_fields_and_signature() -> None:
    """Part I numbered as the form: [01] name in capitals, [02] date of birth, [03] sex, [04]
    nationality, [05] ethnicity, [06] birth registration, [07] address for results, [08]
    identity number, [09] phone, [10] guardian of a child under 6, [11] amount, [12] mode,
    [13] first-care facility; the signature block; "MẪU" on the sample."""
    pdf = render_declaration_pdf(sample_declaration())
    assert page_sizes(pdf) == [pytest.approx((595.28, 841.89), abs=0.01)]
    text = page_texts(pdf)[0]
    for expected in (
        "[01]. Họ và tên (viết chữ in hoa):",
        "[02]. Ngày, tháng, năm sinh:",
        "[03]. Giới tính:",
        "[04]. Quốc tịch:",
        "[05]. Dân tộc:",
        "[06]. Nơi đăng ký khai sinh",
        "[07]. Địa chỉ nhận kết quả:",
        "[08]. Số CCCD/ĐDCN/Hộ chiếu:",
        "[09]. Số điện thoại liên hệ:",
        "[10]. Họ tên cha/mẹ/người giám hộ (đối với trẻ em dưới 6 tuổi):",
        "[11]. Mức tiền đóng:",
        "[12]. Phương thức đóng:",
        "[13]. Nơi đăng ký khám bệnh, chữa bệnh ban đầu:",
        "NGUYỄN THỊ HUYỀN",
        "Kinh",
        "066185012345",
        "1.366.200 đ",
        "12 tháng",
        "66 - C54 MẪU — Trạm Y tế xã Hòa Phú",
        "Thôn 3, xã Hòa Phú, tỉnh Đắk Lắk",
        "Người kê khai",
        "(Ký, ghi rõ họ tên)",
        "Đắk Lắk, ngày 25 tháng 11 năm 2026",
        "MẪU",
    ):
        assert expected in text, expected
    real = page_texts(render_declaration_pdf(replace(sample_declaration(), sample=False)))[0]
    assert "\nMẪU\n" not in real
    names, embedded = font_report(pdf)
    assert embedded and not any("Helvetica" in n for n in names)


def test_appendix_lists_members() -> None:
    """The head's details, then each household member as a row with name, SI number, birth
    date, sex, relationship, identity number, and for a member covered elsewhere the reason
    (the form's appendix columns)."""
    text = page_texts(render_declaration_pdf(sample_declaration()))[0]
    for expected in (
        "Họ và tên chủ hộ: Nguyễn Thị Huyền",
        "Mã số BHXH",
        "Quan hệ với",
        "Trần Thị Ngọc Ánh",
        "066312007890",
        "Chồng",
        "Con",
        "Đã có BHYT: học",
    ):
        assert expected in text, expected


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


def test_every_numbered_label_cites_the_form_and_unconfirmed_ones_are_flagged() -> None:
    """Each numbered label [01]-[13] names its source (the form's field and the provider's
    XML element); the labels whose wording could not be checked are flagged UNVERIFIED."""
    items = load_layout("declaration").page("part1").items
    numbered = [i for i in items if i.text.startswith("[")]
    assert [i.text[1:3] for i in numbered] == [f"{n:02d}" for n in range(1, 14)]
    assert all(i.source.startswith(f"TK1-TS {i.text[:4]}") for i in numbered)
    flagged = sorted(i.text[:4] for i in numbered if i.unverified)
    assert flagged == [f"[{n:02d}]" for n in range(6, 14)]
