#include "scene/scene.h"
#include "race/solver.h"

#include <doctest/doctest.h>

using namespace gradscape;

TEST_CASE("the default scene races gd, momentum and adam on Rosenbrock from (-1.2, 1)") {
    Scene scene = defaultScene();
    CHECK(scene.landscape == "rosenbrock");
    REQUIRE(scene.optimizers.size() == 3);
    CHECK(scene.optimizers[0].kind == "gd");
    CHECK(scene.optimizers[1].kind == "momentum");
    CHECK(scene.optimizers[2].kind == "adam");
    for (const auto& o : scene.optimizers) {
        CHECK(o.start == Vec2(-1.2, 1));
        CHECK(validate(o.hyperparameters) == "");
    }
    CHECK(scene.view == makeLandscape("rosenbrock")->displayBox());
    // All three stay finite over a long run: the default scene never opens on a divergence.
    Solver solver(makeLandscape(scene.landscape), scene.optimizers);
    auto snapshot = solver.waitFor(solver.post(command::Step{5000}));
    for (const auto& path : snapshot->paths)
        CHECK(!path.trajectory->diverged());
}

TEST_CASE("default settings take the catalog's hyperparameters") {
    OptimizerSettings s = defaultSettings("adam", {1, 2});
    CHECK(s.hyperparameters.beta2 == 0.999);
    CHECK(s.start == Vec2(1, 2));
    CHECK_THROWS(defaultSettings("nope", {0, 0}));
}

TEST_CASE("a scene's landscape: its formula or its named landscape with parameters, then its regularization") {
    Scene named;
    named.landscape = "quadratic";
    named.landscapeParameters = {{"kappa", 4}};
    named.regularization.l2 = 0.5;
    const Vec2 p(0.3, -1.1);
    const auto plain = makeLandscape("quadratic", {{"kappa", 4}});
    CHECK(landscapeFor(named)->valueAt(p) == doctest::Approx(plain->valueAt(p) + 0.5 * p.squaredNorm()));

    Scene typed;
    typed.formula = "x^2 + 3*y^2";
    typed.regularization.l1 = 0.25;
    const double f = 0.3 * 0.3 + 3 * 1.1 * 1.1, penalty = 0.25 * (0.3 + 1.1);
    CHECK(landscapeFor(typed)->valueAt(p) == doctest::Approx(f + penalty));

    typed.formula = "9^99999";  // refused as the formula box refuses it
    CHECK_THROWS_AS(landscapeFor(typed), std::exception);
}
