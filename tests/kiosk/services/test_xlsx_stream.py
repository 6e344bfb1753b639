"""The streaming .xlsx writer: a workbook openpyxl opens cleanly, text and numbers as given."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from kiosk.services.xlsx_stream import column_letter, write_xlsx


def test_workbook_round_trips_through_openpyxl() -> None:
    """Text (with XML specials and a control character dropped), ints, gaps and a long row."""
    buffer = io.BytesIO()
    rows: list[list[object]] = [
        ["Họ và tên", "Số tiền"],
        ['Nguyễn <Thị> & "Huyền"\x07', 1_366_200],
        [None, -264_000, "", "x"],
        list(range(30)),
    ]
    write_xlsx(buffer, "Người & tiền", rows)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book.worksheets[0]
    assert sheet.title == "Người & tiền"
    assert sheet["A2"].value == 'Nguyễn <Thị> & "Huyền"' and sheet["B2"].value == 1_366_200
    assert (sheet["A3"].value, sheet["B3"].value, sheet["C3"].value, sheet["D3"].value) == (
        None,
        -264_000,
        None,
        "x",
    )
    assert sheet["AD4"].value == 29 and sheet["A1"].data_type == "s"


def test_column_letters() -> None:
    """0 -> A, 25 -> Z, 26 -> AA, 701 -> ZZ, 702 -> AAA."""
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
