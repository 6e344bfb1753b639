"""Import official health-card records from VSS (CSV UTF-8 or XLSX): all rows valid or none.

Columns (header row, any order, names exactly as below):
personal_id, card_code, full_name, birth_date, sex, address, facility_code, facility_name,
valid_from, valid_to, five_year_date, issuing_place, issue_date, vss_qr.
Dates are dd/mm/yyyy (birth_date may be yyyy or mm/yyyy); sex is "Nam"/"Nữ" (or 1/2, male/female);
vss_qr is the card QR string, kept verbatim and printed as is.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.domain.enums import Sex
from kiosk.domain.text import nfc
from kiosk.errors import KioskError
from kiosk.scan.health_card import parse_health_card_qr

COLUMNS = (
    "personal_id",
    "card_code",
    "full_name",
    "birth_date",
    "sex",
    "address",
    "facility_code",
    "facility_name",
    "valid_from",
    "valid_to",
    "five_year_date",
    "issuing_place",
    "issue_date",
    "vss_qr",
)
OPTIONAL = {"valid_to", "five_year_date", "address"}
MAX_ROWS = 100_000
_DATE = re.compile(r"^(0[1-9]|[12]\d|3[01])/(0[1-9]|1[0-2])/(19|20)\d\d$")
_BIRTH = re.compile(r"^((0[1-9]|[12]\d|3[01])/)?((0[1-9]|1[0-2])/)?(19|20)\d\d$")
_SEX = {
    "nam": Sex.MALE,
    "1": Sex.MALE,
    "male": Sex.MALE,
    "nữ": Sex.FEMALE,
    "2": Sex.FEMALE,
    "female": Sex.FEMALE,
}


@dataclass(frozen=True)
class OfficialRecord:
    """One official card record as VSS issued it."""

    personal_id: str
    card_code: str
    full_name: str
    birth_date: str
    sex: Sex
    address: str
    facility_code: str
    facility_name: str
    valid_from: str
    valid_to: str
    five_year_date: str
    issuing_place: str
    issue_date: str
    vss_qr: str


@dataclass(frozen=True)
class RowError:
    """Why one cell is wrong: row number as a spreadsheet shows it (header = row 1)."""

    row: int
    column: str
    vi: str
    en: str


def parse_official_file(path: Path) -> list[OfficialRecord]:
    """Every record of the file, or one KioskError import.rows_invalid listing all bad cells."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        raise KioskError(
            "import.unsupported_file",
            vi=f"Tệp {path.name} không phải CSV hoặc XLSX.",
            en=f"{path.name} is not a CSV or XLSX file.",
        )
    if not rows:
        raise KioskError(
            "import.empty", vi="Tệp không có dòng tiêu đề.", en="The file has no header row."
        )
    header = [nfc(str(h or "")).strip().lower() for h in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise KioskError(
            "import.missing_columns",
            vi=f"Tệp thiếu cột: {', '.join(missing)}.",
            en=f"The file lacks columns: {', '.join(missing)}.",
            columns=missing,
        )
    if len(rows) - 1 > MAX_ROWS:
        raise KioskError(
            "import.too_many_rows",
            vi=f"Tệp có quá {MAX_ROWS} dòng.",
            en=f"The file has more than {MAX_ROWS} rows.",
        )
    index = {name: header.index(name) for name in COLUMNS}
    records: list[OfficialRecord] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        if all(_cell(v) == "" for v in raw):
            continue  # trailing blank lines are common in exports
        cells = {name: _cell(raw[i]) if i < len(raw) else "" for name, i in index.items()}
        record, row_errors = _record(number, cells)
        if record is not None and record.card_code in seen:
            row_errors.append(
                RowError(
                    number,
                    "card_code",
                    f"trùng mã thẻ với dòng {seen[record.card_code]}",
                    f"same card code as row {seen[record.card_code]}",
                )
            )
        errors += row_errors
        if record is not None and not row_errors:
            seen[record.card_code] = number
            records.append(record)
    if errors:
        raise KioskError(
            "import.rows_invalid",
            vi=f"Không nhập gì: {len(errors)} lỗi, ví dụ dòng {errors[0].row} cột {errors[0].column}: {errors[0].vi}.",
            en=f"Nothing imported: {len(errors)} errors, e.g. row {errors[0].row} column {errors[0].column}: {errors[0].en}.",
            errors=errors,
        )
    return records


def _record(number: int, c: dict[str, str]) -> tuple[OfficialRecord | None, list[RowError]]:
    errs: list[RowError] = []

    def bad(column: str, vi: str, en: str) -> None:
        errs.append(RowError(number, column, vi, en))

    for name in COLUMNS:
        if name not in OPTIONAL and not c[name]:
            bad(name, "ô trống", "empty cell")
    if c["personal_id"] and not re.fullmatch(r"\d{12}", c["personal_id"]):
        bad("personal_id", "số định danh phải có 12 chữ số", "the personal id must be 12 digits")
    if c["card_code"] and not re.fullmatch(r"[A-Z]{2}\d{13}", c["card_code"]):
        bad(
            "card_code",
            "mã thẻ phải gồm 2 chữ in hoa và 13 chữ số",
            "the card code must be 2 capitals and 13 digits",
        )
    if c["birth_date"] and not _BIRTH.match(c["birth_date"]):
        bad(
            "birth_date",
            "ngày sinh phải dạng dd/mm/yyyy, mm/yyyy hoặc yyyy",
            "birth date must be dd/mm/yyyy, mm/yyyy or yyyy",
        )
    for name in ("valid_from", "valid_to", "five_year_date", "issue_date"):
        if c[name] and not _DATE.match(c[name]):
            bad(name, "ngày phải dạng dd/mm/yyyy", "the date must be dd/mm/yyyy")
    sex = _SEX.get(c["sex"].lower())
    if c["sex"] and sex is None:
        bad("sex", "giới tính phải là Nam hoặc Nữ", "sex must be Nam or Nữ")
    if c["facility_code"] and not re.fullmatch(r"\d{2} - \d{3}", c["facility_code"]):
        bad(
            "facility_code",
            "mã nơi KCB phải dạng “PP - CCC”",
            "the facility code must look like “PP - CCC”",
        )
    if c["vss_qr"]:
        try:
            qr = parse_health_card_qr(c["vss_qr"])
        except KioskError:
            bad(
                "vss_qr",
                "mã QR của thẻ không đúng định dạng",
                "the card QR is not in the card format",
            )
        else:
            if qr.card_code != c["card_code"]:
                bad("vss_qr", "mã QR không khớp mã thẻ", "the QR does not match the card code")
    if errs or sex is None:
        return None, errs
    values: dict[str, Any] = {**c, "sex": sex}
    return OfficialRecord(**values), errs


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):  # a spreadsheet date cell
        return value.strftime("%d/%m/%Y")
    return nfc(str(value)).strip()


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [row for row in csv.reader(handle)]
    except UnicodeDecodeError:
        raise KioskError(
            "import.not_utf8",
            vi="Tệp CSV phải được lưu dạng UTF-8.",
            en="The CSV file must be saved as UTF-8.",
        ) from None


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook  # only needed for spreadsheets

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises several unrelated types for a damaged file
        raise KioskError(
            "import.unreadable",
            vi=f"Không đọc được tệp {path.name}.",
            en=f"Cannot read {path.name}.",
        ) from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
