"""Forged bundles, as an attacker with a USB stick and the office's public key would make them:
each is refused with one bundle error and the office database is left exactly as it was."""

from __future__ import annotations

import copy
import json
import uuid
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.domain.keys import public_key_text
from kiosk.errors import KioskError
from kiosk.services.bundle import read_bundle
from kiosk.services.bundle_codec import MAGIC, row_to_json
from kiosk.services.bundle_trust import trust_kiosk
from kiosk.store.db import Database
from kiosk.store.models import Base
from tests.kiosk.services.bundlekit import (
    KEY02,
    OFFICE,
    export,
    field_day,
    field_db,
    forge,
    merge,
    snapshot,
    trust,
)
from tests.support.factories import kiosk_context

__all__ = ["field_db"]  # the fixture, imported for pytest
INTRUDER = Ed25519PrivateKey.generate()


def refused(db: Database, data: bytes, code: str, **kwargs: Any) -> KioskError:
    """Merging `data` raises `code` and changes no row of any table."""
    before = snapshot(db)
    with pytest.raises(KioskError) as err:
        merge(db, data, **kwargs)
    assert err.value.code == code, err.value.en
    assert snapshot(db) == before
    return err.value


def _genuine(field_db: Database) -> dict[str, Any]:
    return read_bundle(field_day(field_db), OFFICE)


def test_new_key_cannot_inject_a_supervisor(field_db: Database, db: Database) -> None:
    """A fresh key under a new kiosk id, trusted on first use, brings a staff row with a role
    and PIN hash: refused (staff travel as a name only), no account appears."""
    payload = _genuine(field_db)
    tables = {k: v for k, v in payload["tables"].items()}
    for row in tables["kiosks"] + tables["visits"] + tables["receipts"] + tables["audit_entries"]:
        row["kiosk_id" if "kiosk_id" in row else "id"] = "K99"
    tables["staff"] = [{**tables["staff"][0], "role": "supervisor", "pin_hash": "$argon2id$x"}]
    forged = forge({"kiosk_id": "K99", "tables": tables}, INTRUDER)
    refused(db, forged, "bundle.malformed", trust_first_use=True)


def test_new_key_cannot_bring_a_staff_name_nothing_references(
    field_db: Database, db: Database
) -> None:
    """Even as a bare name, a staff row no visit or receipt of the kiosk names is refused."""
    tables = {"kiosks": _kiosk_row("K99", "K99"), "staff": [{"id": _uuid(), "name": "Giám"}]}
    forged = forge({"kiosk_id": "K99", "tables": tables}, INTRUDER)
    refused(db, forged, "bundle.foreign_rows", trust_first_use=True)


def relabel(payload: dict[str, Any], kiosk_id: str) -> dict[str, list[dict[str, Any]]]:
    """K02's genuine tables re-labelled as another kiosk's own (kiosk id and series)."""
    tables = copy.deepcopy(payload["tables"])
    for rows in tables.values():
        for row in rows:
            for column in ("kiosk_id", "series", "receipt_series"):
                if column in row:
                    row[column] = kiosk_id
    tables["kiosks"][0]["id"] = kiosk_id
    return tables


def test_relabelled_bundle_alone_is_accepted(field_db: Database, db: Database) -> None:
    """Control for the next test: K02's rows re-labelled as K99's own merge (first use)."""
    field_day(field_db)
    tables = relabel(read_bundle(export(field_db), OFFICE), "K99")
    report = merge(db, forge({"kiosk_id": "K99", "tables": tables}, INTRUDER), trust_first_use=True)
    assert report.added["receipts"] == 1 and report.added["audit_entries"] == 1


@pytest.mark.parametrize(
    "table", ["visits", "receipts", "payments", "audit_entries", "enrollments", "print_jobs"]
)
def test_new_key_cannot_bring_another_kiosks_rows(
    field_db: Database, db: Database, table: str
) -> None:
    """The accepted K99 bundle plus ONE row of kiosk K02 (or hanging off K02's visit) is
    refused whole."""
    field_day(field_db)
    payload = read_bundle(export(field_db), OFFICE)
    tables = relabel(payload, "K99")
    k02_visit = payload["tables"]["visits"][0]
    extra: dict[str, Any]
    if table == "payments":
        extra = _payment_row(k02_visit["id"])
    elif table == "print_jobs":
        extra = _print_job_row()
    elif table == "enrollments":
        # hangs off a visit the bundle does not own (another kiosk's, here or anywhere)
        extra = {**payload["tables"]["enrollments"][0], "id": _uuid(), "visit_id": _uuid()}
    else:
        extra = {**payload["tables"][table][0], "id": _uuid()}
        if table == "receipts":
            extra["number"] = 2
    if table != "enrollments":
        extra["kiosk_id"] = "K02"
    tables.setdefault(table, []).append(extra)
    forged = forge({"kiosk_id": "K99", "tables": tables}, INTRUDER)
    refused(db, forged, "bundle.foreign_rows", trust_first_use=True)


def test_new_key_cannot_raise_the_office_counter(db: Database) -> None:
    """The office's own series K01 claimed by a new kiosk (its kiosk row, or a series row set
    to 1,000,000) is refused; the office's next receipt number stays 1."""
    claim_series = forge(
        {"kiosk_id": "K99", "tables": {"kiosks": _kiosk_row("K99", "K01")}}, INTRUDER
    )
    refused(db, claim_series, "bundle.series_mismatch", trust_first_use=True)
    counter = {"series": "K01", "kiosk_id": "K99", "next_number": 1_000_000}
    tables = {"kiosks": _kiosk_row("K99", "K99"), "receipt_series": [counter]}
    raise_counter = forge({"kiosk_id": "K99", "tables": tables}, INTRUDER)
    refused(db, raise_counter, "bundle.foreign_rows", trust_first_use=True)


