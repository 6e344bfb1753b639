"""The QR code on the CCCD chip card: id12|old id9|name|ddMMyyyy|Nam/Nữ|address|issue date."""

from __future__ import annotations

from datetime import date

from kiosk.domain.enums import Sex
from kiosk.domain.identity import validate_old_id, validate_personal_id
from kiosk.domain.inputs import normalize_name
from kiosk.domain.person import PersonDraft
from kiosk.domain.text import nfc
from kiosk.errors import KioskError

FIELDS = ("số định danh", "số CMND cũ", "họ tên", "ngày sinh", "giới tính", "địa chỉ", "ngày cấp")
FIELDS_EN = (
    "identity number",
    "old id",
    "full name",
    "date of birth",
    "sex",
    "address",
    "issue date",
)
MAX_LENGTH = 1000


class ScanError(KioskError):
    """A scan that cannot be used, with the reason (ask the person to scan again or type)."""


def parse_cccd_qr(text: str) -> PersonDraft:
    """Fill a person draft from the CCCD QR text; malformed or truncated scans are refused."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise _malformed("quá dài", "too long")
    value = nfc(text).strip("\r\n\t ")
    parts = value.split("|")
    if len(parts) != 7:
        raise ScanError(
            "scan.cccd_malformed",
            vi=f"Mã QR trên CCCD không đọc trọn: cần 7 phần, đọc được {len(parts)}. Xin quét lại.",
            en=f"The CCCD QR was not read completely: 7 parts expected, got {len(parts)}. Scan again.",
        )
    pid, old_id, name, birth, sex_text, address, issued = (p.strip() for p in parts)
    birth_date = _date(birth, 3)
    sex = {"nam": Sex.MALE, "nữ": Sex.FEMALE}.get(sex_text.lower())
    if sex is None:
        raise _field_error(4, f"“{sex_text}” không phải Nam/Nữ", f"{sex_text!r} is not Nam/Nữ")
    try:
        pid = validate_personal_id(pid, birth_date, sex)
        if old_id:
            old_id = validate_old_id(old_id)
        name = normalize_name(name)
    except KioskError as err:
        raise ScanError(
            "scan.cccd_invalid", vi=f"Mã QR CCCD: {err.vi}", en=f"CCCD QR: {err.en}"
        ) from None
    issue_date = _date(issued, 6) if issued else None
    if any(ord(c) < 32 for c in address):
        raise _field_error(5, "có ký tự điều khiển", "has control characters")
    return PersonDraft(
        full_name=name,
        birth_date=birth_date,
        sex=sex,
        personal_id=pid,
        old_id_number=old_id,
        address=" ".join(address.split()),
        province=pid[:3],
        issue_date=issue_date,
    )


def _date(text: str, index: int) -> date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise _field_error(
            index, f"“{text}” không phải ngàythángnăm (ddMMyyyy)", f"{text!r} is not ddMMyyyy"
        )
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        raise _field_error(
            index, f"ngày {text} không có thật", f"{text} is not a real date"
        ) from None


def _field_error(index: int, vi: str, en: str) -> ScanError:
    return ScanError(
        "scan.cccd_bad_field",
        vi=f"Mã QR CCCD sai ở {FIELDS[index]}: {vi}. Xin quét lại hoặc nhập tay.",
        en=f"CCCD QR has a bad {FIELDS_EN[index]}: {en}. Scan again or type the details.",
        field=FIELDS_EN[index],
    )


def _malformed(vi: str, en: str) -> ScanError:
    return ScanError("scan.cccd_malformed", vi=f"Mã QR CCCD {vi}.", en=f"The CCCD QR is {en}.")
