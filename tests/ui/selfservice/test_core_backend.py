"""The adapter between the wizard and the real core: fields, checks, quotes, storing."""

from __future__ import annotations

from datetime import date

from kiosk.domain.enums import Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.scan.cccd import parse_cccd_qr
from tests.ui.selfservice.fakes import CoreRecorder, cccd
from ui.selfservice.core_backend import check_person, to_draft, to_input, voluntary_monthly
from ui.selfservice.model import MemberPlan, PersonInput

TODAY = date(2026, 3, 2)
HUYEN = cccd("066315111222", "Nguyễn Thị Huyền", "03032015", "Nữ")


def test_scan_to_fields_and_back() -> None:
    """A scanned card becomes dd/mm/yyyy text fields and the same PersonDraft again."""
    draft = parse_cccd_qr(HUYEN)
    person = to_input(draft)
    assert person.birth_date == "03/03/2015"
    assert person.sex == Sex.FEMALE and person.phone == ""
    back = to_draft(person)
    assert back.birth_date == date(2015, 3, 3)
    assert back.errors_by_field(TODAY) == {}


def test_date_text_has_its_own_message() -> None:
    """An unreadable date is reported by the date parser, not as a missing date."""
    person = PersonInput(full_name="Lê Văn An", birth_date="1990", sex=Sex.MALE)
    errors = check_person(person, TODAY)
    assert errors["birth_date"].code == "date.bad_format"
    assert "personal_id" not in errors  # optional when typed by hand
    assert check_person(PersonInput(), TODAY).keys() >= {"full_name", "birth_date", "sex"}


def test_voluntary_monthly_at_floor_and_above() -> None:
    """22 % of the income minus the 20 % state support of 22 % × 1,500,000 (Decree 159)."""
    assert voluntary_monthly(1_500_000, TODAY) == 264_000
    assert voluntary_monthly(2_000_000, TODAY) == 374_000


def test_quote_and_register_through_the_backend(recorder: CoreRecorder) -> None:
    """The backend's quote lines follow the member order; register stores one self-service visit."""
    backend = recorder.backend()
    an = MemberPlan(
        person=backend.parse_scan(cccd("066090123456", "Nguyễn Văn An", "01021990", "Nam"))
    )
    an.schemes = frozenset({Scheme.BHYT_HOUSEHOLD})
    huyen = MemberPlan(person=backend.parse_scan(HUYEN), schemes=frozenset({Scheme.BHYT_HOUSEHOLD}))
    quote = backend.quote([an, huyen], TODAY)
    assert [(line.member, line.amount) for line in quote.lines] == [(0, 1_263_600), (1, 884_520)]
    assert quote.total == 2_148_120 and quote.policy_version
    result = backend.register([an, huyen])
    assert result.queue_number == 1 and result.total == 2_148_120
    assert backend.register([an, huyen]).queue_number == 2  # the next visit of the day
    assert isinstance(to_draft(an.person), PersonDraft)
