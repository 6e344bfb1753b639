"""Telex composition, key by key, without Qt."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.widgets.telex import compose, feed, split_tone, tone_position


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("Nguyeenx Thij Huyeenf", "Nguyễn Thị Huyền"),
        ("Traanf Vawn Hoaf", "Trần Văn Hòa"),
        ("Dduwowngf", "Đường"),
        ("Phamj Quys", "Phạm Quý"),
        ("Leex Ddoox", "Lễ Đỗ"),
        ("nguwowif", "người"),
        ("tieengs Vieetj", "tiếng Việt"),
        ("giuwx gif", "giữ gì"),
        ("khuyru ngoaif", "khuỷu ngoài"),
        ("Khuyeets", "Khuyết"),
    ],
)
def test_names_and_words(keys: str, expected: str) -> None:
    """Whole Telex key sequences give the right Vietnamese, tone on the right vowel."""
    assert compose(keys) == expected


@pytest.mark.parametrize(
    ("keys", "expected"),
    [("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư"), ("dd", "đ")],
)
def test_letter_modifiers(keys: str, expected: str) -> None:
    """Each Telex modifier pair makes its letter."""
    assert compose(keys) == expected


def test_uppercase_is_kept() -> None:
    """Capitals stay capitals through modifiers and tones (both keys upper or only the first)."""
    assert compose("NGUYEENX") == "NGUYỄN"
    assert compose("Aa") == "Â"
    assert compose("DDOOX") == "ĐỖ"
    assert compose("Ddoox") == "Đỗ"


def test_z_removes_tone_and_double_tone_key_undoes() -> None:
    """z takes the tone off; the same tone key twice leaves the plain letter typed."""
    assert compose("asz") == "a"
    assert compose("ass") == "as"
    assert compose("aaa") == "aa"
    assert compose("ddd") == "dd"
    assert compose("ww") == "w"
    assert compose("bafs") == "bá"  # another tone key replaces the tone


def test_tone_moves_when_the_syllable_grows() -> None:
    """A tone typed early is re-placed as letters arrive: hoaf + n → hoàn (closed syllable)."""
    assert compose("hoaf") == "hòa"
    assert compose("hoafn") == "hoàn"
    assert compose("thuowngf") == "thường"


def test_foreign_words_are_not_mangled() -> None:
    """A tone key after a consonant a Vietnamese syllable cannot end with stays a letter."""
    assert compose("Donald") == "Donald"
    assert compose("bz") == "bz"
    assert compose("s") == "s"


def test_split_and_position() -> None:
    """The helpers find the tone mark and the vowel that carries it."""
    assert split_tone("Huyền") == ("Huyên", "\u0300")
    assert tone_position("nguyên") == 4
    assert tone_position("qua") == 2
    assert feed("Nguyên", "x") == "Nguyễn"


@settings(max_examples=150)
@given(st.text(alphabet="aAdDeEoOuUwWsfrxjzy nghiqtc", max_size=30))
def test_output_is_always_nfc(keys: str) -> None:
    """Whatever is typed, the text is NFC and has at most one tone mark per word."""
    text = compose(keys)
    assert unicodedata.is_normalized("NFC", text)
    for word in text.split():
        marks = [
            c for c in unicodedata.normalize("NFD", word) if c in "\u0300\u0301\u0303\u0309\u0323"
        ]
        assert len(marks) <= 1
