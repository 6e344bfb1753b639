"""D03-TS, D05-TS and D01-TS as XML (layouts: resources/dossier/d0*-ts.xsd), amounts from the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from lxml import etree

from kiosk.domain.enums import Scheme
from kiosk.dossier.codes import codes
from kiosk.dossier.day_types import Line
from kiosk.dossier.forms import (
    Element,
    add,
    dmy,
    gso_province,
    mode_code,
    sex_code,
    signature_slot,
)
from kiosk.policy.tables import policy_on
from kiosk.policy.voluntary import support_share


def percent(share: Decimal) -> str:
    """A share as the percent the forms write: Decimal("0.22") -> "22", 0.125 -> "12.5"."""
    value = (share * 100).normalize()
    return format(value, "f")


def d03_ts(lines: Sequence[Line], day: date) -> Element:
    """Household health insurance: one LaoDong per paid person with receipt number and date."""
    c = codes()
    root = etree.Element("D03-TS")
    add(
        etree.SubElement(root, "ThongTinKhac"),
        [
            ("SoTheBHYT", len(lines)),
            ("LuongCoSo", policy_on(day).base_salary.vnd),
            ("TyleNSNN", c.household_state_share),
            ("LoaiDoiTuong", c.household_group_code),
            ("NguonDong", ""),
            ("TenDoiTuong", c.household_group_name),
            ("HinhThucTinh", ""),
        ],
    )
    content = etree.SubElement(root, "NoiDung")
    for n, line in enumerate(lines, start=1):
        p = line.person
        assert line.receipt is not None  # checked before any form is made
        add(
            etree.SubElement(content, "LaoDong"),
            [
                ("STT", n),
                ("HoTen", p.full_name),
                ("MasoBHXH", p.si_number),
                ("NgaySinh", dmy(p.birth_date)),
                ("GioiTinh", sex_code(p)),
                ("MaTinhBenhVien", ""),
                ("MaBenhVien", ""),
                ("NgayBienLai", dmy(line.receipt.issued_on)),
                ("SoBienLai", line.receipt.number),
                ("Tiendong", line.amount),
                ("Sothang", line.months),
                ("Ghichu", f"Người thứ {line.position}" if line.position else ""),
                ("CCNS", "0"),
                ("PA", ""),
                ("MavungSS", ""),
                ("MucHuong", ""),
                ("ID", p.si_number or p.personal_id),
                ("Loai", ""),
                ("MaPhongBan", ""),
                ("TyleNSDP", ""),
                ("HotroKhac", ""),
                ("Matinh_DangSS", gso_province(p.province_code)),
                ("Mahuyen_DangSS", ""),
                ("Maxa_DangSS", ""),
                ("Diachi_DangSS", p.address),
                ("NgayChet", ""),
                ("CoGiamChet", ""),
                ("TuNgay", dmy(line.start_date)),
            ],
        )
    signature_slot(root)
    return root


def d05_ts(lines: Sequence[Line]) -> Element:
    """Voluntary SI: income, from month, months, total, self-paid, support, state share, mode."""
    root = etree.Element("D05-TS")
    add(
        etree.SubElement(root, "ThongTinKhac"),
        [("SoSoBHXH", sum(1 for line in lines if not line.person.si_number))],
    )
    content = etree.SubElement(root, "NoiDung")
    for n, line in enumerate(lines, start=1):
        p = line.person
        assert line.receipt is not None and line.support_group is not None
        policy = policy_on(line.paid_on)
        state = line.support_amount - line.province_support
        share = support_share(policy, line.support_group, line.island) if state else Decimal(0)
        add(
            etree.SubElement(content, "LaoDong"),
            [
                ("STT", n),
                ("HoTen", p.full_name),
                ("MasoBHXH", p.si_number),
                ("MucTien", line.chosen_income),
                ("Tuthang", from_month(line).strftime("%m/%Y")),
                ("Sothang", line.months),
                ("Tongtien", line.amount + line.support_amount),
                ("TienTudong", line.amount),
                ("TienHotro", state),
                ("Ghichu", f"Biên lai {line.receipt.number} ngày {dmy(line.receipt.issued_on)}"),
                ("PA", ""),
                ("Tyle", percent(policy.voluntary.rate)),
                ("TyleNSNN", percent(share)),
                ("Heso", ""),
                ("Phuongthuc", mode_code(line)),
                ("CCNS", "0"),
                ("ID", p.si_number or p.personal_id),
                ("Loai", ""),
                ("TyleNSDP", ""),
                ("TienNSDP", line.province_support),
                ("TyleHotroKhac", ""),
                ("TienHotroKhac", ""),
                ("Matinh_DangSS", gso_province(p.province_code)),
                ("Mahuyen_DangSS", ""),
                ("Maxa_DangSS", ""),
                ("Diachi_DangSS", p.address),
            ],
        )
    signature_slot(root)
    return root


def from_month(line: Line) -> date:
    """The first month paid: the period the quote dated, else the month of payment."""
    start = line.period_start or line.paid_on
    return start.replace(day=1)


def d01_ts(lines: Sequence[Line], agent_name: str, forms: Sequence[str]) -> Element:
    """The papers attached: each person's receipt (form C45-BB)."""
    c = codes()
    root = etree.Element("D01-TS")
    content = etree.SubElement(root, "NoiDung")
    along = "; ".join(f"{c.forms[f].description} (Mẫu {f})" for f in forms if f != "D01-TS")
    add(content, [("TenBangKe", c.papers_list_name), ("KemTheo", f"Kèm theo {along}")])
    table = etree.SubElement(content, "BangKe")
    for n, line in enumerate(lines, start=1):
        assert line.receipt is not None
        issued = f"{line.receipt.issued_on.isoformat()}T00:00:00"
        add(
            etree.SubElement(table, "ThongTin"),
            [
                ("STT", n),
                ("HoTen", line.person.full_name),
                ("MasoBHXH", line.person.si_number),
                ("TenLoaiVanBan", c.receipt_kind),
                ("SoVanBan", line.receipt.number),
                ("NgayBanHanh", issued),
                ("NgayHieuLuc", issued),
                ("CoQuanBanHanh", agent_name),
                ("TrichYeu", summary(line)),
                ("NoiDungThamDinh", ""),
            ],
        )
    signature_slot(root)
    return root


def summary(line: Line) -> str:
    """What was paid, in the receipt's words (RULES.md, receipts)."""
    if line.scheme == Scheme.BHYT_HOUSEHOLD:
        return (
            f"Tiền đóng BHYT, phương thức đóng {line.months} tháng, "
            f"từ {dmy(line.start_date)} đến {dmy(line.end_date)}"
        )
    return f"Đóng tiền tham gia BHXH tự nguyện, {line.months} tháng từ {from_month(line):%m/%Y}"
