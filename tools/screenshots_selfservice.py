"""Regenerate docs/images/selfservice-<screen>-<lang>.png: every wizard screen, both languages.

Run from the repository root: `.venv/bin/python tools/screenshots_selfservice.py` (add
`questions` for issue 15's screens only, `pin` for the staff PIN panel: support group, ethnicity, the list of 54, covered
elsewhere, and a review with their notes). Uses the real
core on a throw-away SQLite database with the clock at 2 March 2026 (the 2024 check figures), and
the in-test VietQR and ticket stand-ins of tests/ui/selfservice/fakes.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402, TID251 (tools/ is an outer layer like ui/)

from kiosk.domain.enums import SupportGroup  # noqa: E402
from ui.kiosk_mode import KioskWindow  # noqa: E402, TID251 (tools/ is an outer layer like ui/)
from ui.scanning.feedback import ScanFlash  # noqa: E402, TID251
from ui.selfservice.controller import Choice, Step  # noqa: E402, TID251
from ui.selfservice.model import SelfServiceBackend  # noqa: E402, TID251
from ui.selfservice.support import SupportScreen  # noqa: E402, TID251
from ui.selfservice.window import (  # noqa: E402, TID251
    create_selfservice_window,
)
from ui.selfservice.wizard import SelfServiceWizard  # noqa: E402, TID251

OUT = ROOT / "docs" / "images"
SIZE = (1280, 800)

PEOPLE = (
    ("066090123456", "Nguyễn Văn An", "01021990", "Nam"),
    ("066192654321", "Trần Thị Bình", "15081992", "Nữ"),
    ("066315111222", "Nguyễn Thị Huyền", "03032015", "Nữ"),
)
CHILD = ("066222000789", "Trần Gia Bảo", "01062022", "Nam")  # under 6: covered, not asked


def _save(app: QApplication, wizard: SelfServiceWizard, name: str, lang: str) -> Path:
    _settle(app, wizard)
    for frame in wizard.findChildren(ScanFlash):
        frame.hide()  # the scan's green frame lasts 0.7 s: not part of the screen to document
    path = OUT / f"selfservice-{name}-{lang}.png"
    wizard.grab().save(str(path))
    return path


def _settle(app: QApplication, wizard: SelfServiceWizard) -> None:
    """Let a write on the wizard's worker thread report, and the layouts run."""
    while wizard.controller.busy:
        wizard.tasks.wait_idle(10_000)
        app.processEvents()
    for _ in range(3):
        app.processEvents()


def backend() -> SelfServiceBackend:
    """The real core backend on a fresh database in a temporary folder."""
    from kiosk.bootstrap import register_kiosk
    from kiosk.config import parse_config
    from kiosk.config_template import DEFAULT_CONFIG
    from kiosk.store.db import Database, sqlite_url
    from kiosk.store.migrate import upgrade
    from tests.ui.selfservice.fakes import core_recorder

    folder = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    db = Database(sqlite_url(folder / "kiosk.sqlite3"))
    upgrade(db)
    config = parse_config(DEFAULT_CONFIG)
    register_kiosk(db, config)
    return core_recorder(db, config).backend()


