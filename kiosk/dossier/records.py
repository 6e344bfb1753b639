"""What the dossier reads from the store for one local day, as plain records (the mapping layer).

This is the only module of kiosk/dossier that knows the tables. Receipts are one per scheme
(form C45-BB, kiosk.services.receipts): a line carries its scheme's receipt, numbered in that
scheme's series, and `VisitLedger` holds one entry per visit and scheme, so
kiosk/dossier/checks.py compares each scheme's lines with that scheme's receipt. Receipts issued
before receipts were per scheme (no scheme) still cover every line of their visit.
Work in progress elsewhere: `_position` reads the position the quote recorded on the enrollment;
with the fiscal-year household model it should read the member's position in that year, and the
household's VSS code (`HouseholdRecord.vss_code`, empty today) once the model holds it.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import (
    EnrollmentStatus,
    PaymentStatus,
    Scheme,
)
from kiosk.domain.localtime import local_date, local_day_bounds
from kiosk.domain.numbers import receipt_label
from kiosk.dossier.day_types import (
    DayRecords,
    HouseholdRecord,
    LeftOut,
    Line,
    MemberRecord,
    PersonRecord,
    ReceiptRef,
    VisitLedger,
)
from kiosk.services.context import KioskContext
from kiosk.store.models import (
    Enrollment,
    Household,
    HouseholdMember,
    Payment,
    Person,
    Receipt,
    Visit,
)


def day_records(session: Session, ctx: KioskContext, day: date) -> DayRecords:
    """The paid, non-voided visits of the event paid on `day` (Vietnam time), line by line."""
    start, end = local_day_bounds(day)
    visits = list(
        session.scalars(
            select(Visit)
            .where(_in_event(ctx), Visit.paid_at >= start, Visit.paid_at < end)
            .order_by(Visit.paid_at, Visit.id)
        )
    )
    receipts = _receipts([v.id for v in visits], session)
    paid = sorted(
        (v for v in visits if v.status == EnrollmentStatus.PAID),
        key=lambda v: _money_order(v, receipts.get(v.id, [])),
    )
    people = _people_of([v.id for v in visits], session)
    left_out = [
        LeftOut(v.id, "voided", _voided_number(receipts.get(v.id, [])), people.get(v.id, ()))
        for v in visits
        if v.status != EnrollmentStatus.PAID
    ]
    left_out += _unpaid(session, ctx, day)
    lines = _lines(session, paid, receipts)
    payments = _payments_net(session, [v.id for v in paid])
    ledgers = tuple(
        ledger
        for v in paid
        for ledger in _ledgers(
            v.id,
            people.get(v.id, ()),
            receipts.get(v.id, []),
            [line for line in lines if line.visit_id == v.id],
            payments.get(v.id, 0),
        )
    )
    household_ids = {line.household_id for line in lines if line.household_id is not None}
    totals: dict[Scheme, int] = defaultdict(int)
    for line in lines:
        totals[line.scheme] += line.amount
    return DayRecords(
        day=day,
        lines=tuple(lines),
        households=_households(session, household_ids),
        visits=ledgers,
        left_out=tuple(left_out),
        totals=dict(totals),
    )


def person_record(person: Person) -> PersonRecord:
    """The store's person as the forms need them (NFC text is kept as stored)."""
    return PersonRecord(
        person_id=person.id,
        full_name=person.full_name,
        birth_date=person.birth_date,
        sex=person.sex,
        personal_id=person.personal_id or "",
        si_number=person.legacy_si_code or "",
        phone=person.phone or "",
        address=person.address or "",
        province_code=person.province_code or "",
        ethnicity=person.ethnicity or "",
        nationality=person.nationality or "",
    )


