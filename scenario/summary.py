"""What the demo day did, for its closing report (shared by the morning and the afternoon)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DemoSummary:
    attendees: int = 0
    visits: int = 0
    paid_visits: int = 0
    by_method: dict[str, int] = field(default_factory=dict)
    total_collected: int = 0
    receipts: int = 0
    voided: int = 0
    z_report: dict[str, object] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
