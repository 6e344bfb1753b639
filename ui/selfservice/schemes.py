"""Which scheme each person joins (or health insurance for the whole household in one tap)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QPushButton, QWidget

from ui.selfservice.base import Screen, big_button
from ui.selfservice.controller import Choice, WizardController

translate = QCoreApplication.translate


def person_name(controller: WizardController) -> str:
    return controller.plan.person.full_name.strip()


class SchemeScreen(Screen):
    """Three big choices with icons: health insurance, voluntary social insurance, or both."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.buttons: dict[Choice, QPushButton] = {}
        self.explain: dict[Choice, str] = {}
        for choice, icon_name in (
            (Choice.BHYT, "health"),
            (Choice.BHXH, "pension"),
            (Choice.BOTH, "family"),
        ):
            button = big_button(f"choice_{choice.value}", icon_name, role="choice")
            button.setProperty("tall", True)
            button.setIconSize(QSize(64, 64))
            button.clicked.connect(lambda _=False, c=choice: self.controller.choose(c))
            self.buttons[choice] = button
            self.root.addWidget(button)
        # A family's usual case in one tap: the same health insurance and period for everyone.
        self.everyone = big_button("choice_bhyt_all", "home", role="choice")
        self.everyone.setProperty("tall", True)
        self.everyone.setIconSize(QSize(64, 64))
        self.everyone.clicked.connect(lambda: self.controller.choose(Choice.BHYT, everyone=True))
        self.root.insertWidget(0, self.everyone)
        self.root.addStretch(1)
        self.add_nav()
        self.next_button.hide()  # choosing is the step forward
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        texts = {
            Choice.BHYT: translate(
                "SchemeScreen", "Bảo hiểm y tế hộ gia đình\nKhám chữa bệnh có thẻ BHYT"
            ),
            Choice.BHXH: translate(
                "SchemeScreen", "Bảo hiểm xã hội tự nguyện\nĐóng để có lương hưu khi về già"
            ),
            Choice.BOTH: translate("SchemeScreen", "Cả hai\nBHYT hộ gia đình và BHXH tự nguyện"),
        }
        for choice, text in texts.items():
            self.buttons[choice].setText(text)
        self.everyone.setText(
            translate(
                "SchemeScreen",
                "Bảo hiểm y tế hộ gia đình cho cả %n người\nChọn một lần cho cả nhà",
                "",
                len(self.controller.members),
            )
        )
        self.refresh_title()

    def refresh_title(self) -> None:
        if self.controller.members:
            self.title.setText(
                translate("SchemeScreen", "%1 muốn tham gia bảo hiểm nào?").replace(
                    "%1", person_name(self.controller)
                )
            )

    def refresh(self) -> None:
        super().refresh()
        if not self.controller.members:
            return
        c = self.controller
        current = c.current_choice()
        for choice, button in self.buttons.items():
            button.setChecked(choice == current and not c.shared_plan)
        # offered to the first person of a household of two or more
        self.everyone.setVisible(c.plan_index == 0 and len(c.members) > 1)
        self.everyone.setChecked(c.shared_plan)
        self.retranslate()
