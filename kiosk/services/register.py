"""Registration: store people, their household and enrollments with the quote, in one transaction."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, Scheme, SupportGroup, VoluntaryMode
from kiosk.domain.person import PersonDraft
from kiosk.domain.text import fold_accents
from kiosk.errors import KioskError
from kiosk.policy.engine import (
    Quote,
    VisitItem,
    coverage_end,
    household_coverage_start,
    quote_visit,
)
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.search import index_person_name
from kiosk.store.models import Enrollment, Household, HouseholdMember, Person, Visit

log = logging.getLogger(__name__)
SOURCES = ("staff", "self_service")


@dataclass(frozen=True)
class SchemeChoice:
    """One scheme a person joins: period, and for voluntary SI the income, group and mode."""

    scheme: Scheme
    months: int
    income: int | None = None
    group: SupportGroup | None = None
    mode: VoluntaryMode = VoluntaryMode.PERIODIC
    supported_months_used: int = 0


@dataclass(frozen=True)
class MemberRequest:
    """A person of the visit with what they join; `previous_expiry` makes a BHYT renewal."""

    draft: PersonDraft
    choices: tuple[SchemeChoice, ...]
    previous_expiry: date | None = None
    previous_enrollment_id: uuid.UUID | None = None


@dataclass(frozen=True)
class RegistrationResult:
    visit_id: uuid.UUID
    queue_number: int | None
    quote: Quote
    person_ids: tuple[uuid.UUID, ...]


class RegistrationInvalid(KioskError):
    """Some member's details are wrong; `problems` lists (member index, error) for the screen."""

    def __init__(self, problems: list[tuple[int, KioskError]]) -> None:
        index, first = problems[0]
        super().__init__(
            "register.invalid",
            vi=f"Người thứ {index + 1}: {first.vi}",
            en=f"Person {index + 1}: {first.en}",
        )
        self.problems = problems


def visit_items(members: Sequence[MemberRequest]) -> list[VisitItem]:
    """The engine's items for these members, in order (household positions follow this order)."""
    items: list[VisitItem] = []
    for index, member in enumerate(members):
        for choice in member.choices:
            items.append(
                VisitItem(
                    person_ref=str(index),
                    scheme=choice.scheme,
                    months=choice.months,
                    income=choice.income,
                    group=choice.group,
                    mode=choice.mode,
                    supported_months_used=choice.supported_months_used,
                )
            )
    return items


def validate_members(members: Sequence[MemberRequest], today: date) -> None:
    """Raise RegistrationInvalid with every problem of every member (nothing is stored)."""
    if not members:
        raise KioskError(
            "register.empty",
            vi="Chưa có ai trong lượt đăng ký.",
            en="Nobody is in this registration.",
        )
    problems = [(i, err) for i, m in enumerate(members) for err in m.draft.validate(today)]
    problems += [(i, _no_scheme()) for i, m in enumerate(members) if not m.choices]
    ids = [m.draft.personal_id for m in members if m.draft.personal_id]
    if len(ids) != len(set(ids)):
        problems.append((0, _same_person_twice()))
    if problems:
        raise RegistrationInvalid(problems)


def preview_quote(members: Sequence[MemberRequest], on: date) -> Quote:
    """The quote the review screen shows (pure: nothing is written)."""
    validate_members(members, on)
    return quote_visit(visit_items(members), on)


