"""The ID-1 documents parsed back from the PDF: VSS's card (only from VSS's data, its QR
verbatim) and the kiosk's payment confirmation, which can never pass for a card."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.domain.provisional import verify_provisional
from kiosk.scan.health_card import parse_health_card_qr
from printing.documents.card import render_card_pdf
from printing.documents.layout import load_layout
from printing.documents.models import CardDocument, ProvisionalDocument
from printing.documents.sample import sample_card, sample_provisional
from tests.printing.documents.pdfcheck import (
    decode_qr,
    font_report,
    page_sizes,
    page_texts,
    rasterise,
    reader,
)

KEY = Ed25519PrivateKey.generate()
# The VSS code formats the kiosk must never print on its own paper: the old card code (two
# letters and 13 digits) and the 10-digit social insurance number.
VSS_CARD_CODE = re.compile(r"\b[A-Z]{2}\d{13}\b")
SI_NUMBER = re.compile(r"(?<!\d)\d{10}(?!\d)")


@pytest.fixture(scope="module")
def official() -> CardDocument:
    return replace(sample_card(), card_code="0123456789", sample=False)


@pytest.fixture(scope="module")
def provisional() -> ProvisionalDocument:
    return replace(sample_provisional(KEY, "K01"), sample=False)


@pytest.mark.parametrize("which", ["official", "provisional"])
def test_two_pages_of_id1_size(which: str, request: pytest.FixtureRequest) -> None:
    """Both are two ID-1 pages: 85.60 × 53.98 mm = 242.65 × 153.01 pt (card printer, wallet)."""
    sizes = page_sizes(render_card_pdf(request.getfixturevalue(which)))
    assert len(sizes) == 2
    for width, height in sizes:
        assert width == pytest.approx(242.65, abs=0.01)
        assert height == pytest.approx(153.01, abs=0.01)


def test_official_card_has_the_fields_of_the_current_card(official: CardDocument) -> None:
    """Decision 1666 card: the 10-digit number as VSS gave it, name in capitals, birth date,
    sex, facility "PP - CCC" with letters, valid-from, five-year date, issuing place; no
    address and no end date (the current card's QR has neither)."""
    front, back = page_texts(render_card_pdf(official))
    for expected in (
        "THẺ BẢO HIỂM Y TẾ",
        "0123456789",
        "NGUYỄN THỊ HUYỀN",
        "14/03/1985",
        "Nữ",
        "66 - C54",
        "Giá trị sử dụng từ ngày: 25/12/2026",
        "Thời điểm đủ 5 năm liên tục: 25/12/2031",
        "Mức hưởng: 4",
    ):
        assert expected in front, expected
    assert "Đến ngày" not in front and "Hòa Phú, tỉnh" not in front
    assert "VssID" in back and "KHÔNG CÓ GIÁ TRỊ" not in front + back


def test_official_qr_printed_verbatim(official: CardDocument) -> None:
    """The QR on the card decodes to exactly the VSS payload (16 fields, parsable)."""
    image = rasterise(render_card_pdf(official), dpi=600)[0]
    assert decode_qr(image) == [official.qr_payload]
    assert parse_health_card_qr(official.qr_payload).facility == "66 - C54"


def test_confirmation_says_what_it_is_and_is_never_a_card(
    provisional: ProvisionalDocument,
) -> None:
    """Title "payment and registration confirmation", the issuer, "Giấy này không phải là thẻ
    bảo hiểm y tế", the identity number, amount, receipt, period, when and where the card
    comes; no "THẺ BẢO HIỂM Y TẾ" title and no code in a VSS format anywhere."""
    front, back = page_texts(render_card_pdf(provisional))
    both = front + "\n" + back
    assert "GIẤY XÁC NHẬN ĐÃ ĐÓNG TIỀN VÀ ĐĂNG KÝ THAM GIA BHYT" in " ".join(front.split())
    for expected in (
        "tổ chức được BHXH uỷ quyền thu",
        "Giấy này không phải là thẻ bảo hiểm y tế",
        "066185012345",
        "1.366.200 đ",
        "MAUYT-0000042",
        "25/12/2026 – 24/12/2027",
        "24/01/2027",
    ):
        assert expected in both, expected
    assert "VssID" in back and "VNeID" in back and "30 ngày" in back
    assert "THẺ BẢO HIỂM Y TẾ" not in both
    assert not VSS_CARD_CODE.search(both) and not SI_NUMBER.search(both)


def test_confirmation_qr_decodes_and_verifies(provisional: ProvisionalDocument) -> None:
    """The QR decodes to the payload the kiosk signed; it verifies with the kiosk's public key
    and names the person by identity number, with the expiry date."""
    image = rasterise(render_card_pdf(provisional), dpi=600)[0]
    assert decode_qr(image) == [provisional.qr_payload]
    fields = verify_provisional(provisional.qr_payload, {"K01": KEY.public_key()})
    assert (fields["d"], fields["h"], fields["t"]) == ("066185012345", "24/01/2027", "XN-BHYT")
    assert not any(VSS_CARD_CODE.search(v) for v in fields.values())


@pytest.mark.parametrize("sample", [sample_card, sample_provisional])
def test_samples_are_marked(sample: object) -> None:
    """Every sample render carries "MẪU" on each page and in its title."""
    document = sample()  # type: ignore[operator]
    pdf = render_card_pdf(document)
    assert all("MẪU" in text for text in page_texts(pdf))
    assert str(reader(pdf).metadata.title).startswith("MẪU")  # type: ignore[union-attr]


def test_fonts_embedded_no_helvetica(official: CardDocument) -> None:
    """Only the embedded Noto Sans fonts are used (full Vietnamese coverage)."""
    names, embedded = font_report(render_card_pdf(official))
    assert embedded and names and not any("Helvetica" in n for n in names)


def test_long_name_shrinks_then_ellipsizes(official: CardDocument) -> None:
    """A very long name still fits its box: smaller type first, then an ellipsis."""
    long = replace(official, full_name="Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Linh " * 3)
    front = page_texts(render_card_pdf(long))[0]
    assert "TÔN NỮ HOÀNG" in front and "…" in front


def test_missing_field_degrades_to_blank(
    official: CardDocument, caplog: pytest.LogCaptureFixture
) -> None:
    """An empty optional field leaves its line out or blank; the card still renders."""
    caplog.set_level(logging.DEBUG)
    bare = replace(official, five_year_date="", benefit_level="")
    front = page_texts(render_card_pdf(bare))[0]
    assert "5 năm" not in front and "Mức hưởng" not in front and "0123456789" in front


def test_every_card_field_cites_a_source_or_is_flagged() -> None:
    """Layouts stay data: each text item of both layouts that shows a value or a label names
    its source, or is marked UNVERIFIED."""
    for name in ("card", "provisional"):
        for page in load_layout(name).pages:
            for item in page.items:
                if item.kind in ("text", "qr") and "{" in item.text and not item.when:
                    assert item.source or item.unverified, (name, item.key)
