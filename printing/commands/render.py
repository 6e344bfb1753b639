"""`python -m kiosk render KIND --sample --out PATH`: write a document as PDF or ESC/POS bytes.

The kinds are the catalogue's visit documents that have a sample (printing.catalogue): the
entry gives the sample, the record an enrollment prints, the loader and the renderers. The
configuration and the database are opened here, so renderers only ever see document models.
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path
from typing import Any

from kiosk.cli_lang import say
from kiosk.domain.enums import DocumentKind
from kiosk.domain.keys import load_or_create_private_key
from kiosk.errors import KioskError
from kiosk.paths import keep_printer_library_cache, keys_dir
from printing import catalogue
from printing.catalogue import DocumentSpec, PrintOptions
from printing.commands.verify import own_kiosk_id

KINDS = tuple(
    spec.kind.value
    for spec in catalogue.entries()
    if spec.visit is not None and spec.sample is not None
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `render` command."""
    parser = subparsers.add_parser(
        "render", help="xuất giấy tờ ra tệp / render a document to a file"
    )
    parser.add_argument("kind", choices=KINDS)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--sample", action="store_true", help="the built-in synthetic sample person"
    )
    source.add_argument("--enrollment", metavar="UUID", help="an enrollment in the database")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", choices=("pdf", "escpos"), default="pdf")
    parser.add_argument(
        "--provisional",
        action="store_true",
        help="card: the kiosk-signed payment confirmation instead of VSS's card",
    )
    parser.add_argument("--width", type=int, choices=(576, 384), default=576, help="ESC/POS dots")
    parser.add_argument("--profile", default="default", help="python-escpos printer profile")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render and write the file; unsupported combinations are KioskErrors (exit 2)."""
    spec = catalogue.entry(DocumentKind(args.kind))
    renderer = spec.render.escpos if args.format == "escpos" else spec.render.pdf
    if renderer is None:
        raise KioskError(
            "render.format_unsupported",
            vi="Chỉ biên lai mới in được dạng ESC/POS.",
            en="Only receipts can be rendered as ESC/POS.",
            kind=spec.kind.value,
        )
    if args.format == "escpos":  # before python-escpos loads: its cache in the data folder
        keep_printer_library_cache()
    if args.enrollment:
        document = load_for_enrollment(spec, args.enrollment)
    else:
        document = _sample(spec, args.provisional)
    data = renderer(document, PrintOptions(width_dots=args.width, profile=args.profile))
    args.out.write_bytes(data)
    say(f"Đã ghi: {args.out} ({len(data)} byte)", f"Written: {args.out} ({len(data)} bytes)")
    return 0


def load_for_enrollment(spec: DocumentSpec[Any], enrollment_id: str) -> Any:
    """The kind's document for a stored enrollment, from the kiosk's configured database.

    A card prints the official VSS record when one was imported; otherwise the enrollment's
    payment confirmation (made and signed with this kiosk's key the first time). Every
    `--sample` render is marked "MẪU".
    """
    from kiosk.bootstrap import open_database
    from kiosk.config import load_config
    from kiosk.paths import config_path
    from kiosk.services.context import KioskContext
    from kiosk.store.models import Enrollment
    from printing.sources import Issuing
    from printing.station import issuing_place, kiosk_signer

    key = _uuid(enrollment_id)
    config = load_config(config_path())
    db = open_database(config)

    def sign(fields: dict[str, str]) -> str:  # the key is made only when a card needs it
        return kiosk_signer(config)(fields)

    try:
        with db.unit_of_work() as session:
            enrollment = session.get(Enrollment, key)
            if enrollment is None:
                raise _missing(enrollment_id)
            ctx = KioskContext(config.kiosk.id, enrollment.visit.event_id, "")
            issuing = Issuing(session, ctx, sign, issuing_place(config), requested=True)
            assert spec.visit is not None  # KINDS holds visit documents only
            record = spec.visit.key(issuing, enrollment)
            if record is None:
                raise KioskError(
                    f"render.no_{spec.kind.value}",
                    vi=f"Đăng ký này chưa có {_lower_first(spec.label('vi'))} (chưa thanh toán).",
                    en=f"This enrollment has no {_lower_first(spec.label('en'))} yet (not paid).",
                )
            return spec.load(session, record, {})
    finally:
        db.dispose()


def _sample(spec: DocumentSpec[Any], provisional: bool) -> Any:
    if provisional and spec.signed_sample is not None:
        return spec.signed_sample(load_or_create_private_key(keys_dir()), own_kiosk_id())
    assert spec.sample is not None  # KINDS holds kinds with a sample only
    return spec.sample()


def _lower_first(text: str) -> str:
    """ "Biên lai" -> "biên lai" inside a sentence (abbreviations such as BHYT stay)."""
    return text[:1].lower() + text[1:]


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise _missing(text) from None


def _missing(text: str) -> KioskError:
    return KioskError(
        "render.enrollment_missing",
        vi="Không tìm thấy mã đăng ký này trong cơ sở dữ liệu.",
        en="No enrollment with this id in the database.",
        enrollment_id=text,
    )
