"""State support for voluntary social insurance: the poor / near-poor household question, then
(only when it can still raise the support) the ethnicity: Kinh, the province's largest
groups, and "Dân tộc khác…" opening the searchable list of all 54."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.enums import SupportGroup
from kiosk.domain.ethnicity import find_ethnicity
from ui.i18n import label_text
from ui.selfservice.base import Screen, big_button, label
from ui.selfservice.controller import WizardController
from ui.selfservice.ethnicity_picker import EthnicityPicker
from ui.selfservice.schemes import person_name
from ui.theme import Theme

translate = QCoreApplication.translate
# "Không": an ordinary family; the two household books: a home
GROUP_ICONS = {
    SupportGroup.OTHER: "family",
    SupportGroup.POOR: "home",
    SupportGroup.NEAR_POOR: "home",
}


class SupportScreen(Screen):
    """Two questions on one screen; each answer is a big button, the last one moves on."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.pages = QStackedWidget()
        self.root.addWidget(self.pages, 1)
        questions = QWidget()
        questions.setProperty("screen", True)
        column = QVBoxLayout(questions)
        column.setContentsMargins(0, 0, 0, 0)
        self.hint = label("subtitle", name="supportHint")
        column.addWidget(self.hint)
        self.group_question = label("amount", name="groupQuestion")
        column.addWidget(self.group_question)
        self.group_grid = QGridLayout()
        self.groups: dict[SupportGroup, QPushButton] = {}
        for n, (group, icon_name) in enumerate(GROUP_ICONS.items()):
            button = big_button(f"group_{group.value}", icon_name, role="choice")
            button.setIconSize(QSize(40, 40))
            button.clicked.connect(lambda _=False, g=group: self.controller.answer_group(g))
            self.groups[group] = button
            self.group_grid.addWidget(button, 0, n)
        column.addLayout(self.group_grid)
        self.ethnicity_question = label("amount", name="ethnicityQuestion")
        column.addWidget(self.ethnicity_question)
        self.ethnicity_grid = QGridLayout()
        column.addLayout(self.ethnicity_grid)
        column.addStretch(1)
        self.pages.addWidget(questions)
        self.picker = EthnicityPicker()
        self.picker.chosen.connect(self._picked)
        self.picker.closed.connect(lambda: self._page(0))
        self.pages.addWidget(self.picker)
        self.pages.currentChanged.connect(self._sized)
        self.ethnicities: dict[str, QPushButton] = {}
        self.other = big_button("eth_other", "keyboard", role="secondary")
        self.other.setIconSize(QSize(40, 40))
        self.other.clicked.connect(self.open_list)
        self.columns = 4
        self._sized(0)
        self.add_nav()
        self.next_button.hide()  # answering is the step forward
        self.retranslate()

    # -- the ethnicity buttons -----------------------------------------------------------------
    def _ethnicity_buttons(self) -> None:
        """Kinh, the shortlist of the event's province, then "Dân tộc khác…" (built once)."""
        if self.ethnicities:
            return
        for name in ("Kinh", *self.controller.backend.ethnic_shortlist):
            group = find_ethnicity(name)
            if group is None:
                continue
            button = big_button(f"eth_{group.code}", "person", role="choice")
            button.setIconSize(QSize(32, 32))
            button.setText(group.name)
            button.clicked.connect(
                lambda _=False, n=group.name: self.controller.answer_ethnicity(n)
            )
            self.ethnicities[group.name] = button
        self._regrid()

    def _regrid(self) -> None:
        widgets = [*self.ethnicities.values(), self.other]
        for widget in widgets:
            self.ethnicity_grid.removeWidget(widget)
        for i, widget in enumerate(widgets):
            self.ethnicity_grid.addWidget(widget, i // self.columns, i % self.columns)

    def open_list(self) -> None:
        self._page(1)
        self.picker.open()

    def _picked(self, name: str) -> None:
        self._page(0)
        self.controller.answer_ethnicity(name)

    def _page(self, index: int) -> None:
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

    # -- showing -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.hint.setText(
            translate(
                "SupportScreen",
                "Nhà nước hỗ trợ một phần tiền đóng BHXH tự nguyện, nhiều hơn cho hộ nghèo, hộ "
                "cận nghèo và người dân tộc thiểu số. Nhân viên sẽ xem giấy tờ khi bạn thanh toán.",
            )
        )
        self.group_question.setText(
            translate("SupportScreen", "Gia đình bạn có sổ hộ nghèo / cận nghèo không?")
        )
        self.ethnicity_question.setText(translate("SupportScreen", "Bạn là người dân tộc nào?"))
        self.groups[SupportGroup.OTHER].setText(translate("SupportScreen", "Không"))
        for group in (SupportGroup.POOR, SupportGroup.NEAR_POOR):
            self.groups[group].setText(label_text(group))
        self.other.setText(self._other_text())
        self.picker.retranslate()
        if self.controller.members:
            self.title.setText(
                translate("SupportScreen", "Hỗ trợ tiền đóng cho %1").replace(
                    "%1", person_name(self.controller)
                )
            )

    def _other_text(self) -> str:
        """ "Dân tộc khác…", or the group chosen from the full list (so it shows as chosen)."""
        c = self.controller
        chosen = c.plan.ethnicity if c.members else ""
        if not chosen or chosen in self.ethnicities:
            return translate("SupportScreen", "Dân tộc khác…")
        return translate("SupportScreen", "Dân tộc khác: %1").replace("%1", chosen)

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        if not c.members:
            return
        self._ethnicity_buttons()
        plan = c.plan
        for group, button in self.groups.items():
            button.setChecked(plan.group == group)
        asked = c.ethnicity_matters()
        self.ethnicity_question.setVisible(asked)
        for button in (*self.ethnicities.values(), self.other):
            button.setVisible(asked)
        for name, button in self.ethnicities.items():
            button.setChecked(plan.ethnicity == name)
        self.retranslate()

    def hideEvent(self, event: QHideEvent) -> None:
        self._page(0)  # the full list is closed once the person moves on
        super().hideEvent(event)

    def clear(self) -> None:
        self._page(0)
        self.picker.search.clear()

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        self.columns = 3 if portrait else 4  # Kinh, 8 groups and "other": three rows
        self._regrid()
        key = max(theme.touch_px(), theme.dim(56))
        self.picker.adapt(key, theme.dim(28), portrait)
