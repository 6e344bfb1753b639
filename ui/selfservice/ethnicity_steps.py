"""Everyone's ethnicity (a part of WizardController), asked once after the periods of those
the support screen did not ask: the declaration VSS receives (TK1-TS, DanToc) records each
participant's ethnic group, and it must never be guessed (kiosk/dossier/checks.py refuses a
day with a person nobody asked). One tap answers for everyone on the list; "Mỗi người một
dân tộc" asks person by person. The answer changes no amount: whoever's support it could
raise was asked on the support screen (ui/selfservice/questions.py)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.domain.ethnicity import find_ethnicity
from kiosk.errors import KioskError
from ui.selfservice.model import MemberPlan
from ui.selfservice.steps import Step


def unknown_ethnicity(text: str) -> KioskError:
    return KioskError(
        "selfservice.unknown_ethnicity",
        vi=f"Không tìm thấy dân tộc “{text}”. Hãy chọn trong danh sách 54 dân tộc.",
        en=f"No ethnic group called “{text}”. Choose one from the list of 54.",
    )


class EthnicitySteps:
    """The ETHNICITY step: for the whole list at once, or one person at a time."""

    members: list[MemberPlan]
    plan_index: int
    shared_plan: bool
    error: KioskError | None
    busy: bool  # the quote is running: a second tap changes nothing
    ethnicity_each: bool  # one question per person instead of one for everyone
    ethnicity_pos: int  # in each-person mode: the position in ethnicity_queue()
    _go: Callable[[Step], None]
    _changed: Callable[[], None]
    request_quote: Callable[[], None]

    def ethnicity_queue(self) -> list[int]:
        """The members this step asks: nobody asked them yet, or they answered here."""
        return [i for i, m in enumerate(self.members) if not m.ethnicity or m.ethnicity_listed]

    def ethnicity_targets(self) -> list[int]:
        """The members the answer on screen is for."""
        queue = self.ethnicity_queue()
        if not queue:
            return []
        return [queue[min(self.ethnicity_pos, len(queue) - 1)]] if self.ethnicity_each else queue

    def after_periods(self) -> None:
        """After the last period: this step when someone was not asked, else the quote."""
        self.ethnicity_each, self.ethnicity_pos = False, 0
        if self.ethnicity_queue():
            self._go(Step.ETHNICITY)
        else:
            self.request_quote()

    def answer_listed_ethnicity(self, text: str) -> bool:
        """The group (a list name, with or without accents) of the members on screen."""
        if self.busy:
            return False
        found = find_ethnicity(text)
        if found is None:
            self.error = unknown_ethnicity(text)
            self._changed()
            return False
        for index in self.ethnicity_targets():
            self.members[index].ethnicity = found.name
            self.members[index].ethnicity_listed = True
        if self.ethnicity_each and self.ethnicity_pos < len(self.ethnicity_queue()) - 1:
            self.ethnicity_pos += 1
            self._go(Step.ETHNICITY)
        else:
            self.error = None
            self.request_quote()
        return True

    def ethnicity_one_by_one(self) -> None:
        """Not everyone is of the same group: ask each person in turn."""
        if self.busy:
            return
        self.ethnicity_each, self.ethnicity_pos = True, 0
        self._go(Step.ETHNICITY)

    def back_from_ethnicity(self) -> None:
        """The previous person, the question for everyone, or the last period screen."""
        if self.ethnicity_each and self.ethnicity_pos > 0:
            self.ethnicity_pos -= 1
            self._go(Step.ETHNICITY)
        elif self.ethnicity_each:
            self.ethnicity_each = False
            self._go(Step.ETHNICITY)
        else:
            self.back_to_last_period()

    def back_to_last_period(self) -> None:
        """The period screen of the last member asked (the whole household's when shared)."""
        self.plan_index = 0 if self.shared_plan else len(self.members) - 1
        self._go(Step.PERIOD)
