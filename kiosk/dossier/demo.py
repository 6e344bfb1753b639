"""The demo day's dossier: written with a sample agent and a throwaway certificate, all "MẪU".

scenario/demo.py runs `demo_dossier_step` as one of its EXTRA_STEPS (the core never imports the
scenario: the summary is anything with `files` and `notes`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from kiosk.domain.money import format_vnd
from kiosk.dossier.agent import AgentInfo
from kiosk.dossier.checks import DossierBlocked
from kiosk.dossier.service import DossierResult, write_dossier
from kiosk.dossier.signing import throwaway_signer
from kiosk.services.context import KioskContext
from kiosk.store.db import Database

# A sample agent: no real VSS unit, office or provider code is ever written by the demo.
DEMO_AGENT = AgentInfo(
    name="MẪU — Đại lý thu thử của ki-ốt",
    unit_code="MAU0000",
    unit_kind="1",
    signer="MẪU — Người ký thử",
    vss_office="MAU",
    ivan_code="MAU",
    ivan_name="MẪU — nhà cung cấp I-VAN thử",
)
DEMO_CERT_NAME = "MẪU — chứng thư thử (không dùng để nộp hồ sơ)"


class DemoSummary(Protocol):
    files: dict[str, str]
    notes: list[str]


def demo_dossier_step(
    db: Database, ctx: KioskContext, config: Any, out: Path, summary: DemoSummary
) -> DossierResult | None:
    """Write the demo day's dossier under out/dossier, signed; record files and notes.

    A blocked day is reported in the notes with every problem (the demo goes on)."""
    signer = throwaway_signer(DEMO_CERT_NAME, ctx.now())
    try:
        with db.read() as session:
            result = write_dossier(
                session, ctx, ctx.today(), out / "dossier", signer=signer, agent=DEMO_AGENT
            )
    except DossierBlocked as blocked:
        summary.notes.append(
            f"dossier blocked: {'; '.join(p.text('en') for p in blocked.problems)}"
        )
        return None
    if result.folder is not None:
        summary.files["dossier"] = str(result.folder)
    for p in result.procedures:
        summary.notes.append(
            f"dossier {p.code}: {p.people} people, {format_vnd(p.total)} ({p.folder.name})"
        )
    if result.left_out:
        summary.notes.append(f"dossier: {len(result.left_out)} visits left out (voided or unpaid)")
    return result
