"""What a kiosk owns: the rows its bundle may carry, chosen on export and enforced on merge.

A kiosk owns its kiosk row, its receipt series, and every row with its kiosk id (visits,
payments, receipts, shifts, print jobs, campaign taps, audit entries), with what hangs off them
(enrollments of its visits, cash movements of its shifts, issuance records of its enrollments).
Of the households' fiscal years it owns the records it opened (`origin_kiosk_id`), the members
its visits added, and the members declared without a visit in a record it opened; of recorded
support months, those of the people it registered first (`persons.origin_kiosk_id`).
People, households, events and the year records its members join are shared: a bundle may
bring the ones its own rows reference, insert-only. Staff travel as a name only. Anything else
in a bundle refuses the whole bundle.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, Table, select, union
from sqlalchemy.orm import Session

from kiosk.errors import KioskError
from kiosk.store.models import (
    AuditEntry,
    CampaignActivity,
    CashMovement,
    Enrollment,
    Event,
    Household,
    HouseholdMember,
    HouseholdYear,
    HouseholdYearMember,
    IssuanceRecord,
    Kiosk,
    Payment,
    PrintJob,
    Receipt,
    ReceiptSeries,
    Shift,
    Visit,
    VoluntarySupportRecord,
)

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
    "household_years",
    "household_year_members",
    "voluntary_support_records",
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
# Tables whose every row names its kiosk in `kiosk_id`.
KIOSK_COLUMN = (
    "visits",
    "shifts",
    "payments",
    "receipt_series",
    "receipts",
    "print_jobs",
    "campaign_activities",
    "audit_entries",
)
# Every column that names a staff member, per table.
STAFF_REFS = {
    "visits": ("staff_id",),
    "shifts": ("staff_id", "closed_by"),
    "cash_movements": ("staff_id",),
    "payments": ("staff_id", "confirmed_by"),
    "receipts": ("staff_id", "voided_by"),
    "print_jobs": ("requested_by", "authorized_by"),
    "campaign_activities": ("staff_id",),
    "household_year_members": ("staff_id",),
    "voluntary_support_records": ("staff_id",),
}
PERSON_REFS = {
    "households": ("head_person_id",),
    "household_members": ("person_id",),
    "enrollments": ("person_id",),
    "issuance_records": ("person_id",),
    "campaign_activities": ("person_id",),
    "household_year_members": ("person_id",),
    "voluntary_support_records": ("person_id",),
}


def owned_queries(kiosk_id: str) -> dict[str, Select[Any]]:
    """For each table, the SELECT of the rows `kiosk_id` owns or references (export side)."""
    visits = select(Visit.id).where(Visit.kiosk_id == kiosk_id)
    enrollments = select(Enrollment.id).where(Enrollment.visit_id.in_(visits))
    year = HouseholdYear.__table__.c
    member = HouseholdYearMember.__table__.c
    opened = select(year.id).where(year.origin_kiosk_id == kiosk_id)
    own_member = member.visit_id.in_(visits) | (
        member.visit_id.is_(None) & member.household_year_id.in_(opened)
    )
    years = union(opened, select(member.household_year_id).where(member.visit_id.in_(visits)))
    households: Any = union(
        select(Enrollment.household_id).where(
            Enrollment.visit_id.in_(visits), Enrollment.household_id.is_not(None)
        ),
        select(year.household_id).where(year.id.in_(years)),
    )
    shifts = select(Shift.id).where(Shift.kiosk_id == kiosk_id)
    person = _table(Enrollment, "persons")
    own_people = select(person.c.id).where(person.c.origin_kiosk_id == kiosk_id)
    people: Any = union(
        select(Enrollment.person_id).where(Enrollment.visit_id.in_(visits)),
        select(member.person_id).where(own_member, member.person_id.is_not(None)),
        select(VoluntarySupportRecord.person_id).where(
            VoluntarySupportRecord.person_id.in_(own_people)
        ),
        select(HouseholdMember.person_id).where(HouseholdMember.household_id.in_(households)),
        select(Household.head_person_id).where(Household.id.in_(households)),
        select(IssuanceRecord.person_id).where(IssuanceRecord.enrollment_id.in_(enrollments)),
        select(CampaignActivity.person_id).where(CampaignActivity.kiosk_id == kiosk_id),
    )
    events: Any = union(
        select(Kiosk.event_id).where(Kiosk.id == kiosk_id),
        select(Visit.event_id).where(Visit.kiosk_id == kiosk_id),
        select(CampaignActivity.event_id).where(CampaignActivity.kiosk_id == kiosk_id),
    )
    by_kiosk = {
        "visits": Visit,
        "shifts": Shift,
        "payments": Payment,
        "receipt_series": ReceiptSeries,
        "receipts": Receipt,
        "print_jobs": PrintJob,
        "campaign_activities": CampaignActivity,
        "audit_entries": AuditEntry,
    }
    queries: dict[str, Select[Any]] = {
        name: select(model.__table__).where(model.__table__.c.kiosk_id == kiosk_id)
        for name, model in by_kiosk.items()
    }
    queries["kiosks"] = select(Kiosk.__table__).where(Kiosk.id == kiosk_id)
    queries["events"] = select(Event.__table__).where(Event.id.in_(events))
    queries["enrollments"] = select(Enrollment.__table__).where(Enrollment.visit_id.in_(visits))
    queries["households"] = select(Household.__table__).where(Household.id.in_(households))
    queries["household_members"] = select(HouseholdMember.__table__).where(
        HouseholdMember.household_id.in_(households)
    )
    queries["issuance_records"] = select(IssuanceRecord.__table__).where(
        IssuanceRecord.enrollment_id.in_(enrollments)
    )
    queries["cash_movements"] = select(CashMovement.__table__).where(
        CashMovement.shift_id.in_(shifts)
    )
    queries["household_years"] = select(HouseholdYear.__table__).where(year.id.in_(years))
    queries["household_year_members"] = select(HouseholdYearMember.__table__).where(own_member)
    queries["voluntary_support_records"] = select(VoluntarySupportRecord.__table__).where(
        VoluntarySupportRecord.person_id.in_(own_people)
    )
    queries["persons"] = select(person).where(person.c.id.in_(people))
    return queries


def referenced_staff(tables: dict[str, list[dict[str, Any]]]) -> set[Any]:
    """The staff ids named by the rows about to be exported."""
    found: set[Any] = set()
    for name, columns in STAFF_REFS.items():
        for row in tables.get(name, []):
            found.update(row[c] for c in columns if row.get(c) is not None)
    return found


def check_ownership(kiosk_id: str, series: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Refuse the bundle if any row is not `kiosk_id`'s own or referenced by its own rows.

    `series` is the kiosk's receipt series (as the office knows it, or as its kiosk row says).
    """
    kiosks = rows.get("kiosks", [])
    if len(kiosks) != 1 or kiosks[0]["id"] != kiosk_id:
        _foreign("kiosks", [str(k.get("id")) for k in kiosks if k.get("id") != kiosk_id] or ["—"])
    for name in KIOSK_COLUMN:
        _only(name, rows, lambda r: r["kiosk_id"] == kiosk_id)
    _only("receipt_series", rows, lambda r: r["series"] == series)
    _only("receipts", rows, lambda r: r["series"] == series)
    visits = _ids(rows, "visits")
    _only("enrollments", rows, lambda r: r["visit_id"] in visits)
    _only("payments", rows, lambda r: r["visit_id"] in visits)
    _only("receipts", rows, lambda r: r["visit_id"] in visits)
    shifts = _ids(rows, "shifts")
    _only("cash_movements", rows, lambda r: r["shift_id"] in shifts)
    enrollments = {r["id"]: r for r in rows.get("enrollments", [])}
    _only(
        "issuance_records",
        rows,
        lambda r: (
            r["enrollment_id"] in enrollments
            and enrollments[r["enrollment_id"]]["person_id"] == r["person_id"]
        ),
    )
    _check_household_years(kiosk_id, visits, rows)
    households = {r["household_id"] for r in enrollments.values() if r["household_id"]}
    households |= {r["household_id"] for r in rows.get("household_years", [])}
    _only("households", rows, lambda r: r["id"] in households)
    _only("household_members", rows, lambda r: r["household_id"] in households)
    people = {
        row[column]
        for name, columns in PERSON_REFS.items()
        for row in rows.get(name, [])
        for column in columns
        if row.get(column) is not None
    }
    _only("persons", rows, lambda r: r["id"] in people)
    events = {
        r["event_id"]
        for name in ("kiosks", "visits", "campaign_activities")
        for r in rows.get(name, [])
        if r.get("event_id") is not None
    }
    _only("events", rows, lambda r: r["id"] in events)
    staff = referenced_staff(rows)
    _only("staff", rows, lambda r: r["id"] in staff)


