"""Welcome (attract) screen with the language choice, and the scan-or-type screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.i18n import LanguageManager
from ui.selfservice.base import Screen, big_button, label, picture
from ui.selfservice.controller import WizardController
from ui.theme import Theme

translate = QCoreApplication.translate


class WelcomeScreen(Screen):
    """A big greeting, the two languages side by side, and one "Bắt đầu" button."""

    def __init__(
        self,
        controller: WizardController,
        languages: LanguageManager,
        parent: QWidget | None = None,
        *,
        bilingual: bool = True,
    ) -> None:
        super().__init__(controller, parent)
        self.languages = languages
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = label()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        family = picture("family", 140)
        langs = QHBoxLayout()
        self.vietnamese = big_button("lang_vi", "language", role="choice")
        self.vietnamese.setText("Tiếng Việt")  # each language named in itself: never translated
        self.english = big_button("lang_en", "language", role="choice")
        self.english.setText("English")
        self.vietnamese.clicked.connect(lambda: self.languages.set_language("vi"))
        self.english.clicked.connect(lambda: self.languages.set_language("en"))
        for button in (self.vietnamese, self.english):
            button.setVisible(bilingual)  # one language configured: nothing to choose
        langs.addStretch(1)
        langs.addWidget(self.vietnamese)
        langs.addSpacing(24)
        langs.addWidget(self.english)
        langs.addStretch(1)
        self.start_button = big_button("start", "next")
        self.start_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.start_button.setMinimumWidth(420)
        self.start_button.clicked.connect(controller.start)
        self.outer.removeWidget(self.title)  # centred with the rest on a tall screen
        self.root.addStretch(1)
        self.root.addWidget(self.title)
        self.root.addWidget(family)
        self.root.addWidget(self.subtitle)
        self.root.addSpacing(12)
        self.root.addLayout(langs)
        self.root.addSpacing(12)
        self.root.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignCenter)
        self.root.addWidget(self.hint)
        self.root.addWidget(self.message)
        self.root.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("WelcomeScreen", "Đăng ký BHYT hộ gia đình và BHXH tự nguyện"))
        self.subtitle.setText(
            translate("WelcomeScreen", "Tự đăng ký cho bạn và gia đình trong vài phút.")
        )
        self.start_button.setText(translate("WelcomeScreen", "Bắt đầu"))
        self.hint.setText(
            translate("WelcomeScreen", "Hoặc đưa mã QR trên thẻ căn cước vào máy quét để bắt đầu.")
        )

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        self.start_button.setMinimumWidth(theme.dim(420))

    def refresh(self) -> None:
        super().refresh()
        self.vietnamese.setChecked(self.languages.language == "vi")
        self.english.setChecked(self.languages.language == "en")


class IdentifyScreen(Screen):
    """Scan the CCCD QR with the booth's scanner, or choose to type the details."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.instructions = label("subtitle")
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr = picture("qr", 200)
        self.or_label = label()
        self.or_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.type_button = big_button("typeManually", "keyboard", role="secondary")
        self.type_button.setMinimumWidth(420)
        self.type_button.clicked.connect(controller.type_manually)
        self.root.addStretch(1)
        self.root.addWidget(qr)
        self.root.addWidget(self.instructions)
        self.root.addWidget(self.or_label)
        self.root.addWidget(self.type_button, 0, Qt.AlignmentFlag.AlignCenter)
        self.root.addStretch(1)
        self.add_nav(back=True)
        self.next_button.hide()  # the scan or the button moves on: nothing to confirm here
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        first = self.controller.editing == 0
        self.title.setText(
            translate("IdentifyScreen", "Quét thẻ căn cước của bạn")
            if first
            else translate("IdentifyScreen", "Quét thẻ căn cước của người thân")
        )
        self.instructions.setText(
            translate(
                "IdentifyScreen",
                "Đưa mã QR trên thẻ căn cước (mặt trước thẻ CCCD, mặt sau thẻ căn cước mới) "
                "vào dưới máy quét, giữ yên đến khi nghe tiếng bíp.",
            )
        )
        self.or_label.setText(translate("IdentifyScreen", "Không có thẻ?"))
        self.type_button.setText(translate("IdentifyScreen", "Nhập thông tin bằng tay"))

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        self.type_button.setMinimumWidth(theme.dim(420))

    def refresh(self) -> None:
        self.retranslate()
        super().refresh()
