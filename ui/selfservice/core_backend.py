"""The SelfServiceBackend built from the real core: CCCD parser, PersonDraft checks, policy, register.

The store's services are imported inside the functions that use them, which run on the
wizard's worker thread: the welcome screen shows before they load (ui/startup.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from kiosk.config import BankConfig
from kiosk.domain.enums import Scheme, SupportGroup, VoluntaryMode
from kiosk.domain.inputs import parse_date
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.policy.engine import (
    Quote,
    VisitItem,
    allowed_periods,
    income_bounds,
    income_step,
    quote_visit,
)
from kiosk.policy.tables import policy_on
from kiosk.policy.voluntary import check_income as policy_check_income
from kiosk.scan.cccd import parse_cccd_qr
from kiosk.services.context import KioskContext
from ui.selfservice.ethnic_shortlist import shortlist
from ui.selfservice.model import (
    MemberPlan,
    PersonInput,
    QuoteLineView,
    QuoteView,
    Registration,
    SelfServiceBackend,
)

if TYPE_CHECKING:
    from kiosk.services.register import MemberRequest
    from kiosk.store.db import Database


def to_input(draft: PersonDraft) -> PersonInput:
    """The wizard's text fields from a core PersonDraft (e.g. the result of parse_cccd_qr)."""
    born = draft.birth_date
    return PersonInput(
        full_name=draft.full_name or "",
        birth_date=born.strftime("%d/%m/%Y") if born else "",
        sex=draft.sex,
        personal_id=draft.personal_id or "",
        old_id_number=draft.old_id_number or "",
        phone=draft.phone or "",
        address=draft.address or "",
    )


def _birth_date(person: PersonInput) -> tuple[date | None, KioskError | None]:
    if not person.birth_date.strip():
        return None, None
    try:
        return parse_date(person.birth_date, "birth_date"), None
    except KioskError as err:
        return None, err


def to_draft(person: PersonInput, ethnicity: str = "") -> PersonDraft:
    """A core PersonDraft from the wizard's fields (an unreadable date becomes None); the
    ethnicity answered on the support screen ("" when not asked: stored as not asked)."""
    born, _ = _birth_date(person)
    return PersonDraft(
        ethnicity=ethnicity,
        full_name=person.full_name,
        birth_date=born,
        sex=person.sex,
        personal_id=person.personal_id.strip(),
        old_id_number=person.old_id_number.strip(),
        phone=person.phone.strip(),
        address=person.address.strip(),
    )


def check_person(person: PersonInput, today: date) -> dict[str, KioskError]:
    """Field name → its first problem: the date text's own message, then PersonDraft's checks."""
    errors: dict[str, KioskError] = {}
    _, date_error = _birth_date(person)
    if date_error is not None:
        errors["birth_date"] = date_error
    for name, err in to_draft(person).errors_by_field(today).items():
        errors.setdefault(name, err)
    return errors


def member_requests(plans: Sequence[MemberPlan]) -> list[MemberRequest]:
    """The core's MemberRequest for each person, with one SchemeChoice per chosen scheme and
    the answers to the questions: covered elsewhere (listed at 0 đ, not counted), the declared
    household group and the ethnicity (the core raises the group for a minority). The desk
    checks the household's papers (sổ hộ nghèo / cận nghèo) when the visit is paid."""
    from kiosk.services.register import MemberRequest, SchemeChoice

    out = []
    for plan in plans:
        choices = []
        if plan.joins_bhyt:
            choices.append(SchemeChoice(Scheme.BHYT_HOUSEHOLD, plan.bhyt_months))
        if plan.joins_voluntary:
            choices.append(
                SchemeChoice(
                    Scheme.BHXH_VOLUNTARY,
                    plan.voluntary_months,
                    income=plan.income,
                    group=plan.group or SupportGroup.OTHER,
                )
            )
        draft = to_draft(plan.person, plan.ethnicity).normalized()
        covered = plan.covered_reason if plan.joins_bhyt else None
        out.append(MemberRequest(draft=draft, choices=tuple(choices), covered_reason=covered))
    return out


