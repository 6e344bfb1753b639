"""`kiosk export-bundle` and `kiosk merge`: hand a kiosk's records over to the office."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.cli_lang import say
from kiosk.commands._common import add_supervisor_argument, authorize, open_kiosk
from kiosk.errors import KioskError
from kiosk.private_files import save_private


def register(sub: Any) -> None:
    export = sub.add_parser(
        "export-bundle",
        help="write this kiosk's records, signed and encrypted to the office's key",
    )
    export.add_argument("--out", type=Path, required=True, help="bundle file to write")
    export.set_defaults(func=run_export)
    merge = sub.add_parser("merge", help="import a kiosk's bundle at the office (twice = once)")
    merge.add_argument("bundle", type=Path)
    merge.add_argument(
        "--trust-first-use",
        action="store_true",
        help="register the key inside the bundle of a kiosk not registered yet (prefer "
        "`kiosk trust KIOSK_ID KEY` with the key read from the kiosk's screen)",
    )
    add_supervisor_argument(merge)
    merge.set_defaults(func=run_merge)


def run_export(args: argparse.Namespace) -> int:
    from kiosk.config import load_config
    from kiosk.domain.keys import load_or_create_private_key
    from kiosk.services.bundle import export_bundle, office_public_key

    office = office_public_key(load_config(paths.config_path()))
    db, ctx = open_kiosk()
    try:
        key = load_or_create_private_key(paths.keys_dir())
        with db.unit_of_work() as session:
            data = export_bundle(session, ctx, key, office)
            # Written inside the transaction: if the USB stick is full, the export (its number
            # and audit entry) is rolled back and the same number is used next time.
            save_private(args.out, data, ("gói dữ liệu", "bundle"))
    finally:
        db.dispose()
    say(f"Đã xuất: {args.out} ({len(data)} byte)", f"Exported: {args.out} ({len(data)} bytes)")
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from kiosk.domain.keys import load_office_key
    from kiosk.services.bundle import merge_bundle
    from kiosk.services.bundle_codec import MAX_FILE_BYTES

    try:
        with args.bundle.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the cap is checked by the reader
    except OSError as exc:
        raise KioskError(
            "bundle.unreadable",
            vi=f"Không đọc được tệp {args.bundle}: {exc.strerror}.",
            en=f"Cannot read {args.bundle}: {exc.strerror}.",
        ) from None
    office = load_office_key(paths.keys_dir())
    db, ctx = open_kiosk()
    try:
        by = authorize(db, ctx, args.by, "merge")
        with db.unit_of_work() as session:
            report = merge_bundle(
                session, ctx, data, office, trust_first_use=args.trust_first_use, by=by
            )
    finally:
        db.dispose()
    if report.already_merged:
        say(
            f"Gói {report.bundle_id} đã được nhập trước đây: không thay đổi gì.",
            f"Bundle {report.bundle_id} was merged before: nothing changed.",
        )
        return 0
    # Table names are the bundle's own identifiers (as in the audit log), not translated.
    added = ", ".join(f"{k}: {v}" for k, v in sorted(report.added.items())) or "0"
    where = f"{report.kiosk_id} #{report.sequence}"
    say(
        f"Ki-ốt {where}: thêm {added}; đã có: {report.unchanged}",
        f"Kiosk {where}: added {added}; already here: {report.unchanged}",
    )
    # Each conflict line is written by kiosk.services.bundle in English, the language of the
    # audit log that stores it; only its tag follows --lang.
    for conflict in report.conflicts:
        say(f"XUNG ĐỘT: {conflict}", f"CONFLICT: {conflict}")
    return 0
