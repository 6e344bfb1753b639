"""Plain, frozen document models handed to the renderers (no database, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class CardDocument:
    """A health insurance card (official from VSS, or a kiosk-signed provisional one)."""

    card_code: str
    full_name: str
    birth_date: str  # as printed: dd/mm/yyyy, or a year only
    sex: str  # "Nam" / "Nữ" as printed
    address: str
    facility_code: str  # "PP - CCC"
    facility_name: str
    valid_from: str
    valid_to: str
    five_year_date: str
    issuing_place: str
    issue_date: str
    provisional: bool
    qr_payload: str  # the VSS QR verbatim, or the kiosk-signed provisional payload


@dataclass(frozen=True)
class BookletCoverDocument:
    """Variable fields of a social insurance booklet cover (pre-printed stock)."""

    si_number: str
    full_name: str
    birth_date: str  # dd/mm/yyyy, mm/yyyy or yyyy when the day or month is unknown
    sex: str
    nationality: str
    identity_number: str


@dataclass(frozen=True)
class HouseholdMember:
    """One appendix row of the TK1-TS declaration."""

    full_name: str
    birth_date: str
    sex: str
    identity_number: str
    relationship: str


@dataclass(frozen=True)
class DeclarationDocument:
    """Part I of declaration form TK1-TS plus its household appendix."""

    full_name: str  # [01], printed in capitals
    sex: str  # [02]
    birth_date: str  # [03]
    nationality: str  # [04]
    ethnicity: str  # [05]
    identity_number: str  # [06]
    phone: str
    address: str  # address for receiving results
    voluntary_income: int | None  # chosen monthly income (voluntary SI), whole đồng
    payment_mode: str  # e.g. "Hằng tháng", "3 tháng", "12 tháng"
    facility: str  # first-care facility (health insurance)
    members: tuple[HouseholdMember, ...] = ()
    place_and_date: str = ""  # "Đắk Lắk, ngày 14 tháng 3 năm 2025"


@dataclass(frozen=True)
class ReceiptLine:
    person: str
    description: str  # scheme and period, e.g. "BHYT hộ gia đình 12 tháng (01/2025–12/2025)"
    amount: int


@dataclass(frozen=True)
class ReceiptPayment:
    method: str  # label as printed, e.g. "Tiền mặt"
    amount: int


@dataclass(frozen=True)
class ReceiptDocument:
    """A receipt with series + gapless number."""

    event_name: str
    venue: str
    kiosk_id: str
    series: str
    number: int
    issued_at: datetime
    staff_name: str
    lines: tuple[ReceiptLine, ...]
    total: int
    payments: tuple[ReceiptPayment, ...] = ()
    tendered: int | None = None
    change: int | None = None
    qr_payload: str | None = None
    qr_caption: str = ""
    void: bool = False


@dataclass(frozen=True)
class QueueTicketDocument:
    """A self-registration ticket: queue number, name, total and a VietQR to pay."""

    number: str
    name: str
    total: int
    vietqr_payload: str | None = None


@dataclass(frozen=True)
class ShiftReportDocument:
    """An X (interim) or Z (closing) shift report."""

    title: str  # "X" or "Z"
    rows: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    subtitle: str = ""  # kiosk, staff, period
