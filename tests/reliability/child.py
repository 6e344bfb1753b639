"""The process the crash harness kills: registers and pays visits in a loop, as a desk would.

Operations cycle through cash, card, split (cash + card), VietQR (started, then confirmed in a
second transaction) and void. Before each payment the attempt's idempotency key goes to a
file, as the screen keeps it; after a restart the child first retries the attempt it was in
the middle of, so a kill between "money taken" and "screen updated" must not charge twice.

After each commit the screen would show, a line goes to stdout ("paid <op> <visit> <receipt
numbers>", "pending <visit>", "voided <receipt id>", with "again-" before it when it is the
retry of the interrupted attempt): the harness holds the books to them.
The child counts its operations (SQL statements, commits, returns from a commit, sheets of
paper); with KIOSK_KILL_AT=N it SIGKILLs itself at the Nth, counted from its start or, with
KIOSK_KILL_FROM=paid, from its first money commit. Where it is (transaction open? written
yet? which step?) lives in a shared-memory status file that outlives a kill from anyone.

Run: `python -m tests.reliability.child URL WORKDIR [print]`; WORKDIR/setup.json names the
cashier and supervisor.
"""

from __future__ import annotations

import json
import mmap
import os
import random
import signal
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentMethod, Scheme, Sex, SupportGroup
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.payments.terminal import CardApproval
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.receipts import void_receipt
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.vietqr_confirm import confirm_vietqr
from kiosk.store.db import Database
from kiosk.store.models import Receipt
from tests.support.factories import kiosk_context

OPS = ("cash", "card", "split", "vietqr", "void")
STATUS_SIZE = 64
WRITES = ("INSERT", "UPDATE", "DELETE")
VOLUNTARY_INCOME = 2_000_000  # monthly income declared for voluntary social insurance


class Probe:
    """Counts operations, kills at the chosen one, and publishes where the child is."""

    def __init__(self, status: Path, kill_at: int, from_paid: bool) -> None:
        fd = os.open(status, os.O_RDWR | os.O_CREAT, 0o600)
        os.ftruncate(fd, STATUS_SIZE)
        self.mm = mmap.mmap(fd, STATUS_SIZE)
        os.close(fd)
        self.kill_at, self.armed = kill_at, not from_paid
        self.count, self.tx, self.step = 0, 0, "start"
        self.publish()

    def publish(self) -> None:
        # "<tx> <step>": tx 0 = no transaction, 1 = open, 2 = open with uncommitted writes.
        self.mm[:STATUS_SIZE] = f"{self.tx} {self.step}".encode().ljust(STATUS_SIZE)

    def at(self, step: str) -> None:
        self.step = step
        self.publish()

    def arm(self) -> None:
        """Start counting towards the kill (after the first money commit of this life)."""
        self.armed = True

    def tick(self) -> None:
        if not (self.kill_at and self.armed):
            return
        self.count += 1
        if self.count >= self.kill_at:
            self.publish()
            os.kill(os.getpid(), signal.SIGKILL)

    def attach(self, db: Database) -> None:
        def begin(_conn: Any) -> None:
            self.tx = 1
            self.publish()

        def execute(_conn: Any, _cur: Any, statement: str, *_args: Any) -> None:
            if statement.lstrip().upper().startswith(WRITES):
                self.tx = 2
                self.publish()
            self.tick()

        def ended(_session: Any, *_args: Any) -> None:
            self.tx = 0
            self.publish()

        def committed(session: Any) -> None:
            ended(session)
            self.tick()  # a kill right after the commit returned

        event.listen(db.engine, "begin", begin)
        event.listen(db.engine, "before_cursor_execute", execute)
        event.listen(db.engine, "commit", lambda _conn: self.tick())  # just before COMMIT
        event.listen(Session, "after_commit", committed)
        event.listen(Session, "after_rollback", ended)


def parts_for(op: str, total: int, key: str) -> list[PaymentRequest]:
    """The same parts for the same attempt, so a retry replays its idempotency key."""

    def card(amount: int) -> PaymentRequest:
        approval = CardApproval(amount, key[:12], key[-6:].upper(), "970436******1234")
        return PaymentRequest.card(approval)

    if op == "cash":
        return [PaymentRequest(PaymentMethod.CASH, total, tendered=total + 50_000)]
    if op == "card":
        return [card(total)]
    if op == "split":
        cash = total // 2
        return [PaymentRequest(PaymentMethod.CASH, cash, tendered=cash), card(total - cash)]
    return [PaymentRequest(PaymentMethod.VIETQR, total)]


