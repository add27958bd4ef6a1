// The solver racing on a network problem: every racer trains from the problem's initial weights as the
// N-dimensional run would alone, the snapshot's landscape is the loss on the plane made from the paths, and
// each path is projected onto it with what the plane hides.

#include "networks/problem_spec.h"
#include "optimizers/parameter_optimizer.h"
#include "race/solver.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

namespace {

std::shared_ptr<const NetworkProblem> solverNetworkProblem() {
    ProblemSpec spec;
    spec.layers = {2, 8, 1};
    spec.activation = Activation::Tanh;
    spec.loss = Loss::Bce;
    spec.seed = 2;
    spec.data = {DatasetKind::Moons, 32, 0.1, 4, 2};
    return makeProblem(spec);
}

OptimizerSettings solverNetworkRacer(int id, const std::string& kind, double lr) {
    OptimizerSettings settings;
    settings.id = id;
    settings.kind = kind;
    settings.hyperparameters.learningRate = lr;
    return settings;
}

}  // namespace

TEST_CASE("a network race: each path is the parameter run, projected onto the plane the snapshot draws") {
    auto problem = solverNetworkProblem();
    const std::vector<OptimizerSettings> racers = {solverNetworkRacer(1, "gd", 0.5),
                                                   solverNetworkRacer(2, "adam", 0.02)};
    Solver solver(problem, {PlaneKind::Points, 1}, racers);
    auto snapshot = solver.waitFor(solver.post(command::Step{40}));
    REQUIRE(snapshot->problem == problem);
    REQUIRE(snapshot->paths.size() == 2);
    const LossPlane* plane = lossPlaneOf(*snapshot->landscape);
    REQUIRE(plane != nullptr);
    CHECK(plane->settings.kind == PlaneKind::Points);
    for (std::size_t i = 0; i < racers.size(); ++i) {
        const PathSnapshot& path = snapshot->paths[i];
        CHECK(path.steps == 40);
        REQUIRE(path.trajectory->steps() == 40);
        // The same losses the parameter run alone gives.
        auto optimizer = makeParameterOptimizer(racers[i].kind, racers[i].hyperparameters);
        ParameterPath alone = startParameterPath(*problem, problem->initialParameters());
        advanceParameterPath(alone, *optimizer, *problem, 40);
        for (int k = 0; k <= 40; ++k)
            CHECK(path.trajectory->losses[static_cast<std::size_t>(k)] == alone.losses[static_cast<std::size_t>(k)]);
        // The projection of its end: (1, 0) for the first racer, (0, 1) for the second on this plane.
        const Vec2 end = path.trajectory->points[40];
        CHECK((end - (i == 0 ? Vec2(1, 0) : Vec2(0, 1))).norm() < 1e-9);
        REQUIRE(path.projection != nullptr);
        CHECK(path.projection->points.size() == 41);
        CHECK(path.projection->distance.back() < 1e-9);
        CHECK(snapshot->landscape->displayBox().contains(end));
    }
    // The plane's loss at a path's end is the true loss there (the end lies on the plane).
    CHECK(snapshot->landscape->valueAt(snapshot->paths[0].trajectory->points[40]) ==
          doctest::Approx(snapshot->paths[0].trajectory->losses[40]).epsilon(1e-12));
}

TEST_CASE("a network race: the plane follows the settings, and moving a start is refused") {
    auto problem = solverNetworkProblem();
    Solver solver(problem, {PlaneKind::Random, 1}, {solverNetworkRacer(1, "gd", 0.5)});
    auto first = solver.waitFor(solver.post(command::Step{20}));
    const LossPlane* before = lossPlaneOf(*first->landscape);
    REQUIRE(before != nullptr);
    CHECK(before->settings.kind == PlaneKind::Random);

    Hyperparameters faster;
    faster.learningRate = 1.0;
    auto second = solver.waitFor(solver.post(command::SetHyperparameters{1, faster}));
    const LossPlane* after = lossPlaneOf(*second->landscape);
    REQUIRE(after != nullptr);
    CHECK(after->origin != before->origin);  // through the new final weights
    CHECK(second->paths[0].trajectory->points[20].norm() < 1e-9);

    auto pca = solver.waitFor(solver.post(command::SetPlane{{PlaneKind::Principal, 1}}));
    REQUIRE(lossPlaneOf(*pca->landscape) != nullptr);
    CHECK(lossPlaneOf(*pca->landscape)->settings.kind == PlaneKind::Principal);

    auto moved = solver.waitFor(solver.post(command::SetStart{1, Vec2(1, 1)}));
    CHECK(moved->error.find("initial weights") != std::string::npos);
    CHECK(moved->paths[0].steps == 20);

    // A plane that cannot be made from these paths falls back to the random one, and says why.
    auto points = solver.waitFor(solver.post(command::SetPlane{{PlaneKind::Points, 1}}));
    CHECK(points->error.find("at least two racers") != std::string::npos);
    REQUIRE(lossPlaneOf(*points->landscape) != nullptr);
    CHECK(lossPlaneOf(*points->landscape)->settings.kind == PlaneKind::Random);

    // Back to a 2D landscape: the paths start again from the racers' own starts.
    auto flat = solver.waitFor(solver.post(command::SetLandscape{makeLandscape("rosenbrock")}));
    CHECK(flat->problem == nullptr);
    CHECK(lossPlaneOf(*flat->landscape) == nullptr);
    CHECK(flat->paths[0].projection == nullptr);
    REQUIRE(!flat->paths[0].trajectory->points.empty());
    CHECK(flat->paths[0].trajectory->points[0] == flat->paths[0].settings.start);
    CHECK(flat->paths[0].steps == flat->paths[0].trajectory->steps());
}
