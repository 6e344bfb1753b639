"""Loading and validating the dated policy tables, and picking the rows in force on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from kiosk import toml_read
from kiosk.domain.enums import SupportGroup
from kiosk.errors import KioskError
from resources import resource_path

POLICY_FILE = resource_path("policy", "policy.toml")


@dataclass(frozen=True)
class Household:
    start: date
    rate: Decimal  # share of the base salary a month, e.g. 0.045
    ladder: tuple[Decimal, ...]  # member shares of the first member's amount; last repeats
    periods: tuple[int, ...]
    source: str


@dataclass(frozen=True)
class Voluntary:
    start: date
    rate: Decimal
    ceiling_multiple: int
    support: dict[SupportGroup, Decimal]
    support_cap_months: int
    periodic_months: tuple[int, ...]
    advance_max_months: int
    back_max_months: int
    source: str


@dataclass(frozen=True)
class Amount:
    start: date
    vnd: int
    source: str


@dataclass(frozen=True)
class PolicyBook:
    """Every dated table, sorted by start date."""

    base_salary: tuple[Amount, ...]
    poverty_line: tuple[Amount, ...]
    household: tuple[Household, ...]
    voluntary: tuple[Voluntary, ...]
    return_rate: dict[int, Decimal]  # year -> monthly rate (e.g. 0.004)
    province_support: dict[str, dict[SupportGroup, int]]


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

    @property
    def version(self) -> str:
        """Deterministic: the start dates of the rows used, e.g. bs2026-07-01/pl2022-01-01/…"""
        return (
            f"bs{self.base_salary.start}/pl{self.poverty_line.start}"
            f"/hh{self.household.start}/vs{self.voluntary.start}"
        )

    @property
    def income_floor(self) -> int:
        return self.poverty_line.vnd

    @property
    def income_ceiling(self) -> int:
        return self.voluntary.ceiling_multiple * self.base_salary.vnd


T = TypeVar("T", "Amount", "Household", "Voluntary")


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
        province_support=book.province_support,
    )


def _in_force(rows: tuple[T, ...], on: date) -> T:
    current = rows[0]
    for row in rows:
        if row.start <= on:
            current = row
    return current


@lru_cache(maxsize=4)
def load_book(path: Path = POLICY_FILE) -> PolicyBook:
    """Read and validate the policy file once; a bad file names the file and the key."""
    try:
        raw = toml_read.loads(path.read_text(encoding="utf-8"))
    except (OSError, toml_read.TOMLDecodeError) as exc:
        raise _bad(path, "(file)", str(exc)) from None
    return PolicyBook(
        base_salary=_sorted(
            path,
            "base_salary",
            [_amount(path, "base_salary", r) for r in _rows(path, raw, "base_salary")],
        ),
        poverty_line=_sorted(
            path,
            "poverty_line",
            [_amount(path, "poverty_line", r) for r in _rows(path, raw, "poverty_line")],
        ),
        household=_sorted(
            path, "household", [_household(path, r) for r in _rows(path, raw, "household")]
        ),
        voluntary=_sorted(
            path, "voluntary", [_voluntary(path, r) for r in _rows(path, raw, "voluntary")]
        ),
        return_rate=_return_rates(path, raw.get("return_rate", [])),
        province_support=_province_support(path, raw.get("province_support", [])),
    )


def _rows(path: Path, raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows = raw.get(key)
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise _bad(path, key, "needs at least one [[row]]")
    return rows


def _sorted(path: Path, key: str, rows: list[T]) -> tuple[T, ...]:
    starts = [r.start for r in rows]
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise _bad(path, key, "rows must be in ascending order of 'from', without repeats")
    return tuple(rows)


def _start(path: Path, key: str, row: dict[str, Any]) -> date:
    value = row.get("from")
    if not isinstance(value, date):
        raise _bad(path, f"{key}.from", "must be a date like 2026-07-01")
    return value


def _source(path: Path, key: str, row: dict[str, Any]) -> str:
    value = row.get("source")
    if not isinstance(value, str) or not value.strip():
        raise _bad(path, f"{key}.source", "every value needs its legal source")
    return value


def _vnd(path: Path, key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise _bad(path, key, "must be a positive whole number of đồng")
    return value


def _percent(path: Path, key: str, value: Any) -> Decimal:
    try:
        number = Decimal(str(value)) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not Decimal(0) <= number <= Decimal(100):
        raise _bad(path, key, 'must be a percentage string between "0" and "100"')
    return number / 100


def _months(path: Path, key: str, value: Any) -> tuple[int, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(m, int) and 0 < m <= 120 for m in value)
    ):
        raise _bad(path, key, "must be a list of month counts")
    return tuple(value)


def _amount(path: Path, key: str, row: dict[str, Any]) -> Amount:
    return Amount(
        _start(path, key, row), _vnd(path, f"{key}.vnd", row.get("vnd")), _source(path, key, row)
    )


def _household(path: Path, row: dict[str, Any]) -> Household:
    ladder = row.get("ladder_percent")
    if not isinstance(ladder, list) or not ladder:
        raise _bad(path, "household.ladder_percent", "must list the member shares")
    return Household(
        start=_start(path, "household", row),
        rate=_percent(path, "household.rate_percent", row.get("rate_percent")),
        ladder=tuple(_percent(path, "household.ladder_percent", v) for v in ladder),
        periods=_months(path, "household.periods_months", row.get("periods_months")),
        source=_source(path, "household", row),
    )


def _voluntary(path: Path, row: dict[str, Any]) -> Voluntary:
    support = row.get("support_percent")
    if not isinstance(support, dict) or set(support) != {g.value for g in SupportGroup}:
        raise _bad(
            path, "voluntary.support_percent", "needs poor, near_poor, ethnic_minority, other"
        )
    ints = {}
    for name in ("ceiling_multiple", "support_cap_months", "advance_max_months", "back_max_months"):
        value = row.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise _bad(path, f"voluntary.{name}", "must be a positive whole number")
        ints[name] = value
    return Voluntary(
        start=_start(path, "voluntary", row),
        rate=_percent(path, "voluntary.rate_percent", row.get("rate_percent")),
        support={
            g: _percent(path, f"voluntary.support_percent.{g.value}", support[g.value])
            for g in SupportGroup
        },
        periodic_months=_months(path, "voluntary.periodic_months", row.get("periodic_months")),
        source=_source(path, "voluntary", row),
        **ints,
    )


def _return_rates(path: Path, rows: Any) -> dict[int, Decimal]:
    if not isinstance(rows, list):
        raise _bad(path, "return_rate", "must be a list of rows")
    rates = {}
    for row in rows:
        year = row.get("year") if isinstance(row, dict) else None
        if not isinstance(year, int):
            raise _bad(path, "return_rate.year", "must be a year like 2025")
        _source(path, "return_rate", row)
        rates[year] = _percent(path, "return_rate.monthly_percent", row.get("monthly_percent"))
    return rates


def _province_support(path: Path, rows: Any) -> dict[str, dict[SupportGroup, int]]:
    if not isinstance(rows, list):
        raise _bad(path, "province_support", "must be a list of rows")
    table: dict[str, dict[SupportGroup, int]] = {}
    for row in rows:
        code = row.get("province") if isinstance(row, dict) else None
        if not isinstance(code, str) or len(code) != 3 or not code.isdigit():
            raise _bad(path, "province_support.province", "must be a 3-digit province code")
        _source(path, "province_support", row)
        table[code] = {
            g: _vnd(path, f"province_support.{g.value}", row[g.value])
            for g in SupportGroup
            if g.value in row
        }
    return table


def _bad(path: Path, key: str, problem: str) -> KioskError:
    return KioskError(
        "policy.bad_file",
        vi=f"Tệp chính sách {path.name} sai ở “{key}”: {problem}.",
        en=f"Policy file {path.name} is wrong at {key!r}: {problem}.",
        key=key,
    )
