"""Voluntary social insurance: chosen income, support, payment modes and their eligibility."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from kiosk.domain.enums import Scheme, Sex, SupportGroup, VoluntaryMode
from kiosk.domain.labels import label
from kiosk.domain.money import format_vnd, round_dong
from kiosk.errors import KioskError
from kiosk.policy.coverage import add_months
from kiosk.policy.quote import BackFacts, QuoteLine
from kiosk.policy.tables import Policy, RetirementAge

_MODE_VI = {"periodic": "", "advance": " (đóng trước)", "back": " (đóng bù)"}


def voluntary_line(
    policy: Policy,
    person_ref: str,
    income: int,
    group: SupportGroup,
    months: int,
    mode: VoluntaryMode = VoluntaryMode.PERIODIC,
    supported_months_used: int = 0,
    province: str | None = None,
    *,
    island: bool = False,
    period_start: date | None = None,
    facts: BackFacts | None = None,
) -> QuoteLine:
    """22% of the chosen income a month, less the support for the months still under the
    lifetime cap: (highest share of the group, or of island residence) × 22% × rural poverty
    line, plus the residence province's top-up.

    Advance payment (whole years) discounts month i by (1+r)^(i-1); back payment (only at
    retirement age, for the months missing) adds (1+r)^i interest and gets no support. r is
    the fund's monthly return rate of the year before the payment day.
    """
    vol = policy.voluntary
    check_income(policy, income)
    if not 0 <= supported_months_used <= vol.support_cap_months:
        raise KioskError(
            "policy.bad_supported_months",
            vi=f"Số tháng đã được hỗ trợ phải từ 0 đến {vol.support_cap_months}.",
            en=f"Months already supported must be 0 to {vol.support_cap_months}.",
        )
    monthly = Decimal(income) * vol.rate
    pay_by = None
    if mode == VoluntaryMode.PERIODIC:
        _check_period(months, vol.periodic_months)
        period_start, pay_by = payment_window(policy, months, period_start)
        gross = monthly * months
    elif mode == VoluntaryMode.ADVANCE:
        _check_period(months, vol.advance_months, "đóng trước", "advance payment")
        r = return_rate(policy)
        gross = sum((monthly / (1 + r) ** (i - 1) for i in range(1, months + 1)), Decimal(0))
    else:
        check_back_payment(policy, facts, months)
        r = return_rate(policy)
        gross = sum((monthly * (1 + r) ** i for i in range(1, months + 1)), Decimal(0))
    supported = (
        0
        if mode == VoluntaryMode.BACK
        else min(months, vol.support_cap_months - supported_months_used)
    )
    support_monthly = support_share(policy, group, island) * vol.rate * policy.poverty_line.vnd
    extra = policy.province_support.get(province or "", {}).get(group, 0)
    support = (support_monthly + extra) * supported
    amount = max(round_dong(gross - support), 0)
    where_vi = ", xã đảo/đặc khu" if island else ""
    where_en = ", island commune" if island else ""
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
        supported_months_used=supported_months_used,
        island=island,
        province=province,
        province_support=extra * supported,
        period_start=period_start if mode == VoluntaryMode.PERIODIC else None,
        pay_by=pay_by,
        contributed_months=facts.contributed_months if facts else None,
        birth_date=facts.birth_date if facts else None,
        sex=facts.sex if facts else None,
        description_vi=f"BHXH tự nguyện{_MODE_VI[mode.value]}, thu nhập {format_vnd(income)}, "
        f"{label(group).lower()}{where_vi}, {months} tháng",
        description_en=f"Voluntary social insurance ({mode.value}), income {format_vnd(income)}, "
        f"{label(group, 'en').lower()}{where_en}, {months} month{'' if months == 1 else 's'}",
    )


def support_share(policy: Policy, group: SupportGroup, island: bool = False) -> Decimal:
    """The state's share for a group; island residence counts when it is higher."""
    share = policy.voluntary.support[group]
    if island and policy.voluntary.island is not None:
        share = max(share, policy.voluntary.island)
    return share


