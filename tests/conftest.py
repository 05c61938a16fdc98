"""Shared fixtures: the real MNIST files, when this machine has them.

Tests that need the full files look in $LENET_MNIST_DIR, then in
../shared/data/mnist, and are skipped with that reason when neither exists;
everything else runs on what the project ships.
"""

import pytest

from lenet import data

NO_MNIST = ("MNIST files not found: set LENET_MNIST_DIR or put the four "
            "files in ../shared/data/mnist")


@pytest.fixture(scope="session")
def mnist_dir():
    folder = data.find_mnist_dir()
    if folder is None:
        pytest.skip(NO_MNIST)
    return folder


@pytest.fixture(scope="session")
def mnist_train(mnist_dir):
    """(images uint8 (60000, 28, 28), labels (60000,))"""
    return data.load_mnist(mnist_dir, "train")


@pytest.fixture(scope="session")
def mnist_test_full(mnist_dir):
    """(images uint8 (10000, 28, 28), labels (10000,))"""
    return data.load_mnist(mnist_dir, "test")
