"""Logging to a rotating, owner-only file with identity, phone and card numbers masked."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path
from typing import Any

# A run of 9 or more digits, possibly split by single spaces, dots or dashes the way people
# write them: identity numbers (066 185 000 123, 066.185.000.123), old 9-digit ids, 10-digit
# social insurance numbers (79 1234 5678), phone numbers (0912 345 678, +84 912-345-678,
# (+84) 912.345.678). Not inside a word or a dashed/dotted run (UUIDs, versions).
_SEP = r"[ .\-]"
_NUMBER = re.compile(
    rf"(?<![\w])(?<!\w[.\-])(?:\(\+84\) ?|\+84{_SEP}?)?\d(?:{_SEP}?\d){{8,14}}(?![\w])(?![.\-]\w)"
)
# Health insurance card codes: 2 letters, then 13 digits (GD4797912345678, "GD 4 79 791...").
_CARD = re.compile(rf"(?<![\w])([A-Z]{{2}}){_SEP}?(\d(?:{_SEP}?\d){{12}})(?![\w])")
# Dates and times are not personal numbers: 2026-11-25, 2026-11-25 08 (an ISO stamp's start).
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
LOG_MODE = 0o600


def mask_personal(text: str) -> str:
    """Mask identity, phone, social insurance and card numbers: 2 leading and 2 trailing
    digits are kept (066185000123 -> 06********23), the rest become stars."""
    text = _CARD.sub(lambda m: m.group(1) + _masked(m.group(2)), text)
    return _NUMBER.sub(_mask_number, text)


def _mask_number(match: re.Match[str]) -> str:
    found = match.group(0)
    date = _DATE.match(found)
    if date:  # a date, then perhaps a number written right after it: mask only the number
        return date.group(0) + _NUMBER.sub(_mask_number, found[date.end() :])
    return _masked(found)


def _masked(found: str) -> str:
    digits = re.sub(r"\D", "", found)
    return digits[:2] + "*" * (len(digits) - 4) + digits[-2:]


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


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file (the current one and each rotated one) is 0600.

    The standard handler opens the fresh file after a rollover with the process umask (0644 on
    most systems), and that file later becomes kiosk.log.1: here it is created 0600 from the
    start, whatever the umask.
    """

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, LOG_MODE)
        if os.name == "posix":
            os.fchmod(fd, LOG_MODE)  # a file left by an older version keeps no wider mode
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    def doRollover(self) -> None:
        super().doRollover()
        if os.name == "posix":
            for index in range(1, self.backupCount + 1):
                rotated = Path(f"{self.baseFilename}.{index}")
                if rotated.exists():
                    rotated.chmod(LOG_MODE)


def setup_logging(
    log_dir: Path, level: int = logging.INFO, max_bytes: int = 2_000_000, backups: int = 5
) -> Path:
    """Log to <log_dir>/kiosk.log (rotating, 5 × 2 MB, owner-only); returns the file path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        log_dir.chmod(0o700)
    path = log_dir / "kiosk.log"
    handler = PrivateRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(old)
        old.close()
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