def _check_household_years(
    kiosk_id: str, visits: set[Any], rows: dict[str, list[dict[str, Any]]]
) -> None:
    """Year records the kiosk opened or its visits' members join; members of its visits, or
    declared (no visit) in a record it opened; support months of the people it registered."""
    opened = {r["id"] for r in rows.get("household_years", []) if r["origin_kiosk_id"] == kiosk_id}
    _only(
        "household_year_members",
        rows,
        lambda r: (
            r["visit_id"] in visits
            if r["visit_id"] is not None
            else r["household_year_id"] in opened
        ),
    )
    joined = {r["household_year_id"] for r in rows.get("household_year_members", [])}
    _only("household_years", rows, lambda r: r["id"] in opened or r["id"] in joined)
    own_people = {r["id"] for r in rows.get("persons", []) if r["origin_kiosk_id"] == kiosk_id}
    _only("voluntary_support_records", rows, lambda r: r["person_id"] in own_people)


def check_stored_owners(
    session: Session, kiosk_id: str, rows: dict[str, list[dict[str, Any]]]
) -> None:
    """What the office already holds decides ownership, not what the file claims: a record
    opened elsewhere takes no declared member from this kiosk, and a person first registered
    elsewhere no support months (a forged origin in the file changes neither)."""
    declared_in = {
        r["household_year_id"]
        for r in rows.get("household_year_members", [])
        if r["visit_id"] is None
    }
    supported = {r["person_id"] for r in rows.get("voluntary_support_records", [])}
    year = HouseholdYear.__table__.c
    foreign_years = _stored_elsewhere(session, year.id, year.origin_kiosk_id, declared_in, kiosk_id)
    if foreign_years:
        _foreign("household_years", foreign_years)
    person = _table(Enrollment, "persons").c
    foreign_people = _stored_elsewhere(
        session, person.id, person.origin_kiosk_id, supported, kiosk_id
    )
    if foreign_people:
        _foreign("voluntary_support_records", foreign_people)


