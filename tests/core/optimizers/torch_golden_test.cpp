// gradscape against torch.optim, step for step in double precision. The fixture comes from
// tools/make_golden_trajectories.py (Debian's python3-torch); this test needs neither Python nor torch.

#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>

using namespace gradscape;
using nlohmann::json;

namespace {

json loadFixture() {
    std::ifstream in(std::string(GRADSCAPE_FIXTURES) + "/torch_golden.json");
    REQUIRE_MESSAGE(in.good(), "missing tests/fixtures/torch_golden.json");
    return json::parse(in);
}

Hyperparameters fromTorch(const std::string& kind, const json& h) {
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

// The error relative to the value, or to the trajectory's own scale where the value approaches zero
// (a converged coordinate of 1e-9 cannot be matched to 1e-9 of itself by any double computation).
double relativeError(double ours, double theirs, double scale) {
    return std::abs(ours - theirs) / std::max({std::abs(theirs), scale, 1e-300});
}

}  // namespace

TEST_CASE("every torch.optim golden trajectory is matched to 1e-9 relative over 200 steps") {
    const json fixture = loadFixture();
    REQUIRE(fixture["cases"].size() == 15);
    std::set<std::string> kindsCovered;
    for (const json& c : fixture["cases"]) {
        const std::string name = c["name"], kind = c["optimizer"];
        CAPTURE(name);
        CAPTURE(c["torch"].get<std::string>());
        kindsCovered.insert(kind);
        std::map<std::string, double> parameters;
        for (auto& [key, value] : c["landscape_parameters"].items())
            parameters[key] = value.get<double>();
        auto landscape = makeLandscape(c["landscape"], parameters);
        auto optimizer = makeOptimizer(kind, fromTorch(kind, c["hyperparameters"]));
        Trajectory t = startTrajectory(*landscape, Vec2(c["start"][0], c["start"][1]));
        advanceTrajectory(t, *optimizer, *landscape, fixture["steps"]);
        REQUIRE(t.steps() == 200);
        const std::vector<double> xs = c["x"], ys = c["y"], losses = c["loss"];
        const double pointScale = std::max(std::abs(xs[0]), std::abs(ys[0]));
        double worst = 0;
        int worstStep = 0;
        for (int k = 0; k <= 200; ++k) {
            const double e = std::max({relativeError(t.points[k].x(), xs[k], pointScale),
                                       relativeError(t.points[k].y(), ys[k], pointScale),
                                       relativeError(t.losses[k], losses[k], losses[0])});
            if (e > worst) worst = e, worstStep = k;
        }
        CAPTURE(worstStep);
        CHECK(worst <= 1e-9);
    }
    CHECK(kindsCovered ==
          std::set<std::string>{"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"});
}
