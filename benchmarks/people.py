"""A database of N synthetic people (cached between runs) for lookup and search timings."""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Sequence
from pathlib import Path

from kiosk.bootstrap import register_kiosk
from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.text import fold_accents
from kiosk.services.search import name_tokens
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "H'",
    "Y",
    "Niê",
    "Ksor",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Kim", "Gia", ""]
GIVEN = [
    "Huyền",
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
    "Blô",
    "Đức",
]
PROVINCES = ["001", "066", "068", "075", "079", "089", "092", "064"]


def build(path: Path, count: int, seed: int = 7) -> str:
    """Create (once) a migrated SQLite database with `count` people; returns its URL."""
    url = sqlite_url(path)
    marker = path.with_suffix(f".tokens3.{count}.done")  # name tokens with the folded name
    if marker.exists():
        return url
    path.unlink(missing_ok=True)
    db = Database(url)
    upgrade(db)
    register_kiosk(db, parse_config(DEFAULT_CONFIG))
    db.dispose()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    batch = []
    for i in range(count):
        name = " ".join(p for p in (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)) if p)
        batch.append(
            (
                uuid.UUID(int=rng.getrandbits(128)).hex,
                f"{i:012d}",
                name,
                fold_accents(name),
                f"19{i % 100:02d}-01-01",
                "male" if i % 2 == 0 else "female",
                "Kinh",
                "Việt Nam",
                f"09{i % 100_000_000:08d}",
                "",
                "2026-01-01 00:00:00.000000",
                "2026-01-01 00:00:00.000000",
            )
        )
        if len(batch) == 50_000:
            _insert(conn, batch)
            batch.clear()
    if batch:
        _insert(conn, batch)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    marker.touch()
    return url


def _insert(conn: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """People and their name tokens (what register_visit's index_person_name writes)."""
    conn.executemany(
        "INSERT OR IGNORE INTO person_name_tokens (token, person_id, name_folded) VALUES (?, ?, ?)",
        [(token, row[0], row[3]) for row in rows for token in name_tokens(str(row[2]))],
    )
    conn.executemany(
        "INSERT INTO persons (id, personal_id, full_name, name_folded, birth_date, sex, ethnicity, "
        "nationality, phone, address, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
