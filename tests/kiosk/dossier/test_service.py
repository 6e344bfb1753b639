"""The day's dossiers written from the ledger: schemas, totals to the đồng, who is in and out."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from sqlalchemy import func, select

from kiosk.domain.enums import EnrollmentStatus, PaymentStatus
from kiosk.dossier.envelope import embedded_files
from kiosk.dossier.schemas import SCHEMA_FILES
from kiosk.dossier.service import DossierResult, write_dossier
from kiosk.dossier.sheets import D03_COLUMNS, D05_COLUMNS
from kiosk.store.db import Database
from kiosk.store.models import Payment, Visit
from resources import resource_path
from tests.kiosk.dossier.daydata import AGENT, BHXH_TOTAL, BHYT_TOTAL, DAY, PaidDay, paid_day
from tests.support.xlsx import xlsx_rows

HOUSEHOLD, VOLUNTARY = "bhyt-ho-gia-dinh", "bhxh-tu-nguyen"


@pytest.fixture
def written(db: Database, tmp_path: Path) -> tuple[PaidDay, DossierResult]:
    day = paid_day(db)
    with db.read() as s:
        return day, write_dossier(s, day.ctx, DAY, tmp_path / "out", agent=AGENT)


def parse(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def names(path: Path) -> list[str]:
    return [e.text or "" for e in parse(path).iter("HoTen")]


def test_every_xml_validates_against_its_schema(written: tuple[PaidDay, DossierResult]) -> None:
    """Each of the 8 XML files (3 forms + envelope per procedure) is valid against the schema
    of its root, loaded afresh from resources/dossier; files are private (0600)."""
    _, result = written
    assert result.folder is not None
    files = sorted(result.folder.glob("*/*.xml"))
    assert [f"{f.parent.name}/{f.name}" for f in files] == [
        f"{VOLUNTARY}/BHXHDienTu.xml",
        f"{VOLUNTARY}/D01-TS-595.xml",
        f"{VOLUNTARY}/D05-TS-595.xml",
        f"{VOLUNTARY}/TK1-TS-595.xml",
        f"{HOUSEHOLD}/BHXHDienTu.xml",
        f"{HOUSEHOLD}/D01-TS-595.xml",
        f"{HOUSEHOLD}/D03-TS-595.xml",
        f"{HOUSEHOLD}/TK1-TS-595.xml",
    ]
    for path in files:
        root = parse(path)
        schema = xmlschema.XMLSchema(str(resource_path("dossier", SCHEMA_FILES[root.tag])))
        schema.validate(str(path))
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_list_totals_equal_the_days_payments_per_scheme(
    db: Database, written: tuple[PaidDay, DossierResult]
) -> None:
    """D03-TS sums to 2,322,540 đ and D05-TS to 4,752,000 đ: together exactly the net confirmed
    payments of the day's paid visits; each row's amount is the person's ledger amount."""
    _, result = written
    assert result.folder is not None
    d03 = parse(result.folder / HOUSEHOLD / "D03-TS-595.xml")
    d05 = parse(result.folder / VOLUNTARY / "D05-TS-595.xml")
    assert [int(t) for t in d03.xpath("NoiDung/LaoDong/Tiendong/text()")] == [1_366_200, 956_340]
    assert [int(t) for t in d05.xpath("NoiDung/LaoDong/TienTudong/text()")] == [4_488_000, 264_000]
    assert sum(int(t) for t in d03.xpath("//Tiendong/text()")) == BHYT_TOTAL
    assert sum(int(t) for t in d05.xpath("//TienTudong/text()")) == BHXH_TOTAL
    assert [(p.scheme.value, p.total) for p in result.procedures] == [
        ("bhyt_household", BHYT_TOTAL),
        ("bhxh_voluntary", BHXH_TOTAL),
    ]
    with db.read() as s:
        collected = s.scalar(
            select(func.sum(Payment.amount))
            .join(Visit, Visit.id == Payment.visit_id)
            .where(Payment.status == PaymentStatus.CONFIRMED, Visit.status == EnrollmentStatus.PAID)
        )
    assert collected == BHYT_TOTAL + BHXH_TOTAL
    # Total = self-paid + state support (+ province, none here), for every row.
    for row in d05.iterfind("NoiDung/LaoDong"):
        parts = ("TienTudong", "TienHotro", "TienNSDP")
        assert int(row.findtext("Tongtien") or "") == sum(
            int(row.findtext(p) or "0") for p in parts
        )
    assert d05.xpath("NoiDung/LaoDong/TienHotro/text()") == ["792000", "66000"]


