"""Make and write a day's dossiers: one per procedure, every file schema-checked, or nothing.

`write_dossier` is what the Exports page and `python -m kiosk dossier` call (on a worker
thread: it reads the day and signs). It raises DossierBlocked, listing every person and field
to fix, before anything is written; otherwise every file goes into a hidden folder that is
renamed into place only when complete (a crash leaves no half dossier).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree
from sqlalchemy.orm import Session

from kiosk.domain.enums import Scheme
from kiosk.dossier.agent import AgentInfo, default_agent_path, load_agent
from kiosk.dossier.checks import DossierBlocked, day_problems
from kiosk.dossier.codes import Procedure, codes
from kiosk.dossier.day_types import DayRecords, LeftOut, Line
from kiosk.dossier.envelope import ENVELOPE_FILE, FormFile, envelope
from kiosk.dossier.forms import Element, tk1_ts
from kiosk.dossier.lists import d01_ts, d03_ts, d05_ts
from kiosk.dossier.records import day_records
from kiosk.dossier.schemas import check
from kiosk.dossier.sheets import list_sheet
from kiosk.dossier.signing import XmlSigner, check_valid, sign_xml
from kiosk.private_files import fsync_dir, write_private
from kiosk.services.context import KioskContext

SCHEMES = (Scheme.BHYT_HOUSEHOLD, Scheme.BHXH_VOLUNTARY)
LIST_FORM = {Scheme.BHYT_HOUSEHOLD: "D03-TS", Scheme.BHXH_VOLUNTARY: "D05-TS"}
AMOUNT_ELEMENT = {"D03-TS": "Tiendong", "D05-TS": "TienTudong"}


@dataclass(frozen=True)
class BuiltProcedure:
    """One procedure's dossier in memory."""

    procedure: Procedure
    forms: tuple[FormFile, ...]
    envelope: bytes
    sheet: bytes
    people: int
    total: int  # the list's amounts: what the people paid, to the đồng


@dataclass(frozen=True)
class ProcedureResult:
    scheme: Scheme
    code: str
    folder: Path
    files: tuple[Path, ...]
    people: int
    total: int


@dataclass(frozen=True)
class DossierResult:
    """What was written (folder None: nobody paid that day), and what was left out and why."""

    day: date
    folder: Path | None
    procedures: tuple[ProcedureResult, ...]
    left_out: tuple[LeftOut, ...]
    signed: bool


def build_dossier(
    session: Session,
    ctx: KioskContext,
    day: date,
    agent: AgentInfo,
    signer: XmlSigner | None = None,
) -> tuple[DayRecords, list[BuiltProcedure]]:
    """The day's dossiers in memory; DossierBlocked when any person lacks what a form needs."""
    if signer is not None:
        check_valid(signer, ctx.now())
    records = day_records(session, ctx, day)
    problems = day_problems(records)
    if problems:
        raise DossierBlocked(problems)
    built = []
    for scheme in SCHEMES:
        lines = records.lines_of(scheme)
        if lines:
            built.append(_procedure(records, codes().procedures[scheme], lines, agent, signer, ctx))
    return records, built


def write_dossier(
    session: Session,
    ctx: KioskContext,
    day: date,
    out_dir: Path,
    signer: XmlSigner | None = None,
    agent: AgentInfo | None = None,
) -> DossierResult:
    """Write the day's dossiers under out_dir/ho-so-vss-<day>/ (an older one is kept aside)."""
    agent = agent or load_agent(default_agent_path())
    records, built = build_dossier(session, ctx, day, agent, signer)
    if not built:
        return DossierResult(day, None, (), records.left_out, signer is not None)
    folder = out_dir / f"ho-so-vss-{day.isoformat()}"
    partial = out_dir / f".{folder.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    results = []
    for b in built:
        target = partial / b.procedure.folder
        target.mkdir(parents=True, mode=0o700)
        files = [(f.file, f.data) for f in b.forms]
        files += [(ENVELOPE_FILE, b.envelope), (f"{LIST_FORM[b.procedure.scheme]}.xlsx", b.sheet)]
        for name, data in files:
            write_private(target / name, data)
        final = folder / b.procedure.folder
        results.append(
            ProcedureResult(
                b.procedure.scheme,
                b.procedure.code,
                final,
                tuple(final / name for name, _ in files),
                b.people,
                b.total,
            )
        )
    os.chmod(partial, 0o700)
    if folder.exists():  # a dossier already made for the day (maybe submitted): keep it aside
        stamp = ctx.now().strftime("%Y%m%dT%H%M%S")
        os.replace(folder, folder.with_name(f"{folder.name}.replaced-{stamp}"))
    os.replace(partial, folder)
    fsync_dir(out_dir)
    return DossierResult(day, folder, tuple(results), records.left_out, signer is not None)


def _procedure(
    records: DayRecords,
    procedure: Procedure,
    lines: tuple[Line, ...],
    agent: AgentInfo,
    signer: XmlSigner | None,
    ctx: KioskContext,
) -> BuiltProcedure:
    forms = []
    for code in procedure.forms:
        root = _form(code, records, lines, agent, procedure)
        forms.append(FormFile(code, codes().forms[code].file, _finish(root, "Cky", signer, ctx)))
    missing = set(procedure.required) - {f.code for f in forms}
    assert not missing, f"procedure {procedure.code} lacks {missing}"
    wrapped = _finish(envelope(agent, procedure, forms, ctx.today()), "CKy_Dvi", signer, ctx)
    listed = next(f for f in forms if f.code == LIST_FORM[procedure.scheme])
    total = _listed_total(listed)
    # The list must carry exactly the ledger's money for the scheme (docs: to the đồng).
    assert total == records.totals[procedure.scheme], (total, records.totals)
    return BuiltProcedure(
        procedure, tuple(forms), wrapped, list_sheet(listed.data), len(lines), total
    )


def _form(
    code: str, records: DayRecords, lines: tuple[Line, ...], agent: AgentInfo, procedure: Procedure
) -> Element:
    if code == "TK1-TS":
        return tk1_ts(lines, records.households)
    if code == "D03-TS":
        return d03_ts(lines, records.day)
    if code == "D05-TS":
        return d05_ts(lines)
    if code == "D01-TS":
        return d01_ts(lines, agent.name, procedure.forms)
    raise ValueError(f"no builder for form {code}")


def _finish(root: Element, slot: str, signer: XmlSigner | None, ctx: KioskContext) -> bytes:
    """Serialised (and signed when a signer is given), then checked against its schema."""
    if signer is None:
        data = bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    else:
        data = sign_xml(root, slot, signer, ctx.now())
    check(data)
    return data


def _listed_total(form: FormFile) -> int:
    root = etree.fromstring(form.data, etree.XMLParser(resolve_entities=False, no_network=True))
    element = AMOUNT_ELEMENT[root.tag]
    return sum(int(row.findtext(element) or "0") for row in root.iterfind("NoiDung/LaoDong"))
