"""A class on one server: N simulated students, in headless chromium or
over Streamlit's own protocol.

    python bench/load_test.py --users 30 --seconds 180
    python bench/load_test.py --client protocol --users 30 --seconds 180

Starts the app on 127.0.0.1 on a free port, and for a fixed time lets every
user draw a digit, wait for the prediction, and take a learning step
(forward, loss, backward, update) on the learn page; user 0 also starts a
training run on the train page. Before the users come, one visit of every
page readies the server, as a teacher checking the app would: that loads
the pages' libraries and the shared data, about 107 MB that stay for
the life of the process. The server's RSS is sampled every second; after
the run the users leave and RSS is sampled again once the server has let
the sessions go, and compared with the ready level. Prints one JSON
summary.

--client browser (the default): one chromium with one browser context per
user draws with the mouse; every request that is not loopback is aborted.
On a small machine the browsers take most of the CPU, so the times measured
are theirs as much as the server's. Needs Debian's chromium
(/usr/bin/chromium) and playwright (pip); never `playwright install`.

--client protocol: each user is a websocket speaking Streamlit's protocol
(st_protocol.py), sending what the browser's frontend sends (the drawing as
the pad's PNG, the button presses) and reading the server's answers, with
no page to render; a user pauses --think seconds before each action. The
times are the server's: from sending a request to the end of its run.
"""

import argparse
import asyncio
import base64
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

try:
    from playwright.async_api import TimeoutError as PlaywrightTimeout
    from playwright.async_api import async_playwright
except ImportError:  # the protocol client needs no browser
    PlaywrightTimeout = async_playwright = None

from st_protocol import ProtocolError, Session, user_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from drawing import SHAPES, canvas, png  # noqa: E402  (280x280 canvas units)

sys.path.insert(0, str(ROOT))
from labui.housekeeping import INTERVAL  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--no-first-run",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 # every simulated student looks at their own screen: no
                 # page is a background tab whose timers chromium slows
                 "--disable-background-timer-throttling",
                 "--disable-renderer-backgrounding",
                 "--disable-backgrounding-occluded-windows"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
DIGITS = ("P1", "P7", "P3")
EXPECTED = {"P1": "1", "P7": "7", "P3": "3"}  # what LeNet-5 should read
LEARN_STEPS = ("forward", "loss", "backward", "update")
THINK_S = 1.0  # pause between a fresh pad appearing and the next stroke
TIMEOUT_MS = 60_000  # one action may wait this long before it is an error
STROKE_TRIES = 3  # a drawing with no answer is drawn again, this many times
STROKE_WAIT_MS = 10_000  # ... after this long without an answer

METRIC = '[data-testid="stMetricValue"]'
CANVAS = "canvas.upper-canvas"
EXCEPTION = '[data-testid="stException"]'
IDLE = '[data-test-script-state="notRunning"]'


def key(k, element="button"):
    """A widget by its Streamlit key (Streamlit adds class st-key-<key>)."""
    return f".st-key-{k} {element}"


async def press(button):
    """Click a button by its DOM event, not at screen coordinates.

    NOTE: a plotly chart above the button may finish drawing between
    Playwright's stability check and its click, moving the button away.
    """
    await button.wait_for()
    await button.evaluate("b => b.click()")


# the server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, ttl, log_path, housekeeping=None, arenas=None):
    """`streamlit run app.py` on 127.0.0.1:port; returns the Popen.

    housekeeping: seconds between the app's housekeeping rounds, if not
    its default. arenas: MALLOC_ARENA_MAX for the server (glibc), as the
    README's command for a class sets it; None leaves glibc's default.
    """
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py",
           "--server.headless=true", "--server.address=127.0.0.1",
           f"--server.port={port}", "--browser.gatherUsageStats=false",
           "--server.fileWatcherType=none",
           f"--server.disconnectedSessionTTL={ttl}"]
    env = dict(os.environ)
    if housekeeping is not None:
        env["LENET_HOUSEKEEPING_S"] = str(housekeeping)
    env.pop("MALLOC_ARENA_MAX", None)
    if arenas is not None:
        env["MALLOC_ARENA_MAX"] = str(arenas)
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env=env)
    deadline = time.monotonic() + 60
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited; see {log_path}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("the server did not answer within 60 s")


