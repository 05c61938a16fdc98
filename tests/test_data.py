"""MNIST IDX reader: real files when present, broken files made here."""

import gzip

import numpy as np
import pytest

from lenet import data, preprocess
from lenet.data import DataError, load_mnist, mnist_checksum, read_idx


def idx_bytes(array, magic=None, dims=None, extra=b""):
    """Serialise a uint8 array as IDX; magic/dims override the header."""
    a = np.asarray(array, dtype=np.uint8)
    dims = a.shape if dims is None else dims
    magic = 0x0800 + len(dims) if magic is None else magic
    header = magic.to_bytes(4, "big")
    header += b"".join(d.to_bytes(4, "big") for d in dims)
    return header + a.tobytes() + extra


def write_mnist(folder, n=5, gz=True, split="train", images=None, labels=None):
    """Write a tiny MNIST split (n digits) into folder; return the paths."""
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (n, 28, 28)) if images is None else images
    labels = np.arange(n) % 10 if labels is None else labels
    paths = []
    for stem, blob in zip(data.FILES[split],
                          (idx_bytes(images), idx_bytes(labels))):
        path = folder / (stem + (".gz" if gz else ""))
        path.write_bytes(gzip.compress(blob) if gz else blob)
        paths.append(path)
    return paths


@pytest.fixture
def tiny_mnist(tmp_path):
    """A folder with all four files, 5 train and 3 test digits."""
    write_mnist(tmp_path, 5, split="train")
    write_mnist(tmp_path, 3, gz=False, split="test")
    return tmp_path


# reading well-formed files


@pytest.mark.parametrize("gz", [True, False], ids=["gzipped", "raw"])
@pytest.mark.parametrize("shape", [(7,), (4, 28, 28), (2, 3, 5)])
def test_read_idx_round_trip(tmp_path, gz, shape):
    a = np.arange(np.prod(shape)).reshape(shape) % 256
    blob = idx_bytes(a)
    path = tmp_path / "file.idx"
    path.write_bytes(gzip.compress(blob) if gz else blob)

    out = read_idx(path)

    assert out.dtype == np.uint8
    np.testing.assert_array_equal(out, a)


def test_gzip_is_detected_by_content_not_name(tmp_path):
    # a gzipped file without .gz and a raw file named .gz both work
    a = np.arange(10, dtype=np.uint8)
    (tmp_path / "zipped").write_bytes(gzip.compress(idx_bytes(a)))
    (tmp_path / "plain.gz").write_bytes(idx_bytes(a))

    np.testing.assert_array_equal(read_idx(tmp_path / "zipped"), a)
    np.testing.assert_array_equal(read_idx(tmp_path / "plain.gz"), a)


# broken files: each error names the file and what is wrong

BROKEN = {
    "empty file": (b"", "at least 4 bytes"),
    "bad magic": (
        b"\x12\x34\x08\x01" + (3).to_bytes(4, "big") + b"\x00\x01\x02",
        "not an IDX file",
    ),
    "int32 type, not ubyte": (
        b"\x00\x00\x0c\x01" + (1).to_bytes(4, "big") + b"\x00" * 4,
        "not an IDX file",
    ),
    "truncated payload": (
        idx_bytes(np.zeros(1200, np.uint8), magic=0x803, dims=(60000, 28, 28)),
        "header says 60000 images of 28x28 \\(47040000 bytes\\) but 1200 "
        "bytes follow",
    ),
    "extra bytes": (
        idx_bytes(np.zeros(3, np.uint8), extra=b"\x00"),
        "header says 3 labels \\(3 bytes\\) but 4 bytes follow",
    ),
    "header cut short": (b"\x00\x00\x08\x03\x00\x00", "header declares 3"),
}


@pytest.mark.parametrize("gz", [False, True], ids=["raw", "gzipped"])
@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_idx_is_refused_with_a_reason(tmp_path, case, gz):
    blob, message = BROKEN[case]
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(blob) if gz else blob)

    with pytest.raises(DataError, match=message) as info:
        read_idx(path)
    assert "train-images-idx3-ubyte.gz" in str(info.value)


def test_truncated_gzip_is_a_data_error(tmp_path):
    path = tmp_path / "t10k-labels-idx1-ubyte.gz"
    path.write_bytes(gzip.compress(idx_bytes(np.zeros(500)))[:30])

    with pytest.raises(DataError, match="t10k-labels.*truncated or corrupt"):
        read_idx(path)


def test_expected_magic_labels_vs_images(tmp_path):
    path = tmp_path / "labels"
    path.write_bytes(idx_bytes(np.zeros(4)))

    with pytest.raises(DataError, match="0x00000801, expected 0x00000803"):
        read_idx(path, expected_magic=data.IMAGES_MAGIC)


# load_mnist


