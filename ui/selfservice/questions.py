"""Issue 15's questions in the wizard (a part of WizardController): health insurance held
elsewhere, the poor / near-poor household and the ethnicity, asked only where they change money."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from kiosk.domain.enums import SupportGroup
from kiosk.domain.ethnicity import ethnicities, find_ethnicity
from kiosk.domain.inputs import parse_date
from kiosk.errors import KioskError
from ui.selfservice.ethnicity_steps import unknown_ethnicity
from ui.selfservice.model import MemberPlan, SelfServiceBackend
from ui.selfservice.steps import Step

# A child under 6 is insured by the state budget (Luật BHYT 25/2008/QH12 Điều 12, as amended):
# never charged in the household, so the wizard decides it from the birth date, asking nothing.
CHILD_UNDER_6 = "child_under_6"
CHILD_AGE = 6
# When to ASK (never to decide): the ages at which people are usually insured elsewhere, and
# the reasons offered then. Not policy figures: pupils and students are insured at school
# (most are 6-24); pensions, SI allowances and social pensions start in the late fifties or
# later (Luật BHXH 41/2024/QH15). Anyone else asks at the desk; "other_scheme" is always there.
PUPIL_AGES = range(CHILD_AGE, 25)
SENIOR_AGE = 55
PUPIL_REASONS = ("pupil_student", "other_scheme")
SENIOR_REASONS = ("pensioner", "social_pension", "other_scheme")


def age_on(birth_text: str, on: date) -> int | None:
    """Whole years on `on` from the details screen's dd/mm/yyyy text (None if unreadable)."""
    try:
        born = parse_date(birth_text, "birth_date")
    except KioskError:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@cache
def _a_minority() -> str:
    """Any one of the 53 minority groups: the engine's answer is the same for all of them."""
    return next(group.name for group in ethnicities() if group.minority)


class QuestionSteps:
    """COVER (per member the question matters for) and SUPPORT (per voluntary member)."""

    backend: SelfServiceBackend
    members: list[MemberPlan]
    plan_index: int
    shared_plan: bool
    asking: int  # the member the COVER screen asks about
    error: KioskError | None
    _go: Callable[[Step], None]
    _changed: Callable[[], None]

    @property
    def plan(self) -> MemberPlan:
        return self.members[self.plan_index]

    @property
    def asked(self) -> MemberPlan:
        """The member on the COVER screen."""
        return self.members[self.asking]

    # -- covered elsewhere -----------------------------------------------------------------------
    def _reason_codes(self) -> set[str]:
        return {reason.code for reason in self.backend.covered_reasons(self.backend.today())}

    def cover_offer(self, plan: MemberPlan) -> tuple[str, ...]:
        """The reasons to offer `plan` on the COVER screen; () when it is not asked."""
        age = age_on(plan.person.birth_date, self.backend.today())
        if not plan.joins_bhyt or age is None or age < CHILD_AGE:
            return ()
        wanted = PUPIL_REASONS if age in PUPIL_AGES else SENIOR_REASONS if age >= SENIOR_AGE else ()
        known = self._reason_codes()
        return tuple(code for code in wanted if code in known)

    def _targets(self) -> list[int]:
        """The members the scheme screen's choice was for."""
        return list(range(len(self.members))) if self.shared_plan else [self.plan_index]

    def cover_queue(self) -> list[int]:
        """The members of the last choice the COVER screen asks about, in order."""
        return [i for i in self._targets() if self.cover_offer(self.members[i])]

    def _decide_cover(self, plan: MemberPlan) -> None:
        """Only household health insurance can be held elsewhere; a child under 6 always is."""
        age = age_on(plan.person.birth_date, self.backend.today())
        if not plan.joins_bhyt:
            plan.covered_reason, plan.cover_answered = None, False
        elif age is not None and age < CHILD_AGE and CHILD_UNDER_6 in self._reason_codes():
            plan.covered_reason, plan.cover_answered = CHILD_UNDER_6, True
        elif not self.cover_offer(plan):
            plan.covered_reason, plan.cover_answered = None, False

    def after_scheme(self) -> None:
        """From the scheme screen to the first question that matters, or to the period."""
        for index in self._targets():
            self._decide_cover(self.members[index])
        queue = self.cover_queue()
        if queue:
            self.asking = queue[0]
            self._go(Step.COVER)
        else:
            self._after_cover()

    def answer_cover(self, reason: str | None) -> None:
        """The member on the COVER screen has a card elsewhere (`reason`) or not (None)."""
        if reason is not None and reason not in self.cover_offer(self.asked):
            raise ValueError(reason)
        self.asked.covered_reason, self.asked.cover_answered = reason, True
        queue = self.cover_queue()
        later = [i for i in queue if i > self.asking]
        if later:
            self.asking = later[0]
            self._go(Step.COVER)
        else:
            self._after_cover()

    def _after_cover(self) -> None:
        self._go(
            Step.SUPPORT if self.plan.joins_voluntary and not self.shared_plan else Step.PERIOD
        )

    # -- support group and ethnicity ---------------------------------------------------------------
    def applied_group(self, plan: MemberPlan | None = None) -> SupportGroup:
        """The voluntary SI support group the answers give today (the engine decides)."""
        plan = plan or self.plan
        return self.backend.support_group(
            self.backend.today(), plan.group or SupportGroup.OTHER, plan.ethnicity or "Kinh"
        )

    def ethnicity_matters(self) -> bool:
        """Whether, with the household answer given, being of a minority changes the support."""
        plan = self.plan
        if plan.group is None:
            return False
        on, declared = self.backend.today(), plan.group
        kinh = self.backend.support_group(on, declared, "Kinh")
        return self.backend.support_group(on, declared, _a_minority()) != kinh

    def answer_group(self, group: SupportGroup) -> None:
        """Poor, near-poor or neither ("Không"): the ethnicity is asked next only if it can
        still raise the support; otherwise on to the period."""
        self.plan.group = group
        self.error = None
        if self.ethnicity_matters():
            self._changed()  # the SUPPORT screen now shows the ethnicity question
        else:
            self._go(Step.PERIOD)

    def answer_ethnicity(self, text: str) -> bool:
        """The person's ethnic group (a name of the list, typed with or without accents)."""
        found = find_ethnicity(text)
        if found is None:
            self.error = unknown_ethnicity(text)
            self._changed()
            return False
        self.plan.ethnicity, self.plan.ethnicity_listed = found.name, False
        self._go(Step.PERIOD)
        return True

    # -- going back ----------------------------------------------------------------------------------
    def back_from_question(self, step: Step) -> bool:
        """One screen back from COVER, SUPPORT or PERIOD (False for any other step)."""
        queue = self.cover_queue()
        if step == Step.COVER:
            earlier = [i for i in queue if i < self.asking]
            if earlier:
                self.asking = earlier[-1]
                self._go(Step.COVER)
            else:
                self._go(Step.SCHEME)
            return True
        if step == Step.PERIOD and self.plan.joins_voluntary and not self.shared_plan:
            self._go(Step.SUPPORT)
            return True
        if step in (Step.SUPPORT, Step.PERIOD):
            if queue:
                self.asking = queue[-1]
                self._go(Step.COVER)
            else:
                self._go(Step.SCHEME)
            return True
        return False
