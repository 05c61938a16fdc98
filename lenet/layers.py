"""The layers of LeNet-5, each a small class with one contract.

Every layer keeps what its backward pass needs:

    out = layer.forward(x)        # also keeps layer.x, layer.a, layer.out
    out = layer.forward(x, keep=False)  # keeps nothing: inference only
    dx = layer.backward(dout)     # fills layer.grads, keeps dout and dx
    d2x = layer.backward2(d2out)  # fills layer.hess (Gauss-Newton diagonal)

`a` is the weighted sum before squashing. Parameters live in `layer.params`
(name -> array), their gradients in `layer.grads` under the same names.
Arrays are NCHW: N images, C maps, H rows, W columns.
"""

import numpy as np
from numpy.lib.stride_tricks import as_strided

from . import paper


def squash(a, out=None):
    """f(a) = A tanh(S a): the paper's scaled tanh, finite for any finite a.

    out: where to write (a itself is allowed); by default a new array.
    """
    out = np.multiply(a, paper.S, out=out)
    np.tanh(out, out=out)  # in place: one new array instead of three
    out *= paper.A
    return out


def squash_slope(out):
    """f'(a) written with the output f(a): S/A (A^2 - f^2)."""
    # one new array (0-d for a scalar), the rest in place
    slope = np.multiply(out, out, out=np.empty_like(out))
    np.subtract(paper.A * paper.A, slope, out=slope)
    slope *= paper.S / paper.A
    return slope


def im2col(x, k):
    """Unfold every k x k window of x into a column.

    x: (N, C, H, W) -> cols: (N, C*k*k, Ho*Wo), Ho = H - k + 1, Wo = W - k + 1.
    A convolution then becomes one matrix product per image:
    W (F, C*k*k) @ cols[n].
    """
    N, C, H, W = x.shape
    sN, sC, sH, sW = x.strides
    # a view: window offset (i, j) and output pixel (r, c) read x[r+i, c+j]
    win = as_strided(x, (N, C, k, k, H - k + 1, W - k + 1),
                     (sN, sC, sH, sW, sH, sW), writeable=False)
    return win.reshape(N, C * k * k, -1)  # the one copy


def correlate(x, w):
    """Valid cross-correlation of every map in x with every kernel in w.

    x: (N, C, H, W), w: (F, C, k, k) -> (N, F, H-k+1, W-k+1), and the cols
    that produced it (kept for the weight gradient).
    """
    N, C, H, W = x.shape
    F, _, k, _ = w.shape
    cols = im2col(x, k)  # (N, C*k*k, Ho*Wo)
    out = w.reshape(F, -1) @ cols  # (N, F, Ho*Wo)
    return out.reshape(N, F, H - k + 1, W - k + 1), cols


def correlate_rows(x, w, b):
    """correlate() plus bias, for inference: faster, equal up to rounding.

    Each window is unfolded along whole rows: for kernel offset (i, j) the
    column is the flattened map from i*W + j on, Ho*W values long, one
    contiguous run to copy instead of Ho runs of Wo. Every output row then
    carries k-1 extra values that straddle two rows; they are computed and
    dropped. A row of ones under the columns and the biases beside the
    kernels make the product add the bias too.
    Returns a (N, F, Ho, Wo) view of the (N, F, Ho, W) product.
    """
    N, C, H, W = x.shape
    F, _, k, _ = w.shape
    Ho, Wo = H - k + 1, W - k + 1
    # k-1 spare values per map: the last window's run reads past its end
    flat = np.zeros((N, C, H * W + k - 1), x.dtype)
    flat[:, :, :H * W] = x.reshape(N, C, H * W)
    sN, sC, s1 = flat.strides
    runs = as_strided(flat, (N, C, k, k, Ho * W), (sN, sC, W * s1, s1, s1),
                      writeable=False)
    cols = np.empty((N, C * k * k + 1, Ho * W), x.dtype)
    cols[:, :-1].reshape(N, C, k, k, Ho * W)[...] = runs  # the one big copy
    cols[:, -1] = 1
    wb = np.concatenate([w.reshape(F, -1), b[:, None]], axis=1)
    a = wb @ cols
    return a.reshape(N, F, Ho, W)[..., :Wo]


