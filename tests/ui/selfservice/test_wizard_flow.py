"""The whole self-service flow through real widgets: a household of three, scanned and typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.domain.enums import PaymentStatus, Scheme, Sex
from kiosk.payments.vietqr import parse_payload
from kiosk.store.models import Enrollment, Payment, Person, Visit
from tests.ui.selfservice.conftest import click, settle
from tests.ui.selfservice.fakes import CoreRecorder, cccd
from tests.ui.widgets.helpers import decode_qr, show_top, type_keys
from tests.ui.widgets.test_keyboard import click_text
from ui.selfservice.controller import Choice, Step
from ui.selfservice.details import DetailsScreen
from ui.selfservice.wizard import SelfServiceWizard

AN = cccd("066090123456", "Nguyễn Văn An", "01021990", "Nam")
BINH = cccd("066192654321", "Trần Thị Bình", "15081992", "Nữ")
HUYEN = cccd("066315111222", "Nguyễn Thị Huyền", "03032015", "Nữ")


def scan(qtbot: QtBot, wizard: SelfServiceWizard, text: str) -> None:
    """The booth's scanner types `text` and Enter in one fast burst into whatever has focus."""
    target = wizard.focusWidget() or wizard
    with qtbot.waitSignal(wizard.scanner.scanned):
        type_keys(target, text, enter=True)


def text_of(root: QWidget, name: str) -> str:
    found = root.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def details(wizard: SelfServiceWizard) -> DetailsScreen:
    screen = wizard.screens[Step.DETAILS]
    assert isinstance(screen, DetailsScreen)
    return screen


