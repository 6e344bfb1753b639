"""Everyone's ethnicity, for the declaration: one question for the people on the list who were
not asked yet (a tap answers for all of them), or, after "Mỗi người một dân tộc", one person
at a time. The answer changes no amount (ui/selfservice/ethnicity_steps.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QWidget

from ui.selfservice.base import big_button, label
from ui.selfservice.controller import WizardController
from ui.selfservice.ethnicity_choices import ChoicesScreen, EthnicityChoices, question_pages

translate = QCoreApplication.translate


class EthnicityScreen(ChoicesScreen):
    """The names asked about, why it is asked, the group buttons and "one by one"."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.pages, column = question_pages(self.root)
        self.names = label("amount", name="ethnicityNames")
        column.addWidget(self.names)
        self.hint = label("subtitle", name="ethnicityHint")
        column.addWidget(self.hint)
        self.choices = EthnicityChoices(self.pages, self.controller.answer_listed_ethnicity)
        column.addLayout(self.choices.grid)
        self.each = big_button("eth_each", "family", role="secondary")
        self.each.setIconSize(QSize(40, 40))
        self.each.clicked.connect(self.controller.ethnicity_one_by_one)
        column.addWidget(self.each)
        column.addStretch(1)
        self.add_nav()
        self.next_button.hide()  # answering is the step forward
        self.retranslate()

    def _targets(self) -> list[int]:
        return self.controller.ethnicity_targets() if self.controller.members else []

    def retranslate(self) -> None:
        super().retranslate()
        self.hint.setText(
            translate(
                "EthnicityScreen",
                "Tờ khai gửi cơ quan BHXH ghi dân tộc của từng người. Câu trả lời không làm "
                "thay đổi số tiền phải đóng.",
            )
        )
        self.each.setText(translate("EthnicityScreen", "Mỗi người một dân tộc khác"))
        self.choices.retranslate()
        targets, members = self._targets(), self.controller.members
        if len(targets) > 1:
            self.title.setText(translate("EthnicityScreen", "Những người này là dân tộc nào?"))
        elif targets == [0]:
            self.title.setText(translate("EthnicityScreen", "Bạn là người dân tộc nào?"))
        elif targets:
            name = members[targets[0]].person.full_name.strip()
            self.title.setText(
                translate("EthnicityScreen", "%1 là người dân tộc nào?").replace("%1", name)
            )
        self.names.setText(", ".join(members[i].person.full_name.strip() for i in targets))

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        targets = self._targets()
        if not targets:
            return
        self.choices.build(c.backend.ethnic_shortlist)
        answers = {c.members[i].ethnicity for i in targets}
        self.choices.show_answer(answers.pop() if len(answers) == 1 else "")
        self.names.setVisible(len(targets) > 1)
        self.each.setVisible(not c.ethnicity_each and len(targets) > 1)
        self.retranslate()
