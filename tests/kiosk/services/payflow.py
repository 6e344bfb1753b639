"""Helpers for payment tests: staff, an open shift and visits ready to pay (synthetic data)."""

from __future__ import annotations

import uuid

from kiosk.domain.enums import Role
from kiosk.services.context import KioskContext
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database
from kiosk.store.models import Staff
from tests.support.factories import make_visit


def add_staff(db: Database, name: str, role: Role = Role.STAFF) -> uuid.UUID:
    with db.unit_of_work() as s:
        staff = Staff(name=name, role=role, pin_hash="test-only")
        s.add(staff)
        s.flush()
        return staff.id


def open_day(
    db: Database, ctx: KioskContext, opening_float: int = 500_000
) -> tuple[uuid.UUID, uuid.UUID]:
    """A cashier and a supervisor, and a shift opened with `opening_float`."""
    cashier = add_staff(db, "Lê Thị Thu")
    supervisor = add_staff(db, "Phạm Văn Giám", Role.SUPERVISOR)
    with db.unit_of_work() as s:
        open_shift(s, ctx, cashier, opening_float)
    return cashier, supervisor


def visits(
    db: Database, ctx: KioskContext, count: int, amounts: tuple[int, ...] = (1_366_200,)
) -> list[uuid.UUID]:
    ids = []
    for _ in range(count):
        with db.unit_of_work() as s:
            ids.append(make_visit(s, ctx, amounts=amounts).id)
    return ids