@pytest.mark.parametrize("split, n", [("train", 5), ("test", 3)])
def test_load_mnist_tiny(tiny_mnist, split, n):
    images, labels = load_mnist(tiny_mnist, split)

    assert images.shape == (n, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (n,) and labels.dtype == np.uint8


def test_load_mnist_count_mismatch(tmp_path):
    write_mnist(tmp_path, 5, labels=np.arange(4))

    with pytest.raises(DataError, match="5 images but .* 4 labels"):
        load_mnist(tmp_path, "train")


def test_load_mnist_label_out_of_range(tmp_path):
    write_mnist(tmp_path, 3, labels=np.array([1, 10, 2]))

    with pytest.raises(DataError, match="labels must be 0..9, got 10 at"):
        load_mnist(tmp_path, "train")


def test_load_mnist_images_must_be_28x28(tmp_path):
    write_mnist(tmp_path, 2, images=np.zeros((2, 32, 32)))

    with pytest.raises(DataError, match="expected 28x28 images, got 32x32"):
        load_mnist(tmp_path, "train")


def test_load_mnist_missing_file_lists_expected_names(tmp_path):
    with pytest.raises(DataError) as info:
        load_mnist(tmp_path, "test")

    message = str(info.value)
    for stem in ("t10k-images-idx3-ubyte", "train-labels-idx1-ubyte"):
        assert stem in message, message


def test_load_mnist_bad_split(tiny_mnist):
    with pytest.raises(DataError, match="split must be one of"):
        load_mnist(tiny_mnist, "validation")


# checksum and folder lookup


def test_checksum_is_stable_and_sees_changes(tiny_mnist, tmp_path_factory):
    first = mnist_checksum(tiny_mnist)
    assert first == mnist_checksum(tiny_mnist)
    assert len(first) == 16 and int(first, 16) >= 0

    # the same content raw instead of gzipped: same checksum
    raw = tmp_path_factory.mktemp("raw")
    write_mnist(raw, 5, gz=False, split="train")
    write_mnist(raw, 3, gz=True, split="test")
    assert mnist_checksum(raw) == first

    # one changed label: another checksum
    write_mnist(raw, 5, gz=False, split="train",
                labels=np.array([0, 1, 2, 3, 5]))
    assert mnist_checksum(raw) != first


def test_find_mnist_dir_honours_env_var(tiny_mnist, monkeypatch):
    monkeypatch.setenv("LENET_MNIST_DIR", str(tiny_mnist))

    assert data.find_mnist_dir() == tiny_mnist


def test_find_mnist_dir_ignores_env_var_without_files(tmp_path, monkeypatch):
    monkeypatch.setenv("LENET_MNIST_DIR", str(tmp_path))

    found = data.find_mnist_dir()
    assert found != tmp_path  # falls back to ../shared/data/mnist or None


# scaling into the network's range


def test_to_network_input_background_and_ink_exact():
    images = np.zeros((2, 28, 28), dtype=np.uint8)
    images[1, 5:9, 7] = 255

    x = data.to_network_input(images)

    assert x.shape == (2, 1, 32, 32) and x.dtype == np.float32
    assert x[0].min() == x[0].max() == np.float32(-0.1)
    assert x[1, 0, 2 + 5, 2 + 7] == np.float32(1.175)
    assert np.all(x[:, :, :2] == np.float32(-0.1))  # the padding


def test_to_network_input_float_equals_uint8():
    rng = np.random.default_rng(1)
    u8 = rng.integers(0, 256, (3, 28, 28)).astype(np.uint8)

    np.testing.assert_array_equal(
        data.to_network_input(u8), data.to_network_input(u8 / 255.0)
    )


@pytest.mark.parametrize("bad", [np.zeros((28, 28)), np.zeros((1, 32, 32)),
                                 np.full((1, 28, 28), 2.0)])
def test_to_network_input_refuses_wrong_input(bad):
    with pytest.raises(preprocess.InputError, match="expects"):
        data.to_network_input(bad)


def test_one_scaling_function_for_training_and_app():
    # CASE-04.3: training (data) and the app (preprocess) share one object
    assert data.to_network_input is preprocess.to_network_input


# the real files


@pytest.mark.parametrize("split, n", [("train", 60000), ("test", 10000)])
def test_real_mnist(mnist_dir, split, n):
    images, labels = load_mnist(mnist_dir, split)

    assert images.shape == (n, 28, 28) and labels.shape == (n,)
    assert np.bincount(labels, minlength=10).min() > n // 20  # all classes
    if split == "train":
        mean, std = images.mean() / 255, images.std() / 255
        assert abs(mean - 0.1307) < 1e-3 and abs(std - 0.3082) < 1e-3, (
            f"README says mean 0.1307, std 0.3082; got {mean:.4f}, {std:.4f}")


def test_real_mnist_scaled_mean_and_variance(mnist_dir):
    # NOTE: the paper's -0.1/1.175 makes the mean about 0 and the variance
    # about 1 for its own data; MNIST has far less ink, so after padding the
    # mean is about 0.02 and the variance only about 0.11
    images, _ = load_mnist(mnist_dir, "test")
    x = data.to_network_input(images[:2000])

    assert abs(x.mean()) < 0.05, x.mean()
    assert 0.08 < x.var() < 0.15, x.var()
