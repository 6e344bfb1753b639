"""Small column helpers: enums stored as their string values."""

from __future__ import annotations

from sqlalchemy import Enum

from kiosk.domain.enums import StrEnum


def enum_type(enum_cls: type[StrEnum]) -> Enum:
    """Store a StrEnum by value in a plain VARCHAR (no native enum: same on SQLite and PostgreSQL)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
    )
