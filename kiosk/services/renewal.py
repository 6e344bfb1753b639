"""Renewals: a person's details and their last paid enrollment, to continue it at the desk."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, Scheme
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.store.models import Enrollment, Person


@dataclass(frozen=True)
class Previous:
    """The enrollment a renewal continues: coverage starts the day after `end_date`."""

    enrollment_id: uuid.UUID
    scheme: Scheme
    months: int
    end_date: date | None
    income: int | None


def draft_of(session: Session, person_id: uuid.UUID) -> PersonDraft:
    """The stored person as a draft the registration form can show and change."""
    person = session.get(Person, person_id)
    if person is None:
        raise KioskError(
            "person.not_found",
            vi="Không tìm thấy người này.",
            en="This person was not found.",
            person_id=str(person_id),
        )
    return PersonDraft(
        full_name=person.full_name,
        birth_date=person.birth_date,
        sex=person.sex,
        personal_id=person.personal_id or "",
        old_id_number=person.old_id_number or "",
        legacy_si_code=person.legacy_si_code or "",
        ethnicity=person.ethnicity,
        phone=person.phone or "",
        address=person.address,
        province=person.province_code or "",
    )


def last_enrollments(session: Session, person_id: uuid.UUID) -> dict[Scheme, Previous]:
    """Per scheme, the person's paid enrollment that ends last."""
    rows = session.scalars(
        select(Enrollment)
        .where(Enrollment.person_id == person_id, Enrollment.status == EnrollmentStatus.PAID)
        .order_by(Enrollment.end_date, Enrollment.created_at)
    ).all()
    out: dict[Scheme, Previous] = {}
    for e in rows:  # later rows win
        out[e.scheme] = Previous(e.id, e.scheme, e.months, e.end_date, e.chosen_income)
    return out
