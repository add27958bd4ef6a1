// gradscape against torch.optim, step for step in double precision. The fixture comes from
// tools/make_golden_trajectories.py (Debian's python3-torch); this test needs neither Python nor torch.

#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include "support/torch_golden.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>

using namespace gradscape;
using gradscape::testing::loadTorchGolden;
using gradscape::testing::torchGoldenError;
using gradscape::testing::torchGoldenHyperparameters;
using nlohmann::json;

TEST_CASE("every torch.optim golden trajectory is matched to 1e-9 relative over 200 steps") {
    const json fixture = loadTorchGolden();
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
        auto optimizer = makeOptimizer(kind, torchGoldenHyperparameters(kind, c["hyperparameters"]));
        Trajectory t = startTrajectory(*landscape, Vec2(c["start"][0], c["start"][1]));
        advanceTrajectory(t, *optimizer, *landscape, fixture["steps"]);
        REQUIRE(t.steps() == 200);
        const std::vector<double> xs = c["x"], ys = c["y"], losses = c["loss"];
        const double pointScale = std::max(std::abs(xs[0]), std::abs(ys[0]));
        double worst = 0;
        int worstStep = 0;
        for (int k = 0; k <= 200; ++k) {
            const double e = std::max({torchGoldenError(t.points[k].x(), xs[k], pointScale),
                                       torchGoldenError(t.points[k].y(), ys[k], pointScale),
                                       torchGoldenError(t.losses[k], losses[k], losses[0])});
            if (e > worst) worst = e, worstStep = k;
        }
        CAPTURE(worstStep);
        CHECK(worst <= 1e-9);
    }
    CHECK(kindsCovered ==
          std::set<std::string>{"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"});
}
