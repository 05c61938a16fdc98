"""Weights files: exact round trips, and every kind of bad file refused."""

import io
import pickle
import zipfile

import numpy as np
import pytest

from lenet import SHIPPED_WEIGHTS, weights
from lenet.network import LeNet5
from labui.i18n import STRINGS, text
from lenet.weights import WeightsError


def npz_bytes(arrays, allow_pickle=False):
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def good_arrays():
    return {k: v.copy() for k, v in LeNet5(seed=3).params.items()}


def test_round_trip_is_exact(tmp_path):
    model = LeNet5(seed=3)
    path = tmp_path / "m.npz"
    weights.save(model, path, {"seed": 3, "note": "테스트"})
    loaded, meta = weights.load(path)

    for k, v in model.params.items():
        np.testing.assert_array_equal(loaded.params[k], v)
    assert meta["seed"] == 3 and meta["note"] == "테스트"
    assert meta["format_version"] == weights.FORMAT_VERSION


def test_bytes_round_trip():
    model = LeNet5(seed=4)
    loaded, _ = weights.load(weights.to_bytes(model, {"a": 1}))
    np.testing.assert_array_equal(loaded.params["c3.W"], model.params["c3.W"])


def test_shipped_weights_load_with_their_metadata():
    model, meta = weights.load(SHIPPED_WEIGHTS)
    for key in ("recipe", "seed", "passes", "train_seconds", "test_error_pct",
                "data_checksum", "reject_penalty"):
        assert key in meta, key
    assert SHIPPED_WEIGHTS.stat().st_size < 400_000


def _object_array_file():
    arrays = good_arrays()
    arrays["c1.b"] = np.array([object()] * 6, dtype=object)
    buf = io.BytesIO()
    np.savez(buf, **arrays)  # savez pickles object arrays
    return buf.getvalue()


def _renamed():
    arrays = good_arrays()
    arrays["conv1.W"] = arrays.pop("c1.W")
    return npz_bytes(arrays)


def _changed(name, value):
    arrays = good_arrays()
    arrays[name] = value
    return npz_bytes(arrays)


def _big_member():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("c1.W.npy", b"\0" * 50_000_000)  # compresses to ~50 KB
    return buf.getvalue()


BAD_FILES = {
    "empty": (b"", "empty"),
    "text": (b"hello, this is not a model", "not an .npz"),
    "pickle": (pickle.dumps({"c1.W": np.zeros(3)}), "not an .npz"),
    "truncated": (npz_bytes(good_arrays())[:500], "zip|read"),
    "object array": (_object_array_file(), "plain array|pickle|object"),
    "wrong names": (_renamed(), "missing \\['c1.W'\\].*unexpected \\['conv1.W'\\]"),
    "wrong shape": (_changed("c1.W", np.zeros((6, 1, 3, 3), np.float32)),
                    "c1.W: expected shape \\(6, 1, 5, 5\\), got \\(6, 1, 3, 3\\)"),
    "integer dtype": (_changed("f6.b", np.zeros(84, np.int64)),
                      "f6.b: expected floating-point"),
    "NaN": (_changed("c5.b", np.full(120, np.nan, np.float32)),
            "c5.b: 120 values are not finite"),
    "infinity": (_changed("s2.coef", np.array([np.inf] * 6, np.float32)),
                 "s2.coef: 6 values are not finite"),
    "zip bomb member": (_big_member(), "expand to 50000000 bytes"),
}


CODES = {"empty": "empty", "text": "not_zip", "pickle": "not_zip",
         "truncated": "broken_zip|unreadable", "object array": "not_plain",
         "wrong names": "wrong_names", "wrong shape": "wrong_shape",
         "integer dtype": "not_float", "NaN": "not_finite",
         "infinity": "not_finite", "zip bomb member": "member_too_big"}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_with_the_reason(case):
    data, reason = BAD_FILES[case]
    with pytest.raises(WeightsError, match=reason) as refused:
        weights.load(data)
    assert refused.value.code in CODES[case].split("|")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("case", BAD_FILES)
def test_the_reason_can_be_said_in_each_language(case, lang):
    with pytest.raises(WeightsError) as refused:
        weights.load(BAD_FILES[case][0])
    e = refused.value
    said = text(f"weights_err_{e.code}", lang, **e.params)
    for value in e.params.values():  # the file's own names and numbers
        assert str(value) in said or str(value) in said.replace(",", "")


def test_every_reason_has_its_words():
    assert set(weights.REASONS) == {k[len("weights_err_"):] for k in STRINGS
                                   if k.startswith("weights_err_")}
    for code in weights.REASONS:
        assert set(STRINGS[f"weights_err_{code}"]) == {"en", "ko"}


@pytest.mark.parametrize("name", ["model.pkl", "model.joblib", "model.pt"])
def test_other_extensions_are_refused_unopened(tmp_path, name):
    path = tmp_path / name
    # a pickle that would run code if it were ever unpickled
    path.write_bytes(b"cos\nsystem\n(S'echo pwned'\ntR.")
    with pytest.raises(WeightsError, match="expected a .npz"):
        weights.load(path)


def test_failed_save_leaves_the_old_file(tmp_path):
    path = tmp_path / "m.npz"
    weights.save(LeNet5(seed=1), path)
    before = path.read_bytes()

    class Broken:
        params = {"c1.W": object()}

    with pytest.raises(Exception):
        weights.save(Broken(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
