"""Storing VSS's card records: attached only to people registered here, all rows or none, a
second import of the same file changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.domain.enums import IssuanceKind, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.services.official_import import import_official_file
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import IssuanceRecord
from resources import resource_path
from tests.support.factories import kiosk_context

SAMPLE = resource_path("sample", "official_records_sample.csv")
HUYEN = PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185012345")
DUC = PersonDraft("Trần Văn Đức", date(1982, 9, 2), Sex.MALE, "066082004567")


def register(db: Database, *people: PersonDraft) -> None:
    """Register these people for household health insurance (not paid: cards attach anyway)."""
    with db.unit_of_work() as s:
        choice = (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),)
        register_visit(s, kiosk_context(), [MemberRequest(p, choice) for p in people])


def test_records_attach_to_registered_people_once(db: Database) -> None:
    """Both rows become official records with the QR verbatim and the dates read; importing
    the same file again adds nothing."""
    register(db, HUYEN, DUC)
    with db.unit_of_work() as s:
        summary = import_official_file(s, kiosk_context(), SAMPLE)
    assert (summary.rows, summary.imported, summary.unchanged) == (2, 2, 0)
    with db.read() as s:
        stored = s.scalars(select(IssuanceRecord).order_by(IssuanceRecord.card_code)).all()
        assert [(r.card_code, r.kind) for r in stored] == [
            ("0166012345", IssuanceKind.OFFICIAL),
            ("GD4666698765432", IssuanceKind.OFFICIAL),
        ]
        assert stored[0].valid_from == date(2026, 12, 25) and stored[0].valid_to is None
        assert stored[0].qr_payload.endswith(
            "|4|42e1baa36f206869e1bb836d2078c3a32068e1bb99692074e1bb896e6820c490e1baaf6b204ce1baaf6b|$"
        )
        assert stored[0].source_file == "official_records_sample.csv"
    with db.unit_of_work() as s:
        again = import_official_file(s, kiosk_context(), SAMPLE)
    assert (again.imported, again.unchanged) == (0, 2)


def test_a_person_not_registered_refuses_the_whole_file(db: Database, tmp_path: Path) -> None:
    """One row for someone the kiosk does not know: import.rows_invalid naming the row, and
    not even the good row is stored."""
    register(db, HUYEN)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        import_official_file(s, kiosk_context(), SAMPLE)
    assert err.value.code == "import.rows_invalid"
    assert [(e.row, e.column) for e in err.value.params["errors"]] == [(3, "personal_id")]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(IssuanceRecord)) == 0
