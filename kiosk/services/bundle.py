"""Export bundles of a kiosk's own records (signed, encrypted to the office) and their merge.

The merge trusts nothing in the file: it must decrypt with the office's key, be signed by the
key the office pinned for that kiosk, be newer than the last bundle merged from it, and hold only
rows that kiosk owns (kiosk.services.bundle_owner). It only ever inserts: a row already here
(of this kiosk, another kiosk or the office) is never overwritten; a difference is reported.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import Table, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.config import Config
from kiosk.domain.enums import Role
from kiosk.domain.keys import office_public_from_text, office_public_text
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.bundle_clash import (
    compare_person,
    compare_year_member,
    describe_person,
    natural_clash,
    person_clash,
    year_clash,
)
from kiosk.services.bundle_codec import (
    FORMAT,
    bundle_error,
    open_bundle,
    row_from_json,
    row_to_json,
    seal_bundle,
)
from kiosk.services.bundle_owner import (
    PERSON_REFS,
    TABLES,
    check_ownership,
    check_stored_owners,
    missing_references,
    owned_queries,
    referenced_staff,
)
from kiosk.services.bundle_trust import check_order, check_sender, mark_merged
from kiosk.services.context import KioskContext
from kiosk.services.search import index_name
from kiosk.services.staff_roles import MERGED_PIN_HASH, require_supervisor_once_staffed
from kiosk.store.models import AuditEntry, Base, ImportedBundle, Kiosk, ReceiptSeries, Staff
from kiosk.store.models.ops import BundleExport

# Per table, column -> the table whose rows the merge may replace by the office's own.
REMAPPED = {name: dict.fromkeys(columns, "persons") for name, columns in PERSON_REFS.items()} | {
    "household_year_members": {"person_id": "persons", "household_year_id": "household_years"}
}


@dataclass
class MergeReport:
    """What a merge did: rows added per table, rows already there, and conflicts found."""

    bundle_id: str
    kiosk_id: str
    sequence: int = 0
    already_merged: bool = False
    added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)


def export_bundle(
    session: Session, ctx: KioskContext, key: Ed25519PrivateKey, office: X25519PublicKey
) -> bytes:
    """This kiosk's own records, numbered, signed with its key and sealed to the office's key."""
    tables: dict[str, list[dict[str, Any]]] = {}
    queries = owned_queries(ctx.kiosk_id)
    for name in TABLES:
        if name == "staff":
            continue
        table = _table(name)
        tables[name] = [row_to_json(table, row) for row in session.execute(queries[name])]
    staff_ids = [uuid.UUID(str(i)) for i in referenced_staff(tables)]
    staff = _table("staff")
    tables["staff"] = [
        row_to_json(staff, row)
        for row in session.execute(select(staff).where(staff.c.id.in_(staff_ids)))
    ]
    last = session.scalar(
        select(func.max(BundleExport.sequence)).where(BundleExport.kiosk_id == ctx.kiosk_id)
    )
    sequence = (last or 0) + 1
    bundle_id = uuid.uuid4()
    session.add(
        BundleExport(id=bundle_id, kiosk_id=ctx.kiosk_id, sequence=sequence, created_at=ctx.now())
    )
    session.flush()  # a concurrent export with the same number fails here, not later
    payload = {
        "format": FORMAT,
        "bundle_id": str(bundle_id),
        "kiosk_id": ctx.kiosk_id,
        "sequence": sequence,
        "office_key": office_public_text(office),
        "created_at": ctx.now().isoformat(),
        "tables": tables,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    audit.record(
        session,
        ctx.kiosk_id,
        "bundle.exported",
        entity="bundle",
        entity_id=bundle_id,
        sequence=sequence,
        rows=sum(len(v) for v in tables.values()),
    )
    return seal_bundle(text, ctx.kiosk_id, key, office)


def last_export_rows(session: Session, kiosk_id: str) -> int:
    """How many records this kiosk's newest bundle carries (from its audit entry: the file
    itself is encrypted to the office and cannot be read here)."""
    detail = session.scalar(
        select(AuditEntry.detail)
        .where(AuditEntry.action == "bundle.exported", AuditEntry.kiosk_id == kiosk_id)
        .order_by(AuditEntry.at.desc())
        .limit(1)
    )
    return int((detail or {}).get("rows", 0))


def office_public_key(config: Config) -> X25519PublicKey:
    """The office key bundles are sealed to, from the configuration; a clear error without it."""
    if not config.office_public_key:
        raise KioskError(
            "bundle.no_office_key",
            vi="Cấu hình chưa có khóa công khai của văn phòng ([office] public_key): không thể "
            "mã hóa gói dữ liệu. Lấy khóa bằng “python -m kiosk office-key” tại văn phòng.",
            en="The configuration has no office public key ([office] public_key): the bundle "
            "cannot be encrypted. Get it with “python -m kiosk office-key” at the office.",
        )
    return office_public_from_text(config.office_public_key)


def read_bundle(data: bytes, office: X25519PrivateKey) -> dict[str, Any]:
    """Decrypt and parse a bundle WITHOUT checking who signed it (for inspection and tests)."""
    return _payload(open_bundle(data, office).payload_text, office)


def merge_bundle(
    session: Session,
    ctx: KioskContext,
    data: bytes,
    office: X25519PrivateKey,
    *,
    trust_first_use: bool = False,
    by: uuid.UUID | None = None,
) -> MergeReport:
    """Import a kiosk's bundle (a supervisor's action, `by`, once the office has accounts);
    each refusal raises before anything is written."""
    require_supervisor_once_staffed(session, by)
    opened = open_bundle(data, office)
    trusted = check_sender(session, ctx, opened, trust_first_use=trust_first_use)
    payload = _payload(opened.payload_text, office)
    kiosk_id = opened.kiosk_id
    if payload.get("kiosk_id") != kiosk_id:
        raise bundle_error("kiosk id differs inside")
    try:
        bundle_uuid = uuid.UUID(str(payload.get("bundle_id")))
    except ValueError:
        raise bundle_error("bundle_id") from None
    sequence = payload.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        raise bundle_error("sequence")
    report = MergeReport(bundle_id=str(bundle_uuid), kiosk_id=kiosk_id, sequence=sequence)
    digest = hashlib.sha256(opened.payload_text.encode("utf-8")).hexdigest()
    done = session.get(ImportedBundle, bundle_uuid)
    if done is not None and (done.kiosk_id != kiosk_id or done.digest != digest):
        raise bundle_error("a bundle with this id but other content was merged before")
    if done is not None and trusted.last_bundle_id == bundle_uuid:
        report.already_merged = True  # the newest file again: nothing to do
        return report
    check_order(trusted, sequence)
    rows = _parse_tables(payload["tables"])
    series = _kiosk_series(session, kiosk_id, rows)
    check_ownership(kiosk_id, series, rows)
    check_stored_owners(session, kiosk_id, rows)
    try:
        with session.begin_nested():
            _insert_all(session, kiosk_id, trusted.public_key, series, rows, report)
    except IntegrityError as exc:
        raise bundle_error(f"clash while inserting: {type(exc.orig).__name__}") from None
    mark_merged(session, trusted, sequence, bundle_uuid)
    session.add(
        ImportedBundle(
            id=bundle_uuid,
            kiosk_id=kiosk_id,
            digest=digest,
            summary={"sequence": sequence, "added": report.added, "conflicts": report.conflicts},
        )
    )
    audit.record(
        session,
        ctx.kiosk_id,
        "bundle.merged",
        entity="bundle",
        entity_id=bundle_uuid,
        source_kiosk=kiosk_id,
        staff_id=by,
        sequence=sequence,
        added=sum(report.added.values()),
        conflicts=len(report.conflicts),
    )
    return report


def _payload(text: str, office: X25519PrivateKey) -> dict[str, Any]:
    try:
        payload = json.loads(text)
    except ValueError:
        raise bundle_error("payload is not JSON") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise bundle_error("unknown payload format")  # also a format-1 payload re-wrapped
    if payload.get("office_key") != office_public_text(office):
        raise bundle_error("made for another office")
    if not isinstance(payload.get("tables"), dict):
        raise bundle_error("tables missing")
    return payload


def _parse_tables(raw: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    unknown = set(raw) - set(TABLES)
    if unknown:
        raise bundle_error(f"unknown tables {sorted(unknown)}")
    rows: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        items = raw.get(name, [])
        if not isinstance(items, list):
            raise bundle_error(f"{name} is not a list")
        rows[name] = [row_from_json(_table(name), item) for item in items]
    return rows


def _kiosk_series(session: Session, kiosk_id: str, rows: dict[str, list[dict[str, Any]]]) -> str:
    """The kiosk's receipt series: the office's record wins; another kiosk's series is refused."""
    claimed = rows["kiosks"][0]["receipt_series"] if len(rows["kiosks"]) == 1 else ""
    known = session.get(Kiosk, kiosk_id)
    if known is not None and known.receipt_series != claimed:
        raise _series_error(kiosk_id, claimed, known.receipt_series)
    owner = session.scalar(select(ReceiptSeries.kiosk_id).where(ReceiptSeries.series == claimed))
    holder = session.scalar(select(Kiosk.id).where(Kiosk.receipt_series == claimed))
    for other in (owner, holder):
        if other is not None and other != kiosk_id:
            raise _series_error(kiosk_id, claimed, f"{claimed} ({other})")
    return str(claimed)


