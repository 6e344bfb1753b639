"""The ethnicity answer buttons two screens share (support, everyone's ethnicity): Kinh, the
event province's largest groups, and "Dân tộc khác…" opening the searchable list of all 54 as
the screen's second page. A tap answers."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.ethnicity import find_ethnicity
from ui.selfservice.base import Screen, big_button
from ui.selfservice.ethnicity_picker import EthnicityPicker
from ui.theme import Theme

translate = QCoreApplication.translate


def question_pages(root: QBoxLayout) -> tuple[QStackedWidget, QVBoxLayout]:
    """Two pages in `root`: the screen's questions (page 0, its column returned) and, once
    EthnicityChoices adds it, the full list (page 1)."""
    pages = QStackedWidget()
    root.addWidget(pages, 1)
    question = QWidget()
    question.setProperty("screen", True)
    pages.addWidget(question)
    column = QVBoxLayout(question)
    column.setContentsMargins(0, 0, 0, 0)
    return pages, column


class EthnicityChoices:
    """The grid of group buttons (for the screen's question page, `pages` page 0) and the full
    list (added as page 1); `answer` gets the group's name from either."""

    def __init__(self, pages: QStackedWidget, answer: Callable[[str], object]) -> None:
        self.pages, self.answer = pages, answer
        self.grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        self.other = big_button("eth_other", "keyboard", role="secondary")
        self.other.setIconSize(QSize(40, 40))
        self.other.clicked.connect(self.open_list)
        self.picker = EthnicityPicker()
        self.picker.chosen.connect(self._picked)
        self.picker.closed.connect(lambda: self.page(0))
        pages.addWidget(self.picker)
        pages.currentChanged.connect(self._sized)
        self.columns = 4
        self._sized(0)

    def build(self, shortlist: Iterable[str]) -> None:
        """Kinh, then the shortlist (once: the event's province does not change)."""
        if self.buttons:
            return
        for name in ("Kinh", *shortlist):
            group = find_ethnicity(name)
            if group is None or group.name in self.buttons:
                continue
            button = big_button(f"eth_{group.code}", "person", role="choice")
            button.setIconSize(QSize(32, 32))
            button.setText(group.name)
            button.clicked.connect(lambda _=False, n=group.name: self.answer(n))
            self.buttons[group.name] = button
        self._regrid()

    def _regrid(self) -> None:
        widgets = [*self.buttons.values(), self.other]
        for widget in widgets:
            self.grid.removeWidget(widget)
        for i, widget in enumerate(widgets):
            self.grid.addWidget(widget, i // self.columns, i % self.columns)

    def show_answer(self, chosen: str, visible: bool = True) -> None:
        """Mark `chosen` ("" for none); a group from the full list shows on the "other" button."""
        for name, button in self.buttons.items():
            button.setChecked(name == chosen)
            button.setVisible(visible)
        self.other.setVisible(visible)
        self.other.setChecked(False)
        if not chosen or chosen in self.buttons:
            self.other.setText(translate("EthnicityChoices", "Dân tộc khác…"))
        else:
            self.other.setText(
                translate("EthnicityChoices", "Dân tộc khác: %1").replace("%1", chosen)
            )

    def open_list(self) -> None:
        self.page(1)
        self.picker.open()

    def _picked(self, name: str) -> None:
        self.page(0)
        self.answer(name)

    def page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._sized(index)

    def _sized(self, index: int) -> None:
        """Only the page on show takes room: the questions must not scroll for the keys' sake."""
        for n in range(self.pages.count()):
            page = self.pages.widget(n)
            assert page is not None
            policy = QSizePolicy.Policy.Preferred if n == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.adjustSize()

    def clear(self) -> None:
        self.page(0)
        self.picker.search.clear()

    def retranslate(self) -> None:
        self.picker.retranslate()

    def adapt(self, theme: Theme, portrait: bool) -> None:
        self.columns = 3 if portrait else 4  # Kinh, 8 groups and "other": three rows
        self._regrid()
        key = max(theme.touch_px(), theme.dim(56))
        self.picker.adapt(key, theme.dim(28), portrait)


class ChoicesScreen(Screen):
    """A screen asking the ethnicity with EthnicityChoices (`self.choices`): the full list
    closes when the person moves on, forgets its search on reset, and sizes with the screen."""

    choices: EthnicityChoices

    def hideEvent(self, event: QHideEvent) -> None:
        self.choices.page(0)
        super().hideEvent(event)

    def clear(self) -> None:
        self.choices.clear()

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        self.choices.adapt(theme, portrait)
