"""Reading CSV and XLSX files from other machines (bank statements, VSS records) within limits.

Both importers refuse a file over a size before opening it, and read one row past their row
limit at most, so a huge file is refused without being read whole. Each caller words its own
refusals; these functions only read.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path
from typing import Any


class UnreadableSheet(Exception):
    """openpyxl could not open the workbook (it raises many unrelated types)."""


def larger_than(path: Path, limit: int) -> bool:
    """True when the file is over `limit` bytes; a missing file is left to the reader's message."""
    try:
        return path.stat().st_size > limit
    except OSError:
        return False


def csv_rows(path: Path, max_rows: int) -> list[list[str]]:
    """Rows of a UTF-8 CSV (BOM allowed), at most one past `max_rows` plus the header.

    Raises UnicodeDecodeError or csv.Error (Python 3.10: "line contains NUL") for the caller."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(itertools.islice(csv.reader(handle), max_rows + 2))


def xlsx_rows(path: Path, max_rows: int, *, active_sheet: bool = False) -> list[list[Any]]:
    """Cell values of the first (or the active) sheet, at most one row past `max_rows` plus the
    header; the workbook is closed (a read-only workbook keeps its file open until then)."""
    from openpyxl import load_workbook  # only when a spreadsheet comes

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableSheet(type(exc).__name__) from None
    try:
        sheet = book.active if active_sheet else book.worksheets[0]
        assert sheet is not None
        rows = sheet.iter_rows(values_only=True)
        return [list(row) for row in itertools.islice(rows, max_rows + 2)]
    finally:
        book.close()