def register_household(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder, *, taps: int = 1
) -> None:
    """Drive the wizard from the welcome screen to the stored visit (payment screen); `taps`
    on "Xác nhận" in a row, before the worker thread has stored the visit."""
    click(qtbot, wizard, "start")
    assert wizard.controller.step == Step.IDENTIFY
    scan(qtbot, wizard, AN)
    form = details(wizard)
    assert wizard.controller.step == Step.DETAILS
    assert form.edits["full_name"].text() == "Nguyễn Văn An"
    assert form.edits["birth_date"].text() == "01/02/1990"
    assert form.female.isChecked() is False and form.male.isChecked()
    click(qtbot, form, "next")
    assert wizard.controller.step == Step.HOUSEHOLD
    scan(qtbot, wizard, BINH)  # on the household screen a scan adds a person
    assert form.edits["full_name"].text() == "Trần Thị Bình"
    click(qtbot, form, "next")
    # the third person is typed, name in Telex on the screen keyboard
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "addMember")
    click(qtbot, wizard.screens[Step.IDENTIFY], "typeManually")
    assert wizard.controller.step == Step.DETAILS
    assert form.edits["full_name"].text() == ""
    qtbot.waitUntil(form.edits["full_name"].hasFocus)
    click_text(qtbot, form.keyboard, "Nguyeenx Thij Huyeenf")
    assert form.edits["full_name"].text() == "Nguyễn Thị Huyền"
    qtbot.mouseClick(form.edits["birth_date"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.numpad.target is form.edits["birth_date"])
    for key in "03/03/2015":
        qtbot.mouseClick(form.numpad.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.female, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.edits["personal_id"], Qt.MouseButton.LeftButton)
    for key in "066315111222":
        qtbot.mouseClick(form.numpad.buttons[key], Qt.MouseButton.LeftButton)
    click(qtbot, form, "next")
    assert wizard.controller.step == Step.HOUSEHOLD, wizard.controller.field_errors
    household = wizard.screens[Step.HOUSEHOLD]
    names = [text_of(household, f"memberName_{i}") for i in range(3)]
    assert names == [
        "Nguyễn Văn An   (01/02/1990)",
        "Trần Thị Bình   (15/08/1992)",
        "Nguyễn Thị Huyền   (03/03/2015)",
    ]
    click(qtbot, household, "next")
    # An: both schemes; voluntary income raised from the minimum with the + button
    click(qtbot, wizard.screens[Step.SCHEME], "choice_both")
    # not a poor household, Kinh: the "other" group's support
    click(qtbot, wizard.screens[Step.SUPPORT], "group_other")
    click(qtbot, wizard.screens[Step.SUPPORT], "eth_01")
    period = wizard.screens[Step.PERIOD]
    assert text_of(period, "monthlyAmount") == "Số tiền đóng: 264.000 đ mỗi tháng"  # at the floor
    for _ in range(10):
        click(qtbot, period, "incomePlus")
    assert text_of(period, "incomeValue") == "Thu nhập: 2.000.000 đ mỗi tháng"
    assert text_of(period, "monthlyAmount") == "Số tiền đóng: 374.000 đ mỗi tháng"
    click(qtbot, period, "next")
    for pupil in (False, True):  # Bình and Huyền: household health insurance, 12 months
        click(qtbot, wizard.screens[Step.SCHEME], "choice_bhyt")
        if pupil:  # Huyền is 10: asked about a school card; she has none
            click(qtbot, wizard.screens[Step.COVER], "cover_none")
        click(qtbot, wizard.screens[Step.PERIOD], "bhyt_months_12")
        click(qtbot, wizard.screens[Step.PERIOD], "next")
    # An answered on the support screen; Bình and Huyền are asked their ethnicity once,
    # then one by one (they are not of the same group)
    ethnicity = wizard.screens[Step.ETHNICITY]
    assert wizard.controller.step == Step.ETHNICITY
    assert text_of(ethnicity, "ethnicityNames") == "Trần Thị Bình, Nguyễn Thị Huyền"
    click(qtbot, ethnicity, "eth_each")
    assert ethnicity.title.text() == "Trần Thị Bình là người dân tộc nào?"
    click(qtbot, ethnicity, "eth_02")  # Tày
    assert ethnicity.title.text() == "Nguyễn Thị Huyền là người dân tộc nào?"
    click(qtbot, ethnicity, "eth_01")  # Kinh
    settle(qtbot, wizard)  # the quote is read on the worker thread
    assert wizard.controller.step == Step.REVIEW
    review = wizard.screens[Step.REVIEW]
    assert text_of(review, "amount_0_bhyt_household") == "1.263.600 đ"
    assert text_of(review, "amount_0_bhxh_voluntary") == "374.000 đ"
    assert text_of(review, "amount_1_bhyt_household") == "884.520 đ"
    assert text_of(review, "amount_2_bhyt_household") == "758.160 đ"
    assert text_of(review, "total") == "3.280.280 đ"
    assert recorder.registered == []  # nothing is written before the confirmation
    with recorder.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
    click(qtbot, review, "confirm")
    assert wizard.controller.busy  # stored on the worker thread, not the GUI thread
    for _ in range(taps - 1):
        assert not review.next_button.isEnabled()  # greyed out while it is stored
        qtbot.mouseClick(review.next_button, Qt.MouseButton.LeftButton)
        assert wizard.controller.confirm() is False  # and the controller refuses it too
    settle(qtbot, wizard)
    assert wizard.controller.step == Step.PAYMENT


def test_household_of_three_pays_at_desk(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """Two scanned CCCDs and one typed person register once; the desk ticket is queued."""
    register_household(qtbot, wizard, recorder)
    assert len(recorder.registered) == 1
    stored = recorder.registered[0]
    assert [m.person.full_name for m in stored] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Nguyễn Thị Huyền",
    ]
    assert [m.person.personal_id for m in stored] == [
        "066090123456",
        "066192654321",
        "066315111222",
    ]
    assert stored[2].person.sex == Sex.FEMALE
    assert stored[0].schemes == {Scheme.BHYT_HOUSEHOLD, Scheme.BHXH_VOLUNTARY}
    assert stored[0].income == 2_000_000
    assert text_of(wizard, "paymentTotal") == "3.280.280 đ"
    with recorder.db.read() as session:  # what register_visit stored, in one visit
        visit = session.scalars(select(Visit)).one()
        assert (visit.source, visit.total, visit.queue_number) == ("self_service", 3_280_280, 1)
        amounts = sorted((e.scheme.value, e.amount) for e in session.scalars(select(Enrollment)))
        assert amounts == [
            ("bhxh_voluntary", 374_000),
            ("bhyt_household", 758_160),
            ("bhyt_household", 884_520),
            ("bhyt_household", 1_263_600),
        ]
        people = sorted((p.full_name, p.ethnicity) for p in session.scalars(select(Person)))
        assert people == [
            ("Nguyễn Thị Huyền", "Kinh"),
            ("Nguyễn Văn An", "Kinh"),
            ("Trần Thị Bình", "Tày"),
        ]
    click(qtbot, wizard.screens[Step.PAYMENT], "payDesk")
    settle(qtbot, wizard)
    assert wizard.controller.step == Step.THANKS
    assert len(recorder.tickets) == 1 and recorder.tickets[0].queue_number == 1
    assert (
        text_of(wizard.screens[Step.THANKS], "queueNumber") == "A001"
    )  # the number printed on the ticket
    click(qtbot, wizard.screens[Step.THANKS], "home")
    assert wizard.controller.step == Step.WELCOME
    assert wizard.controller.members == []
    assert all(edit.text() == "" for edit in details(wizard).findChildren(QLineEdit))


def test_vietqr_payment_shows_a_decodable_code(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """Choosing VietQR records a pending transfer and shows its payload as a code a phone can
    read, with the amount and the transfer reference staff and the bank statement match."""
    register_household(qtbot, wizard, recorder)
    click(qtbot, wizard.screens[Step.PAYMENT], "payVietqr")
    settle(qtbot, wizard)
    assert wizard.controller.step == Step.VIETQR
    screen = wizard.screens[Step.VIETQR]
    assert text_of(screen, "vietqrAmount") == "3.280.280 đ"
    assert text_of(screen, "waiting") == "Đang chờ nhân viên xác nhận đã nhận tiền."
    qr = screen.qr  # type: ignore[attr-defined]
    (payload,) = decode_qr(qr.grab().toImage())
    fields = parse_payload(payload)  # CRC checked by the payments module's parser
    assert fields["54"] == "3280280" and fields["01"] == "12"
    with recorder.db.read() as session:
        payment = session.scalars(select(Payment)).one()
    assert payment.status is PaymentStatus.PENDING and payment.amount == 3_280_280
    assert fields["62"] == {"08": payment.reference}
    click(qtbot, screen, "vietqrDone")
    assert wizard.controller.step == Step.THANKS
    assert recorder.tickets == []


def test_double_tap_on_confirm_registers_once(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """Taps on "Xác nhận" while the visit is being stored, and one after, store it once."""
    register_household(qtbot, wizard, recorder, taps=3)
    assert wizard.controller.confirm() is True
    assert len(recorder.registered) == 1
    with recorder.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 1


def test_language_switch_retranslates_live(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """Switching to English on the welcome screen and later re-labels the visible screens at once."""
    welcome = wizard.screens[Step.WELCOME]
    click(qtbot, welcome, "lang_en")
    assert (
        welcome.title.text()
        == "Register for household health insurance and voluntary social insurance"
    )
    assert wizard.language_button.text() == "Tiếng Việt"
    click(qtbot, welcome, "start")
    scan(qtbot, wizard, AN)
    assert details(wizard).captions["full_name"].text() == "Full name"
    click(qtbot, wizard, "switchLanguage")
    assert details(wizard).captions["full_name"].text() == "Họ và tên"
    assert wizard.brand.text() == "Bảo hiểm xã hội Việt Nam"


def test_thanks_screen_returns_to_welcome_by_itself(qtbot: QtBot, recorder: CoreRecorder) -> None:
    """Nobody has to tap: the thank-you screen goes back to the welcome screen and forgets all."""
    wizard = SelfServiceWizard(recorder.backend(), thanks_ms=100)
    wizard.resize(1280, 800)
    show_top(qtbot, wizard)
    c = wizard.controller
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT)
    c.period_done()
    c.answer_listed_ethnicity("Kinh")
    settle(qtbot, wizard)
    c.confirm()
    settle(qtbot, wizard)
    c.pay_at_desk()
    settle(qtbot, wizard)
    assert c.step == Step.THANKS
    qtbot.waitUntil(lambda: c.step == Step.WELCOME, timeout=10_000)
    assert c.members == [] and c.registration is None
    assert text_of(wizard.screens[Step.THANKS], "queueNumber") == ""


def test_next_attendee_starts_in_vietnamese(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """After "Về màn hình đầu" the language and larger text chosen by the last person are undone."""
    click(qtbot, wizard, "lang_en")
    click(qtbot, wizard, "largerText")
    c = wizard.controller
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT)
    c.period_done()
    c.answer_listed_ethnicity("Kinh")
    settle(qtbot, wizard)
    c.confirm()
    settle(qtbot, wizard)
    c.pay_at_desk()
    settle(qtbot, wizard)
    click(qtbot, wizard.screens[Step.THANKS], "home")
    assert c.step == Step.WELCOME
    assert wizard.languages.language == "vi" and not wizard.larger_text.isChecked()
    assert wizard.screens[Step.WELCOME].title.text() == "Đăng ký BHYT hộ gia đình và BHXH tự nguyện"
