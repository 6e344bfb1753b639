"""Build the Printer for one role from its configuration.

Each backend's module is imported only when a printer uses it: python-escpos alone takes about
half a second to load its printer database, which the kiosk's first screen must not wait for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.config import Config, PrinterConfig
from kiosk.services.doctor import PrinterProbe
from printing.backends.base import Printer

DEFAULT_TIMEOUT_S = 5.0
# Every backend this factory builds (kiosk/config.py must accept the same names).
BACKENDS = (
    "pdf-folder",
    "escpos-network",
    "escpos-usb",
    "escpos-serial",
    "escpos-file",
    "escpos-windows",
    "cups",
    "qt-print",
)


def make_printer(cfg: PrinterConfig, output_dir: Path) -> Printer:
    """The printer `cfg` describes; ValueError names a missing option (config validates the rest)."""
    o: dict[str, Any] = cfg.options
    timeout = float(o.get("timeout_s", DEFAULT_TIMEOUT_S))
    profile = o.get("profile") or None
    if cfg.backend == "pdf-folder":
        from printing.backends.pdf_folder import PdfFolderPrinter

        return PdfFolderPrinter(cfg.role, output_dir)
    if cfg.backend == "cups":
        from printing.backends.cups import CupsPrinter

        return CupsPrinter(
            cfg.role,
            _need(cfg, "queue"),
            float(o.get("timeout_s", 10.0)),
            server=str(o.get("server", "")),
            page_mm=_page(o),
        )
    if cfg.backend == "qt-print":
        from printing.backends.qt_print import MAX_RASTER_DPI, QtPrintPrinter

        # queue "" is the system's default printer (the one its print dialog preselects).
        return QtPrintPrinter(
            cfg.role,
            str(o.get("queue", "")),
            page_mm=_page(o),
            max_dpi=int(o.get("max_dpi", MAX_RASTER_DPI)),
        )
    if cfg.backend == "escpos-windows":
        from printing.backends.escpos_windows import WindowsEscposPrinter

        return WindowsEscposPrinter(cfg.role, str(o.get("queue", "")), timeout, profile)
    return _escpos(cfg, o, timeout, profile)


def _escpos(cfg: PrinterConfig, o: dict[str, Any], timeout: float, profile: Any) -> Printer:
    from printing.backends import escpos_printers as ep

    if cfg.backend == "escpos-network":
        return ep.NetworkEscposPrinter(
            cfg.role, _need(cfg, "host"), int(o.get("port", 9100)), timeout, profile
        )
    if cfg.backend == "escpos-usb":
        return ep.UsbEscposPrinter(
            cfg.role,
            ep.parse_id(_need(cfg, "vendor_id")),
            ep.parse_id(_need(cfg, "product_id")),
            timeout,
            profile,
            in_ep=ep.parse_id(o.get("in_ep", 0x82)),
            out_ep=ep.parse_id(o.get("out_ep", 0x01)),
        )
    if cfg.backend == "escpos-serial":
        return ep.SerialEscposPrinter(
            cfg.role, _need(cfg, "device"), int(o.get("baudrate", 9600)), timeout, profile
        )
    if cfg.backend == "escpos-file":
        return ep.FileEscposPrinter(
            cfg.role, str(o.get("path") or _need(cfg, "device")), timeout, profile
        )
    raise ValueError(f"printers.{cfg.role}.backend: unknown backend {cfg.backend!r}")


def printer_probes(config: Config, output_dir: Path) -> dict[str, PrinterProbe]:
    """Each role's printer asked for its state (for `kiosk doctor` and the console checklist).

    Slow for unreachable network printers (up to their timeout each): call it off the GUI thread.
    """
    out: dict[str, PrinterProbe] = {}
    for role, cfg in config.printers.items():
        try:
            printer = make_printer(cfg, output_dir)
            state = printer.status()
        except Exception as exc:  # a broken entry is a finding, not a crash of the checklist
            # The exception's own text, the same in both sentences.
            out[role] = PrinterProbe(cfg.backend, False, str(exc)[:200], str(exc)[:200])
            continue
        detail, detail_en = state.text("vi"), state.text("en")
        if cfg.backend == "pdf-folder" and state.online:
            detail = detail_en = str(getattr(printer, "folder", output_dir))
        out[role] = PrinterProbe(cfg.backend, state.online, detail, detail_en)
    return out


def _page(o: dict[str, Any]) -> tuple[float, float] | None:
    page = o.get("page_mm")
    return (float(page[0]), float(page[1])) if page else None


def _need(cfg: PrinterConfig, key: str) -> str:
    value = cfg.options.get(key)
    if value in (None, ""):
        raise ValueError(f"printers.{cfg.role}.{key} is required for backend {cfg.backend}")
    return str(value)
