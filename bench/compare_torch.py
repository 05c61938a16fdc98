"""The engine's bench figures side by side with PyTorch on the same network.

    pip install torch==2.13.0    # CPU build; not needed by the app
    python bench/compare_torch.py [--repeats 7] [--json]

Both run in one process, one after the other, figure by figure, so a busy
machine slows both alike and the ratios stay meaningful. The PyTorch model
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
from lenet.bench import bench_inputs, measure, median_seconds  # noqa: E402


def torch_figures(repeats):
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

    def train_rate(batch, steps):
        it = iter(range(10**9))

        def step():
            i = (next(it) % steps) * batch
            opt.zero_grad()
            map_loss(forward(x[i:i + batch]), y[i:i + batch]).backward()
            opt.step()

        return batch / median_seconds(step, repeats, steps)

    with torch.no_grad():
        t1 = median_seconds(lambda: forward(x[:1]), repeats, 200)
        t256 = median_seconds(lambda: forward(x), repeats, 5)
    return {
        "forward1_ms": 1e3 * t1,
        "forward256_img_s": 256 / t256,
        "train32_img_s": train_rate(32, 8),
        "train1_img_s": train_rate(1, 200),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        sys.exit("PyTorch is not installed: pip install torch==2.13.0")
    torch.set_num_threads(2)

    ours, theirs = measure(args.repeats), torch_figures(args.repeats)
    # higher is better for rates; for forward1_ms lower is better
    ratios = {k: (theirs[k] / ours[k] if k.endswith("_ms") else ours[k] / theirs[k])
              for k in theirs}
    if args.json:
        print(json.dumps({"numpy": ours, "torch": theirs,
                          "speedup": ratios, "torch_version": torch.__version__}))
        return
    print(f"{'figure':<18}{'numpy':>12}{'torch':>12}{'numpy/torch':>13}")
    for k in ours:
        t = theirs.get(k, np.nan)
        r = ratios.get(k, np.nan)
        print(f"{k:<18}{ours[k]:>12,.2f}{t:>12,.2f}{r:>12.2f}x")
    print("(numpy/torch: speed of this engine relative to PyTorch; > 1 is faster)")


if __name__ == "__main__":
    main()
