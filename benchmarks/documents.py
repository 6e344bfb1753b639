"""Render timings of the printed documents for the built-in sample person."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from benchmarks.timing import median_ms
from printing.documents.booklet import render_booklet_pdf
from printing.documents.card import render_card_pdf
from printing.documents.sample import sample_booklet, sample_provisional, sample_receipt
from printing.documents.thermal import render_receipt_escpos


def bench_render(repeat: int) -> dict[str, float]:
    """render_card (front and back PDF of the signed payment confirmation, the ID-1 document
    a booth prints most), booklet, ESC/POS receipt."""
    card = sample_provisional(Ed25519PrivateKey.generate(), "BENCH")
    booklet = sample_booklet()
    receipt = sample_receipt()
    return {
        "render_card": median_ms(lambda: render_card_pdf(card), repeat),
        "render_booklet": median_ms(lambda: render_booklet_pdf(booklet), repeat),
        "render_receipt_escpos": median_ms(lambda: render_receipt_escpos(receipt), repeat),
    }
