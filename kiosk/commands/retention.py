"""`kiosk retention`: remove personal data of old events while keeping the accounting totals."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from kiosk.cli_lang import say
from kiosk.commands._common import add_supervisor_argument, authorize
from kiosk.errors import KioskError


def register(sub: Any) -> None:
    parser = sub.add_parser("retention", help="anonymise people of events that ended before a day")
    parser.add_argument("--ended-before", required=True, help="YYYY-MM-DD")
    parser.add_argument("--apply", action="store_true", help="really remove (default: show only)")
    add_supervisor_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk import paths
    from kiosk.bootstrap import output_dir
    from kiosk.commands._common import open_kiosk as _open
    from kiosk.config import load_config
    from kiosk.services.retention import purge_old_files, purge_personal_data

    try:
        cutoff = date.fromisoformat(args.ended_before)
    except ValueError:
        raise KioskError(
            "cli.bad_argument",
            vi="--ended-before phải là ngày YYYY-MM-DD.",
            en="--ended-before must be a date YYYY-MM-DD.",
        ) from None
    db, ctx = _open()
    by = None
    if args.apply:  # removing personal data for good is a supervisor's decision
        by = authorize(db, ctx, args.by, "retention --apply")
    with db.unit_of_work() as session:
        report = purge_personal_data(session, ctx, cutoff, dry_run=not args.apply, by=by)
    config = load_config(paths.config_path())
    folders = [output_dir(config), paths.data_dir() / "backups"]
    files = purge_old_files(folders, cutoff, dry_run=not args.apply)
    where = ", ".join(str(f) for f in folders)
    r = report
    vi = (
        f"{r.people_anonymised} người, {r.cards_cleared} thẻ, {r.households_cleared} địa chỉ hộ, "
        f"{r.print_jobs_cleared} lệnh in — {r.events} sự kiện; {files.files} tệp "
        f"({files.bytes} byte) trong {where}"
    )
    en = (
        f"{_n(r.people_anonymised, 'person', 'people')}, {_n(r.cards_cleared, 'card')}, "
        f"{_n(r.households_cleared, 'household address', 'household addresses')}, "
        f"{_n(r.print_jobs_cleared, 'print job')} — {_n(r.events, 'event')}; "
        f"{_n(files.files, 'file')} ({_n(files.bytes, 'byte')}) in {where}"
    )
    if args.apply:
        say(f"Đã xóa: {vi}", f"Removed: {en}")
    else:
        say(
            f"Sẽ xóa (thêm --apply để xóa thật): {vi}", f"Would remove (add --apply to do it): {en}"
        )
    return 0


def _n(count: int, one: str, many: str = "") -> str:
    """An English count with its noun in the singular or plural ("1 event", "2 events")."""
    return f"{count} {one if count == 1 else many or one + 's'}"
