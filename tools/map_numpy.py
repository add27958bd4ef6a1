#!/usr/bin/python3
"""Issue 14's reference: the basin map `gradscape map basins --landscape himmelblau --optimizer gd:lr=0.01
--size 512 --steps 1000` written as vectorized numpy, timed, for tools/compare_map_speed.sh.

Every cell centre of [-5, 5]^2 on a SIZE x SIZE grid starts a gradient-descent run of STEPS steps on
Himmelblau, all cells at once as arrays. Like gradscape, a run stops (keeps its last usable iterate) at
the step whose iterate is not finite, leaves |x|, |y| <= 1e6 or has a non-finite loss. At the end each
cell is classified by the known minimum it lies within 1e-3 of (-1: none, or diverged).

It computes less than gradscape's map does (no arrival step, no measured rate), so a ratio against it
is on the conservative side. The cells go through in chunks (CHUNK cells, 16384 by default) so the
arrays stay in cache, which makes numpy faster here than whole-grid arrays.

Usage: map_numpy.py [SIZE] [STEPS]; prints the seconds the map took and the cells per minimum.
"""
import sys
import time

import numpy as np

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 512
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
CHUNK = 16384
LR = 0.01
TOLERANCE = 1e-3
RADIUS = 1e6
MINIMA = np.array([[3.0, 2.0],
                   [-2.805118086952745, 3.131312518250573],
                   [-3.779310253377747, -3.283185991286170],
                   [3.584428340330492, -1.848126526964404]])


def gradient_and_loss(x, y):
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b, a * a + b * b


def run_chunk(x, y):
    """STEPS steps of GD from the starts (x, y); returns the last usable iterates and which diverged."""
    gx, gy, loss = gradient_and_loss(x, y)
    live = np.isfinite(loss) & (np.abs(x) <= RADIUS) & (np.abs(y) <= RADIUS)
    for _ in range(STEPS):
        nx = x - LR * gx
        ny = y - LR * gy
        ngx, ngy, loss = gradient_and_loss(nx, ny)
        live &= np.isfinite(loss) & (np.abs(nx) <= RADIUS) & (np.abs(ny) <= RADIUS)
        x = np.where(live, nx, x)
        y = np.where(live, ny, y)
        gx = np.where(live, ngx, gx)
        gy = np.where(live, ngy, gy)
    return x, y, ~live


def basin_map():
    centres = -5.0 + 10.0 * (np.arange(SIZE) + 0.5) / SIZE
    ys, xs = np.meshgrid(centres, centres, indexing="ij")
    xs, ys = xs.ravel(), ys.ravel()
    minimum = np.full(xs.size, -1, dtype=np.int64)
    for begin in range(0, xs.size, CHUNK):
        x, y, diverged = run_chunk(xs[begin:begin + CHUNK], ys[begin:begin + CHUNK])
        distances = np.hypot(x[:, None] - MINIMA[None, :, 0], y[:, None] - MINIMA[None, :, 1])
        nearest = np.argmin(distances, axis=1)
        within = (distances[np.arange(x.size), nearest] <= TOLERANCE) & ~diverged
        minimum[begin:begin + CHUNK] = np.where(within, nearest, -1)
    return minimum.reshape(SIZE, SIZE)


if __name__ == "__main__":
    start = time.perf_counter()
    cells = basin_map()
    seconds = time.perf_counter() - start
    counts = [int((cells == m).sum()) for m in range(-1, len(MINIMA))]
    print(f"seconds {seconds:.3f}")
    print("cells per minimum (none, 0, 1, 2, 3):", " ".join(str(c) for c in counts))
