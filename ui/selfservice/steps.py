"""The wizard's steps and the choices of its scheme screen (shared by the controller's parts)."""

from __future__ import annotations

from kiosk.domain.enums import Scheme, StrEnum


class Step(StrEnum):
    # Issue 15's questions come after the scheme (they are asked only where the chosen scheme
    # makes them change money, ui/selfservice/questions.py) and before the period (its monthly
    # amount follows the answers).
    WELCOME = "welcome"
    IDENTIFY = "identify"  # scan the CCCD or choose to type
    DETAILS = "details"
    HOUSEHOLD = "household"
    SCHEME = "scheme"  # for member `plan_index`
    COVER = "cover"  # health insurance elsewhere? for member `asking`
    SUPPORT = "support"  # poor / near-poor household, ethnicity: for member `plan_index`
    PERIOD = "period"  # for member `plan_index`
    ETHNICITY = "ethnicity"  # everyone not asked on SUPPORT (ui/selfservice/ethnicity_steps.py)
    REVIEW = "review"
    PAYMENT = "payment"
    VIETQR = "vietqr"
    THANKS = "thanks"


SCAN_STEPS = (Step.WELCOME, Step.IDENTIFY, Step.DETAILS, Step.HOUSEHOLD)
# The screens asked once per member, in order (COVER and SUPPORT only where they matter).
MEMBER_STEPS = (Step.SCHEME, Step.COVER, Step.SUPPORT, Step.PERIOD)
# Round monthly incomes people name most; only those the engine accepts on the day are offered
# (the floor is always the first choice). Not policy figures: shortcuts for the number pad.
COMMON_INCOMES = (2_000_000, 3_000_000, 5_000_000, 10_000_000)


class Choice(StrEnum):
    BHYT = "bhyt"
    BHXH = "bhxh"
    BOTH = "both"


CHOICE_SCHEMES = {
    Choice.BHYT: frozenset({Scheme.BHYT_HOUSEHOLD}),
    Choice.BHXH: frozenset({Scheme.BHXH_VOLUNTARY}),
    Choice.BOTH: frozenset({Scheme.BHYT_HOUSEHOLD, Scheme.BHXH_VOLUNTARY}),
}
