"""The wizard's state and decisions, one step per screen; plain Python, tested without a window."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from kiosk.domain.enums import Scheme, Sex, StrEnum
from kiosk.errors import KioskError
from ui.selfservice.model import (
    PERSON_FIELDS,
    MemberPlan,
    PersonInput,
    QuoteView,
    Registration,
    SelfServiceBackend,
)


class Step(StrEnum):
    WELCOME = "welcome"
    IDENTIFY = "identify"  # scan the CCCD or choose to type
    DETAILS = "details"
    HOUSEHOLD = "household"
    SCHEME = "scheme"  # for member `plan_index`
    PERIOD = "period"  # for member `plan_index`
    REVIEW = "review"
    PAYMENT = "payment"
    VIETQR = "vietqr"
    THANKS = "thanks"


class Choice(StrEnum):
    BHYT = "bhyt"
    BHXH = "bhxh"
    BOTH = "both"


CHOICE_SCHEMES = {
    Choice.BHYT: frozenset({Scheme.BHYT_HOUSEHOLD}),
    Choice.BHXH: frozenset({Scheme.BHXH_VOLUNTARY}),
    Choice.BOTH: frozenset({Scheme.BHYT_HOUSEHOLD, Scheme.BHXH_VOLUNTARY}),
}


def _same_person() -> KioskError:
    return KioskError(
        "selfservice.duplicate",
        vi="Người này đã có trong danh sách hộ gia đình.",
        en="This person is already in the household list.",
    )


class WizardController:
    """Holds one attendee's visit until it is confirmed; `reset()` forgets all of it."""

    def __init__(self, backend: SelfServiceBackend) -> None:
        self.backend = backend
        self._listeners: list[Callable[[], None]] = []
        self.reset()

    # -- observing ------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener()

    # -- state --------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget everything of the current attendee and go back to the welcome screen."""
        self.step = Step.WELCOME
        self.members: list[MemberPlan] = []
        self.editing = 0  # member shown on IDENTIFY / DETAILS
        self.plan_index = 0  # member shown on SCHEME / PERIOD
        self.field_errors: dict[str, KioskError] = {}
        self.error: KioskError | None = None  # a message for the whole screen
        self.quote: QuoteView | None = None
        self.registration: Registration | None = None
        self.vietqr: str = ""
        self.paid_at_desk = False
        self._changed()

    @property
    def person(self) -> PersonInput:
        """The person on the details screen."""
        return self.members[self.editing].person

    @property
    def plan(self) -> MemberPlan:
        """The member on the scheme and period screens."""
        return self.members[self.plan_index]

    def _go(self, step: Step) -> None:
        self.step = step
        self.error = None
        self._changed()

    # -- welcome, identify, details -------------------------------------------------------------
    def start(self) -> None:
        self.reset()
        self.members = [MemberPlan()]
        self.editing = 0
        self._go(Step.IDENTIFY)

    def type_manually(self) -> None:
        self.field_errors = {}
        self._go(Step.DETAILS)

    def scan(self, text: str) -> bool:
        """A CCCD QR was scanned: fill the person being identified, or add one to the household."""
        if self.step not in (Step.WELCOME, Step.IDENTIFY, Step.DETAILS, Step.HOUSEHOLD):
            return False  # later screens: a stray scan must not change a checked household
        try:
            person = self.backend.parse_scan(text)
        except KioskError as err:
            self.error = err
            self._changed()
            return False
        if self.step == Step.WELCOME:
            self.start()
        elif self.step == Step.HOUSEHOLD:
            self.members.append(MemberPlan())
            self.editing = len(self.members) - 1
        others = [m.person.personal_id for i, m in enumerate(self.members) if i != self.editing]
        if person.personal_id and person.personal_id in others:
            if not self.members[self.editing].person.personal_id and self.editing > 0:
                self.members.pop(self.editing)
                self.editing = len(self.members) - 1
            self.error = _same_person()
            self._changed()
            return False
        self.members[self.editing].person = person
        self.field_errors = self.backend.check_person(person)
        self._go(Step.DETAILS)
        self.error = self._unshown_error()
        if self.error is not None:
            self._changed()
        return True

    def set_field(self, name: str, value: str | Sex | None, *, check: bool = True) -> None:
        """Store one field; `check` shows its message now, otherwise a message only goes away.

        While someone is still typing a date, "12/0" is not an error yet: the screen checks on
        leaving the field, but clears an old message as soon as the text becomes right.
        """
        if name not in PERSON_FIELDS:
            raise ValueError(name)
        setattr(self.person, name, value)  # as typed: a trailing space is the next word coming
        errors = self.backend.check_person(self.person)
        if name not in errors:
            self.field_errors.pop(name, None)
        elif check and getattr(self.person, name):
            self.field_errors[name] = errors[name]
        self._changed()

    def _unshown_error(self) -> KioskError | None:
        """A problem in a field the details screen does not show (e.g. a scanned old id)."""
        return next((e for f, e in self.field_errors.items() if f not in PERSON_FIELDS), None)

    def submit_details(self) -> bool:
        """Check every field; go on to the household list only when all are right."""
        self.field_errors = self.backend.check_person(self.person)
        self.error = self._unshown_error()
        ids = [m.person.personal_id for i, m in enumerate(self.members) if i != self.editing]
        if not self.field_errors and self.person.personal_id and self.person.personal_id in ids:
            self.error = _same_person()
            self._changed()
            return False
        if self.field_errors:
            self._changed()
            return False
        self._go(Step.HOUSEHOLD)
        return True

    # -- household ----------------------------------------------------------------------------
    def add_member(self) -> None:
        self.members.append(MemberPlan())
        self.editing = len(self.members) - 1
        self.field_errors = {}
        self._go(Step.IDENTIFY)

    def edit_member(self, index: int) -> None:
        self.editing = index
        self.field_errors = self.backend.check_person(self.person)
        self._go(Step.DETAILS)

    def remove_member(self, index: int) -> None:
        if len(self.members) <= 1:
            return  # the attendee themself stays; "Về đầu" starts over
        self.members.pop(index)
        self.editing = min(self.editing, len(self.members) - 1)
        self._changed()

    def household_done(self) -> None:
        self.plan_index = 0
        self._go(Step.SCHEME)

    # -- schemes and periods ------------------------------------------------------------------
    def choose(self, choice: Choice) -> None:
        plan = self.plan
        plan.schemes = CHOICE_SCHEMES[choice]
        low, high = self.income_bounds()
        if plan.joins_voluntary and not low <= plan.income <= high:
            plan.income = low  # the slider starts at the minimum
        self._go(Step.PERIOD)

    def current_choice(self) -> Choice | None:
        for choice, schemes in CHOICE_SCHEMES.items():
            if self.plan.schemes == schemes:
                return choice
        return None

    def income_bounds(self) -> tuple[int, int]:
        return self.backend.income_bounds(self.backend.today())

    def set_bhyt_months(self, months: int) -> None:
        if months not in self.backend.bhyt_periods:
            raise ValueError(months)
        self.plan.bhyt_months = months
        self._changed()

    def set_voluntary_months(self, months: int) -> None:
        if months not in self.backend.voluntary_periods:
            raise ValueError(months)
        self.plan.voluntary_months = months
        self._changed()

    def set_income(self, income: int) -> None:
        low, high = self.income_bounds()
        self.plan.income = min(max(income, low), high)
        self._changed()

    def monthly_amount(self) -> int:
        """What voluntary social insurance costs per month at the chosen income (shown live)."""
        return self.backend.voluntary_monthly(self.plan.income, self.backend.today())

    def period_done(self) -> None:
        if self.plan_index < len(self.members) - 1:
            self.plan_index += 1
            self._go(Step.SCHEME)
            return
        try:
            self.quote = self.backend.quote(self._plans(), self.backend.today())
        except KioskError as err:
            self.error = err
            self._changed()
            return
        self._go(Step.REVIEW)

    def _plans(self) -> tuple[MemberPlan, ...]:
        return tuple(dataclasses.replace(m) for m in self.members)

    # -- review and payment -------------------------------------------------------------------
    def confirm(self) -> bool:
        """The only write: store the visit (nothing was stored before this tap)."""
        if self.registration is not None:  # a double tap must not register twice
            return True
        try:
            self.registration = self.backend.register(self._plans())
        except KioskError as err:
            self.error = err
            self._changed()
            return False
        self._go(Step.PAYMENT)
        return True

    def pay_vietqr(self) -> None:
        assert self.registration is not None
        try:
            self.vietqr = self.backend.vietqr_payload(self.registration)
        except KioskError as err:
            self.error = err
            self._changed()
            return
        self._go(Step.VIETQR)

    def pay_at_desk(self) -> None:
        assert self.registration is not None
        self.paid_at_desk = True
        try:
            self.backend.print_ticket(self.registration)
        except KioskError as err:  # the number is on screen anyway: the desk can look it up
            self.error = err
            self.step = Step.THANKS
            self._changed()
            return
        self._go(Step.THANKS)

    def finish(self) -> None:
        self._go(Step.THANKS)

    # -- going back -----------------------------------------------------------------------------
    def back(self) -> None:
        """One screen back; after the visit is stored there is no way back into it."""
        step = self.step
        if step in (Step.IDENTIFY,) and self.editing == 0 and len(self.members) <= 1:
            self.reset()
        elif step == Step.IDENTIFY:
            if self.members[self.editing].person.is_empty():
                self.members.pop(self.editing)
                self.editing = max(0, len(self.members) - 1)
            self._go(Step.HOUSEHOLD)
        elif step == Step.DETAILS:
            self._go(Step.IDENTIFY)
        elif step == Step.HOUSEHOLD:
            self.editing = len(self.members) - 1
            self._go(Step.DETAILS)
        elif step == Step.SCHEME:
            if self.plan_index == 0:
                self._go(Step.HOUSEHOLD)
            else:
                self.plan_index -= 1
                self._go(Step.PERIOD)
        elif step == Step.PERIOD:
            self._go(Step.SCHEME)
        elif step == Step.REVIEW:
            self.plan_index = len(self.members) - 1
            self.quote = None
            self._go(Step.PERIOD)
