"""The wizard's state and decisions, one step per screen; plain Python, tested without a window."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from kiosk.domain.enums import Sex
from kiosk.errors import KioskError
from kiosk.scan.reader import ScanKind, ScanResult, read_scan
from ui.selfservice.core_backend import to_input
from ui.selfservice.ethnicity_steps import EthnicitySteps
from ui.selfservice.messages import calm, same_person, scan_notes, too_long
from ui.selfservice.model import (
    PERSON_FIELDS,
    MemberPlan,
    PersonInput,
    QuoteView,
    Registration,
    SelfServiceBackend,
)
from ui.selfservice.plans import PlanSteps
from ui.selfservice.runner import InlineRunner, Runner
from ui.selfservice.steps import (
    CHOICE_SCHEMES,
    COMMON_INCOMES,
    MEMBER_STEPS,
    SCAN_STEPS,
    Choice,
    Step,
)

__all__ = [
    "CHOICE_SCHEMES",
    "COMMON_INCOMES",
    "MEMBER_STEPS",
    "SCAN_STEPS",
    "Choice",
    "Step",
    "WizardController",
]


class WizardController(PlanSteps, EthnicitySteps):
    """Holds one attendee's visit until it is confirmed; `reset()` forgets all of it."""

    def __init__(self, backend: SelfServiceBackend, runner: Runner | None = None) -> None:
        self.backend = backend
        # The writes (register, VietQR, ticket) go through `runner`: TaskRunner in the window,
        # so the GUI thread never waits on the database's write lock; InlineRunner in tests.
        self.runner: Runner = runner or InlineRunner()
        self.busy = False  # a write is running: the screens refuse a second tap
        self.saving = True  # what is running: a write (True) or the quote's read (False)
        self._visit = 0  # which attendee a running write belongs to (reset() moves it on)
        self._listeners: list[Callable[[], None]] = []
        self._scan_listeners: list[Callable[[str], None]] = []
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
        self.plan_index = 0  # member shown on SCHEME / SUPPORT / PERIOD
        self.asking = 0  # member shown on COVER
        self.ethnicity_each = False  # ETHNICITY asks person by person
        self.ethnicity_pos = 0  # ... and this one (a position in ethnicity_queue())
        self.field_errors: dict[str, KioskError] = {}
        self.error: KioskError | None = None  # a message for the whole screen
        self.quote: QuoteView | None = None
        self.registration: Registration | None = None
        self.vietqr: str = ""
        self.paid_at_desk = False
        self.shared_plan = False  # one choice for the whole household (health insurance)
        self.income_error: KioskError | None = None
        self.busy = False
        self._visit += 1  # a write still running for the last attendee is ignored on return
        self._changed()

    @property
    def person(self) -> PersonInput:
        """The person on the details screen."""
        return self.members[self.editing].person

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

    def on_scan(self, listener: Callable[[str], None]) -> None:
        """`listener(result)` after every scan: "ok", "check" (read, look at a field) or "bad"."""
        self._scan_listeners.append(listener)

    def _scanned(self, result: str) -> None:
        for listener in self._scan_listeners:
            listener(result)

    def scan(self, text: str) -> bool:
        """A CCCD QR was scanned: fill the person being identified, or add one to the household.

        A code the backend's parser refuses is read again by kiosk.scan.reader, so a card
        layout it does not know, a truncated read or a health card still fills what it can.
        """
        if self.step not in SCAN_STEPS:
            return False  # later screens: a stray scan must not change a checked household
        try:
            person = self.backend.parse_scan(text)
        except KioskError as err:
            try:
                result = read_scan(text)
            except KioskError:
                result = None
            if result is None or result.kind == ScanKind.UNKNOWN:
                return self._refused(err)
            return self.apply_scan(result)
        return self._fill(person, scan_notes(text))

    def apply_scan(self, result: ScanResult) -> bool:
        """A scan already read by kiosk.scan.reader (keyboard or serial): fill what it holds,
        and show the first thing to check (a name without diacritics, a missing field...)."""
        if self.step not in SCAN_STEPS:
            return False
        if result.kind == ScanKind.UNKNOWN:
            return self._refused(result.problems[0])
        return self._fill(to_input(result.person), result.problems)

    def _refused(self, err: KioskError) -> bool:
        self.error = err
        self._changed()
        self._scanned("bad")
        return False

    def _fill(self, person: PersonInput, notes: tuple[KioskError, ...]) -> bool:
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
            return self._refused(same_person())
        self.members[self.editing].person = person
        self.field_errors = self.backend.check_person(person)
        self._go(Step.DETAILS)
        self.error = self._unshown_error() or (notes[0] if notes else None)
        if self.error is not None:
            self._changed()
        self._scanned("check" if notes else "ok")
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

    def note_limit(self, name: str, limit: int) -> None:
        """The person typed past the field's limit: say so under the field (never a silent cut)."""
        self.field_errors[name] = too_long(limit)
        self._changed()

    def household_address(self) -> str:
        """The address of the household (its first member's), offered to each new member."""
        for index, member in enumerate(self.members):
            if index != self.editing and member.person.address.strip():
                return member.person.address.strip()
        return ""

    def use_household_address(self) -> None:
        """One tap: the member on screen lives at the household's address (commune included)."""
        address = self.household_address()
        if address:
            self.set_field("address", address, check=True)

    def _unshown_error(self) -> KioskError | None:
        """A problem in a field the details screen does not show (e.g. a scanned old id)."""
        return next((e for f, e in self.field_errors.items() if f not in PERSON_FIELDS), None)

    def submit_details(self) -> bool:
        """Check every field; go on to the household list only when all are right."""
        self.field_errors = self.backend.check_person(self.person)
        self.error = self._unshown_error()
        ids = [m.person.personal_id for i, m in enumerate(self.members) if i != self.editing]
        if not self.field_errors and self.person.personal_id and self.person.personal_id in ids:
            self.error = same_person()
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

    def _plans(self) -> tuple[MemberPlan, ...]:
        return tuple(dataclasses.replace(m) for m in self.members)

    # -- review and payment: the writes, off the GUI thread --------------------------------------
    def _write(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[KioskError], None] | None = None,
        *,
        saving: bool = True,
    ) -> bool:
        """Run `fn` on the runner with the screens busy; False if a write is already running.
        `saving` False: a read (the quote), which the busy line words differently."""
        if self.busy:
            return False
        self.busy = True
        self.saving = saving
        self.error = None
        visit = self._visit
        self._changed()

        def done(value: Any) -> None:
            if visit != self._visit:
                return  # the attendee left (idle wipe) while it ran: show nothing of it
            self.busy = False
            on_done(value)

        def failed(error: BaseException) -> None:
            if visit != self._visit:
                return
            self.busy = False
            err = calm(error)
            if on_error is not None:
                on_error(err)
                return
            self.error = err
            self._changed()

        self.runner.run(fn, done, failed)
        return True

    def confirm(self) -> bool:
        """The only write of the visit: store it (nothing was stored before this tap).

        Runs on the runner; True once the visit is stored (at once with InlineRunner). A double
        tap while it runs, or after, does not register twice."""
        if self.registration is None and self.step == Step.REVIEW:
            plans = self._plans()
            self._write(lambda: self.backend.register(plans), self._registered)
        return self.registration is not None

    def _registered(self, registration: Registration) -> None:
        self.registration = registration
        self._go(Step.PAYMENT)

    def pay_vietqr(self) -> None:
        registration = self.registration
        assert registration is not None
        self._write(lambda: self.backend.vietqr_payload(registration), self._show_vietqr)

    def _show_vietqr(self, payload: str) -> None:
        self.vietqr = payload
        self._go(Step.VIETQR)

    def pay_at_desk(self) -> None:
        registration = self.registration
        assert registration is not None
        self.paid_at_desk = True
        self._write(
            lambda: self.backend.print_ticket(registration),
            lambda _none: self._go(Step.THANKS),
            self._ticket_failed,
        )

    def _ticket_failed(self, err: KioskError) -> None:
        # The number is on the screen anyway: the desk can look the visit up.
        self.error = err
        self.step = Step.THANKS
        self._changed()

    def finish(self) -> None:
        self._go(Step.THANKS)

    # -- going back -----------------------------------------------------------------------------
    def back(self) -> None:
        """One screen back; after the visit is stored there is no way back into it."""
        step = self.step
        if self.back_from_question(step):
            return
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
            self.shared_plan = False
            if self.plan_index == 0:
                self._go(Step.HOUSEHOLD)
            else:
                self.plan_index -= 1
                self._go(Step.PERIOD)
        elif step == Step.ETHNICITY:
            self.back_from_ethnicity()
        elif step == Step.REVIEW:
            self.quote = None
            if self.ethnicity_queue():
                self._go(Step.ETHNICITY)
            else:
                self.back_to_last_period()
