// The kinds that walk N parameters with more than an element-wise rule (optimizers/parameter_optimizer.h):
// Newton lands on a quadratic's minimum in one step and says when its Hessian is indefinite or singular,
// BFGS and L-BFGS converge, coordinate descent moves one coordinate per step, random search never rises,
// SGD is gradient descent on the run's batches; Newton and BFGS refuse too many parameters. And a run on
// minibatches: the same batches for every racer, the full-batch loss recorded.

#include "optimizers/parameter_optimizer.h"

#include "landscapes/problem.h"
#include "networks/batch_order.h"
#include "networks/problem_spec.h"
#include "optimizers/bfgs.h"
#include "optimizers/newton.h"
#include "optimizers/optimizer.h"
#include "optimizers/random_search.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <string>

using namespace gradscape;

namespace {

// f(w) = 1/2 (w - c)^T A (w - c) with a symmetric A: its Hessian is A everywhere, its minimum c when A is
// positive definite.
class SymmetricQuadraticProblem final : public Problem {
  public:
    SymmetricQuadraticProblem(Eigen::MatrixXd a, VecX center, VecX start)
        : a_(std::move(a)), center_(std::move(center)), start_(std::move(start)) {}
    int dimension() const override { return static_cast<int>(center_.size()); }
    double valueAt(const VecX& w) const override { return 0.5 * (w - center_).dot(a_ * (w - center_)); }
    double valueAndGradientAt(const VecX& w, VecX& gradient) const override {
        gradient = a_ * (w - center_);
        return valueAt(w);
    }
    void hessianVectorProduct(const VecX&, const VecX& v, VecX& product) const override { product = a_ * v; }
    VecX initialParameters() const override { return start_; }
    std::string name() const override { return "symmetric quadratic"; }

