"""Retention removes personal data of old events and keeps every accounting figure."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from kiosk.services.retention import REDACTED_NAME, purge_personal_data
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, Event, Person, Visit
from tests.support.factories import kiosk_context, make_person, make_visit


def test_purge_keeps_totals_and_removes_identities(db: Database) -> None:
    """After the event ended, names, ids and phones are gone; totals and birth years stay; a
    dry run changes nothing."""
    ctx = kiosk_context()
    with db.unit_of_work() as s:
        visit = make_visit(s, ctx, amounts=(1_366_200, 956_340))
        enrollment = s.scalars(select(Enrollment)).first()
        assert enrollment is not None
        person = s.get(Person, enrollment.person_id)
        assert person is not None
        person.personal_id, person.phone = "066185000123", "0912345678"
        bystander = make_person(s, full_name="Trần Văn Bình", personal_id="066090000777").id
    with db.unit_of_work() as s:
        dry = purge_personal_data(s, ctx, date(2026, 12, 1))
    assert (dry.events, dry.people_anonymised, dry.dry_run) == (1, 2, True)
    with db.read() as s:
        assert s.scalar(select(func.count()).where(Person.personal_id.is_not(None))) == 2
    with db.unit_of_work() as s:
        done = purge_personal_data(s, ctx, date(2026, 12, 1), dry_run=False)
    assert done.people_anonymised == 2
    with db.read() as s:
        purged = s.get(Person, enrollment.person_id)
        assert purged is not None
        assert (purged.full_name, purged.personal_id, purged.phone) == (REDACTED_NAME, None, None)
        assert purged.birth_date == date(1985, 1, 1)
        assert s.get(Person, bystander).personal_id == "066090000777"  # type: ignore[union-attr]
        assert s.scalar(select(Visit.total).where(Visit.id == visit.id)) == 2_322_540
        assert s.scalar(select(func.sum(Enrollment.amount))) == 2_322_540


def test_recent_event_is_untouched(db: Database) -> None:
    """People of an event that has not ended before the cut-off keep their data."""
    ctx = kiosk_context()
    with db.unit_of_work() as s:
        make_visit(s, ctx)
        ends = s.scalar(select(Event.ends_on))
    assert ends is not None
    with db.unit_of_work() as s:
        report = purge_personal_data(s, ctx, ends, dry_run=False)
    assert (report.events, report.people_anonymised) == (0, 0)


def test_cli_dry_run_then_apply(capsys: pytest.CaptureFixture[str]) -> None:
    """The command shows what it would remove, and removes only with --apply."""
    from kiosk.cli import main

    assert main(["init"]) == 0
    assert main(["retention", "--ended-before", "2027-01-01"]) == 0
    assert "Sẽ xóa (thêm --apply để xóa thật): 0 người" in capsys.readouterr().out
    assert main(["retention", "--ended-before", "2027-01-01", "--apply"]) == 0
    assert "Đã xóa: 0 người" in capsys.readouterr().out
    assert main(["--lang", "en", "retention", "--ended-before", "01/01/2027"]) == 2
