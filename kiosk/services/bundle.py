"""Signed export bundles of a kiosk's records and their idempotent merge at the office."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.bundle_codec import bundle_error, row_from_json, row_to_json
from kiosk.services.context import KioskContext
from kiosk.services.search import index_name
from kiosk.store.models import Base, ImportedBundle, Kiosk, ReceiptSeries

FORMAT = "bhxh-kiosk-bundle/1"
# Parents before children, so foreign keys hold while rows are inserted.
TABLES = (
    "events",
    "kiosks",
    "staff",
    "persons",
    "households",
    "household_members",
    "visits",
    "enrollments",
    "issuance_records",
    "shifts",
    "cash_movements",
    "payments",
    "receipt_series",
    "receipts",
    "print_jobs",
    "campaign_activities",
    "audit_entries",
)
# References to people and staff that may be remapped when the office already knows them.
_PERSON_REFS = {
    "households": ("head_person_id",),
    "household_members": ("person_id",),
    "enrollments": ("person_id",),
    "issuance_records": ("person_id",),
    "campaign_activities": ("person_id",),
}
_STAFF_REFS = {
    "visits": ("staff_id",),
    "shifts": ("staff_id", "closed_by"),
    "cash_movements": ("staff_id",),
    "payments": ("staff_id", "confirmed_by"),
    "receipts": ("staff_id", "voided_by"),
    "print_jobs": ("requested_by", "authorized_by"),
    "campaign_activities": ("staff_id",),
}


@dataclass
class MergeReport:
    """What a merge did: rows added per table, rows already there, and conflicts found."""

    bundle_id: str
    kiosk_id: str
    already_merged: bool = False
    added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)


def export_bundle(session: Session, ctx: KioskContext, key: Ed25519PrivateKey) -> bytes:
    """Every record in this database, signed with the kiosk's key (file mode is the caller's)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        table = _table(name)
        rows = session.execute(select(table)).all()
        tables[name] = [row_to_json(table, row) for row in rows]
    payload = {
        "format": FORMAT,
        "bundle_id": str(uuid.uuid4()),
        "kiosk_id": ctx.kiosk_id,
        "created_at": ctx.now().isoformat(),
        "tables": tables,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    envelope = {
        "payload": text,
        "signature": base64.b64encode(key.sign(text.encode("utf-8"))).decode("ascii"),
        "public_key": base64.b64encode(public).decode("ascii"),
    }
    audit.record(
        session,
        ctx.kiosk_id,
        "bundle.exported",
        entity="bundle",
        entity_id=payload["bundle_id"],
        rows=sum(len(v) for v in tables.values()),
    )
    return json.dumps(envelope, ensure_ascii=False).encode("utf-8")


def read_bundle(data: bytes) -> tuple[dict[str, Any], str]:
    """Check the envelope and its signature; returns (payload, public key base64)."""
    try:
        envelope = json.loads(data.decode("utf-8"))
        text, signature, public = envelope["payload"], envelope["signature"], envelope["public_key"]
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True))
        sig = base64.b64decode(signature, validate=True)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise bundle_error(f"envelope: {type(exc).__name__}") from None
    if not isinstance(text, str):
        raise bundle_error("envelope: payload is not text")
    try:
        key.verify(sig, text.encode("utf-8"))
    except InvalidSignature:
        raise KioskError(
            "bundle.bad_signature",
            vi="Chữ ký của gói dữ liệu không đúng: gói đã bị sửa sau khi xuất. Không nhập gì.",
            en="The bundle's signature does not match: it was changed after export. Nothing imported.",
        ) from None
    payload = json.loads(text)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise bundle_error("unknown format")
    if not isinstance(payload.get("tables"), dict):
        raise bundle_error("tables missing")
    return payload, public


def merge_bundle(
    session: Session, ctx: KioskContext, data: bytes, *, require_known_key: bool = False
) -> MergeReport:
    """Import a bundle: new rows are added, known rows left alone; twice changes nothing."""
    payload, public = read_bundle(data)
    bundle_id, kiosk_id = str(payload.get("bundle_id")), str(payload.get("kiosk_id"))
    report = MergeReport(bundle_id=bundle_id, kiosk_id=kiosk_id)
    try:
        bundle_uuid = uuid.UUID(bundle_id)
    except ValueError:
        raise bundle_error("bundle_id") from None
    _check_key(session, kiosk_id, public, require_known_key)
    if session.get(ImportedBundle, bundle_uuid) is not None:
        report.already_merged = True
        return report
    remap: dict[str, dict[Any, Any]] = {"persons": {}, "staff": {}}
    for name in TABLES:
        rows = payload["tables"].get(name, [])
        if not isinstance(rows, list):
            raise bundle_error(f"{name} is not a list")
        for raw in rows:
            _merge_row(session, _table(name), row_from_json(_table(name), raw), remap, report)
        session.flush()
    _check_key(session, kiosk_id, public, require_known_key, store=True)
    digest = hashlib.sha256(data).hexdigest()
    session.add(
        ImportedBundle(
            id=bundle_uuid,
            kiosk_id=kiosk_id,
            digest=digest,
            summary={"added": report.added, "conflicts": report.conflicts},
        )
    )
    audit.record(
        session,
        ctx.kiosk_id,
        "bundle.merged",
        entity="bundle",
        entity_id=bundle_id,
        source_kiosk=kiosk_id,
        added=sum(report.added.values()),
        conflicts=len(report.conflicts),
    )
    return report


