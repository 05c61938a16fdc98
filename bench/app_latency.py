"""Server time of the app's main interactions, measured with AppTest.

    python bench/app_latency.py [--repeats 15] [--json]

first_run_s       the first run of the app in a fresh process: imports,
                  loading the shipped model and sample, the Draw page
draw_rerun_ms     a new stroke arrives -> preprocessing, prediction and
                  every figure of the Draw page rebuilt (median)
layers_rerun_ms   the Inside-the-layers page for the current drawing:
                  every map of C1 to F6, the kernels, a unit's arithmetic
                  (median)

AppTest runs the page script as the server would, without a browser, so
these are server times: a browser adds the websocket round trip and the
drawing of the figures.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from drawing import canvas, canvas_state  # noqa: E402

CANVAS_KEY = "draw_canvas_0"  # app_pages/draw.py names the pad by a counter


def timed_run(at):
    t = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError(at.exception)
    return time.perf_counter() - t


def measure(repeats):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    first = timed_run(at)

    # alternate two drawings so every rerun has a new image to process
    states = [canvas_state(canvas(s)) for s in ("P3", "P7")]
    draw = []
    for i in range(repeats):
        at.session_state[CANVAS_KEY] = states[i % 2]
        draw.append(timed_run(at))

    at.switch_page("app_pages/layers.py")
    timed_run(at)
    layers = [timed_run(at) for _ in range(repeats)]
    return {
        "first_run_s": first,
        "draw_rerun_ms": 1e3 * float(np.median(draw)),
        "layers_rerun_ms": 1e3 * float(np.median(layers)),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    figures = measure(args.repeats)
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:<16} {v:>8.2f}")


if __name__ == "__main__":
    main()
