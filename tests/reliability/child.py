"""The process the crash harness kills: registers and pays visits in a loop, as a desk would.

Before each checkout it writes the attempt's idempotency key to a file, as the screen keeps
it; after a restart it first retries the attempt it was in the middle of, so a kill between
"money taken" and "screen updated" must not charge twice.
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from datetime import date
from pathlib import Path

from kiosk.domain.enums import PaymentMethod, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from tests.support.factories import kiosk_context


def main(url: str, attempt_file: Path, after_payment: str) -> None:
    db, ctx = Database(url), kiosk_context()
    rng = random.Random()
    if after_payment:  # loaded before "ready", as the kiosk has them loaded before work
        from tests.reliability import after_payment as printing

        printing.warm_up()
    print("ready", flush=True)  # the harness starts its random timer now
    if after_payment:  # the kiosk's start-up: interrupted print jobs first
        printing.start(db, ctx)
    if attempt_file.exists():  # the screen comes back and retries what it was doing
        attempt = json.loads(attempt_file.read_text())
        _pay(db, ctx, uuid.UUID(attempt["visit"]), attempt["key"], attempt["total"], after_payment)
    while True:
        members = [
            MemberRequest(
                PersonDraft(
                    full_name="Người Thử Nghiệm", birth_date=date(1980, 1, 1), sex=Sex.MALE
                ),
                (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),),
            )
            for _ in range(rng.randint(1, 4))
        ]
        with db.unit_of_work() as s:
            reg = register_visit(s, ctx, members)
        key = uuid.uuid4().hex
        tmp = attempt_file.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"visit": str(reg.visit_id), "key": key, "total": reg.quote.total})
        )
        tmp.replace(attempt_file)
        _pay(db, ctx, reg.visit_id, key, reg.quote.total, after_payment)
        attempt_file.unlink()


def _pay(
    db: Database, ctx: object, visit_id: uuid.UUID, key: str, total: int, after_payment: str
) -> None:
    try:
        with db.unit_of_work() as s:
            checkout(s, ctx, visit_id, [PaymentRequest(PaymentMethod.CASH, total, total)], key)  # type: ignore[arg-type]
    except KioskError as err:
        if err.code != "payment.already_paid":
            raise
    if after_payment:
        from tests.reliability.after_payment import run

        run(db, ctx, visit_id)  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "")
