"""Short load tests: three students for a few seconds, in a real browser
and over Streamlit's own protocol.

Each runs bench/load_test.py in its short mode. They check that nothing
fails and that every student got a prediction; timings depend on the
machine and are printed, not asserted.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("forward", "loss", "backward", "update")


def load_test(*args):
    """bench/load_test.py's JSON summary for these arguments.

    Its own process: the browser tests' Playwright keeps an event loop
    running in this one, and the load test runs its own.
    """
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_test.py"), *args],
        capture_output=True, text=True, timeout=600)
    print(run.stdout)
    assert run.stdout.strip(), run.stderr[-3000:]  # it stopped before its end
    return json.loads(run.stdout)


def check_class_of_three(summary):
    """What every short run must show: no error, every student served."""
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["actions"].get("open") == 3
    assert summary["actions"].get("train") == 1
    per_user = summary["predictions_per_user"]
    assert len(per_user) == 3 and all(n >= 1 for n in per_user), per_user
    assert summary["draw_to_prediction_s"]["n"] == sum(per_user)
    assert summary["rss_mb"]["peak"] > summary["rss_mb"]["process_start"]


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="needs Debian's chromium (/usr/bin/chromium)")
def test_three_students_for_ten_seconds():
    summary = load_test("--users", "3", "--seconds", "10", "--ttl", "5",
                        "--idle", "6")
    check_class_of_three(summary)


def test_three_protocol_students_for_eight_seconds():
    # the warm-up session expires while the class works; when the first
    # student leaves, Streamlit drops it from its store by itself, before
    # the first housekeeping round (20 s after the server's first session)
    summary = load_test("--client", "protocol", "--users", "3",
                        "--seconds", "8", "--ttl", "1", "--housekeeping", "20",
                        "--idle", "14")
    assert summary["client"] == "protocol"
    check_class_of_three(summary)
    # every student's digit was read right at least once
    assert all(n >= 1 for n in summary["right_per_user"]), (
        summary["wrong_samples"])
    # every student went through the four learning steps, each answered
    cycles = summary["learn_cycles_per_user"]
    assert len(cycles) == 3 and all(n >= 1 for n in cycles), cycles
    for step in STEPS:
        assert summary["learn_step_s"][step]["n"] == sum(cycles), step
    # every closed session was shut down, the warm-up's too: Streamlit may
    # drop an expired one from its store by itself, which frees nothing
    assert summary["sessions_released"] == summary["sessions_opened"] == 4
