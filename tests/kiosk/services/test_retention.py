"""Retention removes personal data of old events and keeps every accounting figure."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from kiosk.domain.enums import DocumentKind, IssuanceKind, PrinterRole, PrintStatus
from kiosk.domain.localtime import UTC
from kiosk.domain.provisional import sign_provisional
from kiosk.services.issuance import ensure_card_record
from kiosk.services.official_import import import_official_file
from kiosk.services.retention import REDACTED_NAME, purge_old_files, purge_personal_data
from kiosk.store.db import Database
from kiosk.store.models import (
    Enrollment,
    Event,
    Household,
    HouseholdYearMember,
    IssuanceRecord,
    Person,
    PrintJob,
    Visit,
)
from resources import resource_path
from tests.support.factories import kiosk_context, make_person, make_visit
from tests.support.paid import NOON_VN, fixed_ctx, paid_household

KEY = Ed25519PrivateKey.generate()
ADDRESS = "Thôn 3, xã Hòa Phú, tỉnh Đắk Lắk"
TICKET = {"vietqr_payload": "00020101021238570010A000000727 Nguyen Thi Huyen 066185012345"}


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


def _ticket_job(db: Database, status: PrintStatus, created: datetime) -> PrintJob:
    """A queue-ticket print job with parameters, in `status`, made at `created`."""
    with db.unit_of_work() as s:
        job = PrintJob(
            kind=DocumentKind.QUEUE_TICKET,
            printer_role=PrinterRole.RECEIPT,
            status=status,
            kiosk_id="K01",
            params_json=dict(TICKET),
            created_at=created,
        )
        s.add(job)
        s.flush()
        s.expunge(job)
        return job


def test_purge_wipes_addresses_card_codes_qr_payloads_and_print_parameters(db: Database) -> None:
    """Huyền and Đức (one household, paid at the 25/11/2026 event) with addresses, the
    kiosk's two signed confirmations and VSS's two imported cards, and print jobs with
    parameters. Purging before 01/12/2026 (a dry run first, which changes nothing): both
    people's and their household's addresses are "", so are their names in the household's
    fiscal-year record, all four card records lose QR payload,
    card code and issuing place, and the finished job made before the cut-off loses its
    parameters; a job made after it and one still waiting keep theirs."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    with db.unit_of_work() as s:
        people = list(s.scalars(select(Person)))
        for person in people:
            person.address = ADDRESS
        for household in s.scalars(select(Household)):
            household.address = ADDRESS
        for enrollment_id in paid.enrollment_ids:
            ensure_card_record(
                s, ctx, enrollment_id, lambda f: sign_provisional(f, KEY, "K01"), "BHXH Đắk Lắk"
            )
        import_official_file(s, ctx, resource_path("sample", "official_records_sample.csv"))
    old_done = _ticket_job(db, PrintStatus.DONE, NOON_VN)
    old_waiting = _ticket_job(db, PrintStatus.QUEUED, NOON_VN)
    recent_done = _ticket_job(db, PrintStatus.DONE, datetime(2026, 12, 1, 0, 0, tzinfo=UTC))
    with db.read() as s:
        cards = s.execute(
            select(IssuanceRecord.kind, IssuanceRecord.card_code).order_by(IssuanceRecord.kind)
        ).all()
        assert sorted((k.value, c) for k, c in cards) == [
            ("official", "0166012345"),
            ("official", "GD4666698765432"),
            ("provisional", ""),
            ("provisional", ""),
        ]
        assert all(s.scalars(select(IssuanceRecord.qr_payload)))
        assert s.scalar(select(func.count()).select_from(Household)) == 1
        assert sorted(s.scalars(select(HouseholdYearMember.full_name))) == [
            "Nguyễn Thị Huyền",
            "Trần Văn Đức",
        ]
    cut = date(2026, 12, 1)
    with db.unit_of_work() as s:
        dry = purge_personal_data(s, ctx, cut)
    assert (dry.people_anonymised, dry.households_cleared, dry.cards_cleared) == (2, 1, 4)
    assert (dry.print_jobs_cleared, dry.dry_run) == (1, True)
    with db.read() as s:
        assert set(s.scalars(select(Household.address))) == {ADDRESS}
        assert s.get_one(PrintJob, old_done.id).params_json == TICKET
    with db.unit_of_work() as s:
        done = purge_personal_data(s, ctx, cut, dry_run=False, by=paid.supervisor)
    assert (done.people_anonymised, done.households_cleared, done.cards_cleared) == (2, 1, 4)
    assert done.print_jobs_cleared == 1
    with db.read() as s:
        assert [(p.full_name, p.address) for p in s.scalars(select(Person))] == [
            (REDACTED_NAME, ""),
            (REDACTED_NAME, ""),
        ]
        assert list(s.scalars(select(Household.address))) == [""]
        # the household's fiscal-year record held copies of their names
        assert [
            tuple(r)
            for r in s.execute(select(HouseholdYearMember.full_name, HouseholdYearMember.note))
        ] == [
            (REDACTED_NAME, ""),
            (REDACTED_NAME, ""),
        ]
        wiped = s.execute(
            select(
                IssuanceRecord.qr_payload, IssuanceRecord.card_code, IssuanceRecord.issuing_place
            )
        ).all()
        assert [tuple(row) for row in wiped] == [("", "", "")] * 4
        assert sorted(k.value for k in s.scalars(select(IssuanceRecord.kind))) == [
            IssuanceKind.OFFICIAL.value,
            IssuanceKind.OFFICIAL.value,
            IssuanceKind.PROVISIONAL.value,
            IssuanceKind.PROVISIONAL.value,
        ]
        assert s.get_one(PrintJob, old_done.id).params_json == {}
        assert s.get_one(PrintJob, old_waiting.id).params_json == TICKET
        assert s.get_one(PrintJob, recent_done.id).params_json == TICKET
        assert s.scalar(select(Visit.total).where(Visit.id == paid.visit_id)) == 2_322_540


