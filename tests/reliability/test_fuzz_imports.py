"""Fuzzed bank statements and official-record files: parse or refuse with the project's error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.payments.statement import ColumnMapping, parse_rows, read_statement
from kiosk.services.official_import import parse_official_file
from resources import resource_path

CELL = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.sampled_from(["1.366.200", "1,366,200", "=1+1", "-500000", "BHXH K01 ABC123", ""]),
)
MAPPING = ColumnMapping(description="Mo ta", amount=None, credit="Ghi co", date="Ngay")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL, max_size=5), max_size=8))
def test_statement_rows_never_crash(rows: list[list[object]]) -> None:
    """Any grid of cells under the statement header gives lines or a statement.* error."""
    header: list[object] = ["Ngay", "Mo ta", "Ghi co", "Ghi no"]
    try:
        lines = parse_rows([header, *rows], MAPPING)
    except KioskError as err:
        assert err.code.startswith("statement.") and err.message("vi")
    else:
        assert all(isinstance(line.amount, int) and line.amount > 0 for line in lines)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_statement_file_bytes_never_crash(data: bytes) -> None:
    """A broken, non-UTF-8 CSV or a corrupt XLSX is refused with a message, not a traceback."""
    for suffix in (".csv", ".xlsx"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"sao-ke{suffix}"
            path.write_bytes(data)
            try:
                read_statement(path, MAPPING)
            except KioskError as err:
                assert err.message("vi") and err.message("en")


SAMPLE = resource_path("sample", "official_records_sample.csv").read_text("utf-8")


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=len(SAMPLE)), st.text(max_size=20))
def test_official_file_with_damage_never_half_imports(at: int, junk: str) -> None:
    """Junk spliced anywhere into a VSS batch file: all records or one import.* error."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vss.csv"
        path.write_text(SAMPLE[:at] + junk + SAMPLE[at:], encoding="utf-8")
        try:
            records = parse_official_file(path)
        except KioskError as err:
            assert err.code.startswith("import.") and err.message("vi")
        else:
            assert all(r.card_code for r in records)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_official_file_bytes_never_crash(data: bytes) -> None:
    """Arbitrary bytes named .csv or .xlsx are refused with the project's error."""
    for suffix in (".csv", ".xlsx"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"vss{suffix}"
            path.write_bytes(data)
            try:
                parse_official_file(path)
            except KioskError as err:
                assert err.message("vi")
