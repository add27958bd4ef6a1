// The MLP's layout and passes: the outputs of a network worked out by hand, gradients by backpropagation
// and Hessian-vector products by the R-operator against finite differences, minibatches, the probe, planes
// of losses against valueAt.

#include "networks/mlp.h"
#include "networks/network_problem.h"
#include "networks/problem_spec.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

using namespace gradscape;

namespace {

// A seeded problem, its data set made for its first layer (moons for 2 inputs, sine for 1, linear else).
std::shared_ptr<const NetworkProblem> mlpTestProblem(std::vector<int> layers, Activation activation, Loss loss,
                                                     int samples = 24, std::uint64_t seed = 3) {
    ProblemSpec spec;
    spec.layers = std::move(layers);
    spec.activation = activation;
    spec.loss = loss;
    spec.seed = seed;
    spec.data = {DatasetKind::Moons, samples, 0.2, seed + 1, spec.layers.front()};
    if (spec.layers.front() == 1) spec.data.kind = DatasetKind::Sine;
    if (spec.layers.front() > 2) spec.data.kind = DatasetKind::Linear;
    return makeProblem(spec);
}

// A point away from the seeded start, so the checks do not lean on small initial weights.
Eigen::VectorXd mlpTestPoint(const Problem& problem) {
    Eigen::VectorXd w = problem.initialParameters();
    for (Eigen::Index i = 0; i < w.size(); ++i)
        w[i] = 1.3 * w[i] + 0.2 * std::sin(1.7 * i + 0.3);
    return w;
}

Eigen::VectorXd mlpTestDirection(Eigen::Index n, double phase) {
    Eigen::VectorXd v(n);
    for (Eigen::Index i = 0; i < n; ++i)
        v[i] = std::cos(0.9 * i + phase);
    return v;
}

Eigen::VectorXd mlpDifferenceGradient(const Problem& problem, const Eigen::VectorXd& w, double h) {
    Eigen::VectorXd g(w.size());
    for (Eigen::Index i = 0; i < w.size(); ++i) {
        Eigen::VectorXd a = w, b = w;
        a[i] += h, b[i] -= h;
        g[i] = (problem.valueAt(a) - problem.valueAt(b)) / (2 * h);
    }
    return g;
}

Eigen::VectorXd mlpDifferenceHvp(const Problem& problem, const Eigen::VectorXd& w, const Eigen::VectorXd& v,
                                 double h) {
    Eigen::VectorXd ga, gb;
    problem.valueAndGradientAt(w + h * v, ga);
    problem.valueAndGradientAt(w - h * v, gb);
    return (ga - gb) / (2 * h);
}

// The smallest |pre-activation| of any hidden unit on any sample: how far from ReLU's kink w is.
double mlpDistanceToKink(const NetworkProblem& problem, const Eigen::VectorXd& w) {
    MlpWorkspace ws;
    problem.network().forward(w, problem.data().inputs, ws, false);
    double distance = INFINITY;
    for (int l = 0; l + 1 < problem.network().layerCount(); ++l)
        distance = std::min(distance, ws.pre[l].cwiseAbs().minCoeff());
    return distance;
}

bool mlpClose(const Eigen::VectorXd& a, const Eigen::VectorXd& b, double relative) {
    return (a - b).norm() <= relative * std::max(1.0, b.norm());
}

}  // namespace

