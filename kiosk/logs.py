"""Logging to a rotating file with identity and phone numbers masked."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

# Identity numbers (12 digits, old 9-digit ids, 10-digit social insurance codes) and phone
# numbers (0xxxxxxxxx, +84xxxxxxxxx, with or without separators) are personal data.
_PHONE = re.compile(r"(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){9}(?![\d])")
_DIGITS = re.compile(r"(?<![\d])\d{9,12}(?![\d])")


def mask_personal(text: str) -> str:
    """Replace identity and phone numbers with a masked form keeping 2 leading and 2 trailing digits."""

    def _mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return digits[:2] + "*" * (len(digits) - 4) + digits[-2:]

    return _DIGITS.sub(_mask, _PHONE.sub(_mask, text))


class MaskingFilter(logging.Filter):
    """Masks personal numbers in the final message (args included) before any handler writes."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal(record.exc_text)
        record.msg, record.args = masked, None
        return True


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Log to <log_dir>/kiosk.log (rotating, 5 × 2 MB, owner-only); returns the file path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    if not path.exists():
        path.touch()
    if os.name == "posix":
        path.chmod(0o600)
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(old)
        old.close()
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
