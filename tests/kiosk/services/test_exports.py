"""Spreadsheet exports: read back with openpyxl and checked cell by cell; formulas stay text."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain.enums import (
    ActivityKind,
    EnrollmentStatus,
    PaymentMethod,
    Scheme,
    Sex,
    SupportGroup,
)
from kiosk.domain.localtime import UTC
from kiosk.services.campaign import record_activity
from kiosk.services.exports import (
    PARTICIPANT_HEADERS,
    export_campaign_xlsx,
    export_participants_xlsx,
    export_payments_xlsx,
    safe_text,
)
from kiosk.services.receipts import void_receipt
from kiosk.services.register import SchemeChoice
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, Person
from tests.kiosk.services.consoledata import ctx_at, draft, pay, register
from tests.kiosk.services.payflow import open_day
from tests.support.xlsx import xlsx_rows

CASH, CARD = PaymentMethod.CASH, PaymentMethod.CARD
AFTERNOON = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)  # 14:30 local
EVE = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)  # 23:30 local on the 24th
BHXH1 = SchemeChoice(Scheme.BHXH_VOLUNTARY, 1, 1_500_000, SupportGroup.OTHER)
EVIL = '=HYPERLINK("http://x.example","bấm")'


@pytest.fixture
def sales(db: Database) -> Database:
    """Four paid visits on 25/11 (one voided), one on the eve, two campaign taps."""
    ctx = ctx_at()
    cashier, supervisor = open_day(db, ctx)
    a = register(db, ctx, [draft("Nguyễn Thị Huyền", 1, phone="0912345678")])
    pay(db, ctx, a, [(CASH, 1_366_200)])
    family = [draft("Trần Văn Đức", 2, date(1980, 2, 2), Sex.MALE), draft("Trần Thị Mai", 3)]
    b = register(db, ctx, family)
    pay(db, ctx, b, [(CASH, 322_540), (CARD, 2_000_000)])
    c = register(db, ctx_at(AFTERNOON), [draft("Lê Văn Nam", 4, sex=Sex.MALE)], [BHXH1])
    pay(db, ctx_at(AFTERNOON), c, [(CASH, 264_000)])
    d = register(db, ctx, [draft("Phạm Thị Lan", 5)])
    receipt = pay(db, ctx, d, [(CASH, 1_366_200)]).receipt_id
    assert receipt is not None
    e = register(db, ctx_at(EVE), [draft("Võ Thị Hoa", 6)])
    pay(db, ctx_at(EVE), e, [(CASH, 1_366_200)])
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt, "Nhập sai người", supervisor)
        # A name typed as a formula (as a hostile file or a careless import could hold).
        person = s.scalars(select(Person).where(Person.full_name == "Lê Văn Nam")).one()
        person.full_name, person.address = EVIL, "-1+2, xã Ea Kao"
        record_activity(s, ctx, ActivityKind.VSSID_INSTALL, cashier, note="@SUM(A1)")
        record_activity(s, ctx_at(AFTERNOON), ActivityKind.CONSULTATION, None, person.id)
    return db


def test_safe_text_guards_formula_starts() -> None:
    """= + - @ tab and CR at the start get an apostrophe; other text is untouched."""
    assert [safe_text(t) for t in ("=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", "")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "'\rx",
        "a=1",
        "",
    ]


def test_participants_export_matches_the_database(sales: Database, tmp_path: Path) -> None:
    """One row per paid enrollment of 25/11 in payment order, every cell as the office keys it;
    the formula name is stored as text; the file is private (0600)."""
    path = tmp_path / "out" / "participants.xlsx"
    with sales.read() as s:
        assert export_participants_xlsx(s, ctx_at(), path, date(2026, 11, 25)) == 4
        cover = {
            name: (start, end)
            for name, start, end in s.execute(
                select(Person.full_name, Enrollment.start_date, Enrollment.end_date).join(
                    Person, Person.id == Enrollment.person_id
                )
            )
        }
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    rows = xlsx_rows(path)
    assert rows[0] == PARTICIPANT_HEADERS
    assert cover["Nguyễn Thị Huyền"] == (date(2026, 12, 25), date(2027, 12, 24))
    assert rows[1] == (
        1, "Nguyễn Thị Huyền", "14/03/1985", "Nữ", "066185000001", None, "0912345678",
        "Thôn 3, xã Ea Kao, Đắk Lắk", "BHYT hộ gia đình", None, None, 12,
        "25/12/2026", "24/12/2027", 1_366_200, "YT-K01-0000001", "25/11/2026", "Tiền mặt",
    )  # fmt: skip
    duc, mai = rows[2], rows[3]
    assert duc[:5] == (2, "Trần Văn Đức", "02/02/1980", "Nam", "066080000002")
    assert mai[:5] == (3, "Trần Thị Mai", "14/03/1985", "Nữ", "066185000003")
    for row, name in ((duc, "Trần Văn Đức"), (mai, "Trần Thị Mai")):
        start, end = cover[name]
        assert start is not None and end is not None
        assert (row[12], row[13]) == (start.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y"))
        assert row[15:] == ("YT-K01-0000002", "25/11/2026", "Tiền mặt, Thẻ ngân hàng")
    assert (duc[14], mai[14]) == (1_366_200, 956_340)
    assert rows[4] == (
        4, "'" + EVIL, "14/03/1985", "Nam", "066085000004", None, None, "'-1+2, xã Ea Kao",
        "BHXH tự nguyện", "Đối tượng khác", 1_500_000, 1, None, None, 264_000,
        "XH-K01-0000001", "25/11/2026", "Tiền mặt",
    )  # fmt: skip
    assert isinstance(rows[4][14], int) and len(rows) == 5
    with sales.read() as s:
        assert export_participants_xlsx(s, ctx_at(), path) == 5  # whole event: the eve too
        paid = s.scalars(
            select(Enrollment.amount).where(Enrollment.status == EnrollmentStatus.PAID)
        ).all()
    whole = xlsx_rows(path)
    assert sum(r[14] for r in whole[1:]) == sum(paid) == 5_318_940  # type: ignore[misc]
    assert whole[1][1] == "Võ Thị Hoa" and whole[1][16] == "24/11/2026"


def test_payments_export_lists_every_entry(sales: Database, tmp_path: Path) -> None:
    """Every payment of 25/11 with its receipt (numbered in its scheme's series: YT for household
    health insurance, XH for voluntary social insurance); the void is a negative cash line
    with reason."""
    path = tmp_path / "payments.xlsx"
    with sales.read() as s:
        assert export_payments_xlsx(s, ctx_at(), path, date(2026, 11, 25)) == 6
    rows = xlsx_rows(path)
    assert rows[0][:7] == (
        "STT", "Thời gian", "Ki-ốt", "Số biên lai", "Hình thức thanh toán", "Trạng thái",
        "Số tiền (đồng)",
    )  # fmt: skip
    body = sorted(rows[1:], key=lambda r: (str(r[3]), -int(r[6])))  # type: ignore[call-overload]
    assert [(r[3], r[4], r[6]) for r in body] == [
        ("XH-K01-0000001", "Tiền mặt", 264_000),
        ("YT-K01-0000001", "Tiền mặt", 1_366_200),
        ("YT-K01-0000002", "Thẻ ngân hàng", 2_000_000),
        ("YT-K01-0000002", "Tiền mặt", 322_540),
        ("YT-K01-0000003", "Tiền mặt", 1_366_200),
        ("YT-K01-0000003", "Tiền mặt", -1_366_200),
    ]
    assert body[-1][8] == "Hoàn trả: Nhập sai người" and body[-1][5] == "Đã nhận"
    assert {r[1] for r in body} == {"25/11/2026 10:00", "25/11/2026 14:30"}
    assert sum(int(r[6]) for r in body) == 3_952_740  # type: ignore[call-overload]


def test_campaign_export_guards_notes(sales: Database, tmp_path: Path) -> None:
    """Each activity with time, staff and person; a note starting with @ is stored as text."""
    path = tmp_path / "campaign.xlsx"
    with sales.read() as s:
        assert export_campaign_xlsx(s, ctx_at(), path) == 2
    rows = xlsx_rows(path)
    assert rows[1:] == [
        (1, "25/11/2026 10:00", "K01", "Hướng dẫn cài VssID", "Lê Thị Thu", None, "'@SUM(A1)"),
        (2, "25/11/2026 14:30", "K01", "Tư vấn", None, "'" + EVIL, None),
    ]


def test_a_person_in_both_schemes_shows_each_schemes_own_receipt(
    db: Database, tmp_path: Path
) -> None:
    """One visit, one person in both schemes: two receipts (YT and XH series); each participant
    row names its own scheme's receipt, and the payment row lists both numbers."""
    ctx = ctx_at()
    open_day(db, ctx)
    bhyt = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)
    visit = register(db, ctx, [draft("Nguyễn Thị Huyền", 1)], [bhyt, BHXH1])
    pay(db, ctx, visit, [(CASH, 1_366_200 + 264_000)])
    with db.read() as s:
        assert export_participants_xlsx(s, ctx, tmp_path / "p.xlsx") == 2
        assert export_payments_xlsx(s, ctx, tmp_path / "m.xlsx") == 1
    by_scheme = {row[8]: row[15] for row in xlsx_rows(tmp_path / "p.xlsx")[1:]}
    assert by_scheme == {
        "BHYT hộ gia đình": "YT-K01-0000001",
        "BHXH tự nguyện": "XH-K01-0000001",
    }
    (payment,) = xlsx_rows(tmp_path / "m.xlsx")[1:]
    assert payment[3] == "YT-K01-0000001, XH-K01-0000001" and payment[6] == 1_630_200
