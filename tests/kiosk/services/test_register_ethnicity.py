"""Registration never assumes Kinh: "" is "not asked", stored as such, and changes no money."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from kiosk.domain.enums import Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.services.register import MemberRequest, preview_quote, register_visit
from kiosk.store.db import Database
from kiosk.store.models import Person
from tests.kiosk.services.consoledata import BHYT12, ctx_at, personal_id
from ui.selfservice.core_backend import member_requests
from ui.selfservice.model import MemberPlan, PersonInput

BORN = date(1985, 3, 14)
HUYEN_ID = personal_id(41, BORN, Sex.FEMALE)
# The wizard's household-only member: the SUPPORT step (and its ethnicity question) is never
# shown to her, so the plan's ethnicity stays "".
HUYEN = MemberPlan(
    person=PersonInput(
        full_name="Nguyễn Thị Huyền",
        birth_date="14/03/1985",
        sex=Sex.FEMALE,
        personal_id=HUYEN_ID,
        address="Thôn 3, xã Ea Kao, Đắk Lắk",
    ),
    schemes=frozenset({Scheme.BHYT_HOUSEHOLD}),
)


def stored_ethnicity(db: Database, pid: str) -> str:
    with db.read() as s:
        return s.scalars(select(Person.ethnicity).where(Person.personal_id == pid)).one()


def test_draft_keeps_not_asked_and_normalises_an_answer() -> None:
    """A draft's default ethnicity is "" and normalized() keeps it; a given name is NFC and
    its spaces collapsed (the decomposed "Tày" becomes the composed one)."""
    assert PersonDraft().ethnicity == ""
    assert PersonDraft(full_name="Lê Văn Nam").normalized().ethnicity == ""
    assert PersonDraft(
        full_name="Lê Văn Nam", ethnicity="  Ta\u0300y  "
    ).normalized().ethnicity == ("T\u00e0y")


def test_household_member_from_the_wizard_is_stored_unasked_and_pays_as_before(
    db: Database,
) -> None:
    """Through core_backend.member_requests with no ethnicity: nothing is refused, the person is
    stored with ethnicity "" (not Kinh) and pays 1,366,200 đ, the first household member's 12
    months on 25/11/2026 (the figure of tests/kiosk/dossier/daydata.py) — the same as Kinh."""
    ctx = ctx_at()
    requests = member_requests([HUYEN])
    assert requests[0].draft.ethnicity == ""
    kinh = [replace(requests[0], draft=replace(requests[0].draft, ethnicity="Kinh"))]
    assert preview_quote(kinh, ctx.today()).total == 1_366_200
    with db.unit_of_work() as s:
        result = register_visit(s, ctx, requests, source="self_service")
    assert result.quote.total == 1_366_200
    assert [line.amount for line in result.quote.lines] == [1_366_200]
    assert stored_ethnicity(db, HUYEN_ID) == ""


def test_renewal_without_an_answer_keeps_the_stored_ethnicity(db: Database) -> None:
    """She said Tày at the desk last time; renewing her card at the kiosk, nobody asks: Tày
    stays. A new answer replaces it, in the list's spelling ("ede" is stored "Ê Đê")."""
    ctx = ctx_at()
    first = member_requests([HUYEN])[0]
    tay = replace(first, draft=replace(first.draft, ethnicity="Tày"))
    with db.unit_of_work() as s:
        register_visit(s, ctx, [tay])
    assert stored_ethnicity(db, HUYEN_ID) == "Tày"
    renewal = MemberRequest(first.draft, (BHYT12,), date(2026, 12, 31))
    assert renewal.draft.ethnicity == ""
    with db.unit_of_work() as s:
        register_visit(s, ctx, [renewal], source="self_service")
    assert stored_ethnicity(db, HUYEN_ID) == "Tày"
    answered = MemberRequest(replace(first.draft, ethnicity="ede"), (BHYT12,), date(2026, 12, 31))
    with db.unit_of_work() as s:
        register_visit(s, ctx, [answered])
    assert stored_ethnicity(db, HUYEN_ID) == "Ê Đê"
