"""The contribution engine: exact quotes per person, scheme and period, by the rules of a day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from kiosk.domain.enums import Scheme, SupportGroup, VoluntaryMode
from kiosk.domain.labels import label
from kiosk.domain.money import format_vnd, round_dong
from kiosk.errors import KioskError
from kiosk.policy.tables import Policy, policy_on


@dataclass(frozen=True)
class QuoteLine:
    """What one person pays for one scheme and period (rounded once, half-up)."""

    person_ref: str
    scheme: Scheme
    months: int
    amount: int
    monthly_amount: int  # for display; the amount is computed exactly, not monthly × months
    description_vi: str
    description_en: str
    position: int | None = None  # household member number (1 = first member)
    support_group: SupportGroup | None = None
    chosen_income: int | None = None
    mode: VoluntaryMode | None = None
    support_amount: int = 0  # state support deducted (voluntary SI)
    supported_months: int = 0
    supported_months_used: int = 0  # before this payment (so a re-quote is exact)

    def __post_init__(self) -> None:
        if self.amount < 0 or self.months <= 0:
            raise ValueError("a quote line needs a positive period and a non-negative amount")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["scheme"] = self.scheme.value
        data["support_group"] = self.support_group.value if self.support_group else None
        data["mode"] = self.mode.value if self.mode else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuoteLine:
        values = dict(data)
        values["scheme"] = Scheme(values["scheme"])
        values["support_group"] = (
            SupportGroup(values["support_group"]) if values["support_group"] else None
        )
        values["mode"] = VoluntaryMode(values["mode"]) if values["mode"] else None
        return cls(**values)


@dataclass(frozen=True)
class Quote:
    """A combined quote: lines and their total, with the policy version and date used."""

    lines: tuple[QuoteLine, ...]
    policy_version: str
    on: date
    total: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(line.amount for line in self.lines))

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "policy_version": self.policy_version,
            "on": self.on.isoformat(),
            "lines": [line.to_dict() for line in self.lines],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            lines=tuple(QuoteLine.from_dict(x) for x in data["lines"]),
            policy_version=data["policy_version"],
            on=date.fromisoformat(data["on"]),
        )


@dataclass(frozen=True)
class VisitItem:
    """One person and one scheme in a visit's quote request."""

    person_ref: str
    scheme: Scheme
    months: int
    income: int | None = None
    group: SupportGroup | None = None
    mode: VoluntaryMode = VoluntaryMode.PERIODIC
    supported_months_used: int = 0
    province: str | None = None


def household_member_amount(policy: Policy, position: int, months: int) -> tuple[int, int]:
    """(amount for the period, monthly amount) of the household member at `position` (1-based)."""
    ladder = policy.household.ladder
    share = ladder[min(position, len(ladder)) - 1]
    monthly_exact = Decimal(policy.base_salary.vnd) * policy.household.rate * share
    return round_dong(monthly_exact * months), round_dong(monthly_exact)


def quote_household(members: int, months: int, on: date, first_position: int = 1) -> Quote:
    """Household health insurance for `members` people paying `months` months on `on`."""
    policy = policy_on(on)
    _check_members(members)
    _check_period(
        months, policy.household.periods, "BHYT hộ gia đình", "household health insurance"
    )
    lines = tuple(
        _household_line(policy, str(i), first_position + i, months) for i in range(members)
    )
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


def quote_voluntary(
    income: int,
    group: SupportGroup,
    months: int,
    on: date,
    mode: VoluntaryMode = VoluntaryMode.PERIODIC,
    supported_months_used: int = 0,
    province: str | None = None,
    person_ref: str = "0",
) -> Quote:
    """Voluntary social insurance for one person; see voluntary_line for the rules."""
    policy = policy_on(on)
    line = voluntary_line(
        policy, person_ref, income, group, months, mode, supported_months_used, province
    )
    return Quote((line,), policy.version, on)


