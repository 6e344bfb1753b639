"""`kiosk retention`: remove personal data of old events while keeping the accounting totals."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

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
    verb = "Đã xóa / removed" if args.apply else "Sẽ xóa (thêm --apply để làm) / would remove"
    print(
        f"{verb}: {report.people_anonymised} người / people, {report.cards_cleared} thẻ / cards, "
        f"{report.households_cleared} địa chỉ hộ / household addresses, "
        f"{report.print_jobs_cleared} lệnh in / print jobs — {report.events} sự kiện / events; "
        f"{files.files} tệp / files ({files.bytes} bytes) trong / in "
        + ", ".join(str(f) for f in folders)
    )
    return 0
