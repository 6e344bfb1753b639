"""What blocks a day: named people and fields, nothing written; the ledger must agree."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from kiosk.domain.enums import PaymentMethod, Scheme, Sex, SupportGroup, VoluntaryMode
from kiosk.dossier.checks import DossierBlocked, Problem, day_problems, line_problems
from kiosk.dossier.day_types import Line, PersonRecord
from kiosk.dossier.records import day_records
from kiosk.dossier.service import write_dossier
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.person_facts import set_ethnicity
from kiosk.services.register import MemberRequest, register_visit
from kiosk.store.db import Database
from kiosk.store.models import Person, Receipt
from tests.kiosk.dossier.daydata import AGENT, BHYT12, DAY, paid_day, visit
from tests.kiosk.services.consoledata import ctx_at, draft
from tests.kiosk.services.payflow import open_day
from tests.support.factories import new_key
from ui.selfservice.core_backend import member_requests
from ui.selfservice.model import MemberPlan, PersonInput


def test_a_blocking_problem_exports_nothing_and_names_the_person(
    db: Database, tmp_path: Path
) -> None:
    """A paid person without an identity number blocks the whole day: DossierBlocked names her
    and the field, in Vietnamese and English, and the output folder is never created."""
    day = paid_day(db)
    visit(db, day.ctx, [(draft("Đinh Thị Mơ", 7, with_id=False), (BHYT12,))])
    with db.read() as s, pytest.raises(DossierBlocked) as err:
        write_dossier(s, day.ctx, DAY, tmp_path / "out", agent=AGENT)
    assert [(p.code, p.person, p.receipt) for p in err.value.problems] == [
        ("dossier.missing_identity", "Đinh Thị Mơ", "YT-K01-0000003")
    ]
    assert err.value.code == "dossier.blocked"
    assert "Đinh Thị Mơ: thiếu số định danh cá nhân (biên lai YT-K01-0000003)" in err.value.vi
    assert "Đinh Thị Mơ: identity number missing (receipt YT-K01-0000003)" in err.value.en
    assert not (tmp_path / "out").exists()


def test_a_renewal_needs_the_social_insurance_number(db: Database) -> None:
    """Someone renewing a card was numbered by VSS: without the number on file the day is
    blocked; with it, it goes into D03-TS's MasoBHXH."""
    ctx = ctx_at()
    open_day(db, ctx)
    renewing = MemberRequest(
        draft("Hồ Văn Tư", 8, date(1970, 5, 5), Sex.MALE), (BHYT12,), date(2026, 12, 31)
    )
    with db.unit_of_work() as s:
        reg = register_visit(s, ctx, [renewing])
    with db.unit_of_work() as s:
        checkout(
            s, ctx, reg.visit_id, [PaymentRequest(PaymentMethod.CASH, reg.quote.total)], new_key()
        )
    with db.read() as s:
        problems = day_problems(day_records(s, ctx, DAY))
    assert [(p.code, p.person) for p in problems] == [("dossier.missing_si_number", "Hồ Văn Tư")]
    with db.unit_of_work() as s:
        person = s.scalars(select(Person).where(Person.full_name == "Hồ Văn Tư")).one()
        person.legacy_si_code = "6612345678"
    with db.read() as s:
        records = day_records(s, ctx, DAY)
    assert day_problems(records) == []
    assert [line.person.si_number for line in records.lines] == ["6612345678"]


def test_a_ledger_that_disagrees_with_the_receipt_blocks(db: Database) -> None:
    """A receipt whose total differs from what its lines and payments hold is named with its
    number and the three amounts."""
    day = paid_day(db)
    with db.unit_of_work() as s:
        receipt = s.scalars(select(Receipt).where(Receipt.number == 3)).one()
        receipt.total += 1
    with db.read() as s:
        problems = day_problems(day_records(s, day.ctx, DAY))
    assert problems == [
        Problem(
            "dossier.ledger_mismatch",
            "Lê Văn Nam",
            "số tiền các dòng 264.000 đ, biên lai 264.001 đ, đã thu 264.000 đ không khớp",
            "lines 264.000 đ, receipt 264.001 đ, collected 264.000 đ do not agree",
            "XH-K01-0000002",
        )
    ]


def test_an_unknown_ethnic_group_and_other_days_are_handled(db: Database) -> None:
    """An ethnic group not in the GSO list blocks (DanToc needs its code); a day with no
    payment gives no lines and no problems."""
    day = paid_day(db)
    with db.unit_of_work() as s:
        person = s.scalars(select(Person).where(Person.full_name == "Lê Văn Nam")).one()
        person.ethnicity = "Không rõ"
    with db.read() as s:
        problems = day_problems(day_records(s, day.ctx, DAY))
        other = day_records(s, day.ctx, date(2026, 11, 26))
    assert [(p.code, p.person) for p in problems] == [("dossier.bad_ethnicity", "Lê Văn Nam")]
    assert other.lines == () and day_problems(other) == [] and other.totals == {}


