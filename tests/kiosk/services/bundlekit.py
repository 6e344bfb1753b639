"""Shared pieces of the bundle tests: kiosk K02 in the field, the office's keys, forged files."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from kiosk.bootstrap import register_kiosk
from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.keys import office_public_text, public_key_text
from kiosk.services.bundle import export_bundle, merge_bundle
from kiosk.services.bundle_codec import FORMAT, seal_bundle
from kiosk.services.bundle_trust import trust_kiosk
from kiosk.services.context import KioskContext
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Base, Enrollment, Receipt, Staff
from kiosk.store.models.people import Person
from tests.support.factories import kiosk_context, make_person, make_visit

K02 = parse_config(
    DEFAULT_CONFIG.replace('id = "K01"', 'id = "K02"').replace(
        'receipt_series = "K01"', 'receipt_series = "K02"'
    )
)
CTX02 = KioskContext(kiosk_id="K02", event_id=kiosk_context().event_id, receipt_series="K02")
KEY02 = Ed25519PrivateKey.generate()
OFFICE = X25519PrivateKey.generate()
OFFICE_PUBLIC = OFFICE.public_key()
HUYEN_ID = "066185000123"
HUYEN_PHONE = "0912345678"


@pytest.fixture
def field_db(tmp_path: Path) -> Iterator[Database]:
    """Kiosk K02's own SQLite database, as used offline at the event."""
    database = Database(sqlite_url(tmp_path / "k02.sqlite3"))
    upgrade(database)
    register_kiosk(database, K02)
    yield database
    database.dispose()


def field_day(db: Database, personal_id: str = HUYEN_ID) -> bytes:
    """K02 registers Huyền (and a second person), issues receipt K02-1 and exports bundle 1."""
    with db.unit_of_work() as s:
        cashier = Staff(name="Lê Thị Thu", pin_hash="$argon2id$secret-hash")
        s.add(cashier)
        s.flush()
        visit = make_visit(s, CTX02, amounts=(1_366_200, 956_340))
        visit.staff_id = cashier.id
        person = make_person(
            s, full_name="Nguyễn Thị Huyền", personal_id=personal_id, phone=HUYEN_PHONE
        )
        enrollment = s.scalars(select(Enrollment).where(Enrollment.visit_id == visit.id)).first()
        assert enrollment is not None
        enrollment.person_id = person.id
        s.add(
            Receipt(
                visit_id=visit.id,
                kiosk_id="K02",
                series="K02",
                number=1,
                total=visit.total,
                issued_at=CTX02.now(),
                staff_id=cashier.id,
            )
        )
    return export(db)


def export(db: Database, ctx: KioskContext = CTX02, key: Ed25519PrivateKey = KEY02) -> bytes:
    """The next bundle of the field kiosk, sealed to the office."""
    with db.unit_of_work() as s:
        return export_bundle(s, ctx, key, OFFICE_PUBLIC)


def trust(db: Database, kiosk_id: str = "K02", key: Ed25519PrivateKey = KEY02) -> None:
    """The office pins a kiosk's key, as `kiosk trust` does."""
    with db.unit_of_work() as s:
        trust_kiosk(s, kiosk_context(), kiosk_id, public_key_text(key))


def merge(db: Database, data: bytes, **kwargs: Any) -> Any:
    """Merge at the office (kiosk K01) in one unit of work."""
    with db.unit_of_work() as s:
        return merge_bundle(s, kiosk_context(), data, OFFICE, **kwargs)


def forge(
    payload: dict[str, Any],
    key: Ed25519PrivateKey,
    *,
    kiosk_id: str | None = None,
    office: X25519PrivateKey = OFFICE,
) -> bytes:
    """A bundle with any payload, signed by `key` and sealed to `office` (what an attacker who
    knows the office's public key can make)."""
    full = {
        "format": FORMAT,
        "bundle_id": str(uuid.uuid4()),
        "sequence": 1,
        "office_key": office_public_text(office),
        "created_at": "2026-11-25T08:00:00+00:00",
        "tables": {},
        **payload,
    }
    text = json.dumps(full, ensure_ascii=False, sort_keys=True)
    return seal_bundle(text, kiosk_id or str(full["kiosk_id"]), key, office.public_key())


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for proving that a refused bundle changed nothing."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as s:
        for name, table in Base.metadata.tables.items():
            out[name] = sorted(tuple(map(repr, row)) for row in s.execute(select(table)))
    return out


def person_by_id_number(db: Database, personal_id: str) -> Person:
    """The office's person with this identity number."""
    with db.read() as s:
        person = s.scalars(select(Person).where(Person.personal_id == personal_id)).one()
        s.expunge(person)
        return person