def shoot(lang: str) -> list[Path]:
    """Walk one household through the wizard in `lang`, saving each screen."""
    from tests.ui.selfservice.fakes import cccd

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    wizard = SelfServiceWizard(backend(), idle_timeout_ms=3_600_000)
    wizard.resize(*SIZE)
    wizard.show()
    wizard.languages.set_language(lang)
    c = wizard.controller
    shots = [_save(app, wizard, "welcome", lang)]
    c.start()
    shots.append(_save(app, wizard, "identify", lang))
    c.scan(cccd(*PEOPLE[0]))
    shots.append(_save(app, wizard, "details", lang))
    details = wizard.screens[Step.DETAILS]
    c.set_field("phone", "09123", check=True)
    details.focus_field("full_name")  # type: ignore[attr-defined]
    shots.append(_save(app, wizard, "details-keyboard", lang))
    c.set_field("phone", "")
    c.submit_details()
    for person in PEOPLE[1:]:
        c.scan(cccd(*person))
        c.submit_details()
    shots.append(_save(app, wizard, "household", lang))
    c.add_member()
    c.type_manually()
    c.set_field("full_name", "Nguyễn Văn Bình")
    shots.append(_save(app, wizard, "details-address", lang))  # the household's address offered
    c.back()
    c.back()
    c.remove_member(len(c.members) - 1)
    c.household_done()
    shots.append(_save(app, wizard, "scheme", lang))
    c.choose(Choice.BOTH)
    c.answer_group(SupportGroup.OTHER)
    c.answer_ethnicity("Kinh")
    c.enter_income(3_000_000)
    shots.append(_save(app, wizard, "period", lang))
    wizard.screens[Step.PERIOD].income_field.setText("3020000")  # type: ignore[attr-defined]
    shots.append(_save(app, wizard, "period-offstep", lang))
    c.enter_income(3_000_000)
    c.period_done()
    c.choose(Choice.BHYT)
    c.period_done()
    c.choose(Choice.BHYT)
    c.answer_cover(None)  # Huyền (10) has no school card
    c.period_done()
    shots.append(_save(app, wizard, "ethnicity", lang))  # Bình and Huyền were not asked
    c.answer_listed_ethnicity("Kinh")
    shots.append(_save(app, wizard, "review", lang))
    c.confirm()
    shots.append(_save(app, wizard, "payment", lang))
    c.pay_vietqr()
    shots.append(_save(app, wizard, "vietqr", lang))
    c.finish()
    shots.append(_save(app, wizard, "thanks", lang))
    wizard.overlay.show_countdown(12)
    shots.append(_save(app, wizard, "idle", lang))
    wizard.overlay.hide()
    shots += shoot_large(app, wizard, lang)
    wizard.close()
    wizard.deleteLater()
    shots.append(shoot_pin(app, lang))
    return shots


def shoot_large(app: QApplication, wizard: SelfServiceWizard, lang: str) -> list[Path]:
    """The screens with the most text again, with "Chữ to" on."""
    from tests.ui.selfservice.fakes import cccd

    c = wizard.controller
    c.reset()
    c.backend = backend()  # a fresh database: the same people cannot register twice
    wizard.languages.set_language(lang)
    wizard.larger_text.setChecked(True)
    shots = [_save(app, wizard, "welcome-large", lang)]
    c.start()
    shots.append(_save(app, wizard, "identify-large", lang))
    c.type_manually()
    shots.append(_save(app, wizard, "details-large", lang))
    c.scan(cccd(*PEOPLE[0]))
    c.submit_details()
    c.scan(cccd(*PEOPLE[1]))
    c.submit_details()
    c.household_done()
    shots.append(_save(app, wizard, "scheme-large", lang))
    c.choose(Choice.BOTH)
    c.answer_group(SupportGroup.OTHER)
    c.answer_ethnicity("Kinh")
    shots.append(_save(app, wizard, "period-large", lang))
    c.enter_income(3_000_000)
    c.period_done()
    _settle(app, wizard)
    c.choose(Choice.BHYT)
    c.period_done()
    shots.append(_save(app, wizard, "ethnicity-large", lang))
    c.answer_listed_ethnicity("Kinh")
    shots.append(_save(app, wizard, "review-large", lang))
    c.confirm()
    _settle(app, wizard)
    c.pay_vietqr()
    shots.append(_save(app, wizard, "vietqr-large", lang))
    wizard.larger_text.setChecked(False)
    return shots