def check_income(policy: Policy, income: int) -> None:
    """Floor, ceiling and the collection procedure's step (floor + m × step)."""
    floor, ceiling, step = policy.income_floor, policy.income_ceiling, policy.income_step
    span_vi = f"(được chọn từ {format_vnd(floor)} đến {format_vnd(ceiling)})"
    span_en = f"(allowed {floor:,} to {ceiling:,} VND)"
    if income < floor:
        raise KioskError(
            "policy.income_below_floor",
            vi=f"Thu nhập {format_vnd(income)} thấp hơn mức tối thiểu {format_vnd(floor)} {span_vi}.",
            en=f"Income {income:,} VND is below the minimum {floor:,} VND {span_en}.",
            floor=floor,
            ceiling=ceiling,
        )
    if income > ceiling:
        raise KioskError(
            "policy.income_above_ceiling",
            vi=f"Thu nhập {format_vnd(income)} cao hơn mức tối đa {format_vnd(ceiling)} {span_vi}.",
            en=f"Income {income:,} VND is above the maximum {ceiling:,} VND {span_en}.",
            floor=floor,
            ceiling=ceiling,
        )
    if step and income != ceiling and (income - floor) % step:
        lower, upper = nearest_incomes(policy, income)
        raise KioskError(
            "policy.income_off_step",
            vi=f"Thu nhập {format_vnd(income)} không đúng cách chọn: phải bằng chuẩn nghèo "
            f"{format_vnd(floor)} cộng một số lần {format_vnd(step)}. Mức gần nhất được chọn: "
            f"{format_vnd(lower)} hoặc {format_vnd(upper)}.",
            en=f"Income {income:,} VND is not an allowed amount: it must be the poverty line "
            f"{floor:,} VND plus a whole number of {step:,} VND steps. Nearest allowed: "
            f"{lower:,} or {upper:,} VND.",
            lower=lower,
            upper=upper,
            step=step,
        )


def nearest_incomes(policy: Policy, income: int) -> tuple[int, int]:
    """The allowed incomes just below and just above `income` (the ceiling is allowed)."""
    floor, ceiling, step = policy.income_floor, policy.income_ceiling, policy.income_step or 1
    lower = floor + (max(income, floor) - floor) // step * step
    return min(lower, ceiling), min(lower + step, ceiling)


def payment_window(
    policy: Policy, months: int, period_start: date | None
) -> tuple[date, date | None]:
    """(first day of the period, last day it may be paid) for a periodic payment on
    policy.on; a period whose window has closed is refused (Law 41/2024 Art 36)."""
    start = period_start or policy.on.replace(day=1)
    window = policy.voluntary.payment_windows.get(months)
    if window is None:
        return start, None
    pay_by = add_months(start.replace(day=1), window) - timedelta(days=1)
    if policy.on > pay_by:
        raise KioskError(
            "policy.payment_window_closed",
            vi=f"Kỳ đóng {months} tháng bắt đầu {start:%d/%m/%Y} phải nộp trong {window} tháng "
            f"đầu, chậm nhất ngày {pay_by:%d/%m/%Y}; hôm nay đã quá hạn.",
            en=f"A {months}-month period starting {start.isoformat()} must be paid within its "
            f"first {window} months, by {pay_by.isoformat()}; that day has passed.",
            pay_by=pay_by.isoformat(),
        )
    return start, pay_by


def retirement_age_months(rows: tuple[RetirementAge, ...], sex: Sex, year: int) -> int:
    """The age (months) at which people retiring in `year` reach retirement age."""
    row = rows[0]
    for candidate in rows:
        if candidate.start.year <= year:
            row = candidate
    steps = max(0, year - row.start.year)
    if sex == Sex.MALE:
        return min(row.male + steps * row.male_step, row.male_max)
    return min(row.female + steps * row.female_step, row.female_max)


