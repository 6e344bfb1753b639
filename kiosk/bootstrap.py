"""Start-up of the core: resolve the database, migrate it, register this kiosk and its event."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from sqlalchemy import select

from kiosk import paths
from kiosk.config import Config
from kiosk.services.context import KioskContext
from kiosk.store.db import Database, sqlite_url
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


def open_database(config: Config, data_dir: Path | None = None) -> Database:
    """Open (and migrate) the database, then make sure this kiosk and its event are registered."""
    db = Database(database_url(config, data_dir))
    upgrade(db)
    register_kiosk(db, config)
    return db


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
            from kiosk.errors import KioskError

            raise KioskError(
                "config.series_taken",
                vi=f"Sê-ri biên lai {series.series} đã thuộc ki-ốt {series.kiosk_id}.",
                en=f"Receipt series {series.series} already belongs to kiosk {series.kiosk_id}.",
            )
        kiosk.receipt_series = config.kiosk.receipt_series


def kiosk_context(config: Config) -> KioskContext:
    """The services' view of this kiosk: its id, its event and its receipt series."""
    return KioskContext(config.kiosk.id, event_id_for(config), config.kiosk.receipt_series)
