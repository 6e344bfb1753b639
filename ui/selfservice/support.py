"""State support for voluntary social insurance: the poor / near-poor household question, then
(only when it can still raise the support) the ethnicity: Kinh, the province's largest
groups, and "Dân tộc khác…" opening the searchable list of all 54 (ethnicity_choices.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.domain.enums import SupportGroup
from ui.i18n import label_text
from ui.selfservice.base import big_button, label
from ui.selfservice.controller import WizardController
from ui.selfservice.ethnicity_choices import ChoicesScreen, EthnicityChoices, question_pages
from ui.selfservice.schemes import person_name

translate = QCoreApplication.translate
# "Không": an ordinary family; the two household books: a home
GROUP_ICONS = {
    SupportGroup.OTHER: "family",
    SupportGroup.POOR: "home",
    SupportGroup.NEAR_POOR: "home",
}


class SupportScreen(ChoicesScreen):
    """Two questions on one screen; each answer is a big button, the last one moves on."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.pages, column = question_pages(self.root)
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
        self.choices = EthnicityChoices(self.pages, self.controller.answer_ethnicity)
        column.addLayout(self.choices.grid)
        column.addStretch(1)
        self.add_nav()
        self.next_button.hide()  # answering is the step forward
        self.retranslate()

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
        self.choices.retranslate()
        if self.controller.members:
            self.title.setText(
                translate("SupportScreen", "Hỗ trợ tiền đóng cho %1").replace(
                    "%1", person_name(self.controller)
                )
            )

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        if not c.members:
            return
        self.choices.build(c.backend.ethnic_shortlist)
        plan = c.plan
        for group, button in self.groups.items():
            button.setChecked(plan.group == group)
        asked = c.ethnicity_matters()
        self.ethnicity_question.setVisible(asked)
        self.choices.show_answer(plan.ethnicity, visible=asked)
        self.retranslate()
