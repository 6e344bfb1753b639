"""Bank statements and official record files from another machine are capped before reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from kiosk import table_files
from kiosk.errors import KioskError
from kiosk.payments import statement
from kiosk.payments.statement import ColumnMapping, read_statement
from kiosk.services import official_import


def _xlsx(path: Path, rows: int) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["date", "description", "amount"])
    for i in range(rows):
        sheet.append(["25/11/2026", f"BHXH{i:06d}", 1_366_200])
    book.save(path)
    return path


def test_oversized_statement_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An 11 MB "XLSX" is refused by its size: the spreadsheet reader is never called."""
    path = tmp_path / "sao-ke.xlsx"
    with path.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)

    def never(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    with pytest.raises(KioskError) as err:
        read_statement(path, ColumnMapping())
    assert err.value.code == "statement.too_large" and "10 MB" in err.value.en


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_statement_with_too_many_rows_is_refused_after_reading_one_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """With the limit at 50 rows, 300 rows are refused; at most 52 rows were pulled from the
    reader (the rest of a 400,000-row file is never read)."""
    monkeypatch.setattr(statement, "MAX_STATEMENT_ROWS", 50)
    path = tmp_path / f"sao-ke{suffix}"
    if suffix == ".csv":
        lines = ["date,description,amount"] + [f"25/11/2026,BHXH{i},1366200" for i in range(300)]
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        _xlsx(path, 300)
    pulled: list[int] = []
    real = table_files.itertools.islice  # where both importers read their rows

    def counting(rows: Any, stop: int) -> Any:
        for row in real(rows, stop):
            pulled.append(1)
            yield row

    monkeypatch.setattr(table_files.itertools, "islice", counting)
    with pytest.raises(KioskError) as err:
        read_statement(path, ColumnMapping())
    assert err.value.code == "statement.too_large" and "more than 50 rows" in err.value.en
    assert len(pulled) == 52
    monkeypatch.setattr(statement, "MAX_STATEMENT_ROWS", 300)
    assert len(read_statement(path, ColumnMapping())) == 300


def test_official_file_over_the_limits_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record file over 40 MB is refused by size; one over the row limit by rows."""
    big = tmp_path / "ho-so.csv"
    with big.open("wb") as handle:
        handle.truncate(41 * 1024 * 1024)
    with pytest.raises(KioskError) as err:
        official_import.parse_official_file(big)
    assert err.value.code == "import.too_large"
    monkeypatch.setattr(official_import, "MAX_ROWS", 10)
    assert _too_many_rows(tmp_path, 40).code == "import.too_many_rows"


def test_the_limits_are_the_readmes() -> None:
    """The caps the README promises (Security, Imports): statements 10 MB / 20,000 rows, VSS
    record files 40 MB / 100,000 rows (the tests above lower the row caps to stay quick)."""
    assert (statement.MAX_STATEMENT_BYTES, statement.MAX_STATEMENT_ROWS) == (
        10 * 1024 * 1024,
        20_000,
    )
    assert (official_import.MAX_FILE_BYTES, official_import.MAX_ROWS) == (
        40 * 1024 * 1024,
        100_000,
    )


def test_statement_of_20000_rows_is_read_and_20001_refused(tmp_path: Path) -> None:
    """At the real cap: a CSV statement of exactly 20,000 rows is read whole; one more row is
    statement.too_large, "more than 20000 rows"."""
    path = tmp_path / "sao-ke.csv"
    rows = [f"25/11/2026,BHXH{i:06d},1366200" for i in range(20_001)]
    path.write_text("\n".join(["date,description,amount", *rows[:20_000]]), encoding="utf-8")
    assert len(read_statement(path, ColumnMapping())) == 20_000
    path.write_text("\n".join(["date,description,amount", *rows]), encoding="utf-8")
    with pytest.raises(KioskError) as err:
        read_statement(path, ColumnMapping())
    assert err.value.code == "statement.too_large" and "more than 20000 rows" in err.value.en


def test_record_file_of_100001_rows_is_refused(tmp_path: Path) -> None:
    """At the real cap: a record file with 100,001 rows is import.too_many_rows, "more than
    100000 rows", before any row is checked."""
    err = _too_many_rows(tmp_path, 100_001)
    assert err.code == "import.too_many_rows"
    assert err.en == "The file has more than 100000 rows."


def _too_many_rows(tmp_path: Path, rows: int) -> KioskError:
    """The error of a record file with the header and `rows` rows, none of them checked."""
    path = tmp_path / "ho-so.csv"
    path.write_text("\n".join([",".join(official_import.COLUMNS)] + ["x"] * rows), encoding="utf-8")
    with pytest.raises(KioskError) as err:
        official_import.parse_official_file(path)
    return err.value
