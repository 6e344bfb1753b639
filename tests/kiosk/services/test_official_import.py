"""Tests for importing official VSS card records (CSV and XLSX, all-or-nothing)."""

from __future__ import annotations

import csv
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from kiosk.domain.enums import Sex
from kiosk.errors import KioskError
from kiosk.scan.health_card import parse_health_card_qr
from kiosk.services.official_import import COLUMNS, parse_official_file
from resources import resource_path

SAMPLE = resource_path("sample", "official_records_sample.csv")


def _rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_sample_csv_imports() -> None:
    """The shipped sample in the real layouts imports: a current card (10-digit code, facility
    "66 - C54" with a letter, no address and no end date, 16-field QR) and a 2016 card
    (15-character code, 14-field QR); Vietnamese text and the QRs kept verbatim."""
    records = parse_official_file(SAMPLE)
    assert [r.card_code for r in records] == ["0166012345", "GD4666698765432"]
    assert [r.facility_code for r in records] == ["66 - C54", "66 - 123"]
    assert records[0].full_name == "Nguyễn Thị Huyền"
    assert records[0].sex is Sex.FEMALE and records[1].sex is Sex.MALE
    assert (records[0].address, records[0].valid_to) == ("", "")
    assert records[1].birth_date == "1982" and records[1].five_year_date == ""
    assert [r.vss_qr for r in records] == [row["vss_qr"] for row in _rows()]
    assert [r.vss_qr.count("|") for r in records] == [16, 14]  # 16 and 14 fields + "$"


def test_both_card_qr_layouts_parse() -> None:
    """A 16-field QR (address and end date "-") and a 14-field 2016 QR both parse; the 2016 one
    has no benefit level or issuing place."""
    current, old = (parse_health_card_qr(r["vss_qr"], allow_legacy=True) for r in _rows())
    assert (current.card_code, current.address, current.valid_to) == ("0166012345", "", "")
    assert (current.facility, current.benefit_level) == ("66 - C54", "4")
    assert current.issuing_place == "Bảo hiểm xã hội tỉnh Đắk Lắk"
    assert (old.card_code, old.valid_to, old.benefit_level, old.issuing_place) == (
        "GD4666698765432",
        "31/12/2017",
        "",
        "",
    )


def test_a_nul_byte_is_the_imports_own_error(tmp_path: Path) -> None:
    """A NUL in a CSV is refused with the import's own error on every Python: csv raises
    "line contains NUL" on 3.10 (import.unreadable); 3.11 reads it and the cell is refused."""
    path = tmp_path / "nul.csv"
    path.write_bytes(SAMPLE.read_bytes().replace("Trần".encode(), b"Tr\x00n", 1))
    with pytest.raises(KioskError) as err:
        parse_official_file(path)
    expected = "import.unreadable" if sys.version_info < (3, 11) else "import.rows_invalid"
    assert err.value.code == expected


def test_one_bad_file_imports_nothing_and_lists_every_error(tmp_path: Path) -> None:
    """Several bad cells in several rows give ONE import.rows_invalid with each row, column and
    reason, and no records."""
    good, second = _rows()
    broken = {**second, "personal_id": "12345", "sex": "X"}
    duplicate = dict(good)
    path = _write_csv(tmp_path / "bad.csv", [good, broken, duplicate])
    with pytest.raises(KioskError) as err:
        parse_official_file(path)
    assert err.value.code == "import.rows_invalid"
    found = {(e.row, e.column) for e in err.value.params["errors"]}
    assert found == {(3, "personal_id"), (3, "sex"), (4, "card_code")}
    bad_code = _write_csv(tmp_path / "code.csv", [{**good, "card_code": "GD466661234567"}])
    with pytest.raises(KioskError) as err:
        parse_official_file(bad_code)
    assert [(e.row, e.column) for e in err.value.params["errors"]] == [
        (2, "card_code"),
        (2, "vss_qr"),
    ]
    assert all(e.vi and e.en for e in err.value.params["errors"])


def test_qr_must_match_the_card(tmp_path: Path) -> None:
    """A row whose VSS QR belongs to another card, or is not a card QR, is rejected."""
    first, second = _rows()
    path = _write_csv(
        tmp_path / "swap.csv", [{**first, "vss_qr": second["vss_qr"]}, {**second, "vss_qr": "abc"}]
    )
    with pytest.raises(KioskError) as err:
        parse_official_file(path)
    assert [(e.row, e.column) for e in err.value.params["errors"]] == [(2, "vss_qr"), (3, "vss_qr")]


def test_missing_column(tmp_path: Path) -> None:
    """A file without one of the documented columns is refused up front, naming it."""
    path = tmp_path / "cols.csv"
    path.write_text("personal_id,card_code\n066185012345,0166012345\n", encoding="utf-8")
    with pytest.raises(KioskError) as err:
        parse_official_file(path)
    assert err.value.code == "import.missing_columns"
    assert "full_name" in err.value.params["columns"]


def test_xlsx_with_date_cells(tmp_path: Path) -> None:
    """An XLSX export imports the same; real date cells are read as dd/mm/yyyy."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    for row in _rows():
        cells: list[object] = [row[c] for c in COLUMNS]
        cells[COLUMNS.index("issue_date")] = datetime(2024, 12, 20)
        sheet.append(cells)
    path = tmp_path / "records.xlsx"
    book.save(path)
    records = parse_official_file(path)
    assert [r.issue_date for r in records] == ["20/12/2024", "20/12/2024"]
    assert records[1].full_name == "Trần Văn Đức"


def test_not_utf8_csv(tmp_path: Path) -> None:
    """A CSV saved in a legacy encoding is refused with a clear code."""
    path = tmp_path / "legacy.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\n\xff\xfe\n")
    with pytest.raises(KioskError) as err:
        parse_official_file(path)
    assert err.value.code == "import.not_utf8"