def _lines(
    session: Session, paid: list[Visit], receipts: dict[uuid.UUID, list[Receipt]]
) -> list[Line]:
    """The paid enrollments of the paid visits, in the order the money came in."""
    if not paid:
        return []
    order = {v.id: i for i, v in enumerate(paid)}
    rows: list[tuple[Enrollment, Person]] = []
    for chunk in _chunks(list(order)):
        found = session.execute(
            select(Enrollment, Person)
            .join(Person, Person.id == Enrollment.person_id)
            .where(
                Enrollment.visit_id.in_(chunk),
                Enrollment.status == EnrollmentStatus.PAID,
                Enrollment.months > 0,  # a member insured elsewhere is shown, never listed
            )
        )
        rows += [(e, p) for e, p in found]
    rows.sort(key=lambda r: (order[r[0].visit_id], r[0].position or 0, r[0].scheme, r[0].id))
    paid_at = {v.id: v.paid_at for v in paid}
    return [_line(e, p, receipts.get(e.visit_id, []), paid_at[e.visit_id]) for e, p in rows]


def _line(e: Enrollment, p: Person, receipts: list[Receipt], paid_at: datetime | None) -> Line:
    quote = e.quote_line_json or {}
    start = quote.get("period_start")
    when = e.paid_at or paid_at
    return Line(
        enrollment_id=e.id,
        visit_id=e.visit_id,
        scheme=e.scheme,
        person=person_record(p),
        receipt=_receipt_for(receipts, e.scheme),
        amount=e.amount,
        months=e.months,
        paid_on=local_date(when) if when is not None else date.min,
        start_date=e.start_date,
        end_date=e.end_date,
        is_renewal=e.is_renewal,
        household_id=e.household_id,
        position=_position(e),
        support_group=e.support_group,
        mode=e.mode,
        chosen_income=e.chosen_income,
        support_amount=int(quote.get("support_amount") or 0),
        province_support=int(quote.get("province_support") or 0),
        island=bool(quote.get("island")),
        period_start=date.fromisoformat(start) if start else None,
    )


def _money_order(visit: Visit, receipts: list[Receipt]) -> tuple[str, int, str]:
    """The order the money came in: by receipt number (gapless per series), then payment time."""
    live = [r for r in receipts if r.voided_at is None]
    if live:
        return (live[0].series, live[0].number, "")
    return ("~", 0, visit.paid_at.isoformat() if visit.paid_at else "")


def _position(enrollment: Enrollment) -> int | None:
    """The member's place in the household ladder. Today: the position the quote used. With the
    fiscal-year household model: the member's position in that year (same meaning, one place)."""
    return enrollment.position


def _receipt_for(receipts: list[Receipt], scheme: Scheme | None) -> ReceiptRef | None:
    """The live receipt a line of `scheme` was paid under: the scheme's own receipt, or a
    receipt from before receipts were per scheme (it covers every scheme of its visit)."""
    live = [r for r in receipts if r.voided_at is None]
    own = [r for r in live if r.scheme == scheme] or [r for r in live if r.scheme is None]
    if not own:
        return None
    r = own[0]
    return ReceiptRef(r.id, _printed(r), local_date(r.issued_at), r.total)


def _ledgers(
    visit_id: uuid.UUID,
    people: tuple[str, ...],
    receipts: list[Receipt],
    lines: list[Line],
    payments_net: int,
) -> list[VisitLedger]:
    """One ledger per scheme the visit's lines or live receipts name (legacy: one in all)."""
    live = [r for r in receipts if r.voided_at is None]
    if live and all(r.scheme is None for r in live):
        schemes: list[Scheme | None] = [None]
    else:
        named = {line.scheme for line in lines} | {r.scheme for r in live if r.scheme}
        schemes = [s for s in Scheme if s in named]
    out = []
    for scheme in schemes or [None]:
        receipt = _receipt_for(receipts, scheme)
        mine = [line for line in lines if scheme is None or line.scheme == scheme]
        out.append(
            VisitLedger(
                visit_id=visit_id,
                people=people,
                receipt=receipt,
                lines_total=sum(line.amount for line in mine),
                payments_net=receipt.total if receipt else 0,
                scheme=scheme,
            )
        )
    # The money is the visit's: what the receipts do not account for shows on the first entry.
    gap = payments_net - sum(ledger.payments_net for ledger in out)
    out[0] = replace(out[0], payments_net=out[0].payments_net + gap)
    return out


