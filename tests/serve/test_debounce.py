"""A burst of changes is one batch, given once the changes stop for the quiet spell;
changes that come while a batch is handled wait for the next."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from cjm.serve.debounce import Debouncer

QUIET = 0.1


def _waiting(debouncer: Debouncer) -> tuple[threading.Thread, list[tuple[float, set[Path] | None]]]:
    got: list[tuple[float, set[Path] | None]] = []

    def wait() -> None:
        while True:
            batch = debouncer.wait()
            got.append((time.monotonic(), batch))
            if batch is None:
                return

    thread = threading.Thread(target=wait)
    thread.start()
    return thread, got


def test_a_burst_is_one_batch_after_the_quiet_spell() -> None:
    debouncer = Debouncer(QUIET)
    thread, got = _waiting(debouncer)
    last = 0.0
    for name in ("a.yaml", "b.yaml", "a.yaml", "c.yaml"):
        last = time.monotonic()
        debouncer.add([Path(name)])
        time.sleep(QUIET / 4)
    time.sleep(QUIET * 4)
    debouncer.close()
    thread.join(timeout=5)
    assert [batch for _, batch in got] == [{Path("a.yaml"), Path("b.yaml"), Path("c.yaml")}, None]
    assert got[0][0] - last >= QUIET * 0.9  # not before the changes stopped


def test_changes_after_a_batch_make_the_next_one() -> None:
    debouncer = Debouncer(QUIET)
    debouncer.add([Path("a.yaml")])
    assert debouncer.wait() == {Path("a.yaml")}
    debouncer.add([Path("b.yaml")])
    debouncer.add([])  # an empty batch is no change
    assert debouncer.wait() == {Path("b.yaml")}


def test_nothing_is_given_without_a_change_and_close_ends_the_wait() -> None:
    debouncer = Debouncer(QUIET)
    thread, got = _waiting(debouncer)
    time.sleep(QUIET * 3)
    assert got == []
    debouncer.close()
    thread.join(timeout=5)
    assert [batch for _, batch in got] == [None]


def test_the_quiet_spell_is_measured_on_the_clock_given() -> None:
    now = [100.0]
    debouncer = Debouncer(5.0, clock=lambda: now[0])
    debouncer.add([Path("a.yaml")])
    now[0] += 5.0  # the spell has passed on this clock: no real waiting
    started = time.monotonic()
    assert debouncer.wait() == {Path("a.yaml")}
    assert time.monotonic() - started < 1
