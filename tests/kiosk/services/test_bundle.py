"""Export bundles carry only the kiosk's own rows, encrypted to the office, and merge once."""

from __future__ import annotations

import json
import zlib

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.errors import KioskError
from kiosk.services.bundle import read_bundle
from kiosk.services.context import KioskContext
from kiosk.services.pins import check_pin
from kiosk.services.staff_auth import login
from kiosk.store.db import Database
from kiosk.store.models import (
    AuditEntry,
    Enrollment,
    Kiosk,
    Person,
    Receipt,
    ReceiptSeries,
    Staff,
    Visit,
)
from kiosk.store.models.ops import TrustedKiosk
from tests.kiosk.services.bundlekit import (
    CTX02,
    HUYEN_ID,
    HUYEN_PHONE,
    OFFICE,
    export,
    field_day,
    field_db,
    merge,
    person_by_id_number,
    snapshot,
    trust,
)
from tests.support.factories import kiosk_context, make_person, make_visit

__all__ = ["field_db"]  # the fixture, imported for pytest


@pytest.mark.postgres
def test_merge_into_office_postgres_twice_is_once(field_db: Database, pg_db: Database) -> None:
    """A K02 bundle merges into the office's PostgreSQL; merging it again adds nothing."""
    data = field_day(field_db)
    trust(pg_db)
    report = merge(pg_db, data)
    assert report.added["visits"] == 1 and report.added["receipts"] == 1
    assert report.added["persons"] == 2 and report.conflicts == []
    again = merge(pg_db, data)
    assert again.already_merged and again.added == {}
    with pg_db.read() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 1
        assert s.scalar(select(func.count()).select_from(Receipt)) == 1
        assert s.scalar(select(Visit.total)) == 2_322_540


def test_second_bundle_adds_only_what_is_new(field_db: Database, db: Database) -> None:
    """Bundle 2 repeats bundle 1's rows: only the new visit and the audit of export 1 are added,
    and K02's series counter at the office follows the receipts merged (next is 2)."""
    first = field_day(field_db)
    with field_db.unit_of_work() as s:
        make_visit(s, CTX02, amounts=(500_000,))
    second = export(field_db)
    trust(db)
    assert merge(db, first).sequence == 1
    report = merge(db, second)
    assert report.sequence == 2 and not report.already_merged
    assert report.added == {"visits": 1, "enrollments": 1, "persons": 1, "audit_entries": 1}
    with db.read() as s:
        assert s.get(ReceiptSeries, "K02").next_number == 2  # type: ignore[union-attr]
        assert s.get(ReceiptSeries, "K01").next_number == 1  # type: ignore[union-attr]


def test_bundle_reveals_nothing_without_the_office_key(field_db: Database) -> None:
    """The file holds no name, identity or phone number in any readable form, even unpacked;
    another office's key cannot open it; the office's key can."""
    data = field_day(field_db)
    for secret in (HUYEN_ID, HUYEN_PHONE, "Nguyễn Thị Huyền", "Lê Thị Thu"):
        assert secret.encode("utf-8") not in data
    with pytest.raises(zlib.error):
        zlib.decompress(data[8:])
    with pytest.raises(KioskError) as err:
        read_bundle(data, X25519PrivateKey.generate())
    assert err.value.code == "bundle.not_for_this_office"
    payload = read_bundle(data, OFFICE)
    assert payload["kiosk_id"] == "K02" and payload["sequence"] == 1


def test_bundle_carries_staff_names_only_and_they_cannot_log_in(
    field_db: Database, db: Database
) -> None:
    """No role, PIN hash or lock state travels; the merged name is an inactive plain account
    whose PIN never matches, so it cannot log in or approve anything at the office."""
    data = field_day(field_db)
    payload = read_bundle(data, OFFICE)
    assert payload["tables"]["staff"] == [
        {"id": payload["tables"]["visits"][0]["staff_id"], "name": "Lê Thị Thu"}
    ]
    assert "argon2" not in json.dumps(payload)
    trust(db)
    merge(db, data)
    with db.read() as s:
        merged = s.scalars(select(Staff).where(Staff.name == "Lê Thị Thu [K02]")).one()
        assert (merged.active, merged.role.value) == (False, "staff")
        assert not check_pin(merged.pin_hash, "")
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        login(s, kiosk_context(), "Lê Thị Thu [K02]", "1234")
    assert err.value.code == "auth.bad_pin"


