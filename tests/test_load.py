"""A short load test in a real browser: three students for ten seconds.

Runs bench/load_test.py in its short mode. It checks that nothing fails
and that every student got a prediction; timings depend on the machine
and are printed, not asserted.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="needs Debian's chromium (/usr/bin/chromium)"),
]


def test_three_students_for_ten_seconds():
    # its own process: the browser tests' Playwright keeps an event loop
    # running in this one, and the load test runs its own
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_test.py"), "--users", "3",
         "--seconds", "10", "--ttl", "5", "--idle", "6"],
        capture_output=True, text=True, timeout=600)
    summary = json.loads(run.stdout)
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["actions"].get("open") == 3
    assert summary["actions"].get("train") == 1
    per_user = summary["predictions_per_user"]
    assert len(per_user) == 3 and all(n >= 1 for n in per_user), per_user
    assert summary["draw_to_prediction_s"]["n"] == sum(per_user)
    assert summary["rss_mb"]["peak"] > summary["rss_mb"]["start"]
