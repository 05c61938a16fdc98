"""The Train page, headless: training, results, model files, two users."""

import base64
import io
import json
import pathlib
import pickle
import re
import time
from pathlib import Path

import numpy as np
import pytest

from apptest import open_app, run
from labui import training_job
from labui.i18n import text
from lenet import SHIPPED_WEIGHTS, load_shipped, weights

ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/train.py"


def open_page(lang="en"):
    return open_app(lang, PAGE)


def train(at, passes=2, recipe="paper", timeout=120):
    """Start a short run and poll the page until its results show."""
    at.radio(key="train_recipe").set_value(recipe)
    at.run()
    at.number_input(key=f"train_passes_{recipe}").set_value(passes)
    at.run()
    at.button(key="train_start").click()
    at.run()
    deadline = time.monotonic() + timeout
    while not any(b.key == "train_apply" for b in at.button):
        assert not at.exception, at.exception
        assert time.monotonic() < deadline, "training did not finish"
        time.sleep(0.5)
        at.run()
    assert not at.exception, at.exception


def upload(at, name, data):
    at.file_uploader(key="train_upload").set_value(
        (name, data, "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception


def plotly_array(a):
    """A plotly JSON array: a list, or {'bdata', 'dtype', 'shape'}."""
    if isinstance(a, dict):
        shape = [int(n) for n in str(a["shape"]).split(",")]
        raw = base64.b64decode(a["bdata"])
        return np.frombuffer(raw, dtype=a["dtype"]).reshape(shape)
    return np.array(a)


def params(at):
    return {k: v.copy() for k, v in at.session_state["model"].params.items()}


def same(a, b):
    return set(a) == set(b) and all(np.array_equal(a[k], b[k]) for k in a)


def shipped_params():
    return load_shipped()[0].state()


def changed_model_bytes(delta=0.5):
    model, meta = load_shipped()
    model.params["f6.b"][0] += delta
    return weights.to_bytes(model, meta), model.state()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_runs_in_both_languages(lang):
    at = open_page(lang)
    assert at.title[0].value == text("nav_train", lang)
    shown = " ".join(m.value for m in at.markdown)
    assert text("train_intro", lang) in shown
    assert text("train_eta_range", lang, first=1, last=2, eta="0.0005") in shown
    # the recipes are named in the page's language
    assert at.radio(key="train_recipe").options == [
        text(f"train_recipe_{k}", lang) for k in ("paper", "fast", "distorted")]


def test_the_learning_rate_scale_starts_where_the_data_needs_it():
    at = open_page()
    # the sample's 200 digits make few steps: a larger scale (training_job)
    assert at.number_input(key="train_eta_paper_sample").value == 0.1
    assert not at.info  # the paper recipe steps after every digit
    at.radio(key="train_recipe").set_value("fast")
    run(at)
    assert at.number_input(key="train_eta_fast_sample").value == 0.3
    # fast makes 7 steps a pass over 200 digits, and the page says so
    assert [i.value for i in at.info] == [
        text("train_few_steps", "en", steps=7, batch=32)]


def test_short_training_shows_confusion_and_can_be_used():
    at = open_page()
    train(at)
    done = [s.value for s in at.success]
    assert any(v.startswith("Finished: 400 training digits") for v in done)

    # the confusion matrix covers the 100 held-out digits
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    heat = [tr for c in charts for tr in c["data"] if tr["type"] == "heatmap"]
    assert len(heat) == 1
    assert plotly_array(heat[0]["z"]).sum() == 100

    # nothing changes until the user asks for it
    assert same(params(at), shipped_params())
    at.button(key="train_apply").click()
    at.run()
    job = at.session_state["train_job"]
    assert same(params(at), job.model.state())
    assert not same(params(at), shipped_params())
    assert text("train_applied") in [s.value for s in at.success]


def test_a_misclassified_digit_opens_in_the_layer_views():
    at = open_page()
    # one fast pass from scratch leaves plenty of digits misclassified
    at.radio(key="train_start_from").set_value("scratch")
    train(at, passes=1, recipe="fast")
    opens = [b for b in at.button if b.key.startswith("train_open_")]
    job = at.session_state["train_job"]
    assert len(opens) == min(30, len(job.misclassified()))
    i, true, _ = job.misclassified()[0]
    at.button(key=f"train_open_{i}").click()
    at.run()
    assert not at.exception, at.exception
    digit = at.session_state["digit"]
    assert (digit.source, digit.label) == ("sample", true)
    np.testing.assert_array_equal(digit.x, job.test_x[i, 0])


def test_a_full_server_says_busy_and_starts_nothing():
    at = open_page()
    slots = training_job._SLOTS
    taken = [slots.acquire(blocking=False) for _ in range(training_job.MAX_JOBS)]
    try:
        assert all(taken), "another test left a job running"
        at.button(key="train_start").click()
        at.run()
    finally:
        for _ in range(sum(taken)):
            slots.release()
    busy = text("train_busy", n=training_job.MAX_JOBS)
    assert busy in [w.value for w in at.warning]
    assert "train_job" not in at.session_state


def test_a_broken_server_folder_is_a_message(tmp_path, monkeypatch):
    # the teacher's folder has a training file that is not MNIST
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"not an idx file")
    monkeypatch.setenv("LENET_MNIST_DIR", str(tmp_path))
    at = open_page()
    at.radio(key="train_source").set_value("folder")
    at.run()

    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert errors[0].startswith(text("train_folder_bad", error="")[:20])
    assert at.button(key="train_start").disabled
    assert not at.text_input  # no path for a student to type


def test_a_valid_upload_replaces_this_users_model():
    at = open_page()
    data, expected = changed_model_bytes()
    upload(at, "mine.npz", data)
    assert same(params(at), expected)
    assert not same(expected, shipped_params())
    assert at.session_state["model_changed"]
    assert any("mine.npz" in s.value for s in at.success)


def test_the_shipped_file_uploaded_again_counts_as_the_shipped_model():
    at = open_page()
    data, _ = changed_model_bytes()
    upload(at, "mine.npz", data)
    assert at.session_state["model_changed"]
    upload(at, "lenet5.npz", SHIPPED_WEIGHTS.read_bytes())
    assert same(params(at), shipped_params())
    assert not at.session_state["model_changed"]
    assert at.caption[0].value == text("model_caption", "en", source=text(
        "model_shipped", "en"), error=load_shipped()[1]["test_error_pct"])


def npz(**arrays):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def broken_files():
    state = shipped_params()
    pickled = dict(state)
    pickled["f6.b"] = np.array([{"evil": 1}] * 84, dtype=object)
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=True, **pickled)
    wrong = dict(state, **{"c1.W": np.zeros((6, 1, 3, 3), np.float32)})
    nan = dict(state)
    nan["c5.b"] = state["c5.b"].copy()
    nan["c5.b"][7] = np.nan
    rng = np.random.default_rng(0)
    return {
        "random bytes": rng.integers(0, 256, 5000, dtype=np.uint8).tobytes(),
        "object array": buf.getvalue(),
        "wrong shape": npz(**wrong),
        "NaN": npz(**nan),
    }


