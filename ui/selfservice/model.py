"""Plain data of the wizard and the injected backend it calls (no Qt): tested without a window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from kiosk.domain.enums import Scheme, Sex, SupportGroup
from kiosk.errors import KioskError
from kiosk.policy.engine import covered_reasons, support_group_for
from kiosk.policy.tables import CoveredReason
from ui.selfservice.ethnic_shortlist import NATIONAL_SHORTLIST

# The person fields the details screen edits, in screen order.
PERSON_FIELDS = ("full_name", "birth_date", "sex", "personal_id", "phone", "address")


@dataclass
class PersonInput:
    """What the attendee typed or scanned, as text (dates stay dd/mm/yyyy until the core parses)."""

    full_name: str = ""
    birth_date: str = ""
    sex: Sex | None = None
    personal_id: str = ""
    old_id_number: str = ""
    phone: str = ""
    address: str = ""

    def is_empty(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self))


@dataclass
class MemberPlan:
    """One person of the household and what they join (filled screen by screen)."""

    person: PersonInput = field(default_factory=PersonInput)
    schemes: frozenset[Scheme] = frozenset()
    bhyt_months: int = 12
    voluntary_months: int = 1
    income: int = 0  # 0: the minimum in force, set when the period screen opens
    # Issue 15's answers (ui/selfservice/questions.py asks them only where they change money):
    group: SupportGroup | None = None  # poor / near-poor household, or OTHER ("Không")
    ethnicity: str = ""  # the list's name; "" when not asked (stored as not asked)
    ethnicity_listed: bool = False  # answered on the everyone's-ethnicity step (asked there again)
    covered_reason: str | None = None  # insured elsewhere (a covered_reasons() code)
    cover_answered: bool = False  # the covered-elsewhere question was answered (or decided)

    @property
    def joins_bhyt(self) -> bool:
        return Scheme.BHYT_HOUSEHOLD in self.schemes

    @property
    def joins_voluntary(self) -> bool:
        return Scheme.BHXH_VOLUNTARY in self.schemes


@dataclass(frozen=True)
class QuoteLineView:
    member: int  # index in the wizard's member list
    scheme: Scheme
    months: int
    amount: int  # whole đồng
    covered_reason: str | None = None  # insured elsewhere: listed at 0 đ, not counted
    support_group: SupportGroup | None = None  # the group voluntary SI support was quoted at


@dataclass(frozen=True)
class QuoteView:
    """The review screen's figures, converted from the core's Quote."""

    lines: tuple[QuoteLineView, ...]
    total: int
    policy_version: str = ""

    def member_total(self, member: int) -> int:
        return sum(line.amount for line in self.lines if line.member == member)


@dataclass(frozen=True)
class Registration:
    """What register_visit stored: the visit (for VietQR and the ticket) and its queue number."""

    visit_id: str
    queue_number: int | None
    total: int
    raw: Any = None  # the core's RegistrationResult, handed back to the backend's callables


@dataclass(frozen=True)
class SelfServiceBackend:
    """Everything the wizard needs from the core and the printers, injected by main.py or tests.

    Every callable raises KioskError for expected failures. `print_ticket` must only enqueue
    (the queue's worker prints), so the screen never waits for paper. `quote` may read the
    database (the household's year): the controller runs it on its runner, like the writes.
    """

    parse_scan: Callable[[str], PersonInput]
    check_person: Callable[[PersonInput], dict[str, KioskError]]
    quote: Callable[[Sequence[MemberPlan], date], QuoteView]
    register: Callable[[Sequence[MemberPlan]], Registration]
    vietqr_payload: Callable[[Registration], str]
    print_ticket: Callable[[Registration], None]
    voluntary_monthly: Callable[[int, date, SupportGroup], int]  # income, day, applied group
    income_bounds: Callable[[date], tuple[int, int]]
    verify_pin: Callable[[str], bool]
    today: Callable[[], date] = date.today
    bhyt_periods: tuple[int, ...] = (3, 6, 12)
    voluntary_periods: tuple[int, ...] = (1, 3, 6, 12)
    # The step a chosen income moves by above the floor on a day (None: any whole đồng) and
    # the engine's own check of an income (floor, ceiling, step; raises KioskError): the wizard
    # never assumes a figure of its own (kiosk.policy.engine.income_step, voluntary.check_income).
    income_step: Callable[[date], int | None] = lambda on: None
    check_income: Callable[[int, date], None] | None = None
    # Issue 15: the group a declared group and an ethnicity give on a day, the reasons a member
    # may be insured elsewhere (the engine's, by default), and the ethnic groups offered first
    # after Kinh (the event province's largest; ui/selfservice/ethnic_shortlist.py).
    support_group: Callable[[date, SupportGroup | None, str], SupportGroup] = support_group_for
    covered_reasons: Callable[[date], tuple[CoveredReason, ...]] = covered_reasons
    ethnic_shortlist: tuple[str, ...] = NATIONAL_SHORTLIST
