"""Health insurance held elsewhere: asked of a household member only where it is likely
(a pupil or student, a pensioner...); the answer is one tap and the step forward."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QPushButton, QWidget

from ui.i18n import current_language
from ui.selfservice.base import Screen, big_button, label
from ui.selfservice.controller import WizardController

translate = QCoreApplication.translate


def reason_text(controller: WizardController, code: str) -> str:
    """A covered-elsewhere reason in the screen's language, from the policy tables."""
    for reason in controller.backend.covered_reasons(controller.backend.today()):
        if reason.code == code:
            return reason.en if current_language() == "en" else reason.vi
    return code


class CoverScreen(Screen):
    """ "Không, chưa có thẻ" or "Có: <reason>" for each reason offered for the member's age."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.hint = label("subtitle", name="coverHint")
        self.root.addWidget(self.hint)
        self.none = self._button("cover_none", "person")
        self.none.clicked.connect(lambda: self.controller.answer_cover(None))
        self.root.addWidget(self.none)
        self.reasons: dict[str, QPushButton] = {}
        self.root.addStretch(1)
        self.add_nav()
        self.next_button.hide()  # answering is the step forward
        self.retranslate()

    def _button(self, name: str, icon_name: str) -> QPushButton:
        button = big_button(name, icon_name, role="choice")
        button.setProperty("tall", True)
        button.setIconSize(QSize(56, 56))
        return button

    def _reason_buttons(self, codes: tuple[str, ...]) -> None:
        """One button per reason offered for this member (rebuilt when the member changes)."""
        if tuple(self.reasons) == codes:
            return
        for button in self.reasons.values():
            self.root.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.reasons = {}
        for n, code in enumerate(codes):
            button = self._button(f"cover_{code}", "health")
            button.clicked.connect(lambda _=False, c=code: self.controller.answer_cover(c))
            self.root.insertWidget(2 + n, button)
            self.reasons[code] = button

    def retranslate(self) -> None:
        super().retranslate()
        self.hint.setText(
            translate(
                "CoverScreen",
                "Người đã có thẻ BHYT (ví dụ thẻ học sinh làm ở trường) không phải đóng ở đây và "
                "không tính vào số người đóng của hộ. Nhân viên sẽ xem thẻ khi bạn thanh toán.",
            )
        )
        self.none.setText(translate("CoverScreen", "Không, chưa có thẻ BHYT"))
        for code, button in self.reasons.items():
            button.setText(
                translate("CoverScreen", "Có: %1").replace("%1", reason_text(self.controller, code))
            )
        c = self.controller
        if c.members and c.asking < len(c.members):
            self.title.setText(
                translate("CoverScreen", "%1 có thẻ BHYT ở nơi khác không?").replace(
                    "%1", c.asked.person.full_name.strip()
                )
            )

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        if not c.members or c.asking >= len(c.members):
            return
        plan = c.asked
        self._reason_buttons(c.cover_offer(plan))
        self.none.setChecked(plan.cover_answered and plan.covered_reason is None)
        for code, button in self.reasons.items():
            button.setChecked(plan.covered_reason == code)
        self.retranslate()
