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

import json
import time

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


def median_seconds(fn, repeats, number):
    """Median over `repeats` of the time per call of fn, run `number` times."""
    fn()  # warm up: first calls allocate
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t) / number)
    return float(np.median(times))


def _train_step(model, opt, x, y):
    out = model.forward(x)
    _, dy = map_loss(out, y)
    model.backward(dy)
    opt.step(model)


def measure(repeats=7):
    """The five figures of the engine as a dict."""
    x, y = bench_inputs(256)
    model = LeNet5(seed=0)

    one = x[:1]
    t1 = median_seconds(lambda: model.forward(one, trace=True), repeats, 200)
    t256 = median_seconds(lambda: model.predict(x), repeats, 5)

    def train_rate(opt, batch, steps):
        m = LeNet5(seed=0)
        if isinstance(opt, SDLM):
            opt.estimate(m, x, y)
        batches = [(x[i:i + batch], y[i:i + batch])
                   for i in range(0, batch * steps, batch)]
        it = iter(range(10**9))

        def step():
            xb, yb = batches[next(it) % len(batches)]
            _train_step(m, opt, xb, yb)

        return batch / median_seconds(step, repeats, steps)

    return {
        "forward1_ms": 1e3 * t1,
        "forward256_img_s": 256 / t256,
        "train32_img_s": train_rate(SGD(0.001), 32, 8),
        "train1_img_s": train_rate(SGD(0.001), 1, 200),
        "train_sdlm_img_s": train_rate(SDLM(1e-5), 1, 200),
    }


def run_bench(as_json=False, repeats=7):
    figures = measure(repeats)
    if as_json:
        print(json.dumps(figures))
        return figures
    for key, value in figures.items():
        print(f"{key:<18} {value:>10.2f}" if key.endswith("_ms")
              else f"{key:<18} {value:>10,.0f}")
    return figures
