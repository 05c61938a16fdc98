"""A class on one server: N simulated students in headless chromium.

    python bench/load_test.py --users 30 --seconds 180

Starts the app on 127.0.0.1 on a free port, opens one chromium with one
browser context per user, and for a fixed time lets every user draw a
digit with the mouse, wait for the prediction, and take a learning step
(forward, loss, backward, update) on the learn page; user 0 also starts a
training run on the train page. Every request that is not loopback is
aborted. The server's RSS is sampled every second; after the run the
contexts are closed and RSS is sampled again once the server has let the
sessions go. Prints one JSON summary.

Needs Debian's chromium (/usr/bin/chromium) and playwright (pip); never
`playwright install`.
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from drawing import SHAPES  # noqa: E402  (strokes in 280x280 canvas units)

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


def start_server(port, ttl, log_path):
    """`streamlit run app.py` on 127.0.0.1:port; returns the Popen."""
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py",
           "--server.headless=true", "--server.address=127.0.0.1",
           f"--server.port={port}", "--browser.gatherUsageStats=false",
           "--server.fileWatcherType=none",
           f"--server.disconnectedSessionTTL={ttl}"]
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
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


class User:
    """One browser context driving one session of the app."""

    def __init__(self, n, browser, base, stats):
        self.n, self.browser, self.base, self.stats = n, browser, base, stats
        self.predictions = 0

    async def open(self):
        self.context = await self.browser.new_context(
            viewport={"width": 1280, "height": 900})
        await self.context.route("**/*", keep_local)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = await self.context.new_page()
        await self.page.goto(self.base)  # the Draw page is the default, at /
        await self.page.locator(CANVAS).wait_for()

    async def action(self, name, coro):
        """Run one action; count it, or count its error."""
        t0 = time.perf_counter()
        try:
            await coro
        except Exception as e:  # a timeout or a vanished element
            shot = f"/tmp/lenet-load-user{self.n}-{name}.png"
            self.stats["errors"].append(f"user {self.n} {name}: "
                                        f"{type(e).__name__}: {str(e)[:120]}"
                                        f" (screenshot {shot})")
            try:
                await self.page.screenshot(path=shot, full_page=True)
            except Exception:  # the page itself may be gone
                pass
            return None
        self.stats["actions"][name] = self.stats["actions"].get(name, 0) + 1
        return time.perf_counter() - t0

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
                await self.action("learn", self.learn())
                await self.check_page()

    async def close(self):
        await self.context.close()


async def keep_local(route):
    """Let loopback, data: and blob: through; abort everything else."""
    if route.request.url.startswith(LOCAL):
        await route.continue_()
    else:
        await route.abort()


# the run


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def warm_up_server(browser, base, pid, stats):
    """One session visits every page once: the pages' imports and the shared
    caches load before the users come, so that the memory the users leave
    behind can be told from one-time costs."""
    warm = User(-1, browser, base, {"errors": [], "actions": {}, "latency": [],
                                    "lost_clicks": [], "lost_strokes": []})
    await warm.open()
    await warm.draw("P7")
    await warm.learn()
    for path in ("layers", "c3", "train"):
        await warm.nav(path)
    await warm.close()
    stats["rss_warm_mb"] = round(rss_mb(pid), 1)


async def drive(base, users, seconds, pid, stats, warm_up=True):
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM,
                                          args=CHROMIUM_ARGS)
        if warm_up:
            await warm_up_server(browser, base, pid, stats)

        crowd = [User(n, browser, base, stats) for n in range(users)]
        t0 = time.monotonic()
        opened = await asyncio.gather(*(u.action("open", u.open())
                                        for u in crowd))
        stats["open_seconds"] = round(time.monotonic() - t0, 1)
        active = [u for u, ok in zip(crowd, opened) if ok is not None]
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(u.run(deadline) for u in active))
        stats["predictions_per_user"] = [u.predictions for u in crowd]
        for u in crowd:
            await u.close()
        await browser.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--ttl", type=int, default=15,
                    help="server.disconnectedSessionTTL for this run (s)")
    ap.add_argument("--idle", type=float, default=None,
                    help="seconds to wait after closing (default: ttl, then "
                         "two rounds of the app's housekeeping, + 5)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="classes one after the other on the same server")
    ap.add_argument("--log", default="/tmp/lenet-load-server.log")
    args = ap.parse_args(argv)
    idle = (args.ttl + 2 * INTERVAL + 5) if args.idle is None else args.idle

    port = free_port()
    proc = start_server(port, args.ttl, args.log)
    stats = {"errors": [], "actions": {}, "latency": [], "lost_clicks": [],
             "lost_strokes": []}
    try:
        rss_start = rss_mb(proc.pid)
        sampler = RssSampler(proc.pid)
        sampler.start()
        ran = server_cpu = 0.0
        idle_levels = []  # RSS after each class has left
        for round_ in range(args.rounds):
            t0, cpu0 = time.monotonic(), cpu_seconds(proc.pid)
            asyncio.run(drive(f"http://127.0.0.1:{port}/", args.users,
                              args.seconds, proc.pid, stats,
                              warm_up=round_ == 0))
            ran += time.monotonic() - t0
            server_cpu += cpu_seconds(proc.pid) - cpu0
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
    lat = stats["latency"]
    summary = {
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
        "draw_to_prediction_s": {
            "n": len(lat),
            "p50": round(percentile(lat, 0.5), 3) if lat else None,
            "p95": round(percentile(lat, 0.95), 3) if lat else None,
            "max": round(max(lat), 3) if lat else None,
            "mean": round(statistics.fmean(lat), 3) if lat else None,
        },
        "rss_mb": {
            "start": round(rss_start, 1),
            "warm": stats.get("rss_warm_mb"),
            "peak": max(rss) if rss else None,
            "after_close": round(rss_closed, 1),
            "after_idle": round(rss_idle, 1),
            "after_idle_per_round": idle_levels,
            "idle_wait_s": idle,
            "delta_idle_vs_warm": round(rss_idle - stats["rss_warm_mb"], 1)
            if "rss_warm_mb" in stats else None,
        },
        # "seconds since start:MB", at most about 60 samples
        "rss_series": " ".join(
            f"{t:.0f}:{mb:.0f}"
            for t, mb in sampler.samples[:: max(1, len(sampler.samples) // 60)]),
    }
    print(json.dumps(summary, indent=1))
    return summary


if __name__ == "__main__":
    summary = main()
    sys.exit(1 if summary["errors"] else 0)
