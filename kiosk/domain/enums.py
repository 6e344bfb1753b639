"""Enumerations shared by the whole kiosk; their values are stored in the database."""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # Python 3.10 (Ubuntu 22.04's system Python): the same behaviour, by hand

    class StrEnum(str, Enum):
        """A str whose value is the member's value (enum.StrEnum from Python 3.11)."""

        def __str__(self) -> str:
            return str(self.value)


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Scheme(StrEnum):
    """The two schemes sold at the booth."""

    BHYT_HOUSEHOLD = "bhyt_household"  # household health insurance
    BHXH_VOLUNTARY = "bhxh_voluntary"  # voluntary social insurance


class SupportGroup(StrEnum):
    """State support group for voluntary social insurance (the highest applicable wins)."""

    POOR = "poor"
    NEAR_POOR = "near_poor"
    ETHNIC_MINORITY = "ethnic_minority"
    OTHER = "other"


class VoluntaryMode(StrEnum):
    """How a voluntary social insurance contribution is paid (Law 41/2024 Art 36)."""

    PERIODIC = "periodic"  # 1, 3, 6 or 12 months
    ADVANCE = "advance"  # up to 60 months ahead, discounted
    BACK = "back"  # missing months, with interest


class EnrollmentStatus(StrEnum):
    DRAFT = "draft"  # self-registration waiting at the desk
    QUOTED = "quoted"
    PAID = "paid"
    CANCELLED = "cancelled"
    NOT_ELIGIBLE = "not_eligible"  # state-paid groups: recorded, not charged


class PaymentMethod(StrEnum):
    CASH = "cash"
    VIETQR = "vietqr"
    CARD = "card"


class PaymentStatus(StrEnum):
    PENDING = "pending"  # VietQR waiting for the money to be seen
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    VOIDED = "voided"


class Role(StrEnum):
    STAFF = "staff"
    SUPERVISOR = "supervisor"


class PrintStatus(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    REVIEW = "review"  # left "printing" by a crash: a person decides


class DocumentKind(StrEnum):
    RECEIPT = "receipt"
    CARD = "card"
    BOOKLET = "booklet"
    DECLARATION = "declaration"
    QUEUE_TICKET = "queue_ticket"
    SHIFT_REPORT = "shift_report"
    TEST_PAGE = "test_page"


class PrinterRole(StrEnum):
    RECEIPT = "receipt"
    CARD = "card"
    BOOKLET = "booklet"
    DECLARATION = "declaration"


class IssuanceKind(StrEnum):
    OFFICIAL = "official"  # imported from VSS with its QR string
    PROVISIONAL = "provisional"  # kiosk-signed confirmation


class ActivityKind(StrEnum):
    """Campaign counters the office reports."""

    VSSID_INSTALL = "vssid_install"
    NONCASH_PENSION = "noncash_pension"
    CONSULTATION = "consultation"


class ShiftStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
