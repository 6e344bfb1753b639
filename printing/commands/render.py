"""`python -m kiosk render KIND --sample --out PATH`: write a document as PDF or ESC/POS bytes."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.domain.keys import load_or_create_private_key
from kiosk.errors import KioskError
from kiosk.paths import keys_dir
from printing.commands.verify import own_kiosk_id
from printing.documents import loaders
from printing.documents.booklet import render_booklet_pdf
from printing.documents.card import render_card_pdf
from printing.documents.declaration import render_declaration_pdf
from printing.documents.models import (
    BookletCoverDocument,
    CardDocument,
    DeclarationDocument,
    ReceiptDocument,
)
from printing.documents.sample import (
    sample_booklet,
    sample_card,
    sample_declaration,
    sample_receipt,
)
from printing.documents.slip_pdf import render_receipt_pdf
from printing.documents.thermal import render_receipt_escpos

KINDS = ("card", "booklet", "declaration", "receipt")


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
    parser.add_argument("--provisional", action="store_true", help="card: kiosk-signed provisional")
    parser.add_argument("--width", type=int, choices=(576, 384), default=576, help="ESC/POS dots")
    parser.add_argument("--profile", default="default", help="python-escpos printer profile")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Render and write the file; unsupported combinations are KioskErrors (exit 2)."""
    if args.format == "escpos" and args.kind != "receipt":
        raise KioskError(
            "render.format_unsupported",
            vi="Chỉ biên lai mới in được dạng ESC/POS.",
            en="Only receipts can be rendered as ESC/POS.",
        )
    if args.enrollment:
        doc = loaders.load_for_enrollment(args.enrollment, args.kind, args.provisional)
    else:
        doc = _sample(args.kind, args.provisional)
    data = _render(doc, args.format, args.width, args.profile)
    args.out.write_bytes(data)
    print(f"{args.out} ({len(data)} bytes)")
    return 0


def _sample(kind: str, provisional: bool) -> loaders.Document:
    if kind == "card":
        if provisional:
            return sample_card(True, load_or_create_private_key(keys_dir()), own_kiosk_id())
        return sample_card(False)
    if kind == "booklet":
        return sample_booklet()
    if kind == "declaration":
        return sample_declaration()
    return sample_receipt()


def _render(doc: loaders.Document, fmt: str, width: int, profile: str) -> bytes:
    if isinstance(doc, CardDocument):
        return render_card_pdf(doc)
    if isinstance(doc, BookletCoverDocument):
        return render_booklet_pdf(doc)
    if isinstance(doc, DeclarationDocument):
        return render_declaration_pdf(doc)
    assert isinstance(doc, ReceiptDocument)
    if fmt == "escpos":
        return render_receipt_escpos(doc, width_dots=width, profile=profile)
    return render_receipt_pdf(doc)
