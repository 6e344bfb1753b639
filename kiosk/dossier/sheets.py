"""D03-TS and D05-TS as spreadsheets, for offices that type the lists into VSS's software.

The columns are the XML list's elements in the layout's order (the order of IVANGenXML's
ToKhai/D03.cs and D05TS.cs, which is taken to follow the paper form: UNVERIFIED), each row read
back from the XML just written, so the sheet and the XML cannot disagree.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from lxml import etree

from kiosk.services.exports import safe_text
from kiosk.services.xlsx_stream import write_xlsx

# (element, header people read); numbers in these elements become number cells.
D03_COLUMNS = (
    ("STT", "STT"),
    ("HoTen", "Họ và tên"),
    ("MasoBHXH", "Mã số BHXH"),
    ("NgaySinh", "Ngày sinh"),
    ("GioiTinh", "Giới tính (mã)"),
    ("MaTinhBenhVien", "Mã tỉnh nơi KCB ban đầu"),
    ("MaBenhVien", "Mã nơi KCB ban đầu"),
    ("NgayBienLai", "Ngày biên lai"),
    ("SoBienLai", "Số biên lai"),
    ("Tiendong", "Số tiền đóng (đồng)"),
    ("Sothang", "Số tháng"),
    ("Ghichu", "Ghi chú"),
    ("Matinh_DangSS", "Mã tỉnh nơi sinh sống"),
    ("Diachi_DangSS", "Địa chỉ nơi sinh sống"),
    ("TuNgay", "Từ ngày"),
)
D05_COLUMNS = (
    ("STT", "STT"),
    ("HoTen", "Họ và tên"),
    ("MasoBHXH", "Mã số BHXH"),
    ("MucTien", "Mức thu nhập chọn đóng (đồng)"),
    ("Tuthang", "Từ tháng"),
    ("Sothang", "Số tháng"),
    ("Tongtien", "Tổng tiền (đồng)"),
    ("TienTudong", "Tiền tự đóng (đồng)"),
    ("TienHotro", "Tiền NSNN hỗ trợ (đồng)"),
    ("Ghichu", "Ghi chú"),
    ("Tyle", "Tỷ lệ đóng (%)"),
    ("TyleNSNN", "Tỷ lệ NSNN hỗ trợ (%)"),
    ("Phuongthuc", "Phương thức đóng"),
    ("TienNSDP", "Tiền NSĐP hỗ trợ (đồng)"),
    ("Matinh_DangSS", "Mã tỉnh nơi sinh sống"),
    ("Diachi_DangSS", "Địa chỉ nơi sinh sống"),
)
COLUMNS = {"D03-TS": D03_COLUMNS, "D05-TS": D05_COLUMNS}
NUMBERS = {
    "STT",
    "Tiendong",
    "Sothang",
    "MucTien",
    "Tongtien",
    "TienTudong",
    "TienHotro",
    "TienNSDP",
}


def list_sheet(form_xml: bytes) -> bytes:
    """The .xlsx of a D03-TS or D05-TS file: one header row, one row per LaoDong."""
    root = etree.fromstring(form_xml, etree.XMLParser(resolve_entities=False, no_network=True))
    columns = COLUMNS[root.tag]
    buffer = io.BytesIO()
    write_xlsx(buffer, root.tag, _rows(root, columns))
    return buffer.getvalue()


def _rows(root: etree._Element, columns: Sequence[tuple[str, str]]) -> Iterable[Sequence[Any]]:
    yield [header for _, header in columns]
    for row in root.iterfind("NoiDung/LaoDong"):
        yield [_cell(tag, row.findtext(tag) or "") for tag, _ in columns]


def _cell(tag: str, text: str) -> Any:
    if tag in NUMBERS and text.isdigit():
        return int(text)
    return safe_text(text)