def _merge_row(
    session: Session,
    table: Table,
    values: dict[str, Any],
    remap: dict[str, dict[Any, Any]],
    report: MergeReport,
) -> None:
    for column in _PERSON_REFS.get(table.name, ()):
        values[column] = remap["persons"].get(values[column], values[column])
    for column in _STAFF_REFS.get(table.name, ()):
        values[column] = remap["staff"].get(values[column], values[column])
    pk = [c.name for c in table.primary_key.columns]
    existing = session.execute(select(table).where(*(table.c[c] == values[c] for c in pk))).first()
    if existing is not None:
        if table.name == "receipt_series":  # the office keeps the highest counter seen
            series = session.get(ReceiptSeries, values["series"])
            if series is not None and values["next_number"] > series.next_number:
                series.next_number = values["next_number"]
        report.unchanged += 1
        return
    clash = _natural_key_clash(session, table, values)
    if clash is not None:
        if table.name in remap:
            remap[table.name][values["id"]] = clash
            report.conflicts.append(_describe_clash(table.name, values))
            return
        report.conflicts.append(_describe_clash(table.name, values))
        return
    session.execute(table.insert().values(**values))
    if table.name == "persons":  # merged people are found by name like local ones
        index_name(session, values["id"], values["full_name"])
    report.added[table.name] = report.added.get(table.name, 0) + 1


def _natural_key_clash(session: Session, table: Table, values: dict[str, Any]) -> Any:
    """The id of a different row with the same identity number, staff name or receipt number."""
    if table.name == "persons" and values.get("personal_id"):
        return session.scalar(
            select(table.c.id).where(table.c.personal_id == values["personal_id"])
        )
    if table.name == "staff":
        return session.scalar(select(table.c.id).where(table.c.name == values["name"]))
    if table.name == "receipts":
        return session.scalar(
            select(table.c.id).where(
                table.c.series == values["series"], table.c.number == values["number"]
            )
        )
    if table.name == "kiosks":
        return session.scalar(
            select(table.c.id).where(table.c.receipt_series == values["receipt_series"])
        )
    if table.name == "payments":
        return session.scalar(
            select(table.c.id).where(table.c.idempotency_key == values["idempotency_key"])
        )
    return None


def _describe_clash(table: str, values: dict[str, Any]) -> str:
    if table == "persons":
        pid = str(values["personal_id"])
        return f"persons: identity number {pid[:3]}******{pid[-3:]} registered at two kiosks (kept one person)"
    if table == "staff":
        return f"staff: name {values['name']!r} exists with another id (kept the office's)"
    if table == "receipts":
        return (
            f"receipts: {values['series']}-{values['number']} exists with another id (not imported)"
        )
    return f"{table}: {values.get('id')} clashes with an existing record (not imported)"


def _check_key(
    session: Session, kiosk_id: str, public: str, require_known: bool, store: bool = False
) -> None:
    """The bundle must be signed by the key known for that kiosk (first key seen is kept)."""
    kiosk = session.get(Kiosk, kiosk_id)
    known = kiosk.public_key if kiosk is not None else None
    if known and known != public:
        raise KioskError(
            "bundle.unknown_key",
            vi=f"Gói dữ liệu không được ký bằng khóa của ki-ốt {kiosk_id}. Không nhập gì.",
            en=f"The bundle is not signed with kiosk {kiosk_id}'s key. Nothing imported.",
        )
    if not known and require_known and not store:
        raise KioskError(
            "bundle.unknown_key",
            vi=f"Chưa biết khóa của ki-ốt {kiosk_id}: đăng ký khóa trước khi nhập.",
            en=f"Kiosk {kiosk_id}'s key is not known here: register it before merging.",
        )
    if store and kiosk is not None and not known:
        kiosk.public_key = public


def _table(name: str) -> Table:
    return Base.metadata.tables[name]
