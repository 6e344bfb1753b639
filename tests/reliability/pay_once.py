"""A desk's money commits, one of each, with a marker on stdout around each (for strace).

Run: `python -m tests.reliability.pay_once URL WORKDIR [NORMAL]` after `harness.prepare`. Each
money commit happens between "KIOSK-MARK <op>-begin" and "KIOSK-MARK <op>-end", written with
one write(2) each, so a syscall trace shows what the commit did before it returned. The
process ends with SIGKILL: no close-time checkpoint syncs anything afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import uuid
from datetime import date
from pathlib import Path

from kiosk.domain.enums import PaymentMethod, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.receipts import void_receipt
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.vietqr_confirm import confirm_vietqr
from kiosk.store.db import Database
from tests.support.factories import kiosk_context

MARK = "KIOSK-MARK"
OPS = ("cash", "vietqr", "confirm", "void")


def mark(text: str) -> None:
    os.write(1, f"{MARK} {text}\n".encode())


def register_one(
    db: Database, ctx: KioskContext, cashier: uuid.UUID | None
) -> tuple[uuid.UUID, int]:
    """Register one person for household health insurance; returns the visit and its total."""
    person = PersonDraft(full_name="Người Thử Nghiệm", birth_date=date(1980, 1, 1), sex=Sex.MALE)
    with db.unit_of_work() as s:
        reg = register_visit(
            s,
            ctx,
            [MemberRequest(person, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))],
            staff_id=cashier,
        )
    return reg.visit_id, reg.quote.total


def main(url: str, workdir: Path, synchronous: str) -> None:
    if synchronous:  # the control: the setting the kiosk had before
        from kiosk.store import db as store

        store.SQLITE_PRAGMAS = tuple(
            f"PRAGMA synchronous={synchronous}" if p.startswith("PRAGMA synchronous") else p
            for p in store.SQLITE_PRAGMAS
        )
    setup = json.loads((workdir / "setup.json").read_text())
    cashier, supervisor = uuid.UUID(setup["cashier"]), uuid.UUID(setup["supervisor"])
    db, ctx = Database(url), kiosk_context()
    visit, total = register_one(db, ctx, cashier)  # registration outside the marks: not money
    mark("cash-begin")
    with db.unit_of_work() as s:
        cash = PaymentRequest(PaymentMethod.CASH, total, tendered=total)
        paid = checkout(s, ctx, visit, [cash], uuid.uuid4().hex, cashier)
    mark(f"cash-end {paid.receipt_number}")
    visit, total = register_one(db, ctx, cashier)
    mark("vietqr-begin")
    with db.unit_of_work() as s:
        transfer = PaymentRequest(PaymentMethod.VIETQR, total)
        pending = checkout(s, ctx, visit, [transfer], uuid.uuid4().hex, cashier)
    mark("vietqr-end")
    mark("confirm-begin")
    with db.unit_of_work() as s:
        confirmed = confirm_vietqr(
            s, ctx, pending.payment_ids[0], cashier, supervisor_id=supervisor, amount_seen=total
        )
    mark(f"confirm-end {confirmed.receipt_number}")
    mark("void-begin")
    assert paid.receipt_id is not None
    with db.unit_of_work() as s:
        void_receipt(s, ctx, paid.receipt_id, "khách đổi ý / changed mind", supervisor)
    mark("void-end")
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "")
