"""No text cut off: every label and button on every self-service screen, both languages, normal
and large text, on the smallest landscape tablet, the reference screen and a portrait totem."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QStyle, QStyleOptionButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.domain.enums import SupportGroup
from tests.ui.selfservice.fakes import Recorder, cccd
from tests.ui.widgets.helpers import show_top
from ui.selfservice.controller import Choice, Step
from ui.selfservice.details import DetailsScreen
from ui.selfservice.ethnicity import EthnicityScreen
from ui.selfservice.support import SupportScreen
from ui.selfservice.wizard import SelfServiceWizard

AN = cccd("066090123456", "Nguyễn Văn An", "01021990", "Nam", "Thôn Ea Kao, xã Ea Kao, Đắk Lắk")
# 10 years old: asked whether she has a (school) card elsewhere
HUYEN = cccd("066315111222", "Nguyễn Thị Huyền", "03032015", "Nữ")
SIZES = ((1024, 600), (1280, 800), (1080, 1920))
TOLERANCE_PX = 1  # rounding between font metrics and layout


def clipped(widget: QWidget) -> str | None:
    """Why `widget`'s text does not fit in it, or None when it fits."""
    if isinstance(widget, QPushButton):
        return button_clipped(widget)
    assert isinstance(widget, QLabel)
    if not widget.text() or not widget.pixmap().isNull():
        return None
    room = widget.contentsRect()
    metrics = widget.fontMetrics()
    if widget.wordWrap():
        words = widget.text().split()
        widest = max(metrics.horizontalAdvance(w) for w in words) if words else 0
        if widest > room.width() + TOLERANCE_PX:
            return f"a word {widest} px wide in {room.width()} px"
        need = widget.heightForWidth(widget.width())
        if need > widget.height() + TOLERANCE_PX:
            return f"wrapped text needs {need} px, has {widget.height()} px"
        return None
    lines = widget.text().split("\n")
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    if widest > room.width() + TOLERANCE_PX:
        return f"text {widest} px wide in {room.width()} px"
    if metrics.height() * len(lines) > room.height() + TOLERANCE_PX:
        return f"{len(lines)} lines in {room.height()} px"
    return None


