"""The household's fiscal year across visits: positions, covered members, corrections."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from kiosk.domain.enums import EnrollmentStatus, Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.household_corrections import correct_member
from kiosk.services.household_year import (
    DeclaredMember,
    declare_members,
    find_household_year,
    household_year_view,
)
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import (
    AuditEntry,
    Enrollment,
    Household,
    HouseholdMember,
    HouseholdYear,
    Visit,
)
from tests.support.factories import kiosk_context

BHYT12 = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)
MOTHER = PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185000123")
FATHER = PersonDraft("Trần Văn Đức", date(1980, 2, 2), Sex.MALE, "066080000456")
CHILD = PersonDraft("Trần Gia Bảo", date(2022, 6, 1), Sex.MALE, "066222000789")


def _ctx(day: date = date(2026, 11, 25)) -> KioskContext:
    base = kiosk_context()
    when = datetime(day.year, day.month, day.day, 3, 0, tzinfo=UTC)
    return KioskContext(base.kiosk_id, base.event_id, base.receipt_series, clock=lambda: when)


def test_second_member_in_a_later_visit_pays_70_percent(db: Database) -> None:
    """The mother paid on 02/03/2026; the father comes on 25/11/2026 to the same household's
    record: he is the 2nd member and pays 70 % of 1,366,200 = 956,340, not 1,366,200."""
    with db.unit_of_work() as s:
        first = register_visit(s, _ctx(date(2026, 3, 2)), [MemberRequest(MOTHER, (BHYT12,))])
    assert first.quote.total == 1_263_600  # base salary 2,340,000 before 2026-07-01
    with db.unit_of_work() as s:
        second = register_visit(
            s, _ctx(), [MemberRequest(FATHER, (BHYT12,))], household_year_id=first.household_year_id
        )
    line = second.quote.lines[0]
    assert (line.position, line.amount) == (2, 956_340)
    assert second.household_year_id == first.household_year_id
    with db.read() as s:
        assert first.household_year_id is not None
        view = household_year_view(s, first.household_year_id)
        assert [(m.full_name, m.position, m.status) for m in view.members] == [
            ("Nguyễn Thị Huyền", 1, "paying"),
            ("Trần Văn Đức", 2, "paying"),
        ]
        assert [m.visit_id for m in view.members] == [first.visit_id, second.visit_id]
        enrollment = s.scalars(
            select(Enrollment).where(Enrollment.visit_id == second.visit_id)
        ).one()
        assert (enrollment.position, enrollment.amount) == (2, 956_340)
        members = s.scalars(select(HouseholdMember).order_by(HouseholdMember.position)).all()
        assert [m.position for m in members] == [1, 2]


def test_a_recorded_member_brings_the_record_along(db: Database) -> None:
    """Without the record's id, a visit with a member already in this year's record continues
    it: the mother keeps position 1 (a renewal), the child is 3rd after the father (60 %)."""
    with db.unit_of_work() as s:
        first = register_visit(
            s, _ctx(), [MemberRequest(MOTHER, (BHYT12,)), MemberRequest(FATHER, (BHYT12,))]
        )
    with db.unit_of_work() as s:
        again = register_visit(
            s, _ctx(), [MemberRequest(MOTHER, (BHYT12,)), MemberRequest(CHILD, (BHYT12,))]
        )
    assert [(x.position, x.amount) for x in again.quote.lines] == [(1, 1_366_200), (3, 819_720)]
    assert again.household_year_id == first.household_year_id


def test_covered_child_is_recorded_not_charged_not_counted(db: Database) -> None:
    """A child under 6 (state-paid card) is listed with the reason, has no enrollment, and the
    father after him is still the 2nd payer."""
    family = [
        MemberRequest(MOTHER, (BHYT12,)),
        MemberRequest(CHILD, (), covered_reason="child_under_6"),
        MemberRequest(FATHER, (BHYT12,)),
    ]
    with db.unit_of_work() as s:
        result = register_visit(s, _ctx(), family)
    assert [(x.person_ref, x.position, x.amount, x.covered_reason) for x in result.quote.lines] == [
        ("0", 1, 1_366_200, None),
        ("1", None, 0, "child_under_6"),
        ("2", 2, 956_340, None),
    ]
    with db.read() as s:
        assert result.household_year_id is not None
        view = household_year_view(s, result.household_year_id)
        assert view.already_paid == 2 and view.next_position == 3
        covered = [m for m in view.members if m.status == "covered"]
        assert [(m.full_name, m.covered_reason, m.position) for m in covered] == [
            ("Trần Gia Bảo", "child_under_6", None)
        ]
        people = s.scalars(
            select(Enrollment.person_id).where(Enrollment.visit_id == result.visit_id)
        )
        assert result.person_ids[1] not in set(people)


def test_declared_payers_take_the_first_positions(db: Database) -> None:
    """The attendee says 2 members paid at the commune this year: she is the 3rd (60 %)."""
    with db.unit_of_work() as s:
        result = register_visit(
            s, _ctx(), [MemberRequest(MOTHER, (BHYT12,))], source="self_service", declared_paid=2
        )
    assert [(x.position, x.amount) for x in result.quote.lines] == [(3, 819_720)]
    with db.read() as s:
        assert result.household_year_id is not None
        view = household_year_view(s, result.household_year_id)
        assert [(m.position, m.paid_source) for m in view.members] == [
            (1, "declared"),
            (2, "declared"),
            (3, "visit"),
        ]


def test_staff_correction_swaps_positions_and_is_audited(db: Database) -> None:
    """Staff moves the father to 1st with a reason: the mother takes 2nd; the audit keeps the
    reason and both states. Without a reason nothing changes."""
    with db.unit_of_work() as s:
        result = register_visit(
            s, _ctx(), [MemberRequest(MOTHER, (BHYT12,)), MemberRequest(FATHER, (BHYT12,))]
        )
    assert result.household_year_id is not None
    with db.read() as s:
        father = household_year_view(s, result.household_year_id).members[1]
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        correct_member(s, _ctx(), father.id, reason="  ", staff_id=None, position=1)
    assert err.value.code == "household_year.reason_required"
    with db.unit_of_work() as s:
        view = correct_member(
            s, _ctx(), father.id, reason="Chủ hộ đóng trước ở xã", staff_id=None, position=1
        )
    assert [(m.full_name, m.position) for m in view.members] == [
        ("Nguyễn Thị Huyền", 2),
        ("Trần Văn Đức", 1),
    ]
    with db.read() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "household_year.corrected")
        ).one()
        assert entry.detail["reason"] == "Chủ hộ đóng trước ở xã"
        assert entry.detail["before"]["position"] == 2 and entry.detail["after"]["position"] == 1


def test_correction_to_covered_frees_the_position(db: Database) -> None:
    """A member found insured at school becomes covered (no position); the next payer then
    takes the freed place: the record counts 1 payer and the next position is 2."""
    with db.unit_of_work() as s:
        result = register_visit(
            s, _ctx(), [MemberRequest(MOTHER, (BHYT12,)), MemberRequest(CHILD, (BHYT12,))]
        )
    assert result.household_year_id is not None
    with db.unit_of_work() as s:
        child = household_year_view(s, result.household_year_id).members[1]
        view = correct_member(
            s,
            _ctx(),
            child.id,
            reason="Có thẻ BHYT học sinh",
            staff_id=None,
            status="covered",
            covered_reason="pupil_student",
        )
    assert (view.already_paid, view.next_position) == (1, 2)
    assert view.members[1].covered_reason == "pupil_student"


def test_a_cancelled_visit_gives_its_position_back(db: Database) -> None:
    """The mother's visit was cancelled: the father then registers as the 1st payer."""
    with db.unit_of_work() as s:
        first = register_visit(s, _ctx(), [MemberRequest(MOTHER, (BHYT12,))])
        s.get_one(Visit, first.visit_id).status = EnrollmentStatus.CANCELLED
    with db.unit_of_work() as s:
        second = register_visit(
            s, _ctx(), [MemberRequest(FATHER, (BHYT12,))], household_year_id=first.household_year_id
        )
    assert [(x.position, x.amount) for x in second.quote.lines] == [(1, 1_366_200)]