def voluntary_line(
    policy: Policy,
    person_ref: str,
    income: int,
    group: SupportGroup,
    months: int,
    mode: VoluntaryMode = VoluntaryMode.PERIODIC,
    supported_months_used: int = 0,
    province: str | None = None,
) -> QuoteLine:
    """22% of the chosen income a month, less the state support for the months still under the
    lifetime cap (support = group share × 22% × rural poverty line, plus the province's extra).

    Advance payment discounts month i by (1+r)^(i-1); back payment adds (1+r)^i interest and
    gets no support. r is last year's monthly fund return rate.
    """
    vol = policy.voluntary
    _check_income(policy, income)
    if not 0 <= supported_months_used <= vol.support_cap_months:
        raise KioskError(
            "policy.bad_supported_months",
            vi=f"Số tháng đã được hỗ trợ phải từ 0 đến {vol.support_cap_months}.",
            en=f"Months already supported must be 0 to {vol.support_cap_months}.",
        )
    monthly = Decimal(income) * vol.rate
    if mode == VoluntaryMode.PERIODIC:
        _check_period(months, vol.periodic_months, "BHXH tự nguyện", "voluntary social insurance")
        gross = monthly * months
    elif mode == VoluntaryMode.ADVANCE:
        _check_range(months, 2, vol.advance_max_months, "đóng trước", "advance payment")
        r = _return_rate(policy)
        gross = sum((monthly / (1 + r) ** (i - 1) for i in range(1, months + 1)), Decimal(0))
    else:
        _check_range(months, 1, vol.back_max_months, "đóng bù", "back payment")
        r = _return_rate(policy)
        gross = sum((monthly * (1 + r) ** i for i in range(1, months + 1)), Decimal(0))
    supported = (
        0
        if mode == VoluntaryMode.BACK
        else min(months, vol.support_cap_months - supported_months_used)
    )
    support_monthly = vol.support[group] * vol.rate * policy.poverty_line.vnd
    extra = policy.province_support.get(province or "", {}).get(group, 0)
    support = support_monthly * supported + extra * supported
    amount = max(round_dong(gross - support), 0)
    mode_vi = {"periodic": "", "advance": " (đóng trước)", "back": " (đóng bù)"}[mode.value]
    return QuoteLine(
        person_ref=person_ref,
        scheme=Scheme.BHXH_VOLUNTARY,
        months=months,
        amount=amount,
        monthly_amount=round_dong(monthly - support_monthly - extra)
        if supported
        else round_dong(monthly),
        support_group=group,
        chosen_income=income,
        mode=mode,
        support_amount=round_dong(support),
        supported_months=supported,
        description_vi=f"BHXH tự nguyện{mode_vi}, thu nhập {format_vnd(income)}, {label(group).lower()}, {months} tháng",
        description_en=f"Voluntary social insurance ({mode.value}), income {income:,} VND, {group.value}, {months} months",
    )


def quote_visit(items: Sequence[VisitItem], on: date) -> Quote:
    """One quote for a visit: household members are numbered in the order their items come."""
    if not items:
        raise KioskError(
            "policy.empty_visit", vi="Chưa có ai để tính tiền.", en="Nothing to quote."
        )
    policy = policy_on(on)
    lines: list[QuoteLine] = []
    position = 0
    for item in items:
        if item.scheme == Scheme.BHYT_HOUSEHOLD:
            position += 1
            _check_period(
                item.months,
                policy.household.periods,
                "BHYT hộ gia đình",
                "household health insurance",
            )
            lines.append(_household_line(policy, item.person_ref, position, item.months))
        else:
            if item.income is None or item.group is None:
                raise KioskError(
                    "policy.voluntary_incomplete",
                    vi="BHXH tự nguyện cần mức thu nhập và nhóm hỗ trợ.",
                    en="Voluntary social insurance needs an income and a support group.",
                )
            lines.append(
                voluntary_line(
                    policy,
                    item.person_ref,
                    item.income,
                    item.group,
                    item.months,
                    item.mode,
                    item.supported_months_used,
                    item.province,
                )
            )
    return Quote(tuple(lines), policy.version, on)


def items_from_quote(quote: Quote) -> list[VisitItem]:
    """The request a stored quote answered (to quote it again by the rules of another day)."""
    return [
        VisitItem(
            person_ref=line.person_ref,
            scheme=line.scheme,
            months=line.months,
            income=line.chosen_income,
            group=line.support_group,
            mode=line.mode or VoluntaryMode.PERIODIC,
            supported_months_used=line.supported_months_used,
        )
        for line in quote.lines
    ]


