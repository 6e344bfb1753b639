"""Every string the attendee's screens ask translate() for has a finished English translation in
kiosk_en.ts, the .ts keeps no entry the code no longer uses, and the shipped .qm is built from
it (the same check as tools/translations.py, which also rebuilds the .qm)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QTranslator

from resources import resource_path

ROOT = Path(__file__).resolve().parents[3]


def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "translations_tool", ROOT / "tools" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_screen_string_is_translated_and_none_is_stale() -> None:
    """The code's (context, text) pairs and the .ts entries are the same set, all finished."""
    t = tool()
    need, have = t.wanted(ROOT), t.present()
    assert sorted(k for k in need if not have.get(k)) == []
    assert sorted(k for k in have if k not in need) == []
    assert any(c == "IdentifyScreen" and "mặt sau thẻ căn cước mới" in s for c, s in need)


def test_compiled_translation_has_the_new_strings() -> None:
    """The .qm the kiosk loads answers the strings added for issue 22 (it was rebuilt)."""
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "kiosk_en.qm")))
    identify = (
        "Đưa mã QR trên thẻ căn cước (mặt trước thẻ CCCD, mặt sau thẻ căn cước mới) "
        "vào dưới máy quét, giữ yên đến khi nghe tiếng bíp."
    )
    assert (translator.translate("IdentifyScreen", identify) or "").startswith(
        "Hold the QR code of the ID card (on the front of a CCCD card, on the back of the new"
    )
    assert translator.translate("OnScreenKeyboard", "Xóa hết") == "Clear"
    assert translator.translate("SelfServiceWizard", "Đang lưu, xin chờ một chút…") == (
        "Saving, please wait a moment…"
    )
