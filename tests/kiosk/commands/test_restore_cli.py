"""A damaged database restored from the copy taken at the shift close, as staff would do it on
the command line: receipts printed after the copy are on paper only, so the kiosk refuses to
start until a supervisor enters the last number on paper, and then never prints one twice."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.bootstrap import kiosk_context, open_database
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.domain.enums import PaymentMethod, Scheme
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.restore import ACTION
from kiosk.services.shifts import open_shift
from kiosk.store.backup import snapshot_url
from kiosk.store.db import Database
from kiosk.store.health import restored_marker
from kiosk.store.models import AuditEntry, Receipt, Staff
from tests.kiosk.commands.test_bundle_cli import PIN, SUPERVISOR, run, stdin, use
from tests.support.paid import HOUSEHOLD

BOOK = "YT-K01"  # the training book of household health insurance (no [agent] series set)


def _pay_one(db: Database, person: int) -> tuple[str, int, int]:
    """A one-person household health insurance visit paid in cash: its receipt's book
    symbol, number in the book and the kiosk's running number."""
    config = load_config(Path(os.environ["KIOSK_CONFIG"]))
    ctx = kiosk_context(config)
    with db.unit_of_work() as s:
        staff = s.scalars(select(Staff.id)).one()
        if person == 0:
            open_shift(s, ctx, staff, 0)
        first = HOUSEHOLD[0]  # born 1985, a woman: identity numbers 066 1 85 …
        draft = type(first)(first.full_name, first.birth_date, first.sex, f"0661850{person:05d}")
        choice = (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),)
        reg = register_visit(s, ctx, [MemberRequest(draft, choice)], staff_id=staff)
        total = reg.quote.total
        pay = [PaymentRequest(PaymentMethod.CASH, total, tendered=total)]
        checkout(s, ctx, reg.visit_id, pay, uuid.uuid4().hex, staff_id=staff)
        receipt = s.scalars(select(Receipt).where(Receipt.visit_id == reg.visit_id)).one()
        return receipt.symbol, receipt.book_number, receipt.number


def test_restore_then_confirm_the_paper_numbers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two receipts, the shift-close copy, a third receipt, then the file is damaged.
    `init --restore-backup` restores the copy and lists the book with its last number in the
    file (2); the kiosk refuses to start; a paper number behind the file (1) and a missing or
    unknown book are refused; 3 (the paper) is accepted: the next receipt is number 4 in the
    book and 4 in the kiosk's running series, audited, and the kiosk starts again."""
    config_path = use(monkeypatch, tmp_path)
    assert run(capsys, "init")[0] == 0
    stdin(monkeypatch, PIN)
    assert run(capsys, "staff", "add", SUPERVISOR, "--supervisor")[0] == 0
    config = load_config(config_path)
    db = open_database(config)
    assert [_pay_one(db, n) for n in (0, 1)] == [(BOOK, 1, 1), (BOOK, 2, 2)]
    copy = snapshot_url(db.url, "z-close")
    assert copy is not None and copy.name.endswith("-z-close.sqlite3")
    assert copy.stat().st_mode & 0o777 == 0o600
    assert _pay_one(db, 2) == (BOOK, 3, 3)  # printed after the copy: on paper only
    db.dispose()
    data = tmp_path / "data" / "kiosk.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(f"{data}{suffix}").unlink(missing_ok=True)
    data.write_bytes(data.read_bytes()[:5000])  # damaged

    code, out, _ = run(capsys, "init", "--restore-backup")
    assert code == 2
    assert f"Restored: {copy} -> {data}" in out
    assert "  XH-K01 (Voluntary social insurance): last number in the file 0" in out  # unused
    assert f"  {BOOK} (Household health insurance): last number in the file 2" in out
    assert f"python -m kiosk init --confirm-receipts XH-K01=0 {BOOK}=2 --by SUPERVISOR" in out
    assert restored_marker(data).read_text(encoding="utf-8") == copy.name
    with pytest.raises(KioskError) as refused:
        open_database(config)
    assert refused.value.code == "db.restored_unconfirmed" and copy.name in refused.value.en

    for wrong, said in (
        (["XH-K01=0", f"{BOOK}=1"], "cannot be below the file's: YT-K01 1 < 2."),
        ([f"{BOOK}=3"], "Missing: XH-K01."),
        (["XH-K01=0", f"{BOOK}=3", "ZZ-K01=5"], "Not a book in use: ZZ-K01."),
        (["YT-K01:3"], "“YT-K01:3” is not SYMBOL=NUMBER"),
    ):
        stdin(monkeypatch, PIN)
        code, _out, err = run(capsys, "init", "--confirm-receipts", *wrong, "--by", SUPERVISOR)
        assert (code, err.count(said)) == (2, 1), err
        assert restored_marker(data).exists()  # nothing confirmed
    capsys.readouterr()
    assert main(["init", "--confirm-receipts"]) == 2  # no numbers: the list, in Vietnamese
    listed = capsys.readouterr().out
    assert "  YT-K01 (BHYT hộ gia đình): số cuối trong tệp 2" in listed
    assert (
        "python -m kiosk init --confirm-receipts XH-K01=0 YT-K01=2 --by TÊN_GIÁM_SÁT_VIÊN" in listed
    )
    stdin(monkeypatch, PIN)
    confirm = ("init", "--confirm-receipts", "XH-K01=0", f"{BOOK}=3", "--by", SUPERVISOR)
    code, out, err = run(capsys, *confirm)
    assert code == 0, err
    assert f"{BOOK}: goes on from 4 (1 numbers on paper skipped)" in out
    assert not restored_marker(data).exists()

    db = open_database(config)
    try:
        assert _pay_one(db, 3) == (BOOK, 4, 4)  # never a number already on paper
        with db.read() as s:
            entry = s.scalars(select(AuditEntry).where(AuditEntry.action == ACTION)).one()
            assert entry.detail["moved"] == {"XH-K01": 0, BOOK: 1}
            assert entry.detail["last_on_paper"] == {"XH-K01": 0, BOOK: 3}
            assert entry.staff_id is not None
    finally:
        db.dispose()
    assert run(capsys, "init", "--confirm-receipts")[1].strip() == (
        "No restore is waiting for its receipt numbers."
    )


def test_no_copy_says_so_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A kiosk with no copy yet: db.no_backup naming the folder, the damaged file kept."""
    use(monkeypatch, tmp_path)
    assert run(capsys, "init")[0] == 0
    data = tmp_path / "data" / "kiosk.sqlite3"
    data.write_bytes(b"garbage")
    code, _out, err = run(capsys, "init", "--restore-backup")
    assert code == 2 and f"No usable backup in {tmp_path / 'data' / 'backups'}" in err
    assert data.read_bytes() == b"garbage"
