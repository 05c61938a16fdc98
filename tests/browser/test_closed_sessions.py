"""A closed tab's session is freed once it can no longer be resumed.

Streamlit 1.67 keeps a closed session for server.disconnectedSessionTTL
seconds and afterwards forgets it only when another session disconnects;
labui/housekeeping.py shuts expired sessions down on its own. Here a real
server runs with a one-second TTL and housekeeping every second.
"""

import time

import pytest
from playwright.sync_api import expect

from browser_ui import (ONE, AppFailed, Student, draw, metric, start_app,
                        stop_app)

pytestmark = pytest.mark.browser

RELEASED = "released 1 closed session(s)"


@pytest.fixture
def short_lived_server(tmp_path):
    log = tmp_path / "server.log"
    try:
        proc, url = start_app(log, options=["--server.disconnectedSessionTTL=1"],
                              env={"LENET_HOUSEKEEPING_S": "1"})
    except AppFailed as e:
        pytest.fail(str(e))
    yield url, log
    stop_app(proc)


def wait_for_line(log, text, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return True
        time.sleep(0.25)
    return False


def test_a_closed_drawing_session_is_released(chromium, short_lived_server):
    url, log = short_lived_server
    s = Student(chromium, url)
    page = s.open("/")
    draw(page, ONE)  # the session now holds its own model and a drawing
    expect(metric(page, "Prediction")).to_have_text("1")
    assert RELEASED not in log.read_text(errors="replace")  # still open

    s.context.close()

    assert wait_for_line(log, RELEASED, 20), log.read_text(errors="replace")[-2000:]
    assert s.blocked == []
