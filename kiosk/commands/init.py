"""`kiosk init`: write the default configuration, prepare the database, print the kiosk's key."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk import paths
from kiosk.cli_lang import say, text
from kiosk.config import load_config, write_default_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "init", help="create the configuration file with commented defaults and the database"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite an existing file (needs --by SUPERVISOR once staff exist)",
    )
    way_out = parser.add_mutually_exclusive_group()
    way_out.add_argument(
        "--restore-backup",
        action="store_true",
        help="damaged or emptied database: set it aside and restore the newest backup",
    )
    way_out.add_argument(
        "--start-fresh",
        action="store_true",
        help="damaged or emptied database: set it aside (kept) and start a new one",
    )
    way_out.add_argument(
        "--confirm-receipts",
        nargs="*",
        metavar="SYMBOL=NUMBER",
        help="after --restore-backup: the last receipt number on paper of each book in use "
        "(without numbers: list the books)",
    )
    from kiosk.commands._common import add_supervisor_argument

    add_supervisor_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.bootstrap import kiosk_context, open_database
    from kiosk.commands._common import authorize
    from kiosk.domain.keys import load_or_create_private_key, public_key_text

    path = paths.config_path()
    if args.restore_backup or args.start_fresh:
        return _way_out(args, path)
    if args.confirm_receipts is not None:
        from kiosk.commands._restore_receipts import confirm

        return confirm(args, load_config(path))
    if args.force and path.exists():
        # Resetting the settings is a supervisor's decision once the kiosk is in use.
        config = load_config(path)
        db = open_database(config)
        try:
            authorize(db, kiosk_context(config), args.by, "init --force")
        finally:
            db.dispose()
    created = write_default_config(path, force=args.force)
    config = load_config(path)
    db = open_database(config)
    db.dispose()
    key = load_or_create_private_key(paths.keys_dir())
    state = text("đã tạo", "created") if created else text("đã có sẵn", "already there")
    say(f"Cấu hình: {path} ({state})", f"Configuration: {path} ({state})")
    data, kiosk_id = paths.data_dir(), config.kiosk.id
    say(f"Dữ liệu: {data}", f"Data: {data}")
    say(
        f"Khóa ký của ki-ốt {kiosk_id}; văn phòng đăng ký bằng lệnh:",
        f"Signing key of kiosk {kiosk_id}; the office registers it with:",
    )
    print(f"  python -m kiosk trust {kiosk_id} {public_key_text(key)}")
    return 0


def _way_out(args: argparse.Namespace, path: Any) -> int:
    """The two ways out of a damaged or emptied database offered by the start-up check.

    No PIN is asked: the staff accounts are in the damaged file; whoever has the kiosk user's
    shell already has the files.
    """
    from kiosk.bootstrap import open_database, sqlite_file
    from kiosk.store.health import restore_latest_backup, set_aside

    config = load_config(path)
    db_path = sqlite_file(config)
    if db_path is None:
        say(
            "PostgreSQL: hãy khôi phục cơ sở dữ liệu trên máy chủ.",
            "PostgreSQL: restore the database on the server.",
        )
        return 2
    if args.restore_backup:
        from kiosk.commands._restore_receipts import list_books

        source = restore_latest_backup(db_path)
        say(f"Đã khôi phục: {source} -> {db_path}", f"Restored: {source} -> {db_path}")
        return list_books(config)
    moved = set_aside(db_path)
    say(f"Đã cất sang bên: {moved}", f"Set aside: {moved}")
    open_database(config).dispose()
    say(f"Cơ sở dữ liệu sẵn sàng: {db_path}", f"Database ready: {db_path}")
    return 0
