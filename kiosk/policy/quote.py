"""What a quote is made of: the request items and the lines and totals the engine answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from kiosk.domain.enums import Scheme, Sex, SupportGroup, VoluntaryMode

_DATES = ("period_start", "pay_by", "birth_date")


@dataclass(frozen=True)
class QuoteLine:
    """What one person pays for one scheme and period (rounded once, half-up).

    A household member insured elsewhere gets a line too (`covered_reason` set, amount 0, no
    position) so the review screen and the receipt can say why nothing is charged.
    """

    person_ref: str
    scheme: Scheme
    months: int
    amount: int
    monthly_amount: int  # for display; the amount is computed exactly, not monthly × months
    description_vi: str
    description_en: str
    position: int | None = None  # household member number in the fiscal year (1 = first)
    support_group: SupportGroup | None = None
    chosen_income: int | None = None
    mode: VoluntaryMode | None = None
    support_amount: int = 0  # state (and province) support deducted (voluntary SI)
    supported_months: int = 0
    supported_months_used: int = 0  # before this payment (so a re-quote is exact)
    covered_reason: str | None = None  # code of resources/policy covered_reason
    island: bool = False  # lives in an island commune or special zone (support share)
    province: str | None = None  # residence province code (province top-up)
    province_support: int = 0  # the province's part of support_amount
    period_start: date | None = None  # first day of the period paid (periodic voluntary SI)
    pay_by: date | None = None  # last day the period may be paid (Law 41/2024 Art 36)
    contributed_months: int | None = None  # back payment: months already contributed
    birth_date: date | None = None  # back payment: retirement-age check
    sex: Sex | None = None

    def __post_init__(self) -> None:
        if self.amount < 0 or self.months < 0:
            raise ValueError("a quote line needs a non-negative period and amount")
        if self.months == 0 and self.covered_reason is None:
            raise ValueError("only a covered member's line may have no period")

    @property
    def covered(self) -> bool:
        """Insured elsewhere: shown, never charged, not counted in the household ladder."""
        return self.covered_reason is not None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["scheme"] = self.scheme.value
        data["support_group"] = self.support_group.value if self.support_group else None
        data["mode"] = self.mode.value if self.mode else None
        data["sex"] = self.sex.value if self.sex else None
        for key in _DATES:
            value = getattr(self, key)
            data[key] = value.isoformat() if value else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuoteLine:
        """The line back from JSON (older stored lines lack the newer keys: defaults apply)."""
        values = dict(data)
        values["scheme"] = Scheme(values["scheme"])
        group = values.get("support_group")
        values["support_group"] = SupportGroup(group) if group else None
        values["mode"] = VoluntaryMode(values["mode"]) if values.get("mode") else None
        values["sex"] = Sex(values["sex"]) if values.get("sex") else None
        for key in _DATES:
            if values.get(key):
                values[key] = date.fromisoformat(values[key])
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
    """One person and one scheme in a visit's quote request.

    Household health insurance: `position` is the member's place in the fiscal year's ladder
    (None: numbered after the visit's earlier items); `covered_reason` makes a zero line that
    is not counted. Voluntary SI: income and group; `island` and `province` (residence) add
    support; `period_start` dates a periodic payment's window; back payment needs
    `birth_date`, `sex` and `contributed_months`.
    """

    person_ref: str
    scheme: Scheme
    months: int
    income: int | None = None
    group: SupportGroup | None = None
    mode: VoluntaryMode = VoluntaryMode.PERIODIC
    supported_months_used: int = 0
    province: str | None = None
    position: int | None = None
    covered_reason: str | None = None
    island: bool = False
    period_start: date | None = None
    contributed_months: int | None = None
    birth_date: date | None = None
    sex: Sex | None = None


@dataclass(frozen=True)
class BackFacts:
    """What back payment eligibility needs (Decree 159/2025 Art 7)."""

    birth_date: date
    sex: Sex
    contributed_months: int
