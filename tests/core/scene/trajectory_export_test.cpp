// The paths as data: a 2D race's CSV and JSON exactly as before; a network race's runs carry what the plane
// hides (true steps of the kept iterates, the true loss beside the plane's, the distance from the plane) and
// name the plane; a snapshot's projection that lags its path is refused rather than cut short.

#include "landscapes/landscape.h"
#include "networks/problem_spec.h"
#include "race/solver.h"
#include "scene/trajectory_export.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace gradscape;

namespace {

OptimizerSettings exportRacer(int id, const std::string& kind, double lr) {
    OptimizerSettings settings;
    settings.id = id;
    settings.kind = kind;
    settings.hyperparameters = optimizerInfo(kind).defaults;
    settings.hyperparameters.learningRate = lr;
    return settings;
}

std::vector<std::string> exportLines(const std::string& text) {
    std::vector<std::string> lines;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::shared_ptr<const NetworkProblem> exportNetwork(std::vector<int> layers, int samples) {
    ProblemSpec spec;
    spec.layers = std::move(layers);
    spec.seed = 5;
    spec.data = {DatasetKind::Moons, samples, 0.1, 4, 5};
    return makeProblem(spec);
}

}  // namespace

TEST_CASE("a 2D race exports as it always has, byte for byte") {
    Trajectory t;
    t.points.push_back(Vec2(1, 2));
    t.points.push_back(Vec2(0.5, -0.25));
    t.losses.push_back(3);
    t.losses.push_back(0.1);
    const OptimizerSettings racer = exportRacer(4, "gd", 0.1);
    std::ostringstream csv, json;
    writeCsv(csv, {{racer, &t}});
    CHECK(csv.str() ==
          "optimizer,id,label,step,x,y,loss\n"
          "gd,4,Gradient descent,0,1,2,3\n"
          "gd,4,Gradient descent,1,0.5,-0.25,0.10000000000000001\n");
    writeJson(json, "quadratic", {{racer, &t}});
    const nlohmann::json document = nlohmann::json::parse(json.str());
    CHECK(document["landscape"] == "quadratic");
    const nlohmann::json& entry = document["optimizers"][0];
    CHECK(entry["step"] == nlohmann::json::array({0, 1}));
    CHECK(entry["x"] == nlohmann::json::array({1.0, 0.5}));
    CHECK_FALSE(entry.contains("plane"));
    CHECK_FALSE(entry.contains("planeLoss"));
}

TEST_CASE("a network run exports each kept iterate's true step, both losses, its distance and the plane") {
    ProjectedPath p;
    p.points = {Vec2(-1, -2), Vec2(0.5, 0.25)};
    p.steps = {0, 8};
    p.trueLoss = {0.75, 0.5};
    p.planeLoss = {0.8, std::numeric_limits<double>::quiet_NaN()};
    p.distance = {0.125, 0};
    p.explained = 0.9, p.maxDistance = 0.125, p.maxLossGap = 0.05;
    Trajectory t;
    for (std::size_t j = 0; j < p.points.size(); ++j)
        t.points.push_back(p.points[j]), t.losses.push_back(p.trueLoss[j]);
    LossPlane plane;
    plane.settings = {PlaneKind::Points, 9};
    plane.description = "through the start, a's end (1, 0) and b's end (0, 1)";
    plane.firstLabel = "toward Gradient descent (lr 0.5)'s end";
    plane.secondLabel = "toward Adam, fast's end";
    const OptimizerSettings racer = exportRacer(2, "adam", 0.01);
    std::ostringstream csv;
    writeCsv(csv, {{racer, &t, &p, &plane}});
    const auto rows = exportLines(csv.str());
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == "optimizer,id,label,step,x,y,loss,plane_loss,distance,plane,plane_seed,plane_a,plane_b");
    // The plane's seed only for a random plane; an axis name with a comma quoted.
    CHECK(rows[1] == "adam,2,Adam,0,-1,-2,0.75,0.80000000000000004,0.125,points,,"
                     "toward Gradient descent (lr 0.5)'s end,\"toward Adam, fast's end\"");
    // Step 8: the second kept iterate; the plane's loss was not computed under it.
    CHECK(rows[2] == "adam,2,Adam,8,0.5,0.25,0.5,,0,points,,"
                     "toward Gradient descent (lr 0.5)'s end,\"toward Adam, fast's end\"");

