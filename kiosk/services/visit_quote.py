"""What a visit asks for and how it is quoted: the members, their choices, and what the
stored records (household year, support months, residence) add to the quote."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import Scheme, SupportGroup, VoluntaryMode
from kiosk.domain.ethnicity import find_ethnicity
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.policy.engine import Quote, VisitItem, fiscal_year, quote_visit, support_group_for
from kiosk.services.context import KioskContext
from kiosk.services.household_year import (
    HouseholdYearView,
    find_household_year,
    household_year_view,
)
from kiosk.services.support_months import residence_province, supported_months_used
from kiosk.store.models import Person
from kiosk.store.models.household_year import HouseholdYear


@dataclass(frozen=True)
class SchemeChoice:
    """One scheme a person joins: period, and for voluntary SI the income, group and mode.

    `supported_months_used` None: taken from the person's records (the 120-month cap);
    `contributed_months`: months of SI already paid, for back payment; `period_start`: the
    first day of the period paid (its payment window), default this month.
    """

    scheme: Scheme
    months: int
    income: int | None = None
    group: SupportGroup | None = None
    mode: VoluntaryMode = VoluntaryMode.PERIODIC
    supported_months_used: int | None = None
    contributed_months: int | None = None
    period_start: date | None = None


@dataclass(frozen=True)
class MemberRequest:
    """A person of the visit with what they join; `previous_expiry` makes a BHYT renewal.

    `covered_reason` (a code of covered_reasons()): insured elsewhere, listed in the household
    but never charged nor counted. `residence_province` (3-digit code, default the event's)
    and `island` (lives in an island commune or special zone) set voluntary SI support.
    """

    draft: PersonDraft
    choices: tuple[SchemeChoice, ...]
    previous_expiry: date | None = None
    previous_enrollment_id: uuid.UUID | None = None
    covered_reason: str | None = None
    residence_province: str | None = None
    island: bool = False


@dataclass(frozen=True)
class QuoteContext:
    """What the stored records add to a visit's quote, per member index (see quote_context)."""

    household_year_id: uuid.UUID | None = None
    positions: tuple[int | None, ...] = ()
    supported_months_used: tuple[int, ...] = ()
    province: str | None = None
    already_paid: int = 0


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


def visit_items(
    members: Sequence[MemberRequest], on: date, context: QuoteContext | None = None
) -> list[VisitItem]:
    """The engine's items for these members, in order (household positions follow this order
    unless the context gives the fiscal year's positions)."""
    ctx = context or QuoteContext()
    items: list[VisitItem] = []
    for index, member in enumerate(members):
        bhyt = next((c for c in member.choices if c.scheme == Scheme.BHYT_HOUSEHOLD), None)
        if member.covered_reason is not None:
            items.append(
                VisitItem(
                    str(index),
                    Scheme.BHYT_HOUSEHOLD,
                    bhyt.months if bhyt else 0,
                    covered_reason=member.covered_reason,
                )
            )
        for choice in member.choices:
            if choice.scheme == Scheme.BHYT_HOUSEHOLD:
                if member.covered_reason is None:
                    position = ctx.positions[index] if index < len(ctx.positions) else None
                    items.append(
                        VisitItem(str(index), choice.scheme, choice.months, position=position)
                    )
                continue
            items.append(_voluntary_item(index, member, choice, on, ctx))
    return items


def _voluntary_item(
    index: int, member: MemberRequest, choice: SchemeChoice, on: date, ctx: QuoteContext
) -> VisitItem:
    used = choice.supported_months_used
    if used is None:
        used = ctx.supported_months_used[index] if index < len(ctx.supported_months_used) else 0
    back = choice.mode == VoluntaryMode.BACK
    return VisitItem(
        person_ref=str(index),
        scheme=choice.scheme,
        months=choice.months,
        income=choice.income,
        group=support_group_for(on, choice.group, member.draft.ethnicity),
        mode=choice.mode,
        supported_months_used=used,
        province=member.residence_province or ctx.province,
        island=member.island,
        period_start=choice.period_start,
        contributed_months=choice.contributed_months if back else None,
        birth_date=member.draft.birth_date if back else None,
        sex=member.draft.sex if back else None,
    )


def validate_members(members: Sequence[MemberRequest], today: date) -> None:
    """Raise RegistrationInvalid with every problem of every member (nothing is stored)."""
    if not members:
        raise KioskError(
            "register.empty",
            vi="Chưa có ai trong lượt đăng ký.",
            en="Nobody is in this registration.",
        )
    problems = [(i, err) for i, m in enumerate(members) for err in m.draft.validate(today)]
    problems += [
        (i, _no_scheme()) for i, m in enumerate(members) if not m.choices and not m.covered_reason
    ]
    problems += [
        (i, _unknown_ethnicity(m.draft.ethnicity))
        for i, m in enumerate(members)
        if m.draft.ethnicity and find_ethnicity(m.draft.ethnicity) is None  # "" = not asked
    ]
    ids = [m.draft.personal_id for m in members if m.draft.personal_id]
    if len(ids) != len(set(ids)):
        problems.append((0, _same_person_twice()))
    if problems:
        raise RegistrationInvalid(problems)


def preview_quote(
    members: Sequence[MemberRequest], on: date, context: QuoteContext | None = None
) -> Quote:
    """The quote the review screen shows (pure: nothing is written). Pass the context from
    quote_context() to continue the household's ladder and count recorded support months."""
    validate_members(members, on)
    already = context.already_paid if context else 0
    return quote_visit(visit_items(members, on, context), on, already_paid=already)


def quote_context(
    session: Session,
    ctx: KioskContext,
    members: Sequence[MemberRequest],
    household_year_id: uuid.UUID | None = None,
    declared_paid: int = 0,
    *,
    lock: bool = False,
) -> QuoteContext:
    """Read the household's year (given, or the one a member already belongs to), the
    positions every paying member takes, and each person's recorded support months.

    `lock` (registration): the year's record is locked until the transaction ends and read
    again, so two kiosks adding members of one household at once take positions one after
    the other instead of both taking the next one (PostgreSQL; SQLite serialises writers)."""
    if declared_paid < 0:
        raise KioskError(
            "policy.bad_already_paid",
            vi="Số người trong hộ đã đóng trong năm không được âm.",
            en="The number of household members who already paid cannot be negative.",
        )
    year = fiscal_year(ctx.today())
    numbers = [m.draft.personal_id for m in members]
    people = {
        p.personal_id: p
        for p in session.scalars(
            select(Person).where(Person.personal_id.in_([n for n in numbers if n]))
        )
    }
    view: HouseholdYearView | None
    if household_year_id is not None:
        view = household_year_view(session, household_year_id)
        if view.fiscal_year != year:
            raise KioskError(
                "household_year.other_year",
                vi=f"Hồ sơ hộ gia đình này là của năm {view.fiscal_year}, không phải năm {year}.",
                en=f"This household record is for {view.fiscal_year}, not {year}.",
            )
    else:
        view = find_household_year(session, year, person_ids=[p.id for p in people.values()])
    if view is not None and lock:
        session.execute(
            select(HouseholdYear.id).where(HouseholdYear.id == view.id).with_for_update()
        )
        view = household_year_view(session, view.id)  # as the last writer left it
    if view is not None and declared_paid:
        raise KioskError(
            "household_year.declared_with_record",
            vi="Hộ này đã có hồ sơ trong năm: hãy sửa hồ sơ tại bàn thay vì khai lại số người đã đóng.",
            en="This household already has a record this year: correct it at the desk instead "
            "of declaring the members who paid.",
        )
    next_position = view.next_position if view else declared_paid + 1
    positions: list[int | None] = []
    for member, number in zip(members, numbers, strict=True):
        person = people.get(number) if number else None
        pays = member.covered_reason is None and any(
            c.scheme == Scheme.BHYT_HOUSEHOLD for c in member.choices
        )
        known = view.position_of(person.id) if view and person else None
        if not pays:
            positions.append(None)
        elif known is not None:
            positions.append(known)
        else:
            positions.append(next_position)
            next_position += 1
    return QuoteContext(
        household_year_id=view.id if view else None,
        positions=tuple(positions),
        supported_months_used=tuple(
            supported_months_used(session, people[n].id) if n in people else 0 for n in numbers
        ),
        province=(view.province_code if view else None) or residence_province(session, ctx),
        already_paid=view.already_paid if view else declared_paid,
    )


def _no_scheme() -> KioskError:
    return KioskError(
        "register.no_scheme",
        vi="Chưa chọn loại bảo hiểm cho người này.",
        en="No insurance scheme chosen for this person.",
    )


def _unknown_ethnicity(text: str) -> KioskError:
    err = KioskError(
        "register.unknown_ethnicity",
        vi=f"Dân tộc “{text}” không có trong danh mục 54 dân tộc Việt Nam; hãy chọn trong danh sách.",
        en=f"Ethnicity {text!r} is not one of Viet Nam's 54 ethnic groups; pick one from the list.",
    )
    err.field = "ethnicity"  # type: ignore[attr-defined]
    return err


def _same_person_twice() -> KioskError:
    return KioskError(
        "register.duplicate_member",
        vi="Một số định danh được nhập hai lần trong cùng lượt.",
        en="The same identity number appears twice in this registration.",
    )
