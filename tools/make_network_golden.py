#!/usr/bin/python3
"""Generate torch.optim golden losses for gradscape's network problems (issue 15).

Reads problems written by `gradscape run --problem mlp ... --export-problem FILE.json` (the format:
{"layers", "activation", "loss", "inputs", "targets", "weights": [{"W": out x in, "b"}, ...]}), builds the
same network in torch (float64; W x + b per layer, the activation between layers and none after the
last; MSE the mean of squared errors, BCE the mean of binary cross-entropy with logits), trains it full
batch with SGD, momentum, Nesterov, Adam and AdamW, and writes the loss before every step and after the
last (STEPS + 1 values per run). The C++ test runs gradscape on the same files and compares.

It also trains on minibatches ("minibatch_runs"): step k on batch k of the portable order gradscape deals
(core/networks/batch_order.h: each epoch a Fisher-Yates shuffle drawn from splitmix64, cut into batches of
BATCH_SIZE, the last one smaller), the batch's mean loss backpropagated, the full batch's loss recorded.

Usage (from the repository root):
    /usr/bin/python3 tools/make_network_golden.py tests/fixtures/networks/*.json \
        --out tests/fixtures/torch_network_golden.json

Needs Debian's torch (apt-get install python3-torch) and the system interpreter /usr/bin/python3.
"""
import argparse
import json
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
STEPS = 100

# (gradscape optimizer spec, torch class, kwargs): torch's defaults otherwise, foreach off.
RUNS = [
    ("gd:lr=0.1", torch.optim.SGD, dict(lr=0.1)),
    ("gd:lr=0.1,weight-decay=0.01", torch.optim.SGD, dict(lr=0.1, weight_decay=0.01)),
    ("momentum:lr=0.05,momentum=0.9", torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    ("nesterov:lr=0.05,momentum=0.9", torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True)),
    ("adam:lr=0.01", torch.optim.Adam, dict(lr=0.01)),
    ("adamw:lr=0.01,weight-decay=0.1", torch.optim.AdamW, dict(lr=0.01, weight_decay=0.1)),
]

# (gradscape optimizer spec, torch class, kwargs) trained on minibatches of BATCH_SIZE dealt from BATCH_SEED.
MINIBATCH_RUNS = [
    ("sgd:lr=0.1", torch.optim.SGD, dict(lr=0.1)),
    ("momentum:lr=0.05,momentum=0.9", torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    ("adam:lr=0.01", torch.optim.Adam, dict(lr=0.01)),
]
BATCH_SIZE = 12
BATCH_SEED = 3

ACTIVATIONS = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "gelu": torch.nn.GELU}


def build(problem):
    layers = []
    weights = problem["weights"]
    for k, w in enumerate(weights):
        W = torch.tensor(w["W"], dtype=torch.float64)
        b = torch.tensor(w["b"], dtype=torch.float64)
        linear = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            linear.weight.copy_(W)
            linear.bias.copy_(b)
        layers.append(linear)
        if k + 1 < len(weights):
            layers.append(ACTIVATIONS[problem["activation"]]())
    return torch.nn.Sequential(*layers)


class PortableRandom:
    """core/networks/portable_random.h's splitmix64."""

    def __init__(self, seed):
        self.state = seed % 2**64

    def next_bits(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) % 2**64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
        return z ^ (z >> 31)


def batches(n, batch_size, seed):
    """core/networks/batch_order.h's minibatches, step after step: every epoch a fresh shuffle of 0..n-1."""
    random = PortableRandom(seed)
    while True:
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = random.next_bits() % (i + 1)
            order[i], order[j] = order[j], order[i]
        for first in range(0, n, batch_size):
            yield order[first:first + batch_size]


def train(problem, optimizer_class, kwargs, batch_size=0, seed=0):
    model = build(problem)
    inputs = torch.tensor(problem["inputs"], dtype=torch.float64)
    targets = torch.tensor(problem["targets"], dtype=torch.float64).reshape(-1, 1)
    loss_function = torch.nn.MSELoss() if problem["loss"] == "mse" else torch.nn.BCEWithLogitsLoss()
    optimizer = optimizer_class(model.parameters(), foreach=False, **kwargs)
    losses = []
    dealt = batches(len(problem["targets"]), batch_size, seed) if batch_size else None
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = loss_function(model(inputs), targets)
        losses.append(loss.item())
        if dealt:
            batch = torch.tensor(next(dealt))
            loss = loss_function(model(inputs[batch]), targets[batch])
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        losses.append(loss_function(model(inputs), targets).item())
    return losses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("problems", nargs="+", help="problem files written by --export-problem")
    parser.add_argument("--out", help="write the JSON here instead of standard output")
    args = parser.parse_args()
    document = {"torch": torch.__version__, "steps": STEPS, "problems": []}
    for path in args.problems:
        with open(path) as f:
            problem = json.load(f)
        runs = [{"optimizer": spec, "losses": train(problem, cls, kwargs)} for spec, cls, kwargs in RUNS]
        minibatch_runs = [{"optimizer": spec, "batch_size": BATCH_SIZE, "seed": BATCH_SEED,
                           "losses": train(problem, cls, kwargs, BATCH_SIZE, BATCH_SEED)}
                          for spec, cls, kwargs in MINIBATCH_RUNS]
        document["problems"].append({"file": os.path.basename(path), "runs": runs,
                                     "minibatch_runs": minibatch_runs})
    text = json.dumps(document, indent=1) + "\n"
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
