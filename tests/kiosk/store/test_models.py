"""Every model round-trips through the database with its types intact (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kiosk.domain.enums import (
    ActivityKind,
    DocumentKind,
    EnrollmentStatus,
    IssuanceKind,
    PaymentMethod,
    PaymentStatus,
    PrinterRole,
    PrintStatus,
    Role,
    Scheme,
    Sex,
    SupportGroup,
    VoluntaryMode,
)
from kiosk.domain.localtime import UTC
from kiosk.store.db import Database
from kiosk.store.models import (
    AuditEntry,
    CampaignActivity,
    Enrollment,
    Household,
    HouseholdMember,
    IssuanceRecord,
    Payment,
    Person,
    PrintJob,
    Receipt,
    Staff,
    Visit,
)

WHEN = datetime(2026, 11, 25, 9, 30, 15, 123456, tzinfo=UTC)


def test_full_graph_round_trips(any_db: Database) -> None:
    """A household with two members, a visit, enrollments, payment, receipt, card record, print
    job, campaign tap and audit entry come back with exact values, enums and UTC times."""
    with any_db.unit_of_work() as s:
        staff = Staff(name="Lê Văn Tám", role=Role.SUPERVISOR, pin_hash="$argon2id$x")
        a = Person(
            personal_id="066185000123",
            full_name="Nguyễn Thị Huyền",
            name_folded="nguyen thi huyen",
            birth_date=date(1985, 3, 14),
            sex=Sex.FEMALE,
            address="Buôn Ma Thuột, Đắk Lắk",
            legacy_si_code="6601234567",
            phone="0912345678",
        )
        b = Person(
            full_name="Y Blô Niê", birth_date=date(2012, 1, 2), sex=Sex.MALE, ethnicity="Ê Đê"
        )
        s.add_all([staff, a, b])
        s.flush()
        hh = Household(head_person_id=a.id, address=a.address)
        hh.members = [
            HouseholdMember(person_id=a.id, position=1),
            HouseholdMember(person_id=b.id, position=2),
        ]
        visit = Visit(
            kiosk_id="K01",
            total=2_322_540,
            policy_version="bs2026-07-01",
            quote_json={"total": 2_322_540},
            staff_id=staff.id,
            paid_at=WHEN,
        )
        s.add_all([hh, visit])
        s.flush()
        s.add_all(
            [
                Enrollment(
                    visit_id=visit.id,
                    person_id=a.id,
                    household_id=hh.id,
                    scheme=Scheme.BHYT_HOUSEHOLD,
                    months=12,
                    position=1,
                    amount=1_366_200,
                    status=EnrollmentStatus.PAID,
                    start_date=date(2026, 12, 25),
                    end_date=date(2027, 12, 24),
                ),
                Enrollment(
                    visit_id=visit.id,
                    person_id=b.id,
                    scheme=Scheme.BHXH_VOLUNTARY,
                    months=1,
                    support_group=SupportGroup.ETHNIC_MINORITY,
                    mode=VoluntaryMode.PERIODIC,
                    chosen_income=1_500_000,
                    amount=231_000,
                ),
                Payment(
                    visit_id=visit.id,
                    kiosk_id="K01",
                    method=PaymentMethod.CASH,
                    status=PaymentStatus.CONFIRMED,
                    amount=2_322_540,
                    tendered=2_400_000,
                    change=77_460,
                    idempotency_key="k1",
                ),
                Receipt(
                    visit_id=visit.id,
                    kiosk_id="K01",
                    series="K01",
                    number=1,
                    total=2_322_540,
                    issued_at=WHEN,
                ),
                IssuanceRecord(
                    person_id=a.id,
                    kind=IssuanceKind.PROVISIONAL,
                    card_code="HG4666612345678",
                    qr_payload="BHXHK1|abc",
                ),
                PrintJob(
                    kind=DocumentKind.CARD,
                    printer_role=PrinterRole.CARD,
                    status=PrintStatus.QUEUED,
                    kiosk_id="K01",
                    guard_key=f"card:{a.id}",
                    params_json={"x": 1},
                ),
                CampaignActivity(
                    kind=ActivityKind.VSSID_INSTALL, kiosk_id="K01", staff_id=staff.id
                ),
                AuditEntry(kiosk_id="K01", action="payment.recorded", detail={"amount": 2_322_540}),
            ]
        )
        visit_id, a_id = visit.id, a.id
    with any_db.read() as s:
        v = s.get(Visit, visit_id)
        assert v is not None and v.total == 2_322_540 and v.paid_at == WHEN
        assert isinstance(v.id, uuid.UUID)
        amounts = sorted((e.scheme, e.amount) for e in v.enrollments)
        assert amounts == [(Scheme.BHXH_VOLUNTARY, 231_000), (Scheme.BHYT_HOUSEHOLD, 1_366_200)]
        person = s.get(Person, a_id)
        assert (
            person is not None
            and person.full_name == "Nguyễn Thị Huyền"
            and person.sex is Sex.FEMALE
        )
        hh = s.scalars(select(Household)).one()
        assert [m.position for m in hh.members] == [1, 2]
        pay = s.scalars(select(Payment)).one()
        assert (pay.method, pay.tendered, pay.change) == (PaymentMethod.CASH, 2_400_000, 77_460)
        assert s.scalars(select(Receipt)).one().issued_at == WHEN
        assert s.scalars(select(PrintJob)).one().params_json == {"x": 1}
        assert s.scalars(select(CampaignActivity)).one().kind is ActivityKind.VSSID_INSTALL


def test_duplicate_receipt_number_is_refused(any_db: Database) -> None:
    """The database itself refuses a second receipt with the same series and number."""
    with any_db.unit_of_work() as s:
        visit = Visit(kiosk_id="K01")
        s.add(visit)
        s.flush()
        s.add(
            Receipt(
                visit_id=visit.id, kiosk_id="K01", series="K01", number=7, total=1, issued_at=WHEN
            )
        )
    with pytest.raises(IntegrityError), any_db.unit_of_work() as s:
        s.add(
            Receipt(
                visit_id=visit.id, kiosk_id="K01", series="K01", number=7, total=1, issued_at=WHEN
            )
        )


def test_naive_datetimes_are_refused(db: Database) -> None:
    """A naive datetime cannot be stored: every time in the store is UTC-aware."""
    with pytest.raises(Exception, match="naive"), db.unit_of_work() as s:
        s.add(AuditEntry(kiosk_id="K01", action="x", at=datetime(2026, 1, 1)))
