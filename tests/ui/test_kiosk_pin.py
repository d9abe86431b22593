"""Issue 14 item 9 in the window: the kiosk's PIN dialog says how long to wait."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.admin_config import AdminConfig, hash_pin
from desktop.ui.workstation.kiosk_dialogs import PinDialog

RIGHT = "739105"


def test_the_pin_dialog_delays_guesses_and_says_so(qtbot: QtBot) -> None:
    admin = AdminConfig(mode="kiosk", kiosk_pin_hash=hash_pin(RIGHT, iterations=1000))
    dialog = PinDialog(admin.try_pin)
    qtbot.addWidget(dialog)
    for guess in ("000000", "111111", "222222"):
        dialog.field.setText(guess)
        assert not dialog.try_pin()
    assert dialog.problem.text() == "That PIN is not right. The kiosk stays open."
    dialog.field.setText("333333")
    assert not dialog.try_pin()
    assert dialog.problem.text() == "That PIN is not right. Try again in 2 seconds."
    dialog.field.setText(RIGHT)  # typed at once: not even looked at
    assert not dialog.try_pin()
    assert dialog.problem.text().startswith("Please wait")
    assert dialog.result() != PinDialog.DialogCode.Accepted