def _printed(receipt: Receipt) -> str:
    """The number as printed on the receipt (C45-BB series and number)."""
    return receipt_label(receipt.series, receipt.number, receipt.symbol, receipt.book_number)


def _receipts(visit_ids: list[uuid.UUID], session: Session) -> dict[uuid.UUID, list[Receipt]]:
    found: dict[uuid.UUID, list[Receipt]] = defaultdict(list)
    for chunk in _chunks(visit_ids):
        for r in session.scalars(
            select(Receipt).where(Receipt.visit_id.in_(chunk)).order_by(Receipt.number)
        ):
            found[r.visit_id].append(r)
    return found


def _voided_number(receipts: list[Receipt]) -> str:
    voided = [r for r in receipts if r.voided_at is not None]
    return _printed(voided[-1]) if voided else ""


def _people_of(visit_ids: list[uuid.UUID], session: Session) -> dict[uuid.UUID, tuple[str, ...]]:
    """The names on each visit, in registration order (for staff to find the visit)."""
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for chunk in _chunks(visit_ids):
        rows = session.execute(
            select(Enrollment.visit_id, Person.full_name, Enrollment.position, Enrollment.id)
            .join(Person, Person.id == Enrollment.person_id)
            .where(Enrollment.visit_id.in_(chunk))
            .order_by(Enrollment.visit_id, Enrollment.position, Enrollment.id)
        )
        for visit_id, name, _, _ in rows:
            if name not in found[visit_id]:
                found[visit_id].append(name)
    return {k: tuple(v) for k, v in found.items()}


def _unpaid(session: Session, ctx: KioskContext, day: date) -> list[LeftOut]:
    """Visits registered on the day and never paid."""
    visits = session.scalars(
        select(Visit.id).where(
            _in_event(ctx),
            Visit.quoted_on == day,
            Visit.paid_at.is_(None),
            Visit.status.in_((EnrollmentStatus.QUOTED, EnrollmentStatus.DRAFT)),
        )
    ).all()
    people = _people_of(list(visits), session)
    return [LeftOut(v, "unpaid", "", people.get(v, ())) for v in visits]


def _payments_net(session: Session, visit_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Confirmed entries net of reversals, per visit: the money the ledger holds."""
    found: dict[uuid.UUID, int] = {}
    for chunk in _chunks(visit_ids):
        for visit_id, total in session.execute(
            select(Payment.visit_id, func.sum(Payment.amount))
            .where(Payment.visit_id.in_(chunk), Payment.status == PaymentStatus.CONFIRMED)
            .group_by(Payment.visit_id)
        ):
            found[visit_id] = int(total or 0)
    return found


def _households(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, HouseholdRecord]:
    found: dict[uuid.UUID, HouseholdRecord] = {}
    for chunk in _chunks(list(ids)):
        members: dict[uuid.UUID, list[MemberRecord]] = defaultdict(list)
        for m, p in session.execute(
            select(HouseholdMember, Person)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.household_id.in_(chunk))
            .order_by(HouseholdMember.household_id, HouseholdMember.position)
        ):
            members[m.household_id].append(
                MemberRecord(person_record(p), m.position, m.relationship_to_head)
            )
        for h in session.scalars(select(Household).where(Household.id.in_(chunk))):
            own = members.get(h.id, [])
            head = next((m.person for m in own if m.person.person_id == h.head_person_id), None)
            found[h.id] = HouseholdRecord(
                household_id=h.id,
                head=head or (own[0].person if own else None),
                address=h.address or (head.address if head else ""),
                province_code=h.province_code or "",
                members=tuple(own),
            )
    return found


def _in_event(ctx: KioskContext) -> ColumnElement[bool]:
    return Visit.event_id == ctx.event_id if ctx.event_id is not None else Visit.event_id.is_(None)


def _chunks(ids: list[uuid.UUID], size: int = 500) -> Iterable[list[uuid.UUID]]:
    """IN lists of bounded length (SQLite's limit on bound parameters)."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
