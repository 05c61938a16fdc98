"""Read MNIST from its original IDX files, gzipped or raw.

IDX: a big-endian header (two zero bytes, a type code, the number of
dimensions, then each dimension as uint32) followed by the raw values.
MNIST uses type 0x08 (unsigned byte): magic 0x00000801 for labels (N,)
and 0x00000803 for images (N, 28, 28).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import zlib
from pathlib import Path

import numpy as np

# one scaling function for training, evaluation and the app
from lenet.preprocess import to_network_input

__all__ = [
    "DataError",
    "read_idx",
    "load_mnist",
    "mnist_checksum",
    "find_mnist_dir",
    "to_network_input",
    "FILES",
]

log = logging.getLogger(__name__)

LABELS_MAGIC = 0x00000801
IMAGES_MAGIC = 0x00000803
GZIP_MAGIC = b"\x1f\x8b"
UBYTE = 0x08

# split -> (images file, labels file), without the optional .gz
FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}

ENV_VAR = "LENET_MNIST_DIR"


class DataError(ValueError):
    """A data file is missing or not what its format promises."""


def read_idx(path, expected_magic=None):
    """Read one IDX file of unsigned bytes, gzipped or raw.

    path: the file; gzip is detected by its magic bytes 1f 8b.
    expected_magic: e.g. 0x00000803; None accepts any ubyte IDX file.
    Returns a read-only uint8 array of the header's shape (copy to write).
    """
    path = Path(path)
    data = _read_bytes(path)
    name = path.name

    # header: 00 00 <type> <ndim>, then ndim big-endian uint32 sizes
    if len(data) < 4:
        raise DataError(
            f"{name}: expected an IDX header of at least 4 bytes, got "
            f"{len(data)} bytes"
        )
    magic = int.from_bytes(data[:4], "big")
    if data[:2] != b"\x00\x00" or data[2] != UBYTE:
        raise DataError(
            f"{name}: magic number 0x{magic:08x} is not an IDX file of "
            "unsigned bytes (expected 0x000008NN)"
        )
    if expected_magic is not None and magic != expected_magic:
        raise DataError(
            f"{name}: magic number 0x{magic:08x}, expected "
            f"0x{expected_magic:08x} ({_kind(expected_magic)})"
        )
    ndim = data[3]
    if ndim < 1:
        raise DataError(f"{name}: header says 0 dimensions, expected >= 1")
    start = 4 + 4 * ndim
    if len(data) < start:
        raise DataError(
            f"{name}: header declares {ndim} dimensions ({start} header "
            f"bytes) but the file has only {len(data)} bytes"
        )
    dims = tuple(
        int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)
    )

    # the payload must match the header exactly: no more, no less
    expected = int(np.prod(dims, dtype=np.int64))
    got = len(data) - start
    if got != expected:
        raise DataError(
            f"{name}: header says {_describe(dims)} ({expected} bytes) but "
            f"{got} bytes follow"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=start).reshape(dims)


def load_mnist(data_dir, split="train"):
    """Load one MNIST split from a folder with the four standard files.

    data_dir: folder holding e.g. train-images-idx3-ubyte[.gz].
    split: "train" (60 000 digits) or "test" (10 000 digits).
    Returns (images uint8 (N, 28, 28), labels uint8 (N,)), read-only.
    """
    if split not in FILES:
        raise DataError(
            f"split must be one of {sorted(FILES)}, got {split!r}"
        )
    images_name, labels_name = FILES[split]
    images_path = _find_file(data_dir, images_name)
    labels_path = _find_file(data_dir, labels_name)

    images = read_idx(images_path, IMAGES_MAGIC)
    labels = read_idx(labels_path, LABELS_MAGIC)
    if images.shape[1:] != (28, 28):
        raise DataError(
            f"{images_path.name}: expected 28x28 images, got "
            f"{images.shape[1]}x{images.shape[2]}"
        )
    if len(images) != len(labels):
        raise DataError(
            f"{images_path.name} holds {len(images)} images but "
            f"{labels_path.name} holds {len(labels)} labels"
        )
    if labels.size and labels.max() > 9:
        bad = int(np.argmax(labels > 9))
        raise DataError(
            f"{labels_path.name}: labels must be 0..9, got {labels[bad]} "
            f"at index {bad}"
        )
    log.debug("loaded MNIST %s: %d digits from %s", split, len(labels),
              data_dir)
    return images, labels


def mnist_checksum(data_dir):
    """Short sha256 (16 hex digits) of the four MNIST files' contents.

    Hashes the decompressed bytes in a fixed order, so a gzipped and a
    raw copy of the same data give the same checksum.
    """
    h = hashlib.sha256()
    for split in ("train", "test"):
        for stem in FILES[split]:
            path = _find_file(data_dir, stem)
            h.update(stem.encode())
            h.update(_read_bytes(path))
    return h.hexdigest()[:16]


def find_mnist_dir():
    """Folder holding the MNIST files, or None.

    Looks in $LENET_MNIST_DIR, then ../shared/data/mnist relative to the
    project root (the folder that contains lenet/).
    """
    root = Path(__file__).resolve().parent.parent
    candidates = []
    if os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    candidates.append(root.parent / "shared" / "data" / "mnist")
    for folder in candidates:
        stem = FILES["train"][0]
        if (folder / stem).is_file() or (folder / f"{stem}.gz").is_file():
            return folder
        log.debug("no MNIST files in %s", folder)
    return None


def _find_file(data_dir, stem):
    """Path of stem or stem.gz in data_dir, or a DataError naming both."""
    folder = Path(data_dir)
    for name in (stem, f"{stem}.gz"):
        if (folder / name).is_file():
            return folder / name
    wanted = [n for pair in FILES.values() for n in pair]
    raise DataError(
        f"MNIST file missing in {folder}: expected {stem} or {stem}.gz. "
        f"The folder must hold these four files (each optionally .gz): "
        f"{', '.join(wanted)}"
    )


def _read_bytes(path):
    """File contents, decompressed if they start with the gzip magic."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DataError(f"{path.name}: cannot read file ({e})") from e
    if data[:2] != GZIP_MAGIC:
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as e:
        raise DataError(
            f"{path.name}: gzip data is truncated or corrupt ({e})"
        ) from e


def _describe(dims):
    """Human words for IDX dimensions, e.g. '60000 images of 28x28'."""
    if len(dims) == 1:
        return f"{dims[0]} labels"
    if len(dims) == 3:
        return f"{dims[0]} images of {dims[1]}x{dims[2]}"
    return f"shape {dims}"


def _kind(magic):
    return {LABELS_MAGIC: "labels", IMAGES_MAGIC: "images"}.get(magic, "?")
