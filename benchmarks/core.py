"""Core timings: quote, checkout, identity lookup, naive name scan, memory after 1,000 attendees."""

from __future__ import annotations

import resource
import tempfile
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import select

from benchmarks.timing import median_ms
from kiosk.bootstrap import register_kiosk
from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import PaymentMethod, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.policy.engine import VisitItem, quote_visit
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.search import naive_search_people, search_people
from kiosk.services.shifts import open_shift
from kiosk.store.db import SQLITE_SYNCHRONOUS_FULL, Database, durability, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Person

CONFIG = parse_config(DEFAULT_CONFIG)


def context() -> KioskContext:
    from kiosk.bootstrap import event_id_for

    return KioskContext(CONFIG.kiosk.id, event_id_for(CONFIG), CONFIG.kiosk.receipt_series)


def fresh_db(folder: Path) -> Database:
    db = Database(sqlite_url(folder / "bench.sqlite3"))
    upgrade(db)
    register_kiosk(db, CONFIG)
    return db


def bench_quote(repeat: int) -> float:
    """A household of five for 12 months."""
    items = [VisitItem(str(i), Scheme.BHYT_HOUSEHOLD, 12) for i in range(5)]
    return median_ms(lambda: quote_visit(items, date(2026, 11, 25)), repeat * 10)


def _member(i: int) -> MemberRequest:
    draft = PersonDraft(
        full_name="Nguyễn Văn An", birth_date=date(1970, 1, 1 + i % 28), sex=Sex.MALE
    )
    return MemberRequest(draft, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))


def bench_checkout(repeat: int) -> float:
    """Payment + receipt number + commit on SQLite (registration done beforehand), the commit
    durable when it returns: WAL fsynced (synchronous=FULL, issue 17; it added about 0.4 ms
    here over NORMAL, which only synced at checkpoints)."""
    with tempfile.TemporaryDirectory() as tmp:
        db, ctx = fresh_db(Path(tmp)), context()
        # The figure must include the fsync the kiosk pays for at every money commit.
        assert durability(db.engine)["synchronous"] == str(SQLITE_SYNCHRONOUS_FULL)
        with db.unit_of_work() as s:
            open_shift(s, ctx, None, 0)
        visits = []
        for i in range(repeat + 2):
            with db.unit_of_work() as s:
                reg = register_visit(s, ctx, [_member(i)])
                visits.append((reg.visit_id, reg.quote.total))
        pending = iter(visits)

        def pay() -> None:
            visit_id, total = next(pending)
            with db.unit_of_work() as s:
                checkout(
                    s,
                    ctx,
                    visit_id,
                    [PaymentRequest(PaymentMethod.CASH, total, total)],
                    uuid.uuid4().hex,
                )

        result = median_ms(pay, repeat)
        db.dispose()
        return result


def bench_lookup(db: Database, count: int, repeat: int) -> float:
    """Exact identity-number lookup among `count` people (unique index)."""
    keys = iter([f"{(i * 7919) % count:012d}" for i in range(repeat + 2)])

    def lookup() -> None:
        with db.read() as s:
            assert s.scalar(select(Person.id).where(Person.personal_id == next(keys))) is not None

    return median_ms(lookup, repeat)


def bench_search(db: Database, query: str, repeat: int) -> float:
    """The console's accent-folded name search (token prefixes, rarest token first)."""

    def search() -> None:
        with db.read() as s:
            assert search_people(s, query)

    return median_ms(search, repeat, warmup=1)


def bench_naive_search(db: Database, query: str, repeat: int) -> float:
    """The same question as a plain scan: LIKE '%…%' over every folded name, sorted by name
    and cut to 50 rows like the real search (so it reads every row, as a scan must)."""

    def scan() -> None:
        with db.read() as s:
            assert naive_search_people(s, query)

    return median_ms(scan, max(3, repeat // 5), warmup=1)


def rss_after_attendees(count: int) -> float:
    """Peak resident memory (MB) after registering and paying `count` attendees in one process."""
    with tempfile.TemporaryDirectory() as tmp:
        db, ctx = fresh_db(Path(tmp)), context()
        with db.unit_of_work() as s:
            open_shift(s, ctx, None, 0)
        for i in range(count):
            with db.unit_of_work() as s:
                reg = register_visit(s, ctx, [_member(i)])
                total = reg.quote.total
                checkout(
                    s,
                    ctx,
                    reg.visit_id,
                    [PaymentRequest(PaymentMethod.CASH, total, total)],
                    uuid.uuid4().hex,
                )
        db.dispose()
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
