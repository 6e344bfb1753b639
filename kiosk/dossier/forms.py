"""TK1-TS, the declaration with its household annex, as XML (layout: resources/dossier/tk1-ts.xsd).

Every element is written, in the order of the provider's layout, empty when the kiosk does not
hold the value (the schema documents which those are and why). Values are never invented.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TypeAlias

from lxml import etree

from kiosk.domain.enums import Scheme, VoluntaryMode
from kiosk.domain.ethnicity import find_ethnicity
from kiosk.dossier.codes import codes
from kiosk.dossier.day_types import HouseholdRecord, Line, PersonRecord

Element: TypeAlias = etree._Element  # lxml ships no type hints: Any to mypy


def dmy(value: date | None) -> str:
    """dd/MM/yyyy, the forms' date format; empty for None."""
    return value.strftime("%d/%m/%Y") if value else ""


def add(parent: Element, pairs: Iterable[tuple[str, object]]) -> None:
    """Append one child per (tag, value); None and "" give an empty element."""
    for tag, value in pairs:
        child = etree.SubElement(parent, tag)
        if value is not None and value != "":
            child.text = str(value)


def signature_slot(root: Element) -> None:
    """The empty <Cky> a provider's signer fills (HosoBHXHHelper.GetNodeSignXml)."""
    etree.SubElement(root, "Cky")


def gso_province(code: str) -> str:
    """The 2-digit GSO province code from the identity number's 3-digit one ("066" -> "66").

    The identity-number province codes are "0" + the GSO code (Circular 07/2016/TT-BCA annex);
    which code set VSS wants after the 2025 province merger is UNVERIFIED.
    """
    return code[1:] if len(code) == 3 and code.startswith("0") and code.isdigit() else ""


def sex_code(person: PersonRecord) -> str:
    return codes().sex[person.sex]


def nationality_code(person: PersonRecord) -> str:
    return codes().nationality.get(person.nationality, person.nationality)


def ethnicity_code(person: PersonRecord) -> str:
    found = find_ethnicity(person.ethnicity)
    return found.code if found else ""


def mode_code(line: Line) -> str:
    """Phuongthuc of a voluntary SI line (codes.toml [voluntary_mode], UNVERIFIED codes)."""
    if line.mode in (None, VoluntaryMode.PERIODIC):
        return str(line.months)
    return codes().voluntary_mode[line.mode.value]


def tk1_ts(lines: Sequence[Line], households: Mapping[uuid.UUID, HouseholdRecord]) -> Element:
    """One LaoDong per line; household health insurance lines carry their household's annex."""
    root = etree.Element("TK1-TS")
    content = etree.SubElement(root, "NoiDung")
    joining = {line.person.person_id for line in lines}
    for n, line in enumerate(lines, start=1):
        p = line.person
        voluntary = line.scheme == Scheme.BHXH_VOLUNTARY
        row = etree.SubElement(content, "LaoDong")
        add(
            row,
            [
                ("STT", n),
                ("HoTen", p.full_name),
                ("NgaySinh", dmy(p.birth_date)),
                ("GioiTinh", sex_code(p)),
                ("QuocTich", nationality_code(p)),
                ("DanToc", ethnicity_code(p)),
                ("Matinh_KS", ""),
                ("Mahuyen_KS", ""),
                ("Maxa_KS", ""),
                ("Diachi_NN", p.address),
                ("Matinh_NN", gso_province(p.province_code)),
                ("Mahuyen_NN", ""),
                ("Maxa_NN", ""),
                ("Ten_ChaMe_Giamho", ""),
                ("MasoBHXH", p.si_number),
                ("Dienthoai_LH", p.phone),
                ("CMND", p.personal_id),
                (
                    "Maho_Giadinh",
                    _household(line, households).vss_code if line.household_id else "",
                ),
                ("Mucdong", line.chosen_income if voluntary else ""),
                ("Phuongthuc", mode_code(line) if voluntary else ""),
                ("MaTinhBenhVien", ""),
                ("MaBenhVien", ""),
                (
                    "Noidung_Thaydoi",
                    codes().change_renewal if line.is_renewal else codes().change_new,
                ),
                ("HosoKemtheo", ""),
                ("CCNS", "0"),
                ("ID", p.si_number or p.personal_id),
                ("Diachi_KS", ""),
                ("Email_LH", ""),
            ],
        )
        annex = etree.SubElement(row, "PhuLuc")
        if line.scheme == Scheme.BHYT_HOUSEHOLD and line.household_id is not None:
            _annex(annex, _household(line, households), joining)
    signature_slot(root)
    return root


def _household(line: Line, households: Mapping[uuid.UUID, HouseholdRecord]) -> HouseholdRecord:
    assert line.household_id is not None
    return households[line.household_id]


def _annex(annex: Element, household: HouseholdRecord, joining: set[uuid.UUID]) -> None:
    """PhuLuc: the head, the household's address and every member."""
    head = household.head
    add(
        annex,
        [
            ("Hoten_Chuho", head.full_name if head else ""),
            ("DienThoai", head.phone if head else ""),
            ("SoGiayTo", head.personal_id if head else ""),
            ("LoaiGiayTo", codes().head_document if head and head.personal_id else ""),
            ("MaTinh", gso_province(household.province_code)),
            ("MaHuyen", ""),
            ("MaXa", ""),
            ("MaThon", ""),
            ("Maso_HoGiadinh", household.vss_code),
            ("Diachi_HK", household.address),
        ],
    )
    members = etree.SubElement(annex, "DSThanhVien")
    for member in household.members:
        p = member.person
        add(
            etree.SubElement(members, "ThanhVien"),
            [
                ("STT", member.position),
                ("HoTen", p.full_name),
                ("MasoBHXH", p.si_number),
                ("NgaySinh", dmy(p.birth_date)),
                ("GioiTinh", sex_code(p)),
                ("Matinh_KS", ""),
                ("Mahuyen_KS", ""),
                ("Maxa_KS", ""),
                ("MoiQuanHe", member.relationship),
                ("CMND", p.personal_id),
                ("Ghichu", ""),
                ("CCNS", "0"),
                ("NguoiThamGia", "1" if p.person_id in joining else "0"),
                ("DanToc", ethnicity_code(p)),
                ("QuocTich", nationality_code(p)),
                ("DiachiDK_KS", ""),
            ],
        )
