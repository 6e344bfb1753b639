"""Export bundles merge at the office exactly once, refuse tampering and report clashes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.bootstrap import register_kiosk
from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.errors import KioskError
from kiosk.services.bundle import export_bundle, merge_bundle, read_bundle
from kiosk.services.context import KioskContext
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Enrollment, Person, Receipt, Visit
from tests.support.factories import kiosk_context, make_person, make_visit

K02 = parse_config(
    DEFAULT_CONFIG.replace('id = "K01"', 'id = "K02"').replace(
        'receipt_series = "K01"', 'receipt_series = "K02"'
    )
)
CTX02 = KioskContext(kiosk_id="K02", event_id=kiosk_context().event_id, receipt_series="K02")
KEY = Ed25519PrivateKey.generate()


@pytest.fixture
def field_db(tmp_path: Path) -> Iterator[Database]:
    """Kiosk K02's own SQLite database, as used offline at the event."""
    database = Database(sqlite_url(tmp_path / "k02.sqlite3"))
    upgrade(database)
    register_kiosk(database, K02)
    yield database
    database.dispose()


def _field_day(db: Database, personal_id: str = "066185000123") -> bytes:
    with db.unit_of_work() as s:
        visit = make_visit(s, CTX02, amounts=(1_366_200, 956_340))
        person = make_person(s, full_name="Nguyễn Thị Huyền", personal_id=personal_id)
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
            )
        )
    with db.unit_of_work() as s:
        return export_bundle(s, CTX02, KEY)


@pytest.mark.postgres
def test_merge_into_office_postgres_twice_is_once(field_db: Database, pg_db: Database) -> None:
    """A K02 bundle merges into the office's PostgreSQL; merging it again adds nothing."""
    data = _field_day(field_db)
    ctx = kiosk_context()
    with pg_db.unit_of_work() as s:
        report = merge_bundle(s, ctx, data)
    assert report.added["visits"] == 1 and report.added["receipts"] == 1
    assert report.added["persons"] == 3 and report.conflicts == []
    with pg_db.unit_of_work() as s:
        again = merge_bundle(s, ctx, data)
    assert again.already_merged and again.added == {}
    with pg_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 1
        assert s.scalar(select(func.count()).select_from(Receipt)) == 1
        assert s.scalar(select(Visit.total)) == 2_322_540


def test_second_export_of_same_rows_changes_nothing(field_db: Database, db: Database) -> None:
    """A newer bundle repeating rows already merged adds only what is new."""
    first = _field_day(field_db)
    with field_db.unit_of_work() as s:
        second = export_bundle(s, CTX02, KEY)
    ctx = kiosk_context()
    with db.unit_of_work() as s:
        merge_bundle(s, ctx, first)
    with db.unit_of_work() as s:
        report = merge_bundle(s, ctx, second)
    assert not report.already_merged
    assert report.added == {"audit_entries": 1}  # the first export's own audit entry


def test_tampered_bundle_is_rejected_and_nothing_imported(field_db: Database, db: Database) -> None:
    """Changing one amount inside the signed payload fails the signature check."""
    envelope = json.loads(_field_day(field_db))
    envelope["payload"] = envelope["payload"].replace("2322540", "2322541")
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        merge_bundle(s, kiosk_context(), json.dumps(envelope).encode())
    assert err.value.code == "bundle.bad_signature"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 0


def test_bundle_signed_by_another_key_is_rejected(field_db: Database, db: Database) -> None:
    """Once the office knows K02's key, a bundle signed by another key for K02 is refused."""
    with db.unit_of_work() as s:
        merge_bundle(s, kiosk_context(), _field_day(field_db))
    with field_db.unit_of_work() as s:
        forged = export_bundle(s, CTX02, Ed25519PrivateKey.generate())
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        merge_bundle(s, kiosk_context(), forged)
    assert err.value.code == "bundle.unknown_key"


def test_same_identity_number_at_two_kiosks_is_a_reported_conflict(
    field_db: Database, db: Database
) -> None:
    """The office already has the person: the conflict is reported and K02's enrollment is
    attached to the office's person, not to a duplicate."""
    with db.unit_of_work() as s:
        office_person = make_person(s, full_name="Nguyễn Thị Huyền", personal_id="066185000123").id
    with db.unit_of_work() as s:
        report = merge_bundle(s, kiosk_context(), _field_day(field_db))
    assert len(report.conflicts) == 1 and "066******123" in report.conflicts[0]
    with db.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Person).where(Person.personal_id == "066185000123")
            )
            == 1
        )
        assert office_person in set(s.scalars(select(Enrollment.person_id)))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_garbage_gives_only_bundle_errors(data: bytes) -> None:
    """Arbitrary bytes never crash the reader: they give a bundle error with a message."""
    with pytest.raises(KioskError) as err:
        read_bundle(data)
    assert err.value.code.startswith("bundle.") and err.value.vi
