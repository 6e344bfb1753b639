"""Payment choice (VietQR now or at the desk), the VietQR screen, and the thank-you screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.money import format_vnd
from kiosk.domain.numbers import ticket_number
from ui.selfservice.base import Screen, big_button, flip, label, picture
from ui.selfservice.controller import WizardController
from ui.theme import Theme
from ui.widgets.qr_view import QrView

translate = QCoreApplication.translate
THANKS_MS = 20_000  # the thank-you screen returns to the welcome screen by itself


class PaymentScreen(Screen):
    """Two big choices: pay by bank transfer now (VietQR), or take a queue ticket to the desk."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.amount = label("big", name="paymentTotal")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.root.addWidget(self.amount)
        self.vietqr = big_button("payVietqr", "qr", role="choice")
        self.desk = big_button("payDesk", "cashdesk", role="choice")
        for button in (self.vietqr, self.desk):
            button.setProperty("tall", True)
            button.setIconSize(QSize(64, 64))
            self.root.addWidget(button)
        self.vietqr.clicked.connect(controller.pay_vietqr)
        self.desk.clicked.connect(controller.pay_at_desk)
        self.root.addStretch(1)
        self.root.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(
            translate("PaymentScreen", "Đã lưu đăng ký. Bạn muốn thanh toán thế nào?")
        )
        self.vietqr.setText(
            translate(
                "PaymentScreen", "Chuyển khoản ngay bằng mã VietQR\nQuét mã bằng ứng dụng ngân hàng"
            )
        )
        self.desk.setText(
            translate(
                "PaymentScreen", "Trả tại bàn thu\nNhận phiếu số thứ tự, nộp tiền mặt tại bàn"
            )
        )

    def refresh(self) -> None:
        super().refresh()
        reg = self.controller.registration
        self.amount.setText(format_vnd(reg.total) if reg else "")
        self.vietqr.setChecked(False)
        self.desk.setChecked(False)


class VietQrScreen(Screen):
    """The transfer QR, big, with the amount; staff confirm when the money arrives."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.body = body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.qr = QrView(minimum_px=300)
        self.qr.setObjectName("vietqr")
        body.addWidget(self.qr, 1)
        side = QVBoxLayout()
        self.amount = label("big", name="vietqrAmount")
        self.reference = label("amount")
        self.waiting = label("subtitle", name="waiting")
        self.steps = label()
        for w in (self.amount, self.reference, self.waiting, self.steps):
            side.addWidget(w)
        side.addStretch(1)
        body.addLayout(side, 1)
        self.root.addLayout(body, 1)
        self.add_nav(back=False, next_name="vietqrDone")
        self.next_button.clicked.connect(controller.finish)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(translate("VietQrScreen", "Quét mã để chuyển khoản"))
        self.waiting.setText(translate("VietQrScreen", "Đang chờ nhân viên xác nhận đã nhận tiền."))
        self.steps.setText(
            translate(
                "VietQrScreen",
                "1. Mở ứng dụng ngân hàng, chọn quét mã QR.\n2. Kiểm tra số tiền rồi chuyển.\n"
                "3. Đưa màn hình chuyển khoản thành công cho nhân viên.",
            )
        )
        self.next_button.setText(translate("VietQrScreen", "Tôi đã chuyển khoản"))

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        flip(self.body, portrait)

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        self.qr.set_payload(c.vietqr)
        reg = c.registration
        self.amount.setText(format_vnd(reg.total) if reg else "")
        if reg is not None and reg.queue_number is not None:
            self.reference.setText(
                translate("VietQrScreen", "Số thứ tự: %1").replace(
                    "%1", ticket_number(reg.queue_number)
                )
            )
        else:
            self.reference.clear()

    def clear(self) -> None:
        self.qr.clear()


class ThanksScreen(Screen):
    """Thank you, with the queue number for the desk; back to the welcome screen by itself."""

    done = Signal()  # the wizard wipes everything for the next attendee

    def __init__(
        self,
        controller: WizardController,
        parent: QWidget | None = None,
        *,
        return_ms: int = THANKS_MS,
    ) -> None:
        super().__init__(controller, parent)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        done = picture("done", 140)
        self.number_caption = label("subtitle")
        self.number_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = label("big", name="queueNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet("font-size: 120px;")  # adapt() scales it
        self.explain = label()
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.home = big_button("home", "home")
        self.home.clicked.connect(self.done)
        self.outer.removeWidget(self.title)  # centred with the rest on a tall screen
        self.root.addStretch(1)
        for w in (self.title, done, self.number_caption, self.number, self.explain, self.message):
            self.root.addWidget(w)
        self.root.addWidget(self.home, 0, Qt.AlignmentFlag.AlignCenter)
        self.root.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(return_ms)
        self.timer.timeout.connect(self.done)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("ThanksScreen", "Cảm ơn bạn đã đăng ký!"))
        self.number_caption.setText(translate("ThanksScreen", "Số thứ tự của bạn"))
        self.home.setText(translate("ThanksScreen", "Về màn hình đầu"))
        self._explain()

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        self.number.setStyleSheet(f"font-size: {theme.px(5.5)}px;")

    def _explain(self) -> None:
        if self.controller.paid_at_desk:
            self.explain.setText(
                translate(
                    "ThanksScreen",
                    "Mời bạn cầm phiếu in ra đến bàn thu để nộp tiền và nhận giấy tờ.",
                )
            )
        else:
            self.explain.setText(
                translate("ThanksScreen", "Mời bạn đến bàn nhân viên để nhận biên lai và giấy tờ.")
            )

    def refresh(self) -> None:
        super().refresh()
        reg = self.controller.registration
        number = reg.queue_number if reg is not None else None
        self.number.setText(ticket_number(number) if number is not None else "")
        self.number_caption.setVisible(number is not None)
        self._explain()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)
