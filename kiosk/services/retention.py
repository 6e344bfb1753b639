"""Data retention: remove personal data of old events while keeping the accounting totals."""

from __future__ import annotations

import stat
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kiosk.domain.enums import PrintStatus
from kiosk.domain.localtime import local_day_bounds
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.staff_roles import require_supervisor_once_staffed
from kiosk.store.models import (
    CampaignActivity,
    Enrollment,
    Event,
    Household,
    HouseholdMember,
    HouseholdYear,
    HouseholdYearMember,
    IssuanceRecord,
    Person,
    PersonNameToken,
    PrintJob,
    Visit,
)

REDACTED_NAME = "(đã xóa)"


@dataclass(frozen=True)
class RetentionReport:
    events: int
    people_anonymised: int
    cards_cleared: int
    print_jobs_cleared: int
    dry_run: bool
    households_cleared: int = 0


def purge_personal_data(
    session: Session,
    ctx: KioskContext,
    ended_before: date,
    *,
    dry_run: bool = True,
    by: uuid.UUID | None = None,
) -> RetentionReport:
    """Anonymise people seen only at events that ended before `ended_before`.

    Kept: visits, enrollments, payments and receipts with their amounts, schemes and dates (the
    accounting), and each person's birth year and sex (for statistics). Removed: names, identity
    numbers, phone numbers, addresses (theirs and their households'), their names in the
    households' fiscal-year records, card QR payloads and print job parameters. Applying it is a supervisor's action (`by`) once the kiosk has accounts.
    """
    old_events = set(session.scalars(select(Event.id).where(Event.ends_on < ended_before)))
    people = _people_only_in(session, old_events)
    cutoff = local_day_bounds(ended_before)[0]  # Vietnam midnight, as for the files
    jobs = (
        session.scalars(
            select(PrintJob.id).where(
                PrintJob.created_at < cutoff,
                PrintJob.status.in_((PrintStatus.DONE, PrintStatus.CANCELLED)),
            )
        ).all()
        if old_events
        else []
    )
    cards = (
        session.scalars(select(IssuanceRecord.id).where(IssuanceRecord.person_id.in_(people))).all()
        if people
        else []
    )
    households = _households_only_of(session, people)
    if not dry_run:
        require_supervisor_once_staffed(session, by)
    if not dry_run and people:
        session.execute(update(Household).where(Household.id.in_(households)).values(address=""))
        for person in session.scalars(select(Person).where(Person.id.in_(people))):
            person.full_name = REDACTED_NAME
            person.name_folded = ""
            person.personal_id = None
            person.old_id_number = None
            person.legacy_si_code = None
            person.phone = None
            person.address = ""
            person.birth_date = date(person.birth_date.year, 1, 1)
        session.execute(delete(PersonNameToken).where(PersonNameToken.person_id.in_(people)))
        session.execute(
            update(IssuanceRecord)
            .where(IssuanceRecord.id.in_(cards))
            .values(qr_payload="", card_code="", issuing_place="")
        )
        session.execute(update(PrintJob).where(PrintJob.id.in_(jobs)).values(params_json={}))
        session.execute(
            update(CampaignActivity).where(CampaignActivity.person_id.in_(people)).values(note="")
        )
        _year_only_in_quotes(session, people)
        # The household's fiscal-year record copies each member's name (and staff's notes);
        # members declared by hand have no person row: a household wholly purged loses all.
        years = select(HouseholdYear.id).where(HouseholdYear.household_id.in_(households))
        session.execute(
            update(HouseholdYearMember)
            .where(
                HouseholdYearMember.person_id.in_(people)
                | HouseholdYearMember.household_year_id.in_(years)
            )
            .values(full_name=REDACTED_NAME, note="")
        )
        audit.record(
            session,
            ctx.kiosk_id,
            "retention.purged",
            ended_before=ended_before.isoformat(),
            staff_id=by,
            people=len(people),
            households=len(households),
            events=len(old_events),
        )
    return RetentionReport(
        len(old_events), len(people), len(cards), len(jobs), dry_run, len(households)
    )


def _year_only_in_quotes(session: Session, people: set[uuid.UUID]) -> None:
    """A back payment's quote line keeps the birth date (the retirement-age check): only its
    year stays, as on the person."""
    visits = select(Enrollment.visit_id).where(Enrollment.person_id.in_(people))
    for visit in session.scalars(select(Visit).where(Visit.id.in_(visits))):
        lines = visit.quote_json.get("lines", [])
        if any(line.get("birth_date") for line in lines):
            quote = dict(visit.quote_json)
            quote["lines"] = [
                {**line, "birth_date": f"{line['birth_date'][:4]}-01-01"}
                if line.get("birth_date")
                else line
                for line in lines
            ]
            visit.quote_json = quote


def _households_only_of(session: Session, people: set[uuid.UUID]) -> set[uuid.UUID]:
    """Households whose every member (and head) is among `people`: their address goes too."""
    if not people:
        return set()
    touched = set(
        session.scalars(
            select(HouseholdMember.household_id).where(HouseholdMember.person_id.in_(people))
        )
    ) | set(session.scalars(select(Household.id).where(Household.head_person_id.in_(people))))
    keep = set(
        session.scalars(
            select(HouseholdMember.household_id).where(
                HouseholdMember.household_id.in_(touched), HouseholdMember.person_id.not_in(people)
            )
        )
    ) | set(
        session.scalars(
            select(Household.id).where(
                Household.id.in_(touched),
                Household.head_person_id.is_not(None),
                Household.head_person_id.not_in(people),
            )
        )
    )
    return touched - keep


@dataclass(frozen=True)
class FilesReport:
    files: int
    bytes: int
    paths: tuple[Path, ...]


def purge_old_files(
    folders: list[Path], ended_before: date, *, dry_run: bool = True
) -> FilesReport:
    """Files last written before `ended_before` (local midnight) under `folders`: exports, PDF
    printer output and database backups (kiosk/store/backup.py) all hold personal data.

    Only regular files are touched (never a symbolic link or what it points to); folders stay.
    """
    cutoff = local_day_bounds(ended_before)[0].timestamp()
    found: list[Path] = []
    size = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                found.append(path)
                size += info.st_size
    if not dry_run:
        for path in found:
            path.unlink(missing_ok=True)
    return FilesReport(len(found), size, tuple(found))


def _people_only_in(session: Session, old_events: set[uuid.UUID]) -> set[uuid.UUID]:
    """People with enrollments at the old events and none at any other event."""
    if not old_events:
        return set()
    seen_old = set(
        session.scalars(
            select(Enrollment.person_id).join(Visit).where(Visit.event_id.in_(old_events))
        )
    )
    seen_recent = set(
        session.scalars(
            select(Enrollment.person_id)
            .join(Visit)
            .where((Visit.event_id.not_in(old_events)) | (Visit.event_id.is_(None)))
        )
    )
    return seen_old - seen_recent
