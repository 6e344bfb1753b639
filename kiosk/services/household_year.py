"""The household's fiscal year at the booth: who joined, at which ladder position, who is
covered elsewhere; staff corrections (audited); the support months a person already used."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus
from kiosk.errors import KioskError
from kiosk.policy.quote import QuoteLine
from kiosk.policy.tables import load_book
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.store.models import (
    Household,
    HouseholdMember,
    HouseholdYear,
    HouseholdYearMember,
    Person,
    Visit,
)
from kiosk.store.models.household_year import (
    COVERED,
    DECLARED,
    PAID_AT_VISIT,
    PAID_SOURCES,
    PAYING,
)


@dataclass(frozen=True)
class YearMember:
    """One member as the screens show it (paid "here" when visit_id is the current visit)."""

    id: uuid.UUID
    person_id: uuid.UUID | None
    full_name: str
    status: str  # "paying" or "covered"
    position: int | None
    covered_reason: str | None
    paid_source: str  # "visit", "declared" or "vss_record"
    visit_id: uuid.UUID | None
    paid_on: date | None
    note: str


@dataclass(frozen=True)
class HouseholdYearView:
    """A household's year: its members in the order they joined."""

    id: uuid.UUID
    household_id: uuid.UUID
    fiscal_year: int
    province_code: str | None
    members: tuple[YearMember, ...]

    @property
    def already_paid(self) -> int:
        """Members holding a ladder position (they paid, or will pay in an open visit)."""
        return sum(1 for m in self.members if m.status == PAYING and m.position is not None)

    @property
    def next_position(self) -> int:
        """The position the next paying member takes."""
        return max((m.position or 0 for m in self.members), default=0) + 1

    def position_of(self, person_id: uuid.UUID) -> int | None:
        member = next((m for m in self.members if m.person_id == person_id), None)
        return member.position if member and member.status == PAYING else None


@dataclass(frozen=True)
class DeclaredMember:
    """A member the attendee declares (or VSS records show) as paid or covered this year."""

    full_name: str = ""
    personal_id: str = ""
    source: str = DECLARED
    covered_reason: str | None = None  # None: paid household health insurance
    paid_on: date | None = None
    note: str = ""


def household_year_view(session: Session, household_year_id: uuid.UUID) -> HouseholdYearView:
    """The record and its active members (members of a cancelled visit are left out)."""
    record = session.get(HouseholdYear, household_year_id)
    if record is None:
        raise KioskError(
            "household_year.not_found",
            vi="Không tìm thấy hồ sơ hộ gia đình của năm này.",
            en="The household's record for this year was not found.",
        )
    rows = session.scalars(
        select(HouseholdYearMember)
        .outerjoin(Visit, Visit.id == HouseholdYearMember.visit_id)
        .where(
            HouseholdYearMember.household_year_id == record.id,
            or_(Visit.id.is_(None), Visit.status != EnrollmentStatus.CANCELLED),
        )
        .order_by(HouseholdYearMember.created_at, HouseholdYearMember.position)
    ).all()
    return HouseholdYearView(
        record.id,
        record.household_id,
        record.fiscal_year,
        record.province_code,
        tuple(_member_view(m) for m in rows),
    )


def find_household_year(
    session: Session,
    fiscal_year: int,
    *,
    person_ids: Iterable[uuid.UUID] = (),
    personal_ids: Iterable[str] = (),
) -> HouseholdYearView | None:
    """The year's record one of these people belongs to (a person is in one household)."""
    ids = set(person_ids)
    numbers = {n for n in personal_ids if n}
    if numbers:
        ids |= set(session.scalars(select(Person.id).where(Person.personal_id.in_(numbers))))
    if not ids:
        return None
    found = set(
        session.scalars(
            select(HouseholdYearMember.household_year_id)
            .join(HouseholdYear, HouseholdYear.id == HouseholdYearMember.household_year_id)
            .where(
                HouseholdYear.fiscal_year == fiscal_year,
                HouseholdYearMember.person_id.in_(ids),
            )
        )
    )
    if len(found) > 1:
        raise KioskError(
            "household_year.ambiguous",
            vi="Những người này thuộc các hộ gia đình khác nhau trong năm nay: hãy đăng ký "
            "riêng từng hộ.",
            en="These people belong to different households this year: register each "
            "household separately.",
        )
    return household_year_view(session, found.pop()) if found else None


def open_household_year(
    session: Session,
    ctx: KioskContext,
    fiscal_year: int,
    *,
    household: Household | None = None,
    province_code: str | None = None,
) -> HouseholdYear:
    """A new record for a household's year (a new household when none is given)."""
    if household is None:
        household = Household(province_code=province_code)
        session.add(household)
        session.flush()
    record = HouseholdYear(
        household_id=household.id,
        fiscal_year=fiscal_year,
        province_code=province_code,
        origin_kiosk_id=ctx.kiosk_id,
    )
    session.add(record)
    session.flush()
    return record


