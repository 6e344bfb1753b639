"""The command line's language: `--lang vi|en` anywhere in argv, and `say(vi, en)` for output."""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from kiosk.errors import KioskError

LANGUAGES = ("vi", "en")
DEFAULT_LANG = "vi"
_current = {"lang": DEFAULT_LANG}


def pop_lang(argv: Sequence[str], default: str | None = None) -> tuple[str, list[str]]:
    """Remove every `--lang X` / `--lang=X` from `argv`, wherever it is; the last one wins.

    argparse only sees an option before the sub-command that declares it, so `kiosk staff list
    --lang en` failed; taking it out first lets it stand anywhere. `default` (else KIOSK_LANG,
    else Vietnamese) applies when there is none. Arguments after `--` are left alone.
    """
    lang = default or os.environ.get("KIOSK_LANG") or DEFAULT_LANG
    rest: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang":
            if i + 1 >= len(args):
                raise _bad_lang("")
            lang = args[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
            i += 1
            continue
        rest.append(arg)
        i += 1
    if lang not in LANGUAGES:
        raise _bad_lang(lang)
    return lang, rest


def use_lang(lang: str) -> None:
    """Make `lang` the language of everything `say` and `text` produce from now on."""
    if lang not in LANGUAGES:
        raise _bad_lang(lang)
    _current["lang"] = lang


def current_lang() -> str:
    """The language chosen with `use_lang` ("vi" until then)."""
    return _current["lang"]


def text(vi: str, en: str) -> str:
    """The sentence in the chosen language (Vietnamese in NFC)."""
    return unicodedata.normalize("NFC", vi) if current_lang() == "vi" else en


def say(vi: str, en: str, *, file: TextIO | None = None) -> None:
    """Print one message in the chosen language (stdout unless `file`)."""
    print(text(vi, en), file=file if file is not None else sys.stdout)


def _bad_lang(value: str) -> KioskError:
    return KioskError(
        "cli.bad_lang",
        vi=f"Ngôn ngữ “{value}” không hợp lệ: dùng --lang vi hoặc --lang en.",
        en=f"Language {value!r} is not allowed: use --lang vi or --lang en.",
    )