def test_bundle_cannot_speak_for_the_office_itself(db: Database) -> None:
    """A bundle under the office's own kiosk id (K01) is refused before anything else."""
    forged = forge({"kiosk_id": "K01", "tables": {"kiosks": _kiosk_row("K01", "K01")}}, INTRUDER)
    refused(db, forged, "bundle.own_kiosk", trust_first_use=True)


def test_replaced_key_is_refused_and_the_genuine_kiosk_still_merges(
    field_db: Database, db: Database
) -> None:
    """K02's key is pinned: a bundle for K02 signed by another key (even trusting first use)
    is refused, the pin is unchanged, and K02's genuine bundle merges afterwards."""
    genuine = field_day(field_db)
    trust(db)
    payload = read_bundle(genuine, OFFICE)
    forged = forge({**payload, "bundle_id": payload["bundle_id"]}, INTRUDER)
    refused(db, forged, "bundle.bad_signature", trust_first_use=True)
    assert merge(db, genuine).added["visits"] == 1


def test_a_pinned_key_is_not_replaced_without_saying_so(db: Database) -> None:
    """`trust` with another key for a pinned kiosk needs --replace; nothing changes otherwise."""
    trust(db)
    before = snapshot(db)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        trust_kiosk(s, kiosk_context(), "K02", public_key_text(INTRUDER))
    assert err.value.code == "bundle.key_pinned"
    assert snapshot(db) == before


def test_replayed_older_bundle_is_refused(field_db: Database, db: Database) -> None:
    """Bundles 1 and 2 merged; bundle 1 again is out of order; bundle 2 again is a no-op."""
    first = field_day(field_db)
    second = export(field_db)
    trust(db)
    merge(db, first)
    merge(db, second)
    refused(db, first, "bundle.out_of_order")
    before = snapshot(db)
    assert merge(db, second).already_merged
    assert snapshot(db) == before


def test_reordered_bundles_are_refused(field_db: Database, db: Database) -> None:
    """Bundle 2 merged first (it holds everything of bundle 1); bundle 1 then is refused."""
    first = field_day(field_db)
    second = export(field_db)
    trust(db)
    assert merge(db, second).sequence == 2
    refused(db, first, "bundle.out_of_order")


def test_same_id_with_other_content_is_refused(field_db: Database, db: Database) -> None:
    """A re-signed bundle reusing a merged bundle's id with changed rows is not 'already merged'
    silently: it is refused."""
    genuine = field_day(field_db)
    trust(db)
    merge(db, genuine)
    payload = read_bundle(genuine, OFFICE)
    payload["created_at"] = "2026-11-26T00:00:00+00:00"
    refused(db, forge(payload, KEY02), "bundle.malformed")


def test_downgrades_are_refused(field_db: Database, db: Database) -> None:
    """Format 1 (clear, signed JSON), a format-2 file with the version byte lowered, and a
    format-1 payload inside a format-2 envelope are all refused."""
    genuine = field_day(field_db)
    trust(db)
    clear = json.dumps({"payload": "{}", "signature": "", "public_key": ""}).encode()
    refused(db, clear, "bundle.old_format")
    refused(db, MAGIC[:7] + b"\x01" + genuine[8:], "bundle.old_format")
    payload = read_bundle(genuine, OFFICE)
    refused(db, forge({**payload, "format": "bhxh-kiosk-bundle/1"}, KEY02), "bundle.malformed")


def test_bundle_for_another_office_is_refused(field_db: Database, db: Database) -> None:
    """Sealed to another office's key: cannot be opened here."""
    other = X25519PrivateKey.generate()
    payload = read_bundle(field_day(field_db), OFFICE)
    refused(db, forge(payload, KEY02, office=other), "bundle.not_for_this_office")


def test_changed_byte_is_refused(field_db: Database, db: Database) -> None:
    """One flipped byte anywhere after the header fails the authentication tag."""
    genuine = bytearray(field_day(field_db))
    trust(db)
    genuine[len(genuine) // 2] ^= 0x01
    refused(db, bytes(genuine), "bundle.not_for_this_office")


def _kiosk_row(kiosk_id: str, series: str) -> list[dict[str, Any]]:
    from kiosk.store.models import Kiosk

    row = Kiosk(id=kiosk_id, receipt_series=series, name="", event_id=None, public_key=None)
    row.created_at = kiosk_context().now()
    return [row_to_json(Base.metadata.tables["kiosks"], row)]


def _uuid() -> str:
    return str(uuid.uuid4())


def _payment_row(visit_id: str) -> dict[str, Any]:
    from kiosk.domain.enums import PaymentMethod, PaymentStatus
    from kiosk.store.models import Payment

    row = Payment(
        id=uuid.uuid4(),
        visit_id=uuid.UUID(visit_id),
        kiosk_id="K02",
        method=PaymentMethod.CASH,
        status=PaymentStatus.CONFIRMED,
        amount=2_322_540,
        idempotency_key=_uuid(),
        detail_json={},
    )
    row.created_at = kiosk_context().now()
    return row_to_json(Base.metadata.tables["payments"], row)


def _print_job_row() -> dict[str, Any]:
    from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
    from kiosk.store.models import PrintJob

    row = PrintJob(
        id=uuid.uuid4(),
        kind=DocumentKind.RECEIPT,
        printer_role=PrinterRole.RECEIPT,
        status=PrintStatus.DONE,
        kiosk_id="K02",
        params_json={},
        is_reprint=False,
        attempts=0,
    )
    row.created_at = row.updated_at = kiosk_context().now()
    return row_to_json(Base.metadata.tables["print_jobs"], row)