def reached_retirement_age(policy: Policy, birth_date: date, sex: Sex) -> bool:
    """Whether the person reached retirement age by policy.on: in some year up to now, their
    birthday plus that year's retirement age fell within the year and on or before today."""
    rows = policy.retirement_age
    if not rows:
        raise KioskError(
            "policy.no_retirement_age",
            vi="Chưa có bảng tuổi nghỉ hưu trong dữ liệu chính sách: chưa thể xét đóng bù.",
            en="The policy tables have no retirement ages: back payment cannot be checked.",
        )
    for year in range(birth_date.year + 40, policy.on.year + 1):
        reached = add_months(birth_date, retirement_age_months(rows, sex, year))
        if reached.year <= year and reached <= policy.on:
            return True
    return False


def check_back_payment(policy: Policy, facts: BackFacts | None, months: int) -> None:
    """Back payment is only for people at retirement age who lack at most back_max_months to
    reach back_target_years, and only for exactly the missing months (Decree 159/2025 Art 7;
    Decree 134/2015 before 2025-07-01)."""
    vol = policy.voluntary
    if facts is None:
        raise KioskError(
            "policy.back_needs_facts",
            vi="Đóng bù cần ngày sinh, giới tính và số tháng đã đóng BHXH của người tham gia.",
            en="Back payment needs the participant's date of birth, sex and months already paid.",
        )
    if not reached_retirement_age(policy, facts.birth_date, facts.sex):
        raise KioskError(
            "policy.back_not_retirement_age",
            vi="Chỉ người đã đủ tuổi nghỉ hưu mới được đóng một lần cho số tháng còn thiếu; "
            "người này chưa đủ tuổi nghỉ hưu.",
            en="Only people who reached retirement age may pay the missing months at once; "
            "this person has not reached it.",
        )
    target = vol.back_target_years * 12
    missing = target - facts.contributed_months
    if missing <= 0:
        raise KioskError(
            "policy.back_nothing_missing",
            vi=f"Người này đã đóng đủ {vol.back_target_years} năm: không có tháng nào để đóng bù.",
            en=f"This person already has {vol.back_target_years} years: nothing to pay back.",
        )
    if missing > vol.back_max_months:
        raise KioskError(
            "policy.back_too_many_missing",
            vi=f"Còn thiếu {missing} tháng để đủ {vol.back_target_years} năm, nhiều hơn "
            f"{vol.back_max_months} tháng được đóng bù một lần.",
            en=f"{missing} months are missing to reach {vol.back_target_years} years, more "
            f"than the {vol.back_max_months} months that may be paid back at once.",
            missing=missing,
        )
    if months != missing:
        raise KioskError(
            "policy.back_months_mismatch",
            vi=f"Đóng bù phải đúng số tháng còn thiếu: {missing} tháng (đang là {months}).",
            en=f"Back payment must be exactly the missing months: {missing} (got {months}).",
            missing=missing,
        )


def return_rate(policy: Policy) -> Decimal:
    """Last year's monthly return rate of the fund; refuses clearly when it is not in the data."""
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


def _check_period(
    months: int,
    allowed: tuple[int, ...],
    mode_vi: str = "",
    mode_en: str = "",
) -> None:
    if months not in allowed:
        options = ", ".join(str(m) for m in allowed)
        name_vi = f"BHXH tự nguyện {mode_vi}".strip()
        name_en = f"voluntary social insurance {mode_en}".strip()
        raise KioskError(
            "policy.period_not_allowed",
            vi=f"{name_vi} không đóng {months} tháng; chỉ được {options} tháng.",
            en=f"{name_en} cannot be paid for {months} months; allowed: {options} months.",
            allowed=list(allowed),
        )


def best_group(policy: Policy, declared: SupportGroup | None, minority: bool) -> SupportGroup:
    """The group whose share is highest on policy.on among the declared one (poor, near-poor
    or other) and ethnic minority when the person's ethnicity is a minority one (Decree
    159/2025 Art 5: the highest applicable level wins). Ties keep the declared group."""
    candidates = [declared or SupportGroup.OTHER]
    if minority:
        candidates.append(SupportGroup.ETHNIC_MINORITY)
    return max(candidates, key=lambda g: policy.voluntary.support[g])
