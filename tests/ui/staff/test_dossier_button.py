"""The Exports page's "Hồ sơ điện tử gửi BHXH" through its real widgets: a day's dossier is
written off the GUI thread (signed with a .p12 when given), a blocked day writes nothing."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from lxml import etree
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.dossier.checks import day_problems
from kiosk.dossier.records import day_records
from kiosk.dossier.service import DossierResult
from kiosk.dossier.signing import throwaway_signer
from kiosk.store.db import Database
from tests.kiosk.dossier.daydata import (
    BHXH_TOTAL,
    BHYT12,
    BHYT_TOTAL,
    DAY,
    PaidDay,
    paid_day,
    visit,
)
from tests.kiosk.services.consoledata import NOW, draft
from tests.ui.staff.office import host, staff_state
from tests.ui.staff.registerkit import shot
from ui.staff.dossier_dialog import DossierDialog
from ui.staff.exports_page import ExportsPage

PASSWORD = "Mật-khẩu 2026"
AGENT = {  # every value MẪU: no real agent or provider code is written by a test
    "name": "MẪU — Bưu điện xã Ea Kao",
    "code": "MAU0001",
    "unit_kind": "1",
    "signer": "MẪU — Lê Thị Thu",
    "vss_office": "MAU",
    "ivan_code": "MAU",
    "ivan_name": "MẪU — nhà cung cấp I-VAN",
}


def config_with_agent() -> str:
    """The shipped configuration with its [agent] table filled in (the dossier reads it)."""
    start, end = DEFAULT_CONFIG.index("[agent]"), DEFAULT_CONFIG.index("[bank]")
    lines = []
    for line in DEFAULT_CONFIG[start:end].splitlines():
        key = line.split("=")[0].strip()
        lines.append(f'{key} = "{AGENT[key]}"' if key in AGENT else line)
    return DEFAULT_CONFIG[:start] + "\n".join(lines) + "\n" + DEFAULT_CONFIG[end:]


@pytest.fixture
def day(db: Database, tmp_path: Path) -> PaidDay:
    """25/11/2026 paid at kiosk K01, and the kiosk's configuration file with its agent."""
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "kiosk.toml").write_text(config_with_agent(), encoding="utf-8")
    return paid_day(db)


def exports(qtbot: QtBot, config: Config, db: Database, day: PaidDay, out: Path) -> ExportsPage:
    page = ExportsPage(staff_state(config, db, day.ctx, day.supervisor, "Phạm Văn Giám"))
    host(qtbot, page)
    page.set_output_dir(out)
    return page


def ask(qtbot: QtBot, page: ExportsPage) -> DossierDialog:
    """Click the button: the dialog asks the day, today by default."""
    qtbot.mouseClick(page.buttons["dossier"], Qt.MouseButton.LeftButton)
    dialog = page.dossier_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.day.date() == QDate(2026, 11, 25)
    return dialog