def correlate_backward(cols, w, dout, need_dx=True):
    """Gradients of correlate() given the upstream gradient dout.

    The gradient with respect to the input is a full correlation of dout
    with the kernels turned by 180 degrees: each input pixel collects from
    every output that its value reached.
    Returns dw (F, C, k, k) and dx (N, C, H, W) or None.
    """
    N, F, Ho, Wo = dout.shape
    k = w.shape[2]
    d = dout.reshape(N, F, -1)  # (N, F, Ho*Wo)
    if N == 1:
        dw = d[0] @ cols[0].T  # (F, C*k*k)
    else:
        dw = np.tensordot(d, cols, axes=([0, 2], [0, 2]))  # (F, C*k*k)
    dw = dw.reshape(w.shape)

    dx = None
    if need_dx:
        p = k - 1
        padded = np.zeros((N, F, Ho + 2 * p, Wo + 2 * p), dout.dtype)
        padded[:, :, p:p + Ho, p:p + Wo] = dout
        turned = w.transpose(1, 0, 2, 3)[:, :, ::-1, ::-1]  # (C, F, k, k)
        dx, _ = correlate(padded, np.ascontiguousarray(turned))  # (N, C, H, W)
    return dw, dx


def correlate_backward_batch(cols, w, dout, x_shape, need_dx=True):
    """correlate_backward() for batches, by folding the columns back.

    dcols = W.T @ dout holds, for every window, what each of its inputs
    receives; adding every window back where it came from (col2im) gives
    dx. Same result up to float rounding, 2.5x faster on a batch of 32.

    The fold works on whole rows: dout is widened with k-1 zero columns to
    the input's width W, so for one kernel offset (i, j) the Ho x W values
    of a map land on one contiguous run of the flattened input, starting
    at i*W + j. The zeros spill into the next row's start and add nothing.
    """
    N, F, Ho, Wo = dout.shape
    _, C, H, W = x_shape
    k = w.shape[2]
    d = dout.reshape(N, F, -1)  # (N, F, Ho*Wo)
    dw = (d @ cols.transpose(0, 2, 1)).sum(axis=0).reshape(w.shape)

    dx = None
    if need_dx:
        wide = np.zeros((N, F, Ho, W), dout.dtype)
        wide[..., :Wo] = dout
        dcols = w.reshape(F, -1).T @ wide.reshape(N, F, Ho * W)
        dcols = dcols.reshape(N, C, k, k, Ho * W)
        # k - 1 spare values after the last map take the last spill
        flat = np.zeros((N, C, H * W + k - 1), dout.dtype)
        for i in range(k):  # one add per kernel offset, over the whole batch
            for j in range(k):
                start = i * W + j
                flat[:, :, start:start + Ho * W] += dcols[:, :, i, j]
        dx = flat[:, :, :H * W].reshape(x_shape)
    return dw, dx


class Layer:
    """What every layer shares: the arrays it keeps from one pass to the next.

    `kept` names them. forget() drops them, so that a new pass can reuse
    their memory (a training step at batch 32 is about 15 % faster when the
    previous step's arrays are gone before the new ones are made) and a
    copy starts clean.
    """

    kept = ("x", "a", "out", "dout", "dx")

    def forget(self):
        for name in self.kept:
            self.__dict__.pop(name, None)