# the reason lenet.weights finds in each broken file
REASON = {"random bytes": "not_zip", "object array": "not_plain",
          "wrong shape": "wrong_shape", "NaN": "not_finite"}


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", list(broken_files()))
def test_a_broken_upload_changes_nothing(case, lang):
    at = open_page(lang)
    data, mine = changed_model_bytes(0.25)
    upload(at, "mine.npz", data)  # a changed model the refusal must keep
    upload(at, "broken.npz", broken_files()[case])

    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    head = text("train_upload_bad", lang, name="broken.npz", error="")
    assert errors[0].startswith(head), errors[0]
    # the reason, in the page's language: every fixed part of its text,
    # in order, with the file's own names and numbers between them
    template = text(f"weights_err_{REASON[case]}", lang)
    parts = [re.escape(p) for p in re.split(r"\{[^}]*\}", template)]
    assert re.fullmatch(".+?".join(parts), errors[0][len(head):]), errors[0]
    assert same(params(at), mine)


class Trap:
    """Unpickling this creates a file: proof the upload was opened."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (pathlib.Path.touch, (pathlib.Path(self.path),))


@pytest.mark.parametrize("name", ["model.pkl", "model.joblib"])
def test_a_pickle_upload_is_refused_unopened(tmp_path, name):
    at = open_page()
    trap = tmp_path / "opened"
    before = params(at)
    upload(at, name, pickle.dumps(Trap(str(trap))))

    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "never opened" in errors[0]
    assert not trap.exists()
    assert same(params(at), before)


def test_the_download_is_this_users_model(monkeypatch):
    made = []
    real = weights.to_bytes
    monkeypatch.setattr(weights, "to_bytes",
                        lambda *a, **k: made.append(real(*a, **k)) or made[-1])
    at = open_page()
    data, expected = changed_model_bytes(0.75)
    upload(at, "mine.npz", data)
    assert at.get("download_button")[0].proto.label == text("train_download")
    model, _ = weights.load(made[-1])
    assert same(model.state(), expected)


def test_two_sessions_one_trains_the_other_keeps_the_shipped_model():
    a, b = open_page(), open_page("ko")
    a.radio(key="train_start_from").set_value("finetune")
    a.number_input(key="train_passes_paper").set_value(2)
    a.run()
    a.button(key="train_start").click()
    a.run()

    # B's page answers while A trains
    t0 = time.perf_counter()
    b.run()
    assert not b.exception, b.exception
    assert time.perf_counter() - t0 < 10
    assert "train_job" not in b.session_state

    deadline = time.monotonic() + 120
    while not any(x.key == "train_apply" for x in a.button):
        assert time.monotonic() < deadline, "training did not finish"
        time.sleep(0.5)
        a.run()
    a.button(key="train_apply").click()
    a.run()
    b.run()

    assert not same(params(a), shipped_params())
    assert same(params(b), shipped_params())
    assert not b.session_state["model_changed"]


def write_mnist(folder, n_train=40, n_test=20):
    """Tiny MNIST files in IDX format, cut from the shipped sample."""
    with np.load(ROOT / "assets" / "mnist_sample.npz") as f:
        images, labels = f["images"], f["labels"]
    parts = {"train": slice(0, n_train), "t10k": slice(n_train, n_train + n_test)}
    for split, part in parts.items():
        im, lab = images[part], labels[part].astype(np.uint8)
        head = (b"\x00\x00\x08\x03" + len(im).to_bytes(4, "big")
                + (28).to_bytes(4, "big") * 2)
        (folder / f"{split}-images-idx3-ubyte").write_bytes(head + im.tobytes())
        head = b"\x00\x00\x08\x01" + len(lab).to_bytes(4, "big")
        (folder / f"{split}-labels-idx1-ubyte").write_bytes(head + lab.tobytes())


def test_training_on_a_server_folder(tmp_path, monkeypatch):
    write_mnist(tmp_path)
    monkeypatch.setenv("LENET_MNIST_DIR", str(tmp_path))
    at = open_page()
    at.radio(key="train_source").set_value("folder")
    at.run()
    assert not at.error
    assert text("train_folder_ok", n_train=40, n_test=20) in [
        c.value for c in at.caption]
    train(at, passes=1)
    assert at.session_state["train_job"].result["n"] == 20
