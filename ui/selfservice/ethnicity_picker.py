"""The full list of the 54 ethnic groups, searched by typing on the screen keys without
accents ("ede" finds Ê Đê, "hmong" finds Mông); a tap on a group answers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.ethnicity import Ethnicity, ethnicities, match_key
from ui.selfservice.base import big_button, flip, label
from ui.widgets.keyboard import OnScreenKeyboard

translate = QCoreApplication.translate
MAX_SEARCH = 20  # the longest name is 12 letters; more is not a search


def search_keys(group: Ethnicity) -> tuple[str, ...]:
    """The group's name and other names as compared: no accents, spaces or hyphens."""
    return tuple(match_key(name) for name in (group.name, *group.other_names))


def matching(text: str) -> list[Ethnicity]:
    """The groups whose name or another name contains `text` (accents ignored), list order."""
    needle = match_key(text)
    return [g for g in ethnicities() if any(needle in key for key in search_keys(g))]


class EthnicityPicker(QWidget):
    """Search field and keys beside (landscape) or above (portrait) the matching groups."""

    chosen = Signal(str)  # the group's name
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()  # the way back to the short list first: the keys fill the rest
        self.close_button = big_button("ethnicityClose", "back", role="secondary")
        self.close_button.clicked.connect(self.closed.emit)
        top.addWidget(self.close_button)
        self.prompt = label("subtitle", name="ethnicitySearchPrompt")
        top.addWidget(self.prompt, 1)
        outer.addLayout(top)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("ethnicitySearch")
        self.search.setMaxLength(MAX_SEARCH)
        self.search.textChanged.connect(lambda _t: self._filter())
        left.addWidget(self.search)
        self.none_found = label("error", name="ethnicityNoneFound")
        self.none_found.hide()
        left.addWidget(self.none_found)
        host = QWidget()
        host.setProperty("screen", True)
        self.grid = QGridLayout(host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.results = QScrollArea()
        self.results.setObjectName("ethnicityResults")
        self.results.setWidget(host)
        self.results.setWidgetResizable(True)
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # the list scrolls within the room beside the keys; it must not make the screen scroll
        self.results.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        left.addWidget(self.results, 1)
        self.body.addLayout(left, 1)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.telex_on = False  # typed without accents; the names match either way
        self.keyboard.telex_button.setChecked(False)
        self.keyboard.auto_capitalize = False
        self.keyboard.set_target(self.search)
        self.body.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(self.body, 1)
        self.buttons: dict[str, QPushButton] = {}
        for group in ethnicities():
            button = big_button(f"list_{group.code}", role="secondary")
            button.setText(group.name)
            button.clicked.connect(lambda _=False, n=group.name: self.chosen.emit(n))
            self.buttons[group.code] = button
        self.columns = 2
        self._filter()
        self.retranslate()

    def retranslate(self) -> None:
        self.prompt.setText(
            translate(
                "EthnicityPicker",
                "Gõ vài chữ của tên dân tộc (không cần dấu), rồi chạm vào tên đúng.",
            )
        )
        self.none_found.setText(
            translate("EthnicityPicker", "Không có dân tộc nào có tên như vậy. Hãy gõ lại.")
        )
        self.close_button.setText(translate("EthnicityPicker", "Về danh sách ngắn"))
        self.keyboard.retranslate()

    def open(self) -> None:
        """A fresh search, the cursor in the field."""
        self.search.clear()
        self.keyboard.clear_state()
        self.search.setFocus()

    def _filter(self) -> None:
        shown = matching(self.search.text())
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.hide()
        for i, group in enumerate(shown):
            button = self.buttons[group.code]
            self.grid.addWidget(button, i // self.columns, i % self.columns)
            button.show()
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self.none_found.setVisible(not shown)

    def adapt(self, key_px: int, icon_px: int, portrait: bool) -> None:
        """Keys of at least 10 mm; the groups in more columns when the list has the width."""
        flip(self.body, portrait)
        self.keyboard.set_key_size(key_px)
        self.close_button.setIconSize(QSize(icon_px, icon_px))
        self.columns = 4 if portrait else 2
        self._filter()