def quote_view(quote: Quote) -> QuoteView:
    """The review screen's figures (person_ref is the member's index in the wizard)."""
    lines = tuple(
        QuoteLineView(
            int(line.person_ref),
            line.scheme,
            line.months,
            line.amount,
            covered_reason=line.covered_reason,
            support_group=line.support_group if line.scheme == Scheme.BHXH_VOLUNTARY else None,
        )
        for line in quote.lines
    )
    return QuoteView(lines, quote.total, quote.policy_version)


def voluntary_monthly(income: int, on: date, group: SupportGroup = SupportGroup.OTHER) -> int:
    """One month of voluntary social insurance at `income` with `group`'s state support."""
    item = VisitItem(
        person_ref="0",
        scheme=Scheme.BHXH_VOLUNTARY,
        months=1,
        income=income,
        group=group,
        mode=VoluntaryMode.PERIODIC,
    )
    return quote_visit([item], on).total


def check_income(income: int, on: date) -> None:
    """The engine's check of a chosen income on `on` (floor, ceiling, the collection step);
    raises its KioskError, whose sentence names the nearest allowed amounts."""
    policy_check_income(policy_on(on), income)


def checkout_vietqr(
    db: Database, ctx: KioskContext, bank: BankConfig
) -> Callable[[Registration], str]:
    """A dynamic VietQR for the visit's total to the office's account (config [bank]).

    It records a pending VietQR payment through the checkout service (one per visit: the key
    is the visit's, so showing the QR again never makes a second payment); its transfer
    reference goes in the QR's purpose, so staff or a bank statement can confirm it.
    """

    def payload(registration: Registration) -> str:
        from kiosk.services.visits import start_vietqr

        visit_id = uuid.UUID(registration.visit_id)
        with db.unit_of_work() as session:
            return start_vietqr(session, ctx, bank, visit_id, f"selfservice-vietqr:{visit_id}")

    return payload


def make_core_backend(
    db: Database,
    ctx: KioskContext,
    *,
    verify_pin: Callable[[str], bool],
    vietqr_payload: Callable[[Registration], str],
    print_ticket: Callable[[Registration], None],
    province: str | None = None,
) -> SelfServiceBackend:
    """Wire the wizard to the core; VietQR and the ticket come from payments and printing.

    `province` is the event's province code (config [event] province): attendees are taken to
    live there unless they say otherwise, and it orders the ethnic groups offered first.

    `print_ticket` must only put the job on the print queue (printing/queue.py enqueue): the
    GUI thread never waits for a printer. `Registration.raw` is the core RegistrationResult.
    """

    def register(plans: Sequence[MemberPlan]) -> Registration:
        from kiosk.services.register import register_visit

        with db.unit_of_work() as session:
            result = register_visit(session, ctx, member_requests(plans), source="self_service")
        return Registration(str(result.visit_id), result.queue_number, result.quote.total, result)

    def quote(plans: Sequence[MemberPlan], on: date) -> QuoteView:
        """The review's quote as registering would store it: a household member already in
        this year's record keeps their place in the ladder (read on the controller's runner)."""
        from kiosk.services.register import preview_quote, quote_context

        members = member_requests(plans)
        with db.read() as session:
            context = quote_context(session, ctx, members)
        return quote_view(preview_quote(members, on, context))

    today = ctx.today()
    return SelfServiceBackend(
        parse_scan=lambda text: to_input(parse_cccd_qr(text)),
        check_person=lambda person: check_person(person, ctx.today()),
        quote=quote,
        register=register,
        vietqr_payload=vietqr_payload,
        print_ticket=print_ticket,
        voluntary_monthly=voluntary_monthly,
        income_bounds=income_bounds,
        income_step=income_step,
        check_income=check_income,
        verify_pin=verify_pin,
        today=ctx.today,
        bhyt_periods=allowed_periods(Scheme.BHYT_HOUSEHOLD, today),
        voluntary_periods=allowed_periods(Scheme.BHXH_VOLUNTARY, today),
        ethnic_shortlist=shortlist(province),
    )
