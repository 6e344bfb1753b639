"""Load fonts, layouts and printer profiles once, then take them out of garbage collection.

Rendering the first card and receipt loads reportlab's font tables and python-escpos's printer
capability database: tens of thousands of long-lived objects that every full garbage
collection would walk again (50–90 ms each, measured), stalling the screen while a print
thread holds the interpreter. After the warm-up they are frozen (gc.freeze): collections then
only look at what the day creates.
"""

from __future__ import annotations

import gc
import sys

from printing.documents.booklet import render_booklet_pdf
from printing.documents.card import render_card_pdf
from printing.documents.sample import sample_booklet, sample_card, sample_receipt
from printing.documents.thermal import render_receipt_escpos

SWITCH_INTERVAL_S = 0.002  # CPython's default is 0.005


def warm_up_and_freeze() -> None:
    """Render one sample of each kind (results discarded), collect, freeze what is left.

    Also shortens the interpreter's thread switch interval: with print threads rendering, the
    GUI thread waits at most this long for its turn, and fairer turns keep it from losing
    several in a row.
    """
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    render_card_pdf(sample_card())
    render_booklet_pdf(sample_booklet())
    render_receipt_escpos(sample_receipt())
    gc.collect()
    gc.freeze()
