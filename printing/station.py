"""This kiosk's printing set-up from its configuration: printers by role, card signer, runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.bootstrap import output_dir
from kiosk.config import Config
from kiosk.domain.enums import PrinterRole
from kiosk.domain.keys import load_or_create_private_key
from kiosk.domain.provisional import sign_provisional
from kiosk.errors import KioskError
from kiosk.paths import keys_dir
from kiosk.services.context import KioskContext
from kiosk.services.issuance import Signer
from kiosk.store.db import Database
from printing.backends.base import Printer
from printing.backends.factory import make_printer
from printing.worker import Event, PrintRunner


def make_printers(config: Config, out: Path | None = None) -> dict[PrinterRole, Printer]:
    """One printer per configured role; a broken printer entry is a clear configuration error."""
    folder = out or output_dir(config)
    printers: dict[PrinterRole, Printer] = {}
    for role_name, printer_config in config.printers.items():
        try:
            printers[PrinterRole(role_name)] = make_printer(printer_config, folder)
        except ValueError as error:
            raise KioskError(
                "config.printer",
                vi=f"Cấu hình máy in “{role_name}” chưa đủ: {error}.",
                en=f"The “{role_name}” printer configuration is incomplete: {error}.",
            ) from error
    return printers


def printer_options(config: Config) -> dict[PrinterRole, dict[str, object]]:
    """Per role, the options rendering needs (paper width, calibration offsets, profile)."""
    return {PrinterRole(role): dict(p.options) for role, p in config.printers.items()}


def kiosk_signer(config: Config) -> Signer:
    """Signs provisional card records with this kiosk's Ed25519 key (made on first use)."""
    key = load_or_create_private_key(keys_dir())
    return lambda fields: sign_provisional(fields, key, config.kiosk.id)


def issuing_place(config: Config) -> str:
    """The issuer printed on the payment confirmation: the collecting point (the agent from
    [agent], else the event's venue), never VSS itself, which issues only the card."""
    if config.agent.name:
        return f"{config.agent.name}, tổ chức được BHXH uỷ quyền thu"
    where = ", ".join(p for p in (config.event.venue, config.event.commune) if p)
    return f"Điểm thu {where}".strip() if where else "Điểm thu BHXH, BHYT"


def make_runner(
    config: Config,
    db: Database,
    ctx: KioskContext,
    on_event: Callable[[Event], None] | None = None,
    out: Path | None = None,
) -> PrintRunner:
    """The print runner for this kiosk's printers (not started; call recover() then start())."""
    return PrintRunner(db, ctx, make_printers(config, out), printer_options(config), on_event)
