"""Reading an exported workbook back in tests (read-only, and closed again)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook


def xlsx_rows(path: Path | str) -> list[tuple[object, ...]]:
    """The first sheet's rows; trailing empty cells (not stored by the writer) as None."""
    book = load_workbook(path, read_only=True)
    try:
        rows = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    width = max((len(r) for r in rows), default=0)
    return [r + (None,) * (width - len(r)) for r in rows]