def _stored_elsewhere(
    session: Session, key: Any, origin: Any, ids: set[Any], kiosk_id: str
) -> list[str]:
    found: list[str] = []
    chunk = list(ids)
    for start in range(0, len(chunk), 500):
        part = chunk[start : start + 500]
        found += [
            str(i)
            for i in session.scalars(
                select(key).where(key.in_(part), (origin != kiosk_id) | origin.is_(None))
            )
        ]
    return found


def missing_references(
    session: Session, table: Table, rows: Iterable[dict[str, Any]], incoming: dict[str, set[Any]]
) -> list[str]:
    """Foreign keys of `rows` that point neither into the bundle nor at a row already here."""
    wanted: dict[tuple[str, str], set[Any]] = {}
    for fk in table.foreign_keys:
        target = fk.column.table.name
        for row in rows:
            value = row.get(fk.parent.name)
            if value is not None and value not in incoming.get(target, set()):
                wanted.setdefault((target, fk.column.name), set()).add(value)
    missing: list[str] = []
    for (target, column), values in wanted.items():
        target_table = table.metadata.tables[target]
        found: set[Any] = set()
        chunk = list(values)
        for start in range(0, len(chunk), 500):
            part = chunk[start : start + 500]
            found.update(
                session.scalars(
                    select(target_table.c[column]).where(target_table.c[column].in_(part))
                )
            )
        missing.extend(f"{table.name} → {target} {value}" for value in values - found)
    return missing


def _only(name: str, rows: dict[str, list[dict[str, Any]]], allowed: Any) -> None:
    bad = [r for r in rows.get(name, []) if not allowed(r)]
    if bad:
        _foreign(name, [str(r.get("id", r.get("series", "?"))) for r in bad])


def _ids(rows: dict[str, list[dict[str, Any]]], name: str) -> set[Any]:
    return {r["id"] for r in rows.get(name, [])}


def _foreign(table: str, ids: list[str]) -> None:
    shown = ", ".join(ids[:3]) + (f" (+{len(ids) - 3})" if len(ids) > 3 else "")
    raise KioskError(
        "bundle.foreign_rows",
        vi=f"Gói dữ liệu chứa bản ghi không thuộc ki-ốt đã ký gói ({table}: {shown}). "
        "Không nhập gì.",
        en=f"The bundle holds records that do not belong to the kiosk that signed it "
        f"({table}: {shown}). Nothing imported.",
        table=table,
        count=len(ids),
    )


def _table(model: Any, name: str) -> Table:
    table: Table = model.metadata.tables[name]
    return table
