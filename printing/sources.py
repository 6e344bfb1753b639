"""Which records a paid visit's documents point at, and whose they are (used by the catalogue).

A visit document (receipt, card, booklet cover, declaration) is found from one of the visit's
enrollments: `key` names the record it prints, `wanted` says whether a paid visit gets it,
`names` labels existing jobs on the desk with whom they print for. Receipts are one per scheme:
an enrollment's receipt is its scheme's. For health insurance the card printer prints VSS's
card only when asked for (Decree 188/2025/NĐ-CP Art 11(1): the card is electronic, paper on
request) and otherwise the kiosk's signed payment confirmation (made on first use, in the
caller's transaction, by `ensure_card_record`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import IssuanceKind, Scheme
from kiosk.services.context import KioskContext
from kiosk.services.issuance import Signer, card_record, ensure_card_record
from kiosk.services.receipts import receipt_label, visit_receipts
from kiosk.store.models import Enrollment, IssuanceRecord, Person, Receipt


@dataclass(frozen=True)
class Issuing:
    """What finding a visit document's record needs: the session, and the card signer."""

    session: Session
    ctx: KioskContext
    signer: Signer
    issuing_place: str
    staff_id: uuid.UUID | None = None
    requested: bool = False  # staff asked for these kinds (not a paid visit's defaults)


@dataclass(frozen=True)
class VisitPeople:
    """A visit's enrollments with their person and full name, read once for the desk's labels."""

    visit_id: uuid.UUID
    rows: tuple[tuple[uuid.UUID, uuid.UUID, str], ...]  # (enrollment, person, full name)

    @classmethod
    def read(cls, session: Session, visit_id: uuid.UUID) -> VisitPeople:
        """The visit's enrollments, each with its person's id and name."""
        rows = session.execute(
            select(Enrollment.id, Enrollment.person_id, Person.full_name)
            .join(Person, Person.id == Enrollment.person_id)
            .where(Enrollment.visit_id == visit_id)
        ).all()
        return cls(visit_id, tuple((e, p, name) for e, p, name in rows))


def enrollments_of(session: Session, visit_id: uuid.UUID) -> list[Enrollment]:
    """The visit's enrollments in the order they were registered (the order documents print)."""
    return list(
        session.scalars(
            select(Enrollment)
            .where(Enrollment.visit_id == visit_id)
            .order_by(Enrollment.created_at, Enrollment.position)
        )
    )


def always(_enrollment: Enrollment) -> bool:
    """Every paid enrollment gets it (its visit's receipt, a declaration on request)."""
    return True


def is_household_health(enrollment: Enrollment) -> bool:
    """Household health insurance members get a card."""
    return enrollment.scheme == Scheme.BHYT_HOUSEHOLD


def is_voluntary(enrollment: Enrollment) -> bool:
    """Voluntary social insurance members get a booklet cover."""
    return enrollment.scheme == Scheme.BHXH_VOLUNTARY


def receipt_key(issuing: Issuing, enrollment: Enrollment) -> uuid.UUID | None:
    """The receipt of the enrollment's scheme in its visit (None before payment); a receipt
    from before receipts were per scheme covers every scheme."""
    for receipt in visit_receipts(issuing.session, enrollment.visit_id, live=False):
        if receipt.scheme in (enrollment.scheme, None):
            return receipt.id
    return None


def card_key(issuing: Issuing, enrollment: Enrollment) -> uuid.UUID | None:
    """VSS's official card record when one was imported and staff asked for the card (paper
    only on request); else the kiosk's signed payment confirmation (None: nothing to print)."""
    official = card_record(issuing.session, enrollment.id)
    if official is not None and official.kind == IssuanceKind.OFFICIAL:
        return official.id if issuing.requested else None
    record = ensure_card_record(
        issuing.session,
        issuing.ctx,
        enrollment.id,
        issuing.signer,
        issuing.issuing_place,
        issuing.staff_id,
    )
    return record.id


def person_key(_issuing: Issuing, enrollment: Enrollment) -> uuid.UUID:
    """The enrollment's person (one booklet per person, whatever their enrollments)."""
    return enrollment.person_id


def enrollment_key(_issuing: Issuing, enrollment: Enrollment) -> uuid.UUID:
    """The enrollment itself (one declaration per enrollment)."""
    return enrollment.id


def receipt_names(session: Session, people: VisitPeople) -> dict[uuid.UUID, str]:
    """Each receipt of the visit, labelled with its series and number ("YT25MAU-0000042")."""
    receipts = session.scalars(select(Receipt).where(Receipt.visit_id == people.visit_id))
    return {receipt.id: receipt_label(receipt) for receipt in receipts}


def card_names(session: Session, people: VisitPeople) -> dict[uuid.UUID, str]:
    """Each card record made for one of the visit's enrollments, with the person's name."""
    names = {enrollment: name for enrollment, _person, name in people.rows}
    if not names:
        return {}
    records = session.execute(
        select(IssuanceRecord.id, IssuanceRecord.enrollment_id).where(
            IssuanceRecord.enrollment_id.in_(list(names))
        )
    )
    return {
        record_id: names.get(enrollment_id, "") if enrollment_id else ""
        for record_id, enrollment_id in records
    }


def person_names(_session: Session, people: VisitPeople) -> dict[uuid.UUID, str]:
    """Each person of the visit with their name."""
    return {person: name for _enrollment, person, name in people.rows}


def enrollment_names(_session: Session, people: VisitPeople) -> dict[uuid.UUID, str]:
    """Each enrollment of the visit with its person's name."""
    return {enrollment: name for enrollment, _person, name in people.rows}