    plane.settings = {PlaneKind::Random, 9};
    std::ostringstream json;
    writeJson(json, "mlp 2-4-1 tanh on moons, bce", {{racer, &t, &p, &plane}});
    const nlohmann::json document = nlohmann::json::parse(json.str());
    CHECK(document["landscape"] == "mlp 2-4-1 tanh on moons, bce");
    const nlohmann::json& entry = document["optimizers"][0];
    CHECK(entry["step"] == nlohmann::json::array({0, 8}));
    CHECK(entry["start"] == nlohmann::json::array({-1.0, -2.0}));
    CHECK(entry["loss"] == nlohmann::json::array({0.75, 0.5}));
    CHECK(entry["planeLoss"] == nlohmann::json::array({0.8, nullptr}));
    CHECK(entry["distance"] == nlohmann::json::array({0.125, 0.0}));
    CHECK(entry["explained"] == 0.9);
    CHECK(entry["maxLossGap"] == 0.05);
    CHECK(entry["plane"]["kind"] == "random");
    CHECK(entry["plane"]["seed"] == 9);
    CHECK(entry["plane"]["a"] == plane.firstLabel);
    CHECK(entry["plane"]["b"] == plane.secondLabel);

    // A projection that does not hold the trajectory's points is refused, not written short.
    t.points.push_back(Vec2(0, 0)), t.losses.push_back(0.4);
    std::ostringstream refused;
    CHECK_THROWS_AS(writeCsv(refused, {{racer, &t, &p, &plane}}), std::invalid_argument);
    CHECK_THROWS_AS(writeJson(refused, "x", {{racer, &t, &p, &plane}}), std::invalid_argument);
}

TEST_CASE("a snapshot's network runs are exported from their projections; a projection that lags is refused") {
    const auto problem = exportNetwork({2, 4, 1}, 32);
    const std::vector<OptimizerSettings> racers = {exportRacer(1, "gd", 0.5), exportRacer(2, "adam", 0.05)};
    Solver solver(problem, {PlaneKind::Principal, 1}, racers);
    const auto snapshot = solver.waitFor(solver.post(command::Step{30}));
    const std::vector<ExportedRun> runs = exportedRuns(*snapshot);
    REQUIRE(runs.size() == 2);
    const LossPlane* plane = lossPlaneOf(*snapshot->landscape);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        CHECK(runs[i].plane == plane);
        CHECK(runs[i].projection == snapshot->paths[i].projection.get());
    }
    std::ostringstream csv;
    writeCsv(csv, runs);
    const auto rows = exportLines(csv.str());
    REQUIRE(rows.size() == 1 + 2 * 31);
    CHECK(rows[31].rfind("gd,1,Gradient descent,30,", 0) == 0);
    CHECK(rows[31].find(",pca,,PC1: ") != std::string::npos);
    // A path grown past its projection (as while the race plays) is named, not exported short.
    Snapshot lagging = *snapshot;
    auto longer = std::make_shared<Trajectory>(*snapshot->paths[1].trajectory);
    longer->points.push_back(Vec2(0, 0)), longer->losses.push_back(0.1);
    lagging.paths[1].trajectory = longer;
    CHECK_THROWS_WITH_AS(exportedRuns(lagging), doctest::Contains("adam (racer 2) has grown past its projection"),
                         std::invalid_argument);
    lagging.paths[1].projection = nullptr;
    CHECK_THROWS_AS(exportedRuns(lagging), std::invalid_argument);
    // A 2D race's snapshot: no plane, no projection.
    Solver flat(makeLandscape("quadratic"), racers);
    const auto flatRuns = exportedRuns(*flat.waitFor(flat.post(command::Step{3})));
    REQUIRE(flatRuns.size() == 2);
    CHECK(flatRuns[0].projection == nullptr);
    CHECK(flatRuns[0].plane == nullptr);
}

TEST_CASE("a long network run's export gives the true step of each kept iterate, not its index") {
    // 4417 parameters: ParameterPath keeps at most kMaxKeptParameterValues of them, about 950 iterates.
    const auto problem = exportNetwork({2, 64, 64, 1}, 16);
    Solver solver(problem, {PlaneKind::Random, 3}, {exportRacer(1, "gd", 0.1)});
    const auto snapshot = solver.waitFor(solver.post(command::Step{2500}));
    const std::vector<ExportedRun> runs = exportedRuns(*snapshot);
    REQUIRE(runs.size() == 1);
    const ProjectedPath& p = *runs[0].projection;
    REQUIRE(p.steps.size() > 2);
    const long stride = p.steps[1];
    CHECK(stride > 1);
    std::ostringstream csv;
    writeCsv(csv, runs);
    const auto rows = exportLines(csv.str());
    REQUIRE(rows.size() == 1 + p.points.size());
    for (std::size_t j = 0; j < p.points.size(); ++j) {
        CAPTURE(j);
        const std::string step = std::to_string(static_cast<long>(j) * stride);
        REQUIRE(rows[1 + j].rfind("gd,1,Gradient descent," + step + ",", 0) == 0);
    }
    // The plane's loss is computed under at most 256 of them: the rows between have it empty, never "nan".
    CHECK(csv.str().find("nan") == std::string::npos);
    CHECK(csv.str().find(",,") != std::string::npos);
    CHECK(rows[1].find(",random,3,random direction 1,random direction 2") != std::string::npos);
}
