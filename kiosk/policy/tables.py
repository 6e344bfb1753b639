"""Loading and validating the dated policy tables, and picking the rows in force on a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from kiosk import toml_read
from kiosk.domain.enums import SupportGroup
from kiosk.errors import KioskError
from kiosk.policy import parse as p
from resources import resource_path

POLICY_FILE = resource_path("policy", "policy.toml")
CEILING_BASES = ("base_salary", "reference_level")


@dataclass(frozen=True)
class Amount:
    start: date
    vnd: int
    source: str
    verified: bool = True
    note: str = ""


@dataclass(frozen=True)
class Household:
    start: date
    rate: Decimal  # share of the base salary a month, e.g. 0.045
    ladder: tuple[Decimal, ...]  # member shares of the first member's amount; last repeats
    periods: tuple[int, ...]
    source: str
    verified: bool = True
    note: str = ""


@dataclass(frozen=True)
class Voluntary:
    start: date
    rate: Decimal
    ceiling_multiple: int
    ceiling_base: str  # "base_salary" or "reference_level"
    support: dict[SupportGroup, Decimal]
    island: Decimal | None  # share for people living in an island commune / special zone
    support_cap_months: int
    periodic_months: tuple[int, ...]
    advance_months: tuple[int, ...]
    back_max_months: int
    back_target_years: int
    payment_windows: dict[int, int]  # mode months -> months of the period it may be paid in
    source: str
    verified: bool = True
    note: str = ""

    @property
    def advance_max_months(self) -> int:
        return max(self.advance_months)


@dataclass(frozen=True)
class IncomeRule:
    """The chosen income is the floor plus a whole number of `step_vnd` (the ceiling too)."""

    start: date
    step_vnd: int
    source: str
    verified: bool = True
    note: str = ""


@dataclass(frozen=True)
class RetirementAge:
    """Ages (in months) reached by people retiring in `start.year`, rising each later year."""

    start: date
    male: int
    female: int
    male_step: int
    female_step: int
    male_max: int
    female_max: int
    source: str
    verified: bool = True
    note: str = ""


@dataclass(frozen=True)
class ProvinceSupport:
    province: str
    start: date | None
    amounts: dict[SupportGroup, int]
    source: str


@dataclass(frozen=True)
class CoveredReason:
    """Why a household member is insured elsewhere (never charged, not counted)."""

    code: str
    vi: str
    en: str
    source: str


@dataclass(frozen=True)
class PolicyBook:
    """Every dated table, sorted by start date."""

    base_salary: tuple[Amount, ...]
    poverty_line: tuple[Amount, ...]
    household: tuple[Household, ...]
    voluntary: tuple[Voluntary, ...]
    return_rate: dict[int, Decimal]  # year -> monthly rate (e.g. 0.004)
    province_support: tuple[ProvinceSupport, ...] = ()
    reference_level: tuple[Amount, ...] = ()
    income_rule: tuple[IncomeRule, ...] = ()
    retirement_age: tuple[RetirementAge, ...] = ()
    covered_reasons: dict[str, CoveredReason] = field(default_factory=dict)


@dataclass(frozen=True)
class Policy:
    """The rows in force on one day, and the version string quotes record."""

    on: date
    base_salary: Amount
    poverty_line: Amount
    household: Household
    voluntary: Voluntary
    return_rate: dict[int, Decimal]
    province_support: dict[str, dict[SupportGroup, int]]
    reference_level: Amount | None = None
    income_rule: IncomeRule | None = None
    retirement_age: tuple[RetirementAge, ...] = ()
    covered_reasons: dict[str, CoveredReason] = field(default_factory=dict)

    @property
    def version(self) -> str:
        """Deterministic: the start dates of the rows used, e.g. bs2026-07-01/pl2022-01-01/…"""
        text = (
            f"bs{self.base_salary.start}/pl{self.poverty_line.start}"
            f"/hh{self.household.start}/vs{self.voluntary.start}"
        )
        if self.voluntary.ceiling_base == "reference_level" and self.reference_level:
            text += f"/rl{self.reference_level.start}"
        return text

    @property
    def income_floor(self) -> int:
        return self.poverty_line.vnd

    @property
    def ceiling_reference(self) -> int:
        """The amount the income ceiling multiplies: reference level under Law 41/2024."""
        if self.voluntary.ceiling_base == "reference_level" and self.reference_level:
            return self.reference_level.vnd
        return self.base_salary.vnd

    @property
    def income_ceiling(self) -> int:
        return self.voluntary.ceiling_multiple * self.ceiling_reference

    @property
    def income_step(self) -> int | None:
        """The step the chosen income moves by above the floor (None: any whole đồng)."""
        return self.income_rule.step_vnd if self.income_rule else None


T = TypeVar("T", Amount, Household, Voluntary, IncomeRule, RetirementAge)


def policy_on(on: date) -> Policy:
    """The policy in force on `on` (a date before the first table gives policy.no_policy)."""
    book = load_book()
    first = max(book.base_salary[0].start, book.household[0].start, book.voluntary[0].start)
    if on < first:
        raise KioskError(
            "policy.no_policy",
            vi=f"Không có chính sách cho ngày {on:%d/%m/%Y}; dữ liệu bắt đầu từ {first:%d/%m/%Y}.",
            en=f"No policy for {on.isoformat()}; the tables start on {first.isoformat()}.",
            first=first.isoformat(),
        )
    return Policy(
        on=on,
        base_salary=_in_force(book.base_salary, on),
        poverty_line=_in_force(book.poverty_line, on),
        household=_in_force(book.household, on),
        voluntary=_in_force(book.voluntary, on),
        return_rate=book.return_rate,
        province_support=_province_support_on(book.province_support, on),
        reference_level=_maybe_in_force(book.reference_level, on),
        income_rule=_maybe_in_force(book.income_rule, on),
        retirement_age=tuple(r for r in book.retirement_age if r.start <= on),
        covered_reasons=book.covered_reasons,
    )


def unverified_rows(book: PolicyBook | None = None) -> list[str]:
    """One line per UNVERIFIED row ("table from: note"), for the README and the report."""
    book = book or load_book()
    tables: dict[str, tuple[Any, ...]] = {
        "base_salary": book.base_salary,
        "reference_level": book.reference_level,
        "poverty_line": book.poverty_line,
        "household": book.household,
        "voluntary": book.voluntary,
        "income_rule": book.income_rule,
        "retirement_age": book.retirement_age,
    }
    return [
        f"{name} {row.start}: {row.note}"
        for name, table in tables.items()
        for row in table
        if not row.verified
    ]


def _in_force(rows: tuple[T, ...], on: date) -> T:
    current = rows[0]
    for row in rows:
        if row.start <= on:
            current = row
    return current


def _maybe_in_force(rows: tuple[T, ...], on: date) -> T | None:
    started = [row for row in rows if row.start <= on]
    return started[-1] if started else None


def _province_support_on(
    rows: tuple[ProvinceSupport, ...], on: date
) -> dict[str, dict[SupportGroup, int]]:
    """Per province, the last row started by `on` (rows without a start apply always)."""
    table: dict[str, dict[SupportGroup, int]] = {}
    for row in sorted(rows, key=lambda r: r.start or date.min):
        if row.start is None or row.start <= on:
            table[row.province] = row.amounts
    return table


@lru_cache(maxsize=4)
def load_book(path: Path = POLICY_FILE) -> PolicyBook:
    """Read and validate the policy file once; a bad file names the file and the key."""
    try:
        raw = toml_read.loads(path.read_text(encoding="utf-8"))
    except (OSError, toml_read.TOMLDecodeError) as exc:
        raise p.bad(path, "(file)", str(exc)) from None
    return PolicyBook(
        base_salary=_sorted(path, "base_salary", [_amount(path, "base_salary", r) for r in p.rows(path, raw, "base_salary")]),
        poverty_line=_sorted(path, "poverty_line", [_amount(path, "poverty_line", r) for r in p.rows(path, raw, "poverty_line")]),
        household=_sorted(path, "household", [_household(path, r) for r in p.rows(path, raw, "household")]),
        voluntary=_sorted(path, "voluntary", [_voluntary(path, r) for r in p.rows(path, raw, "voluntary")]),
        return_rate=_return_rates(path, raw.get("return_rate", [])),
        province_support=_province_support(path, raw.get("province_support", [])),
        reference_level=_sorted(path, "reference_level", [_amount(path, "reference_level", r) for r in p.rows(path, raw, "reference_level", required=False)]),
        income_rule=_sorted(path, "income_rule", [_income_rule(path, r) for r in p.rows(path, raw, "income_rule", required=False)]),
        retirement_age=_sorted(path, "retirement_age", [_retirement(path, r) for r in p.rows(path, raw, "retirement_age", required=False)]),
        covered_reasons=_covered_reasons(path, p.rows(path, raw, "covered_reason", required=False)),
    )  # fmt: skip


def _sorted(path: Path, key: str, rows: list[T]) -> tuple[T, ...]:
    starts = [r.start for r in rows]
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise p.bad(path, key, "rows must be in ascending order of 'from', without repeats")
    return tuple(rows)


def _amount(path: Path, key: str, row: dict[str, Any]) -> Amount:
    flag, note = p.verified(path, key, row)
    return Amount(
        p.start(path, key, row),
        p.vnd(path, f"{key}.vnd", row.get("vnd")),
        p.source(path, key, row),
        flag,
        note,
    )


def _household(path: Path, row: dict[str, Any]) -> Household:
    ladder = row.get("ladder_percent")
    if not isinstance(ladder, list) or not ladder:
        raise p.bad(path, "household.ladder_percent", "must list the member shares")
    flag, note = p.verified(path, "household", row)
    return Household(
        start=p.start(path, "household", row),
        rate=p.percent(path, "household.rate_percent", row.get("rate_percent")),
        ladder=tuple(p.percent(path, "household.ladder_percent", v) for v in ladder),
        periods=p.months(path, "household.periods_months", row.get("periods_months")),
        source=p.source(path, "household", row),
        verified=flag,
        note=note,
    )


def _voluntary(path: Path, row: dict[str, Any]) -> Voluntary:
    support = row.get("support_percent")
    if not isinstance(support, dict) or set(support) != {g.value for g in SupportGroup}:
        raise p.bad(
            path, "voluntary.support_percent", "needs poor, near_poor, ethnic_minority, other"
        )
    base = row.get("ceiling_base", "base_salary")
    if base not in CEILING_BASES:
        raise p.bad(path, "voluntary.ceiling_base", "must be base_salary or reference_level")
    island = row.get("island_percent")
    flag, note = p.verified(path, "voluntary", row)
    return Voluntary(
        start=p.start(path, "voluntary", row),
        rate=p.percent(path, "voluntary.rate_percent", row.get("rate_percent")),
        ceiling_multiple=p.whole(path, "voluntary.ceiling_multiple", row.get("ceiling_multiple")),
        ceiling_base=base,
        support={
            g: p.percent(path, f"voluntary.support_percent.{g.value}", support[g.value])
            for g in SupportGroup
        },
        island=None if island is None else p.percent(path, "voluntary.island_percent", island),
        support_cap_months=p.whole(path, "voluntary.support_cap_months", row.get("support_cap_months")),
        periodic_months=p.months(path, "voluntary.periodic_months", row.get("periodic_months")),
        advance_months=p.months(path, "voluntary.advance_months", row.get("advance_months")),
        back_max_months=p.whole(path, "voluntary.back_max_months", row.get("back_max_months")),
        back_target_years=p.whole(path, "voluntary.back_target_years", row.get("back_target_years")),
        payment_windows=p.windows(path, "voluntary.payment_window_months", row.get("payment_window_months")),
        source=p.source(path, "voluntary", row),
        verified=flag,
        note=note,
    )  # fmt: skip


def _income_rule(path: Path, row: dict[str, Any]) -> IncomeRule:
    flag, note = p.verified(path, "income_rule", row)
    return IncomeRule(
        start=p.start(path, "income_rule", row),
        step_vnd=p.vnd(path, "income_rule.step_vnd", row.get("step_vnd")),
        source=p.source(path, "income_rule", row),
        verified=flag,
        note=note,
    )


def _retirement(path: Path, row: dict[str, Any]) -> RetirementAge:
    key = "retirement_age"
    flag, note = p.verified(path, key, row)
    return RetirementAge(
        start=p.start(path, key, row),
        male=p.age(path, f"{key}.male", row.get("male")),
        female=p.age(path, f"{key}.female", row.get("female")),
        male_step=p.whole(path, f"{key}.male_step_months", row.get("male_step_months"), 0),
        female_step=p.whole(path, f"{key}.female_step_months", row.get("female_step_months"), 0),
        male_max=p.age(path, f"{key}.male_max", row.get("male_max")),
        female_max=p.age(path, f"{key}.female_max", row.get("female_max")),
        source=p.source(path, key, row),
        verified=flag,
        note=note,
    )


def _return_rates(path: Path, rows: Any) -> dict[int, Decimal]:
    if not isinstance(rows, list):
        raise p.bad(path, "return_rate", "must be a list of rows")
    rates = {}
    for row in rows:
        year = row.get("year") if isinstance(row, dict) else None
        if not isinstance(year, int):
            raise p.bad(path, "return_rate.year", "must be a year like 2025")
        p.source(path, "return_rate", row)
        rates[year] = p.percent(path, "return_rate.monthly_percent", row.get("monthly_percent"))
    return rates


def _province_support(path: Path, rows: Any) -> tuple[ProvinceSupport, ...]:
    if not isinstance(rows, list):
        raise p.bad(path, "province_support", "must be a list of rows")
    table: list[ProvinceSupport] = []
    for row in rows:
        code = row.get("province") if isinstance(row, dict) else None
        if not isinstance(code, str) or len(code) != 3 or not code.isdigit():
            raise p.bad(path, "province_support.province", "must be a 3-digit province code")
        assert isinstance(row, dict)
        table.append(
            ProvinceSupport(
                province=code,
                start=p.start(path, "province_support", row) if "from" in row else None,
                amounts={
                    g: p.vnd(path, f"province_support.{g.value}", row[g.value])
                    for g in SupportGroup
                    if g.value in row
                },
                source=p.source(path, "province_support", row),
            )
        )
    return tuple(table)


def _covered_reasons(path: Path, rows: list[dict[str, Any]]) -> dict[str, CoveredReason]:
    table: dict[str, CoveredReason] = {}
    for row in rows:
        code, vi, en = row.get("code"), row.get("vi"), row.get("en")
        if not isinstance(code, str) or not code.isidentifier() or code in table:
            raise p.bad(path, "covered_reason.code", "must be a unique identifier")
        if not isinstance(vi, str) or not isinstance(en, str) or not vi or not en:
            raise p.bad(path, f"covered_reason.{code}", "needs vi and en texts")
        table[code] = CoveredReason(code, vi, en, p.source(path, "covered_reason", row))
    return table
