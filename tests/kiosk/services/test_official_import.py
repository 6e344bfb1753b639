"""Tests for importing official VSS card records (CSV and XLSX, all-or-nothing)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from kiosk.domain.enums import Sex
from kiosk.errors import KioskError
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
    """The shipped sample imports both records with Vietnamese text and the QR kept verbatim."""
    records = parse_official_file(SAMPLE)
    assert [r.card_code for r in records] == ["GD4666612345678", "GD4666698765432"]
    assert records[0].full_name == "Nguyễn Thị Huyền"
    assert records[0].sex is Sex.FEMALE and records[1].sex is Sex.MALE
    assert records[1].birth_date == "1982" and records[1].five_year_date == ""
    assert records[0].vss_qr == _rows()[0]["vss_qr"]


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
    path.write_text("personal_id,card_code\n066185012345,GD4666612345678\n", encoding="utf-8")
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