def sessions_released(log_path):
    """How many closed sessions the app's housekeeping says it freed."""
    found = re.findall(r"released (\d+) closed session",
                       Path(log_path).read_text(errors="replace"))
    return sum(map(int, found))


def rss_mb(pid):
    """Resident memory of process pid in MB, from /proc."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid):
    """User + system CPU time process pid has used, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RssSampler(threading.Thread):
    """Samples a process's RSS every second: self.samples [(t, MB)]."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.samples = pid, []
        self.t0 = time.monotonic()
        self._done = threading.Event()

    def run(self):
        while not self._done.wait(1.0):
            self.samples.append((round(time.monotonic() - self.t0, 1),
                                 round(rss_mb(self.pid), 1)))

    def stop(self):
        self._done.set()
        self.join()


# one simulated student


def new_stats():
    """What the users of a run count, in one dict they share."""
    return {"errors": [], "actions": {}, "latency": [], "lost_clicks": [],
            "lost_strokes": [], "right": 0, "wrong": [], "cache_refs": 0,
            "steps": {step: [] for step in LEARN_STEPS}}


class Student:
    """What every simulated student does, whichever client plays it."""

    def __init__(self, n, base, stats):
        self.n, self.base, self.stats = n, base, stats
        self.predictions = self.cycles = 0

    async def action(self, name, coro):
        """Run one action; count it, or count its error."""
        t0 = time.perf_counter()
        try:
            await coro
        except Exception as e:  # a timeout, a vanished element, a wrong page
            self.stats["errors"].append(f"user {self.n} {name}: "
                                        f"{type(e).__name__}: {str(e)[:120]}"
                                        + await self.evidence(name))
            return None
        self.stats["actions"][name] = self.stats["actions"].get(name, 0) + 1
        return time.perf_counter() - t0

    async def evidence(self, name):
        """What to add to an error's line (e.g. where a screenshot is)."""
        return ""

    async def run(self, deadline):
        if self.n == 0:
            await self.action("train", self.train())
        i = self.n
        while time.monotonic() < deadline:
            shape = DIGITS[i % len(DIGITS)]
            i += 1
            await self.action("draw", self.draw(shape))
            await self.check_page()
            if time.monotonic() < deadline:
                if await self.action("learn", self.learn()) is not None:
                    self.cycles += 1
                await self.check_page()


