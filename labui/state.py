"""Per-user state and the read-only objects every user shares.

The shipped model and the MNIST sample are loaded once per server and made
read-only: an accidental in-place change raises instead of changing what
every student sees. Each browser session works on its own copy of the
model, created on first use, in st.session_state.
"""

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lenet import ASSETS, load_shipped, one_blas_thread
from lenet.preprocess import to_network_input

from .i18n import DEFAULT_LANG, text

SAMPLE_FILE = ASSETS / "mnist_sample.npz"


@dataclass(frozen=True)
class Digit:
    """The digit the pages look at: network input and where it came from."""

    x: np.ndarray  # (32, 32) float32 network input
    source: str  # "drawing", "sample" or "upload"
    label: int | None = None  # true label when known (samples)
    steps: object = None  # lenet.preprocess.Preprocessed, when preprocessed


@st.cache_resource(show_spinner=False)
def one_blas_thread_once():
    """lenet.one_blas_thread(), once per server process: every student's
    session runs in its own thread, and BLAS threads would only compete."""
    return one_blas_thread()


@st.cache_resource(show_spinner=False)
def housekeeper():
    """The server's one thread that frees closed sessions (housekeeping.py)."""
    from .housekeeping import Housekeeper

    return Housekeeper()


@st.cache_resource(show_spinner=False)
def shipped():
    """(model, meta) of the shipped weights; the model's arrays are read-only."""
    model, meta = load_shipped()
    return model.freeze(), meta


@st.cache_resource(show_spinner=False)
def samples():
    """(images uint8 (N, 28, 28), labels (N,), x (N, 1, 32, 32)), read-only."""
    with np.load(SAMPLE_FILE, allow_pickle=False) as f:
        images, labels = f["images"], f["labels"].astype(int)
    x = to_network_input(images)
    for a in (images, labels, x):
        a.setflags(write=False)
    return images, labels, x


def lang():
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key, **values):
    """The string `key` in this user's language."""
    return text(key, lang(), **values)


def user_model():
    """This user's own model: a copy of the shipped one until reset."""
    if "model" not in st.session_state:
        reset_user_model()
    return st.session_state["model"]


def set_user_model(model, meta=None):
    """Make `model` this user's model; meta says how it was made, if known.

    A model with the shipped weights (the shipped file uploaded again, say)
    counts as the shipped one, whose test error is known.
    """
    shipped_model = shipped()[0]
    st.session_state["model"] = model
    st.session_state["model_changed"] = not all(
        np.array_equal(v, shipped_model.params[k])
        for k, v in model.params.items())
    st.session_state["model_meta"] = dict(meta or {"made_by": "LeNet-5 Lab"})


def reset_user_model():
    """Give this user a fresh copy of the shipped model."""
    model, meta = shipped()
    st.session_state["model"] = model.copy()
    st.session_state["model_changed"] = False
    st.session_state["model_meta"] = dict(meta)


def user_model_meta():
    """Metadata of this user's model (the shipped one's until changed)."""
    user_model()
    return st.session_state["model_meta"]


def model_caption():
    """One line naming the model this user is looking at."""
    if not st.session_state.get("model_changed", False):
        error = shipped()[1].get("test_error_pct", float("nan"))
        return t("model_caption", source=t("model_shipped"), error=error)
    return t("model_caption_changed")


def current_digit():
    """The Digit this user last drew, picked or uploaded, or None."""
    return st.session_state.get("digit")


def set_current_digit(digit):
    st.session_state["digit"] = digit


def clear_current_digit():
    st.session_state.pop("digit", None)
