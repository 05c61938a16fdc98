"""Housekeeping collects what freed sessions leave behind, in later rounds too.

A session shut down in one round lets go of its objects afterwards, when
its script thread ends. They are mostly reference cycles, and on an idle
server (the app turns off Streamlit's collection after each script run)
nothing else would collect them. Here the collector is switched off, as it
effectively is on an idle server, and a cycle that becomes garbage after
the releasing round must still be gone one round later.
"""

import gc
import threading
import weakref

import pytest

from labui import housekeeping


class Cycle:
    def __init__(self):
        self.me = self


@pytest.fixture
def collector_off():
    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


def test_a_cycle_freed_after_the_releasing_round_is_collected(
        monkeypatch, collector_off):
    # what a session's script thread still holds when its round has run
    held = [Cycle()]
    gone = weakref.ref(held[0])
    rounds = []
    alive_when_dropped = []
    done = threading.Event()

    def one_release_then_none():
        rounds.append(len(rounds))
        if len(rounds) == 1:
            return 1  # a session is shut down
        if len(rounds) == 2:
            held.clear()  # its thread ends: the cycle is garbage now
            alive_when_dropped.append(gone() is not None)
        if len(rounds) == 3:
            done.set()
        return 0

    monkeypatch.setattr(housekeeping, "release_expired", one_release_then_none)
    keeper = housekeeping.Housekeeper(interval=0.05)
    try:
        assert done.wait(10)
    finally:
        keeper.stop()
    assert alive_when_dropped == [True]  # only the collector could free it
    assert gone() is None


def test_no_collection_while_nothing_is_released(monkeypatch, collector_off):
    calls = threading.Event()
    seen = []

    def nothing():
        seen.append(1)
        if len(seen) >= 3:
            calls.set()
        return 0

    monkeypatch.setattr(housekeeping, "release_expired", nothing)
    leftover = Cycle()
    gone = weakref.ref(leftover)
    del leftover
    keeper = housekeeping.Housekeeper(interval=0.05)
    try:
        assert calls.wait(10)
    finally:
        keeper.stop()
    # an idle server with nothing freed is left alone: no full collection
    # every round
    assert gone() is not None
    gc.collect()
    assert gone() is None
