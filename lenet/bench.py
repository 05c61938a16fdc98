"""Speed of the engine, as medians of repeated timings.

    python -m lenet bench [--json] [--repeats 7]

forward1_ms       one image, forward with the full per-layer trace
forward256_img_s  a batch of 256 through predict(), forward only
train32_img_s     SGD training at batch 32 (forward, backward, update)
train1_img_s      SGD training at batch 1
train_sdlm_img_s  SDLM training at batch 1 (Hessian estimated beforehand)

The inputs are MNIST sample digits from assets/ when present. Timings on a
shared machine are noisy: compare medians taken side by side in one run.
"""

import itertools
import json
import time
from dataclasses import dataclass

import numpy as np

from . import ASSETS
from .losses import map_loss
from .network import LeNet5
from .optim import SDLM, SGD
from .preprocess import to_network_input


def bench_inputs(n=256):
    """(x (n, 1, 32, 32) float32, labels (n,)): sample digits, repeated."""
    path = ASSETS / "mnist_sample.npz"
    if path.exists():
        with np.load(path, allow_pickle=False) as f:
            images, labels = f["images"], f["labels"].astype(int)
    else:
        rng = np.random.default_rng(0)
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, n)
    idx = np.arange(n) % len(images)
    return to_network_input(images[idx]), labels[idx]


@dataclass(frozen=True)
class Workload:
    """One figure: `fn` runs it once; `number` calls make one timing.

    `images` is how many images one call handles: the figure is images per
    second, or, with images=None, milliseconds per call.
    """

    fn: object
    number: int
    images: int | None

    def figure(self, seconds):
        """The figure for a time per call."""
        return 1e3 * seconds if self.images is None else self.images / seconds


def time_once(work):
    """Seconds per call of work.fn, over work.number calls.

    One call first, untimed: when two engines take turns, the first call
    after the other's turn pays for cold caches and sleeping threads.
    """
    work.fn()
    t = time.perf_counter()
    for _ in range(work.number):
        work.fn()
    return (time.perf_counter() - t) / work.number


def _train_step(model, opt, x, y):
    out = model.forward(x)
    _, dy = map_loss(out, y)
    model.backward(dy)
    opt.step(model)


def cycling(step, batches):
    """A call that runs `step` on the next of `batches`, round and round."""
    turn = itertools.cycle(batches)
    return lambda: step(*next(turn))


def workloads():
    """The five figures of the engine as Workloads, keyed by figure name."""
    x, y = bench_inputs(256)
    model = LeNet5(seed=0)
    one = x[:1]

    def train(opt, batch, steps):
        m = LeNet5(seed=0)
        if isinstance(opt, SDLM):
            opt.estimate(m, x, y)
        batches = [(x[i:i + batch], y[i:i + batch])
                   for i in range(0, batch * steps, batch)]
        return Workload(cycling(lambda xb, yb: _train_step(m, opt, xb, yb),
                                batches), steps, batch)

    return {
        "forward1_ms": Workload(lambda: model.forward(one, trace=True), 200, None),
        "forward256_img_s": Workload(lambda: model.predict(x), 5, 256),
        "train32_img_s": train(SGD(0.001), 32, 8),
        "train1_img_s": train(SGD(0.001), 1, 200),
        "train_sdlm_img_s": train(SDLM(1e-5), 1, 200),
    }


def measure(repeats=7):
    """The five figures of the engine as a dict of medians."""
    figures = {}
    for key, work in workloads().items():
        times = [time_once(work) for _ in range(repeats)]
        figures[key] = work.figure(float(np.median(times)))
    return figures


def run_bench(as_json=False, repeats=7):
    figures = measure(repeats)
    if as_json:
        print(json.dumps(figures))
        return figures
    for key, value in figures.items():
        print(f"{key:<18} {value:>10.2f}" if key.endswith("_ms")
              else f"{key:<18} {value:>10,.0f}")
    return figures
