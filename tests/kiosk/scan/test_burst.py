"""The burst rules on their own: scanner timing profiles, neutral keys, people typing."""

from __future__ import annotations

from itertools import cycle

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.scan.burst import Action, BurstDetector, KeyKind, Outcome

CCCD = "066090123456||Nguyen Van An|01021990|Nam|Buon Ma Thuot|01022021"
SHIFTED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ|")


def scanner(det: BurstDetector, text: str, gaps_ms: list[float]) -> list[Outcome]:
    """Feed `text` as a scanner types it: Shift (no text) before capitals and "|", then Enter."""
    gap = cycle(gaps_ms)
    t = 1000.0
    out = []
    for ch in text:
        if ch in SHIFTED:
            out.append(det.key(KeyKind.NEUTRAL, "", t))
            t += next(gap)
        out.append(det.key(KeyKind.TEXT, ch, t))
        t += next(gap)
    out.append(det.key(KeyKind.END, "", t))
    return out


def test_fast_profile_with_shift_events_is_one_scan() -> None:
    """1-3 ms between presses, Shift around capitals and "|": held, then one scan on Enter."""
    out = scanner(BurstDetector(), CCCD, [1, 2, 3])
    assert all(o == Outcome(Action.HOLD) for o in out[:-1])
    assert out[-1] == Outcome(Action.SWALLOW, scan=CCCD)


def test_compatibility_profile_is_a_scan_too() -> None:
    """10-30 ms between presses (and 40 ms, Zebra's long delay) is still a scanner."""
    assert scanner(BurstDetector(), CCCD, [10, 20, 30])[-1].scan == CCCD
    assert scanner(BurstDetector(), CCCD, [40])[-1].scan == CCCD


def test_slow_typist_is_never_a_scanner() -> None:
    """A person at 120 ms a key: every key is let go (flushed) before the next, Enter passes."""
    det = BurstDetector()
    out = scanner(det, CCCD, [120])
    assert out[-1] == Outcome(Action.PASS, flush=True)
    assert sum(o.flush for o in out) >= len(CCCD) - 1


def test_fast_typist_with_short_gaps_is_not_a_scanner() -> None:
    """Bursts of 50-70 ms (a quick typist) average above the limit: typed, not scanned."""
    out = scanner(BurstDetector(), "Nguyen Van An va gia dinh o Dak Lak", [50, 60, 70])
    assert out[-1] == Outcome(Action.PASS, flush=True)


def test_short_burst_is_typing() -> None:
    """Fewer than 20 characters, however fast, is typing (a phone number pasted by a person)."""
    assert scanner(BurstDetector(), "0912345678", [1])[-1] == Outcome(Action.PASS, flush=True)


def test_other_keys_and_auto_repeat_end_a_burst() -> None:
    """An arrow or a repeated key mid-burst lets the held keys go."""
    det = BurstDetector()
    det.key(KeyKind.TEXT, "a", 0)
    assert det.key(KeyKind.OTHER, "", 1) == Outcome(Action.PASS, flush=True)
    assert not det.holding


def test_no_suffix_scan_reported_after_silence() -> None:
    """A scanner without Enter: after the silence the burst is a scan; a person's is flushed."""
    det = BurstDetector()
    for i, ch in enumerate(CCCD):
        det.key(KeyKind.TEXT, ch, i * 2.0)
    assert det.wait_ms() == det.profile.no_suffix_ms
    assert det.expire() == Outcome(Action.SWALLOW, scan=CCCD)
    det.key(KeyKind.TEXT, "x", 0)
    assert det.wait_ms() == det.profile.max_gap_ms
    assert det.expire() == Outcome(Action.PASS, flush=True)


def test_clock_going_back_flushes() -> None:
    """Timestamps that run backwards (a clock change) are not trusted as a burst."""
    det = BurstDetector()
    det.key(KeyKind.TEXT, "a", 100)
    assert det.key(KeyKind.TEXT, "b", 50).flush


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([KeyKind.TEXT, KeyKind.TEXT, KeyKind.NEUTRAL, KeyKind.END]),
            st.floats(min_value=46, max_value=2000),
        ),
        max_size=120,
    )
)
def test_no_key_rhythm_slower_than_a_scanner_is_ever_a_scan(
    keys: list[tuple[KeyKind, float]],
) -> None:
    """Any mix of letters, Shift and Enter with every gap over 45 ms (faster than most
    typists, slower than any scanner profile) is never reported as a scan."""
    det = BurstDetector()
    t = 0.0
    for kind, gap in keys:
        t += gap
        assert det.key(kind, "x", t).scan is None
    assert det.expire().scan is None
