"""Driving the app in Debian's chromium: the server, students, the pad.

Helpers for tests/browser; fixtures live in conftest.py. Never
`playwright install`: these tests drive /usr/bin/chromium (or
$LENET_CHROMIUM), which CI installs with apt.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LENET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
PAD = 280  # the canvas side in CSS pixels (app_pages/draw.py)
TIMEOUT_MS = 20_000  # one rerun on a busy two-core machine
expect.set_options(timeout=TIMEOUT_MS)

# strokes in pad coordinates (0..PAD), one list of points per stroke
ONE = [[(140, 40), (140, 90), (140, 140), (140, 190), (140, 240)]]
SEVEN = [[(70, 50), (120, 50), (170, 50), (220, 50)],
         [(220, 50), (195, 100), (170, 150), (150, 200), (135, 245)]]
# NOTE: each mouse-up is a rerun, and the second stroke's rerun may start
# after the first one has finished; a test that reads whatever the app
# shows (not a digit it expects) draws in one stroke
SEVEN_IN_ONE = [SEVEN[0] + SEVEN[1][1:]]


class AppFailed(RuntimeError):
    """The app server did not come up."""


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url):
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def start_app(log_path, root=ROOT, timeout=60.0, options=(), env=None):
    """Start `streamlit run app.py` in root on a free loopback port.

    options: more command-line flags; env: more environment variables.
    Returns (Popen, base URL) once /_stcore/health answers "ok"; raises
    AppFailed with the end of the server's log otherwise.
    """
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py",
           "--server.headless=true", "--server.address=127.0.0.1",
           f"--server.port={port}", "--browser.gatherUsageStats=false",
           "--server.fileWatcherType=none", *options]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=root, stdout=log,
                                stderr=subprocess.STDOUT,
                                env=dict(os.environ, **(env or {})))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_app(proc)
            tail = Path(log_path).read_text(errors="replace")[-2000:]
            raise AppFailed(f"streamlit did not come up on {url}:\n{tail}")
        time.sleep(0.2)
    return proc, url


def stop_app(proc):
    """Stop a server we started, by its pid."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def is_local(url):
    """True for the loopback server, data: and blob: URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return True
    return parts.hostname in LOOPBACK


class Student:
    """One browser context: a student with their own Streamlit session.

    blocked: URLs of outside requests that were aborted.
    requests: every URL the page asked for (HTTP and websockets).
    """

    def __init__(self, browser, base_url, **options):
        self.base_url = base_url
        self.blocked = []
        self.requests = []
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.route("**/*", self._guard)
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))

    def _guard(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path="/"):
        """Load a page; wait until the app has drawn it."""
        self.page.goto(self.base_url + path)
        expect(self.page.locator("h1").first).to_be_visible()
        settle(self.page)
        return self.page


def settle(page):
    """Wait until the app's script run is over (widgets stay put)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning")


def go(page, title):
    """Open a page from the sidebar navigation; wait until it is drawn."""
    sidebar(page).get_by_role("link", name=title).click()
    expect(page.locator("h1").first).to_have_text(title)
    settle(page)


def choose(page, label, option, attempts=3):
    """Pick `option` (its exact text) in the selectbox labelled `label`."""
    box = page.get_by_role("combobox", name=label)
    item = page.get_by_role("option", name=option, exact=True)
    for _ in range(attempts):
        settle(page)
        box.click()
        try:
            item.click(timeout=3_000)
            break
        except PlaywrightTimeout:
            # NOTE: a late rerun (e.g. the pad's last update arriving after
            # a page switch) redraws the box and closes its list
            page.keyboard.press("Escape")
    expect(box).to_have_value(option)
    settle(page)


def pad(page):
    """The drawing pad: Fabric.js's top canvas, in an open shadow root."""
    return page.locator("canvas.upper-canvas")


def pad_points(page, stroke):
    """Pad coordinates (0..PAD) to page coordinates."""
    canvas = pad(page)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    sx, sy = box["width"] / PAD, box["height"] / PAD
    return [(box["x"] + x * sx, box["y"] + y * sy) for x, y in stroke]


def draw(page, strokes, steps=4):
    """Draw strokes on the pad with real mouse events."""
    for stroke in strokes:
        points = pad_points(page, stroke)
        page.mouse.move(*points[0])
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point, steps=steps)
        page.mouse.up()


def metric(page, label):
    """The value element of the st.metric labelled `label`."""
    labelled = page.locator('[data-testid="stMetricLabel"]').filter(
        has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return page.locator('[data-testid="stMetric"]').filter(
        has=labelled).locator('[data-testid="stMetricValue"]')


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')