class User(Student):
    """One browser context driving one session of the app."""

    def __init__(self, n, browser, base, stats):
        super().__init__(n, base, stats)
        self.browser = browser

    async def open(self):
        self.context = await self.browser.new_context(
            viewport={"width": 1280, "height": 900})
        await self.context.route("**/*", keep_local)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = await self.context.new_page()
        await self.page.goto(self.base)  # the Draw page is the default, at /
        await self.page.locator(CANVAS).wait_for()

    async def evidence(self, name):
        shot = f"/tmp/lenet-load-user{self.n}-{name}.png"
        try:
            await self.page.screenshot(path=shot, full_page=True)
        except Exception:  # the page itself may be gone
            return ""
        return f" (screenshot {shot})"

    async def idle(self):
        """Wait until the app's script is not running."""
        await self.page.locator(IDLE).first.wait_for()

    async def press_until(self, button, shown, tries=3, wait_ms=15_000):
        """Press `button` until `shown` appears; count presses that did
        nothing (NOTE: now and then a press on the learn page is lost)."""
        for attempt in range(tries):
            await press(self.page.locator(button))
            try:
                await self.page.locator(shown).wait_for(timeout=wait_ms)
            except PlaywrightTimeout:
                if attempt == tries - 1:
                    raise
                self.stats["lost_clicks"].append(f"user {self.n} {button}")
                await self.idle()
                continue
            await self.idle()
            return

    async def nav(self, path):
        link = self.page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]')
        await link.click()
        await self.page.wait_for_url(f"**/{path}")
        await self.idle()

    async def draw(self, shape):
        """Clear the pad, draw `shape`, time mouse-up -> prediction shown."""
        page = self.page
        pad = page.locator(CANVAS)
        if await page.locator(METRIC).count():
            # "Clear" mounts a new, empty pad in place of the old one
            old = await pad.element_handle()
            await press(page.locator(key("draw_clear")))
            await page.locator(METRIC).wait_for(state="detached")
            await old.wait_for_element_state("hidden")
        # NOTE: strokes on a pad that has just appeared can be lost;
        # a student also takes a moment before drawing
        await pad.wait_for()
        await self.idle()
        await asyncio.sleep(THINK_S)
        # a stroke on a pad whose script is still starting can be lost: like
        # a student who sees nothing happen, draw again (and count it)
        for attempt in range(STROKE_TRIES):
            await self.stroke(shape)
            t0 = time.perf_counter()
            try:
                await page.locator(METRIC).first.wait_for(
                    timeout=STROKE_WAIT_MS)
                break
            except PlaywrightTimeout:
                if attempt == STROKE_TRIES - 1:
                    raise
                self.stats["lost_strokes"].append(f"user {self.n} {shape}")
        self.stats["latency"].append(time.perf_counter() - t0)
        await self.idle()
        self.predictions += 1

    async def stroke(self, shape):
        """Draw `shape` on the pad with real mouse moves."""
        page = self.page
        box = await page.locator(CANVAS).bounding_box()
        scale = box["width"] / 280
        for line in SHAPES[shape]:
            x, y = line[0]
            await page.mouse.move(box["x"] + x * scale, box["y"] + y * scale)
            await page.mouse.down()
            for x, y in line[1:]:
                await page.mouse.move(box["x"] + x * scale,
                                      box["y"] + y * scale, steps=4)
            await page.mouse.up()

    async def learn(self):
        """One forward, loss, backward, update cycle on the learn page."""
        page = self.page
        await self.nav("learn")
        # each click enables the next button; the next click waits until
        # the script has finished (a click during a run can be lost)
        steps = {"forward": ("loss", ":enabled"), "loss": ("backward", ":enabled"),
                 "backward": ("update", ":enabled"),
                 "update": ("update", ":disabled")}
        for step, (after, state) in steps.items():
            await self.press_until(key(f"learn_btn_{step}"),
                                   key(f"learn_btn_{after}") + state)
        await self.nav("")  # the Draw page lives at /
        await page.locator(CANVAS).wait_for()

    async def train(self):
        """Start a training run (the train page's defaults)."""
        await self.nav("train")
        await press(self.page.locator(key("train_start") + ":enabled"))
        await self.page.locator(key("train_stop")).wait_for()
        await self.nav("")  # the Draw page lives at /
        await self.page.locator(CANVAS).wait_for()

    async def check_page(self):
        if await self.page.locator(EXCEPTION).count():
            text = await self.page.locator(EXCEPTION).first.inner_text()
            self.stats["errors"].append(f"user {self.n}: exception on the "
                                        f"page: {text[:200]}")

    async def close(self):
        await self.context.close()


async def keep_local(route):
    """Let loopback, data: and blob: through; abort everything else."""
    if route.request.url.startswith(LOCAL):
        await route.continue_()
    else:
        await route.abort()


# one simulated student, over Streamlit's protocol

PEN = 18  # the pad's stroke_width in app_pages/draw.py
FABRIC = "7.4.0"  # the Fabric.js of streamlit-drawable-canvas 0.13's frontend
MOUSE_STEPS = 4  # mouse moves per line of a shape, as User.stroke makes them
# NOTE: what the pad's frontend puts on each stroke it sends (copied from a
# frame that chromium sent), besides the stroke's place and path
FABRIC_PATH = {
    "lockMovementX": False, "lockMovementY": False, "lockRotation": False,
    "lockScalingX": False, "lockScalingY": False, "lockSkewingX": False,
    "lockSkewingY": False, "lockScalingFlip": False, "type": "Path",
    "version": FABRIC, "originX": "center", "originY": "center",
    "fill": None, "stroke": "#FFFFFF", "strokeWidth": PEN,
    "strokeDashArray": None, "strokeLineCap": "round", "strokeDashOffset": 0,
    "strokeLineJoin": "round", "strokeUniform": False, "strokeMiterLimit": 10,
    "scaleX": 1, "scaleY": 1, "angle": 0, "flipX": False, "flipY": False,
    "opacity": 1, "shadow": None, "visible": True, "backgroundColor": "",
    "fillRule": "nonzero", "paintFirst": "fill",
    "globalCompositeOperation": "source-over", "skewX": 0, "skewY": 0,
}


