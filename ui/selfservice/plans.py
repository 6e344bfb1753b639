"""The controller's scheme, period and income decisions (a part of WizardController)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.domain.money import format_vnd
from kiosk.errors import KioskError
from ui.selfservice.model import MemberPlan, QuoteView, SelfServiceBackend
from ui.selfservice.questions import QuestionSteps
from ui.selfservice.steps import CHOICE_SCHEMES, COMMON_INCOMES, Choice, Step


class PlanSteps(QuestionSteps):
    """Schemes, periods and the voluntary income of each member; WizardController holds the
    state these read (members, plan_index, ...) and `_go`/`_changed`/`_write`."""

    backend: SelfServiceBackend
    members: list[MemberPlan]
    plan_index: int
    shared_plan: bool
    income_error: KioskError | None
    error: KioskError | None
    quote: QuoteView | None
    _go: Callable[[Step], None]
    _changed: Callable[[], None]
    _plans: Callable[[], tuple[MemberPlan, ...]]
    _write: Callable[..., bool]
    after_periods: Callable[[], None]

    @property
    def plan(self) -> MemberPlan:
        """The member on the scheme and period screens."""
        return self.members[self.plan_index]

    def choose(self, choice: Choice, *, everyone: bool = False) -> None:
        """`choice` for the member on screen; `everyone` gives the whole household the same
        (health insurance for a family: one choice and one period instead of one per person)."""
        self.shared_plan = everyone and len(self.members) > 1
        targets = self.members if self.shared_plan else [self.plan]
        for plan in targets:
            plan.schemes = CHOICE_SCHEMES[choice]
        plan = self.plan
        low, high = self.income_bounds()
        if plan.joins_voluntary and not low <= plan.income <= high:
            plan.income = low  # the income starts at the minimum
        self.income_error = None
        self.after_scheme()  # the questions that matter for this choice, then the period

    def current_choice(self) -> Choice | None:
        for choice, schemes in CHOICE_SCHEMES.items():
            if self.plan.schemes == schemes:
                return choice
        return None

    def _period_targets(self) -> list[MemberPlan]:
        return self.members if self.shared_plan else [self.plan]

    def income_bounds(self) -> tuple[int, int]:
        return self.backend.income_bounds(self.backend.today())

    def income_step(self) -> int:
        """The engine's step for the −/+ buttons (1 đồng when any whole amount is allowed)."""
        return self.backend.income_step(self.backend.today()) or 1

    def set_bhyt_months(self, months: int) -> None:
        if months not in self.backend.bhyt_periods:
            raise ValueError(months)
        for plan in self._period_targets():
            plan.bhyt_months = months
        self._changed()

    def set_voluntary_months(self, months: int) -> None:
        if months not in self.backend.voluntary_periods:
            raise ValueError(months)
        self.plan.voluntary_months = months
        self._changed()

    def set_income(self, income: int) -> None:
        """An income from the −/+ buttons: kept within the bounds (the buttons stop there)."""
        low, high = self.income_bounds()
        self.plan.income = min(max(income, low), high)
        self.income_error = None
        self._changed()

    def step_income(self, steps: int) -> None:
        """Move the income by whole steps of the engine's rule, from the floor's grid."""
        low, _high = self.income_bounds()
        step = self.income_step()
        on_grid = low + (max(self.plan.income, low) - low) // step * step
        if steps < 0 and on_grid < self.plan.income:
            steps += 1  # an off-grid amount first falls to the step below it
        self.set_income(on_grid + steps * step)

    def check_income(self, income: int) -> KioskError | None:
        """The engine's verdict on `income` (bounds, step), or None when it is allowed."""
        on = self.backend.today()
        if self.backend.check_income is not None:
            try:
                self.backend.check_income(income, on)
            except KioskError as err:
                return err
            return None
        low, high = self.income_bounds()
        if low <= income <= high:
            return None
        return KioskError(
            "selfservice.income_out_of_range",
            vi=f"Thu nhập phải từ {format_vnd(low)} đến {format_vnd(high)}.",
            en=f"The income must be from {low:,} to {high:,} VND.",
        )

    def enter_income(self, income: int) -> bool:
        """An income typed on the number pad: kept only if the engine allows it; otherwise the
        screen says why (and which allowed amounts are nearest): never a silent change."""
        err = self.check_income(income)
        self.income_error = err
        if err is None:
            self.plan.income = income
        self._changed()
        return err is None

    def income_presets(self) -> tuple[int, ...]:
        """The floor and the common round incomes the engine accepts today (big buttons)."""
        low, _high = self.income_bounds()
        return (low, *(i for i in COMMON_INCOMES if i > low and self.check_income(i) is None))

    def monthly_amount(self) -> int:
        """What voluntary social insurance costs per month at the chosen income, with the
        support the member's answers give (shown live)."""
        plan = self.plan
        return self.backend.voluntary_monthly(
            plan.income, self.backend.today(), self.applied_group(plan)
        )

    def period_done(self) -> None:
        if self.plan.joins_voluntary and self.income_error is not None:
            self.error = self.income_error  # the typed income is not allowed: say why, stay
            self._changed()
            return
        if not self.shared_plan and self.plan_index < len(self.members) - 1:
            self.plan_index += 1
            self._go(Step.SCHEME)
            return
        self.after_periods()  # everyone's ethnicity if someone was not asked, then the quote

    def request_quote(self) -> None:
        """The review's figures; the quote reads the household's year from the database: on
        the runner, like a write."""
        plans, on = self._plans(), self.backend.today()
        self._write(lambda: self.backend.quote(plans, on), self._quoted, saving=False)

    def _quoted(self, quote: Any) -> None:
        self.quote = quote
        self._go(Step.REVIEW)
