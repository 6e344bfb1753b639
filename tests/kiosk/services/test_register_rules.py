"""Registration quotes with the person's records: ethnicity, support months, residence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

import kiosk.policy.tables as tables
from kiosk.domain.enums import EnrollmentStatus, Scheme, Sex, SupportGroup
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.policy.tables import ProvinceSupport
from kiosk.services.context import KioskContext
from kiosk.services.register import (
    MemberRequest,
    RegistrationInvalid,
    SchemeChoice,
    preview_quote,
    quote_context,
    register_visit,
)
from kiosk.services.support_months import record_support_months, supported_months_used
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, Person
from tests.support.factories import kiosk_context

G = SupportGroup
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
DRAFT = PersonDraft("Y Blô Niê", date(1990, 1, 2), Sex.MALE, "066090000321", ethnicity="Ê-đê")


def _ctx() -> KioskContext:
    base = kiosk_context()
    return KioskContext(base.kiosk_id, base.event_id, base.receipt_series, clock=lambda: NOW)


def _voluntary(months: int = 6, income: int = 3_000_000, **kw: object) -> SchemeChoice:
    return SchemeChoice(Scheme.BHXH_VOLUNTARY, months, income, G.OTHER, **kw)  # type: ignore[arg-type]


def test_minority_ethnicity_is_quoted_as_ethnic_minority(db: Database) -> None:
    """An Ê Đê attendee whose screen sent "other": 6 × (660,000 − 99,000) = 3,366,000, stored
    with the ethnic-minority group and the list's spelling of the ethnicity."""
    with db.unit_of_work() as s:
        result = register_visit(s, _ctx(), [MemberRequest(DRAFT, (_voluntary(),))])
    assert result.quote.total == 3_366_000
    with db.read() as s:
        enrollment = s.scalars(select(Enrollment)).one()
        assert enrollment.support_group is G.ETHNIC_MINORITY
        assert s.scalars(select(Person.ethnicity)).one() == "Ê Đê"


def test_unknown_ethnicity_is_refused() -> None:
    """An ethnicity outside the 54 groups is a problem of that member's "ethnicity" field."""
    draft = replace(DRAFT, ethnicity="Martian")
    with pytest.raises(RegistrationInvalid) as err:
        preview_quote([MemberRequest(draft, (_voluntary(),))], date(2026, 11, 25))
    index, problem = err.value.problems[0]
    assert (index, problem.code, getattr(problem, "field", "")) == (
        0,
        "register.unknown_ethnicity",
        "ethnicity",
    )


def test_support_months_come_from_the_records(db: Database) -> None:
    """115 months declared from VSS records and 6 paid here: 121 → capped at 120, so a new
    12-month payment gets no support: 12 × 660,000 = 7,920,000 (Kinh, "other")."""
    kinh = replace(DRAFT, ethnicity="Kinh")
    with db.unit_of_work() as s:
        first = register_visit(s, _ctx(), [MemberRequest(kinh, (_voluntary(),))])
        s.scalars(select(Enrollment)).one().status = EnrollmentStatus.PAID
        assert supported_months_used(s, first.person_ids[0]) == 6
        total = record_support_months(s, _ctx(), first.person_ids[0], 115, source="vss_record")
        assert total == 120
    with db.unit_of_work() as s:
        again = register_visit(s, _ctx(), [MemberRequest(kinh, (_voluntary(12),))])
    line = again.quote.lines[0]
    assert (line.supported_months_used, line.supported_months, line.amount) == (120, 0, 7_920_000)


def test_context_preview_equals_what_registration_stores(db: Database) -> None:
    """The review screen's quote with quote_context() is the stored one: 109 months used
    leave 11 supported of 12 (12 × 660,000 − 11 × 66,000 = 7,194,000)."""
    kinh = replace(DRAFT, ethnicity="Kinh")
    members = [MemberRequest(kinh, (_voluntary(12),))]
    with db.unit_of_work() as s:
        person = register_visit(s, _ctx(), [MemberRequest(kinh, (_voluntary(1),))]).person_ids[0]
        record_support_months(s, _ctx(), person, 109, source="declared")
    with db.read() as s:
        preview = preview_quote(members, NOW.date(), quote_context(s, _ctx(), members))
    with db.unit_of_work() as s:
        stored = register_visit(s, _ctx(), members)
    assert preview.total == stored.quote.total == 7_194_000


def test_province_top_up_uses_the_events_province(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The event is in Đắk Lắk (066): a 33,000 đ top-up there lowers a resident's month to
    264,000 − 33,000 = 231,000; a member living in Lào Cai (010) does not get it."""
    book = tables.load_book()
    row = ProvinceSupport("066", None, {G.OTHER: 33_000}, "Nghị quyết (mẫu)")
    monkeypatch.setattr(
        "kiosk.policy.tables.load_book", lambda path=None: replace(book, province_support=(row,))
    )
    kinh = replace(DRAFT, ethnicity="Kinh")
    choice = _voluntary(1, 1_500_000)
    with db.unit_of_work() as s:
        here = register_visit(s, _ctx(), [MemberRequest(kinh, (choice,))])
        away = register_visit(s, _ctx(), [MemberRequest(kinh, (choice,), residence_province="010")])
    assert (here.quote.lines[0].province, here.quote.total) == ("066", 231_000)
    assert (away.quote.lines[0].province, away.quote.total) == ("010", 264_000)
