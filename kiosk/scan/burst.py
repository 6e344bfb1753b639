"""Telling a keyboard-mode scanner from a person typing, from key kinds and timestamps only.

A USB scanner in keyboard mode "types" a code far faster than a person can: 1-3 ms between key
presses by default, more on "compatibility" profiles: Honeywell's inter-scan-code delay is
1-30 ms (default 800 µs, Voyager 1202g user guide); Datalogic's intercharacter delay 0-990 ms
in 10 ms steps (Gryphon/Heron product reference guides), so it must stay at 40 ms or less for
a scan to be recognised; Zebra's 20/40 ms keystroke delays are UNVERIFIED. Then Enter. It also
sends key presses that carry no text: Shift around every capital letter and "|", AltGr, dead
keys for accents. Those *neutral* keys belong to the burst and must not end it.

The caller (the Qt event filter) holds every key press while `key()` answers HOLD, replays the
held keys when an outcome says `flush`, and swallows them when an outcome carries `scan`.
A person is never taken for a scanner: that needs `min_chars` characters with no pause longer
than `max_gap_ms` AND an average gap of at most `max_mean_gap_ms` (20 keys averaging 45 ms is
~270 words a minute, beyond any typist); auto-repeat (a held-down key) is never part of a burst.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class KeyKind(Enum):
    TEXT = "text"  # a key press that types a character
    NEUTRAL = "neutral"  # Shift, AltGr, a dead key, Alt+keypad digit: part of a burst, no text
    END = "end"  # Enter / Return / Tab: the scanner's suffix
    OTHER = "other"  # anything else (arrows, shortcuts, auto-repeat): never part of a burst


class Action(Enum):
    PASS = "pass"  # deliver this key now
    HOLD = "hold"  # keep it until the burst is decided
    SWALLOW = "swallow"  # it was the end of a scan: drop it


@dataclass(frozen=True)
class Outcome:
    """What to do with the held keys (`flush`: replay them first) and with this key."""

    action: Action
    flush: bool = False
    scan: str | None = None  # the scanned text: drop the held keys and report it


@dataclass(frozen=True)
class BurstProfile:
    """Timing limits; the defaults cover both the fast and the compatibility profiles."""

    min_chars: int = 20
    max_gap_ms: float = 80.0
    max_mean_gap_ms: float = 45.0
    # A burst that already looks like a scanner but has no Enter (suffix switched off) is
    # reported after this much silence.
    no_suffix_ms: float = 250.0


class BurstDetector:
    """State of one possible burst; every decision is from `t_ms` values the caller passes."""

    def __init__(self, profile: BurstProfile | None = None) -> None:
        self.profile = profile or BurstProfile()
        self.reset()

    def reset(self) -> None:
        """Forget the burst (the caller has replayed or dropped the held keys)."""
        self.text = ""
        self.presses = 0
        self.first_ms = 0.0
        self.last_ms = 0.0

    @property
    def holding(self) -> bool:
        return self.presses > 0

    def looks_like_scanner(self) -> bool:
        """Enough characters, typed at a speed no person reaches."""
        p = self.profile
        if len(self.text) < p.min_chars:
            return False
        mean = (self.last_ms - self.first_ms) / max(1, self.presses - 1)
        return mean <= p.max_mean_gap_ms

    def key(self, kind: KeyKind, text: str, t_ms: float) -> Outcome:
        """A key press arrived at `t_ms` (milliseconds on any steady clock)."""
        flush = False
        if self.holding and (t_ms - self.last_ms > self.profile.max_gap_ms or t_ms < self.last_ms):
            # A pause (or a clock that went back): whatever was held was typed by a person.
            self.reset()
            flush = True
        if kind == KeyKind.END:
            if self.holding and self.looks_like_scanner():
                scan = self.text
                self.reset()
                return Outcome(Action.SWALLOW, scan=scan)
            flush = flush or self.holding
            self.reset()
            return Outcome(Action.PASS, flush=flush)
        if kind == KeyKind.OTHER:
            flush = flush or self.holding
            self.reset()
            return Outcome(Action.PASS, flush=flush)
        if not self.holding:
            self.first_ms = t_ms
        self.presses += 1
        self.last_ms = t_ms
        if kind == KeyKind.TEXT:
            self.text += text
        return Outcome(Action.HOLD, flush=flush)

    def wait_ms(self) -> float:
        """How long the caller should wait for the next key before calling `expire()`."""
        if not self.holding:
            return 0.0
        return self.profile.no_suffix_ms if self.looks_like_scanner() else self.profile.max_gap_ms

    def expire(self) -> Outcome:
        """No key came for `wait_ms()`: a scanner without suffix, or a person who paused."""
        if self.holding and self.looks_like_scanner():
            scan = self.text
            self.reset()
            return Outcome(Action.SWALLOW, scan=scan)
        flush = self.holding
        self.reset()
        return Outcome(Action.PASS, flush=flush)
