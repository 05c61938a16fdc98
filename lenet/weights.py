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
    """A weights file that cannot be used; the message says why.

    `code` names the reason (see REASONS) and `params` holds the names and
    numbers in the message, so that an app can say it in its user's
    language.
    """

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = params


# every WeightsError code
REASONS = ("not_npz_name", "file_too_big", "empty", "not_zip", "broken_zip",
           "member_too_big", "unexpected_member", "not_plain", "unreadable",
           "bad_meta", "format_version", "wrong_names", "not_float",
           "wrong_shape", "not_finite")


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
        raise WeightsError("not_plain",
                           f"not a plain array file: {e}") from None
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        raise WeightsError("unreadable",
                           f"cannot read the arrays: {e}") from None

    meta = _meta(arrays.pop(META_KEY, None))
    extra = {k[len(EXTRA_PREFIX):]: arrays.pop(k) for k in list(arrays)
             if k.startswith(EXTRA_PREFIX)}
    state = _check_arrays(arrays)
    for name, a in extra.items():
        if a.dtype.kind != "f":
            raise WeightsError("not_float", f"{EXTRA_PREFIX}{name}: expected "
                               f"floating-point values, got dtype {a.dtype}",
                               name=EXTRA_PREFIX + name, dtype=str(a.dtype))
        _check_finite(EXTRA_PREFIX + name, a)
    model = LeNet5(dtype=dtype)
    model.load_state(state)
    return (model, meta, extra) if with_extra else (model, meta)


def _read(source):
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        path = Path(source)
        if path.suffix.lower() != ".npz":
            raise refused_name(path.name)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WeightsError("file_too_big", f"{path.name}: {size} bytes, "
                               f"the limit is {MAX_FILE_BYTES}",
                               size=size, limit=MAX_FILE_BYTES)
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise WeightsError("file_too_big", f"file of {len(data)} bytes, the "
                           f"limit is {MAX_FILE_BYTES}",
                           size=len(data), limit=MAX_FILE_BYTES)
    return data


def refused_name(name):
    """The WeightsError for a file whose name does not end in .npz: such a
    file (a pickle, say) is never opened."""
    suffix = Path(str(name)).suffix or "no extension"
    return WeightsError("not_npz_name", f"{name}: expected a .npz weights "
                        f"file, got '{suffix}' (pickle files are never opened)",
                        suffix=suffix)


def _check_zip(data):
    if not data:
        raise WeightsError("empty", "the file is empty")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK\x03\x04"):  # how a zip archive begins
            raise WeightsError("broken_zip", "broken zip archive: its "
                               "directory is missing (the file was cut short?)")
        raise WeightsError("not_zip", "not an .npz file (an .npz is a zip "
                           "archive of arrays; this file is not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                # sizes from the directory, checked before anything expands
                if info.file_size > MAX_MEMBER_BYTES:
                    raise WeightsError(
                        "member_too_big", f"member {info.filename} would "
                        f"expand to {info.file_size} bytes; no LeNet-5 array "
                        "is that large",
                        member=info.filename, size=info.file_size)
                if not info.filename.endswith(".npy"):
                    raise WeightsError(
                        "unexpected_member", f"unexpected member "
                        f"{info.filename!r}: an .npz holds only .npy arrays",
                        member=info.filename)
    except zipfile.BadZipFile as e:
        raise WeightsError("broken_zip", f"broken zip archive: {e}") from None


def _meta(raw):
    if raw is None:
        return {}
    if raw.dtype.kind != "U" or raw.shape != ():
        raise WeightsError("bad_meta", f"{META_KEY}: expected a JSON text, "
                           f"got an array of {raw.dtype} {raw.shape}")
    try:
        meta = json.loads(str(raw))
    except json.JSONDecodeError as e:
        raise WeightsError("bad_meta",
                           f"{META_KEY}: not valid JSON ({e})") from None
    if not isinstance(meta, dict):
        raise WeightsError("bad_meta", f"{META_KEY}: expected a JSON object")
    version = meta.get("format_version")
    if version is not None and version != FORMAT_VERSION:
        raise WeightsError("format_version", f"format version {version}; "
                           f"this program reads version {FORMAT_VERSION}",
                           version=version, supported=FORMAT_VERSION)
    return meta


def _check_arrays(arrays):
    expected = _expected()
    missing = sorted(set(expected) - set(arrays))
    extra = sorted(set(arrays) - set(expected))
    if missing or extra:
        raise WeightsError(
            "wrong_names",
            f"wrong parameter names: missing {missing}, unexpected {extra}",
            missing=", ".join(missing) or "-",
            unexpected=", ".join(extra) or "-")
    for name, shape in expected.items():
        a = arrays[name]
        if a.dtype.kind != "f":
            raise WeightsError("not_float", f"{name}: expected floating-point "
                               f"values, got dtype {a.dtype}",
                               name=name, dtype=str(a.dtype))
        if a.shape != shape:
            raise WeightsError("wrong_shape", f"{name}: expected shape "
                               f"{shape}, got {a.shape}",
                               name=name, expected=shape, got=a.shape)
        _check_finite(name, a)
    return arrays


def _check_finite(name, a):
    bad = int((~np.isfinite(a)).sum())
    if bad:
        raise WeightsError("not_finite", f"{name}: {bad} values are not "
                           "finite (NaN or infinity)", name=name, count=bad)
