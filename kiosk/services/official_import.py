"""Import official health-card records from VSS (CSV UTF-8 or XLSX): all rows valid or none.

Columns (header row, any order, names exactly as below):
personal_id, card_code, full_name, birth_date, sex, address, facility_code, facility_name,
valid_from, valid_to, five_year_date, issuing_place, issue_date, vss_qr.
card_code is the 10-digit social insurance number of cards issued under Decision 1666/QĐ-BHXH,
or the 15-character code of older cards (2 letters + 13 digits); facility_code is "PP - CCC"
with letters allowed ("01 - C54"); address, valid_to and five_year_date may be empty (the
current card has no address and no end date). Dates are dd/mm/yyyy (birth_date may be yyyy or
mm/yyyy); sex is "Nam"/"Nữ" (or 1/2, male/female); vss_qr is the card QR, 16 fields (current
cards) or 14 (2016 cards), kept verbatim and printed as is.

The file is hostile: capped in size and rows, every cell checked, and a row may only attach a
card to a person already registered here (by personal_id); one refused row refuses the file.
"""

from __future__ import annotations

import csv
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import IssuanceKind, Sex
from kiosk.domain.text import nfc
from kiosk.errors import KioskError
from kiosk.scan.health_card import parse_health_card_qr
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.store.models import IssuanceRecord, Person
from kiosk.table_files import UnreadableSheet, csv_rows, larger_than, xlsx_rows

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
# A file from another machine is hostile: it is refused before being read whole. 100,000 rows
# of this layout are about 30 MB as CSV and 12 MB as XLSX.
MAX_FILE_BYTES = 40 * 1024 * 1024
_CARD_CODE = re.compile(r"\d{10}|[A-Z]{2}\d{13}")  # Decision 1666 card, or an older card
_FACILITY = re.compile(r"[0-9A-Z]{2} - [0-9A-Z]{3}")  # "66 - 123", "01 - C54"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DATE = re.compile(r"^(0[1-9]|[12]\d|3[01])/(0[1-9]|1[0-2])/(19|20)\d\d$")
# dd/mm/yyyy, mm/yyyy or yyyy: a day only with its month ("13/1985" is no month, not day 13)
_BIRTH = re.compile(r"^((0[1-9]|[12]\d|3[01])/(0[1-9]|1[0-2])/|(0[1-9]|1[0-2])/)?(19|20)\d\d$")
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
    _check_size(path)
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
        raise _rows_invalid(errors)
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
    for name in COLUMNS:
        if _CONTROL.search(c[name]):
            bad(name, "ô có ký tự điều khiển", "the cell has control characters")
    if c["card_code"] and not _CARD_CODE.fullmatch(c["card_code"]):
        bad(
            "card_code",
            "mã thẻ phải là mã số BHXH 10 chữ số (hoặc mã cũ: 2 chữ in hoa và 13 chữ số)",
            "the card code must be the 10-digit SI number (or an old 2 capitals + 13 digits)",
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
    if c["facility_code"] and not _FACILITY.fullmatch(c["facility_code"]):
        bad(
            "facility_code",
            "mã nơi KCB phải dạng “PP - CCC”",
            "the facility code must look like “PP - CCC”",
        )
    if c["vss_qr"]:
        try:
            qr = parse_health_card_qr(c["vss_qr"], allow_legacy=True)
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


def _check_size(path: Path) -> None:
    if larger_than(path, MAX_FILE_BYTES):
        raise KioskError(
            "import.too_large",
            vi=f"Tệp {path.name} lớn hơn {MAX_FILE_BYTES // 1024 // 1024} MB: không nhập. "
            "Chia tệp thành nhiều phần nhỏ hơn.",
            en=f"{path.name} is larger than {MAX_FILE_BYTES // 1024 // 1024} MB: not imported. "
            "Split it into smaller files.",
        )


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        return csv_rows(path, MAX_ROWS)  # one row past the limit: the rest is never read
    except csv.Error as err:  # Python 3.10: "line contains NUL"; any other malformed CSV
        raise KioskError(
            "import.unreadable",
            vi=f"Tệp {path.name} không phải CSV hợp lệ ({err}).",
            en=f"{path.name} is not a valid CSV file ({err}).",
        ) from None
    except UnicodeDecodeError:
        raise KioskError(
            "import.not_utf8",
            vi="Tệp CSV phải được lưu dạng UTF-8.",
            en="The CSV file must be saved as UTF-8.",
        ) from None


def _xlsx_rows(path: Path) -> list[list[Any]]:
    try:
        return xlsx_rows(path, MAX_ROWS)
    except UnreadableSheet:
        raise KioskError(
            "import.unreadable",
            vi=f"Không đọc được tệp {path.name}.",
            en=f"Cannot read {path.name}.",
        ) from None


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: rows read, cards added, rows already known; the refused rows."""

    rows: int
    imported: int
    unchanged: int
    refused: tuple[RowError, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The summary `python -m kiosk import-records` prints."""
        return {
            "rows": self.rows,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "refused": [
                {"row": e.row, "column": e.column, "vi": e.vi, "en": e.en} for e in self.refused
            ],
        }


def import_official_file(
    session: Session, ctx: KioskContext, path: Path, staff_id: uuid.UUID | None = None
) -> ImportSummary:
    """Read the file and store its cards in the caller's transaction, all or none.

    A row may only attach a card to a person registered here (matched by personal_id and
    birth date); a card already stored for that person is left as it is (a second import of
    the same file changes nothing). Any refused row refuses the file: import.rows_invalid
    with every error, nothing stored."""
    records = parse_official_file(path)
    errors: list[RowError] = []
    pending: list[tuple[OfficialRecord, Person]] = []
    unchanged = 0
    for number, record in enumerate(records, start=2):
        person = session.scalar(select(Person).where(Person.personal_id == record.personal_id))
        if person is None:
            errors.append(
                RowError(
                    number,
                    "personal_id",
                    "người này chưa đăng ký tại ki-ốt",
                    "this person is not registered at the kiosk",
                )
            )
            continue
        if not _same_birth(person.birth_date, record.birth_date):
            errors.append(
                RowError(number, "birth_date", "ngày sinh khác dữ liệu ki-ốt", "birth date differs")
            )
            continue
        known = session.scalar(
            select(IssuanceRecord.id).where(
                IssuanceRecord.person_id == person.id,
                IssuanceRecord.kind == IssuanceKind.OFFICIAL,
                IssuanceRecord.card_code == record.card_code,
                IssuanceRecord.qr_payload == record.vss_qr,
            )
        )
        if known is not None:
            unchanged += 1
        else:
            pending.append((record, person))
    if errors:
        raise _rows_invalid(errors)
    for record, person in pending:
        session.add(_issuance_record(record, person, path.name))
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "issuance.imported",
        entity="issuance_record",
        staff_id=staff_id,
        file=path.name,
        imported=len(pending),
        unchanged=unchanged,
    )
    return ImportSummary(len(records), len(pending), unchanged)


