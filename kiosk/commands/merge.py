"""`kiosk export-bundle` and `kiosk merge`: hand a kiosk's records over to the office."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.errors import KioskError
from kiosk.private_files import write_private


def register(sub: Any) -> None:
    export = sub.add_parser(
        "export-bundle", help="write a signed bundle of everything recorded here"
    )
    export.add_argument("--out", type=Path, required=True, help="bundle file to write")
    export.set_defaults(func=run_export)
    merge = sub.add_parser("merge", help="import a kiosk's bundle (twice = once)")
    merge.add_argument("bundle", type=Path)
    merge.add_argument(
        "--require-known-key",
        action="store_true",
        help="refuse bundles from kiosks whose key is not registered yet",
    )
    merge.set_defaults(func=run_merge)


def _open() -> tuple[Any, Any]:
    from kiosk.bootstrap import kiosk_context, open_database
    from kiosk.config import load_config

    config = load_config(paths.config_path())
    db = open_database(config)
    ctx = kiosk_context(config)
    return db, ctx


def run_export(args: argparse.Namespace) -> int:
    from kiosk.domain.keys import load_or_create_private_key
    from kiosk.services.bundle import export_bundle

    db, ctx = _open()
    key = load_or_create_private_key(paths.keys_dir())
    with db.unit_of_work() as session:
        data = export_bundle(session, ctx, key)
    write_private(args.out, data)
    print(f"Đã xuất / exported: {args.out} ({len(data)} bytes)")
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from kiosk.services.bundle import merge_bundle

    try:
        data = args.bundle.read_bytes()
    except OSError as exc:
        raise KioskError(
            "bundle.unreadable",
            vi=f"Không đọc được tệp {args.bundle}: {exc.strerror}.",
            en=f"Cannot read {args.bundle}: {exc.strerror}.",
        ) from None
    db, ctx = _open()
    with db.unit_of_work() as session:
        report = merge_bundle(session, ctx, data, require_known_key=args.require_known_key)
    if report.already_merged:
        print(
            f"Gói {report.bundle_id} đã được nhập trước đây: không thay đổi gì. / Already merged."
        )
        return 0
    added = ", ".join(f"{k}: {v}" for k, v in sorted(report.added.items())) or "0"
    print(f"Kiosk {report.kiosk_id}: thêm / added {added}; đã có / unchanged {report.unchanged}")
    for conflict in report.conflicts:
        print(f"XUNG ĐỘT / CONFLICT: {conflict}")
    return 0
