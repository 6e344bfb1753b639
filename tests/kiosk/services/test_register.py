"""Registration stores people, household, visit and enrollments with the quote, all or nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from kiosk.domain.enums import EnrollmentStatus, Scheme, Sex, SupportGroup
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.scan.cccd import parse_cccd_qr
from kiosk.services.context import KioskContext
from kiosk.services.register import (
    MemberRequest,
    RegistrationInvalid,
    SchemeChoice,
    preview_quote,
    register_visit,
)
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Enrollment, HouseholdMember, Person, Visit
from tests.support.factories import kiosk_context

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam
BHYT12 = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)


def _ctx() -> KioskContext:
    base = kiosk_context()
    return KioskContext(base.kiosk_id, base.event_id, base.receipt_series, clock=lambda: NOW)


def _family() -> list[MemberRequest]:
    mother = parse_cccd_qr(
        "066185000123||Nguyễn Thị Huyền|14031985|Nữ|Thôn 3, Ea Kao, Đắk Lắk|01082021"
    )
    father = parse_cccd_qr(
        "066080000456||Trần Văn Đức|02021980|Nam|Thôn 3, Ea Kao, Đắk Lắk|01082021"
    )
    child = PersonDraft(full_name="Trần Gia Bảo", birth_date=date(2015, 6, 1), sex=Sex.MALE)
    return [
        MemberRequest(
            mother, (BHYT12, SchemeChoice(Scheme.BHXH_VOLUNTARY, 1, 1_500_000, SupportGroup.OTHER))
        ),
        MemberRequest(father, (BHYT12,)),
        MemberRequest(child, (BHYT12,)),
    ]


def test_household_of_three_is_stored_with_its_quote(db: Database) -> None:
    """Mother (BHYT + voluntary SI), father and child: one visit, four enrollments, positions 1-3,
    exact amounts, cover from 25/12/2026 (30 days after payment) to 24/12/2027."""
    with db.unit_of_work() as s:
        result = register_visit(s, _ctx(), _family())
    assert result.quote.total == 1_366_200 + 264_000 + 956_340 + 819_720
    with db.read() as s:
        visit = s.get(Visit, result.visit_id)
        assert (
            visit is not None
            and visit.total == 3_406_260
            and visit.status is EnrollmentStatus.QUOTED
        )
        assert visit.quote_json["total"] == 3_406_260 and visit.policy_version.startswith(
            "bs2026-07-01"
        )
        rows = s.execute(
            select(
                Person.full_name,
                Enrollment.scheme,
                Enrollment.position,
                Enrollment.amount,
                Enrollment.start_date,
                Enrollment.end_date,
            )
            .join(Person)
            .order_by(Enrollment.amount.desc())
        ).all()
        assert [(r[0], r[2], r[3]) for r in rows] == [
            ("Nguyễn Thị Huyền", 1, 1_366_200),
            ("Trần Văn Đức", 2, 956_340),
            ("Trần Gia Bảo", 3, 819_720),
            ("Nguyễn Thị Huyền", None, 264_000),
        ]
        assert rows[0][4:] == (date(2026, 12, 25), date(2027, 12, 24))
        assert s.scalar(select(func.count()).select_from(HouseholdMember)) == 3
        assert (
            s.scalar(select(Person.name_folded).where(Person.personal_id == "066080000456"))
            == "tran van duc"
        )
        assert (
            s.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "visit.registered")
            )
            == 1
        )


def test_self_service_gets_queue_numbers_and_waits(db: Database) -> None:
    """Self-registrations wait as drafts with queue numbers 1, 2 for the day."""
    numbers = []
    for _ in range(2):
        with db.unit_of_work() as s:
            result = register_visit(s, _ctx(), _family()[2:], source="self_service")
            numbers.append(result.queue_number)
            assert s.get(Visit, result.visit_id).status is EnrollmentStatus.DRAFT  # type: ignore[union-attr]
    assert numbers == [1, 2]


def test_returning_person_is_updated_not_duplicated(db: Database) -> None:
    """Registering the same identity number again updates the stored person."""
    with db.unit_of_work() as s:
        register_visit(s, _ctx(), _family()[:1])
    with db.unit_of_work() as s:
        register_visit(s, _ctx(), _family()[:1])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1


def test_invalid_member_stores_nothing(db: Database) -> None:
    """A bad identity number on the third person rejects the whole registration, listing it."""
    family = _family()
    family[2] = MemberRequest(
        PersonDraft(
            full_name="Trần Gia Bảo",
            birth_date=date(2015, 6, 1),
            sex=Sex.MALE,
            personal_id="066216000001",
        ),
        (BHYT12,),
    )
    with pytest.raises(RegistrationInvalid) as err, db.unit_of_work() as s:
        register_visit(s, _ctx(), family)
    assert (
        err.value.problems[0][0] == 2 and err.value.problems[0][1].code == "identity.year_mismatch"
    )
    assert err.value.vi.startswith("Người thứ 3:")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_preview_needs_no_database() -> None:
    """The review screen's quote equals what registration stores."""
    assert preview_quote(_family(), date(2026, 11, 25)).total == 3_406_260
