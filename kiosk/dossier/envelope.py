"""BHXHDienTu.xml: the envelope embedding each form (base64) under the agent and its provider.

Layout: resources/dossier/bhxhdientu.xsd (from IVANGenXML HoSo/Hoso.cs and the ERS provider's
CreateFileBHXHDienTu). `embedded_files` reads an envelope back and is strict: it is also what
checks a dossier that came from elsewhere.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from lxml import etree

from kiosk.dossier.agent import AgentInfo
from kiosk.dossier.codes import Procedure, codes
from kiosk.dossier.forms import Element, add, dmy
from kiosk.errors import KioskError

ENVELOPE_FILE = "BHXHDienTu.xml"
MAX_ENVELOPE_BYTES = 64 * 1024 * 1024  # a day's dossier is a few hundred kB


@dataclass(frozen=True)
class FormFile:
    """One form as written: its code (MaToKhai), file name and the exact bytes embedded."""

    code: str
    file: str
    data: bytes


def envelope(
    agent: AgentInfo, procedure: Procedure, files: Sequence[FormFile], made_on: date
) -> Element:
    """The unsigned envelope (empty CKy_Dvi) for these forms, in the procedure's order."""
    root = etree.Element("Hoso")
    content = etree.SubElement(root, "NoiDung")
    add(
        etree.SubElement(content, "ThongTinIVAN"),
        [("MaIVAN", agent.ivan_code), ("TenIVAN", agent.ivan_name)],
    )
    add(
        etree.SubElement(content, "ThongTinDonVi"),
        [
            ("TenDoiTuong", agent.name),
            ("MaSoBHXH", agent.unit_code),
            ("LoaiDoiTuong", agent.unit_kind),
            ("MaSoThue", agent.tax_code),
            ("NguoiKy", agent.signer),
            ("DienThoai", agent.phone),
            ("CoQuanQuanLy", agent.vss_office),
        ],
    )
    info = etree.SubElement(content, "ThongTinHoSo")
    add(
        info,
        [
            ("TenThuTuc", procedure.name),
            ("MaThuTuc", procedure.code),
            ("KyKeKhai", made_on.strftime("%m/%Y")),
            ("NgayLap", dmy(made_on)),
            ("SoLuongFile", len(files)),
            ("QuyTrinhISO", ""),
        ],
    )
    forms = etree.SubElement(info, "ToKhais")
    for f in files:
        text = base64.b64encode(f.data).decode("ascii")
        add(
            etree.SubElement(forms, "FileToKhai"),
            [
                ("MaToKhai", f.code),
                ("MoTaToKhai", codes().forms[f.code].description),
                ("TenFile", f.file),
                ("LoaiFile", PurePosixPath(f.file).suffix),
                ("DoDaiFile", len(text)),
                ("NoiDungFile", text),
            ],
        )
    etree.SubElement(root, "CKy_Dvi")
    return root


def embedded_files(data: bytes) -> list[FormFile]:
    """The forms inside an envelope, decoded; each length and name checked (hostile input)."""
    if len(data) > MAX_ENVELOPE_BYTES:
        raise _bad("quá lớn", "too large")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise _bad(f"không phải XML ({err})", f"not XML ({err})") from None
    if root.tag != "Hoso":
        raise _bad("không phải hồ sơ BHXHDienTu", "not a BHXHDienTu dossier")
    found: list[FormFile] = []
    for entry in root.iterfind("NoiDung/ThongTinHoSo/ToKhais/FileToKhai"):
        code, name = entry.findtext("MaToKhai") or "", entry.findtext("TenFile") or ""
        text = entry.findtext("NoiDungFile") or ""
        if PurePosixPath(name).name != name or not name:
            raise _bad(f"tên tệp “{name}” không hợp lệ", f"bad file name “{name}”")
        if str(len(text)) != (entry.findtext("DoDaiFile") or ""):
            raise _bad(f"độ dài tệp {name} không khớp", f"length of {name} does not match")
        try:
            raw = base64.b64decode(text, validate=True)
        except binascii.Error:
            raise _bad(f"nội dung {name} hỏng", f"content of {name} is corrupt") from None
        found.append(FormFile(code, name, raw))
    count = root.findtext("NoiDung/ThongTinHoSo/SoLuongFile") or ""
    if count != str(len(found)):
        raise _bad("số lượng tệp không khớp", "file count does not match")
    return found


def _bad(vi: str, en: str) -> KioskError:
    return KioskError(
        "dossier.bad_envelope",
        vi=f"Tệp {ENVELOPE_FILE} không hợp lệ: {vi}.",
        en=f"{ENVELOPE_FILE} is not valid: {en}.",
    )
