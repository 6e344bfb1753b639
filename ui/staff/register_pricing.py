"""The desk's figures: quotes of the page's members against the stored records, which are read
on a worker for exactly what is on the page (nothing slow on the GUI thread)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from kiosk.domain.enums import Sex
from kiosk.domain.person import PersonDraft
from kiosk.policy.engine import Quote, QuoteLine
from kiosk.services.register import MemberRequest, QuoteContext, preview_quote
from ui.staff.household_panel import HouseholdPanel, Records, load_records
from ui.staff.state import StaffState

STAND_IN = "Người đang nhập"  # the form's person in the live preview, before a name is typed
STAND_IN_BIRTH = date(1990, 1, 1)


def stand_in(draft: PersonDraft, today: date) -> PersonDraft:
    """The form's person as far as a quote needs them: the ethnicity, and the identity number
    (it finds their household and support months) once it is whole and matches the birth date
    and sex; a placeholder name and birth date stand for what is still being typed."""
    whole = PersonDraft(
        full_name=STAND_IN,
        birth_date=draft.birth_date,
        sex=draft.sex,
        personal_id=draft.personal_id if len(draft.personal_id) == 12 else "",
        ethnicity=draft.ethnicity,
    )
    if not whole.validate(today):
        return whole
    return PersonDraft(
        full_name=STAND_IN,
        birth_date=STAND_IN_BIRTH,
        sex=draft.sex or Sex.FEMALE,
        ethnicity=draft.ethnicity,
    )


class Pricing:
    """Holds the newest records read for the page and prices members against them.

    `priced` is always the visit's members followed by the form's person (so the records
    also give that person's position). Until the records of the page as it stands arrive,
    quotes use the household as last shown: positions continue after its paid members.
    """

    def __init__(
        self, state: StaffState, household: HouseholdPanel, on_loaded: Callable[[], None]
    ) -> None:
        self.state = state
        self.household = household
        self.on_loaded = on_loaded
        self.records: Records | None = None

    def key(self, priced: list[MemberRequest], renewal: uuid.UUID | None) -> tuple[object, ...]:
        """What the records depend on: who (identity numbers), who joins the ladder, and how
        the household is found (a member's number, a renewed card, members declared)."""
        return (
            tuple(
                (m.draft.personal_id, m.covered_reason, tuple(c.scheme for c in m.choices))
                for m in priced
            ),
            self.household.lookup_id(),
            renewal,
            self.household.declared.value(),
        )

    def current(self, priced: list[MemberRequest], renewal: uuid.UUID | None) -> bool:
        return self.records is not None and self.records.key == self.key(priced, renewal)

    def context(self, priced: list[MemberRequest], renewal: uuid.UUID | None) -> QuoteContext:
        records = self.records
        if records is not None and records.context is not None and self.current(priced, renewal):
            return records.context
        return QuoteContext(
            household_year_id=self.household.household_year_id(),
            already_paid=self.household.already_paid(),
        )

    def request(self, priced: list[MemberRequest], renewal: uuid.UUID | None) -> None:
        """Read the records again (on a worker) unless those on hand are for this page."""
        if self.current(priced, renewal):
            return
        ctx, lookup = self.state.ctx, [self.household.lookup_id()]
        key, declared = self.key(priced, renewal), self.household.declared.value()
        self.state.read_latest(
            "register.records",
            lambda s: load_records(s, ctx, priced, lookup, renewal, declared, key),
            self._loaded,
        )

    def _loaded(self, records: Records) -> None:
        self.records = records
        self.household.show_view(records.view, records.error)
        self.on_loaded()

    def quote(
        self, members: list[MemberRequest], priced: list[MemberRequest], renewal: uuid.UUID | None
    ) -> Quote:
        """The visit's members (a prefix of `priced`); raises the quote's KioskError."""
        context = self.context(priced, renewal)
        n = len(members)
        context = QuoteContext(
            context.household_year_id,
            context.positions[:n],
            context.supported_months_used[:n],
            context.province,
            context.already_paid,
        )
        return preview_quote(members, self.state.ctx.today(), context)

    def person_lines(
        self, priced: list[MemberRequest], renewal: uuid.UUID | None
    ) -> list[QuoteLine]:
        """The lines of the form's person (the last of `priced`); raises the quote's error."""
        quote = preview_quote(priced, self.state.ctx.today(), self.context(priced, renewal))
        ref = str(len(priced) - 1)
        return [line for line in quote.lines if line.person_ref == ref]