def fabric_path(line):
    """One stroke as the pad's Fabric.js pencil records it: the mouse's
    points joined by quadratic curves through their midpoints."""
    pts = [line[0]]
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        pts += [(x0 + (x1 - x0) * k / MOUSE_STEPS, y0 + (y1 - y0) * k / MOUSE_STEPS)
                for k in range(1, MOUSE_STEPS + 1)]
    pts = [(round(x, 3), round(y, 3)) for x, y in pts]
    path = [["M", *pts[0]]]
    path += [["Q", x0, y0, (x0 + x1) / 2, (y0 + y1) / 2]
             for (x0, y0), (x1, y1) in zip(pts, pts[1:])]
    path.append(["L", *pts[-1]])
    xs, ys = [x for x, _ in pts], [y for _, y in pts]
    box = {"left": (min(xs) + max(xs)) / 2, "top": (min(ys) + max(ys)) / 2,
           "width": max(xs) - min(xs), "height": max(ys) - min(ys)}
    return {**FABRIC_PATH, **box, "path": path}


def pad_value(shape):
    """The drawing pad's state once `shape` is drawn, as JSON, the way the
    pad's frontend sends it (streamlit-drawable-canvas 0.13): the Fabric.js
    scene and the pad's pixels as a PNG data URL, under "drawing"."""
    raw = {"version": FABRIC,
           "objects": [fabric_path(line) for line in SHAPES[shape]],
           "background": "#000000"}
    pixels = base64.b64encode(png(canvas(shape, width=PEN))).decode()
    value = {"drawing": {"raw": raw, "data": "data:image/png;base64," + pixels}}
    return json.dumps(value, separators=(",", ":"))  # as JSON.stringify


class ProtocolUser(Student):
    """One session of the app over a websocket, as a browser tab would
    hold it, with no browser: the same actions as User."""

    pad_values = {}  # shape -> the pad's value, made once for all users

    def __init__(self, n, base, stats, think=THINK_S):
        super().__init__(n, base, stats)
        self.think = think
        self.right = 0  # predictions that named the digit drawn
        self.session = Session(base, timeout=TIMEOUT_MS / 1000)

    async def open(self):
        await self.ask(self.session.open())  # the Draw page is the default
        self.pad()

    async def close(self):
        await self.session.close()
        self.stats["cache_refs"] += self.session.cache_refs

    def pad(self):
        """The drawing pad's component on the page."""
        for c in self.session.page.find("bidi_component"):
            if (user_key(c.id) or "").startswith("draw_canvas_"):
                return c
        raise ProtocolError("no drawing pad on the page")

    async def ask(self, request):
        """Await one request to the server; an exception the page shows
        is an error. Returns the Page."""
        page = await request
        for text in page.exceptions():
            self.stats["errors"].append(f"user {self.n}: exception on the "
                                        f"page: {text[:200]}")
        return page

    async def check_page(self):
        """Nothing left to do: ask() has looked at every page."""

    async def nav(self, path):
        await asyncio.sleep(self.think)
        return await self.ask(self.session.goto(path))

    async def draw(self, shape):
        """Clear the pad, draw `shape`, time the run it starts; check the
        prediction."""
        session = self.session
        if session.page.find("metric"):
            await asyncio.sleep(self.think)
            page = await self.ask(session.click("draw_clear"))
            if page.find("metric"):
                raise ProtocolError("the prediction stayed after Clear")
        pad = self.pad()
        if shape not in self.pad_values:
            self.pad_values[shape] = pad_value(shape)
        await asyncio.sleep(self.think)
        page = await self.ask(session.set_json(pad.id, self.pad_values[shape]))
        metrics = page.find("metric")
        if not metrics:
            raise ProtocolError(f"no prediction for {shape}; the page says: "
                                f"{[a.body for a in page.find('alert')]}")
        self.stats["latency"].append(page.seconds)
        self.predictions += 1
        said = metrics[0].body  # "7", or "? (7)" when unsure
        if EXPECTED[shape] in said:
            self.right += 1
        else:
            self.stats["wrong"].append(f"user {self.n} {shape}: {said}")

    async def learn(self):
        """One forward, loss, backward, update cycle on the learn page;
        each press enables the next button, the last disables itself."""
        await self.nav("learn")
        for step, after in zip(LEARN_STEPS, LEARN_STEPS[1:] + ("",)):
            await asyncio.sleep(self.think)
            page = await self.ask(self.session.click(f"learn_btn_{step}"))
            self.stats["steps"][step].append(page.seconds)
            button = page.widget(f"learn_btn_{after or step}", "button")
            if button is None or button.disabled != (after == ""):
                raise ProtocolError(f"the page after {step} is not the next "
                                    f"step's")
        await self.nav("")  # the Draw page lives at /
        self.pad()

    async def train(self):
        """Start a training run (the train page's defaults)."""
        await self.nav("train")
        page = await self.ask(self.session.click("train_start"))
        if page.widget("train_stop", "button") is None:
            raise ProtocolError("no training run after train_start")
        await self.nav("")
        self.pad()