def register_visit(
    session: Session,
    ctx: KioskContext,
    members: Sequence[MemberRequest],
    *,
    source: str = "staff",
    staff_id: uuid.UUID | None = None,
) -> RegistrationResult:
    """Store people, household, visit and enrollments with the quote for today's rules."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    today = ctx.today()
    quote = preview_quote(members, today)
    persons = [_upsert_person(session, ctx, m.draft.normalized()) for m in members]
    session.flush()
    for person in persons:
        index_person_name(session, person)  # name search reads the tokens
    household = _household(session, members, persons)
    self_service = source == "self_service"
    visit = Visit(
        kiosk_id=ctx.kiosk_id,
        event_id=ctx.event_id,
        source=source,
        status=EnrollmentStatus.DRAFT if self_service else EnrollmentStatus.QUOTED,
        queue_number=_next_queue_number(session, ctx) if self_service else None,
        quote_json=quote.to_dict(),
        total=quote.total,
        policy_version=quote.policy_version,
        quoted_on=today,
        staff_id=staff_id,
    )
    session.add(visit)
    session.flush()
    for line in quote.lines:
        member = members[int(line.person_ref)]
        person = persons[int(line.person_ref)]
        choice = next(c for c in member.choices if c.scheme == line.scheme)
        start, end = _coverage(line.scheme, line.months, today, member.previous_expiry)
        session.add(
            Enrollment(
                visit_id=visit.id,
                person_id=person.id,
                household_id=household.id
                if household and line.scheme == Scheme.BHYT_HOUSEHOLD
                else None,
                scheme=line.scheme,
                status=visit.status,
                support_group=choice.group,
                mode=choice.mode if line.scheme == Scheme.BHXH_VOLUNTARY else None,
                chosen_income=choice.income,
                months=line.months,
                position=line.position,
                start_date=start,
                end_date=end,
                is_renewal=member.previous_expiry is not None,
                previous_enrollment_id=member.previous_enrollment_id,
                amount=line.amount,
                policy_version=quote.policy_version,
                quote_line_json=line.to_dict(),
            )
        )
    audit.record(
        session,
        ctx.kiosk_id,
        "visit.registered",
        entity="visit",
        entity_id=visit.id,
        staff_id=staff_id,
        source=source,
        total=quote.total,
        people=len(members),
    )
    session.flush()
    log.info(
        "visit %s registered (%s): %d people, ids %s, total %d",
        visit.id,
        source,
        len(members),
        ", ".join(m.draft.personal_id or "-" for m in members),
        quote.total,
    )
    return RegistrationResult(visit.id, visit.queue_number, quote, tuple(p.id for p in persons))


def _upsert_person(session: Session, ctx: KioskContext, draft: PersonDraft) -> Person:
    """The stored person with this identity number (details refreshed), or a new one."""
    person = None
    if draft.personal_id:
        person = session.scalar(select(Person).where(Person.personal_id == draft.personal_id))
    if person is None:
        return _insert_person(session, ctx, draft)
    _fill_person(person, draft)
    return person


def _insert_person(session: Session, ctx: KioskContext, draft: PersonDraft) -> Person:
    """A new person, inserted under a savepoint.

    On a shared PostgreSQL another kiosk may store the same identity number a moment before
    this one commits: the unique index then refuses the insert, and the row the other kiosk
    stored is used instead of failing the whole registration.
    """
    person = Person(origin_kiosk_id=ctx.kiosk_id)
    _fill_person(person, draft)
    try:
        with session.begin_nested():
            session.add(person)
            session.flush()
    except IntegrityError:
        if not draft.personal_id:
            raise
        existing = session.scalar(select(Person).where(Person.personal_id == draft.personal_id))
        if existing is None:
            raise
        _fill_person(existing, draft)
        return existing
    return person


def _fill_person(person: Person, draft: PersonDraft) -> None:
    assert draft.birth_date is not None and draft.sex is not None  # validated above
    person.personal_id = draft.personal_id or None
    person.old_id_number = draft.old_id_number or person.old_id_number
    person.legacy_si_code = draft.legacy_si_code or person.legacy_si_code
    person.full_name = draft.full_name
    person.name_folded = fold_accents(draft.full_name)
    person.birth_date = draft.birth_date
    person.sex = draft.sex
    person.ethnicity = draft.ethnicity or "Kinh"
    person.phone = draft.phone or person.phone
    person.address = draft.address or person.address or ""
    if draft.personal_id:
        person.province_code = draft.personal_id[:3]


def _household(
    session: Session, members: Sequence[MemberRequest], persons: list[Person]
) -> Household | None:
    """One household for everyone joining household health insurance, in the visit's order."""
    joined = [
        p
        for m, p in zip(members, persons, strict=True)
        if any(c.scheme == Scheme.BHYT_HOUSEHOLD for c in m.choices)
    ]
    if not joined:
        return None
    household = Household(
        head_person_id=joined[0].id,
        address=joined[0].address,
        province_code=joined[0].province_code,
    )
    household.members = [
        HouseholdMember(person_id=p.id, position=i) for i, p in enumerate(joined, start=1)
    ]
    session.add(household)
    session.flush()
    return household


def _coverage(
    scheme: Scheme, months: int, paid_on: date, previous_expiry: date | None
) -> tuple[date | None, date | None]:
    """Health cover start/end if paid today (recomputed at checkout); None for voluntary SI."""
    if scheme != Scheme.BHYT_HOUSEHOLD:
        return None, None
    start = household_coverage_start(paid_on, previous_expiry)
    return start, coverage_end(start, months)


def _next_queue_number(session: Session, ctx: KioskContext) -> int:
    """Queue tickets count up per kiosk and day."""
    current = session.scalar(
        select(func.max(Visit.queue_number)).where(
            Visit.kiosk_id == ctx.kiosk_id, Visit.quoted_on == ctx.today()
        )
    )
    return (current or 0) + 1


def _no_scheme() -> KioskError:
    return KioskError(
        "register.no_scheme",
        vi="Chưa chọn loại bảo hiểm cho người này.",
        en="No insurance scheme chosen for this person.",
    )


def _same_person_twice() -> KioskError:
    return KioskError(
        "register.duplicate_member",
        vi="Một số định danh được nhập hai lần trong cùng lượt.",
        en="The same identity number appears twice in this registration.",
    )