def _issuance_record(record: OfficialRecord, person: Person, source: str) -> IssuanceRecord:
    return IssuanceRecord(
        person_id=person.id,
        kind=IssuanceKind.OFFICIAL,
        card_code=record.card_code,
        facility_code=record.facility_code,
        facility_name=record.facility_name[:200],
        valid_from=_day(record.valid_from),
        valid_to=_day(record.valid_to),
        five_year_date=_day(record.five_year_date),
        issuing_place=record.issuing_place[:200],
        issue_date=_day(record.issue_date),
        qr_payload=record.vss_qr,  # verbatim: printed exactly as VSS issued it
        source_file=source[:300],
    )


def _day(text: str) -> date | None:
    return datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _same_birth(born: date, printed: str) -> bool:
    """The record's birth date (dd/mm/yyyy, mm/yyyy or yyyy) agrees with the person's."""
    parts = printed.split("/")
    return (
        parts[-1] == str(born.year)
        and (len(parts) < 2 or int(parts[-2]) == born.month)
        and (len(parts) < 3 or int(parts[0]) == born.day)
    )


def _rows_invalid(errors: list[RowError]) -> KioskError:
    first = errors[0]
    return KioskError(
        "import.rows_invalid",
        vi=f"Không nhập gì: {len(errors)} lỗi, ví dụ dòng {first.row} cột {first.column}: "
        f"{first.vi}.",
        en=f"Nothing imported: {len(errors)} errors, e.g. row {first.row} column "
        f"{first.column}: {first.en}.",
        errors=errors,
    )