def _file(path: Path, body: bytes, written: datetime) -> Path:
    """A file holding `body`, last written at `written`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    os.utime(path, (written.timestamp(), written.timestamp()))
    return path


def test_purge_old_files_deletes_output_and_backups_written_before_the_day(
    tmp_path: Path,
) -> None:
    """Files last written before 01/12/2026 00:00 Vietnam time (30/11 17:00 UTC) in the output
    folder (any depth) and the database backups go, a second earlier is "before"; files written
    at or after that instant stay, as do folders and a symbolic link (itself dated old) to an
    old file outside. The dry run lists the same files and their bytes and deletes nothing."""
    midnight_vn = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    old, recent = midnight_vn - timedelta(seconds=1), midnight_vn
    output, backups = tmp_path / "output", tmp_path / "data" / "backups"
    outside = _file(tmp_path / "elsewhere" / "keep.pdf", b"x" * 7, old)
    gone = [
        _file(output / "bien-lai-K01-0000001.pdf", b"a" * 100, old),
        _file(output / "exports" / "D03-TS.xlsx", b"b" * 20, old - timedelta(days=30)),
        _file(backups / "kiosk-20261125-080000-000000-migrate.sqlite3", b"c" * 300, old),
    ]
    kept = [
        _file(output / "bien-lai-K01-0000002.pdf", b"d" * 5, recent),
        _file(output / "exports" / "D05-TS.xlsx", b"e" * 5, recent + timedelta(days=3)),
        _file(backups / "kiosk-20261201-080000-000000-day.sqlite3", b"f" * 5, recent),
    ]
    link = output / "link.pdf"
    link.symlink_to(outside)
    os.utime(link, (old.timestamp(), old.timestamp()), follow_symlinks=False)
    folders = [output, backups, tmp_path / "missing"]
    dry = purge_old_files(folders, date(2026, 12, 1))
    assert (dry.files, dry.bytes, sorted(dry.paths)) == (3, 420, sorted(gone))
    assert all(p.exists() for p in gone)
    report = purge_old_files(folders, date(2026, 12, 1), dry_run=False)
    assert (report.files, report.bytes, sorted(report.paths)) == (3, 420, sorted(gone))
    left = sorted(p for p in tmp_path.rglob("*") if p.is_file() or p.is_symlink())
    assert left == sorted([*kept, outside, link])
    assert (output / "exports").is_dir() and backups.is_dir()
    assert outside.read_bytes() == b"x" * 7


def test_a_back_payments_birth_date_keeps_only_its_year(db: Database) -> None:
    """A quote line for a back payment keeps the birth date for the retirement-age check; the
    purge leaves only the year there, as on the person; other lines are unchanged."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    with db.unit_of_work() as s:
        visit = s.get_one(Visit, paid.visit_id)
        quote = dict(visit.quote_json)
        lines = [dict(line) for line in quote["lines"]]
        lines[0]["birth_date"] = "1985-03-14"
        quote["lines"] = lines
        visit.quote_json = quote
        untouched = lines[1]
    with db.unit_of_work() as s:
        purge_personal_data(s, ctx, date(2026, 12, 1), dry_run=False, by=paid.supervisor)
    with db.read() as s:
        stored = s.get_one(Visit, paid.visit_id).quote_json["lines"]
    assert stored[0]["birth_date"] == "1985-01-01" and stored[1] == untouched
