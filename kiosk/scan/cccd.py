"""The QR code on the CCCD / căn cước card: every layout we know, read strictly or leniently.

Layouts and where they come from (fields separated by "|", UTF-8 text):
- 7 fields `id12|old id|full name|ddMMyyyy|Nam or Nữ|address|issue date ddMMyyyy`: the chip CCCD
  (/work/shared/domain/RULES.md; the same seven items are listed by baobariavungtau.com.vn,
  2022-12, "Người dân dùng giấy tờ gì thay thế sổ hộ khẩu": số CCCD, số CMND 9 số, họ và tên,
  ngày sinh, giới tính, nơi thường trú, ngày cấp; and read in this order by public parsers,
  e.g. github.com/dangbaokhoa/identity-card README). The exact byte layout is not published
  by the Ministry of Public Security: UNVERIFIED beyond these secondary sources.
- The old-id field holds 9 digits (CMND), 12 digits (an earlier 12-digit number) or nothing
  (RULES.md; the 12-digit case is not accepted by kiosk.domain.identity.validate_old_id, so it is
  kept in `CccdScan.old_id` but left out of the draft).
- 11 fields: the same 7 then 4 empty ones, on the căn cước issued since 2024-07-01 (RULES.md,
  measured on real cards; public test data in github.com/ThanhMinhKQ/htbinbin
  tests end "...|19032026||||"). What the 4 extra fields may hold is UNVERIFIED: kept as read.
- 6 fields without the old-id field `id12|name|dob|sex|address|issue`: UNVERIFIED (seen only in
  public sample code); read, but flagged so staff check every field.
- Anything else that starts with an identity number (a truncated read, extra fields, a prefix
  outside the province list such as a birth registered abroad): read as far as it goes and
  flagged, never thrown away.
- A keyboard-mode scanner cannot type "ễ" on most systems: an ASCII-only name is flagged so the
  person or staff check it ("diacritics lost").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kiosk.domain.enums import Sex
from kiosk.domain.identity import validate_personal_id
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
_SEXES = {"nam": Sex.MALE, "nữ": Sex.FEMALE, "nu": Sex.FEMALE}
_ID = re.compile(r"\d{12}|\d{9}")
_OLD_ID = re.compile(r"\d{9}|\d{12}")
# Problems that ask for a look but do not make the scan wrong (the strict parser accepts them).
WARNINGS = frozenset({"scan.cccd_unaccented", "scan.cccd_layout"})


class ScanError(KioskError):
    """A scan that cannot be used, with the reason (ask the person to scan again or type)."""


@dataclass(frozen=True)
class CccdScan:
    """What a CCCD QR said: the draft (best effort), the layout, and what must be checked."""

    draft: PersonDraft
    variant: str  # "cccd-7", "cancuoc-11", "no-old-id-6", "extra-fields", "truncated"
    problems: tuple[KioskError, ...]
    old_id: str = ""  # as read (9 or 12 digits, or "")
    extra: tuple[str, ...] = ()  # fields after the 7th, as read

    @property
    def errors(self) -> tuple[KioskError, ...]:
        """The problems that make a field wrong (warnings left out)."""
        return tuple(p for p in self.problems if p.code not in WARNINGS)


def parse_cccd_qr(text: str) -> PersonDraft:
    """Fill a person draft from the CCCD QR text; malformed or truncated scans are refused."""
    parts = _split(text)
    if not (len(parts) == 7 or _is_cancuoc(parts)):
        raise ScanError(
            "scan.cccd_malformed",
            vi=f"Mã QR trên CCCD không đọc trọn: cần 7 phần, đọc được {len(parts)}. Xin quét lại.",
            en=f"The CCCD QR was not read completely: 7 parts expected, got {len(parts)}. Scan again.",
        )
    scan = read_cccd(text)
    if scan.errors:
        raise scan.errors[0]
    return scan.draft


def read_cccd(text: str) -> CccdScan:
    """Read every field that can be read; raises ScanError only if this is not a CCCD at all."""
    parts = _split(text)
    if not _ID.fullmatch(parts[0].strip()):
        raise ScanError(
            "scan.cccd_malformed",
            vi="Mã này không bắt đầu bằng số định danh: không phải mã QR trên thẻ căn cước.",
            en="This code does not start with an identity number: it is not an ID card QR.",
        )
    problems: list[KioskError] = []
    variant, fields, extra = _layout(parts, problems)
    pid, old_id, name, birth_text, sex_text, address, issued = (f.strip() for f in fields)
    # A truncated read already says what is missing: no second message per empty field.
    cut = variant == "truncated"
    birth = None if cut and not birth_text else _date(birth_text, 3, problems)
    sex = _SEXES.get(sex_text.lower())
    if sex is None and not (cut and not sex_text):
        problems.append(
            _field_error(4, f"“{sex_text}” không phải Nam/Nữ", f"{sex_text!r} is not Nam/Nữ")
        )
    try:
        pid = validate_personal_id(pid, birth, sex)
    except KioskError as err:
        problems.append(
            ScanError("scan.cccd_invalid", vi=f"Mã QR CCCD: {err.vi}", en=f"CCCD QR: {err.en}")
        )
    if old_id and not _OLD_ID.fullmatch(old_id):
        problems.append(_field_error(1, "phải có 9 hoặc 12 chữ số", "must have 9 or 12 digits"))
    name = " ".join(name.split())
    try:
        name = normalize_name(name)
    except KioskError as err:
        problems.append(
            ScanError("scan.cccd_invalid", vi=f"Mã QR CCCD: {err.vi}", en=f"CCCD QR: {err.en}")
        )
    if name.isascii() and any(c.isalpha() for c in name):
        problems.append(_unaccented(name))
    issue_date = _date(issued, 6, problems) if issued else None
    if any(ord(c) < 32 or ord(c) == 127 for c in address):
        problems.append(_field_error(5, "có ký tự điều khiển", "has control characters"))
        address = "".join(c if c.isprintable() else " " for c in address)
    draft = PersonDraft(
        full_name=name,
        birth_date=birth,
        sex=sex,
        personal_id=pid,
        old_id_number=old_id if len(old_id) == 9 else "",
        address=" ".join(address.split()),
        province=pid[:3] if len(pid) == 12 else "",
        issue_date=issue_date,
    )
    return CccdScan(draft, variant, tuple(problems), old_id=old_id, extra=extra)


def _split(text: str) -> list[str]:
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise ScanError(
            "scan.cccd_malformed", vi="Mã QR CCCD quá dài.", en="The CCCD QR is too long."
        )
    return nfc(text).strip("\r\n\t \ufeff").split("|")


def _is_cancuoc(parts: list[str]) -> bool:
    """The 2024 căn cước layout: 7 fields then 4 empty ones."""
    return len(parts) == 11 and not any(p.strip() for p in parts[7:])


def _layout(parts: list[str], problems: list[KioskError]) -> tuple[str, list[str], tuple[str, ...]]:
    """The variant's name, the 7 fields in the usual order, and anything after them."""
    count = len(parts)
    if count == 7:
        return "cccd-7", parts, ()
    if _is_cancuoc(parts):
        return "cancuoc-11", parts[:7], tuple(parts[7:])
    if count > 7:
        problems.append(_layout_warning(count))
        return "extra-fields", parts[:7], tuple(parts[7:])
    second = parts[1].strip() if count > 1 else ""
    if count == 6 and any(c.isalpha() for c in second):
        problems.append(_layout_warning(count))
        return "no-old-id-6", [parts[0], "", *parts[1:]], ()
    problems.append(
        ScanError(
            "scan.cccd_malformed",
            vi=f"Mã QR trên CCCD không đọc trọn: cần 7 phần, đọc được {count}. "
            "Xin quét lại hoặc nhập phần còn thiếu.",
            en=f"The CCCD QR was not read completely: 7 parts expected, got {count}. "
            "Scan again or type what is missing.",
        )
    )
    return "truncated", parts + [""] * (7 - count), ()


