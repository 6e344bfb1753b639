"""Turning stored rows into plain JSON values and back, column type by column type."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Column, Date, Table, Uuid
from sqlalchemy import Enum as SAEnum

from kiosk.errors import KioskError
from kiosk.store.types import UtcDateTime


def to_json_value(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def from_json_value(column: Column[Any], value: Any) -> Any:
    """The column's Python value from its JSON form; a malformed value is a bundle error."""
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, Uuid):
            return uuid.UUID(str(value))
        if isinstance(kind, UtcDateTime):
            parsed = datetime.fromisoformat(str(value))
            if parsed.tzinfo is None:
                raise ValueError("naive time")
            return parsed
        if isinstance(kind, Date):
            return date.fromisoformat(str(value))
        if isinstance(kind, SAEnum) and kind.enum_class is not None:
            return kind.enum_class(value)
    except (ValueError, TypeError) as exc:
        raise bundle_error(f"{column.table.name}.{column.name}: {exc}") from None
    python_type = _python_type(column)
    if python_type is int and (not isinstance(value, int) or isinstance(value, bool)):
        raise bundle_error(f"{column.table.name}.{column.name}: not a whole number")
    if python_type is str and not isinstance(value, str):
        raise bundle_error(f"{column.table.name}.{column.name}: not text")
    return value


def row_to_json(table: Table, row: Any) -> dict[str, Any]:
    """All columns of one row as a JSON object."""
    return {c.name: to_json_value(getattr(row, c.name)) for c in table.columns}


def row_from_json(table: Table, data: Any) -> dict[str, Any]:
    """Column values from a JSON object; unknown or missing columns are bundle errors."""
    if not isinstance(data, dict):
        raise bundle_error(f"{table.name}: a row is not an object")
    unknown = set(data) - set(table.columns.keys())
    if unknown:
        raise bundle_error(f"{table.name}: unknown columns {sorted(unknown)}")
    values = {}
    for column in table.columns:
        if column.name not in data:
            raise bundle_error(f"{table.name}: missing column {column.name}")
        values[column.name] = from_json_value(column, data[column.name])
    return values


def _python_type(column: Column[Any]) -> type | None:
    try:
        return column.type.python_type
    except NotImplementedError:
        return None


def bundle_error(detail: str) -> KioskError:
    """The one error every malformed bundle gives (with the detail of what is wrong)."""
    return KioskError(
        "bundle.malformed",
        vi=f"Gói dữ liệu bị hỏng hoặc không đúng định dạng ({detail}).",
        en=f"The data bundle is damaged or not in the expected format ({detail}).",
        detail=detail,
    )
