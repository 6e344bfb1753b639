"""Log files never contain identity or phone numbers in clear."""

from __future__ import annotations

import logging
from pathlib import Path

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
