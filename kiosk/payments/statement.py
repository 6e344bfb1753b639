"""Bank statements (CSV or XLSX): find our transfer references and match them, never guess."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.payments.reference import compact
from kiosk.table_files import UnreadableSheet, csv_rows, larger_than, xlsx_rows


@dataclass(frozen=True)
class ColumnMapping:
    """Which statement columns hold what (header names, case-insensitive). Banks differ."""

    description: str = "description"
    amount: str | None = "amount"  # a signed amount column, or…
    credit: str | None = None  # …a credit column (money in)
    debit: str | None = None  # optional: a row with money out is never a payment to us
    date: str | None = "date"


@dataclass(frozen=True)
class StatementLine:
    row: int
    date: str
    amount: int
    description: str


@dataclass(frozen=True)
class Pending:
    """A pending transfer the statement may contain."""

    payment_id: Any
    reference: str
    amount: int


@dataclass
class MatchResult:
    matched: list[tuple[StatementLine, Pending]] = field(default_factory=list)
    partial: list[tuple[StatementLine, Pending]] = field(
        default_factory=list
    )  # reference found, amount differs
    unmatched: list[StatementLine] = field(default_factory=list)
    # the reference was already matched by an earlier line: money received twice, to refund
    duplicates: list[tuple[StatementLine, Pending]] = field(default_factory=list)


# A statement covering one event is a few hundred lines; a file from another machine is hostile,
# so anything far larger is refused before it is read whole (a 400,000-row XLSX once took 27 s
# and 258 MB).
MAX_STATEMENT_BYTES = 10 * 1024 * 1024
MAX_STATEMENT_ROWS = 20_000


def read_statement(path: Path, mapping: ColumnMapping) -> list[StatementLine]:
    """Read the credit lines of a statement file; unreadable rows are errors naming the row."""
    suffix = path.suffix.lower()
    _check_size(path)
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".csv":
        try:
            rows = csv_rows(path, MAX_STATEMENT_ROWS)
        except (UnicodeDecodeError, csv.Error):
            raise _bad(
                0,
                "tệp CSV không đọc được (cần mã hoá UTF-8, dấu phẩy ngăn cột)",
                "the CSV file cannot be read (UTF-8, comma-separated expected)",
            ) from None
    else:
        raise _bad(
            0,
            f"định dạng {suffix} chưa hỗ trợ (chỉ CSV, XLSX)",
            f"{suffix} is not supported (CSV, XLSX only)",
        )
    if len(rows) - 1 > MAX_STATEMENT_ROWS:
        raise KioskError(
            "statement.too_large",
            vi=f"Sao kê có hơn {MAX_STATEMENT_ROWS} dòng: không nhập. Xuất sao kê chỉ cho các "
            "ngày của sự kiện.",
            en=f"The statement has more than {MAX_STATEMENT_ROWS} rows: not imported. Export "
            "the statement for the event's days only.",
            limit=MAX_STATEMENT_ROWS,
        )
    return parse_rows(rows, mapping)


def _check_size(path: Path) -> None:
    if larger_than(path, MAX_STATEMENT_BYTES):
        raise KioskError(
            "statement.too_large",
            vi=f"Tệp sao kê lớn hơn {MAX_STATEMENT_BYTES // 1024 // 1024} MB: không nhập. Xuất "
            "sao kê chỉ cho các ngày của sự kiện.",
            en=f"The statement file is larger than {MAX_STATEMENT_BYTES // 1024 // 1024} MB: not "
            "imported. Export the statement for the event's days only.",
            limit=MAX_STATEMENT_BYTES,
        )


def parse_rows(rows: Sequence[Sequence[Any]], mapping: ColumnMapping) -> list[StatementLine]:
    """Statement lines from a header row and data rows (credits only: money coming in)."""
    if not rows:
        return []
    header = [str(h or "").strip().lower() for h in rows[0]]

    def index(name: str | None) -> int | None:
        if name is None:
            return None
        if name.lower() not in header:
            raise _bad(1, f"không có cột “{name}”", f"no column {name!r}")
        return header.index(name.lower())

    i_desc, i_amount, i_credit, i_debit, i_date = (
        index(mapping.description),
        index(mapping.amount),
        index(mapping.credit),
        index(mapping.debit),
        index(mapping.date),
    )
    if i_amount is None and i_credit is None:
        raise _bad(1, "cần cột số tiền hoặc cột ghi có", "an amount or credit column is needed")
    assert i_desc is not None  # the description column is always required
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(c or "").strip() for c in row):
            continue
        cell = i_credit if i_credit is not None else i_amount
        assert cell is not None
        amount = _amount(row[cell] if cell < len(row) else "", number)
        debit = _amount(row[i_debit], number) if i_debit is not None and i_debit < len(row) else 0
        if amount <= 0 or debit > 0:
            continue  # debits and empty credits are not payments to us
        lines.append(
            StatementLine(
                row=number,
                date=str(row[i_date]) if i_date is not None and i_date < len(row) else "",
                amount=amount,
                description=str(row[i_desc] or "") if i_desc < len(row) else "",
            )
        )
    return lines


def match(lines: Iterable[StatementLine], pending: Iterable[Pending]) -> MatchResult:
    """Match by reference AND amount; a reference with another amount is partial, one seen
    again after its match is a duplicate; a line naming two references is unmatched (a
    person decides). Banks strip spaces and punctuation and change case: compare compacted."""
    by_ref = {compact(p.reference): p for p in pending if compact(p.reference)}
    result = MatchResult()
    used: set[str] = set()
    for line in lines:
        text = compact(line.description)
        found = [ref for ref in by_ref if ref in text]
        if len(found) != 1:
            result.unmatched.append(line)
            continue
        ref = found[0]
        if ref in used:
            result.duplicates.append((line, by_ref[ref]))
        elif by_ref[ref].amount == line.amount:
            used.add(ref)
            result.matched.append((line, by_ref[ref]))
        else:
            result.partial.append((line, by_ref[ref]))
    return result


_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})*$")
_DECIMALS = re.compile(r"^(?P<whole>\d{1,3}(?:[.,]\d{3})*|\d+)[.,](?P<minor>\d{1,2})$")


def _amount(value: Any, row: int) -> int:
    """Whole đồng from a cell: 1366200, "1.366.200", "1,366,200.00", "-50.000 VND"."""
    if isinstance(value, bool):
        raise _bad(row, f"số tiền “{value}” không đọc được", f"amount {value!r} is unreadable")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = re.sub(r"(?i)\s|vnd|đ", "", str(value if value is not None else ""))
    if text in ("", "-"):
        return 0
    negative = text.startswith("-")
    text = text.lstrip("+-")
    decimals = _DECIMALS.match(text)
    if decimals and not _GROUPED.match(text):
        if int(decimals["minor"]) != 0:  # đồng has no minor unit: a fraction is a wrong column
            raise _bad(row, f"số tiền “{value}” có phần lẻ", f"amount {value!r} has a fraction")
        text = decimals["whole"]
    if not _GROUPED.match(text) and not (text.isascii() and text.isdigit()):
        raise _bad(row, f"số tiền “{value}” không đọc được", f"amount {value!r} is unreadable")
    digits = int(text.replace(".", "").replace(",", ""))
    return -digits if negative else digits


def _xlsx_rows(path: Path) -> list[list[Any]]:
    try:
        return xlsx_rows(path, MAX_STATEMENT_ROWS, active_sheet=True)
    except UnreadableSheet as exc:
        raise _bad(0, f"tệp XLSX hỏng ({exc})", f"broken XLSX file ({exc})") from None


def _bad(row: int, vi: str, en: str) -> KioskError:
    return KioskError(
        "statement.unreadable",
        vi=f"Sao kê dòng {row}: {vi}.",
        en=f"Statement row {row}: {en}.",
        row=row,
    )
