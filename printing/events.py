"""What the print threads report: a job that changed state, a printer's status (light module:
the first screen's status bar imports it before the print threads' modules load)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from printing.backends.base import PrinterStatus


@dataclass(frozen=True)
class JobEvent:
    """A job changed state (error: the Vietnamese message of the last fault)."""

    job_id: uuid.UUID
    role: PrinterRole
    kind: DocumentKind
    status: PrintStatus
    error: str = ""


@dataclass(frozen=True)
class StatusEvent:
    """A printer's status as last seen."""

    role: PrinterRole
    status: PrinterStatus


Event = JobEvent | StatusEvent
