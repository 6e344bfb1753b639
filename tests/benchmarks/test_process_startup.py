"""The benchmark's start-up figure: launch to first window, measured from outside the process."""

from __future__ import annotations

import pytest

from benchmarks import process
from benchmarks.command import TARGETS


def test_startup_figure_is_a_positive_number_of_seconds() -> None:
    """One uncounted first start (it creates the config and database), then one measured start
    of the self-service screen: a positive figure, in seconds; the README's target is 1 s."""
    seconds = process.startup_s(runs=1, mode="selfservice")
    assert isinstance(seconds, float) and 0 < seconds < 120
    assert TARGETS["startup_s"] == 1


def test_a_kiosk_that_never_shows_a_window_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """If main.py ends without reporting its first window, the benchmark fails loudly instead
    of recording a figure."""
    monkeypatch.setattr(process, "ROOT", process.ROOT / "nowhere")
    with pytest.raises(RuntimeError, match="without a start-up line"):
        process.startup_s(runs=1)