def button_clipped(button: QPushButton) -> str | None:
    """Text (and icon) against the area the style leaves inside the button's border and padding."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    lines = button.text().split("\n") if button.text() else []
    metrics = button.fontMetrics()
    icon = 0 if button.icon().isNull() else button.iconSize().width() + 4
    wide = icon + max((metrics.horizontalAdvance(line) for line in lines), default=0)
    high = max(
        metrics.height() * len(lines), 0 if button.icon().isNull() else button.iconSize().height()
    )
    if wide > room.width() + TOLERANCE_PX:
        return f"button content {wide} px wide in {room.width()} px"
    if high > room.height() + TOLERANCE_PX:
        return f"button content {high} px high in {room.height()} px"
    return None


def problems(wizard: SelfServiceWizard, where: str) -> list[str]:
    """Every visible label or button of the wizard whose text is cut off."""
    out = []
    for widget in wizard.findChildren(QWidget):
        if not isinstance(widget, QLabel | QPushButton) or not widget.isVisible():
            continue
        why = clipped(widget)
        if why is not None:
            name = widget.objectName() or type(widget).__name__
            out.append(f"{where}: {name} {widget.text()[:40]!r}: {why}")
    return out


def screens(qtbot: QtBot, wizard: SelfServiceWizard) -> Iterator[str]:
    """Drive the wizard through every screen and state worth looking at; yields a name each."""
    c = wizard.controller
    settle: Callable[[], None] = lambda: qtbot.waitUntil(lambda: not c.busy, timeout=10_000)  # noqa: E731
    form = wizard.screens[Step.DETAILS]
    assert isinstance(form, DetailsScreen)
    support = wizard.screens[Step.SUPPORT]
    assert isinstance(support, SupportScreen)
    ethnicity = wizard.screens[Step.ETHNICITY]
    assert isinstance(ethnicity, EthnicityScreen)

    def second_address() -> None:
        c.set_field("address", "Thôn 1")
        c.submit_details()

    def next_person() -> None:
        c.enter_income(3_000_000)
        c.period_done()

    def other_group() -> None:
        support.choices.picker.closed.emit()
        c.answer_ethnicity("Ê Đê")

    steps: list[tuple[str, Callable[[], object]]] = [
        ("welcome", lambda: None),
        ("identify", c.start),
        ("details", lambda: c.scan(AN)),
        ("details-numpad", lambda: form.focus_field("personal_id")),
        ("household", c.submit_details),
        ("details-second", lambda: c.scan(HUYEN)),
        ("details-address-offer", lambda: c.set_field("address", "")),
        ("household-two", second_address),
        ("scheme-everyone", c.household_done),
        ("support", lambda: c.choose(Choice.BOTH)),
        ("support-ethnicity", lambda: c.answer_group(SupportGroup.OTHER)),
        ("support-list", support.choices.open_list),
        ("support-list-found", lambda: support.choices.picker.search.setText("ede")),
        ("period-both", other_group),
        ("period-typing", lambda: c.enter_income(3)),
        ("period-off-step", lambda: c.enter_income(3_020_000)),
        ("scheme-second", next_person),
        ("cover", lambda: c.choose(Choice.BHYT)),
        ("period-covered", lambda: c.answer_cover("pupil_student")),
        ("ethnicity", c.period_done),
        ("ethnicity-list", lambda: ethnicity.choices.open_list()),
        ("review", lambda: c.answer_listed_ethnicity("Kinh")),
        ("payment", c.confirm),
        ("vietqr", c.pay_vietqr),
        ("thanks", c.finish),
        ("idle", lambda: wizard.overlay.show_countdown(15)),
    ]
    for name, action in steps:
        action()
        settle()
        qtbot.waitUntil(wizard.current_screen().isVisible)
        for _ in range(3):  # let the layouts the change asked for run (no waiting on a clock)
            QCoreApplication.processEvents()
        yield name
    wizard.overlay.hide()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_no_text_cut_off_on_any_screen(qtbot: QtBot, size: tuple[int, int], large: bool) -> None:
    """In Vietnamese and English, every label's text fits its widget (one line: its width;
    wrapped: its height for its width) and every button is at least as big as its text."""
    wizard = SelfServiceWizard(Recorder().backend(), idle_timeout_ms=3_600_000, thanks_ms=3_600_000)
    wizard.resize(*size)
    show_top(qtbot, wizard)
    wizard.larger_text.setChecked(large)
    found: list[str] = []
    for lang in ("vi", "en"):
        wizard.controller.reset()
        wizard.languages.set_language(lang)
        wizard.larger_text.setChecked(large)
        for name in screens(qtbot, wizard):
            found += problems(wizard, f"{lang} {name}")
    wizard.idle.stop()
    wizard.languages.set_language("vi")  # the next test reads Vietnamese
    assert not found, "\n".join(found)


def test_the_check_finds_cut_text(qtbot: QtBot) -> None:
    """The checker itself: a one-line label narrower than its text, a wrapped label shorter
    than its lines and a button narrower than its text are each reported; fitting ones are not."""
    wide = QLabel("Bảo hiểm xã hội Việt Nam")
    wrapped = QLabel("Đưa mã QR trên thẻ căn cước vào dưới máy quét " * 3)
    wrapped.setWordWrap(True)
    button = QPushButton("Nhập thông tin bằng tay")
    for widget in (wide, wrapped, button):
        qtbot.addWidget(widget)
        widget.resize(60, 20)
    assert clipped(wide) is not None and clipped(wrapped) is not None
    assert clipped(button) is not None
    for widget in (wide, wrapped, button):
        widget.resize(widget.sizeHint().width() + 600, widget.heightForWidth(900) + 60)
    assert [clipped(w) for w in (wide, wrapped, button)] == [None, None, None]
