"""Several kiosks on one PostgreSQL: separate processes register and pay at the same time."""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.bootstrap import event_id_for, register_kiosk
from kiosk.config import Config, parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import PaymentMethod, PaymentStatus, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database
from kiosk.store.models import Payment, Person, Receipt, Staff, Visit
from kiosk.store.models.household_year import HouseholdYearMember

KIOSKS = ("K01", "K02", "K03")
VISITS_EACH = 8
GIVEN = ("An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Khánh", "Long", "Minh", "Nam", "Phúc")
SHARED_ID = "066185000001"  # the same grandmother walks up to every kiosk at once


def _config(kiosk_id: str) -> Config:
    text = DEFAULT_CONFIG.replace('id = "K01"', f'id = "{kiosk_id}"')
    return parse_config(text.replace('receipt_series = "K01"', f'receipt_series = "{kiosk_id}"'))


def _kiosk_day(url: str, kiosk_id: str, start: Any, out: Any) -> None:
    """One kiosk's morning: open a shift, register and pay VISITS_EACH households."""
    config = _config(kiosk_id)
    ctx = KioskContext(kiosk_id, event_id_for(config), kiosk_id)
    db = Database(url)
    with db.unit_of_work() as s:
        staff = Staff(name=f"Thu ngân {kiosk_id}", pin_hash="test-only")
        s.add(staff)
        s.flush()
        open_shift(s, ctx, staff.id, 0)
        staff_id = staff.id
    start.wait()
    totals = []
    for i in range(VISITS_EACH):
        serial = KIOSKS.index(kiosk_id) * 100 + i
        people = [
            PersonDraft("Trần Thị Mơ", date(1985, 1, 1), Sex.FEMALE, SHARED_ID),
            PersonDraft(
                f"Lê Văn {GIVEN[serial % len(GIVEN)]}",
                date(1980, 1, 1),
                Sex.MALE,
                f"066080{serial:06d}",
            ),
        ]
        if i > 0:
            people = people[1:]
        members = [MemberRequest(p, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),)) for p in people]
        with db.unit_of_work() as s:
            reg = register_visit(s, ctx, members, staff_id=staff_id)
            parts = [PaymentRequest(PaymentMethod.CASH, reg.quote.total, reg.quote.total)]
            checkout(s, ctx, reg.visit_id, parts, uuid.uuid4().hex, staff_id=staff_id)
            totals.append(reg.quote.total)
    db.dispose()
    out.put((kiosk_id, totals))


def _collect(out: Any, procs: list[Any]) -> list[Any]:
    """Each process's result; fails at once (not after a long wait) when one of them dies."""
    import queue

    got: list[Any] = []
    while len(got) < len(procs):
        try:
            got.append(out.get(timeout=1))
        except queue.Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            assert not dead, f"a kiosk process failed (exit codes {dead})"
    for p in procs:
        p.join(60)
    return got


@pytest.mark.postgres
def test_three_kiosks_register_and_pay_at_once(pg_db: Database) -> None:
    """Three processes, 24 paid visits: each series gapless 1..8, money adds up, the person
    registered by all three kiosks at the same moment is stored once, in one household-year
    record whose ladder positions are 1..n without a gap or a double (the kiosks registering
    members of that household at once take positions one after the other)."""
    for kiosk_id in KIOSKS[1:]:
        register_kiosk(pg_db, _config(kiosk_id))
    spawn = multiprocessing.get_context("spawn")
    start, out = spawn.Event(), spawn.Queue()
    procs = [spawn.Process(target=_kiosk_day, args=(pg_db.url, k, start, out)) for k in KIOSKS]
    for p in procs:
        p.start()
    start.set()
    results = dict(_collect(out, procs))
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with pg_db.read() as s:
        for kiosk_id in KIOSKS:
            numbers = s.scalars(
                select(Receipt.number).where(Receipt.series == kiosk_id).order_by(Receipt.number)
            ).all()
            assert list(numbers) == list(range(1, VISITS_EACH + 1))
        paid = s.scalar(
            select(func.sum(Payment.amount)).where(Payment.status == PaymentStatus.CONFIRMED)
        )
        assert paid == sum(sum(t) for t in results.values())
        assert s.scalar(select(func.count()).where(Person.personal_id == SHARED_ID)) == 1
        assert s.scalar(select(func.count()).select_from(Visit)) == len(KIOSKS) * VISITS_EACH
        shared = s.scalars(select(Person.id).where(Person.personal_id == SHARED_ID)).one()
        (record,) = s.scalars(
            select(HouseholdYearMember.household_year_id).where(
                HouseholdYearMember.person_id == shared
            )
        ).all()
        positions = s.scalars(
            select(HouseholdYearMember.position)
            .where(HouseholdYearMember.household_year_id == record)
            .order_by(HouseholdYearMember.position)
        ).all()
        assert list(positions) == list(range(1, len(positions) + 1))