class Conv(Layer):
    """Convolution layer with k x k kernels, optionally wired by a table.

    table: (C, F) booleans, table[c, f] says input map c feeds output map f.
    Without one every input map feeds every output map and the weights are
    stored as (F, C, k, k). With one only the wired pairs have a kernel:
    weights are stored as (links, k, k), ordered by output map, then input
    map, and scattered into a dense (F, C, k, k) array whose other kernels
    stay zero, so that one matrix product still does all the work.
    """

    def __init__(self, name, in_maps, out_maps, k, rng, table=None,
                 dtype=np.float32):
        self.name = name
        self.k = k
        self.shape = (out_maps, in_maps, k, k)
        if table is None:
            table = np.ones((in_maps, out_maps), dtype=bool)
        self.table = table
        self.sparse = not table.all()
        f_idx, c_idx = np.nonzero(table.T)  # wired pairs, by output map
        self.links = (f_idx, c_idx)

        # each unit's fan-in: k*k times the number of maps wired to its map
        self.fan_in = table.sum(axis=0) * k * k  # (F,)
        bound = 2.4 / self.fan_in[f_idx]  # (links,)
        w = rng.uniform(-1, 1, (len(f_idx), k, k)) * bound[:, None, None]
        if not self.sparse:
            w = w.reshape(self.shape)
        self.params = {"W": w.astype(dtype), "b": np.zeros(out_maps, dtype)}
        self.grads = {}
        self.hess = {}

    kept = Layer.kept + ("w", "cols")

    def dense_weights(self):
        """The kernels as (F, C, k, k), zero where the table wires nothing."""
        w = self.params["W"]
        if not self.sparse:
            return w
        dense = np.zeros(self.shape, dtype=w.dtype)
        dense[self.links] = w
        return dense

    def _to_params(self, dw):
        return dw[self.links] if self.sparse else dw

    def forward(self, x, keep=True):
        w = self.dense_weights()
        if not keep:  # inference: the faster unfolding
            # squashed into a new, contiguous array: the next layers run
            # faster on it than on the strided view
            return squash(correlate_rows(x, w, self.params["b"]))
        a, cols = correlate(x, w)
        a += self.params["b"][:, None, None]
        out = squash(a)
        self.x, self.w, self.cols, self.a, self.out = x, w, cols, a, out
        return out

    def backward(self, dout, need_dx=True):
        self.dout = dout
        da = squash_slope(self.out)
        da *= dout
        # NOTE: single digits (the paper's recipe) and the Hessian estimate
        # keep the first algorithm, so the shipped model is reproduced bit
        # for bit; batches take the faster one
        if len(da) == 1:
            dw, dx = correlate_backward(self.cols, self.w, da, need_dx)
        else:
            dw, dx = correlate_backward_batch(self.cols, self.w, da,
                                              self.x.shape, need_dx)
        self.grads = {"W": self._to_params(dw), "b": da.sum(axis=(0, 2, 3))}
        self.dx = dx
        return dx

    def backward2(self, d2out, need_dx=True):
        # Gauss-Newton: second derivatives flow back through squared weights
        d2a = d2out * squash_slope(self.out) ** 2
        h, d2x = correlate_backward(self.cols**2, self.w**2, d2a, need_dx)
        self.hess = {"W": self._to_params(h), "b": d2a.sum(axis=(0, 2, 3))}
        return d2x


