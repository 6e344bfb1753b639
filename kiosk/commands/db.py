"""`kiosk db status | upgrade`: the database's migration state (start-up migrates by itself)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli_lang import say, text


def register(sub: Any) -> None:
    parser = sub.add_parser("db", help="show or bring up to date the database schema")
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("status", help="where the database is and its schema revision")
    verbs.add_parser("upgrade", help="migrate to the newest revision (backing up SQLite first)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.bootstrap import database_url
    from kiosk.config import load_config
    from kiosk.paths import config_path
    from kiosk.store.db import Database
    from kiosk.store.migrate import current_revision, head_revision, upgrade

    config = load_config(config_path())
    db = Database(database_url(config))
    try:
        if args.verb == "upgrade":
            backup = upgrade(db)
            if backup is not None:
                say(
                    f"Bản sao trước khi nâng cấp: {backup}",
                    f"Backup made before the upgrade: {backup}",
                )
        current, head = current_revision(db), head_revision(db)
        url = db.engine.url.render_as_string(hide_password=True)
        say(f"Cơ sở dữ liệu: {url}", f"Database: {url}")
        shown = current or text("(trống)", "(empty)")
        say(f"Phiên bản: {shown}; mới nhất: {head}", f"Revision: {shown}; newest: {head}")
        return 0 if current == head else 1
    finally:
        db.dispose()