# the run


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def warm_up_server(warm, pid, stats):
    """One session visits every page once, as a teacher checks the app
    before the lesson: the libraries the pages import (plotly, pandas,
    pyarrow) and the shared caches load before the users come, so that the
    memory the users leave behind can be told from one-time costs."""
    await warm.open()
    await warm.draw("P7")
    await warm.learn()
    for path in ("layers", "c3", "train"):
        await warm.nav(path)
    await warm.close()
    stats["rss_ready_mb"] = round(rss_mb(pid), 1)


async def class_at_work(crowd, seconds, stats):
    """Every user opens the app at once, then works until the time is up."""
    t0 = time.monotonic()
    opened = await asyncio.gather(*(u.action("open", u.open()) for u in crowd))
    stats["open_seconds"] = round(time.monotonic() - t0, 1)
    active = [u for u, ok in zip(crowd, opened) if ok is not None]
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(u.run(deadline) for u in active))
    stats["predictions_per_user"] = [u.predictions for u in crowd]
    stats["learn_cycles_per_user"] = [u.cycles for u in crowd]
    for u in crowd:
        await u.close()


async def drive_browser(base, users, seconds, pid, stats, warm_up=True,
                        think=None):
    """A class in headless chromium (think: User keeps its own pauses)."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM,
                                          args=CHROMIUM_ARGS)
        if warm_up:
            await warm_up_server(User(-1, browser, base, new_stats()), pid,
                                 stats)
        await class_at_work([User(n, browser, base, stats)
                             for n in range(users)], seconds, stats)
        await browser.close()


async def drive_protocol(base, users, seconds, pid, stats, warm_up=True,
                         think=THINK_S):
    """A class of websockets speaking Streamlit's protocol."""
    if warm_up:
        await warm_up_server(ProtocolUser(-1, base, new_stats(), think=0),
                             pid, stats)
    crowd = [ProtocolUser(n, base, stats, think) for n in range(users)]
    await class_at_work(crowd, seconds, stats)
    stats["right_per_user"] = [u.right for u in crowd]  # this round's
    stats["right"] += sum(stats["right_per_user"])


CLIENTS = {"browser": drive_browser, "protocol": drive_protocol}


