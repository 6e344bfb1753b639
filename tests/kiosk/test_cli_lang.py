"""`--lang` anywhere on the command line, and output in the chosen language."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest

from kiosk import cli_lang
from kiosk.errors import KioskError


@pytest.fixture(autouse=True)
def _restore_lang() -> Iterator[None]:
    yield
    cli_lang.use_lang("vi")


@pytest.mark.parametrize(
    ("argv", "lang", "rest"),
    [
        (["staff", "list"], "vi", ["staff", "list"]),
        (["--lang", "en", "staff", "list"], "en", ["staff", "list"]),
        (["staff", "list", "--lang", "en"], "en", ["staff", "list"]),
        (["printers", "--lang=en", "test", "card"], "en", ["printers", "test", "card"]),
        (["--lang", "en", "doctor", "--lang", "vi"], "vi", ["doctor"]),
        (["render", "--", "--lang", "en"], "vi", ["render", "--", "--lang", "en"]),
    ],
)
def test_lang_is_taken_out_wherever_it_stands(argv: list[str], lang: str, rest: list[str]) -> None:
    """Before, between or after the command words; the last one wins; after `--` it is data."""
    assert cli_lang.pop_lang(argv) == (lang, rest)


def test_kiosk_lang_environment_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """KIOSK_LANG=en makes English the default; an explicit --lang still wins."""
    monkeypatch.setenv("KIOSK_LANG", "en")
    assert cli_lang.pop_lang(["staff", "list"]) == ("en", ["staff", "list"])
    assert cli_lang.pop_lang(["staff", "list", "--lang", "vi"])[0] == "vi"


@pytest.mark.parametrize("argv", [["--lang", "fr", "doctor"], ["doctor", "--lang"]])
def test_unknown_or_missing_language_is_a_clear_error(argv: list[str]) -> None:
    """A language that is not vi/en (or none after --lang) is refused in both languages."""
    with pytest.raises(KioskError) as caught:
        cli_lang.pop_lang(argv)
    assert caught.value.code == "cli.bad_lang"
    assert "--lang vi" in caught.value.vi and "--lang en" in caught.value.en


def test_say_prints_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    """`say` prints Vietnamese (NFC) by default and English after `use_lang("en")`."""
    decomposed = unicodedata.normalize("NFD", "Chưa có nhân viên nào.")
    cli_lang.say(decomposed, "There is no staff member yet.")
    cli_lang.use_lang("en")
    cli_lang.say(decomposed, "There is no staff member yet.")
    assert capsys.readouterr().out.splitlines() == [
        "Chưa có nhân viên nào.",
        "There is no staff member yet.",
    ]
    assert cli_lang.text("vi text", "en text") == "en text"