TEST_CASE("layout: a 2-2-1 tanh network's output from known W and b, in torch's order") {
    // W1 = [[1, 2], [3, 4]], b1 = [0.5, -0.5], W2 = [[1, -1]], b2 = [0.25], flattened W1 row by row, b1, W2, b2.
    Eigen::VectorXd w(9);
    w << 1, 2, 3, 4, 0.5, -0.5, 1, -1, 0.25;
    const Mlp mlp({{2, 2, 1}, Activation::Tanh});
    CHECK(mlp.parameterCount() == 9);
    CHECK(mlp.weightOffset(1) == 6);
    CHECK(mlp.biasOffset(0) == 4);
    CHECK(mlp.weight(w, 0)(1, 0) == 3);
    Eigen::MatrixXd x(2, 2);
    x << 0.1, -1,
         0.2, 0.5;  // two samples as columns: (0.1, 0.2) and (-1, 0.5)
    const Eigen::MatrixXd y = mlp.outputs(w, x);
    REQUIRE(y.rows() == 1);
    REQUIRE(y.cols() == 2);
    // Sample 1: z = (0.1 + 0.4 + 0.5, 0.3 + 0.8 - 0.5) = (1, 0.6). Sample 2: z = (-1 + 1 + 0.5, -3 + 2 - 0.5).
    CHECK(y(0, 0) == doctest::Approx(std::tanh(1.0) - std::tanh(0.6) + 0.25).epsilon(1e-15));
    CHECK(y(0, 1) == doctest::Approx(std::tanh(0.5) - std::tanh(-1.5) + 0.25).epsilon(1e-15));

    // ReLU and the exact GELU on a 1-1-1 identity network: s(x) itself.
    Eigen::VectorXd identity(4);
    identity << 1, 0, 1, 0;
    Eigen::MatrixXd points(1, 3);
    points << -1, 0.5, 1;
    const Eigen::MatrixXd relu = Mlp({{1, 1, 1}, Activation::Relu}).outputs(identity, points);
    CHECK(relu(0, 0) == 0);
    CHECK(relu(0, 1) == 0.5);
    const Eigen::MatrixXd gelu = Mlp({{1, 1, 1}, Activation::Gelu}).outputs(identity, points);
    CHECK(gelu(0, 2) == doctest::Approx(0.8413447460685429).epsilon(1e-15));   // 1 * Phi(1)
    CHECK(gelu(0, 0) == doctest::Approx(-0.15865525393145707).epsilon(1e-14));  // -1 * Phi(-1)
}

TEST_CASE("initial weights: torch.nn.Linear's bounds per layer, the same from the seed") {
    const MlpShape shape{{2, 16, 4, 1}, Activation::Tanh};
    const Mlp mlp(shape);
    const Eigen::VectorXd w = initialWeights(shape, 11);
    REQUIRE(w.size() == 2 * 16 + 16 + 16 * 4 + 4 + 4 + 1);
    for (int l = 0; l < 3; ++l) {
        const double k = 1 / std::sqrt(double(shape.layers[l]));
        const int count = mlp.biasOffset(l) + shape.layers[l + 1] - mlp.weightOffset(l);
        const auto layer = w.segment(mlp.weightOffset(l), count);
        CHECK(layer.maxCoeff() < k);
        CHECK(layer.minCoeff() >= -k);
        if (count > 20) CHECK(layer.maxCoeff() > 0.5 * k);  // the bounds are reached, not a smaller range
    }
    CHECK(initialWeights(shape, 11) == w);
    CHECK(initialWeights(shape, 12) != w);
}

TEST_CASE("gradients by backpropagation agree with central differences: tanh, gelu, relu; mse and bce") {
    const std::vector<std::vector<int>> shapes = {{2, 5, 1}, {2, 4, 3, 1}, {1, 6, 1}, {3, 4, 1}, {2, 1}};
    for (const auto& layers : shapes)
        for (const Activation activation : {Activation::Tanh, Activation::Gelu, Activation::Relu})
            for (const Loss loss : {Loss::Mse, Loss::Bce}) {
                if (loss == Loss::Bce && layers.front() != 2) continue;  // bce needs the 0/1 classes of moons
                const auto problem = mlpTestProblem(layers, activation, loss);
                CAPTURE(problem->name());
                const Eigen::VectorXd w = mlpTestPoint(*problem);
                if (activation == Activation::Relu) REQUIRE(mlpDistanceToKink(*problem, w) > 1e-4);
                Eigen::VectorXd gradient;
                const double value = problem->valueAndGradientAt(w, gradient);
                CHECK(value == problem->valueAt(w));
                CHECK(gradient.size() == problem->dimension());
                CHECK(mlpClose(gradient, mlpDifferenceGradient(*problem, w, 1e-6), 1e-6));
            }
}