def test_export_leaves_out_other_kiosks_rows(field_db: Database) -> None:
    """A K03 visit in K02's database (merged there earlier) is not K02's to hand over."""
    k03 = KioskContext("K03", CTX02.event_id, "K03")
    with field_db.unit_of_work() as s:
        s.add(Kiosk(id="K03", receipt_series="K03", event_id=CTX02.event_id))
        s.flush()
        make_visit(s, k03, amounts=(100_000,))
    payload = read_bundle(field_day(field_db), OFFICE)
    assert {v["kiosk_id"] for v in payload["tables"]["visits"]} == {"K02"}
    assert [k["id"] for k in payload["tables"]["kiosks"]] == ["K02"]
    assert len(payload["tables"]["persons"]) == 2  # Huyền and the second member, not K03's


def test_same_identity_number_at_two_places_keeps_the_office_person(
    field_db: Database, db: Database
) -> None:
    """The office already has the person: the conflict is reported (number masked), K02's
    enrollment is attached to the office's person, and her data here is not overwritten."""
    with db.unit_of_work() as s:
        office_person = make_person(
            s, full_name="Nguyễn Thị Huyền", personal_id=HUYEN_ID, phone="0987000111"
        ).id
    trust(db)
    report = merge(db, field_day(field_db))
    assert len(report.conflicts) == 1 and "066******123" in report.conflicts[0]
    kept = person_by_id_number(db, HUYEN_ID)
    assert kept.id == office_person and kept.phone == "0987000111"
    with db.read() as s:
        assert office_person in set(s.scalars(select(Enrollment.person_id)))


def test_person_known_by_id_is_never_overwritten(field_db: Database, db: Database) -> None:
    """The same person row (same id) with other data at the office: kept, the difference is
    reported, and the bundle's origin kiosk does not take it over."""
    data = field_day(field_db)
    with field_db.read() as s:
        huyen = s.scalars(select(Person).where(Person.personal_id == HUYEN_ID)).one()
    with db.unit_of_work() as s:
        s.add(
            Person(
                id=huyen.id,
                full_name="Nguyễn Thị Huyền",
                personal_id=HUYEN_ID,
                birth_date=huyen.birth_date,
                sex=huyen.sex,
                phone="0987000111",
                address="Văn phòng đã sửa",
                origin_kiosk_id="K01",
            )
        )
    trust(db)
    report = merge(db, data)
    assert any("phone, address" in c for c in report.conflicts)
    kept = person_by_id_number(db, HUYEN_ID)
    assert (kept.phone, kept.address, kept.origin_kiosk_id) == (
        "0987000111",
        "Văn phòng đã sửa",
        "K01",
    )


def test_unknown_kiosk_is_refused_unless_first_use_is_asked(
    field_db: Database, db: Database
) -> None:
    """Without a pinned key nothing is imported; --trust-first-use pins the bundle's key
    (recorded as first use, audited) and merges."""
    data = field_day(field_db)
    before = snapshot(db)
    with pytest.raises(KioskError) as err:
        merge(db, data)
    assert err.value.code == "bundle.unknown_kiosk" and "kiosk trust K02" in err.value.en
    assert snapshot(db) == before
    report = merge(db, data, trust_first_use=True)
    assert report.added["visits"] == 1
    with db.read() as s:
        pinned = s.get(TrustedKiosk, "K02")
        assert pinned is not None and pinned.pinned_how == "first_use"
        assert pinned.last_sequence == 1
        assert s.scalar(select(func.count()).where(AuditEntry.action == "bundle.key_pinned")) == 1


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_garbage_gives_only_bundle_errors(data: bytes) -> None:
    """Arbitrary bytes never crash the reader: they give a bundle error with a message."""
    with pytest.raises(KioskError) as err:
        read_bundle(data, OFFICE)
    assert err.value.code.startswith("bundle.") and err.value.vi


def test_garbage_after_the_header_gives_a_bundle_error() -> None:
    """A right header with random bytes after it fails authentication, not the program."""
    with pytest.raises(KioskError) as err:
        read_bundle(b"BHXHKB\x00\x02" + bytes(range(256)), OFFICE)
    assert err.value.code == "bundle.not_for_this_office"
