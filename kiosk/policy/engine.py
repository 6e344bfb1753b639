"""The contribution engine: exact quotes per person, scheme and period, by the rules of a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from kiosk.domain.enums import Scheme, SupportGroup, VoluntaryMode
from kiosk.domain.ethnicity import is_ethnic_minority
from kiosk.domain.money import round_dong
from kiosk.errors import KioskError
from kiosk.policy.coverage import add_months, coverage_end, fiscal_year, household_coverage_start
from kiosk.policy.quote import BackFacts, Quote, QuoteLine, VisitItem
from kiosk.policy.tables import CoveredReason, Policy, policy_on
from kiosk.policy.voluntary import best_group, nearest_incomes, voluntary_line

__all__ = [
    "BackFacts",
    "Quote",
    "QuoteLine",
    "VisitItem",
    "add_months",
    "allowed_periods",
    "coverage_end",
    "covered_reasons",
    "fiscal_year",
    "household_coverage_start",
    "household_member_amount",
    "income_bounds",
    "income_step",
    "items_from_quote",
    "nearest_allowed_incomes",
    "quote_household",
    "quote_visit",
    "quote_voluntary",
    "support_group_for",
    "voluntary_line",
]


def household_member_amount(policy: Policy, position: int, months: int) -> tuple[int, int]:
    """(amount for the period, monthly amount) of the household member at `position` (1-based)."""
    ladder = policy.household.ladder
    share = ladder[min(position, len(ladder)) - 1]
    monthly_exact = Decimal(policy.base_salary.vnd) * policy.household.rate * share
    return round_dong(monthly_exact * months), round_dong(monthly_exact)


def quote_household(
    members: int, months: int, on: date, first_position: int = 1, already_paid: int = 0
) -> Quote:
    """Household health insurance for `members` people paying `months` months on `on`.

    `already_paid` members of the household paid earlier in the same fiscal year: the new
    ones continue the ladder at positions already_paid + 1 … already_paid + members.
    """
    policy = policy_on(on)
    _check_members(members)
    _check_already_paid(already_paid)
    _check_period(
        months, policy.household.periods, "BHYT hộ gia đình", "household health insurance"
    )
    start = first_position + already_paid
    lines = tuple(_household_line(policy, str(i), start + i, months) for i in range(members))
    return Quote(lines, policy.version, on)


def _household_line(policy: Policy, ref: str, position: int, months: int) -> QuoteLine:
    amount, monthly = household_member_amount(policy, position, months)
    return QuoteLine(
        person_ref=ref,
        scheme=Scheme.BHYT_HOUSEHOLD,
        months=months,
        amount=amount,
        monthly_amount=monthly,
        position=position,
        description_vi=f"BHYT hộ gia đình, người thứ {position}, {months} tháng",
        description_en=f"Household health insurance, member {position}, {months} months",
    )


def _covered_line(policy: Policy, item: VisitItem) -> QuoteLine:
    """A member insured elsewhere: shown with the reason, never charged, not counted."""
    reason = _covered_reason(policy, item.covered_reason or "")
    return QuoteLine(
        person_ref=item.person_ref,
        scheme=Scheme.BHYT_HOUSEHOLD,
        months=item.months,
        amount=0,
        monthly_amount=0,
        covered_reason=reason.code,
        description_vi=f"Đã có BHYT: {reason.vi}; không thu tiền, không tính vào số người đóng",
        description_en=f"Already insured: {reason.en}; not charged, not counted in the household",
    )


def quote_voluntary(
    income: int,
    group: SupportGroup,
    months: int,
    on: date,
    mode: VoluntaryMode = VoluntaryMode.PERIODIC,
    supported_months_used: int = 0,
    province: str | None = None,
    person_ref: str = "0",
    *,
    island: bool = False,
    period_start: date | None = None,
    facts: BackFacts | None = None,
) -> Quote:
    """Voluntary social insurance for one person; see voluntary.voluntary_line for the rules."""
    policy = policy_on(on)
    line = voluntary_line(
        policy,
        person_ref,
        income,
        group,
        months,
        mode,
        supported_months_used,
        province,
        island=island,
        period_start=period_start,
        facts=facts,
    )
    return Quote((line,), policy.version, on)


def quote_visit(items: Sequence[VisitItem], on: date, already_paid: int = 0) -> Quote:
    """One quote for a visit. Household members take their `position` when the item has one
    (from the fiscal year's household record), else the next one after `already_paid` and the
    visit's earlier members; covered members are listed but neither charged nor counted."""
    if not items:
        raise KioskError(
            "policy.empty_visit", vi="Chưa có ai để tính tiền.", en="Nothing to quote."
        )
    _check_already_paid(already_paid)
    policy = policy_on(on)
    lines: list[QuoteLine] = []
    position = already_paid
    for item in items:
        if item.scheme == Scheme.BHYT_HOUSEHOLD and item.covered_reason is not None:
            lines.append(_covered_line(policy, item))
        elif item.scheme == Scheme.BHYT_HOUSEHOLD:
            _check_period(
                item.months,
                policy.household.periods,
                "BHYT hộ gia đình",
                "household health insurance",
            )
            if item.position is not None:
                if item.position < 1:
                    raise ValueError("household positions start at 1")
                own = item.position
                position = max(position, own)
            else:
                position += 1
                own = position
            lines.append(_household_line(policy, item.person_ref, own, item.months))
        else:
            lines.append(_voluntary_item(policy, item))
    return Quote(tuple(lines), policy.version, on)


def _voluntary_item(policy: Policy, item: VisitItem) -> QuoteLine:
    if item.income is None or item.group is None:
        raise KioskError(
            "policy.voluntary_incomplete",
            vi="BHXH tự nguyện cần mức thu nhập và nhóm hỗ trợ.",
            en="Voluntary social insurance needs an income and a support group.",
        )
    facts = None
    if item.birth_date and item.sex and item.contributed_months is not None:
        facts = BackFacts(item.birth_date, item.sex, item.contributed_months)
    return voluntary_line(
        policy,
        item.person_ref,
        item.income,
        item.group,
        item.months,
        item.mode,
        item.supported_months_used,
        item.province,
        island=item.island,
        period_start=item.period_start,
        facts=facts,
    )


def items_from_quote(quote: Quote) -> list[VisitItem]:
    """The request a stored quote answered (to quote it again by the rules of another day):
    household positions and covered members are kept, so a re-quote keeps the ladder."""
    return [
        VisitItem(
            person_ref=line.person_ref,
            scheme=line.scheme,
            months=line.months,
            income=line.chosen_income,
            group=line.support_group,
            mode=line.mode or VoluntaryMode.PERIODIC,
            supported_months_used=line.supported_months_used,
            province=line.province,
            position=line.position,
            covered_reason=line.covered_reason,
            island=line.island,
            period_start=line.period_start,
            contributed_months=line.contributed_months,
            birth_date=line.birth_date,
            sex=line.sex,
        )
        for line in quote.lines
    ]


def income_bounds(on: date) -> tuple[int, int]:
    """(floor, ceiling) of the monthly income a person may choose on `on`."""
    policy = policy_on(on)
    return policy.income_floor, policy.income_ceiling


def income_step(on: date) -> int | None:
    """The step an income moves by above the floor on `on` (None: any whole đồng)."""
    return policy_on(on).income_step


def nearest_allowed_incomes(income: int, on: date) -> tuple[int, int]:
    """The allowed incomes just below and above `income` (for a slider or a message)."""
    return nearest_incomes(policy_on(on), income)


def support_group_for(on: date, declared: SupportGroup | None, ethnicity: str) -> SupportGroup:
    """The support group to quote: the declared one (poor, near-poor...) or ethnic minority
    when `ethnicity` is one of the 53 minority groups and that share is higher on `on`."""
    return best_group(policy_on(on), declared, is_ethnic_minority(ethnicity) is True)


def allowed_periods(scheme: Scheme, on: date) -> tuple[int, ...]:
    """The periods (months) a scheme can be paid for on `on` (periodic mode for voluntary SI)."""
    policy = policy_on(on)
    if scheme == Scheme.BHYT_HOUSEHOLD:
        return policy.household.periods
    return policy.voluntary.periodic_months


def covered_reasons(on: date) -> tuple[CoveredReason, ...]:
    """Why a household member may be insured elsewhere (code, vi, en, source), for the screens."""
    return tuple(policy_on(on).covered_reasons.values())


def _covered_reason(policy: Policy, code: str) -> CoveredReason:
    reason = policy.covered_reasons.get(code)
    if reason is None:
        known = ", ".join(policy.covered_reasons)
        raise KioskError(
            "policy.unknown_covered_reason",
            vi=f"Lý do đã có BHYT “{code}” không có trong danh mục ({known}).",
            en=f"Covered-elsewhere reason {code!r} is unknown (known: {known}).",
            reason=code,
        )
    return reason


def _check_members(members: int) -> None:
    if members < 1:
        raise KioskError(
            "policy.no_members",
            vi="Số người phải từ 1 trở lên.",
            en="The number of members must be at least 1.",
        )


def _check_already_paid(already_paid: int) -> None:
    if already_paid < 0:
        raise KioskError(
            "policy.bad_already_paid",
            vi="Số người trong hộ đã đóng trong năm không được âm.",
            en="The number of household members who already paid cannot be negative.",
        )


def _check_period(months: int, allowed: tuple[int, ...], name_vi: str, name_en: str) -> None:
    if months not in allowed:
        options = ", ".join(str(m) for m in allowed)
        raise KioskError(
            "policy.period_not_allowed",
            vi=f"{name_vi} không đóng {months} tháng; chỉ được {options} tháng.",
            en=f"{name_en} cannot be paid for {months} months; allowed: {options} months.",
            allowed=list(allowed),
        )
