#!/usr/bin/python3
"""The reference figure for `gradscape render`'s speed: the same 1280x800 picture drawn the usual way.

Rosenbrock (a=1, b=100) as filled contours on a log colour scale with isolines, and three 500-step paths
from (-1.2, 1): gradient descent (lr 0.001), heavy-ball momentum (lr 0.001, mu 0.9) and Adam (lr 0.05),
with a legend and the minimum marked. The paths are computed here with numpy, as a matplotlib script
would; the grid is 512x512 (gradscape samples the plot's ~1200x760 pixels).

Usage: tools/matplotlib_figure.py OUT.png
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def f(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def run(step, steps=500):
    p = np.array([-1.2, 1.0])
    state = {}
    path = [p.copy()]
    for t in range(1, steps + 1):
        p = step(p, grad(p), t, state)
        path.append(p.copy())
    return np.array(path)


def gd(p, g, t, s):
    return p - 0.001 * g


def momentum(p, g, t, s):
    s["v"] = g if t == 1 else 0.9 * s["v"] + g
    return p - 0.001 * s["v"]


def adam(p, g, t, s, lr=0.05, b1=0.9, b2=0.999, eps=1e-8):
    s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
    s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
    m_hat = s["m"] / (1 - b1**t)
    v_hat = s["v"] / (1 - b2**t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps)


def main(out):
    xs = np.linspace(-3.2, 3.2, 512)
    ys = np.linspace(-1, 3, 512)
    X, Y = np.meshgrid(xs, ys)
    Z = f(X, Y)
    fig, ax = plt.subplots(figsize=(12.8, 8.0), dpi=100)
    levels = np.geomspace(Z.min() + 1e-3, Z.max(), 29)
    ax.contourf(X, Y, Z, levels=levels, norm=matplotlib.colors.LogNorm(), cmap="viridis")
    ax.contour(X, Y, Z, levels=levels, colors="k", linewidths=0.5, alpha=0.6)
    for name, step, colour in [("Gradient descent (lr 0.001)", gd, "#E69F00"),
                               ("Momentum (lr 0.001)", momentum, "#56B4E9"),
                               ("Adam (lr 0.05)", adam, "#CC79A7")]:
        path = run(step)
        ax.plot(path[:, 0], path[:, 1], "-o", color=colour, markersize=2, linewidth=2,
                label=f"{name}  loss {f(*path[-1]):.4e}")
    ax.plot([1], [1], "wx", markersize=10, mew=2)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_aspect("equal")
    ax.legend(loc="upper right")
    ax.set_title("rosenbrock: (a - x)^2 + b (y - x^2)^2")
    fig.savefig(out)


if __name__ == "__main__":
    main(sys.argv[1])
