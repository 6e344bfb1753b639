"""Card terminals: one contract every driver must keep, run here against the simulator."""

from __future__ import annotations

import threading

import pytest

from kiosk.payments.terminal import (
    CANCELLED,
    DECLINED,
    TIMEOUT,
    CardTerminal,
    SimulatedTerminal,
    TerminalError,
)


class TerminalContract:
    """Shared behaviour of every CardTerminal; a driver's test class provides `make`."""

    def make(self, script: list[str]) -> CardTerminal:
        raise NotImplementedError

    def test_approval_carries_an_auth_code(self) -> None:
        """An approved sale returns the amount, reference and a non-empty auth code."""
        approval = self.make(["approve"]).sale(1_366_200, "BHXH K01 ABC")
        assert (approval.amount, approval.reference) == (1_366_200, "BHXH K01 ABC")
        assert approval.auth_code

    def test_decline_says_why_in_both_languages(self) -> None:
        """A decline is payment.card_declined with the bank's reason in vi and en."""
        with pytest.raises(TerminalError) as err:
            self.make(["decline:thẻ hết hạn / card expired"]).sale(500_000, "R1")
        assert err.value.code == DECLINED
        assert "thẻ hết hạn" in err.value.vi and "card expired" in err.value.en
        assert "Không trừ tiền" in err.value.vi

    def test_timeout_is_an_unknown_outcome(self) -> None:
        """A timeout never claims nothing was charged: it tells staff to check first."""
        with pytest.raises(TerminalError) as err:
            self.make(["timeout"]).sale(500_000, "R1")
        assert err.value.code == TIMEOUT
        assert "unknown" in err.value.en and "kiểm tra" in err.value.vi

    def test_lookup_finds_a_sale_whose_answer_was_lost(self) -> None:
        """Charged but timed out: lookup(reference) finds the approval, so no second charge."""
        terminal = self.make(["timeout-charged"])
        with pytest.raises(TerminalError):
            terminal.sale(819_720, "R-lost")
        found = terminal.lookup("R-lost")
        assert found is not None and found.amount == 819_720 and found.auth_code
        assert terminal.lookup("R-other") is None

    def test_cancel_from_another_thread_stops_a_waiting_sale(self) -> None:
        """The screen's Cancel button (another thread) aborts a sale waiting for the card."""
        terminal = self.make(["wait"])
        errors: list[TerminalError] = []

        def run() -> None:
            try:
                terminal.sale(500_000, "R1")
            except TerminalError as err:
                errors.append(err)

        worker = threading.Thread(target=run)
        worker.start()
        assert isinstance(terminal, SimulatedTerminal) and terminal.started.wait(10)
        terminal.cancel()
        worker.join(10)
        assert [e.code for e in errors] == [CANCELLED]
        assert terminal.lookup("R1") is None

    def test_refuses_a_non_positive_amount(self) -> None:
        """Zero, negative or non-integer amounts never reach the card."""
        terminal = self.make([])
        for amount in (0, -1, True):
            with pytest.raises(ValueError):
                terminal.sale(amount, "R1")


class TestSimulatedTerminal(TerminalContract):
    """The simulator used for training and tests."""

    def make(self, script: list[str]) -> CardTerminal:
        return SimulatedTerminal(script, wait_limit=10)

    def test_script_plays_in_order_then_approves(self) -> None:
        """Scripted outcomes come one per sale; an empty script approves; codes are distinct."""
        terminal = SimulatedTerminal(["decline", "cancel"])
        codes = []
        for _ in range(2):
            with pytest.raises(TerminalError) as err:
                terminal.sale(100_000, "R")
            codes.append(err.value.code)
        assert codes == [DECLINED, CANCELLED]
        a, b = terminal.sale(100_000, "R2"), terminal.sale(100_000, "R3")
        assert a.auth_code != b.auth_code and [s.reference for s in terminal.sales] == ["R2", "R3"]
