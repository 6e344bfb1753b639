"""A busy event day in a database: N paid visits (one person each), for report and export timings."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from benchmarks.people import FAMILY, GIVEN, MIDDLE
from kiosk.bootstrap import event_id_for, register_kiosk
from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus, Scheme
from kiosk.domain.localtime import UTC
from kiosk.domain.text import fold_accents
from kiosk.services.context import KioskContext
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Enrollment, Payment, Person, Receipt, Visit

CONFIG = parse_config(DEFAULT_CONFIG)
DAY_START = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 07:30 in Vietnam
AMOUNTS = (1_366_200, 683_100, 341_550, 1_039_500)
METHODS = (PaymentMethod.CASH, PaymentMethod.CASH, PaymentMethod.VIETQR, PaymentMethod.CARD)


def day_context() -> KioskContext:
    """The kiosk of the day, its clock stopped at the end of the day (17:00 in Vietnam)."""
    end = DAY_START + timedelta(hours=9, minutes=30)
    return KioskContext(
        CONFIG.kiosk.id, event_id_for(CONFIG), CONFIG.kiosk.receipt_series, clock=lambda: end
    )


def build_day(folder: Path, payments: int, seed: int = 11) -> Database:
    """A migrated SQLite database holding `payments` paid visits spread over one day."""
    db = Database(sqlite_url(folder / f"day-{payments}.sqlite3"))
    upgrade(db)
    register_kiosk(db, CONFIG)
    ctx = day_context()
    rng = random.Random(seed)
    rows: dict[type, list[dict[str, object]]] = {m: [] for m in (Person, Visit, Enrollment)}
    money: dict[type, list[dict[str, object]]] = {Payment: [], Receipt: []}
    step = timedelta(hours=9) / payments
    for i in range(payments):
        at = DAY_START + step * i
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}".replace("  ", " ")
        person_id, visit_id = uuid.uuid4(), uuid.uuid4()
        amount, method = rng.choice(AMOUNTS), METHODS[i % len(METHODS)]
        scheme = Scheme.BHXH_VOLUNTARY if amount == 1_039_500 else Scheme.BHYT_HOUSEHOLD
        rows[Person].append(
            {
                "id": person_id,
                "personal_id": f"066{i:09d}",
                "full_name": name,
                "name_folded": fold_accents(name),
                "birth_date": date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                "sex": "female" if i % 2 else "male",
                "address": f"Thôn {i % 12 + 1}, xã Ea Kao, Đắk Lắk",
                "phone": f"09{i:08d}",
                "created_at": at,
            }
        )
        common = {"kiosk_id": ctx.kiosk_id, "created_at": at}
        rows[Visit].append(
            {
                "id": visit_id,
                "event_id": ctx.event_id,
                "source": "staff",
                "status": EnrollmentStatus.PAID,
                "total": amount,
                "quoted_on": at.date(),
                "paid_at": at,
                "policy_version": "bench",
                **common,
            }
        )
        rows[Enrollment].append(
            {
                "visit_id": visit_id,
                "person_id": person_id,
                "scheme": scheme,
                "status": EnrollmentStatus.PAID,
                "months": 12 if scheme == Scheme.BHYT_HOUSEHOLD else 3,
                "position": 1,
                "amount": amount,
                "is_renewal": i % 5 == 0,
                "policy_version": "bench",
                "paid_at": at,
                "start_date": date(2026, 12, 25),
                "created_at": at,
            }
        )
        money[Payment].append(
            {
                "visit_id": visit_id,
                "method": method,
                "status": PaymentStatus.CONFIRMED,
                "amount": amount,
                "idempotency_key": uuid.uuid4().hex,
                "confirmed_at": at,
                **common,
            }
        )
        money[Receipt].append(
            {
                "visit_id": visit_id,
                "series": ctx.receipt_series,
                "number": i + 1,
                "total": amount,
                "issued_at": at,
                **common,
            }
        )
    with db.unit_of_work() as session:
        for model, batch in (*rows.items(), *money.items()):
            session.execute(insert(model), batch)
    return db
