"""A short load test in a real browser: three students for ten seconds.

Runs bench/load_test.py in its short mode. It checks that nothing fails
and that every student got a prediction; timings depend on the machine
and are printed, not asserted.
"""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="needs Debian's chromium (/usr/bin/chromium)"),
]


@pytest.fixture(scope="module")
def load_test():
    pytest.importorskip("playwright")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import load_test
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return load_test


def test_three_students_for_ten_seconds(load_test):
    summary = load_test.main(["--users", "3", "--seconds", "10",
                              "--ttl", "5", "--idle", "6"])
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["actions"].get("open") == 3
    assert summary["actions"].get("train") == 1
    per_user = summary["predictions_per_user"]
    assert len(per_user) == 3 and all(n >= 1 for n in per_user), per_user
    assert summary["draw_to_prediction_s"]["n"] == sum(per_user)
    assert summary["rss_mb"]["peak"] > summary["rss_mb"]["start"]
