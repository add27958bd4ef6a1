#pragma once
// The 2D torch.optim golden fixture (tests/fixtures/torch_golden.json, from
// tools/make_golden_trajectories.py) as the tests read it: the file, a case's hyperparameters, and the
// error measure. Shared by torch_golden_test (the 2D racers) and parameter_optimizer_test (the same runs
// on parameter vectors).

#include "optimizers/optimizer.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

namespace gradscape::testing {

inline nlohmann::json loadTorchGolden() {
    std::ifstream in(std::string(GRADSCAPE_FIXTURES) + "/torch_golden.json");
    REQUIRE_MESSAGE(in.good(), "missing tests/fixtures/torch_golden.json");
    return nlohmann::json::parse(in);
}

/// A case's torch hyperparameters over the kind's defaults.
inline Hyperparameters torchGoldenHyperparameters(const std::string& kind, const nlohmann::json& h) {
    Hyperparameters result = optimizerInfo(kind).defaults;
    result.learningRate = h["lr"];
    result.momentum = h["momentum"];
    result.dampening = h["dampening"];
    result.alpha = h["alpha"];
    result.beta1 = h["beta1"];
    result.beta2 = h["beta2"];
    result.epsilon = h["eps"];
    result.weightDecay = h["weight_decay"];
    return result;
}

/// The error relative to the value, or to the trajectory's own scale where the value approaches zero
/// (a converged coordinate of 1e-9 cannot be matched to 1e-9 of itself by any double computation).
inline double torchGoldenError(double ours, double theirs, double scale) {
    return std::abs(ours - theirs) / std::max({std::abs(theirs), scale, 1e-300});
}

}  // namespace gradscape::testing
