"""Registration: store people, their household year and enrollments with the quote, in one
transaction. Household positions continue the fiscal year's ladder; covered members are
listed, not charged."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, Scheme
from kiosk.domain.ethnicity import find_ethnicity
from kiosk.domain.person import PersonDraft
from kiosk.domain.text import fold_accents
from kiosk.policy.engine import Quote, coverage_end, fiscal_year, household_coverage_start
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.household_year import (
    DeclaredMember,
    declare_members,
    find_household_year,
    open_household_year,
    record_line,
)
from kiosk.services.search import index_person_name
from kiosk.services.visit_quote import (
    MemberRequest,
    QuoteContext,
    RegistrationInvalid,
    SchemeChoice,
    preview_quote,
    quote_context,
    validate_members,
    visit_items,
)
from kiosk.store.models import Enrollment, Household, HouseholdYear, Person, Visit
from kiosk.store.models.household_year import DECLARED, VSS_RECORD

__all__ = [
    "MemberRequest",
    "QuoteContext",
    "RegistrationInvalid",
    "RegistrationResult",
    "SchemeChoice",
    "preview_quote",
    "quote_context",
    "register_visit",
    "validate_members",
    "visit_items",
]

log = logging.getLogger(__name__)
SOURCES = ("staff", "self_service")
# Where members declared as already paid this year are known from (HouseholdYearMember.paid_source).
DECLARED_SOURCES = (DECLARED, VSS_RECORD)


@dataclass(frozen=True)
class RegistrationResult:
    visit_id: uuid.UUID
    queue_number: int | None
    quote: Quote
    person_ids: tuple[uuid.UUID, ...]
    household_year_id: uuid.UUID | None = None


def register_visit(
    session: Session,
    ctx: KioskContext,
    members: Sequence[MemberRequest],
    *,
    source: str = "staff",
    staff_id: uuid.UUID | None = None,
    household_year_id: uuid.UUID | None = None,
    declared_paid: int = 0,
    declared_source: str = DECLARED,
) -> RegistrationResult:
    """Store people, household year, visit and enrollments with the quote for today's rules.

    `household_year_id`: the household's record this year (the desk found it); otherwise the
    record a member already belongs to, or this year's record of the household a renewed card
    was bought in, is used; or a new one is opened (on the renewed card's household, if any)
    with `declared_paid` members already paid this year (they take positions 1…K), known from
    `declared_source`: "declared" (the attendee says so) or "vss_record" (VSS records).
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    if declared_source not in DECLARED_SOURCES:
        raise ValueError(f"unknown declared source {declared_source!r}")
    today = ctx.today()
    lock_people(session, [m.draft.personal_id for m in members])
    renewed = _renewed_household(session, members)
    if household_year_id is None and renewed is not None:
        household_year_id = _renewed_record(session, members, renewed, fiscal_year(today))
    context = quote_context(session, ctx, members, household_year_id, declared_paid, lock=True)
    quote = preview_quote(members, today, context)
    persons = [_upsert_person(session, ctx, m.draft.normalized()) for m in members]
    session.flush()
    for person in persons:
        index_person_name(session, person)  # name search reads the tokens
    record = _household_year(
        session, ctx, members, persons, context, declared_paid, declared_source, renewed
    )
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
        if record is not None and line.scheme == Scheme.BHYT_HOUSEHOLD:
            record_line(session, record, person, line, visit.id, today, staff_id)
        if line.covered:
            continue  # listed in the household's year and on the quote; nothing to pay
        choice = next(c for c in member.choices if c.scheme == line.scheme)
        start, end = _coverage(line.scheme, line.months, today, member.previous_expiry)
        session.add(
            Enrollment(
                visit_id=visit.id,
                person_id=person.id,
                household_id=record.household_id
                if record and line.scheme == Scheme.BHYT_HOUSEHOLD
                else None,
                scheme=line.scheme,
                status=visit.status,
                support_group=line.support_group,
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
        household_year=str(record.id) if record else None,
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
    return RegistrationResult(
        visit.id,
        visit.queue_number,
        quote,
        tuple(p.id for p in persons),
        record.id if record else None,
    )


def _household_year(
    session: Session,
    ctx: KioskContext,
    members: Sequence[MemberRequest],
    persons: list[Person],
    context: QuoteContext,
    declared_paid: int,
    declared_source: str = DECLARED,
    renewed: uuid.UUID | None = None,
) -> HouseholdYear | None:
    """The household's record for this fiscal year: the context's, or a new one with the
    members declared as already paid (`declared_source` says how they are known). A new record
    goes on the household of the renewed card (`renewed`), so next time the desk's renewal
    lookup finds the earlier members; only a household never seen before is created."""
    joined = [
        p
        for m, p in zip(members, persons, strict=True)
        if m.covered_reason is not None or any(c.scheme == Scheme.BHYT_HOUSEHOLD for c in m.choices)
    ]
    if not joined:
        return None
    if context.household_year_id is not None:
        return session.get_one(HouseholdYear, context.household_year_id)
    household = session.get(Household, renewed) if renewed is not None else None
    if household is None:
        household = Household(
            head_person_id=joined[0].id, address=joined[0].address, province_code=context.province
        )
        session.add(household)
        session.flush()
    record = open_household_year(
        session, ctx, fiscal_year(ctx.today()), household=household, province_code=context.province
    )
    if declared_paid:
        declared = DeclaredMember(source=declared_source)
        declare_members(session, ctx, record.id, [declared] * declared_paid)
    return record


def lock_people(session: Session, personal_ids: Sequence[str | None]) -> None:
    """Two kiosks registering the same person at once (one household, two desks) go one after
    the other: a PostgreSQL transaction lock per identity number, taken in a fixed order (no
    deadlock) and held to the commit, so the second sees the first's person, household year
    and positions instead of opening a second record. SQLite serialises writers already."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for number in sorted({n for n in personal_ids if n}):
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"person:{number}"},
        )


def _renewed_household(session: Session, members: Sequence[MemberRequest]) -> uuid.UUID | None:
    """The household a renewed household health insurance card was bought in (the first
    member renewing one), or None."""
    previous = [m.previous_enrollment_id for m in members if m.previous_enrollment_id is not None]
    if not previous:
        return None
    households = session.execute(
        select(Enrollment.id, Enrollment.household_id).where(
            Enrollment.id.in_(previous), Enrollment.household_id.is_not(None)
        )
    ).all()
    by_id = dict(households)
    return next((by_id[p] for p in previous if by_id.get(p) is not None), None)


def _renewed_record(
    session: Session, members: Sequence[MemberRequest], household_id: uuid.UUID, year: int
) -> uuid.UUID | None:
    """This year's record of the renewed card's household, unless a member already belongs to
    a record this year (quote_context finds that one itself)."""
    numbers = [m.draft.personal_id for m in members if m.draft.personal_id]
    if find_household_year(session, year, personal_ids=numbers) is not None:
        return None
    return session.scalar(
        select(HouseholdYear.id).where(
            HouseholdYear.household_id == household_id, HouseholdYear.fiscal_year == year
        )
    )


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
    person.ethnicity = _stored_ethnicity(person, draft.ethnicity)
    person.phone = draft.phone or person.phone
    person.address = draft.address or person.address or ""
    if draft.personal_id:
        person.province_code = draft.personal_id[:3]


def _stored_ethnicity(person: Person, given: str) -> str:
    """The list's spelling of an answer; when nobody asked (""), what the person already has
    ("" for a new person), never an assumed Kinh that would reach VSS's forms."""
    if not given:
        return person.ethnicity or ""
    group = find_ethnicity(given)
    if group is None:  # validate_members refuses it first, with sentences for the screens
        raise ValueError(f"ethnicity {given!r} is not in the list")
    return group.name


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