def timing(values):
    """n, median, 95th percentile, worst and mean of times in seconds."""
    return {
        "n": len(values),
        "p50": round(percentile(values, 0.5), 3) if values else None,
        "p95": round(percentile(values, 0.95), 3) if values else None,
        "max": round(max(values), 3) if values else None,
        "mean": round(statistics.fmean(values), 3) if values else None,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--ttl", type=int, default=15,
                    help="server.disconnectedSessionTTL for this run (s)")
    ap.add_argument("--idle", type=float, default=None,
                    help="seconds to wait after closing (default: ttl, then "
                         "two rounds of the app's housekeeping, + 5)")
    ap.add_argument("--housekeeping", type=float, default=None,
                    help="seconds between the app's housekeeping rounds "
                         f"(default {INTERVAL:g}, the app's own)")
    ap.add_argument("--arenas", type=int, default=1,
                    help="MALLOC_ARENA_MAX for the server, as the README's "
                         "command for a class sets it (0: glibc's default)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="classes one after the other on the same server")
    ap.add_argument("--log", default="/tmp/lenet-load-server.log")
    ap.add_argument("--client", choices=sorted(CLIENTS), default="browser",
                    help="who plays the students: headless chromium, or "
                         "websockets speaking Streamlit's protocol")
    ap.add_argument("--think", type=float, default=THINK_S,
                    help="protocol client: seconds a user pauses before "
                         "each action (0: as fast as the server answers)")
    args = ap.parse_args(argv)
    interval = INTERVAL if args.housekeeping is None else args.housekeeping
    idle = (args.ttl + 2 * interval + 5) if args.idle is None else args.idle
    if args.client == "browser" and async_playwright is None:
        ap.error("the browser client needs playwright (pip); "
                 "or use --client protocol")
    drive = CLIENTS[args.client]

    port = free_port()
    proc = start_server(port, args.ttl, args.log, args.housekeeping,
                        args.arenas or None)
    stats = new_stats()
    try:
        rss_start = rss_mb(proc.pid)
        sampler = RssSampler(proc.pid)
        sampler.start()
        ran = server_cpu = client_cpu = 0.0
        idle_levels = []  # RSS after each class has left
        for round_ in range(args.rounds):
            t0, cpu0 = time.monotonic(), cpu_seconds(proc.pid)
            own0 = time.process_time()
            asyncio.run(drive(f"http://127.0.0.1:{port}/", args.users,
                              args.seconds, proc.pid, stats,
                              warm_up=round_ == 0, think=args.think))
            ran += time.monotonic() - t0
            server_cpu += cpu_seconds(proc.pid) - cpu0
            client_cpu += time.process_time() - own0
            rss_closed = rss_mb(proc.pid)

            # the server keeps a closed session for ttl seconds, for reconnects
            time.sleep(idle)
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=5):
                pass
            idle_levels.append(round(rss_mb(proc.pid), 1))
        rss_idle = idle_levels[-1]
        sampler.stop()
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()

    rss = [mb for _, mb in sampler.samples]
    ready = stats.get("rss_ready_mb", rss_start)
    summary = {
        "client": args.client,
        "malloc_arena_max": args.arenas or None,
        "users": args.users,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "wall_seconds": round(ran, 1),
        "open_seconds": stats.get("open_seconds"),
        # the server's share of the machine: CPU seconds per wall second
        "server_cpu_s": round(server_cpu, 1),
        "server_cores_busy": round(server_cpu / ran, 2),
        "actions": stats["actions"],
        "actions_total": sum(stats["actions"].values()),
        "errors": len(stats["errors"]),
        "error_samples": stats["errors"][:10],
        "lost_clicks": len(stats["lost_clicks"]),
        "lost_click_samples": stats["lost_clicks"][:5],
        "lost_strokes": len(stats["lost_strokes"]),
        "predictions_per_user": stats.get("predictions_per_user", []),
        "learn_cycles_per_user": stats.get("learn_cycles_per_user", []),
        "draw_to_prediction_s": timing(stats["latency"]),
        "rss_mb": {
            # the server before any page has run: no page library loaded yet
            "process_start": round(rss_start, 1),
            # after the warm-up visit: ready for the class
            "ready": ready,
            "peak": max(rss) if rss else None,
            "after_close": round(rss_closed, 1),
            "after_idle": round(rss_idle, 1),
            "after_idle_per_round": idle_levels,
            "idle_wait_s": idle,
            # what the classes left behind, over the ready level
            "left_over_ready": round(rss_idle - ready, 1),
            # the peak's growth over the ready level, per student
            "peak_over_ready_per_user": round(
                (max(rss) - ready) / args.users, 2) if rss else None,
        },
        # every student's session and the warm-up's, and how many of them
        # the app's housekeeping freed once they had closed
        "sessions_opened": args.users * args.rounds + 1,
        "sessions_released": sessions_released(args.log),
        # "seconds since start:MB", at most about 60 samples
        "rss_series": " ".join(
            f"{t:.0f}:{mb:.0f}"
            for t, mb in sampler.samples[:: max(1, len(sampler.samples) // 60)]),
    }
    if args.client == "protocol":
        summary.update({
            "think_s": args.think,
            # the digit LeNet-5 named for P1, P7, P3, against 1, 7, 3
            "predictions_right": stats["right"],
            "predictions_wrong": len(stats["wrong"]),
            "wrong_samples": stats["wrong"][:5],
            "right_per_user": stats["right_per_user"],
            # each press of a learn button to the end of the run it started
            "learn_step_s": {step: timing(times)
                             for step, times in stats["steps"].items()},
            # the simulated students' own share of the machine
            "client_cpu_s": round(client_cpu, 1),
            "client_cores_busy": round(client_cpu / ran, 2),
            # large deltas the server sent as a reference to the user's cache
            "cache_refs": stats["cache_refs"],
        })
    print(json.dumps(summary, indent=1))
    return summary


if __name__ == "__main__":
    summary = main()
    sys.exit(1 if summary["errors"] else 0)
