"""`kiosk init`: write the default configuration and prepare the database."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk import paths
from kiosk.config import load_config, write_default_config


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "init", help="create the configuration file with commented defaults and the database"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.bootstrap import open_database

    path = paths.config_path()
    created = write_default_config(path, force=args.force)
    config = load_config(path)
    db = open_database(config)
    db.dispose()
    state = "đã tạo / created" if created else "đã có sẵn / already there"
    print(f"Cấu hình / configuration: {path} ({state})")
    print(f"Dữ liệu / data: {paths.data_dir()}")
    return 0
