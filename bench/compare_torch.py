"""The engine's bench figures side by side with PyTorch on the same network.

    pip install torch==2.13.0    # CPU build; not needed by the app
    python bench/compare_torch.py [--repeats 7] [--json]

Both run in one process and take turns: every repeat times this engine and
then PyTorch on the same figure, so a busy spell on a shared machine slows
both alike. Each figure is the median of its repeats, and each ratio the
median of the repeats' own ratios. The PyTorch model
is the same faithful LeNet-5: C3 wired by Table I (a masked convolution),
trainable subsampling, scaled tanh, fixed RBF centres, the MAP loss.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lenet import paper  # noqa: E402
from lenet import one_blas_thread  # noqa: E402
from lenet.bench import (Workload, bench_inputs, cycling, time_once,  # noqa: E402
                         workloads)


def torch_workloads():
    import torch
    import torch.nn.functional as F

    torch.manual_seed(0)
    mask = torch.tensor(paper.C3_TABLE.T, dtype=torch.float32)[:, :, None, None]
    centres = torch.tensor(paper.RBF_CENTRES, dtype=torch.float32)

    def u(shape, fan_in):
        return (torch.rand(shape) * 2 - 1) * (2.4 / fan_in)

    p = {
        "c1w": u((6, 1, 5, 5), 25), "c1b": torch.zeros(6),
        "s2c": u(6, 4), "s2b": torch.zeros(6),
        "c3w": u((16, 6, 5, 5), 75) * mask, "c3b": torch.zeros(16),
        "s4c": u(16, 4), "s4b": torch.zeros(16),
        "c5w": u((120, 16, 5, 5), 400), "c5b": torch.zeros(120),
        "f6w": u((84, 120), 120), "f6b": torch.zeros(84),
    }
    for t in p.values():
        t.requires_grad_(True)

    def squash(a):
        return paper.A * torch.tanh(paper.S * a)

    def sub(x, c, b):
        s = F.avg_pool2d(x, 2) * 4  # the sum of each 2x2 block
        return squash(s * c[:, None, None] + b[:, None, None])

    def forward(x):
        h = squash(F.conv2d(x, p["c1w"], p["c1b"]))
        h = sub(h, p["s2c"], p["s2b"])
        h = squash(F.conv2d(h, p["c3w"] * mask, p["c3b"]))
        h = sub(h, p["s4c"], p["s4b"])
        h = squash(F.conv2d(h, p["c5w"], p["c5b"])).flatten(1)
        h = squash(h @ p["f6w"].T + p["f6b"])
        return ((h[:, None, :] - centres[None]) ** 2).sum(2)

    def map_loss(y, labels):
        neg = torch.cat([torch.full((len(y), 1), -paper.MAP_J), -y], 1)
        return (y[torch.arange(len(y)), labels] + torch.logsumexp(neg, 1)).mean()

    x, y = bench_inputs(256)
    x, y = torch.from_numpy(x), torch.from_numpy(y)
    opt = torch.optim.SGD(p.values(), lr=0.001)

    def train_step(xb, yb):
        opt.zero_grad()
        map_loss(forward(xb), yb).backward()
        opt.step()

    def train(batch, steps):
        batches = [(x[i:i + batch], y[i:i + batch])
                   for i in range(0, batch * steps, batch)]
        return Workload(cycling(train_step, batches), steps, batch)

    def inference(fn):
        def call():
            with torch.no_grad():
                fn()
        return call

    return {
        "forward1_ms": Workload(inference(lambda: forward(x[:1])), 200, None),
        "forward256_img_s": Workload(inference(lambda: forward(x)), 5, 256),
        "train32_img_s": train(32, 8),
        "train1_img_s": train(1, 200),
    }


def side_by_side(ours, theirs, repeats):
    """{figure: (our median, their median, median ratio)}; the last two
    are None for a figure PyTorch does not have."""
    rows = {}
    for key, mine in ours.items():
        other = theirs.get(key)
        t_mine, t_other = [], []
        for _ in range(repeats):
            t_mine.append(time_once(mine))
            if other:
                t_other.append(time_once(other))
        a = mine.figure(float(np.median(t_mine)))
        if not other:
            rows[key] = (a, None, None)
            continue
        b = other.figure(float(np.median(t_other)))
        # the time PyTorch took over ours is "how many times faster" for
        # both kinds of figure (ms per call and images per second)
        ratio = float(np.median(np.array(t_other) / np.array(t_mine)))
        rows[key] = (a, b, ratio)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--torch-threads", type=int, default=2,
                    help="PyTorch's intra-op threads (default 2: both cores)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        sys.exit("PyTorch is not installed: pip install torch==2.13.0")
    torch.set_num_threads(args.torch_threads)
    one_blas_thread()  # this engine's setting on the command line and in the app

    rows = side_by_side(workloads(), torch_workloads(), args.repeats)
    if args.json:
        print(json.dumps({
            "numpy": {k: r[0] for k, r in rows.items()},
            "torch": {k: r[1] for k, r in rows.items() if r[1] is not None},
            "speedup": {k: r[2] for k, r in rows.items() if r[2] is not None},
            "repeats": args.repeats, "torch_threads": args.torch_threads,
            "torch_version": torch.__version__}))
        return
    print(f"{'figure':<18}{'numpy':>12}{'torch':>12}{'numpy/torch':>13}")
    for k, (a, b, r) in rows.items():
        theirs = "-" if b is None else f"{b:,.2f}"
        ratio = "-" if r is None else f"{r:.2f}x"
        print(f"{k:<18}{a:>12,.2f}{theirs:>12}{ratio:>13}")
    print(f"(numpy/torch: median over {args.repeats} side-by-side repeats of how "
          "many times faster this engine is; > 1 is faster)")


if __name__ == "__main__":
    main()