def test_declared_members_and_lookup_by_identity_number(db: Database) -> None:
    """VSS records add the grandmother as 2nd; the record is found by the mother's number."""
    with db.unit_of_work() as s:
        first = register_visit(s, _ctx(), [MemberRequest(MOTHER, (BHYT12,))])
        assert first.household_year_id is not None
        view = declare_members(
            s, _ctx(), first.household_year_id, [DeclaredMember("Lê Thị Bà", source="vss_record")]
        )
    assert [(m.full_name, m.position, m.paid_source) for m in view.members][1] == (
        "Lê Thị Bà",
        2,
        "vss_record",
    )
    with db.read() as s:
        found = find_household_year(s, 2026, personal_ids=["066185000123"])
        assert found is not None and found.id == first.household_year_id
        assert find_household_year(s, 2027, personal_ids=["066185000123"]) is None


def test_a_new_fiscal_year_starts_a_new_ladder(db: Database) -> None:
    """On 02/01/2027 the mother's 2026 record is not continued: the father is 1st again, and
    naming the 2026 record is refused."""
    with db.unit_of_work() as s:
        first = register_visit(s, _ctx(), [MemberRequest(MOTHER, (BHYT12,))])
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        register_visit(
            s,
            _ctx(date(2027, 1, 2)),
            [MemberRequest(FATHER, (BHYT12,))],
            household_year_id=first.household_year_id,
        )
    assert err.value.code == "household_year.other_year"
    with db.unit_of_work() as s:
        later = register_visit(
            s,
            _ctx(date(2027, 1, 2)),
            [MemberRequest(MOTHER, (BHYT12,)), MemberRequest(FATHER, (BHYT12,))],
        )
    assert [x.position for x in later.quote.lines] == [1, 2]
    assert later.household_year_id != first.household_year_id