TEST_CASE("the minibatch of every sample is the full batch; a smaller one is the mean over its samples") {
    const auto problem = mlpTestProblem({2, 8, 8, 1}, Activation::Tanh, Loss::Bce, 30);
    const Eigen::VectorXd w = mlpTestPoint(*problem);
    std::vector<int> all(30);
    std::iota(all.begin(), all.end(), 0);
    Eigen::VectorXd full, batch;
    const double value = problem->valueAndGradientAt(w, full);
    CHECK(problem->minibatchValueAndGradientAt(w, all, batch) == doctest::Approx(value).epsilon(1e-15));
    CHECK(mlpClose(batch, full, 1e-14));

    // Samples 3, 7, 7: the mean of three per-sample losses and gradients (7 counted twice).
    const std::vector<int> listed = {3, 7, 7};
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(w.size()), one;
    double sumValue = 0;
    for (const int i : listed) {
        sumValue += problem->minibatchValueAndGradientAt(w, std::vector<int>{i}, one);
        sum += one;
    }
    CHECK(problem->minibatchValueAndGradientAt(w, listed, batch) == doctest::Approx(sumValue / 3).epsilon(1e-14));
    CHECK(mlpClose(batch, sum / 3, 1e-13));
    CHECK_THROWS_AS(problem->minibatchValueAndGradientAt(w, std::vector<int>{30}, batch), std::invalid_argument);
    CHECK_THROWS_AS(problem->minibatchValueAndGradientAt(w, std::vector<int>{}, batch), std::invalid_argument);
    CHECK_THROWS_AS(problem->valueAt(Eigen::VectorXd::Zero(3)), std::invalid_argument);
}

TEST_CASE("Hessian-vector products by the R-operator agree with differences of gradients and are symmetric") {
    const std::vector<std::vector<int>> shapes = {{2, 5, 1}, {2, 4, 3, 1}, {1, 6, 1}, {3, 4, 1}};
    for (const auto& layers : shapes)
        for (const Activation activation : {Activation::Tanh, Activation::Gelu, Activation::Relu})
            for (const Loss loss : {Loss::Mse, Loss::Bce}) {
                if (loss == Loss::Bce && layers.front() != 2) continue;
                const auto problem = mlpTestProblem(layers, activation, loss);
                CAPTURE(problem->name());
                const Eigen::VectorXd w = mlpTestPoint(*problem);
                if (activation == Activation::Relu) REQUIRE(mlpDistanceToKink(*problem, w) > 1e-4);
                const Eigen::VectorXd u = mlpTestDirection(w.size(), 0.1);
                const Eigen::VectorXd v = mlpTestDirection(w.size(), 2.0);
                Eigen::VectorXd hv, hu;
                problem->hessianVectorProduct(w, v, hv);
                problem->hessianVectorProduct(w, u, hu);
                CHECK(mlpClose(hv, mlpDifferenceHvp(*problem, w, v, 1e-5), 1e-6));
                CHECK(u.dot(hv) == doctest::Approx(v.dot(hu)).epsilon(1e-12));
            }
}

TEST_CASE("a 2-2-1 network's whole Hessian from Hessian-vector products equals the one by differences") {
    for (const Activation activation : {Activation::Tanh, Activation::Gelu})
        for (const Loss loss : {Loss::Mse, Loss::Bce}) {
            const auto problem = mlpTestProblem({2, 2, 1}, activation, loss, 12);
            CAPTURE(problem->name());
            const Eigen::VectorXd w = mlpTestPoint(*problem);
            const int n = problem->dimension();
            REQUIRE(n == 9);
            Eigen::MatrixXd exact(n, n), differences(n, n);
            for (int i = 0; i < n; ++i) {
                Eigen::VectorXd column;
                problem->hessianVectorProduct(w, Eigen::VectorXd::Unit(n, i), column);
                exact.col(i) = column;
                differences.col(i) = mlpDifferenceHvp(*problem, w, Eigen::VectorXd::Unit(n, i), 1e-5);
            }
            CHECK((exact - exact.transpose()).norm() <= 1e-13 * exact.norm());
            CHECK((exact - differences).norm() <= 1e-6 * exact.norm());
        }
}

