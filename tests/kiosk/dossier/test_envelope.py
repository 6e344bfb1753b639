"""BHXHDienTu.xml: each form embedded in base64 decodes back byte-equal; a bad envelope is refused."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from lxml import etree

from kiosk.dossier.envelope import embedded_files
from kiosk.dossier.service import write_dossier
from kiosk.errors import KioskError
from kiosk.store.db import Database
from tests.kiosk.dossier.daydata import AGENT, DAY, paid_day


@pytest.fixture
def folder(db: Database, tmp_path: Path) -> Path:
    day = paid_day(db)
    with db.read() as s:
        result = write_dossier(s, day.ctx, DAY, tmp_path / "out", agent=AGENT)
    assert result.folder is not None
    return result.folder


def test_envelope_embeds_each_form_and_decodes_back_byte_equal(folder: Path) -> None:
    """Each procedure's envelope holds its three forms in order, with name, kind, base64 length
    and count as the provider's layout has them; each decodes to the bytes of the form file."""
    for procedure, forms in (
        ("bhyt-ho-gia-dinh", ["TK1-TS", "D03-TS", "D01-TS"]),
        ("bhxh-tu-nguyen", ["TK1-TS", "D05-TS", "D01-TS"]),
    ):
        data = (folder / procedure / "BHXHDienTu.xml").read_bytes()
        found = embedded_files(data)
        assert [f.code for f in found] == forms
        assert [f.file for f in found] == [f"{code}-595.xml" for code in forms]
        for f in found:
            assert f.data == (folder / procedure / f.file).read_bytes()
        root = etree.fromstring(data)
        info = root.find("NoiDung/ThongTinHoSo")
        assert info is not None
        assert info.findtext("SoLuongFile") == "3"
        assert (info.findtext("KyKeKhai"), info.findtext("NgayLap")) == ("11/2026", "25/11/2026")
        entries = info.findall("ToKhais/FileToKhai")
        assert [e.findtext("LoaiFile") for e in entries] == [".xml"] * 3
        assert [int(e.findtext("DoDaiFile") or "") for e in entries] == [
            len(base64.b64encode(f.data)) for f in found
        ]
        unit = root.find("NoiDung/ThongTinDonVi")
        assert unit is not None and unit.findtext("TenDoiTuong") == "MẪU — Bưu điện xã Ea Kao"
    codes = [
        etree.fromstring((folder / p / "BHXHDienTu.xml").read_bytes()).findtext(
            "NoiDung/ThongTinHoSo/MaThuTuc"
        )
        for p in ("bhyt-ho-gia-dinh", "bhxh-tu-nguyen")
    ]
    assert codes == ["604", "602"]


def _tampered(folder: Path, old: bytes, new: bytes) -> bytes:
    data = (folder / "bhyt-ho-gia-dinh" / "BHXHDienTu.xml").read_bytes()
    assert old in data
    return data.replace(old, new, 1)


def test_a_lying_length_is_refused(folder: Path) -> None:
    """DoDaiFile that does not match the base64 text: refused, naming the file."""
    data = (folder / "bhyt-ho-gia-dinh" / "BHXHDienTu.xml").read_bytes()
    root = etree.fromstring(data)
    length = root.find("NoiDung/ThongTinHoSo/ToKhais/FileToKhai/DoDaiFile")
    assert length is not None and length.text
    length.text = str(int(length.text) + 4)
    with pytest.raises(KioskError) as err:
        embedded_files(etree.tostring(root))
    assert err.value.code == "dossier.bad_envelope" and "TK1-TS-595.xml" in err.value.en


def test_a_path_in_the_file_name_and_a_wrong_count_are_refused(folder: Path) -> None:
    """A file name with a folder (../) and a SoLuongFile that lies are both refused."""
    with pytest.raises(KioskError) as err:
        embedded_files(_tampered(folder, b"<TenFile>TK1-TS", b"<TenFile>../TK1-TS"))
    assert err.value.code == "dossier.bad_envelope"
    with pytest.raises(KioskError) as err:
        embedded_files(_tampered(folder, b"<SoLuongFile>3<", b"<SoLuongFile>2<"))
    assert "file count" in err.value.en
    with pytest.raises(KioskError):
        embedded_files(b"<Hoso><NoiDung>")
