"""Facts from LeCun, Bottou, Bengio and Haffner (1998) that the engine builds on.

"Gradient-Based Learning Applied to Document Recognition", Proc. IEEE 86(11).
Everything here is a constant the paper gives; choices the paper leaves open
(the MAP constant j, bias initialisation) are made and explained where used.
"""

import numpy as np

# squashing function f(a) = A tanh(S a), chosen so that f(1) = 1, f(-1) = -1
A = 1.7159
S = 2.0 / 3.0

# MNIST pixel scaling: background -0.1, full ink 1.175 (mean ~0, variance ~1)
BACKGROUND = -0.1
INK = 1.175

# Table I: which S2 maps (rows) feed which C3 maps (columns)
C3_TABLE = np.array(
    [
        [1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1],
        [1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1],
        [1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1],
        [0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 1],
        [0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1],
        [0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1],
    ],
    dtype=bool,
)
C3_TABLE.setflags(write=False)

# the output RBF centres: stylised 7x12 bitmaps, '#' = +1, '.' = -1
_BITMAP_ROWS = {
    0: ".#####. ....... ..###.. .##.##. ##...## ##...## "
    "##...## ##...## .##.##. ..###.. ....... .......",
    1: "...##.. ..###.. .####.. ...##.. ...##.. ...##.. "
    "...##.. ...##.. ...##.. .###### ....... .......",
    2: ".#####. ....... .#####. ##...## #....## ....##. "
    "..###.. .##.... ##..... ####### ....... .......",
    3: "####### .....## ....##. ...##.. ..####. .....## "
    ".....## .....## ##...## .#####. ....... .......",
    4: ".#####. ....... ....... .##..## .##..## ###..## "
    "##...## ##...## ##..### .###### .....## .....##",
    5: ".#####. ....... ####### ##..... ##..... .####.. "
    "..####. .....## ##...## .#####. ....... .......",
    6: "..####. .##.... ##..... ##..... ######. ###..## "
    "##...## ##...## ###..## .#####. ....... .......",
    7: "####### .....## .....## ....##. ...##.. ...##.. "
    "..##... ..##... ..##... ..##... ....... .......",
    8: ".#####. ##...## ##...## ##...## .#####. ##...## "
    "##...## ##...## ##...## .#####. ....... .......",
    9: ".#####. ##..### ##...## ##...## ##..### .###### "
    ".....## .....## ....##. .####.. ....... .......",
}


def _parse_bitmaps():
    rows = [_BITMAP_ROWS[d].split() for d in range(10)]
    chars = np.array([[list(r) for r in digit] for digit in rows])  # (10, 12, 7)
    return np.where(chars == "#", 1.0, -1.0)


BITMAPS = _parse_bitmaps()  # (10, 12, 7): 12 rows of 7 pixels per digit
BITMAPS.setflags(write=False)
RBF_CENTRES = BITMAPS.reshape(10, 84)  # (10, 84): row i is the centre of digit i

# MAP criterion constant j (eq. 9). The paper gives no value. We take the
# penalty an F6 output has when it sits exactly halfway between the two
# closest templates (6 and 8 differ in 12 pixels: squared distance 48, so 12
# from each). An input whose every penalty exceeds j is farther from all ten
# templates than that midpoint is: the "rubbish class" wins its probability.
MAP_J = 12.0

# training recipe (p. 10, Appendix C)
PASSES = 20
SDLM_MU = 0.02
SDLM_HESSIAN_SAMPLES = 500


def sdlm_eta(pass_index):
    """Global learning rate of the paper's schedule for pass 0, 1, 2, ..."""
    p = pass_index + 1
    if p <= 2:
        return 0.0005
    if p <= 5:
        return 0.0002
    if p <= 8:
        return 0.0001
    if p <= 12:
        return 0.00005
    return 0.00001


# published results on the 10,000 MNIST test digits
TEST_ERROR_PCT = 0.95
TEST_ERROR_DISTORTED_PCT = 0.80