def _insert_all(
    session: Session,
    kiosk_id: str,
    public_key: str,
    series: str,
    rows: dict[str, list[dict[str, Any]]],
    report: MergeReport,
) -> None:
    incoming = {name: {r["id"] for r in rows[name] if "id" in r} for name in TABLES}
    incoming["kiosks"] = {kiosk_id}
    incoming["receipt_series"] = {series}
    remap: dict[str, dict[Any, Any]] = {"persons": {}, "household_years": {}}
    for name in TABLES:
        table = _table(name)
        if name == "voluntary_support_records":
            rows[name] = _own_support_months(rows[name], remap["persons"], report)
        for values in rows[name]:
            for column, target in REMAPPED.get(name, {}).items():
                values[column] = remap[target].get(values[column], values[column])
        missing = missing_references(session, table, rows[name], incoming)
        if missing:
            raise bundle_error(f"references to unknown records: {', '.join(missing[:3])}")
        for values in rows[name]:
            _merge_row(session, table, kiosk_id, public_key, values, remap, report)
        session.flush()
    _advance_series(session, series, rows["receipts"])


def _merge_row(
    session: Session,
    table: Table,
    kiosk_id: str,
    public_key: str,
    values: dict[str, Any],
    remap: dict[str, dict[Any, Any]],
    report: MergeReport,
) -> None:
    name = table.name
    if name == "receipt_series":
        values["next_number"] = 1  # the counter is set from the receipts, never from the file
    pk = [c.name for c in table.primary_key.columns]
    existing = session.execute(select(table).where(*(table.c[c] == values[c] for c in pk))).first()
    if existing is not None:
        compare = {"persons": compare_person, "household_year_members": compare_year_member}
        if name in compare and (conflict := compare[name](existing, values)) is not None:
            report.conflicts.append(conflict)
        report.unchanged += 1
        return
    if name == "persons":
        clash = person_clash(session, values)
        if clash is not None:
            remap["persons"][values["id"]] = clash
            report.conflicts.append(describe_person(values, "registered at two places"))
            return
        values["origin_kiosk_id"] = kiosk_id
    if name == "household_years":
        clash = year_clash(session, values)
        if clash is not None:  # the household's year was opened here too: continue that one
            remap["household_years"][values["id"]] = clash
            report.conflicts.append(
                f"household_years: {values['id']} opened at two places; its members join the "
                "record here"
            )
            return
        # Shared like people: a record first learnt from this bundle is its kiosk's here.
        values["origin_kiosk_id"] = kiosk_id
    if name == "staff":
        values = _staff_stub(session, kiosk_id, values)
    if name == "kiosks":
        values["public_key"] = public_key  # the pinned key, not whatever the file says
    clash_text = natural_clash(session, table, values)
    if clash_text is not None:
        report.conflicts.append(clash_text)
        return
    session.execute(table.insert().values(**values))
    if name == "persons":  # merged people are found by name like local ones
        index_name(session, values["id"], values["full_name"])
    report.added[name] = report.added.get(name, 0) + 1


