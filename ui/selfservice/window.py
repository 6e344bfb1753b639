"""Builds the self-service window for main.py: the wizard in a normal or a locked kiosk window."""

from __future__ import annotations

from ui.app import MainWindow
from ui.kiosk_mode import KioskWindow
from ui.selfservice.model import SelfServiceBackend
from ui.selfservice.wizard import SelfServiceWizard


def create_selfservice_window(
    backend: SelfServiceBackend,
    *,
    title: str,
    idle_timeout_s: int,
    kiosk: bool,
    start_language: str = "vi",
    offered: tuple[str, ...] = ("vi", "en"),
) -> tuple[MainWindow, SelfServiceWizard]:
    """The window hosting the wizard; with `kiosk` it is full screen and only staff can leave.

    Call `window.start()` for a KioskWindow (full screen) or `window.show()` otherwise. The
    staff exit PIN is checked by `backend.verify_pin`.
    """
    warning_ms = min(15_000, idle_timeout_s * 1000 // 2)
    wizard = SelfServiceWizard(
        backend,
        idle_timeout_ms=idle_timeout_s * 1000,
        idle_warning_ms=warning_ms,
        start_language=start_language,
        offered=offered,
    )
    if kiosk:
        return KioskWindow(title, wizard, backend.verify_pin), wizard
    return MainWindow(title, wizard), wizard
