"""Plain, frozen document models handed to the renderers (no database, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class CardDocument:
    """An official health insurance card, only ever from VSS's own record (Decision 1666)."""

    card_code: str  # as VSS issued it: the 10-digit SI number (older cards: 15 characters)
    full_name: str
    birth_date: str  # as printed: dd/mm/yyyy, or a year only
    sex: str  # "Nam" / "Nữ" as printed
    facility_code: str  # "PP - CCC", letters allowed ("01 - C54")
    facility_name: str
    valid_from: str
    five_year_date: str
    issuing_place: str
    issue_date: str
    qr_payload: str  # the VSS QR verbatim
    valid_to: str = ""  # only older cards have an end date
    benefit_level: str = ""
    sample: bool = False  # "MẪU": a sample or test print


@dataclass(frozen=True)
class ProvisionalDocument:
    """The kiosk's signed confirmation that a person paid and is registered (not a card)."""

    issuer: str  # the collecting point: "[agent], tổ chức được BHXH uỷ quyền thu"
    full_name: str
    birth_date: str
    sex: str
    identity_number: str  # the person's identity number: never an invented card code
    amount: str  # "1.366.200 đ"
    receipt: str  # the receipt (C45-BB) that paid it, "YT25MAU-0000042"
    period: str  # "25/12/2026 – 24/12/2027"
    card_from: str  # when the card is valid: 30 days after payment for a first-time member
    issue_date: str
    expires: str  # the last day this confirmation stands (`verify` says so after it)
    qr_payload: str  # kiosk-signed
    sample: bool = False


@dataclass(frozen=True)
class BookletCoverDocument:
    """Variable fields of a social insurance booklet cover (pre-printed stock)."""

    si_number: str
    full_name: str
    birth_date: str  # dd/mm/yyyy, mm/yyyy or yyyy when the day or month is unknown
    sex: str
    nationality: str
    identity_number: str
    sample: bool = False  # "MẪU": a sample or test print


@dataclass(frozen=True)
class HouseholdMember:
    """One row of the TK1-TS household appendix (members covered elsewhere too, with why)."""

    full_name: str
    birth_date: str
    sex: str
    identity_number: str
    relationship: str  # to the head of household, as typed
    si_number: str = ""  # the SI number VSS gave, or the identity number that is it; else ""
    birth_place: str = ""  # place of birth registration (not held by the kiosk: blank)
    note: str = ""  # e.g. "Đã có BHYT: học sinh, sinh viên"


@dataclass(frozen=True)
class DeclarationDocument:
    """Declaration form TK1-TS, Part I (numbered as the form, see declaration.toml), and the
    household appendix."""

    full_name: str  # [01], printed in capitals
    birth_date: str  # [02]
    sex: str  # [03]
    nationality: str  # [04]
    ethnicity: str  # [05]
    address: str  # [07] address for receiving results
    identity_number: str  # [08]
    phone: str  # [09]
    amount: str  # [11] "1.366.200 đ", voluntary SI: with the chosen income
    payment_mode: str  # [12] e.g. "Hằng tháng", "12 tháng"
    facility: str  # [13] first-care facility (health insurance), blank when not chosen
    birth_place: str = ""  # [06] not held by the kiosk: blank for the person to fill in
    guardian: str = ""  # [10] parent or guardian of a child under 6: not held, blank
    head_name: str = ""  # appendix header: head of household
    head_identity: str = ""
    head_phone: str = ""
    household_address: str = ""
    members: tuple[HouseholdMember, ...] = ()
    place_and_date: str = ""  # "Đắk Lắk, ngày 14 tháng 3 năm 2025"
    sample: bool = False  # "MẪU": a sample or test print


@dataclass(frozen=True)
class ReceiptLine:
    """One person on a receipt: what was paid for, or why nothing was (covered elsewhere)."""

    person: str
    description: str  # "Tiền đóng BHYT, phương thức đóng 12 tháng, từ 25/12/2026 đến 24/12/2027"
    amount: int


@dataclass(frozen=True)
class ReceiptDocument:
    """A receipt in the collection agents' form C45-BB (Circular 107/2017/TT-BTC): one scheme,
    its series symbol and number, the payer, the content per person and period, the amount in
    figures and in words, signature blocks, the verification code and its QR."""

    agent_name: str  # "[agent], tổ chức được BHXH uỷ quyền thu"
    agent_code: str
    symbol: str  # ký hiệu: the scheme's series VSS allocated to the agent
    number: str  # "0000042"
    issued_at: datetime
    payer_name: str
    payer_si_number: str  # the SI number VSS gave, or the identity number that is it
    payer_address: str
    lines: tuple[ReceiptLine, ...]
    total: int
    total_words: str  # "Một triệu ba trăm sáu mươi sáu nghìn hai trăm đồng"
    collector: str  # who took the money
    payment_methods: str = ""  # "Tiền mặt", "Tiền mặt, VietQR"
    verify_code: str = ""
    qr_payload: str = ""  # the receipt's verification QR (same on paper and PDF)
    place: str = ""  # where it was collected: the event, the venue and the kiosk
    void: bool = False
    sample: bool = False  # "MẪU": a sample or test print, not a receipt

    @property
    def label(self) -> str:
        """The receipt number as people read it: "<symbol>-<number>"."""
        return f"{self.symbol}-{self.number}"


@dataclass(frozen=True)
class QueueTicketDocument:
    """A self-registration ticket: queue number, name, total and a VietQR to pay."""

    number: str
    name: str
    total: int
    vietqr_payload: str | None = None
    sample: bool = False  # "MẪU": a sample or test print


@dataclass(frozen=True)
class ShiftReportDocument:
    """An X (interim) or Z (closing) shift report."""

    title: str  # "X" or "Z"
    rows: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    subtitle: str = ""  # kiosk, staff, period
    notes: tuple[str, ...] = ()  # lines after the figures ("Trong đó xác nhận ngoài ca: …")
    sample: bool = False  # "MẪU": a sample or test print
