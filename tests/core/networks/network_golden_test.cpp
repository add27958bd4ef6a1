// Torch parity on networks (issue 15): problems exported by `gradscape run --export-problem`, trained in
// torch.optim (float64, full batch, tools/make_network_golden.py) with SGD, weight decay, momentum,
// Nesterov, Adam and AdamW, give the same loss at every one of 100 steps, to 1e-9 relative; so do SGD,
// momentum and Adam on minibatches dealt in the portable order of networks/batch_order.h.

#include "networks/problem_spec.h"
#include "optimizers/optimizer_spec.h"
#include "optimizers/parameter_optimizer.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

using namespace gradscape;

TEST_CASE("networks trained here lose what torch.optim's do, step for step, to 1e-9 relative") {
    std::ifstream in(std::string(GRADSCAPE_FIXTURES) + "/torch_network_golden.json");
    REQUIRE(in.good());
    const nlohmann::json golden = nlohmann::json::parse(in);
    const int steps = golden["steps"].get<int>();
    CHECK(steps == 100);
    std::set<std::string> kinds;
    int runs = 0;
    for (const nlohmann::json& entry : golden["problems"]) {
        const std::string file = entry["file"].get<std::string>();
        const auto problem = loadProblemFile(std::string(GRADSCAPE_FIXTURES) + "/networks/" + file);
        for (const nlohmann::json& run : entry["runs"]) {
            const std::string spec = run["optimizer"].get<std::string>();
            CAPTURE(file);
            CAPTURE(spec);
            const OptimizerSettings racer = parseOptimizerSpec(spec, Vec2::Zero());
            kinds.insert(racer.kind);
            auto optimizer = makeParameterOptimizer(racer.kind, racer.hyperparameters);
            ParameterPath path = startParameterPath(*problem, problem->initialParameters());
            advanceParameterPath(path, *optimizer, *problem, steps);
            const auto& losses = run["losses"];
            REQUIRE(path.steps() == steps);
            REQUIRE(losses.size() == size_t(steps) + 1);
            double worst = 0;
            for (int k = 0; k <= steps; ++k) {
                const double theirs = losses[size_t(k)].get<double>();
                worst = std::max(worst, std::abs(path.losses[size_t(k)] - theirs) / std::abs(theirs));
            }
            CHECK(worst <= 1e-9);
            // The runs learn: the loss falls by at least 2% (XOR's plain GD, the slowest, by 3%).
            CHECK(path.losses[size_t(steps)] < 0.98 * path.losses[0]);
            ++runs;
        }
    }
    CHECK(runs == 24);
    CHECK(kinds == std::set<std::string>{"gd", "momentum", "nesterov", "adam", "adamw"});
}

TEST_CASE("on the same portable minibatches, networks lose what torch.optim's do, step for step, to 1e-9") {
    std::ifstream in(std::string(GRADSCAPE_FIXTURES) + "/torch_network_golden.json");
    REQUIRE(in.good());
    const nlohmann::json golden = nlohmann::json::parse(in);
    const int steps = golden["steps"].get<int>();
    std::set<std::string> kinds;
    int runs = 0;
    for (const nlohmann::json& entry : golden["problems"]) {
        const std::string file = entry["file"].get<std::string>();
        const auto problem = loadProblemFile(std::string(GRADSCAPE_FIXTURES) + "/networks/" + file);
        for (const nlohmann::json& run : entry["minibatch_runs"]) {
            const std::string spec = run["optimizer"].get<std::string>();
            CAPTURE(file);
            CAPTURE(spec);
            const OptimizerSettings racer = parseOptimizerSpec(spec, Vec2::Zero());
            kinds.insert(racer.kind);
            const BatchSchedule batches{.batchSize = run["batch_size"].get<int>(),
                                        .seed = run["seed"].get<std::uint64_t>()};
            auto optimizer = makeParameterOptimizer(racer.kind, racer.hyperparameters);
            ParameterPath path = startParameterPath(*problem, problem->initialParameters());
            advanceParameterPath(path, *optimizer, *problem, steps, batches);
            const auto& losses = run["losses"];
            REQUIRE(path.steps() == steps);
            REQUIRE(losses.size() == size_t(steps) + 1);
            double worst = 0;
            for (int k = 0; k <= steps; ++k) {
                const double theirs = losses[size_t(k)].get<double>();
                worst = std::max(worst, std::abs(path.losses[size_t(k)] - theirs) / std::abs(theirs));
            }
            CHECK(worst <= 1e-9);
            ++runs;
        }
    }
    CHECK(runs == 12);
    CHECK(kinds == std::set<std::string>{"sgd", "momentum", "adam"});
}
