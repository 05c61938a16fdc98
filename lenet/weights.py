"""Saving and loading LeNet-5 weights as .npz, never with pickle.

A weights file is a zip of .npy arrays: one per parameter ('c1.W', ...) and
'__meta__', a JSON text with the format version, architecture and how the
weights were made (recipe, seed, passes, test error, data checksum).
Loading checks everything before anything is used and raises WeightsError
naming what is wrong.
"""

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from .network import LeNet5

FORMAT_VERSION = 1
ARCHITECTURE = "LeNet-5 (LeCun, Bottou, Bengio, Haffner 1998)"
META_KEY = "__meta__"
MAX_FILE_BYTES = 8 * 1024 * 1024  # the real file is about 250 KB
MAX_MEMBER_BYTES = 2 * 1024 * 1024  # c5.W, the largest array, is 385 KB in f64


class WeightsError(ValueError):
    """A weights file that cannot be used, with the reason."""


def _expected():
    return {k: v.shape for k, v in LeNet5().params.items()}


EXTRA_PREFIX = "extra."  # optional arrays, e.g. a checkpoint's SDLM Hessian


def save(model, path, meta=None, extra=None):
    """Write model's weights and `meta` (a JSON-able dict) to path, atomically.

    extra: optional name -> float array, stored as 'extra.<name>'.
    """
    meta = dict(meta or {})
    meta.update(format_version=FORMAT_VERSION, architecture=ARCHITECTURE)
    arrays = {k: np.asarray(v, dtype=np.float32) for k, v in model.params.items()}
    for k, v in (extra or {}).items():
        arrays[EXTRA_PREFIX + k] = np.asarray(v, dtype=np.float32)
    arrays[META_KEY] = np.array(json.dumps(meta, sort_keys=True))

    # write beside the target, then rename: a crash never leaves half a file
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a model is not
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def to_bytes(model, meta=None):
    """The .npz file save() would write, as bytes (for downloads)."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "weights.npz"
        save(model, p, meta)
        return p.read_bytes()


def load(source, dtype=np.float32, with_extra=False):
    """Read a weights file (path or bytes); return (LeNet5, meta dict).

    With with_extra, return (LeNet5, meta, extra arrays by name).
    Raises WeightsError if the file is not a valid LeNet-5 weights file.
    """
    data = _read(source)
    _check_zip(data)
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    except ValueError as e:
        # numpy refuses object arrays and pickles when allow_pickle=False
        raise WeightsError(f"not a plain array file: {e}") from None
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        raise WeightsError(f"cannot read the arrays: {e}") from None

    meta = _meta(arrays.pop(META_KEY, None))
    extra = {k[len(EXTRA_PREFIX):]: arrays.pop(k) for k in list(arrays)
             if k.startswith(EXTRA_PREFIX)}
    state = _check_arrays(arrays)
    for name, a in extra.items():
        if a.dtype.kind != "f" or not np.isfinite(a).all():
            raise WeightsError(f"{EXTRA_PREFIX}{name}: expected finite "
                               f"floating-point values")
    model = LeNet5(dtype=dtype)
    model.load_state(state)
    return (model, meta, extra) if with_extra else (model, meta)


def _read(source):
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        path = Path(source)
        if path.suffix.lower() != ".npz":
            raise WeightsError(
                f"{path.name}: expected a .npz weights file, got "
                f"'{path.suffix or 'no extension'}' (pickle files are never opened)"
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WeightsError(f"{path.name}: {size} bytes, the limit is "
                               f"{MAX_FILE_BYTES}")
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise WeightsError(f"file of {len(data)} bytes, the limit is "
                           f"{MAX_FILE_BYTES}")
    return data


def _check_zip(data):
    if not data:
        raise WeightsError("the file is empty")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WeightsError("not an .npz file (an .npz is a zip archive of "
                           "arrays; this file is not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                # sizes from the directory, checked before anything expands
                if info.file_size > MAX_MEMBER_BYTES:
                    raise WeightsError(
                        f"member {info.filename} would expand to "
                        f"{info.file_size} bytes; no LeNet-5 array is that large"
                    )
                if not info.filename.endswith(".npy"):
                    raise WeightsError(f"unexpected member {info.filename!r}: "
                                       "an .npz holds only .npy arrays")
    except zipfile.BadZipFile as e:
        raise WeightsError(f"broken zip archive: {e}") from None


def _meta(raw):
    if raw is None:
        return {}
    if raw.dtype.kind != "U" or raw.shape != ():
        raise WeightsError(f"{META_KEY}: expected a JSON text, got an array "
                           f"of {raw.dtype} {raw.shape}")
    try:
        meta = json.loads(str(raw))
    except json.JSONDecodeError as e:
        raise WeightsError(f"{META_KEY}: not valid JSON ({e})") from None
    if not isinstance(meta, dict):
        raise WeightsError(f"{META_KEY}: expected a JSON object")
    version = meta.get("format_version")
    if version is not None and version != FORMAT_VERSION:
        raise WeightsError(f"format version {version}; this program reads "
                           f"version {FORMAT_VERSION}")
    return meta


def _check_arrays(arrays):
    expected = _expected()
    missing = sorted(set(expected) - set(arrays))
    extra = sorted(set(arrays) - set(expected))
    if missing or extra:
        raise WeightsError(
            f"wrong parameter names: missing {missing}, unexpected {extra}"
        )
    for name, shape in expected.items():
        a = arrays[name]
        if a.dtype.kind != "f":
            raise WeightsError(f"{name}: expected floating-point values, "
                               f"got dtype {a.dtype}")
        if a.shape != shape:
            raise WeightsError(f"{name}: expected shape {shape}, got {a.shape}")
        bad = ~np.isfinite(a)
        if bad.any():
            raise WeightsError(f"{name}: {int(bad.sum())} values are not "
                               "finite (NaN or infinity)")
    return arrays