  private:
    Eigen::MatrixXd a_;
    VecX center_, start_;
};

// A = Q diag(eigenvalues) Q^T with a fixed rotation Q (from a seeded random matrix's QR).
Eigen::MatrixXd matrixWithEigenvalues(const VecX& eigenvalues) {
    const Eigen::Index n = eigenvalues.size();
    Eigen::MatrixXd m(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
            m(i, j) = std::sin(1.7 * double(i) + 0.3 * double(j * j) + 0.5);
    const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ();
    const Eigen::MatrixXd a = q * eigenvalues.asDiagonal() * q.transpose();
    return 0.5 * (a + a.transpose());
}

SymmetricQuadraticProblem quadraticWithEigenvalues(const VecX& eigenvalues) {
    const Eigen::Index n = eigenvalues.size();
    VecX center(n), start(n);
    for (Eigen::Index i = 0; i < n; ++i)
        center[i] = 0.5 - 0.25 * double(i), start[i] = 1.0 + 0.1 * double(i);
    return {matrixWithEigenvalues(eigenvalues), center, start};
}

Hyperparameters kindsTestRate(double learningRate) {
    Hyperparameters h;
    h.learningRate = learningRate;
    return h;
}

VecX gradientOf(const Problem& problem, const VecX& w) {
    VecX g;
    problem.valueAndGradientAt(w, g);
    return g;
}

// A small network: 2-4-1 tanh (17 parameters) on 40 moons, bce.
std::shared_ptr<const NetworkProblem> smallNetwork() {
    ProblemSpec spec;
    spec.layers = {2, 4, 1};
    spec.data.samples = 40;
    spec.seed = spec.data.seed = 5;
    return makeProblem(spec);
}

}  // namespace

TEST_CASE("Problem::hessianAt builds the symmetric Hessian from n Hessian-vector products") {
    const SymmetricQuadraticProblem problem = quadraticWithEigenvalues(VecX{{1.0, 2.0, 3.0, 4.0, 5.0}});
    const Eigen::MatrixXd a = matrixWithEigenvalues(VecX{{1.0, 2.0, 3.0, 4.0, 5.0}});
    const Eigen::MatrixXd h = problem.hessianAt(problem.initialParameters());
    CHECK(h == h.transpose());
    CHECK((h - a).cwiseAbs().maxCoeff() < 1e-15);

    const auto network = smallNetwork();
    const VecX w = network->initialParameters();
    const Eigen::MatrixXd hn = network->hessianAt(w);
    REQUIRE(hn.rows() == 17);
    CHECK(hn == hn.transpose());
    VecX v = VecX::LinSpaced(17, -1.0, 1.0), hv;
    network->hessianVectorProduct(w, v, hv);
    CHECK((hn * v - hv).cwiseAbs().maxCoeff() < 1e-12 * std::max(1.0, hv.cwiseAbs().maxCoeff()));
}

TEST_CASE("Newton's first step on an N = 5 quadratic lands on the minimum, with weight decay too") {
    const VecX eigenvalues{{0.5, 1.0, 2.0, 5.0, 20.0}};
    const SymmetricQuadraticProblem problem = quadraticWithEigenvalues(eigenvalues);
    const Eigen::MatrixXd a = matrixWithEigenvalues(eigenvalues);
    const VecX w0 = problem.initialParameters();
    VecX center(5);
    for (int i = 0; i < 5; ++i)
        center[i] = 0.5 - 0.25 * i;
    for (const double weightDecay : {0.0, 0.3}) {
        CAPTURE(weightDecay);
        Hyperparameters h = kindsTestRate(1.0);
        h.weightDecay = weightDecay;
        auto newton = makeParameterOptimizer("newton", h);
        const VecX w1 = newton->step(problem, w0, gradientOf(problem, w0));
        // The minimum of f + wd/2 |w|^2: (A + wd I) w = A c.
        const Eigen::MatrixXd damped = a + weightDecay * Eigen::MatrixXd::Identity(5, 5);
        const VecX minimum = damped.ldlt().solve(a * center);
        CHECK((w1 - minimum).cwiseAbs().maxCoeff() < 1e-12);
        if (weightDecay == 0) CHECK((w1 - center).cwiseAbs().maxCoeff() < 1e-12);
    }
    // With damping delta the step is -(A + delta I)^-1 g.
    Hyperparameters h = kindsTestRate(1.0);
    h.damping = 2.0;
    auto damped = makeParameterOptimizer("newton", h);
    const VecX g0 = gradientOf(problem, w0);
    const VecX expected = w0 - (a + 2.0 * Eigen::MatrixXd::Identity(5, 5)).ldlt().solve(g0);
    CHECK((damped->step(problem, w0, g0) - expected).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("Newton on N parameters says when the Hessian is indefinite or singular, as in 2D") {
    const SymmetricQuadraticProblem saddle = quadraticWithEigenvalues(VecX{{-1.0, 1.0, 2.0, 3.0, 4.0}});
    ParameterStepper<NewtonRule<VecX>> newton(kindsTestRate(1.0));
    const VecX w0 = saddle.initialParameters();
    const VecX w1 = newton.step(saddle, w0, gradientOf(saddle, w0));
    CHECK(newton.rule().note ==
          "indefinite Hessian (1 of 5 eigenvalues negative): the step heads for a saddle point");
    // It still goes to the stationary point: the saddle's centre.
    CHECK(gradientOf(saddle, w1).norm() < 1e-12);
    CHECK(newton.rule().hessian.rows() == 5);

    const SymmetricQuadraticProblem flat = quadraticWithEigenvalues(VecX{{0.0, 1.0, 2.0, 3.0, 4.0}});
    ParameterStepper<NewtonRule<VecX>> singular(kindsTestRate(0.1));
    const VecX g0 = gradientOf(flat, w0);
    const VecX gradientStep = singular.step(flat, w0, g0);
    CHECK(singular.rule().note == "singular Hessian: no Newton step exists, took a gradient step");
    CHECK(gradientStep == VecX(w0 - 0.1 * g0));
}

TEST_CASE("Newton and BFGS refuse more parameters than their dense matrices allow, pointing to lbfgs") {
    const int newtonTooMany = limits::kMaxNewtonParameters + 1, bfgsTooMany = limits::kMaxBfgsParameters + 1;
    const SymmetricQuadraticProblem big(Eigen::MatrixXd::Identity(newtonTooMany, newtonTooMany),
                                        VecX::Zero(newtonTooMany), VecX::Ones(newtonTooMany));
    const std::string newtonWhy =
        "newton: a network of 2049 parameters needs a 2049 x 2049 Hessian (32.0 MiB); at most 2048 "
        "parameters; "
        "try lbfgs";
    auto newton = makeParameterOptimizer("newton", kindsTestRate(1));
    CHECK_THROWS_WITH_AS(newton->checkDimension(newtonTooMany), newtonWhy.c_str(), std::invalid_argument);
    CHECK_NOTHROW(newton->checkDimension(limits::kMaxNewtonParameters));
    const VecX w = big.initialParameters();
    CHECK_THROWS_WITH_AS(newton->step(big, w, w), newtonWhy.c_str(), std::invalid_argument);
    CHECK(newton->stepsTaken() == 0);
    ParameterPath path = startParameterPath(big, w);
    CHECK_THROWS_WITH_AS(advanceParameterPath(path, *newton, big, 3), newtonWhy.c_str(),
                         std::invalid_argument);
    CHECK(path.steps() == 0);

    auto bfgs = makeParameterOptimizer("bfgs", kindsTestRate(1));
    CHECK_THROWS_WITH_AS(
        bfgs->checkDimension(bfgsTooMany),
        "bfgs: a network of 4097 parameters needs a 4097 x 4097 inverse Hessian estimate (128.1 MiB); "
        "at most 4096 parameters; try lbfgs",
        std::invalid_argument);
    CHECK_NOTHROW(bfgs->checkDimension(limits::kMaxBfgsParameters));
    // L-BFGS and the element-wise kinds take any size.
    for (const std::string& kind : parameterOptimizerKinds())
        if (kind != "newton" && kind != "bfgs")
            CHECK_NOTHROW(makeParameterOptimizer(kind, {})->checkDimension(1 << 20));
}

TEST_CASE("BFGS (both update forms) and L-BFGS converge on an ill-conditioned N-dimensional quadratic") {
    for (const int n : {8, 40}) {  // 8: the lecture's product form; 40: the rank-two form
        CAPTURE(n);
        VecX eigenvalues(n);
        for (int i = 0; i < n; ++i)
            eigenvalues[i] = std::pow(100.0, double(i) / (n - 1));  // condition 100
        const SymmetricQuadraticProblem problem = quadraticWithEigenvalues(eigenvalues);
        for (const char* kind : {"bfgs", "lbfgs"}) {
            CAPTURE(kind);
            Hyperparameters h = optimizerInfo(kind).defaults;
            h.learningRate = 1;
            auto optimizer = makeParameterOptimizer(kind, h);
            ParameterPath path = startParameterPath(problem, problem.initialParameters());
            advanceParameterPath(path, *optimizer, problem, 3 * n);
            REQUIRE_FALSE(path.diverged());
            CHECK(path.losses[path.losses.size() - 1] < 1e-12 * path.losses[0]);
            // Gradient descent at its best fixed rate is far slower: (1 - 2/101)^(6n) of the loss.
            CHECK(path.losses[path.losses.size() - 1] <
                  1e-6 * std::pow(1 - 2.0 / 101, 6 * n) * path.losses[0]);
        }
        // BFGS's estimate of A^-1 is symmetric positive definite and close to it after n steps.
        ParameterStepper<BfgsRule<VecX>> bfgs(kindsTestRate(1));
        ParameterPath path = startParameterPath(problem, problem.initialParameters());
        advanceParameterPath(path, bfgs, problem, n);
        const Eigen::MatrixXd& b = bfgs.rule().inverseHessian;
        REQUIRE(b.rows() == n);
        CHECK((b - b.transpose()).cwiseAbs().maxCoeff() < 1e-10 * b.cwiseAbs().maxCoeff());
        CHECK(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(0.5 * (b + b.transpose()))
                  .eigenvalues()
                  .minCoeff() > 0);
        CHECK(bfgs.rule().updates > 0);
    }
}

TEST_CASE("coordinate descent on N parameters moves coordinate (k - 1) mod n at step k, and only it") {
    const SymmetricQuadraticProblem problem = quadraticWithEigenvalues(VecX{{1.0, 2.0, 3.0, 4.0, 5.0}});
    Hyperparameters h = kindsTestRate(0.1);
    h.weightDecay = 0.2;
    auto coordinate = makeParameterOptimizer("coordinate", h);
    VecX w = problem.initialParameters();
    for (int k = 1; k <= 12; ++k) {
        CAPTURE(k);
        const VecX g = gradientOf(problem, w);
        const VecX next = coordinate->step(problem, w, g);
        const int axis = (k - 1) % 5;
        for (int i = 0; i < 5; ++i)
            if (i == axis)
                CHECK(next[i] == w[i] - 0.1 * (g[i] + 0.2 * w[i]));
            else
                CHECK(next[i] == w[i]);
        w = next;
    }
}

TEST_CASE(
    "random search on N parameters never raises the loss, repeats with its seed, and starts again on reset") {
    const SymmetricQuadraticProblem problem =
        quadraticWithEigenvalues(VecX{{1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0}});
    Hyperparameters h = kindsTestRate(0.3);
    h.seed = 11;
    ParameterStepper<RandomSearchRule<VecX>> search(h);
    ParameterPath path = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(path, search, problem, 200);
    for (std::size_t k = 1; k < path.losses.size(); ++k)
        CHECK(path.losses[k] <= path.losses[k - 1]);
    CHECK(path.losses[200] < 0.5 * path.losses[0]);
    CHECK(search.rule().accepted > 0);
    CHECK(search.rule().accepted < 200);
    search.reset();
    ParameterPath again = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(again, search, problem, 200);
    CHECK(again.last == path.last);
    h.seed = 12;
    auto other = makeParameterOptimizer("randomsearch", h);
    ParameterPath elsewhere = startParameterPath(problem, problem.initialParameters());
    advanceParameterPath(elsewhere, *other, problem, 200);
    CHECK(elsewhere.last != path.last);
}

TEST_CASE("SGD adds seeded noise on a loss without samples, and is gradient descent on a network's batches") {
    const SymmetricQuadraticProblem quadratic = quadraticWithEigenvalues(VecX{{1.0, 2.0, 3.0}});
    Hyperparameters h = optimizerInfo("sgd").defaults;
    h.learningRate = 0.05;
    h.seed = 3;
    auto sgd = makeParameterOptimizer("sgd", h);
    const VecX w0 = quadratic.initialParameters();
    const VecX g0 = gradientOf(quadratic, w0);
    const VecX noisy = sgd->step(quadratic, w0, g0);
    CHECK(noisy != VecX(w0 - 0.05 * g0));
    // sigma xi = (w0 - noisy) / eta - g0, and xi is the generator's first three normals.
    std::mt19937_64 random(3);
    std::normal_distribution<double> normal;
    VecX xi(3);
    for (int i = 0; i < 3; ++i)
        xi[i] = normal(random);
    CHECK(((w0 - noisy) / 0.05 - g0 - h.noise * xi).cwiseAbs().maxCoeff() < 1e-12);

    const auto network = smallNetwork();
    const BatchSchedule batches{.batchSize = 8, .seed = 21};
    Hyperparameters gdRate = kindsTestRate(0.5);
    h.learningRate = 0.5;
    auto onBatches = makeParameterOptimizer("sgd", h);
    auto gd = makeParameterOptimizer("gd", gdRate);
    ParameterPath sgdPath = startParameterPath(*network, network->initialParameters());
    ParameterPath gdPath = sgdPath;
    advanceParameterPath(sgdPath, *onBatches, *network, 30, batches);
    advanceParameterPath(gdPath, *gd, *network, 30, batches);
    CHECK(sgdPath.last == gdPath.last);
    CHECK(sgdPath.losses[30] == gdPath.losses[30]);
}

TEST_CASE("a minibatch run: step k on batch k's gradient, the full-batch loss recorded, resumable") {
    const auto network = smallNetwork();
    const BatchSchedule batches{.batchSize = 6, .seed = 4};
    for (const std::string& kind : parameterOptimizerKinds()) {
        CAPTURE(kind);
        Hyperparameters h = optimizerInfo(kind).defaults;
        h.learningRate = kind == "newton" || kind == "bfgs" || kind == "lbfgs" ? 0.5 : 0.05;
        // The run, in one call.
        auto optimizer = makeParameterOptimizer(kind, h);
        ParameterPath path = startParameterPath(*network, network->initialParameters());
        advanceParameterPath(path, *optimizer, *network, 25, batches);
        REQUIRE(path.steps() == 25);
        // By hand: step k on batch k, through the same optimizer kind.
        auto byHand = makeParameterOptimizer(kind, h);
        BatchOrder order(network->sampleCount(), batches);
        VecX w = network->initialParameters(), g;
        int mismatches = 0;
        for (long k = 1; k <= 25; ++k) {
            const std::span<const int> batch = order.batchOfStep(k);
            network->minibatchValueAndGradientAt(w, batch, g);
            w = byHand->step(*network, w, g, batch);
            if (!(path.iterates[static_cast<std::size_t>(k)] == w)) ++mismatches;
            // The recorded loss is the full batch's, not the batch's.
            if (!(path.losses[static_cast<std::size_t>(k)] == network->valueAt(w))) ++mismatches;
        }
        CHECK(mismatches == 0);
        // In two calls: the same path.
        auto resumed = makeParameterOptimizer(kind, h);
        ParameterPath twice = startParameterPath(*network, network->initialParameters());
        advanceParameterPath(twice, *resumed, *network, 11, batches);
        advanceParameterPath(twice, *resumed, *network, 25, batches);
        CHECK(twice.last == path.last);
    }
    // Batches differ from the full batch; a batch of every sample is the full batch up to rounding.
    auto gd = makeParameterOptimizer("gd", kindsTestRate(0.5));
    ParameterPath full = startParameterPath(*network, network->initialParameters());
    advanceParameterPath(full, *gd, *network, 10);
    gd->reset();
    ParameterPath mini = startParameterPath(*network, network->initialParameters());
    advanceParameterPath(mini, *gd, *network, 10, batches);
    CHECK(mini.last != full.last);
    gd->reset();
    ParameterPath whole = startParameterPath(*network, network->initialParameters());
    advanceParameterPath(whole, *gd, *network, 10, {.batchSize = 40, .seed = 1});
    CHECK((whole.last - full.last).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("a batch size past the samples, or minibatches of a loss without samples, are refused") {
    const auto network = smallNetwork();
    auto gd = makeParameterOptimizer("gd", kindsTestRate(0.5));
    ParameterPath path = startParameterPath(*network, network->initialParameters());
    CHECK_THROWS_WITH_AS(advanceParameterPath(path, *gd, *network, 5, {.batchSize = 41, .seed = 0}),
                         "batch size must be in [1, 40] (the samples of the data set), got 41",
                         std::invalid_argument);
    CHECK(path.steps() == 0);
    const SymmetricQuadraticProblem quadratic = quadraticWithEigenvalues(VecX{{1.0, 2.0}});
    ParameterPath noData = startParameterPath(quadratic, quadratic.initialParameters());
    CHECK_THROWS_AS(advanceParameterPath(noData, *gd, quadratic, 5, {.batchSize = 1, .seed = 0}),
                    std::invalid_argument);
}