def income_bounds(on: date) -> tuple[int, int]:
    """(floor, ceiling) of the monthly income a person may choose on `on`."""
    policy = policy_on(on)
    return policy.income_floor, policy.income_ceiling


def allowed_periods(scheme: Scheme, on: date) -> tuple[int, ...]:
    """The periods (months) a scheme can be paid for on `on` (periodic mode for voluntary SI)."""
    policy = policy_on(on)
    if scheme == Scheme.BHYT_HOUSEHOLD:
        return policy.household.periods
    return policy.voluntary.periodic_months


def household_coverage_start(paid_on: date, previous_expiry: date | None) -> date:
    """When a household card starts (Law on Health Insurance Art 16(3)).

    Continuous renewal (paid before the old card expired): the day after the previous expiry.
    A lapse shorter than 3 months: the day of payment. First time, or a lapse of 3 months or
    more: 30 days after payment.
    """
    if previous_expiry is not None:
        if previous_expiry >= paid_on - timedelta(days=1):
            return previous_expiry + timedelta(days=1)
        if add_months(previous_expiry, 3) > paid_on:
            return paid_on
    return paid_on + timedelta(days=30)


def coverage_end(start: date, months: int) -> date:
    """The last covered day of a period of `months` months starting on `start`."""
    return add_months(start, months) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` months later (clamped to the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for candidate in (day.day, 31, 30, 29, 28):
        if candidate <= day.day:
            try:
                return date(year, month, candidate)
            except ValueError:
                continue
    raise AssertionError("unreachable")


def _return_rate(policy: Policy) -> Decimal:
    year = policy.on.year - 1
    rate = policy.return_rate.get(year)
    if rate is None:
        raise KioskError(
            "policy.no_return_rate",
            vi=f"Chưa có lãi suất đầu tư bình quân tháng của quỹ năm {year}: chưa thể tính đóng trước "
            "hoặc đóng bù. Hãy nhập số liệu BHXH Việt Nam công bố vào bảng chính sách.",
            en=f"No fund monthly return rate for {year} is configured: advance and back payments "
            "cannot be computed. Add the rate VSS published to the policy tables.",
            year=year,
        )
    return rate


def _check_members(members: int) -> None:
    if members < 1:
        raise KioskError(
            "policy.no_members",
            vi="Số người phải từ 1 trở lên.",
            en="The number of members must be at least 1.",
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


def _check_range(months: int, low: int, high: int, name_vi: str, name_en: str) -> None:
    if not low <= months <= high:
        raise KioskError(
            "policy.period_not_allowed",
            vi=f"Phương thức {name_vi} phải từ {low} đến {high} tháng (đang là {months}).",
            en=f"{name_en} must be {low} to {high} months (got {months}).",
            allowed=[low, high],
        )


def _check_income(policy: Policy, income: int) -> None:
    floor, ceiling = policy.income_floor, policy.income_ceiling
    if income < floor:
        raise KioskError(
            "policy.income_below_floor",
            vi=f"Thu nhập {format_vnd(income)} thấp hơn mức tối thiểu {format_vnd(floor)} "
            f"(được chọn từ {format_vnd(floor)} đến {format_vnd(ceiling)}).",
            en=f"Income {income:,} VND is below the minimum {floor:,} VND "
            f"(allowed {floor:,} to {ceiling:,} VND).",
            floor=floor,
            ceiling=ceiling,
        )
    if income > ceiling:
        raise KioskError(
            "policy.income_above_ceiling",
            vi=f"Thu nhập {format_vnd(income)} cao hơn mức tối đa {format_vnd(ceiling)} "
            f"(được chọn từ {format_vnd(floor)} đến {format_vnd(ceiling)}).",
            en=f"Income {income:,} VND is above the maximum {ceiling:,} VND "
            f"(allowed {floor:,} to {ceiling:,} VND).",
            floor=floor,
            ceiling=ceiling,
        )