def test_members_known_from_vss_records_are_recorded_so(db: Database) -> None:
    """The desk opens a household's year with 2 members known from VSS records: they take
    positions 1-2 with the source "vss_record" and the mother is 3rd (60 % = 819,720 đ); an
    unknown source is a programming error, refused before anything is stored."""
    with db.unit_of_work() as s:
        result = register_visit(
            s,
            _ctx(),
            [MemberRequest(MOTHER, (BHYT12,))],
            declared_paid=2,
            declared_source="vss_record",
        )
    assert [(x.position, x.amount) for x in result.quote.lines] == [(3, 819_720)]
    with db.read() as s:
        assert result.household_year_id is not None
        view = household_year_view(s, result.household_year_id)
        assert [(m.position, m.paid_source) for m in view.members] == [
            (1, "vss_record"),
            (2, "vss_record"),
            (3, "visit"),
        ]
    with pytest.raises(ValueError), db.unit_of_work() as s:
        register_visit(s, _ctx(), [MemberRequest(FATHER, (BHYT12,))], declared_source="visit")
    with db.read() as s:
        assert len(s.scalars(select(Visit)).all()) == 1


def _card(db: Database, visit_id: object, person_id: object) -> Enrollment:
    with db.read() as s:
        return s.scalars(
            select(Enrollment).where(
                Enrollment.visit_id == visit_id, Enrollment.person_id == person_id
            )
        ).one()


def test_a_renewal_opens_the_new_year_on_the_renewed_cards_household(db: Database) -> None:
    """Mother and father bought their cards together on 25/11/2026. On 02/01/2027 the mother
    renews hers alone: the 2027 record is opened on the same household (not a new one). On
    05/01/2027 the father renews his, with no record named: his renewed card leads to that
    record, so he is the 2nd member (70 % of 1,366,200 = 956,340 đ), not the 1st again."""
    with db.unit_of_work() as s:
        first = register_visit(
            s, _ctx(), [MemberRequest(MOTHER, (BHYT12,)), MemberRequest(FATHER, (BHYT12,))]
        )
    mother_card = _card(db, first.visit_id, first.person_ids[0])
    father_card = _card(db, first.visit_id, first.person_ids[1])
    assert mother_card.household_id is not None
    with db.unit_of_work() as s:
        mother = register_visit(
            s,
            _ctx(date(2027, 1, 2)),
            [
                MemberRequest(
                    MOTHER,
                    (BHYT12,),
                    previous_expiry=mother_card.end_date,
                    previous_enrollment_id=mother_card.id,
                )
            ],
        )
    assert [(x.position, x.amount) for x in mother.quote.lines] == [(1, 1_366_200)]
    with db.read() as s:
        assert mother.household_year_id is not None
        record = s.get_one(HouseholdYear, mother.household_year_id)
        assert (record.household_id, record.fiscal_year) == (mother_card.household_id, 2027)
        assert len(s.scalars(select(Household)).all()) == 1  # no second household
    with db.unit_of_work() as s:
        father = register_visit(
            s,
            _ctx(date(2027, 1, 5)),
            [
                MemberRequest(
                    FATHER,
                    (BHYT12,),
                    previous_expiry=father_card.end_date,
                    previous_enrollment_id=father_card.id,
                )
            ],
        )
    assert [(x.position, x.amount) for x in father.quote.lines] == [(2, 956_340)]
    assert father.household_year_id == mother.household_year_id
    with db.read() as s:
        view = household_year_view(s, father.household_year_id)
        assert [(m.full_name, m.position) for m in view.members] == [
            ("Nguyễn Thị Huyền", 1),
            ("Trần Văn Đức", 2),
        ]
