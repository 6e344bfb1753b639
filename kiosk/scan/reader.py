"""One entry for every scanned code: CCCD, health card, or unknown, and never a lost scan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.domain.enums import Sex, StrEnum
from kiosk.domain.person import PersonDraft
from kiosk.domain.text import nfc
from kiosk.errors import KioskError
from kiosk.scan.cccd import WARNINGS, ScanError, read_cccd
from kiosk.scan.health_card import HealthCardData, parse_health_card_qr

MAX_BYTES = 4096  # a CCCD QR is ~150 bytes, a card QR ~400: anything far longer is not a scan
SHOWN_CHARS = 160
_CARD_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
# "Please check" notes: the scan is usable, the person or staff should look at one field.
NOTES = WARNINGS | {"scan.card_without_id"}


class ScanKind(StrEnum):
    CCCD = "cccd"
    HEALTH_CARD = "health_card"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ScanResult:
    """A scan as read. `person` is filled as far as the code allows (empty for unknown codes);
    `problems` say what must be checked or completed, in both languages."""

    kind: ScanKind
    text: str  # the scan as text (NFC, outer spaces and line ends removed)
    person: PersonDraft
    problems: tuple[KioskError, ...] = ()
    variant: str = ""
    card: HealthCardData | None = None

    @property
    def complete(self) -> bool:
        """Nothing to check: every field was read and agrees with the others."""
        return not self.problems

    @property
    def errors(self) -> tuple[KioskError, ...]:
        """The problems that are wrong fields rather than "please check" notes."""
        return tuple(p for p in self.problems if p.code not in NOTES)

    @property
    def shown(self) -> str:
        """What was read, safe to put on a screen: control characters as "·", cut short."""
        text = "".join(c if c.isprintable() else "·" for c in self.text)
        return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def read_scan(data: bytes | str) -> ScanResult:
    """Classify and read a scan; raises only KioskError (empty or far too long input)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_BYTES:
        raise ScanError(
            "scan.too_long",
            vi=f"Mã quét dài {len(raw)} byte, quá dài cho thẻ căn cước hay thẻ BHYT.",
            en=f"The scan is {len(raw)} bytes, too long for an ID card or a health card.",
        )
    problems: list[KioskError] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # The scanner sends another code page: keep every byte we can, say so.
        text = raw.decode("utf-8", errors="replace")
        problems.append(
            ScanError(
                "scan.not_utf8",
                vi="Máy quét gửi chữ không theo UTF-8: chữ có dấu bị hỏng, xin kiểm tra họ tên.",
                en="The scanner did not send UTF-8: accented letters are damaged; check the name.",
            )
        )
    text = nfc(text).strip("\r\n\t \ufeff\x00")
    if not text:
        raise ScanError("scan.empty", vi="Mã quét trống.", en="The scan is empty.")
    if text.endswith("|$"):
        try:
            card = parse_health_card_qr(text, allow_legacy=True)
        except KioskError as err:
            return _unknown(text, [*problems, err])
        variant = "health-14" if text.count("|") == 14 else "health-16"
        return ScanResult(
            ScanKind.HEALTH_CARD,
            text,
            _card_person(card),
            (*problems, _no_id(card)),
            variant,
            card,
        )
    try:
        scan = read_cccd(text)
    except KioskError:
        return _unknown(text, problems)
    return ScanResult(ScanKind.CCCD, text, scan.draft, (*problems, *scan.problems), scan.variant)


def _unknown(text: str, problems: list[KioskError]) -> ScanResult:
    result = ScanResult(ScanKind.UNKNOWN, text, PersonDraft())
    shown = result.shown
    unknown = KioskError(
        "scan.unknown",
        vi=f"Không nhận ra mã này (không phải mã QR thẻ căn cước hay thẻ BHYT). Đã đọc: «{shown}»",
        en=f"This code is not known (not an ID card or health card QR). Read: «{shown}»",
        text=shown,
    )
    return ScanResult(ScanKind.UNKNOWN, text, PersonDraft(), (unknown, *problems))


def _card_person(card: HealthCardData) -> PersonDraft:
    """The person fields a health card carries (it has no personal identification number)."""
    match = _CARD_DATE.fullmatch(card.birth_date)
    born = None
    if match:
        try:
            born = date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            born = None
    sex = {"1": Sex.MALE, "2": Sex.FEMALE}.get(card.sex)
    si = card.card_code[-10:] if card.card_code[-10:].isdigit() else ""
    return PersonDraft(
        full_name=" ".join(card.full_name.split()),
        birth_date=born,
        sex=sex,
        legacy_si_code=si,
        address=" ".join(card.address.split()),
    )


def _no_id(card: HealthCardData) -> KioskError:
    return KioskError(
        "scan.card_without_id",
        vi=f"Đã đọc thẻ BHYT {card.card_code}: thẻ không có số định danh, xin nhập số CCCD.",
        en=f"Health card {card.card_code} read: it has no identity number; type the CCCD number.",
    )


def scan_json(result: ScanResult) -> dict[str, Any]:
    """The fields `python -m kiosk scanner test` prints for one scan."""
    out: dict[str, Any] = {"kind": str(result.kind)}
    person = result.person
    if result.kind == ScanKind.CCCD:
        out["personal_id"] = person.personal_id
        out["full_name"] = person.full_name
        out["birth_date"] = person.birth_date.isoformat() if person.birth_date else None
        out["sex"] = str(person.sex) if person.sex else None
    elif result.kind == ScanKind.HEALTH_CARD and result.card is not None:
        out["card_code"] = result.card.card_code
        out["full_name"] = result.card.full_name
    else:
        out["text"] = result.shown
    if result.variant:
        out["variant"] = result.variant
    out["problems"] = [p.code for p in result.problems]
    return out
