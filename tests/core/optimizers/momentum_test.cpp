#include "optimizers/momentum.h"
#include "scene/scene_file.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gradscape;

// f = 0.5 (10 x^2 + y^2), gradient (10 x, y), from (1, 1) with eta 0.05, mu 0.9.
TEST_CASE("momentum: the first three steps match v <- mu v + g, x <- x - eta v worked by hand") {
    auto f = makeLandscape("quadratic");
    Momentum momentum(Hyperparameters{.learningRate = 0.05, .momentum = 0.9});
    Trajectory t = startTrajectory(*f, {1, 1});
    advanceTrajectory(t, momentum, *f, 3);
    // v1 = g0 = (10, 1); v2 = 0.9 v1 + (5, 0.95) = (14, 1.85); v3 = 0.9 v2 + (-2, 0.8575) = (10.6, 2.5225).
    CHECK(t.points[1].isApprox(Vec2(0.5, 0.95), 1e-15));
    CHECK(t.points[2].isApprox(Vec2(-0.2, 0.8575), 1e-15));
    CHECK(t.points[3].isApprox(Vec2(-0.73, 0.731375), 1e-14));
    CHECK(momentum.state().vectors.at(0).value.isApprox(Vec2(10.6, 2.5225), 1e-14));
}

TEST_CASE("momentum: dampening scales the new gradient but not the first one (torch.optim.SGD)") {
    auto f = makeLandscape("quadratic");
    Momentum momentum(Hyperparameters{.learningRate = 0.05, .momentum = 0.9, .dampening = 0.5});
    Trajectory t = startTrajectory(*f, {1, 1});
    advanceTrajectory(t, momentum, *f, 2);
    // v1 = (10, 1); v2 = 0.9 (10, 1) + 0.5 (5, 0.95) = (11.5, 1.375).
    CHECK(t.points[2].isApprox(Vec2(0.5 - 0.05 * 11.5, 0.95 - 0.05 * 1.375), 1e-15));
}

TEST_CASE("momentum: reset forgets the velocity") {
    auto f = makeLandscape("quadratic");
    Momentum momentum(Hyperparameters{.learningRate = 0.05, .momentum = 0.9});
    momentum.step(*f, {1, 1}, f->gradientAt({1, 1}));
    momentum.reset();
    CHECK(momentum.state().vectors.at(0).value == Vec2::Zero());
    CHECK(momentum.step(*f, {1, 1}, f->gradientAt({1, 1})).isApprox(Vec2(0.5, 0.95)));
}

TEST_CASE("momentum: converges on the ill-conditioned quadratic faster than gd at the same eta") {
    auto f = makeLandscape("quadratic", {{"kappa", 100}});
    Momentum momentum(Hyperparameters{.learningRate = 0.01, .momentum = 0.9});
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 0.01, .momentum = 0});
    Trajectory withMomentum = startTrajectory(*f, {1, 1}), plain = startTrajectory(*f, {1, 1});
    advanceTrajectory(withMomentum, momentum, *f, 300);
    advanceTrajectory(plain, *gd, *f, 300);
    CHECK(withMomentum.losses.back() < 1e-6);
    CHECK(withMomentum.losses.back() < plain.losses.back() * 1e-3);
}

TEST_CASE("momentum: the lecture's EMA form keeps dampening = momentum whatever momentum is set to") {
    // A new momentum with the form on: the step damps by the new momentum, not by a stale dampening.
    Hyperparameters h{.learningRate = 0.1, .momentum = 0.8, .dampening = 0.3, .dampeningFollowsMomentum = true};
    CHECK(effectiveDampening(h) == 0.8);
    Momentum ema(h);
    auto f = makeLandscape("quadratic");
    Vec2 x(1, 1);
    Vec2 g = f->gradientAt(x);
    x = ema.step(*f, x, g);  // v1 = g1
    Vec2 v = g;
    const Vec2 before = x;
    g = f->gradientAt(x);
    x = ema.step(*f, x, g);
    v = 0.8 * v + (1 - 0.8) * g;
    CHECK((x - (before - 0.1 * v)).norm() < 1e-15);
    // The switch is a stored choice: a scene keeps it, and a scene without it reads as off.
    Scene scene = defaultScene();
    scene.optimizers[1].kind = "momentum";
    scene.optimizers[1].hyperparameters = h;
    const Scene loaded = sceneFromJson(sceneToJson(scene));
    CHECK(loaded.optimizers[1].hyperparameters.dampeningFollowsMomentum);
    CHECK(loaded == scene);
    nlohmann::json old = sceneToJson(scene);
    old["optimizers"][1]["hyperparameters"].erase("dampeningFollowsMomentum");
    CHECK_FALSE(sceneFromJson(old).optimizers[1].hyperparameters.dampeningFollowsMomentum);
}