class Desk:
    """One life of the child: start-up, the interrupted attempt, then work until killed."""

    def __init__(self, url: str, workdir: Path, printing: bool) -> None:
        setup = json.loads((workdir / "setup.json").read_text())
        self.cashier = uuid.UUID(setup["cashier"])
        self.supervisor = uuid.UUID(setup["supervisor"])
        sync = os.environ.get("KIOSK_TEST_SYNCHRONOUS")
        if sync:  # the control run: the setting the kiosk had before (NORMAL) must lose data
            from kiosk.store import db as store

            store.SQLITE_PRAGMAS = tuple(
                f"PRAGMA synchronous={sync}" if p.startswith("PRAGMA synchronous") else p
                for p in store.SQLITE_PRAGMAS
            )
        self.db, self.ctx = Database(url), kiosk_context()
        self.attempt = workdir / "attempt.json"
        self.rng = random.Random(int(os.environ.get("KIOSK_CHILD_SEED", "1")))
        self.first_op = int(os.environ.get("KIOSK_CHILD_FIRST_OP", "0"))
        self.probe = Probe(
            workdir / "status",
            int(os.environ.get("KIOSK_KILL_AT", "0")),
            os.environ.get("KIOSK_KILL_FROM") == "paid",
        )
        self.probe.attach(self.db)
        self.recovering = False  # the retry of the interrupted attempt does not arm the kill
        self.printer: Any = None
        if printing:  # loaded before "ready", as the kiosk has them loaded before work
            from tests.reliability import after_payment

            after_payment.warm_up()
            paper = Path(os.environ.get("KIOSK_PAPER_DIR", str(workdir)))
            self.printer = after_payment.runner(self.db, self.ctx, paper, self.probe.tick)

    def say(self, line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def run(self) -> None:
        self.say("ready")
        if self.printer is not None:  # the kiosk's start-up: interrupted print jobs first
            from tests.reliability import after_payment

            self.probe.at("startup-print")
            after_payment.start(self.printer)
        attempt = self._read_attempt()
        self.recovering = True
        if attempt and "void" in attempt:
            self.void(uuid.UUID(attempt["void"]))
        elif attempt:
            visit = uuid.UUID(attempt["visit"])
            try:
                self.pay(attempt["op"], visit, attempt["key"], attempt["total"])
            except KioskError as err:
                if err.code != "payment.no_visit":
                    raise
                self.say(f"lost {visit}")  # registered before the crash, gone after it
                self.attempt.unlink()
        self.recovering = False
        for n in range(1_000_000):
            op = OPS[(self.first_op + n) % len(OPS)]
            if op == "void":
                with self.db.read() as s:
                    receipt_id = s.scalar(
                        select(Receipt.id)
                        .where(Receipt.voided_at.is_(None))
                        .order_by(Receipt.number.desc())
                        .limit(1)
                    )
                if receipt_id is not None:
                    self.void(receipt_id)
                    continue
                op = "cash"
            self.register_and_pay(op)

    def register_and_pay(self, op: str) -> None:
        person = PersonDraft(
            full_name="Người Thử Nghiệm", birth_date=date(1980, 1, 1), sex=Sex.MALE
        )
        health = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)
        members = [MemberRequest(person, (health,)) for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.3:  # also voluntary social insurance: two receipts, one commit
            pension = SchemeChoice(
                Scheme.BHXH_VOLUNTARY, 12, income=VOLUNTARY_INCOME, group=SupportGroup.OTHER
            )
            members[0] = MemberRequest(person, (health, pension))
        self.probe.at(f"{op}-register")
        with self.db.unit_of_work() as s:
            reg = register_visit(s, self.ctx, members, staff_id=self.cashier)
        key = uuid.UUID(int=self.rng.getrandbits(128)).hex
        self._write_attempt(
            {"op": op, "visit": str(reg.visit_id), "key": key, "total": reg.quote.total}
        )
        self.pay(op, reg.visit_id, key, reg.quote.total)

    def pay(self, op: str, visit_id: uuid.UUID, key: str, total: int) -> None:
        self.probe.at(f"{op}-pay")
        with self.db.unit_of_work() as s:
            result = checkout(s, self.ctx, visit_id, parts_for(op, total, key), key, self.cashier)
        if not result.paid:  # a VietQR transfer: staff see the money arrive, then confirm
            self.say(f"pending {visit_id}")
            self.probe.at(f"{op}-confirm")
            with self.db.unit_of_work() as s:
                result = confirm_vietqr(
                    s,
                    self.ctx,
                    result.payment_ids[0],
                    self.cashier,
                    supervisor_id=self.supervisor,  # no statement line: a supervisor signs
                    amount_seen=total,
                )
        again = "again-" if self.recovering else ""  # a retry shows the same payment again
        numbers = ",".join(result.receipt_numbers)  # one receipt per scheme paid
        self.say(f"{again}paid {op} {visit_id} {numbers}")
        self._money_done()
        if self.printer is not None:
            from tests.reliability import after_payment

            self.probe.at(f"{op}-print")
            after_payment.run(self.db, self.ctx, self.printer, visit_id)
        self.attempt.unlink(missing_ok=True)

    def void(self, receipt_id: uuid.UUID) -> None:
        self._write_attempt({"void": str(receipt_id)})
        self.probe.at("void")
        try:
            with self.db.unit_of_work() as s:
                void_receipt(s, self.ctx, receipt_id, "khách đổi ý / changed mind", self.supervisor)
        except KioskError as err:
            if err.code != "receipt.already_void":  # the retry of a void that committed
                raise
        self.say(f"{'again-' if self.recovering else ''}voided {receipt_id}")
        self._money_done()
        self.attempt.unlink(missing_ok=True)

    def _money_done(self) -> None:
        if not self.recovering:  # so a life counted from here has completed its first op
            self.probe.arm()

    def _write_attempt(self, attempt: dict[str, Any]) -> None:
        tmp = self.attempt.with_suffix(".tmp")
        tmp.write_text(json.dumps(attempt))
        tmp.replace(self.attempt)

    def _read_attempt(self) -> dict[str, Any] | None:
        try:
            return dict(json.loads(self.attempt.read_text()))
        except FileNotFoundError:
            return None


if __name__ == "__main__":
    Desk(sys.argv[1], Path(sys.argv[2]), len(sys.argv) > 3 and sys.argv[3] == "print").run()