def test_the_button_writes_the_days_dossier(
    qtbot: QtBot, config: Config, db: Database, day: PaidDay, tmp_path: Path
) -> None:
    """Unsigned: one folder per procedure; the page shows the folder, each procedure's code,
    people and total to the đồng (604: 2 people 2.322.540 đ; 602: 2 people 4.752.000 đ), and
    the voided and unpaid visits left out, by name; D03-TS on disk sums to the same đồng."""
    page = exports(qtbot, config, db, day, tmp_path / "out")
    dialog = ask(qtbot, page)
    with qtbot.waitSignal(page.dossier_written, timeout=30_000) as written:
        qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    result = written.args[0]
    assert isinstance(result, DossierResult) and result.folder is not None and not result.signed
    assert result.folder == tmp_path / "out" / "ho-so-vss-2026-11-25"
    lines = page.dossier_report.toPlainText().splitlines()
    assert lines[:2] == ["Đã lập hồ sơ ngày 25/11/2026 trong thư mục:", str(result.folder)]
    assert lines[2:4] == [
        "• Thủ tục 604 — BHYT hộ gia đình: 2 người, 2.322.540 đ",
        "• Thủ tục 602 — BHXH tự nguyện: 2 người, 4.752.000 đ",
    ]
    assert [(p.code, p.people, p.total) for p in result.procedures] == [
        ("604", 2, BHYT_TOTAL),
        ("602", 2, BHXH_TOTAL),
    ]
    assert sorted(lines[4:]) == sorted(
        f"Không đưa vào: {', '.join(left.people)} ("
        + (f"biên lai {left.receipt} đã hủy" if left.reason == "voided" else "chưa nộp tiền")
        + ")"
        for left in result.left_out
    )
    assert {left.people for left in result.left_out} == {("Phạm Thị Lan",), ("Võ Thị Hoa",)}
    d03 = etree.fromstring((result.folder / "bhyt-ho-gia-dinh" / "D03-TS-595.xml").read_bytes())
    assert sum(int(t) for t in d03.xpath("//Tiendong/text()")) == BHYT_TOTAL
    assert all(b.isEnabled() for b in page.buttons.values())
    shot(page.window(), "exports-dossier.png")  # type: ignore[arg-type]


def test_signed_with_a_p12_and_the_password_is_not_kept(
    qtbot: QtBot,
    config: Config,
    db: Database,
    day: PaidDay,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A wrong password is refused with the clear sentence and writes nothing; the right one
    signs. The password field is emptied as soon as it is read, and no log line holds it."""
    signer = throwaway_signer("MẪU — Đại lý thu thử", NOW)
    p12 = tmp_path / "agent.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"agent",
            signer.key,
            signer.certificate,
            None,
            BestAvailableEncryption(PASSWORD.encode("utf-8")),
        )
    )
    caplog.set_level(logging.DEBUG)
    page = exports(qtbot, config, db, day, tmp_path / "out")
    dialog = ask(qtbot, page)
    dialog.certificate.setText(str(p12))
    dialog.password.setText("sai mật khẩu")
    with qtbot.waitSignal(page.failed, timeout=30_000) as failed:
        dialog.make.click()
    assert failed.args[0].startswith(f"Không mở được {p12}: sai mật khẩu")
    assert not (tmp_path / "out").exists()
    dialog = ask(qtbot, page)
    dialog.certificate.setText(str(p12))
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(page.dossier_written, timeout=60_000) as written:
        dialog.make.click()
    assert dialog.password.text() == ""
    assert written.args[0].signed and "(đã ký số)" in page.dossier_report.toPlainText()
    assert PASSWORD not in caplog.text and "sai mật khẩu" not in caplog.text


def test_a_blocked_day_lists_the_person_and_writes_nothing(
    qtbot: QtBot, config: Config, db: Database, day: PaidDay, tmp_path: Path
) -> None:
    """A paid person without an identity number blocks the day: the page lists every problem,
    one a line, naming her and the field; no folder is written."""
    visit(db, day.ctx, [(draft("Đinh Thị Mơ", 7, with_id=False), (BHYT12,))])
    with db.read() as s:
        problems = day_problems(day_records(s, day.ctx, DAY))
    page = exports(qtbot, config, db, day, tmp_path / "out")
    dialog = ask(qtbot, page)
    with qtbot.waitSignal(page.failed, timeout=30_000):
        dialog.make.click()
    lines = page.dossier_report.toPlainText().splitlines()
    assert lines == ["Chưa lập hồ sơ, không ghi tệp nào. Cần sửa:"] + [
        f"• {p.text('vi')}" for p in problems
    ]
    assert lines[1].startswith("• Đinh Thị Mơ: thiếu số định danh cá nhân (biên lai ")
    assert not (tmp_path / "out").exists()
    assert page.result.text() == "" and page.message.text() == ""
    shot(page.window(), "exports-dossier-blocked.png")  # type: ignore[arg-type]
