// The network lessons' promises (issue 15), each performed as the window would: the lesson scene loaded, its
// racers trained on the scene's network, the plane the prompt asks for made from their paths, and what the
// text says measured.

#include "networks/problem_spec.h"
#include "optimizers/parameter_optimizer.h"
#include "optimizers/racer_labels.h"
#include "scene/scene_file.h"
#include "view/loss_plane.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

namespace {

Scene networkLesson(const std::string& stem) {
    return loadScene(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/" + stem + ".json");
}

// Every racer of the scene trained for the scene's steps, as the solver trains them.
std::vector<ParameterPath> trainRacers(const Scene& scene, const Problem& problem) {
    std::vector<ParameterPath> paths;
    for (const auto& racer : scene.optimizers) {
        auto optimizer = makeParameterOptimizer(racer.kind, racer.hyperparameters);
        paths.push_back(startParameterPath(problem, problem.initialParameters()));
        advanceParameterPath(paths.back(), *optimizer, problem, scene.steps);
    }
    return paths;
}

struct SlicedRace {
    LossPlane plane;
    std::vector<ProjectedPath> projections;
};

SlicedRace slice(const Scene& scene, const Problem& problem, const std::vector<ParameterPath>& paths, PlaneKind kind) {
    const std::vector<std::string> labels = racerLabels(scene.optimizers);
    std::vector<PlanePath> planePaths;
    for (std::size_t i = 0; i < paths.size(); ++i)
        planePaths.push_back({labels[i], &paths[i]});
    SlicedRace race{makeLossPlane(problem, {kind, scene.plane.seed}, planePaths), {}};
    for (const auto& path : paths)
        race.projections.push_back(projectPath(problem, race.plane, path));
    return race;
}

}  // namespace

TEST_CASE("lesson 18, a real network's landscape: the pca plane's honest numbers, the random plane's blind spot") {
    const Scene scene = networkLesson("18-network-slice");
    REQUIRE(scene.problem.has_value());
    CHECK(scene.plane.kind == PlaneKind::Principal);
    auto problem = makeProblem(*scene.problem);
    CHECK(problem->dimension() == 337);
    const auto paths = trainRacers(scene, *problem);
    const SlicedRace pca = slice(scene, *problem, paths, PlaneKind::Principal);
    const SlicedRace random = slice(scene, *problem, paths, PlaneKind::Random);
    const SlicedRace points = slice(scene, *problem, paths, PlaneKind::Points);
    REQUIRE(paths.size() == 3);  // GD, momentum, Adam
    // The explanation: the pca plane's shares of the variance, and the first racer's decision regions.
    CHECK(std::lround(100 * pca.plane.explainedVariance[0]) == 73);
    CHECK(std::lround(100 * pca.plane.explainedVariance[1]) == 22);
    CHECK(pca.plane.origin == paths[0].last);
    // Prompt 1: 65% of GD's motion, 91% of Adam's; the start 1.8 off the plane, 0.31 under it against 0.69.
    CHECK(std::lround(100 * pca.projections[0].explained) == 65);
    CHECK(std::lround(100 * pca.projections[2].explained) == 91);
    CHECK(std::lround(10 * pca.projections[0].distance.front()) == 18);
    CHECK(std::lround(100 * pca.projections[0].planeLoss.front()) == 31);
    CHECK(std::lround(100 * pca.projections[0].trueLoss.front()) == 69);
    // Prompt 2: under 2% of every racer's motion on the random plane, and 0.04 under the start.
    for (const ProjectedPath& p : random.projections)
        CHECK(p.explained < 0.02);
    CHECK(std::lround(100 * random.projections[0].planeLoss.front()) == 4);
    CHECK(random.plane.origin == paths[0].last);
    // Prompt 3: the three points on the plane; Adam up to 8.7 off it, 36% of its motion in it.
    CHECK(points.projections[0].distance.front() < 1e-9);
    CHECK((points.projections[0].points.back() - Vec2(1, 0)).norm() < 1e-9);
    CHECK((points.projections[1].points.back() - Vec2(0, 1)).norm() < 1e-9);
    CHECK(std::lround(10 * points.projections[2].maxDistance) == 87);
    CHECK(std::lround(100 * points.projections[2].explained) == 36);
    // The plane made from the scene is the one its solver shows (the lesson opens on pca).
    CHECK(makeLossPlane(*problem, scene.plane, std::vector<PlanePath>{{"GD", &paths[0]}, {"M", &paths[1]},
                                                                      {"A", &paths[2]}})
              .first == pca.plane.first);
}
