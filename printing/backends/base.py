"""The printer interface the print queue talks to: payloads, status, and printer errors."""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from kiosk.errors import KioskError

PRINTER_ERROR_CODES = (
    "printer.offline",
    "printer.paper_out",
    "printer.timeout",
    "printer.dropped",
    "printer.wrong_page_size",
    "printer.cover_open",
)
# Retrying cannot fix a document rendered for the wrong paper; everything else is a state of
# the printer that staff can fix (plug in, load paper, close the cover) before the queue retries.
_NOT_RETRYABLE = frozenset({"printer.wrong_page_size"})

# (Vietnamese, English) sentences; {printer} is the printer's name, {reason} optional detail.
_MESSAGES: dict[str, tuple[str, str]] = {
    "printer.offline": (
        "Không kết nối được với máy in {printer}. Hãy kiểm tra nguồn điện và dây cáp/mạng.",
        "Cannot reach printer {printer}. Check its power and cable/network.",
    ),
    "printer.paper_out": (
        "Máy in {printer} đã hết giấy. Hãy nạp giấy rồi in lại.",
        "Printer {printer} is out of paper. Load paper and print again.",
    ),
    "printer.timeout": (
        "Máy in {printer} không phản hồi kịp thời. Hãy kiểm tra máy in rồi thử lại.",
        "Printer {printer} did not respond in time. Check the printer and try again.",
    ),
    "printer.dropped": (
        "Kết nối với máy in {printer} bị ngắt giữa chừng. Bản in có thể chưa hoàn chỉnh.",
        "The connection to printer {printer} dropped mid-job. The printout may be incomplete.",
    ),
    "printer.wrong_page_size": (
        "Khổ giấy của tài liệu không khớp với máy in {printer}. Không thể in tài liệu này.",
        "The document's page size does not match printer {printer}. It cannot be printed.",
    ),
    "printer.cover_open": (
        "Nắp máy in {printer} đang mở. Hãy đóng nắp rồi in lại.",
        "The cover of printer {printer} is open. Close it and print again.",
    ),
}

PAYLOAD_KINDS = ("escpos", "pdf")


class PrinterError(KioskError):
    """A print job could not be delivered; ``retryable`` tells the queue whether to try again."""

    @property
    def retryable(self) -> bool:
        """True when the printer state may change (offline, paper out...), False otherwise."""
        return self.code not in _NOT_RETRYABLE


def printer_error(
    code: str, printer: str, reason: str = "", reason_en: str = "", **params: Any
) -> PrinterError:
    """The PrinterError for `code` with the standard sentences naming `printer`.

    `reason` (technical detail such as the OS error) is appended to both sentences, unless
    `reason_en` gives the English sentence its own (a status detail in both languages).
    """
    vi, en = _MESSAGES[code]
    vi, en = vi.format(printer=printer), en.format(printer=printer)
    if reason:
        vi, en = f"{vi} (Chi tiết: {reason})", f"{en} (Detail: {reason_en or reason})"
    vi = unicodedata.normalize("NFC", vi)
    return PrinterError(code, vi=vi, en=en, printer=printer, reason=reason, **params)


@dataclass(frozen=True)
class Payload:
    """What the queue hands a printer: raw ESC/POS bytes or a PDF."""

    kind: str  # "escpos" (raw ESC/POS bytes) or "pdf"
    data: bytes
    name: str  # file-safe base name, e.g. "receipt-BL25-000042"
    page_mm: tuple[float, float] | None = None  # PDF page size; cards (85.6, 53.98)

    def __post_init__(self) -> None:
        if self.kind not in PAYLOAD_KINDS:
            raise ValueError(f"unknown payload kind {self.kind!r}")


@dataclass(frozen=True)
class PrinterStatus:
    """A printer's state for the staff status bar and `printers list`."""

    online: bool
    paper: str  # "ok" | "out" | "low" | "unknown"
    detail: str  # short Vietnamese text
    detail_en: str = ""  # the same in English ("" when a backend gives none)

    def text(self, lang: str) -> str:
        """The detail in `lang`: English when asked for and given, else the Vietnamese."""
        if lang == "en" and self.detail_en:
            return self.detail_en
        return unicodedata.normalize("NFC", self.detail)


class Printer(ABC):
    """One physical (or virtual) printer. Implementations must never block for long."""

    name: str
    accepts: tuple[str, ...]

    @abstractmethod
    def send(self, payload: Payload) -> None:
        """Deliver `payload`; raises PrinterError when it was not (fully) delivered."""

    @abstractmethod
    def status(self) -> PrinterStatus:
        """The printer's current state; never raises (unreachable means online=False)."""

    def check_accepts(self, payload: Payload) -> None:
        """Refuse a payload kind this printer cannot print (a configuration bug, not a retry)."""
        if payload.kind not in self.accepts:
            raise printer_error(
                "printer.wrong_page_size",
                self.name,
                f"{payload.kind} ≠ {', '.join(self.accepts)}",
            )


ROLE_NAMES_VI = {
    "receipt": "biên lai",
    "card": "thẻ",
    "booklet": "sổ",
    "declaration": "tờ khai",
}


def display_name(role: str, target: str) -> str:
    """A human name for a printer: its role in Vietnamese and where it is, e.g. "thẻ (kiosk-card)"."""
    return (
        f"{ROLE_NAMES_VI.get(role, role)} ({target})" if target else ROLE_NAMES_VI.get(role, role)
    )


SIZE_TOLERANCE_MM = 0.5  # a card printer's driver rounds the ID-1 size to its own dots


def check_page_size(
    printer: str, actual: tuple[float, float], expected: tuple[float, float]
) -> None:
    """Refuse a page that is not `expected` (mm, either orientation: the driver or CUPS turns
    a landscape card) with printer.wrong_page_size, which is not retried."""
    if any(
        abs(a - e) > SIZE_TOLERANCE_MM
        for a, e in zip(sorted(actual), sorted(expected), strict=True)
    ):
        got = f"{actual[0]:.2f}×{actual[1]:.2f} mm"
        want = f"{expected[0]:.2f}×{expected[1]:.2f} mm"
        raise printer_error("printer.wrong_page_size", printer, f"{got} ≠ {want}")