def declare_members(
    session: Session,
    ctx: KioskContext,
    household_year_id: uuid.UUID,
    members: Sequence[DeclaredMember],
    staff_id: uuid.UUID | None = None,
) -> HouseholdYearView:
    """Add members paid elsewhere this year (or covered): paying ones take the next positions."""
    view = household_year_view(session, household_year_id)
    position = view.next_position
    for declared in members:
        _check_declared(declared)
        person = None
        if declared.personal_id:
            person = session.scalar(
                select(Person).where(Person.personal_id == declared.personal_id)
            )
        if person is not None and view.position_of(person.id) is not None:
            continue  # already in the record: nothing to add
        paying = declared.covered_reason is None
        member = HouseholdYearMember(
            household_year_id=household_year_id,
            person_id=person.id if person else None,
            full_name=person.full_name if person else declared.full_name,
            status=PAYING if paying else COVERED,
            position=position if paying else None,
            covered_reason=declared.covered_reason,
            paid_source=declared.source,
            paid_on=declared.paid_on,
            note=declared.note,
            staff_id=staff_id,
        )
        session.add(member)
        session.flush()
        audit.record(
            session,
            ctx.kiosk_id,
            "household_year.declared",
            entity="household_year_member",
            entity_id=member.id,
            staff_id=staff_id,
            source=declared.source,
            position=member.position,
            covered_reason=declared.covered_reason,
        )
        position += 1 if paying else 0
    return household_year_view(session, household_year_id)


def record_line(
    session: Session,
    record: HouseholdYear,
    person: Person,
    line: QuoteLine,
    visit_id: uuid.UUID,
    today: date,
    staff_id: uuid.UUID | None = None,
) -> HouseholdYearMember:
    """Write a household line of a registered visit into the year's record: a paying member
    at the line's position (a renewal keeps its row), or a covered member with the reason."""
    member = session.scalar(
        select(HouseholdYearMember).where(
            HouseholdYearMember.household_year_id == record.id,
            HouseholdYearMember.person_id == person.id,
        )
    )
    if member is None:
        member = HouseholdYearMember(household_year_id=record.id, person_id=person.id)
        session.add(member)
    elif line.covered and member.status == PAYING and _active(session, member):
        return member  # paid this year already: staff corrects the record if that was wrong
    if line.position is not None and member.position != line.position:
        _free_position(session, record.id, line.position)
        member.position = line.position
    if line.covered:
        member.position = None
    member.full_name = person.full_name
    member.status = COVERED if line.covered else PAYING
    member.covered_reason = line.covered_reason
    member.paid_source = PAID_AT_VISIT
    member.visit_id = visit_id
    member.staff_id = staff_id
    session.flush()
    if not line.covered and line.position is not None:
        _household_member(session, record.household_id, person.id, line.position)
    return member


def _active(session: Session, member: HouseholdYearMember) -> bool:
    """A member counts unless they came from a visit that was cancelled."""
    visit = session.get(Visit, member.visit_id) if member.visit_id else None
    return visit is None or visit.status != EnrollmentStatus.CANCELLED


def _free_position(session: Session, record_id: uuid.UUID, position: int) -> None:
    """Take the position back from a member of a cancelled visit; a live holder is a clash
    (another kiosk registered the same household a moment ago)."""
    holder = session.scalar(
        select(HouseholdYearMember).where(
            HouseholdYearMember.household_year_id == record_id,
            HouseholdYearMember.position == position,
        )
    )
    if holder is None:
        return
    if _active(session, holder):
        raise KioskError(
            "household_year.position_taken",
            vi=f"Vị trí thứ {position} của hộ vừa được đăng ký ở nơi khác; hãy tính lại tiền.",
            en=f"Position {position} of this household was just taken elsewhere; quote again.",
        )
    holder.position = None
    session.flush()


def _household_member(
    session: Session, household_id: uuid.UUID, person_id: uuid.UUID, position: int
) -> None:
    """Keep the household's member list (TK1-TS appendix) in step with the ladder."""
    row = session.scalar(
        select(HouseholdMember).where(
            HouseholdMember.household_id == household_id, HouseholdMember.person_id == person_id
        )
    )
    if row is None:
        session.add(
            HouseholdMember(household_id=household_id, person_id=person_id, position=position)
        )
    else:
        row.position = position


def _member_view(member: HouseholdYearMember) -> YearMember:
    return YearMember(
        member.id,
        member.person_id,
        member.full_name,
        member.status,
        member.position,
        member.covered_reason,
        member.paid_source,
        member.visit_id,
        member.paid_on,
        member.note,
    )


def _check_declared(declared: DeclaredMember) -> None:
    if declared.source not in PAID_SOURCES or declared.source == "visit":
        raise ValueError(f"a declared member comes from {PAID_SOURCES[1:]}")
    if declared.covered_reason is not None:
        check_covered_reason(declared.covered_reason)


def check_covered_reason(code: str | None) -> None:
    """Refuse a "covered elsewhere" reason that is not in the policy file's list."""
    known = set(load_book().covered_reasons)
    if code not in known:
        raise KioskError(
            "household_year.unknown_covered_reason",
            vi="Hãy chọn lý do người này đã có BHYT.",
            en="Choose why this member is already insured.",
            known=sorted(known),
        )