def shoot_sizes(app: QApplication) -> list[Path]:
    """The busiest screens on a portrait totem (1080×1920) and a 1024×600 tablet (Vietnamese)."""
    from tests.ui.selfservice.fakes import cccd

    shots = []
    for size, tag in (((1080, 1920), "portrait"), ((1024, 600), "tablet")):
        wizard = SelfServiceWizard(backend(), idle_timeout_ms=3_600_000)
        wizard.resize(*size)
        wizard.show()
        c = wizard.controller
        c.scan(cccd(*PEOPLE[0]))
        details = wizard.screens[Step.DETAILS]
        details.focus_field("address")  # type: ignore[attr-defined]
        shots.append(_save(app, wizard, f"details-{tag}", "vi"))
        c.submit_details()
        c.household_done()
        c.choose(Choice.BOTH)
        c.answer_group(SupportGroup.OTHER)
        c.answer_ethnicity("Kinh")
        c.enter_income(3_000_000)
        shots.append(_save(app, wizard, f"period-{tag}", "vi"))
        wizard.close()
        wizard.deleteLater()
    return shots


def shoot_questions(lang: str) -> list[Path]:
    """Issue 15's screens: An (voluntary SI) answers the household and ethnicity questions and
    opens the list of 54; his son under 6 is covered without a question; Huyền (10) is asked
    about a school card; the review shows each answer's effect."""
    from tests.ui.selfservice.fakes import cccd

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    wizard = SelfServiceWizard(backend(), idle_timeout_ms=3_600_000)
    wizard.resize(*SIZE)
    wizard.show()
    wizard.languages.set_language(lang)
    c = wizard.controller
    c.start()
    for person in (PEOPLE[0], CHILD, PEOPLE[2]):
        c.scan(cccd(*person))
        c.submit_details()
    c.household_done()
    c.choose(Choice.BOTH)
    shots = [_save(app, wizard, "support", lang)]
    c.answer_group(SupportGroup.OTHER)
    shots.append(_save(app, wizard, "support-ethnicity", lang))
    support = wizard.screens[Step.SUPPORT]
    assert isinstance(support, SupportScreen)
    support.choices.open_list()
    support.choices.picker.search.setText("mong")
    shots.append(_save(app, wizard, "support-list", lang))
    support.choices.picker.closed.emit()
    c.answer_ethnicity("Ê Đê")
    c.enter_income(3_000_000)
    c.set_voluntary_months(6)
    shots.append(_save(app, wizard, "period-minority", lang))
    c.period_done()
    _settle(app, wizard)
    c.choose(Choice.BHYT)  # the son: under 6, covered without a question
    c.period_done()
    _settle(app, wizard)
    c.choose(Choice.BHYT)
    shots.append(_save(app, wizard, "cover", lang))
    c.answer_cover("pupil_student")
    c.period_done()
    c.answer_listed_ethnicity("Ê Đê")  # the son and Huyền, for the declaration
    shots.append(_save(app, wizard, "review-questions", lang))
    wizard.close()
    wizard.deleteLater()
    wizard.languages.set_language("vi")
    return shots


def shoot_pin(app: QApplication, lang: str) -> Path:
    """The staff PIN panel of the kiosk window after a wrong PIN."""
    window, wizard = create_selfservice_window(
        backend(), title="Ki-ốt", idle_timeout_s=3600, kiosk=True
    )
    window.resize(*SIZE)
    window.show()
    wizard.languages.set_language(lang)
    assert isinstance(window, KioskWindow)
    window.ask_pin()
    window.try_pin("0000")
    # The PIN is checked on a worker: wait for it (bounded), then let its answer be drawn.
    window._tasks.wait_idle(30_000)
    for _ in range(20):
        app.processEvents()
    path = OUT / f"selfservice-staffpin-{lang}.png"
    window.grab().save(str(path))
    window.unlocked = True
    window.close()
    wizard.languages.set_language("vi")
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] == ["questions"]:
        for lang in ("vi", "en"):
            for path in shoot_questions(lang):
                print(path.relative_to(ROOT))
        return 0
    if sys.argv[1:] == ["pin"]:
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        for lang in ("vi", "en"):
            print(shoot_pin(app, lang).relative_to(ROOT))
        return 0
    for lang in ("vi", "en"):
        for path in shoot(lang):
            print(path.relative_to(ROOT))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for path in shoot_sizes(app):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