def test_household_with_both_schemes_is_in_both_lists(
    written: tuple[PaidDay, DossierResult],
) -> None:
    """Nguyễn Thị Huyền (household health insurance and voluntary SI in one visit) is a row of
    D03-TS and of D05-TS, each with the number and date of that scheme's own receipt (one
    receipt per scheme, numbered in the scheme's series)."""
    _, result = written
    assert result.folder is not None
    assert names(result.folder / HOUSEHOLD / "D03-TS-595.xml") == [
        "Nguyễn Thị Huyền",
        "Trần Văn Đức",
    ]
    assert names(result.folder / VOLUNTARY / "D05-TS-595.xml") == ["Nguyễn Thị Huyền", "Lê Văn Nam"]
    d03 = parse(result.folder / HOUSEHOLD / "D03-TS-595.xml")
    first = d03.find("NoiDung/LaoDong")
    assert first is not None
    assert (first.findtext("SoBienLai"), first.findtext("NgayBienLai")) == (
        "YT-K01-0000001",
        "25/11/2026",
    )
    assert first.findtext("TuNgay") == "25/12/2026" and first.findtext("Ghichu") == "Người thứ 1"
    d05_first = parse(result.folder / VOLUNTARY / "D05-TS-595.xml").find("NoiDung/LaoDong")
    assert d05_first is not None
    assert d05_first.findtext("Ghichu") == "Biên lai XH-K01-0000001 ngày 25/11/2026"
    assert (d05_first.findtext("MucTien"), d05_first.findtext("Tuthang")) == ("2000000", "11/2026")
    assert (d05_first.findtext("Phuongthuc"), d05_first.findtext("TyleNSNN")) == ("12", "20")
    # The household annex lists both members, head first, both joining.
    tk1 = parse(result.folder / HOUSEHOLD / "TK1-TS-595.xml")
    annex = tk1.find("NoiDung/LaoDong/PhuLuc")
    assert annex is not None and annex.findtext("Hoten_Chuho") == "Nguyễn Thị Huyền"
    assert annex.xpath("DSThanhVien/ThanhVien/HoTen/text()") == ["Nguyễn Thị Huyền", "Trần Văn Đức"]
    assert annex.xpath("DSThanhVien/ThanhVien/NguoiThamGia/text()") == ["1", "1"]
    assert tk1.xpath("NoiDung/LaoDong/CMND/text()") == ["066185000001", "066080000002"]
    voluntary_tk1 = parse(result.folder / VOLUNTARY / "TK1-TS-595.xml")
    assert [len(a) for a in voluntary_tk1.iterfind("NoiDung/LaoDong/PhuLuc")] == [0, 0]


def test_voided_and_unpaid_visits_are_left_out_and_listed(
    written: tuple[PaidDay, DossierResult],
) -> None:
    """Phạm Thị Lan's voided receipt YT-K01-0000002 and Võ Thị Hoa's unpaid visit appear in no file
    of the dossier, and the result names both with the reason."""
    day, result = written
    assert result.folder is not None
    for path in result.folder.glob("*/*.xml"):
        text = path.read_text(encoding="utf-8")
        assert (
            "Phạm Thị Lan" not in text and "YT-K01-0000002" not in text and "Võ Thị Hoa" not in text
        )
    envelope_forms = [
        f.data.decode() for p in (HOUSEHOLD, VOLUNTARY)
        for f in embedded_files((result.folder / p / "BHXHDienTu.xml").read_bytes())
    ]  # fmt: skip
    assert not any("Phạm Thị Lan" in text for text in envelope_forms)
    assert [(x.visit_id, x.reason, x.receipt, x.people) for x in result.left_out] == [
        (day.voided_visit, "voided", "YT-K01-0000002", ("Phạm Thị Lan",)),
        (day.unpaid_visit, "unpaid", "", ("Võ Thị Hoa",)),
    ]


def test_lists_as_xlsx_in_the_layouts_column_order(written: tuple[PaidDay, DossierResult]) -> None:
    """D03-TS.xlsx and D05-TS.xlsx hold a header in the layout's order and the same rows as
    the XML, money as number cells."""
    _, result = written
    assert result.folder is not None
    d03 = xlsx_rows(result.folder / HOUSEHOLD / "D03-TS.xlsx")
    assert d03[0] == tuple(h for _, h in D03_COLUMNS)
    assert d03[1] == (
        1, "Nguyễn Thị Huyền", None, "14/03/1985", "0", None, None, "25/11/2026", "YT-K01-0000001",
        1_366_200, 12, "Người thứ 1", "66", "Thôn 3, xã Ea Kao, Đắk Lắk", "25/12/2026",
    )  # fmt: skip
    d05 = xlsx_rows(result.folder / VOLUNTARY / "D05-TS.xlsx")
    assert d05[0] == tuple(h for _, h in D05_COLUMNS)
    assert d05[2][:9] == (2, "Lê Văn Nam", None, 1_500_000, "11/2026", 1, 330_000, 264_000, 66_000)
    assert len(d03) == 3 and len(d05) == 3


def test_writing_the_day_again_keeps_the_first_dossier_aside(
    db: Database, written: tuple[PaidDay, DossierResult], tmp_path: Path
) -> None:
    """A second export of the same day replaces the folder and keeps the earlier one renamed
    (it may already have been submitted)."""
    day, first = written
    with db.read() as s:
        second = write_dossier(s, day.ctx, DAY, tmp_path / "out", agent=AGENT)
    assert second.folder == first.folder
    kept = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert kept == ["ho-so-vss-2026-11-25", "ho-so-vss-2026-11-25.replaced-20261125T030000"]
