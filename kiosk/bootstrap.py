"""Start-up of the core: check and migrate the database, register this kiosk and its event,
and hold the one-instance lock of the data folder."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.engine import make_url

from kiosk import paths
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.receipts import register_receipt_books
from kiosk.store.db import Database, sqlite_url
from kiosk.store.health import check_sqlite, mark_in_use
from kiosk.store.migrate import upgrade
from kiosk.store.models import Event, Kiosk, ReceiptSeries

log = logging.getLogger(__name__)

# Events are identified by name and first day, so every kiosk of one event finds the same row.
_EVENT_NAMESPACE = uuid.UUID("6f1c2f0e-6a57-4c55-9b7e-3a1d3f0b9e21")


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


def event_id_for(config: Config) -> uuid.UUID:
    """The stable id of the configured event."""
    return uuid.uuid5(_EVENT_NAMESPACE, f"{config.event.name}|{config.event.starts_on.isoformat()}")


def sqlite_file(config: Config, data_dir: Path | None = None) -> Path | None:
    """The SQLite file the configuration uses (None for PostgreSQL)."""
    url = make_url(database_url(config, data_dir))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def open_database(config: Config, data_dir: Path | None = None) -> Database:
    """Check, open and migrate the database, then register this kiosk and its event.

    A damaged, truncated or emptied SQLite file of a kiosk already set up raises db.damaged or
    db.empty (one message with the ways out) before anything touches it.
    """
    path = sqlite_file(config, data_dir)
    if path is not None:
        check_sqlite(path)
    db = Database(database_url(config, data_dir))
    upgrade(db)
    register_kiosk(db, config)
    if path is not None:
        mark_in_use(path, config.kiosk.id)
    return db


class InstanceLock:
    """An exclusive lock on <data folder>/kiosk.lock held while the application runs.

    The OS releases it when the process ends, even after a crash or a power cut (no stale lock
    to clean up). `release()` for tests and orderly shutdown.
    """

    def __init__(self, handle: IO[str], path: Path) -> None:
        self._handle = handle
        self.path = path

    def release(self) -> None:
        self._handle.close()


def acquire_instance_lock(data_dir: Path | None = None) -> InstanceLock:
    """Take the data folder's lock, or app.already_running when another kiosk process has it."""
    folder = data_dir or paths.data_dir()
    path = folder / "kiosk.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    handle = os.fdopen(fd, "r+", encoding="ascii")
    try:
        _lock(handle)
    except OSError:
        handle.close()
        raise KioskError(
            "app.already_running",
            vi=f"Ki-ốt đang chạy trong một cửa sổ khác trên thư mục dữ liệu {folder}. Dùng "
            "cửa sổ đó, hoặc đóng nó trước khi mở lại.",
            en=f"The kiosk is already running in another window on the data folder {folder}. "
            "Use that window, or close it before starting again.",
            path=str(folder),
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return InstanceLock(handle, path)


def _lock(handle: IO[str]) -> None:
    if os.name == "posix":
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows kiosks
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]


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


def kiosk_context(config: Config) -> KioskContext:
    """The services' view of this kiosk: its id, its event and its receipt series."""
    return KioskContext(config.kiosk.id, event_id_for(config), config.kiosk.receipt_series)