TEST_CASE("bce stays finite for huge logits: max(z, 0) - z t + log1p(exp(-|z|))") {
    Dataset data;
    data.inputs = Eigen::MatrixXd::Constant(1, 2, 1.0);
    data.targets.resize(1, 2);
    data.targets << 0, 1;
    Eigen::VectorXd w(2);
    w << 1000, 0;  // z = 1000 on both samples: loss (1000 + 0) / 2
    const NetworkProblem problem({{1, 1}, Activation::Tanh}, Loss::Bce, data, w);
    Eigen::VectorXd gradient, hv;
    CHECK(problem.valueAndGradientAt(w, gradient) == doctest::Approx(500));
    CHECK(gradient.allFinite());
    CHECK(gradient[0] == doctest::Approx(0.5));  // (sigmoid - t) averaged: (1 + 0) / 2
    problem.hessianVectorProduct(w, Eigen::VectorXd::Ones(2), hv);
    CHECK(hv.allFinite());
    w[0] = -1000;
    CHECK(problem.valueAt(w) == doctest::Approx(500));
}

TEST_CASE("a linear probe trains the last layer on the frozen features") {
    ProblemSpec spec;
    spec.layers = {2, 6, 5, 1};
    spec.data.samples = 20;
    spec.seed = 8;
    const auto full = makeProblem(spec);
    spec.probe = true;
    const auto probe = makeProblem(spec);
    CHECK(probe->isLinearProbe());
    CHECK(probe->dimension() == 6);
    CHECK(probe->initialParameters() == full->initialParameters().tail(6));
    CHECK(probe->valueAt(probe->initialParameters()) == full->valueAt(full->initialParameters()));
    const Eigen::VectorXd w = mlpTestPoint(*probe);
    CHECK(probe->networkParameters(w).tail(6) == w);
    CHECK(probe->networkParameters(w).head(full->dimension() - 6) == full->initialParameters().head(full->dimension() - 6));
    CHECK(probe->valueAt(w) == doctest::Approx(full->valueAt(probe->networkParameters(w))).epsilon(1e-14));
    Eigen::VectorXd gradient, fullGradient, hv;
    probe->valueAndGradientAt(w, gradient);
    CHECK(mlpClose(gradient, mlpDifferenceGradient(*probe, w, 1e-6), 1e-6));
    full->valueAndGradientAt(probe->networkParameters(w), fullGradient);
    CHECK(mlpClose(gradient, fullGradient.tail(6), 1e-13));
    const Eigen::VectorXd v = mlpTestDirection(6, 0.5);
    probe->hessianVectorProduct(w, v, hv);
    CHECK(mlpClose(hv, mlpDifferenceHvp(*probe, w, v, 1e-5), 1e-6));
    spec.layers = {2, 1};
    CHECK_THROWS_AS(makeProblem(spec), std::invalid_argument);
}

namespace {

// valuesOnPlane against valueAt at the same points, within `relative`.
void checkPlaneAgainstValueAt(const NetworkProblem& problem, double relative) {
    const Eigen::VectorXd center = mlpTestPoint(problem);
    const Eigen::VectorXd d1 = 0.3 * mlpTestDirection(center.size(), 0.4), d2 = 0.5 * mlpTestDirection(center.size(), 2.1);
    std::vector<Vec2> coordinates;
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 6; ++j)
            coordinates.emplace_back(-1.5 + 0.5 * i, -1 + 0.4 * j);
    std::vector<double> values(coordinates.size());
    problem.valuesOnPlane(center, d1, d2, coordinates, values);
    for (std::size_t i = 0; i < coordinates.size(); ++i) {
        const double expected = problem.valueAt(center + coordinates[i].x() * d1 + coordinates[i].y() * d2);
        CAPTURE(i);
        CHECK(std::abs(values[i] - expected) <= relative * std::abs(expected));
    }
}

}  // namespace

