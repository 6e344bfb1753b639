"""`kiosk init --restore-backup` / `--confirm-receipts`: the books whose numbers must be
brought up to the paper after a restore, and bringing them (kiosk/services/restore.py)."""

from __future__ import annotations

import argparse

from kiosk.cli_lang import say, text
from kiosk.config import Config
from kiosk.domain.enums import Scheme
from kiosk.domain.labels import label
from kiosk.errors import KioskError


def list_books(config: Config) -> int:
    """After a restore: each book in use with the last number the file knows; exit 2 (the
    kiosk does not start until they are confirmed)."""
    from kiosk.bootstrap import kiosk_context, open_database
    from kiosk.services.restore import books_to_confirm

    db = open_database(config, restored_ok=True)
    try:
        with db.read() as session:
            books = books_to_confirm(session, kiosk_context(config))
    finally:
        db.dispose()
    say(
        "Biên lai in sau bản sao lưu không có trong tệp. Với từng quyển, tìm số cuối cùng đã in "
        "trên giấy (cuống biên lai) rồi nhập:",
        "Receipts printed after the backup are not in the file. For each book, find the last "
        "number printed on paper (the receipt stubs), then enter:",
    )
    for book in books:
        scheme = Scheme(book.scheme)
        say(
            f"  {book.symbol} ({label(scheme, 'vi')}): số cuối trong tệp {book.last_in_file}",
            f"  {book.symbol} ({label(scheme, 'en')}): last number in the file {book.last_in_file}",
        )
    example = " ".join(f"{b.symbol}={b.last_in_file}" for b in books)
    who = text("TÊN_GIÁM_SÁT_VIÊN", "SUPERVISOR")
    print(f"  python -m kiosk init --confirm-receipts {example} --by {who}")
    return 2


def parse_numbers(items: list[str]) -> dict[str, int]:
    """["YT-1=42", ...] -> {"YT-1": 42}; a clear error for anything else."""
    found: dict[str, int] = {}
    for item in items:
        symbol, sep, number = item.rpartition("=")
        if not sep or not symbol.strip() or not number.strip().isdigit():
            raise KioskError(
                "restore.bad_argument",
                vi=f"“{item}” không đúng dạng KÝ_HIỆU=SỐ (ví dụ YT-K01=42).",
                en=f"“{item}” is not SYMBOL=NUMBER (for example YT-K01=42).",
            )
        found[symbol.strip()] = int(number)
    return found


def confirm(args: argparse.Namespace, config: Config) -> int:
    from kiosk.bootstrap import kiosk_context, open_database, sqlite_file
    from kiosk.commands._common import authorize
    from kiosk.services.restore import confirm_receipts
    from kiosk.store.health import confirmed_restore, restored_marker

    db_path = sqlite_file(config)
    if db_path is None or not restored_marker(db_path).exists():
        say(
            "Không có bản khôi phục nào chờ xác nhận số biên lai.",
            "No restore is waiting for its receipt numbers.",
        )
        return 0
    if not args.confirm_receipts:
        return list_books(config)
    numbers = parse_numbers(args.confirm_receipts)
    ctx = kiosk_context(config)
    db = open_database(config, restored_ok=True)
    try:
        staff = authorize(db, ctx, args.by, "init --confirm-receipts")
        with db.unit_of_work() as session:
            moved = confirm_receipts(session, ctx, numbers, staff)
    finally:
        db.dispose()
    confirmed_restore(db_path)
    for symbol, count in sorted(moved.items()):
        say(
            f"{symbol}: tiếp tục từ số {numbers[symbol] + 1} (bỏ qua {count} số đã in trên giấy)",
            f"{symbol}: goes on from {numbers[symbol] + 1} ({count} numbers on paper skipped)",
        )
    say("Ki-ốt có thể mở lại.", "The kiosk can start again.")
    return 0
