#!/usr/bin/python3
"""Generate torch.optim golden trajectories for gradscape's optimizer tests.

Runs 15 torch.optim optimizers (SGD plain/momentum/Nesterov, Adagrad, RMSprop,
Adam, AdamW) for 200 steps on the Rosenbrock and rotated-quadratic landscapes,
all in float64, and writes the start point plus the point and loss after every
step (201 entries per case) as JSON. The C++ tests compare gradscape's
optimizers against this fixture.

Usage (from the repository root):
    /usr/bin/python3 tools/make_golden_trajectories.py --out tests/fixtures/torch_golden.json
Without --out the JSON goes to stdout.

Needs Debian's torch (apt-get install python3-torch) and the system interpreter
/usr/bin/python3; a pyenv/virtualenv python3 on PATH will not see it.
"""
import argparse
import json
import math
import sys

import torch

torch.set_default_dtype(torch.float64)
STEPS = 200


# Rosenbrock: (1 - x)^2 + 100 (y - x^2)^2, minimum at (1, 1).
def rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


# Rotated quadratic: u, v are (x, y) rotated by theta degrees; f = 0.5 (kappa u^2 + v^2).
def quadratic(kappa, theta):
    t = theta * math.pi / 180

    def f(p):
        x, y = p[0], p[1]
        u = math.cos(t) * x + math.sin(t) * y
        v = -math.sin(t) * x + math.cos(t) * y
        return 0.5 * (kappa * u**2 + v**2)

    return f


ROSENBROCK_START = (-1.2, 1.0)
QUADRATIC_START = (1.5, -1.0)
Q10_30 = {"kappa": 10, "theta": 30}
SGD, Adagrad, RMSprop, Adam, AdamW = (torch.optim.SGD, torch.optim.Adagrad, torch.optim.RMSprop,
                                      torch.optim.Adam, torch.optim.AdamW)

# (name, gradscape optimizer, landscape, landscape parameters, start, torch class, kwargs)
CASES = [
    # Plain gradient descent (SGD without momentum).
    ("gd_rosenbrock", "gd", "rosenbrock", {}, ROSENBROCK_START, SGD, dict(lr=1e-3)),
    ("gd_quadratic_wd", "gd", "quadratic", Q10_30, QUADRATIC_START, SGD, dict(lr=0.05, weight_decay=0.1)),
    # Heavy-ball momentum (SGD with momentum; dampening turns it into an EMA).
    ("momentum_rosenbrock", "momentum", "rosenbrock", {}, ROSENBROCK_START, SGD, dict(lr=1e-3, momentum=0.9)),
    ("momentum_ema_quadratic", "momentum", "quadratic", Q10_30, QUADRATIC_START, SGD,
     dict(lr=0.1, momentum=0.9, dampening=0.9)),
    ("momentum_quadratic_wd", "momentum", "quadratic", {"kappa": 10, "theta": 0}, QUADRATIC_START, SGD,
     dict(lr=0.02, momentum=0.8, weight_decay=0.05)),
    # Nesterov momentum.
    ("nesterov_rosenbrock", "nesterov", "rosenbrock", {}, ROSENBROCK_START, SGD,
     dict(lr=1e-3, momentum=0.9, nesterov=True)),
    ("nesterov_quadratic", "nesterov", "quadratic", {"kappa": 25, "theta": 45}, QUADRATIC_START, SGD,
     dict(lr=0.03, momentum=0.7, nesterov=True, weight_decay=0.01)),
    # Adagrad.
    ("adagrad_rosenbrock", "adagrad", "rosenbrock", {}, ROSENBROCK_START, Adagrad, dict(lr=0.1)),
    ("adagrad_quadratic_wd", "adagrad", "quadratic", Q10_30, QUADRATIC_START, Adagrad,
     dict(lr=0.5, weight_decay=0.1)),
    # RMSprop.
    ("rmsprop_rosenbrock", "rmsprop", "rosenbrock", {}, ROSENBROCK_START, RMSprop, dict(lr=0.01)),
    # lr small enough that 200 steps do not reach the minimum: there RMSProp chatters, and chattering is
    # chaotic (a 1e-17 rounding difference grows to 1e-3 in 20 steps), so no second implementation could
    # match torch to 1e-9 in that stretch, however exact its formula.
    ("rmsprop_quadratic", "rmsprop", "quadratic", Q10_30, QUADRATIC_START, RMSprop,
     dict(lr=0.005, alpha=0.9, eps=1e-6, weight_decay=0.1)),
    # Adam (L2 weight decay added to the gradient).
    ("adam_rosenbrock", "adam", "rosenbrock", {}, ROSENBROCK_START, Adam, dict(lr=0.05)),
    ("adam_quadratic_wd", "adam", "quadratic", Q10_30, QUADRATIC_START, Adam,
     dict(lr=0.1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    # AdamW (decoupled weight decay; torch's default weight_decay is 0.01).
    ("adamw_rosenbrock", "adamw", "rosenbrock", {}, ROSENBROCK_START, AdamW, dict(lr=0.05)),
    ("adamw_quadratic", "adamw", "quadratic", Q10_30, QUADRATIC_START, AdamW,
     dict(lr=0.1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.2)),
]

# gradscape's defaults, used for keys an optimizer does not have.
GRADSCAPE_DEFAULTS = {"momentum": 0, "dampening": 0, "alpha": 0.99, "beta1": 0.9, "beta2": 0.999,
                      "eps": 1e-8, "weight_decay": 0}


def hyperparameters(group):
    """All gradscape hyperparameter keys, with the values torch actually used."""
    hp = {"lr": group["lr"]}
    for key, default in GRADSCAPE_DEFAULTS.items():
        hp[key] = group.get(key, default)
    if "betas" in group:
        hp["beta1"], hp["beta2"] = group["betas"]
    return hp


def run_case(name, optimizer, landscape, params, start, cls, kwargs):
    f = rosenbrock if landscape == "rosenbrock" else quadratic(**params)
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = cls([p], foreach=False, **kwargs)
    xs, ys, losses = [], [], []

    def record():
        with torch.no_grad():
            xs.append(p[0].item())
            ys.append(p[1].item())
            losses.append(f(p).item())

    record()
    for _ in range(STEPS):
        opt.zero_grad()
        loss = f(p)
        loss.backward()
        opt.step()
        record()
    call = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    return {"name": name, "optimizer": optimizer, "torch": f"{cls.__name__}({call})",
            "landscape": landscape, "landscape_parameters": params, "start": list(start),
            "hyperparameters": hyperparameters(opt.param_groups[0]), "x": xs, "y": ys, "loss": losses}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="output path (default: stdout)")
    args = parser.parse_args()
    doc = {"generator": "tools/make_golden_trajectories.py", "torch_version": torch.__version__,
           "steps": STEPS, "cases": [run_case(*case) for case in CASES]}
    text = json.dumps(doc, indent=1) + "\n"
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
