"""Command line: python -m lenet {summary,train,evaluate,bench} --help."""

import argparse
import json
import logging
import signal
import sys
import time
from pathlib import Path

from . import SHIPPED_WEIGHTS, one_blas_thread, summary, weights
from .data import DataError, find_mnist_dir, load_mnist, mnist_checksum
from .preprocess import to_network_input
from .train import (RECIPES, Trainer, TrainingDiverged, evaluate, get_recipe,
                    load_checkpoint, recipe_meta, reject_penalty,
                    save_checkpoint)

log = logging.getLogger("lenet")


def cmd_summary(args):
    if args.json:
        print(json.dumps(summary.summary_json(), indent=2))
    else:
        print(summary.summary_text())


def _data_dir(args):
    d = args.data or find_mnist_dir()
    if d is None:
        sys.exit("no MNIST folder: give --data DIR with the four standard "
                 "files (train-images-idx3-ubyte.gz, ...)")
    return Path(d)


def cmd_evaluate(args):
    path = Path(args.weights) if args.weights else SHIPPED_WEIGHTS
    model, meta = weights.load(path)
    images, labels = load_mnist(_data_dir(args), "test")
    result = evaluate(model, to_network_input(images), labels)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{path}: test error {result['error_pct']:.2f} % "
          f"({result['errors']} of {result['n']})")
    print("confusion (rows: true digit, columns: predicted)")
    print("     " + "".join(f"{d:>6}" for d in range(10)))
    for d, row in enumerate(result["confusion"]):
        print(f"{d:>5}" + "".join(f"{v:>6}" for v in row))
    print("misclassified:", " ".join(map(str, result["misclassified"])))


def cmd_train(args):
    data_dir = _data_dir(args)
    recipe = get_recipe(args.recipe, passes=args.passes, distort=args.distort or None,
                        batch=args.batch, eta_scale=args.eta_scale, mu=args.mu)
    images, labels = load_mnist(data_dir, "train")
    if args.limit:
        images, labels = images[:args.limit], labels[:args.limit]
    test_images, test_labels = load_mnist(data_dir, "test")
    x_test = to_network_input(test_images)

    out = Path(args.out)
    ckpt = Path(args.checkpoint or out.with_suffix(".ckpt.npz"))
    meta = recipe_meta(recipe, args.seed)
    meta.update(data_checksum=mnist_checksum(data_dir), train_images=len(images))

    def on_pass_end(state):
        t = time.perf_counter()
        result = evaluate(state.model, x_test, test_labels)
        state.curve.append({"pass": state.pass_index,
                            "test_error_pct": result["error_pct"],
                            "seconds": round(state.seconds, 1)})
        save_checkpoint(ckpt, state, meta)
        print(f"pass {state.pass_index}/{recipe.passes} done  test error "
              f"{result['error_pct']:.2f} %  ({time.perf_counter() - t:.1f} s "
              f"to evaluate and checkpoint)", flush=True)

    # Ctrl-C or a polite kill (SIGTERM) stops after the current step, so the
    # checkpoint holds a whole step; a second Ctrl-C stops at once
    stop = []

    def request_stop(signum, frame):
        if stop:
            raise KeyboardInterrupt
        stop.append(signum)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    trainer = Trainer(recipe, images, labels, to_network_input, seed=args.seed,
                      on_progress=lambda p: print(p, flush=True),
                      on_pass_end=on_pass_end, should_stop=lambda: bool(stop),
                      every=args.every)
    if args.resume:
        if not ckpt.exists():
            sys.exit(f"--resume: no checkpoint at {ckpt}")
        state, saved = load_checkpoint(ckpt, trainer)
        if saved.get("recipe") != meta["recipe"] or saved.get("seed") != args.seed:
            sys.exit(f"{ckpt} was made with another recipe or seed: "
                     f"{saved.get('recipe')}, seed {saved.get('seed')}")
        print(f"resuming from {ckpt}: pass {state.pass_index + 1}, "
              f"step {state.step}", flush=True)
    else:
        state = trainer.new_state()
        if args.init:
            state.model, init_meta = weights.load(args.init)
            # keep how the starting weights were made, curve included
            keep = ("recipe", "seed", "passes", "train_seconds",
                    "test_error_pct", "curve", "fine_tuned_from")
            meta["fine_tuned_from"] = dict(
                {k: init_meta[k] for k in keep if k in init_meta},
                file=Path(args.init).name)

    try:
        state = trainer.run(state)
    except TrainingDiverged as e:
        sys.exit(f"training stopped: {e}")
    if stop:
        save_checkpoint(ckpt, state, meta)
        sys.exit(f"interrupted: checkpoint at {ckpt} (pass "
                 f"{state.pass_index + 1}, step {state.step}); continue with "
                 f"--resume")

    result = evaluate(state.model, x_test, test_labels)
    meta.update(passes=recipe.passes, train_seconds=round(state.seconds, 1),
                test_error_pct=result["error_pct"], curve=state.curve,
                reject_penalty=reject_penalty(state.model, x_test))
    weights.save(state.model, out, meta)
    print(f"wrote {out}: test error {result['error_pct']:.2f} % after "
          f"{recipe.passes} passes, {state.seconds:.0f} s of training")


def cmd_bench(args):
    from .bench import run_bench
    run_bench(as_json=args.json, repeats=args.repeats)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m lenet", description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("summary", help="per-layer shapes, parameters, connections")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_summary)

    t = sub.add_parser("train", help="train on the MNIST files in --data")
    t.add_argument("--data", help="folder with the four MNIST files")
    t.add_argument("--out", required=True, help="weights file to write (.npz)")
    t.add_argument("--recipe", choices=sorted(RECIPES), default="paper")
    t.add_argument("--passes", type=int)
    t.add_argument("--batch", type=int)
    t.add_argument("--eta-scale", type=float,
                   help="multiplies the paper's learning-rate schedule")
    t.add_argument("--mu", type=float, help="SDLM's damping constant")
    t.add_argument("--distort", action="store_true",
                   help="random affine distortions of the training digits")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--limit", type=int, help="train on the first N digits only")
    t.add_argument("--every", type=int, default=10000,
                   help="digits between progress lines")
    t.add_argument("--checkpoint", help="checkpoint file (default OUT.ckpt.npz)")
    t.add_argument("--resume", action="store_true",
                   help="continue from the checkpoint")
    t.add_argument("--init", help="start from these weights (fine-tuning) "
                   "instead of the paper's random initialisation")
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("evaluate", help="test error on the 10,000 test digits")
    e.add_argument("--weights", help="weights file (default: the shipped model)")
    e.add_argument("--data", help="folder with the four MNIST files")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_evaluate)

    b = sub.add_parser("bench", help="speed of the engine (medians)")
    b.add_argument("--json", action="store_true")
    b.add_argument("--repeats", type=int, default=7)
    b.set_defaults(func=cmd_bench)

    args = p.parse_args(argv)
    one_blas_thread()
    try:
        args.func(args)
    except (DataError, weights.WeightsError) as e:
        sys.exit(f"error: {e}")


if __name__ == "__main__":
    main()
