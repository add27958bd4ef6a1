// The lessons in assets/lessons: each one loads, carries its text, and shows the effect it promises.

#include "landscapes/formula_landscape.h"
#include "scene/scene_file.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

using namespace gradscape;

namespace {

std::vector<std::string> lessonPaths() {
    std::vector<std::string> paths;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons"))
        paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    return paths;
}

Scene lessonNamed(const std::string& stem) {
    return loadScene(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/" + stem + ".json");
}

// Every optimizer of the scene run for `steps` steps, by id.
std::map<int, Trajectory> race(const Scene& scene, int steps) {
    const auto landscape =
        regularize(scene.formula.empty() ? makeLandscape(scene.landscape, scene.landscapeParameters)
                                         : makeFormulaLandscape(scene.formula),
                   scene.regularization);
    std::map<int, Trajectory> paths;
    for (const auto& settings : scene.optimizers) {
        auto optimizer = makeOptimizer(settings.kind, settings.hyperparameters);
        Trajectory t = startTrajectory(*landscape, settings.start);
        advanceTrajectory(t, *optimizer, *landscape, steps);
        paths.emplace(settings.id, std::move(t));
    }
    return paths;
}

}  // namespace

TEST_CASE("every lesson loads, in order, with a title, an explanation, a formula and two or three prompts") {
    const auto paths = lessonPaths();
    CHECK(paths.size() >= 12);
    for (size_t i = 0; i < paths.size(); ++i) {
        CAPTURE(paths[i]);
        const std::string name = std::filesystem::path(paths[i]).filename().string();
        char number[4];
        std::snprintf(number, sizeof number, "%02zu", i + 1);
        CHECK(name.rfind(std::string(number) + "-", 0) == 0);
        const Scene scene = loadScene(paths[i]);
        CHECK(!scene.lesson.title.empty());
        CHECK(scene.lesson.explanation.size() > 200);
        CHECK(!scene.lesson.formula.empty());
        CHECK(scene.lesson.tryThis.size() >= 2);
        CHECK(scene.lesson.tryThis.size() <= 3);
        CHECK(scene.optimizers.size() >= 2);
        // What is saved again reads back the same: the lesson files are in the format's own terms.
        CHECK(sceneFromJson(sceneToJson(scene)) == scene);
    }
}

TEST_CASE("lesson 1: GD converges just below 2 over lambda_max and diverges just above") {
    const auto paths = race(lessonNamed("01-gd-learning-rate"), 500);
    CHECK(!paths.at(1).diverged());
    CHECK(!paths.at(2).diverged());
    CHECK(paths.at(2).losses.back() < 1e-6);
    CHECK(paths.at(3).diverged());
}

TEST_CASE("lesson 5: constant-step SGD converges to the exact optimum when every sample is fit") {
    const auto paths = race(lessonNamed("05-interpolation"), 3000);
    CHECK(paths.at(1).losses.back() < 1e-12);
}

TEST_CASE("lesson 6: GD stays in the shallow right valley, noisy SGD ends in the deeper left one") {
    const auto paths = race(lessonNamed("06-saddles-local-minima"), 3000);
    CHECK(paths.at(1).points.back().x() > 0.5);
    CHECK(paths.at(2).points.back().x() < -0.5);
}

TEST_CASE("lesson 8: without bias correction Adam's first step is several times longer") {
    const auto paths = race(lessonNamed("08-adam-bias-signsgd"), 1);
    const Vec2 corrected = paths.at(1).points[1] - paths.at(1).points[0];
    const Vec2 uncorrected = paths.at(2).points[1] - paths.at(2).points[0];
    // m = (1 - beta1) g and v = (1 - beta2) g^2 after one step: uncorrected, each coordinate moves
    // (1 - beta1) / sqrt(1 - beta2) = 0.1 / sqrt(0.001) = 3.16 times as far.
    for (int i = 0; i < 2; ++i)
        CHECK(uncorrected[i] / corrected[i] == doctest::Approx(0.1 / std::sqrt(0.001)).epsilon(1e-4));
}

TEST_CASE("lesson 12: GD from the origin ends on the minimum-norm fit, from elsewhere on another fit") {
    const auto paths = race(lessonNamed("12-min-norm"), 2000);
    // x = (1, 0.5), y = 1: w = x / |x|^2 = (0.8, 0.4).
    CHECK((paths.at(1).points.back() - Vec2(0.8, 0.4)).norm() < 1e-9);
    CHECK((paths.at(2).points.back() - Vec2(0.8, 0.4)).norm() > 0.5);
}

TEST_CASE("lesson 13: Newton reaches the quadratic's minimum in one step") {
    const auto paths = race(lessonNamed("13-newton-bfgs"), 1);
    CHECK(paths.at(2).points[1].norm() < 1e-12);
    CHECK(paths.at(1).points[1].norm() > 0.5);
}