def _staff_stub(session: Session, kiosk_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """A name to show on merged records: inactive, plain staff, no usable PIN."""
    name = f"{values['name']} [{kiosk_id}]"[:120]
    if session.scalar(select(Staff.id).where(Staff.name == name)) is not None:
        name = f"{name[:110]} {str(values['id'])[:8]}"
    return {
        "id": values["id"],
        "name": name,
        "role": Role.STAFF,
        "pin_hash": MERGED_PIN_HASH,
        "active": False,
        "failed_attempts": 0,
        "locked_until": None,
    }


def _own_support_months(
    rows: list[dict[str, Any]], persons: dict[Any, Any], report: MergeReport
) -> list[dict[str, Any]]:
    """Support months of a person the office already had under another id are not added to
    the office's person: what the office knows of that person stays as it is; reported."""
    kept = []
    for values in rows:
        if values["person_id"] in persons:
            report.conflicts.append(
                f"voluntary_support_records: {values['id']} is about a person registered at two "
                "places (not imported; check the support months at the office)"
            )
        else:
            kept.append(values)
    return kept


def _advance_series(session: Session, series: str, receipts: list[dict[str, Any]]) -> None:
    """The kiosk's own counter at the office follows the receipts really merged, nothing else."""
    row = session.get(ReceiptSeries, series)
    if row is None:
        return
    highest = session.scalar(
        select(func.max(_table("receipts").c.number)).where(_table("receipts").c.series == series)
    )
    row.next_number = max(row.next_number, (highest or 0) + 1)


def _series_error(kiosk_id: str, claimed: str, known: str) -> KioskError:
    return KioskError(
        "bundle.series_mismatch",
        vi=f"Gói của ki-ốt {kiosk_id} dùng sê-ri biên lai “{claimed}”, nhưng sê-ri ở đây là "
        f"“{known}”. Không nhập gì.",
        en=f"Kiosk {kiosk_id}'s bundle uses receipt series “{claimed}”, but here it is "
        f"“{known}”. Nothing imported.",
        kiosk_id=kiosk_id,
    )


def _table(name: str) -> Table:
    return Base.metadata.tables[name]
