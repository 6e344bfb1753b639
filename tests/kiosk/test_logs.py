"""Log files never contain identity or phone numbers in clear."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from kiosk.logs import mask_personal, setup_logging


def test_mask_keeps_amounts_and_hides_numbers() -> None:
    """12-digit ids, legacy codes and phones (any format) are masked; money amounts are not."""
    text = "id 066185000123 code 6601234567 tel 0912 345 678 or +84912345678 paid 1263600"
    masked = mask_personal(text)
    assert masked == "id 06********23 code 66******67 tel 09******78 or 84*******78 paid 1263600"


def test_log_file_masks_message_args_and_tracebacks(tmp_path: Path) -> None:
    """A record with the id in its args and in an exception is written masked, file owner-only."""
    path = setup_logging(tmp_path / "logs")
    log = logging.getLogger("kiosk.test")
    log.info("registered %s", "066185000123")
    try:
        raise ValueError("bad id 066185000123")
    except ValueError:
        log.exception("failed for %s", "0912345678")
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(handler)
        handler.close()
    content = path.read_text(encoding="utf-8")
    assert "066185000123" not in content and "0912345678" not in content
    assert "registered 06********23" in content and "bad id 06********23" in content
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("066 185 000 123", "06********23"),
        ("066.185.000.123", "06********23"),
        ("066-185-000-123", "06********23"),
        ("123 456 789", "12*****89"),
        ("79 1234 5678", "79******78"),
        ("0912 345 678", "09******78"),
        ("0912.345.678", "09******78"),
        ("+84 912-345-678", "84*******78"),
        ("(+84) 912.345.678", "84*******78"),
        ("GD4797912345678", "GD47*********78"),
        ("GD 4 79 7912345678", "GD47*********78"),
        ("2026-11-25 0912345678", "2026-11-25 09******78"),
    ],
)
def test_every_way_people_write_a_number_is_masked(written: str, masked: str) -> None:
    """Spaced, dotted, dashed identity, social insurance and phone numbers and health card
    codes are masked; the digits never survive in clear."""
    assert mask_personal(f"số {written}.") == f"số {masked}."


@pytest.mark.parametrize(
    "kept",
    [
        "2026-11-25 08:00:00",
        "1.366.200 đ",
        "biên lai K02-17",
        "job 6f1c2f0e-6a57-4c55-9b7e-3a1d3f0b9e21",
        "12345678-1234-4c55-9b7e-3a1d3f0b9e21",
        "policy 2025.1.3",
    ],
)
def test_dates_amounts_and_ids_are_left_alone(kept: str) -> None:
    """What is not a personal number (dates, amounts, receipt numbers, UUIDs) stays readable."""
    assert mask_personal(kept) == kept


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_every_rotated_log_file_is_owner_only(tmp_path: Path, umask: int) -> None:
    """Whatever the umask, after several rollovers kiosk.log and each kiosk.log.N are 0600."""
    old = os.umask(umask)
    try:
        path = setup_logging(tmp_path / "logs", max_bytes=300, backups=3)
        log = logging.getLogger("kiosk.rotate")
        for i in range(40):
            log.info("line %03d %s", i, "x" * 40)
    finally:
        os.umask(old)
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
            root.removeHandler(handler)
            handler.close()
    files = sorted(path.parent.glob("kiosk.log*"))
    assert [f.name for f in files] == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    assert {f.stat().st_mode & 0o777 for f in files} == {0o600}
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_an_old_wide_log_file_is_narrowed(tmp_path: Path) -> None:
    """A kiosk.log left 0644 by an older version is 0600 once logging starts."""
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "kiosk.log").write_text("old\n")
    (folder / "kiosk.log").chmod(0o644)
    path = setup_logging(folder)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(handler)
        handler.close()
    assert path.stat().st_mode & 0o777 == 0o600