def _date(text: str, index: int, problems: list[KioskError]) -> date | None:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        problems.append(
            _field_error(
                index, f"“{text}” không phải ngàythángnăm (ddMMyyyy)", f"{text!r} is not ddMMyyyy"
            )
        )
        return None
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        problems.append(
            _field_error(index, f"ngày {text} không có thật", f"{text} is not a real date")
        )
        return None


def _field_error(index: int, vi: str, en: str) -> ScanError:
    return ScanError(
        "scan.cccd_bad_field",
        vi=f"Mã QR CCCD sai ở {FIELDS[index]}: {vi}. Xin quét lại hoặc nhập tay.",
        en=f"CCCD QR has a bad {FIELDS_EN[index]}: {en}. Scan again or type the details.",
        field=FIELDS_EN[index],
    )


def _unaccented(name: str) -> ScanError:
    return ScanError(
        "scan.cccd_unaccented",
        vi=f"Họ tên đọc được không có dấu (“{name}”): máy quét đã làm mất dấu. "
        "Xin kiểm tra và sửa họ tên cho đúng như trên thẻ.",
        en=f"The name was read without diacritics ({name!r}): the scanner lost them. "
        "Check the name and correct it as printed on the card.",
        field="full name",
    )


def _layout_warning(count: int) -> ScanError:
    return ScanError(
        "scan.cccd_layout",
        vi=f"Mã QR thẻ căn cước có {count} phần, một dạng chưa gặp: xin kiểm tra từng thông tin.",
        en=f"The ID card QR has {count} parts, a layout not seen before: check every field.",
    )
