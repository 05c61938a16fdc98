"""LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998) from scratch in NumPy.

    from lenet import LeNet5, load_shipped
    model, meta = load_shipped()
    digits, penalties = model.predict(x)   # x: (N, 1, 32, 32)
"""

from pathlib import Path

from .network import LeNet5

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SHIPPED_WEIGHTS = ASSETS / "lenet5.npz"


def one_blas_thread():
    """Keep BLAS to one thread in this process; returns the limiter.

    The engine's matrix products are small (6x25 by 25x784 for C1): a second
    BLAS thread costs more in waking and waiting than it saves, and where a
    core is shared it stalls every product (measured on this project's 2-core
    machine: a batch-32 training step took 3.3 ms with one BLAS thread and
    23 ms with two). The command line, the benches and the app all call this.
    """
    from threadpoolctl import OpenBLASController, threadpool_limits

    limiter = threadpool_limits(limits=1, user_api="blas")
    # threadpoolctl remembers the calling thread as the one that may change
    # OpenBLAS's limit, which keeps that thread object alive; in the app it
    # is one session's script run, and with it the whole session's state
    OpenBLASController.clear_controlling_thread()
    return limiter


def load_shipped():
    """The trained model shipped in assets/, and its metadata."""
    from . import weights

    return weights.load(SHIPPED_WEIGHTS)


__all__ = ["LeNet5", "load_shipped", "one_blas_thread", "ASSETS",
           "SHIPPED_WEIGHTS"]
