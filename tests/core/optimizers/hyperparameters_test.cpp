#include "optimizers/hyperparameters.h"
#include "optimizers/optimizer.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

TEST_CASE("valid hyperparameters pass, each out-of-range value is named with its allowed range") {
    CHECK(validate(Hyperparameters{}) == "");
    Hyperparameters h;
    h.learningRate = -1;
    CHECK(validate(h) == "learning rate must be in (0, 1000], got -1");
    h = {};
    h.beta1 = 1;
    CHECK(validate(h) == "beta1 must be in [0, 1), got 1");
    h = {};
    h.momentum = NAN;
    CHECK(validate(h).rfind("momentum must be in [0, 1)", 0) == 0);
    h = {};
    h.epsilon = 0;
    CHECK(validate(h) == "epsilon must be in (0, 1], got 0");
    h = {};
    h.weightDecay = -0.1;
    CHECK(validate(h) == "weight decay must be in [0, 1000], got -0.1");
}

TEST_CASE("the optimizer catalog builds every kind and refuses unknown names and bad values") {
    for (const auto& info : optimizerCatalog()) {
        CAPTURE(info.name);
        CHECK(!info.updateRule.empty());
        CHECK(validate(info.defaults) == "");
        CHECK(makeOptimizer(info.name, info.defaults) != nullptr);
    }
    CHECK(optimizerInfo("adam").defaults.learningRate == 1e-3);  // torch.optim.Adam's default
    CHECK_THROWS_WITH(makeOptimizer("sgdd", {}), doctest::Contains("unknown optimizer 'sgdd'"));
    Hyperparameters bad;
    bad.beta2 = 1.5;
    CHECK_THROWS_WITH(makeOptimizer("adam", bad), "adam: beta2 must be in [0, 1), got 1.5");
}
