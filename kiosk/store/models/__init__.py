"""All SQLAlchemy models of the kiosk, importable from one place."""

from kiosk.store.models.enrollment import Enrollment, IssuanceRecord, Visit
from kiosk.store.models.event import Event, Kiosk, Staff
from kiosk.store.models.household_year import (
    HouseholdYear,
    HouseholdYearMember,
    VoluntarySupportRecord,
)
from kiosk.store.models.money import (
    CashMovement,
    Payment,
    Receipt,
    ReceiptBook,
    ReceiptSeries,
    Shift,
)
from kiosk.store.models.ops import AuditEntry, CampaignActivity, ImportedBundle, PrintJob
from kiosk.store.models.people import Household, HouseholdMember, Person, PersonNameToken
from kiosk.store.types import Base

__all__ = [
    "AuditEntry",
    "Base",
    "CampaignActivity",
    "CashMovement",
    "Enrollment",
    "Event",
    "Household",
    "HouseholdMember",
    "HouseholdYear",
    "HouseholdYearMember",
    "ImportedBundle",
    "IssuanceRecord",
    "Kiosk",
    "Payment",
    "Person",
    "PersonNameToken",
    "PrintJob",
    "Receipt",
    "ReceiptBook",
    "ReceiptSeries",
    "Shift",
    "Staff",
    "Visit",
    "VoluntarySupportRecord",
]
