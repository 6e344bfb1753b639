"""The households' fiscal years and recorded support months travel in bundles under the same
ownership rules as visits: own rows merge once, foreign ones refuse the bundle, office rows stay."""

from __future__ import annotations

import copy
import uuid
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.domain.enums import Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.services.bundle import read_bundle
from kiosk.services.context import KioskContext
from kiosk.services.household_corrections import correct_member
from kiosk.services.household_year import household_year_view
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import (
    Household,
    HouseholdYear,
    HouseholdYearMember,
    VoluntarySupportRecord,
)
from tests.kiosk.services.bundlekit import (
    CTX02,
    KEY02,
    OFFICE,
    export,
    field_db,
    forge,
    merge,
    snapshot,
    trust,
)
from tests.support.factories import kiosk_context, make_person

__all__ = ["field_db"]  # the fixture, imported for pytest
NOON = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)
K02_NOON = KioskContext("K02", CTX02.event_id, "K02", clock=lambda: NOON)
BHYT12 = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)
NEW_TABLES = ("household_years", "household_year_members", "voluntary_support_records")


def household_day(db: Database) -> uuid.UUID:
    """At K02 a mother pays BHYT as the household's 2nd member (the attendee declares one paid
    at the commune), her child under 6 is covered; she declared 24 support months used."""
    mother = PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185000011")
    child = PersonDraft("Trần Gia Bảo", date(2022, 6, 1), Sex.MALE, "066222000012")
    with db.unit_of_work() as s:
        reg = register_visit(
            s,
            K02_NOON,
            [
                MemberRequest(mother, (BHYT12,)),
                MemberRequest(child, (), covered_reason="child_under_6"),
            ],
            declared_paid=1,
        )
        assert [(line.position, line.amount) for line in reg.quote.lines] == [
            (2, 956_340),
            (None, 0),
        ]
        s.add(VoluntarySupportRecord(person_id=reg.person_ids[0], months=24, note="VssID"))
        assert reg.household_year_id is not None
        return reg.household_year_id


def counts(db: Database) -> tuple[int, int, int]:
    """Rows of the three tables at the office."""
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(HouseholdYear)) or 0,
            s.scalar(select(func.count()).select_from(HouseholdYearMember)) or 0,
            s.scalar(select(func.count()).select_from(VoluntarySupportRecord)) or 0,
        )


def refused(db: Database, data: bytes, table: str) -> None:
    """Merging raises bundle.foreign_rows naming `table`, and no row of any table changes."""
    before = snapshot(db)
    with pytest.raises(KioskError) as err:
        merge(db, data)
    assert (err.value.code, err.value.params.get("table")) == ("bundle.foreign_rows", table)
    assert snapshot(db) == before


def resealed(payload: dict[str, Any], tables: dict[str, Any]) -> bytes:
    """K02's genuine payload with changed tables, signed by K02's own key (a kiosk that lies)."""
    return forge({**payload, "bundle_id": str(uuid.uuid4()), "tables": tables}, KEY02)


def test_own_household_year_travels_and_merging_twice_is_once(
    field_db: Database, db: Database
) -> None:
    """K02's record (origin K02), its three members (declared 1st, the mother 2nd, the covered
    child) and the support months merge with positions, reasons and sources as made; the same
    file again is a no-op and bundle 2 repeating the rows adds none of them."""
    record_id = household_day(field_db)
    first = export(field_db)
    payload = read_bundle(first, OFFICE)
    assert [len(payload["tables"][t]) for t in NEW_TABLES] == [1, 3, 1]
    assert payload["tables"]["household_years"][0]["origin_kiosk_id"] == "K02"
    trust(db)
    report = merge(db, first)
    assert {t: report.added.get(t) for t in NEW_TABLES} == {
        "household_years": 1,
        "household_year_members": 3,
        "voluntary_support_records": 1,
    }
    assert report.conflicts == []
    with db.read() as s:
        view = household_year_view(s, record_id)
        assert [
            (m.full_name, m.position, m.status, m.covered_reason, m.paid_source)
            for m in view.members
        ] == [
            ("", 1, "paying", None, "declared"),
            ("Nguyễn Thị Huyền", 2, "paying", None, "visit"),
            ("Trần Gia Bảo", None, "covered", "child_under_6", "visit"),
        ]
        assert view.next_position == 3
        assert s.scalar(select(VoluntarySupportRecord.months)) == 24
    before = snapshot(db)
    assert merge(db, first).already_merged
    assert snapshot(db) == before
    again = merge(db, export(field_db))
    assert not any(t in again.added for t in NEW_TABLES)
    assert counts(db) == (1, 3, 1)


