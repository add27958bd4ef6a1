// Data landscapes and the minibatches SGD draws from them.

#include "landscapes/minibatch.h"
#include "optimizers/optimizer.h"
#include "optimizers/trajectory.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <set>

using namespace gradscape;

TEST_CASE("minibatches cover every sample exactly once per epoch, reshuffled each epoch") {
    MinibatchSampler sampler(10, 4, 3);
    std::vector<int> firstEpoch, secondEpoch;
    for (int b = 0; b < 3; ++b) {  // 4 + 4 + 2
        const auto& batch = sampler.next();
        CHECK(batch.size() == (b < 2 ? 4u : 2u));
        firstEpoch.insert(firstEpoch.end(), batch.begin(), batch.end());
    }
    CHECK(sampler.epoch() == 1);
    for (int b = 0; b < 3; ++b) {
        const auto& batch = sampler.next();
        secondEpoch.insert(secondEpoch.end(), batch.begin(), batch.end());
    }
    CHECK(sampler.epoch() == 2);
    for (auto epoch : {firstEpoch, secondEpoch}) {
        std::sort(epoch.begin(), epoch.end());
        CHECK(epoch == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
    CHECK(firstEpoch != secondEpoch);
    MinibatchSampler again(10, 4, 3);
    CHECK(again.next() == std::vector<int>(firstEpoch.begin(), firstEpoch.begin() + 4));
}

TEST_CASE("linreg: the minimum solves the normal equations, correlation and scale set kappa(X^T X)") {
    auto f = makeLandscape("linreg");
    REQUIRE(f->samples().size() == 40);
    Mat2 xtx = Mat2::Zero();
    Vec2 xty = Vec2::Zero();
    for (const auto& s : f->samples())
        xtx += s.input * s.input.transpose(), xty += s.target * s.input;
    CHECK(f->knownMinima().front().isApprox(xtx.ldlt().solve(xty), 1e-10));
    CHECK(f->hessianAt({3, -7}).isApprox(xtx / 40));
    auto kappa = [](const std::string& description) {
        return std::stod(description.substr(description.find("= ") + 2));
    };
    const double plain = kappa(f->description());
    CHECK(kappa(makeLandscape("linreg", {{"correlation", 0.95}})->description()) > 5 * plain);
    CHECK(kappa(makeLandscape("linreg", {{"scale", 5}})->description()) > 5 * plain);
    CHECK(makeLandscape("linreg", {{"samples", 7}})->samples().size() == 7);
    CHECK_THROWS_WITH(makeLandscape("linreg", {{"samples", 1}}),
                      doctest::Contains("samples must be in [2, 1000]"));
}

TEST_CASE(
    "underdetermined: GD from the origin ends on the minimum-norm solution, from elsewhere it does not") {
    auto f = makeLandscape("underdetermined");
    const Vec2 minimumNorm = f->knownMinima().front();
    CHECK(minimumNorm.isApprox(Vec2(0.8, 0.4)));  // X^T (X X^T)^-1 y with x = (1, 0.5), y = 1
    auto gd = makeOptimizer("gd", Hyperparameters{.learningRate = 0.5});
    Trajectory fromOrigin = startTrajectory(*f, {0, 0});
    advanceTrajectory(fromOrigin, *gd, *f, 500);
    CHECK((fromOrigin.points.back() - minimumNorm).norm() < 1e-10);
    gd->reset();
    Trajectory fromElsewhere = startTrajectory(*f, {-1, 1.5});
    advanceTrajectory(fromElsewhere, *gd, *f, 500);
    CHECK(fromElsewhere.losses.back() < 1e-20);                       // an exact fit...
    CHECK((fromElsewhere.points.back() - minimumNorm).norm() > 0.5);  // ...but not the minimum-norm one
}

TEST_CASE("logreg and tinynet: the minima are stationary, tinynet's are mirror images") {
    auto logreg = makeLandscape("logreg");
    REQUIRE(logreg->knownMinima().size() == 1);
    CHECK(logreg->gradientAt(logreg->knownMinima().front()).norm() < 1e-10);
    auto tinynet = makeLandscape("tinynet");
    CHECK(tinynet->valueAt({1.5, 1.2}) < 1e-30);
    CHECK(tinynet->valueAt({-1.5, -1.2}) < 1e-30);
    Eigen::SelfAdjointEigenSolver<Mat2> atOrigin(tinynet->hessianAt({0, 0}));
    CHECK(atOrigin.eigenvalues().minCoeff() < 0);  // a saddle between the two minima
}

TEST_CASE("sgd on a data landscape draws seeded minibatches of --batch-size") {
    auto f = makeLandscape("linreg");
    Hyperparameters h{.learningRate = 0.05, .batchSize = 4, .seed = 9};
    auto sgd = makeOptimizer("sgd", h);
    Trajectory t = startTrajectory(*f, {0, 0});
    advanceTrajectory(t, *sgd, *f, 3);
    // The same steps worked from the minibatches the sampler deals.
    MinibatchSampler sampler(40, 4, 9);
    Vec2 w(0, 0);
    for (int k = 1; k <= 3; ++k) {
        w -= 0.05 * f->minibatchGradientAt(w, sampler.next());
        CHECK(t.points[k].isApprox(w, 1e-14));
    }
    CHECK(sgd->state().note == "epoch 1");
    // A full batch is plain gradient descent.
    h.batchSize = 40;
    auto full = makeOptimizer("sgd", h);
    Trajectory fullBatch = startTrajectory(*f, {0, 0});
    advanceTrajectory(fullBatch, *full, *f, 50);
    auto gd = makeOptimizer("gd", h);
    Trajectory descent = startTrajectory(*f, {0, 0});
    advanceTrajectory(descent, *gd, *f, 50);
    for (int k = 0; k <= 50; ++k)
        CHECK(fullBatch.points[k].isApprox(descent.points[k], 1e-12));
}
