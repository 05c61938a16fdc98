"""LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998) from scratch in NumPy.

    from lenet import LeNet5, load_shipped
    model, meta = load_shipped()
    digits, penalties = model.predict(x)   # x: (N, 1, 32, 32)
"""

from pathlib import Path

from .network import LeNet5

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SHIPPED_WEIGHTS = ASSETS / "lenet5.npz"


def load_shipped():
    """The trained model shipped in assets/, and its metadata."""
    from . import weights

    return weights.load(SHIPPED_WEIGHTS)


__all__ = ["LeNet5", "load_shipped", "ASSETS", "SHIPPED_WEIGHTS"]
