#!/usr/bin/python3
"""Time full-batch training of an exported gradscape network problem in torch.optim (float64, one thread
per core as torch chooses), as the peer of `gradscape bench`'s network keys.

Usage: /usr/bin/python3 tools/network_torch_speed.py PROBLEM.json [--steps N] [--optimizer sgd|adam]
Prints one line: steps per second (the median of 5 timed repetitions after one warm-up).
"""
import argparse
import json
import statistics
import time

import torch

torch.set_default_dtype(torch.float64)
ACTIVATIONS = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "gelu": torch.nn.GELU}


def build(problem):
    layers = []
    for k, w in enumerate(problem["weights"]):
        W, b = torch.tensor(w["W"], dtype=torch.float64), torch.tensor(w["b"], dtype=torch.float64)
        linear = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            linear.weight.copy_(W)
            linear.bias.copy_(b)
        layers.append(linear)
        if k + 1 < len(problem["weights"]):
            layers.append(ACTIVATIONS[problem["activation"]]())
    return torch.nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("problem")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--optimizer", default="sgd", choices=["sgd", "adam"])
    args = parser.parse_args()
    with open(args.problem) as f:
        problem = json.load(f)
    inputs = torch.tensor(problem["inputs"], dtype=torch.float64)
    targets = torch.tensor(problem["targets"], dtype=torch.float64).reshape(-1, 1)
    loss_function = torch.nn.MSELoss() if problem["loss"] == "mse" else torch.nn.BCEWithLogitsLoss()

    def run(steps):
        model = build(problem)
        optimizer = (torch.optim.SGD(model.parameters(), lr=0.1) if args.optimizer == "sgd"
                     else torch.optim.Adam(model.parameters(), lr=0.01))
        start = time.perf_counter()
        for _ in range(steps):
            optimizer.zero_grad()
            loss = loss_function(model(inputs), targets)
            loss.backward()
            optimizer.step()
        return time.perf_counter() - start

    run(min(100, args.steps))
    seconds = statistics.median(run(args.steps) for _ in range(5))
    print(f"{args.steps / seconds:.1f} steps/s (torch {torch.__version__}, {args.optimizer}, "
          f"{torch.get_num_threads()} threads, median of 5)")


if __name__ == "__main__":
    main()
