"""Amounts in Vietnamese words, checked against a table of figures and the reading rules."""

from __future__ import annotations

import pytest

from kiosk.domain.words import amount_in_words, number_in_words, sentence_case

TABLE = [
    (0, "không"),
    (1, "một"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (1_000, "một nghìn"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (10_500, "mười nghìn năm trăm"),
    (21_000, "hai mươi mốt nghìn"),
    (165_000, "một trăm sáu mươi lăm nghìn"),
    (1_000_500, "một triệu năm trăm"),
    (1_000_050, "một triệu không trăm năm mươi"),
    (1_263_600, "một triệu hai trăm sáu mươi ba nghìn sáu trăm"),
    (1_366_200, "một triệu ba trăm sáu mươi sáu nghìn hai trăm"),
    (884_520, "tám trăm tám mươi tư nghìn năm trăm hai mươi"),
    (505_440, "năm trăm linh năm nghìn bốn trăm bốn mươi"),
    (2_148_120, "hai triệu một trăm bốn mươi tám nghìn một trăm hai mươi"),
    (1_000_000_000, "một tỷ"),
    (2_005_000_001, "hai tỷ không trăm linh năm triệu không trăm linh một"),
    (1_000_000_000_000, "một nghìn tỷ"),
]


@pytest.mark.parametrize(("number", "words"), TABLE)
def test_number_in_words_table(number: int, words: str) -> None:
    """Each figure reads as written in Vietnamese: mốt, tư, lăm, linh and "không trăm"."""
    assert number_in_words(number) == words


def test_amount_in_words_adds_dong_and_the_receipt_capitalises() -> None:
    """The receipt's sentence: "Một triệu ba trăm sáu mươi sáu nghìn hai trăm đồng"."""
    words = amount_in_words(1_366_200)
    assert words == "một triệu ba trăm sáu mươi sáu nghìn hai trăm đồng"
    assert sentence_case(words) == "Một triệu ba trăm sáu mươi sáu nghìn hai trăm đồng"
    assert amount_in_words(0) == "không đồng"


def test_southern_le_is_an_option() -> None:
    """ "lẻ" instead of "linh" for an empty tens place when asked for."""
    assert number_in_words(1_005, zero_ten="lẻ") == "một nghìn không trăm lẻ năm"


@pytest.mark.parametrize("bad", [-1, True, 1.5, "12"])
def test_not_a_whole_amount_is_refused(bad: object) -> None:
    """Negative, boolean, float or text amounts are a caller's bug, not words."""
    with pytest.raises(ValueError):
        number_in_words(bad)  # type: ignore[arg-type]
