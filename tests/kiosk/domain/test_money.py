"""The strict money reader: every text is read as exactly the amount written, or refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.money import MAX_VND, format_vnd, parse_vnd
from kiosk.errors import KioskError

SEPARATORS = (".", ",", " ", "\u00a0", "\u202f")
CURRENCIES = ("", "đ", " đ", "d", " VND", " VNĐ", " đồng", "₫")
UNIT_WORDS = re.compile(r"tr|triệu|trieu|k|nghìn|nghin|ngàn|ngan", re.IGNORECASE)
amounts = st.integers(min_value=0, max_value=MAX_VND)


def grouped(amount: int, sep: str) -> str:
    return f"{amount:,}".replace(",", sep)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("2.000.000", 2_000_000),
        ("2,000,000", 2_000_000),
        ("2 000 000", 2_000_000),
        ("2000000", 2_000_000),
        ("2.000.000 đ", 2_000_000),
        ("2.000.000đ", 2_000_000),
        ("2000000 VND", 2_000_000),
        ("  1.263.600 d ", 1_263_600),
        ("5tr", 5_000_000),
        ("1,5tr", 1_500_000),
        ("1,25 triệu", 1_250_000),
        ("500k", 500_000),
        ("2,5k", 2_500),
        ("300 nghìn đồng", 300_000),
        ("0", 0),
    ],
)
def test_accepted_writings(text: str, amount: int) -> None:
    """The ways staff write an amount all read as that exact amount of đồng."""
    assert parse_vnd(text) == amount


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("abc5tr", "money.not_a_number"),
        ("hai trieu", "money.not_a_number"),
        ("hai triệu", "money.not_a_number"),
        ("1e6", "money.not_a_number"),
        ("5tr5", "money.not_a_number"),
        ("đ", "money.not_a_number"),
        ("5.00.000", "money.bad_grouping"),
        ("2.000,000", "money.bad_grouping"),
        ("1,5", "money.bad_grouping"),
        ("2.000.000,00", "money.bad_grouping"),
        ("-5", "money.negative"),
        ("−500.000", "money.negative"),
        ("007", "money.leading_zero"),
        ("1,234tr", "money.bad_shorthand"),
        ("", "money.empty"),
        ("   ", "money.empty"),
        ("2.000.000.001", "money.too_large"),
        ("5000tr", "money.too_large"),
    ],
)
def test_refused_writings(text: str, code: str) -> None:
    """Letters, signs, wrong groups, decimals and leading zeros are refused with their own code
    and a Vietnamese and an English sentence naming the text, never read as a smaller amount."""
    with pytest.raises(KioskError) as err:
        parse_vnd(text)
    assert err.value.code == code
    assert err.value.vi and err.value.en and err.value.vi != err.value.en
    if text.strip():
        assert text.strip()[:19] in err.value.vi


@settings(max_examples=200)
@given(amounts, st.sampled_from(SEPARATORS), st.sampled_from(CURRENCIES), st.booleans())
def test_every_writing_of_an_amount_reads_back_exactly(
    amount: int, sep: str, currency: str, group: bool
) -> None:
    """Any amount up to the cap, plain or grouped with any separator, with or without the
    currency, reads back as itself (and the screen's own format_vnd text does too)."""
    text = (grouped(amount, sep) if group else str(amount)) + currency
    assert parse_vnd(text) == amount
    assert parse_vnd(format_vnd(amount)) == amount


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=1999), st.integers(0, 99), st.booleans())
def test_shorthand_is_exact(millions: int, hundredths: int, comma: bool) -> None:
    """ "X,YYtr" is X million plus YY hundredths of a million, to the đồng; "Nk" is N thousand."""
    mark = "," if comma else "."
    assert parse_vnd(f"{millions}{mark}{hundredths:02d}tr") == millions * 10**6 + hundredths * 10**4
    assert parse_vnd(f"{millions}k") == millions * 1000


JUNK = st.characters(
    blacklist_categories=("Nd",), blacklist_characters="kKtTrR\u212a"
)  # no digit, no unit letter: inserting one cannot make another valid amount


@settings(max_examples=200)
@given(amounts, st.sampled_from(SEPARATORS), st.booleans(), st.data())
def test_a_stray_character_never_makes_a_different_amount(
    amount: int, sep: str, group: bool, data: st.DataObject
) -> None:
    """A non-digit slipped anywhere into a written amount either leaves that same amount (a
    space or "đ" at the end) or the text is refused: never another, smaller amount."""
    text = grouped(amount, sep) if group else str(amount)
    at = data.draw(st.integers(0, len(text)))
    typo = text[:at] + data.draw(JUNK) + text[at:]
    try:
        read = parse_vnd(typo)
    except KioskError:
        return
    assert read == amount


@settings(max_examples=200)
@given(st.text(max_size=24))
def test_any_text_is_read_as_its_own_digits_or_refused(text: str) -> None:
    """For any text at all: a KioskError, or an amount whose digits are exactly the text's
    digits (without a unit word) — nothing is dropped, as "abc5tr" -> 5 once was."""
    try:
        read = parse_vnd(text)
    except KioskError as err:
        assert err.code.startswith("money.")
        return
    assert 0 <= read <= MAX_VND
    if not UNIT_WORDS.search(text):
        digits = "".join(ch for ch in text if ch in "0123456789")
        assert str(read) == digits
