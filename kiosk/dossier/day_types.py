"""The plain records the dossier works on: people, lines, receipts, households, ledgers of a day
(filled by kiosk/dossier/records.py, the only module that reads the tables)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from kiosk.domain.enums import Scheme, Sex, SupportGroup, VoluntaryMode


@dataclass(frozen=True)
class PersonRecord:
    """A participant as the forms name them."""

    person_id: uuid.UUID
    full_name: str
    birth_date: date
    sex: Sex
    personal_id: str
    si_number: str  # mã số BHXH when VSS has given one, else ""
    phone: str
    address: str
    province_code: str  # the 3-digit code of the identity number's province, or ""
    ethnicity: str
    nationality: str


@dataclass(frozen=True)
class ReceiptRef:
    """The receipt a line was paid under."""

    receipt_id: uuid.UUID
    number: str  # as printed: the C45-BB series and number, "YT25MAU-0000012"
    issued_on: date  # Vietnam date
    total: int


@dataclass(frozen=True)
class Line:
    """One person in one scheme, paid on the day: one row of D03-TS or D05-TS."""

    enrollment_id: uuid.UUID
    visit_id: uuid.UUID
    scheme: Scheme
    person: PersonRecord
    receipt: ReceiptRef | None
    amount: int  # what the person paid, from the ledger
    months: int
    paid_on: date
    start_date: date | None = None  # health cover start
    end_date: date | None = None
    is_renewal: bool = False
    household_id: uuid.UUID | None = None
    position: int | None = None  # place in the household ladder
    support_group: SupportGroup | None = None
    mode: VoluntaryMode | None = None
    chosen_income: int | None = None
    support_amount: int = 0  # state and province together (voluntary SI)
    province_support: int = 0
    island: bool = False
    period_start: date | None = None  # first month paid (periodic voluntary SI)


@dataclass(frozen=True)
class MemberRecord:
    """A household member for the TK1-TS annex."""

    person: PersonRecord
    position: int
    relationship: str


@dataclass(frozen=True)
class HouseholdRecord:
    """A household: head, address, members (TK1-TS annex)."""

    household_id: uuid.UUID
    head: PersonRecord | None
    address: str
    province_code: str
    members: tuple[MemberRecord, ...]
    vss_code: str = ""  # Maso_HoGiadinh: VSS-issued, not held by the kiosk yet


@dataclass(frozen=True)
class VisitLedger:
    """A paid visit's money for one scheme three ways: its lines, its receipt, and its share of
    the confirmed payments (one payment pays every receipt of the visit: each receipt's total,
    and the visit's first entry also carries any difference, so a gap is never hidden)."""

    visit_id: uuid.UUID
    people: tuple[str, ...]
    receipt: ReceiptRef | None
    lines_total: int
    payments_net: int
    scheme: Scheme | None = None  # None: a receipt from before receipts were per scheme


@dataclass(frozen=True)
class LeftOut:
    """A visit of the day that is not in the dossier, and why (shown to staff, not hidden)."""

    visit_id: uuid.UUID
    reason: str  # "voided" or "unpaid"
    receipt: str  # the voided receipt's number, or ""
    people: tuple[str, ...]


@dataclass(frozen=True)
class DayRecords:
    """Everything the day's dossier is made of."""

    day: date
    lines: tuple[Line, ...]
    households: dict[uuid.UUID, HouseholdRecord]
    visits: tuple[VisitLedger, ...]
    left_out: tuple[LeftOut, ...] = ()
    totals: dict[Scheme, int] = field(default_factory=dict)

    def lines_of(self, scheme: Scheme) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.scheme == scheme)
