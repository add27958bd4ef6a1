// The solver racing on a network problem: every racer trains from the problem's initial weights as the
// N-dimensional run would alone, the snapshot's landscape is the loss on the plane made from the paths, and
// each path is projected onto it with what the plane hides.

#include "networks/linearized_problem.h"
#include "networks/problem_spec.h"
#include "optimizers/parameter_optimizer.h"
#include "race/solver.h"

#include <Eigen/Eigenvalues>
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

namespace {

// The largest eigenvalue of problem's Hessian at w (Problem::hessianAt: n Hessian-vector products,
// symmetrized) by a dense symmetric eigendecomposition: what Lanczos's sharpness is checked against.
double denseSharpness(const Problem& problem, const VecX& w) {
    return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(problem.hessianAt(w)).eigenvalues().maxCoeff();
}

ParameterPath runAlone(const Problem& problem, const OptimizerSettings& racer, int steps) {
    auto optimizer = makeParameterOptimizer(racer.kind, racer.hyperparameters);
    ParameterPath path = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(path, *optimizer, problem, steps);
    return path;
}

}  // namespace

TEST_CASE("a linearized racer trains f(w0) + J(w0)(w - w0) beside its twin; the series say how far apart they run") {
    auto problem = solverNetworkProblem();
    OptimizerSettings lazy = solverNetworkRacer(2, "gd", 0.5);
    lazy.linearized = true;
    const std::vector<OptimizerSettings> racers = {solverNetworkRacer(1, "gd", 0.5), lazy};
    Solver solver(problem, {PlaneKind::Principal, 1}, racers);
    solver.post(command::SetAnalyses{{.metrics = true}});
    solver.post(command::SetSharpness{5});
    auto snapshot = solver.waitFor(solver.post(command::Step{30}));
    REQUIRE(snapshot->error.empty());
    CHECK(snapshot->sharpnessEvery == 5);
    const LinearizedNetworkProblem linear(problem);
    const ParameterPath network = runAlone(*problem, racers[0], 30), linearized = runAlone(linear, lazy, 30);
    const LossPlane* plane = lossPlaneOf(*snapshot->landscape);
    REQUIRE(plane != nullptr);
    for (std::size_t i = 0; i < 2; ++i) {
        const PathSnapshot& path = snapshot->paths[i];
        const ParameterPath& alone = i == 0 ? network : linearized;
        const Problem& trained = i == 0 ? static_cast<const Problem&>(*problem) : linear;
        REQUIRE(path.network != nullptr);
        const NetworkSeries& series = *path.network;
        CHECK(path.keptStride == 1);
        CHECK(series.stride == 1);
        REQUIRE(path.trajectory->losses.size() == 31);
        REQUIRE(series.distanceFromStart.size() == 31);
        // The plane's loss under the iterate: the network's loss at the iterate's projection; none for the
        // linearized racer, which descends another loss than the one the plane draws.
        REQUIRE(series.planeLoss.size() == (i == 0 ? 31u : 0u));
        for (std::size_t k = 0; k <= 30; ++k) {
            CHECK(path.trajectory->losses[k] == alone.losses[k]);
            CHECK(series.distanceFromStart[k] ==
                  doctest::Approx((alone.iterates[k] - alone.iterates[0]).norm()).epsilon(1e-12));
            if (i == 0)
                CHECK(series.planeLoss[k] ==
                      doctest::Approx(problem->valueAt(plane->at(plane->project(alone.iterates[k])))).epsilon(1e-10));
        }
        // Gradient descent's edge of stability: 2 / eta.
        REQUIRE(series.edge);
        CHECK(*series.edge == doctest::Approx(2 / 0.5).epsilon(1e-10));
        // The sharpness every 5 steps, against a dense eigendecomposition of the Hessian there.
        CHECK(series.sharpnessStride == 5);
        REQUIRE(series.sharpness.size() == 7);
        for (std::size_t m = 0; m < 7; ++m)
            CHECK(series.sharpness[m] ==
                  doctest::Approx(denseSharpness(trained, alone.iterates[5 * m])).epsilon(1e-6));
    }
    // The linearized racer differs from the network's own run (this net is narrow), and knows its twin.
    const NetworkSeries& lazySeries = *snapshot->paths[1].network;
    CHECK(lazySeries.twinId == 1);
    CHECK(snapshot->paths[0].network->twinId == 0);
    REQUIRE(lazySeries.twinDistance.size() == 31);
    CHECK(lazySeries.twinDistance[0] == 0);
    for (std::size_t k = 0; k <= 30; ++k)
        CHECK(lazySeries.twinDistance[k] ==
              doctest::Approx((linearized.iterates[k] - network.iterates[k]).norm()).epsilon(1e-12));
    CHECK(lazySeries.twinDistance[30] > 1e-3);

    // Switched back to the network, the racer's path is the network's own.
    auto back = solver.waitFor(solver.post(command::SetLinearized{2, false}));
    CHECK(back->paths[1].trajectory->losses[30] == network.losses[30]);
    CHECK(back->paths[1].network->twinId == 0);
    // Sharpness off: no series, and the race does not wait for it.
    auto off = solver.waitFor(solver.post(command::SetSharpness{0}));
    CHECK(off->paths[0].network->sharpness.empty());
    auto bad = solver.waitFor(solver.post(command::SetSharpness{-1}));
    CHECK(bad->error.find("sharpness") != std::string::npos);
    CHECK(bad->sharpnessEvery == 0);
}

TEST_CASE("a linear probe cannot be linearized: the racer's switch is refused and nothing changes") {
    ProblemSpec spec;
    spec.layers = {2, 8, 1};
    spec.probe = true;
    spec.data = {DatasetKind::Moons, 32, 0.1, 4, 2};
    auto probe = makeProblem(spec);
    Solver solver(probe, {PlaneKind::Random, 1}, {solverNetworkRacer(1, "gd", 0.5)});
    auto before = solver.waitFor(solver.post(command::Step{10}));
    auto refused = solver.waitFor(solver.post(command::SetLinearized{1, true}));
    CHECK(refused->error.find("probe") != std::string::npos);
    CHECK_FALSE(refused->paths[0].settings.linearized);
    CHECK(refused->paths[0].trajectory->losses[10] == before->paths[0].trajectory->losses[10]);
}