class Subsample(Layer):
    """2x2 subsampling with one trainable coefficient and bias per map.

    Each unit adds its four inputs, multiplies by the map's coefficient, adds
    the map's bias and squashes. (N, C, H, W) -> (N, C, H//2, W//2); an odd
    last row or column belongs to no block and gets no gradient.
    """

    def __init__(self, name, maps, rng, dtype=np.float32):
        self.name = name
        self.fan_in = 4
        bound = 2.4 / self.fan_in
        coef = rng.uniform(-bound, bound, maps)
        self.params = {"coef": coef.astype(dtype), "b": np.zeros(maps, dtype)}
        self.grads = {}
        self.hess = {}

    kept = Layer.kept + ("sums",)

    def forward(self, x, keep=True):
        N, C, H, W = x.shape
        H, W = H - H % 2, W - W % 2
        even = x[:, :, :H, :W]

        # add row pairs, then column pairs (faster than one 2x2 reduction)
        rows = even.reshape(N, C, H // 2, 2, W)
        rows = rows[:, :, :, 0] + rows[:, :, :, 1]  # (N, C, H/2, W)
        cols = rows.reshape(N, C, H // 2, W // 2, 2)
        sums = cols[..., 0] + cols[..., 1]  # (N, C, H/2, W/2)
        coef, b = self.params["coef"], self.params["b"]
        a = coef[:, None, None] * sums
        a += b[:, None, None]
        if not keep:
            return squash(a, out=a)
        out = squash(a)
        self.x, self.sums, self.a, self.out = x, sums, a, out
        return out

    def _spread(self, d):
        # every input of a 2x2 block receives the gradient of its block sum
        d = d.repeat(2, axis=2).repeat(2, axis=3)
        if d.shape != self.x.shape:
            full = np.zeros(self.x.shape, d.dtype)
            full[:, :, :d.shape[2], :d.shape[3]] = d
            d = full
        return d

    def backward(self, dout, need_dx=True):
        self.dout = dout
        da = squash_slope(self.out)
        da *= dout
        self.grads = {
            "coef": (da * self.sums).sum(axis=(0, 2, 3)),
            "b": da.sum(axis=(0, 2, 3)),
        }
        coef = self.params["coef"][:, None, None]
        self.dx = self._spread(da * coef) if need_dx else None
        return self.dx

    def backward2(self, d2out, need_dx=True):
        d2a = d2out * squash_slope(self.out) ** 2
        self.hess = {
            "coef": (d2a * self.sums**2).sum(axis=(0, 2, 3)),
            "b": d2a.sum(axis=(0, 2, 3)),
        }
        coef2 = self.params["coef"][:, None, None] ** 2
        return self._spread(d2a * coef2) if need_dx else None


class Full(Layer):
    """Fully connected layer: a = x @ W.T + b, out = f(a).

    x: (N, D) -> (N, F). C5 is a 5x5 convolution over 5x5 maps, which is
    the same as a full connection over the 16*5*5 = 400 flattened inputs;
    `in_shape` lets it take (N, 16, 5, 5) and give (N, 120, 1, 1).
    """

    def __init__(self, name, n_in, n_out, rng, in_shape=None, out_shape=None,
                 dtype=np.float32):
        self.name = name
        self.in_shape = in_shape
        self.out_shape = out_shape
        self.fan_in = n_in
        bound = 2.4 / n_in
        w = rng.uniform(-bound, bound, (n_out, n_in))
        if in_shape is not None:
            w = w.reshape((n_out,) + tuple(in_shape))
        self.params = {"W": w.astype(dtype), "b": np.zeros(n_out, dtype)}
        self.grads = {}
        self.hess = {}

    def _shaped(self, y, shape):
        return y if shape is None else y.reshape((len(y),) + tuple(shape))

    def forward(self, x, keep=True):
        W = self.params["W"]
        x2 = x.reshape(len(x), -1)  # (N, D)
        a = x2 @ W.reshape(len(W), -1).T + self.params["b"]  # (N, F)
        a = self._shaped(a, self.out_shape)
        if not keep:
            return squash(a, out=a)
        out = squash(a)
        self.x, self.a, self.out = x, a, out
        return out

    def _back(self, x, W, da, need_dx):
        da = da.reshape(len(da), -1)  # (N, F)
        dW = (da.T @ x.reshape(len(x), -1)).reshape(W.shape)
        dx = None
        if need_dx:
            dx = (da @ W.reshape(len(W), -1)).reshape(x.shape)
        return dW, da.sum(axis=0), dx

    def backward(self, dout, need_dx=True):
        self.dout = dout
        da = squash_slope(self.out)
        da *= dout
        dW, db, self.dx = self._back(self.x, self.params["W"], da, need_dx)
        self.grads = {"W": dW, "b": db}
        return self.dx

    def backward2(self, d2out, need_dx=True):
        d2a = d2out * squash_slope(self.out) ** 2
        h, hb, d2x = self._back(self.x**2, self.params["W"] ** 2, d2a, need_dx)
        self.hess = {"W": h, "b": hb}
        return d2x


class RBF(Layer):
    """Euclidean RBF output units with fixed centres.

    y_i = sum_j (x_j - w_ij)^2: (N, 84) -> (N, 10) penalties; the digit with
    the smallest penalty wins. The centres are the paper's 7x12 bitmaps and
    are not trained, so this layer has no parameters.
    """

    def __init__(self, name="rbf", centres=paper.RBF_CENTRES, dtype=np.float32):
        self.name = name
        self.centres = centres.astype(dtype)  # (10, 84)
        self.centres.setflags(write=False)
        self.params = {}
        self.grads = {}
        self.hess = {}

    def forward(self, x, keep=True):
        diff = x[:, None, :] - self.centres[None, :, :]  # (N, 10, 84)
        out = (diff * diff).sum(axis=2)  # (N, 10)
        if keep:
            self.x, self.a, self.out = x, None, out
        return out

    def backward(self, dout, need_dx=True):
        # dy_i/dx_j = 2 (x_j - w_ij), summed over the ten units
        self.dout = dout
        self.dx = 2 * (dout.sum(axis=1, keepdims=True) * self.x
                       - dout @ self.centres)
        return self.dx

    def backward2(self, d2out, need_dx=True):
        # d2y_i/dx_j^2 = 2 for every unit
        return np.broadcast_to(2 * d2out.sum(axis=1, keepdims=True), self.x.shape)
