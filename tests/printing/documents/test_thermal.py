"""Tests for ESC/POS output: exact command structure, raster payload and the CP1258 text path."""

from __future__ import annotations

import unicodedata

import pytest
import zxingcpp
from PIL import ImageOps

from kiosk.errors import KioskError
from printing.documents.models import QueueTicketDocument
from printing.documents.sample import sample_receipt, sample_shift_report
from printing.documents.slip import receipt_slip
from printing.documents.thermal import (
    encode_cp1258,
    render_queue_ticket_escpos,
    render_receipt_escpos,
    render_shift_report_escpos,
    slip_image,
    vietnamese_code_page,
)

INIT = b"\x1b@"
FEED_AND_CUT = b"\x1bd\x06\x1dV\x00"


def _bands(stream: bytes) -> tuple[list[tuple[int, int]], bytes]:
    """Parse ESC @, GS v 0 bands, ESC d 6, GS V 0: returns (width bytes, height) per band and
    the concatenated raster data; fails on any other byte."""
    assert stream.startswith(INIT) and stream.endswith(FEED_AND_CUT)
    body = stream[len(INIT) : -len(FEED_AND_CUT)]
    bands, data, pos = [], b"", 0
    while pos < len(body):
        assert body[pos : pos + 4] == b"\x1dv0\x00"  # GS v 0, normal density
        xbytes = body[pos + 4] | body[pos + 5] << 8
        height = body[pos + 6] | body[pos + 7] << 8
        pos += 8
        data += body[pos : pos + xbytes * height]
        pos += xbytes * height
        bands.append((xbytes, height))
    assert pos == len(body)
    return bands, data


@pytest.mark.parametrize("width", [576, 384])
def test_raster_receipt_structure_is_exact(width: int) -> None:
    """Init, raster bands of width/8 bytes (≤960 rows each) that together are exactly the
    receipt image (black = 1 bits), then feed and full cut."""
    doc = sample_receipt()
    image = slip_image(receipt_slip(doc), width)
    bands, data = _bands(render_receipt_escpos(doc, width_dots=width))
    assert all(xb == width // 8 for xb, _ in bands)
    assert all(h <= 960 for _, h in bands)
    assert sum(h for _, h in bands) == image.height
    assert data == ImageOps.invert(image.convert("L")).convert("1").tobytes()


def test_receipt_qr_in_the_raster_decodes() -> None:
    """The QR drawn into the receipt image decodes back to the exact receipt payload."""
    doc = sample_receipt()
    image = slip_image(receipt_slip(doc), 576)
    found = [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]
    assert found == [doc.qr_payload]


def test_queue_ticket_and_shift_report_are_raster() -> None:
    """Queue tickets and shift reports use the same exact raster structure."""
    ticket = QueueTicketDocument(
        "A017", "Nguyễn Thị Huyền", 2_148_120, "00020101021238570010A000000727"
    )
    for stream in (
        render_queue_ticket_escpos(ticket),
        render_shift_report_escpos(sample_shift_report()),
    ):
        bands, _ = _bands(stream)
        assert bands and bands[0][0] == 72


def test_only_profiles_listing_cp1258_offer_text() -> None:
    """capabilities.json lists CP1258 for TM-T88V at ESC t 52 and for NT-80-V-UL at 94; a profile
    without it has none and the text path refuses it."""
    assert vietnamese_code_page("TM-T88V") == 52
    assert vietnamese_code_page("NT-80-V-UL") == 94
    assert vietnamese_code_page("RP-F10-80mm") is None
    with pytest.raises(KioskError) as err:
        render_receipt_escpos(sample_receipt(), profile="RP-F10-80mm", text_mode=True)
    assert err.value.code == "escpos.no_vietnamese_codepage"


def test_cp1258_encoding_exact_bytes() -> None:
    """Vietnamese goes out as CP1258 base letters plus combining tone bytes."""
    assert encode_cp1258("Nguyễn Đắk Lắk") == b"Nguy\xea\xden \xd0\xe3\xeck L\xe3\xeck"
    assert unicodedata.normalize("NFC", encode_cp1258("Huyền").decode("cp1258")) == "Huyền"


def test_text_path_selects_the_code_page() -> None:
    """The text path is ESC @, ESC t 52, then aligned/bold/sized lines in CP1258, then the cut."""
    stream = render_receipt_escpos(sample_receipt(), profile="TM-T88V", text_mode=True)
    assert stream.startswith(INIT + b"\x1bt\x34")
    assert stream.endswith(FEED_AND_CUT)
    sample = b"\x1ba\x01\x1bE\x01\x1d!\x01" + encode_cp1258("MẪU — KHÔNG CÓ GIÁ TRỊ") + b"\n"
    assert stream[5 : 5 + len(sample)] == sample
    title = b"\x1ba\x01\x1bE\x01\x1d!\x11" + encode_cp1258("BIÊN LAI THU TIỀN") + b"\n"
    assert title in stream
    assert encode_cp1258("Nguyễn Thị Huyền") in stream
    assert b"2.322.540 \xf0" in stream  # "đ" is 0xF0 in CP1258


def test_unknown_profile_is_a_kiosk_error() -> None:
    """A profile name python-escpos does not know gives escpos.unknown_profile."""
    with pytest.raises(KioskError) as err:
        render_receipt_escpos(sample_receipt(), profile="no-such-printer")
    assert err.value.code == "escpos.unknown_profile"