def test_office_correction_is_kept_when_the_kiosk_sends_the_row_again(
    field_db: Database, db: Database
) -> None:
    """After the merge the office corrects the declared member to covered (a pensioner): the
    kiosk's next bundle brings the old row again; the office's correction stays and the
    difference is reported."""
    record_id = household_day(field_db)
    trust(db)
    merge(db, export(field_db))
    with db.unit_of_work() as s:
        declared = household_year_view(s, record_id).members[0]
        correct_member(
            s,
            kiosk_context(),
            declared.id,
            reason="Giấy tờ cho thấy đã hưởng lương hưu",
            staff_id=None,
            status="covered",
            covered_reason="pensioner",
        )
    report = merge(db, export(field_db))
    assert report.conflicts == [
        f"household_year_members: {declared.id} kept the data here, the bundle differs in "
        "status, position, covered_reason"
    ]
    with db.read() as s:
        kept = s.get(HouseholdYearMember, declared.id)
        assert kept is not None and (kept.status, kept.position) == ("covered", None)


def test_a_foreign_household_year_row_is_refused(field_db: Database, db: Database) -> None:
    """A record opened by the office (origin K01) that none of K02's members joins, or a member
    hanging off a visit that is not K02's, refuses the whole bundle."""
    household_day(field_db)
    payload = read_bundle(export(field_db), OFFICE)
    trust(db)
    tables = copy.deepcopy(payload["tables"])
    tables["household_years"].append(
        {**tables["household_years"][0], "id": str(uuid.uuid4()), "origin_kiosk_id": "K01"}
    )
    refused(db, resealed(payload, tables), "household_years")
    tables = copy.deepcopy(payload["tables"])
    member = next(m for m in tables["household_year_members"] if m["visit_id"])
    tables["household_year_members"].append(
        {**member, "id": str(uuid.uuid4()), "visit_id": str(uuid.uuid4()), "position": 9}
    )
    refused(db, resealed(payload, tables), "household_year_members")
    assert counts(db) == (0, 0, 0)


def test_the_office_decides_who_owns_a_record_and_a_person(
    field_db: Database, db: Database
) -> None:
    """The file cannot claim what the office holds as another's: support months for a person
    the office registered, or a declared member in a record the office knows as K01's, are
    refused even though the bundle's copy says origin K02."""
    record_id = household_day(field_db)
    payload = read_bundle(export(field_db), OFFICE)
    trust(db)
    with db.unit_of_work() as s:
        office_person = make_person(s, full_name="Lò Thị Xa", personal_id="066190000777").id
    tables = copy.deepcopy(payload["tables"])
    person_row = {**tables["persons"][0], "id": str(office_person), "origin_kiosk_id": "K02"}
    person_row["personal_id"] = "066190000777"
    tables["persons"].append(person_row)
    support = tables["voluntary_support_records"][0]
    tables["voluntary_support_records"].append(
        {**support, "id": str(uuid.uuid4()), "person_id": str(office_person)}
    )
    refused(db, resealed(payload, tables), "voluntary_support_records")
    record = payload["tables"]["household_years"][0]
    with db.unit_of_work() as s:  # the office holds this household's year as opened at K01
        household = uuid.UUID(record["household_id"])
        s.add(Household(id=household))
        s.flush()
        s.add(
            HouseholdYear(
                id=record_id, household_id=household, fiscal_year=2026, origin_kiosk_id="K01"
            )
        )
    refused(db, resealed(payload, copy.deepcopy(payload["tables"])), "household_years")


def test_a_household_year_opened_at_two_places_continues_the_office_record(
    field_db: Database, db: Database
) -> None:
    """The office opened the same household's 2026 record under another id: K02's record is
    not added (reported), and K02's members join the office's record at their positions."""
    household_day(field_db)
    payload = read_bundle(export(field_db), OFFICE)
    household = uuid.UUID(payload["tables"]["household_years"][0]["household_id"])
    with db.unit_of_work() as s:
        s.add(Household(id=household))
        s.flush()
        office_record = HouseholdYear(
            household_id=household, fiscal_year=2026, origin_kiosk_id="K01"
        )
        s.add(office_record)
        s.flush()
        office_id = office_record.id
    trust(db)
    report = merge(db, resealed(payload, copy.deepcopy(payload["tables"])))
    assert "household_years" not in report.added and report.added["household_year_members"] == 3
    assert any("opened at two places" in c for c in report.conflicts)
    with db.read() as s:
        view = household_year_view(s, office_id)
        assert [(m.position, m.status) for m in view.members] == [
            (1, "paying"),
            (2, "paying"),
            (None, "covered"),
        ]
