#include "landscapes/formula_landscape.h"

#include "view/grid.h"
#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include "support/finite_differences.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

TEST_CASE("a typed Rosenbrock gives the built-in's trajectory") {
    auto typed = makeFormulaLandscape("(1 - x)^2 + 100*(y - x^2)^2");
    auto builtin = makeLandscape("rosenbrock");
    for (const std::string kind : {"gd", "adam", "newton"}) {
        CAPTURE(kind);
        Hyperparameters h = optimizerInfo(kind).defaults;
        auto a = makeOptimizer(kind, h), b = makeOptimizer(kind, h);
        Trajectory t = startTrajectory(*typed, {-1.2, 1}), u = startTrajectory(*builtin, {-1.2, 1});
        advanceTrajectory(t, *a, *typed, 200);
        advanceTrajectory(u, *b, *builtin, 200);
        REQUIRE(t.steps() == u.steps());
        for (int k = 0; k <= t.steps(); ++k)
            CHECK((t.points[k] - u.points[k]).norm() <= 1e-9 * std::max(1.0, u.points[k].norm()));
    }
    const std::string dy = formulaDerivatives(*typed).dy;  // printed sorted: 200*y-200*x^2
    CHECK(dy.find("200*y") != std::string::npos);
    CHECK(dy.find("-200*x^2") != std::string::npos);
}

TEST_CASE("derivatives are exact: they match finite differences for every supported function") {
    for (const std::string text :
         {"sin(x)*cos(y) + tan(0.3*x)", "exp(-(x^2 + y^2)/2) + log(2 + x^2) + sqrt(1 + y^2)",
          "tanh(x*y) + abs(x - 3)", "pow(x^2 + 1, 1.5) + asin(x/4) + atan(y) + sinh(0.1*x) + cosh(0.2*y)",
          "pi*x^2 + e*y", "min(x, y) + max(x^2, 2*y)"}) {
        CAPTURE(text);
        auto f = makeFormulaLandscape(text);
        for (const Vec2& p : {Vec2(0.31, -0.47), Vec2(1.13, 0.72), Vec2(-0.87, 1.4)}) {
            testing::checkDerivativesAgainstDifferences(*f, p);
        }
    }
}

TEST_CASE("each malformed formula is refused with what is wrong and where") {
    struct Case {
        std::string text, message;
        int position;
    };
    for (const Case& c : std::vector<Case>{{"x*(y", "parenthesis", 5},
                                           {"x + * y", "Unexpected operator", 4},
                                           {"x + z", "Unexpected token \"z\"", 4},
                                           {"foo(x)", "Unexpected token \"foo\"", 0},
                                           {"3x", "Unexpected variable \"x\"", 1},
                                           {"sin(x", "parenthesis", 6},
                                           {"   ", "empty", 0},
                                           {"x + sign(y)", "no exact derivative", 4},
                                           {std::string(500, 'x'), "longer than 400", 400}}) {
        CAPTURE(c.text);
        try {
            makeFormulaLandscape(c.text);
            FAIL("accepted");
        } catch (const FormulaError& e) {
            CHECK(std::string(e.what()).find(c.message) != std::string::npos);
            CHECK(e.position() == c.position);
        }
    }
}

TEST_CASE("where f is not finite the grid is masked and a path that enters it diverges") {
    auto f = makeFormulaLandscape("log(x) + y^2");
    const Grid grid = sampleGrid(f, {-1, 1, -1, 1}, 8, 2);
    CHECK(std::isnan(grid.values[0]));     // x < 0
    CHECK(std::isfinite(grid.values[7]));  // x > 0
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 1});
    Trajectory t = startTrajectory(*f, {0.5, 0});  // x1 = 0.5 - 1 / 0.5 < 0
    advanceTrajectory(t, *gd, *f, 10);
    CHECK(t.divergedAtStep == 1);
}