TEST_CASE("a plane of losses in one call is valueAt at each point: every activation, loss, depth, the probe") {
    struct Case {
        std::vector<int> layers;
        Activation activation;
        Loss loss;
    };
    for (const Case& c : std::vector<Case>{{{2, 16, 16, 1}, Activation::Tanh, Loss::Bce},
                                           {{2, 32, 32, 1}, Activation::Tanh, Loss::Mse},
                                           {{1, 8, 1}, Activation::Gelu, Loss::Mse},
                                           {{3, 5, 4, 1}, Activation::Relu, Loss::Mse},
                                           {{2, 3, 7, 5, 1}, Activation::Tanh, Loss::Bce},
                                           {{2, 1}, Activation::Tanh, Loss::Bce}}) {
        const auto problem = mlpTestProblem(c.layers, c.activation, c.loss, 37);
        CAPTURE(problem->name());
        checkPlaneAgainstValueAt(*problem, 1e-12);
    }
    ProblemSpec spec;
    spec.layers = {2, 6, 5, 1};
    spec.probe = true;
    spec.data.samples = 29;
    const auto probe = makeProblem(spec);
    CAPTURE(probe->name());
    checkPlaneAgainstValueAt(*probe, 1e-12);

    // Vectors of the wrong size and spans of different lengths are refused; no point, nothing done.
    const Eigen::VectorXd center = probe->initialParameters();
    std::vector<Vec2> one = {Vec2(0, 0)};
    std::vector<double> none;
    CHECK_THROWS_AS(probe->valuesOnPlane(center, center, Eigen::VectorXd(2), one, std::span(none)),
                    std::invalid_argument);
    CHECK_THROWS_AS(probe->valuesOnPlane(center, center, center, one, std::span(none)), std::invalid_argument);
    probe->valuesOnPlane(center, center, center, {}, std::span(none));
}

TEST_CASE("threads share a problem for planes too: the same values from four threads at once") {
    const auto problem = mlpTestProblem({2, 16, 16, 1}, Activation::Tanh, Loss::Bce, 64);
    const Eigen::VectorXd center = mlpTestPoint(*problem);
    const Eigen::VectorXd d1 = mlpTestDirection(center.size(), 0.4), d2 = mlpTestDirection(center.size(), 1.0);
    std::vector<Vec2> coordinates;
    for (int i = 0; i < 40; ++i)
        coordinates.emplace_back(std::sin(0.3 * i), std::cos(0.7 * i));
    std::vector<double> expected(coordinates.size());
    problem->valuesOnPlane(center, d1, d2, coordinates, expected);
    std::vector<int> agreed(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            std::vector<double> values(coordinates.size());
            Eigen::VectorXd g;
            bool same = true;
            for (int k = 0; k < 20; ++k) {
                problem->valuesOnPlane(center, d1, d2, coordinates, values);
                problem->valueAndGradientAt(center, g);  // the same thread's buffers between planes
                same = same && values == expected;
            }
            agreed[t] = same;
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(agreed == std::vector<int>(4, 1));
}

TEST_CASE("threads share a problem: each pass runs in its own thread's buffers") {
    const auto problem = mlpTestProblem({2, 16, 16, 1}, Activation::Tanh, Loss::Bce, 64);
    const Eigen::VectorXd w = mlpTestPoint(*problem);
    Eigen::VectorXd expected, expectedHv;
    problem->valueAndGradientAt(w, expected);
    problem->hessianVectorProduct(w, w, expectedHv);
    std::vector<int> agreed(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            Eigen::VectorXd g, hv;
            bool same = true;
            for (int k = 0; k < 50; ++k) {
                problem->valueAndGradientAt(w, g);
                problem->hessianVectorProduct(w, w, hv);
                same = same && g == expected && hv == expectedHv;
            }
            agreed[t] = same;
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(agreed == std::vector<int>(4, 1));
}

TEST_CASE("classification accuracy counts the samples whose logit falls on their class's side") {
    auto problem = mlpTestProblem({2, 5, 1}, Activation::Tanh, Loss::Bce, 40);
    const Eigen::VectorXd w = mlpTestPoint(*problem);
    const Eigen::MatrixXd outputs = problem->outputsAt(w);
    int right = 0;
    for (int i = 0; i < problem->sampleCount(); ++i) {
        const bool saysOne = outputs(0, i) > 0, isOne = problem->data().targets(0, i) == 1;
        right += saysOne == isOne;
    }
    CHECK(classificationAccuracy(*problem, w) == doctest::Approx(right / 40.0));
    // Flipping the last layer's sign flips every decision (no logit is exactly 0).
    Eigen::VectorXd flipped = w;
    const Mlp& mlp = problem->network();
    const int last = mlp.layerCount() - 1;
    flipped.segment(mlp.weightOffset(last), mlp.parameterCount() - mlp.weightOffset(last)) *= -1;
    CHECK(classificationAccuracy(*problem, flipped) == doctest::Approx(1 - right / 40.0));
    CHECK(std::isnan(classificationAccuracy(*mlpTestProblem({1, 4, 1}, Activation::Tanh, Loss::Mse), w.head(13))));
}
