"""Build the Printer for one role from its configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.config import PrinterConfig
from printing.backends.base import Printer
from printing.backends.cups import CupsPrinter
from printing.backends.escpos_printers import (
    FileEscposPrinter,
    NetworkEscposPrinter,
    SerialEscposPrinter,
    UsbEscposPrinter,
    parse_id,
)
from printing.backends.pdf_folder import PdfFolderPrinter

DEFAULT_TIMEOUT_S = 5.0


def make_printer(cfg: PrinterConfig, output_dir: Path) -> Printer:
    """The printer `cfg` describes; ValueError names a missing option (config validates the rest)."""
    o: dict[str, Any] = cfg.options
    timeout = float(o.get("timeout_s", DEFAULT_TIMEOUT_S))
    profile = o.get("profile") or None
    if cfg.backend == "pdf-folder":
        return PdfFolderPrinter(cfg.role, output_dir)
    if cfg.backend == "escpos-network":
        return NetworkEscposPrinter(
            cfg.role, _need(cfg, "host"), int(o.get("port", 9100)), timeout, profile
        )
    if cfg.backend == "escpos-usb":
        return UsbEscposPrinter(
            cfg.role,
            parse_id(_need(cfg, "vendor_id")),
            parse_id(_need(cfg, "product_id")),
            timeout,
            profile,
            in_ep=parse_id(o.get("in_ep", 0x82)),
            out_ep=parse_id(o.get("out_ep", 0x01)),
        )
    if cfg.backend == "escpos-serial":
        return SerialEscposPrinter(
            cfg.role, _need(cfg, "device"), int(o.get("baudrate", 9600)), timeout, profile
        )
    if cfg.backend == "escpos-file":
        return FileEscposPrinter(
            cfg.role, str(o.get("path") or _need(cfg, "device")), timeout, profile
        )
    if cfg.backend == "cups":
        page = o.get("page_mm")
        return CupsPrinter(
            cfg.role,
            _need(cfg, "queue"),
            float(o.get("timeout_s", 10.0)),
            server=str(o.get("server", "")),
            page_mm=(float(page[0]), float(page[1])) if page else None,
        )
    raise ValueError(f"printers.{cfg.role}.backend: unknown backend {cfg.backend!r}")


def _need(cfg: PrinterConfig, key: str) -> str:
    value = cfg.options.get(key)
    if value in (None, ""):
        raise ValueError(f"printers.{cfg.role}.{key} is required for backend {cfg.backend}")
    return str(value)
