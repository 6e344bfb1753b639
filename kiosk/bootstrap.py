"""Start-up of the core: check and migrate the database, register this kiosk and its event,
and hold the one-instance lock of the data folder."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from kiosk import paths
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.instance_lock import InstanceLock, acquire_instance_lock
from kiosk.services.context import KioskContext, event_id_for, kiosk_context
from kiosk.services.receipts import register_receipt_books
from kiosk.store.backup import sqlite_path
from kiosk.store.db import Database, is_connection_failure, sqlite_url
from kiosk.store.health import check_sqlite, mark_in_use
from kiosk.store.migrate import upgrade
from kiosk.store.models import Event, Kiosk, ReceiptSeries

log = logging.getLogger(__name__)

__all__ = [
    "InstanceLock",
    "KioskContext",
    "acquire_instance_lock",
    "database_url",
    "event_id_for",
    "kiosk_context",
    "open_database",
    "output_dir",
    "register_kiosk",
    "sqlite_file",
]


def database_url(config: Config, data_dir: Path | None = None) -> str:
    """KIOSK_DATABASE_URL or the configured URL; otherwise SQLite in the data directory."""
    if config.database_url:
        return config.database_url
    return sqlite_url((data_dir or paths.data_dir()) / "kiosk.sqlite3")


def output_dir(config: Config, data_dir: Path | None = None) -> Path:
    """Where the PDF printer and exports write."""
    path = (
        Path(config.output_dir) if config.output_dir else (data_dir or paths.data_dir()) / "output"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_file(config: Config, data_dir: Path | None = None) -> Path | None:
    """The SQLite file the configuration uses (None for PostgreSQL)."""
    return sqlite_path(database_url(config, data_dir))


def open_database(
    config: Config, data_dir: Path | None = None, *, restored_ok: bool = False
) -> Database:
    """Check, open and migrate the database, then register this kiosk and its event.

    A damaged, truncated or emptied SQLite file of a kiosk already set up raises db.damaged or
    db.empty (one message with the ways out) before anything touches it; one restored from a
    backup raises db.restored_unconfirmed until its receipt numbers are confirmed
    (`restored_ok`: the command that confirms them).
    """
    path = sqlite_file(config, data_dir)
    if path is not None:
        check_sqlite(path, restored_ok=restored_ok)
    url = database_url(config, data_dir)
    db = Database(url)
    try:
        upgrade(db)
        register_kiosk(db, config)
    except OperationalError as exc:
        db.dispose()
        if path is None and is_connection_failure(exc):  # the shared server: down or refusing
            raise _server_unreachable(url, exc) from exc
        raise
    if path is not None:
        mark_in_use(path, config.kiosk.id)
    return db


def day_backup(config: Config, data_dir: Path | None = None) -> Path | None:
    """The kiosk's first start of a day copies its SQLite file (kiosk/store/backup.py); a
    failure is logged, never stops the start (the main file is untouched)."""
    from kiosk.store.backup import daily_snapshot

    path = sqlite_file(config, data_dir)
    if path is None:
        return None
    try:
        return daily_snapshot(path)
    except Exception:
        log.exception("the day's backup of %s could not be made", path)
        return None


def _server_unreachable(url: str, exc: OperationalError) -> KioskError:
    """One message for a shared database the kiosk cannot reach (the password never shown)."""
    where = make_url(url)
    server = f"{where.host or 'localhost'}:{where.port or 5432}/{where.database or ''}"
    reason = str(exc.orig or exc).strip().splitlines()[0][:200]
    return KioskError(
        "db.unreachable",
        vi=f"Không kết nối được cơ sở dữ liệu dùng chung {server}: máy chủ chưa bật, mạng "
        "chưa nối hoặc tên, mật khẩu không đúng. Kiểm tra máy chủ và mạng rồi mở lại ki-ốt "
        f"(chi tiết: {reason}).",
        en=f"Cannot reach the shared database {server}: the server is not running, the network "
        "is not connected, or the user name or password is wrong. Check the server and the "
        f"network, then start the kiosk again (detail: {reason}).",
        server=server,
    )


def register_kiosk(db: Database, config: Config) -> None:
    """Create or update the Event, Kiosk and ReceiptSeries rows for this configuration."""
    event_id = event_id_for(config)
    with db.unit_of_work() as session:
        event = session.get(Event, event_id)
        if event is None:
            event = Event(
                id=event_id, starts_on=config.event.starts_on, ends_on=config.event.ends_on
            )
            session.add(event)
        event.name = config.event.name
        event.venue = config.event.venue
        event.commune = config.event.commune
        event.province = config.event.province
        event.ends_on = config.event.ends_on
        kiosk = session.get(Kiosk, config.kiosk.id)
        if kiosk is None:
            kiosk = Kiosk(id=config.kiosk.id, receipt_series=config.kiosk.receipt_series)
            session.add(kiosk)
        kiosk.name = config.kiosk.name
        kiosk.event_id = event_id
        series = session.scalar(
            select(ReceiptSeries).where(ReceiptSeries.series == config.kiosk.receipt_series)
        )
        if series is None:
            session.flush()
            session.add(ReceiptSeries(series=config.kiosk.receipt_series, kiosk_id=kiosk.id))
        elif series.kiosk_id != kiosk.id:
            raise KioskError(
                "config.series_taken",
                vi=f"Sê-ri biên lai {series.series} đã thuộc ki-ốt {series.kiosk_id}.",
                en=f"Receipt series {series.series} already belongs to kiosk {series.kiosk_id}.",
            )
        kiosk.receipt_series = config.kiosk.receipt_series
        session.flush()
        # The agent's C45-BB receipt book of each scheme ([agent] series_bhyt / series_bhxh).
        register_receipt_books(session, kiosk.id, config.kiosk.receipt_series, config.agent)