def test_an_ethnic_group_nobody_asked_blocks_until_the_desk_records_it(
    db: Database, tmp_path: Path
) -> None:
    """A household-only member from the touchscreen (never asked her ethnic group) is stored
    with none: the day is blocked with missing_ethnicity naming her, nothing written, DanToc
    never guessed. After the desk records "Ê Đê" the dossier is written and her TK1-TS row
    carries Ê Đê's code, 12, in DanToc (and in the household annex)."""
    day = paid_day(db)
    plan = MemberPlan(
        person=PersonInput(
            full_name="H'Hen Niê", birth_date="02/02/1992", sex=Sex.FEMALE,
            personal_id="066192000077", address="Buôn Ko Siêr, xã Ea Kao, Đắk Lắk",
        ),
        schemes=frozenset({Scheme.BHYT_HOUSEHOLD}),
    )  # fmt: skip
    members = member_requests([plan])
    visit(db, day.ctx, [(members[0].draft, (BHYT12,))])
    with db.read() as s:
        problems = day_problems(day_records(s, day.ctx, DAY))
    assert [(p.code, p.person, p.receipt) for p in problems] == [
        ("dossier.missing_ethnicity", "H'Hen Niê", "YT-K01-0000003")
    ]
    assert problems[0].text() == (
        "H'Hen Niê: chưa hỏi dân tộc (hỏi người tham gia rồi ghi tại quầy) (biên lai YT-K01-0000003)"
    )
    assert problems[0].text("en") == (
        "H'Hen Niê: ethnic group not asked (ask the participant and record it at the desk)"
        " (receipt YT-K01-0000003)"
    )
    with db.read() as s, pytest.raises(DossierBlocked):
        write_dossier(s, day.ctx, DAY, tmp_path / "out", agent=AGENT)
    assert not (tmp_path / "out").exists()
    with db.unit_of_work() as s:
        person = s.scalars(select(Person).where(Person.full_name == "H'Hen Niê")).one()
        assert set_ethnicity(s, day.ctx, person.id, "Ê Đê") == "Ê Đê"
    with db.read() as s:
        result = write_dossier(s, day.ctx, DAY, tmp_path / "out", agent=AGENT)
    assert result.folder is not None
    tk1 = etree.fromstring((result.folder / "bhyt-ho-gia-dinh" / "TK1-TS-595.xml").read_bytes())
    rows = {r.findtext("HoTen"): r.findtext("DanToc") for r in tk1.iterfind("NoiDung/LaoDong")}
    assert rows["H'Hen Niê"] == "12" and rows["Trần Văn Đức"] == "01"  # Ê Đê; Kinh as asked
    annex = tk1.xpath('NoiDung/LaoDong[HoTen="H\'Hen Niê"]/PhuLuc/DSThanhVien/ThanhVien/DanToc')
    assert [e.text for e in annex] == ["12"]


def test_voluntary_back_payment_cannot_be_listed_yet() -> None:
    """A back payment's first missing month is not recorded: the line is blocked by name."""
    person = PersonRecord(
        uuid.uuid4(), "Mai Văn Bù", date(1968, 1, 1), Sex.MALE, "066068000009", "6600000001",
        "", "", "066", "Kinh", "Việt Nam",
    )  # fmt: skip
    line = Line(
        uuid.uuid4(), uuid.uuid4(), Scheme.BHXH_VOLUNTARY, person, None, 1_000_000, 6,
        DAY, support_group=SupportGroup.OTHER, mode=VoluntaryMode.BACK, chosen_income=1_500_000,
    )  # fmt: skip
    assert [p.code for p in line_problems(line)] == [
        "dossier.missing_receipt",
        "dossier.missing_back_month",
    ]


def test_each_scheme_of_a_visit_has_its_own_ledger_and_receipt(db: Database) -> None:
    """The household visit paid both schemes: two ledger entries, each with its scheme's
    receipt (C45-BB number) whose total equals that scheme's lines and its share of the
    money; each line carries its own scheme's receipt."""
    day = paid_day(db)
    with db.read() as s:
        records = day_records(s, day.ctx, DAY)
    mine = [v for v in records.visits if v.visit_id == day.household_visit]
    assert [(v.scheme, v.receipt.number if v.receipt else "") for v in mine] == [
        (Scheme.BHYT_HOUSEHOLD, "YT-K01-0000001"),
        (Scheme.BHXH_VOLUNTARY, "XH-K01-0000001"),
    ]
    for ledger in mine:
        assert ledger.receipt is not None
        assert ledger.lines_total == ledger.receipt.total == ledger.payments_net
    numbers = {
        (line.scheme, line.receipt.number if line.receipt else "")
        for line in records.lines
        if line.visit_id == day.household_visit
    }
    assert numbers == {
        (Scheme.BHYT_HOUSEHOLD, "YT-K01-0000001"),
        (Scheme.BHXH_VOLUNTARY, "XH-K01-0000001"),
    }
