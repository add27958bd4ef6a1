// The linearized network f(w0) + J(w0)(w - w0): equal to the network at w0, exactly affine in w, its J
// against finite differences of the network, its gradient and Hessian against finite differences of its
// own loss, gradient descent on it against the closed form of a quadratic, and (the NTK regime) the
// network's own training approaching it as the width grows.

#include "networks/linearized_problem.h"
#include "networks/problem_spec.h"
#include "networks/sharpness.h"
#include "optimizers/parameter_optimizer.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <thread>

using namespace gradscape;

namespace {

std::shared_ptr<const NetworkProblem> linearizedTestNet(std::vector<int> layers, Activation activation,
                                                        Loss loss, int samples = 24, std::uint64_t seed = 7) {
    ProblemSpec spec;
    spec.layers = std::move(layers);
    spec.activation = activation;
    spec.loss = loss;
    spec.seed = seed;
    spec.data = {spec.layers.front() == 1 ? DatasetKind::Sine : DatasetKind::Moons, samples, 0.1, seed + 1,
                 2};
    return makeProblem(spec);
}

VecX linearizedTestDirection(Eigen::Index n, double phase) {
    VecX v(n);
    for (Eigen::Index i = 0; i < n; ++i)
        v[i] = std::cos(1.1 * i + phase);
    return v;
}

bool linearizedClose(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double relative) {
    return (a - b).norm() <= relative * std::max(1.0, b.norm());
}

// J (outputs x samples flattened, by n) column by column from JVPs.
Eigen::MatrixXd linearizedDenseJacobian(const LinearizedNetworkProblem& problem) {
    const int n = problem.dimension();
    const Eigen::Index outputs = problem.centerOutputs().size();
    Eigen::MatrixXd j(outputs, n);
    for (int i = 0; i < n; ++i)
        j.col(i) = problem.jacobianTimes(VecX::Unit(n, i)).reshaped();
    return j;
}

struct LinearizedCase {
    std::vector<int> layers;
    Activation activation;
    Loss loss;
};

const LinearizedCase kLinearizedCases[] = {
    {{2, 5, 1}, Activation::Tanh, Loss::Mse},
    {{2, 4, 3, 1}, Activation::Gelu, Loss::Bce},
    {{2, 6, 1}, Activation::Relu, Loss::Bce},
    {{1, 8, 1}, Activation::Tanh, Loss::Mse},
};

}  // namespace

TEST_CASE("at w0 the linearized network is the network: outputs, loss and gradient") {
    for (const LinearizedCase& c : kLinearizedCases) {
        const auto network = linearizedTestNet(c.layers, c.activation, c.loss);
        const LinearizedNetworkProblem linear(network);
        CAPTURE(linear.name());
        CHECK(linear.name() == network->name() + " linearized at w0");
        CHECK(linear.dimension() == network->dimension());
        CHECK(linear.sampleCount() == network->sampleCount());
        const VecX w0 = network->initialParameters();
        CHECK(linear.initialParameters() == w0);
        CHECK(linear.centerOutputs() == network->outputsAt(w0));
        CHECK(linear.outputsAt(w0) == network->outputsAt(w0));
        VecX g, gLinear;
        const double value = network->valueAndGradientAt(w0, g);
        CHECK(linear.valueAndGradientAt(w0, gLinear) == value);
        CHECK(linear.valueAt(w0) == value);
        CHECK(linearizedClose(gLinear, g, 1e-14));
    }
}

TEST_CASE("the linearized outputs are exactly affine in w, with the network's J from finite differences") {
    for (const LinearizedCase& c : kLinearizedCases) {
        const auto network = linearizedTestNet(c.layers, c.activation, c.loss);
        const LinearizedNetworkProblem linear(network);
        CAPTURE(linear.name());
        const VecX w0 = network->initialParameters();
        const VecX v = linearizedTestDirection(w0.size(), 0.4);
        const Eigen::MatrixXd jv = linear.jacobianTimes(v);
        for (const double t : {-3.0, -0.5, 0.25, 1.0, 7.0}) {
            CAPTURE(t);
            CHECK(linearizedClose(linear.outputsAt(w0 + t * v), linear.centerOutputs() + t * jv, 1e-13));
        }
        // J v against central differences of the network's own outputs.
        const double h = 1e-6;
        const Eigen::MatrixXd difference =
            (network->outputsAt(w0 + h * v) - network->outputsAt(w0 - h * v)) / (2 * h);
        CHECK(linearizedClose(jv, difference, 1e-7));
        // J^T a against the dense J.
        const Eigen::MatrixXd jacobian = linearizedDenseJacobian(linear);
        Eigen::MatrixXd adjoint = Eigen::MatrixXd::NullaryExpr(
            jv.rows(), jv.cols(), [](Eigen::Index i, Eigen::Index j) { return std::sin(0.3 + i + 2.0 * j); });
        VecX jta;
        linear.jacobianTransposeTimes(adjoint, jta);
        CHECK(linearizedClose(jta, jacobian.transpose() * adjoint.reshaped(), 1e-13));
    }
}

TEST_CASE("the linearized loss's gradient and Hessian-vector products against finite differences") {
    for (const LinearizedCase& c : kLinearizedCases) {
        const auto network = linearizedTestNet(c.layers, c.activation, c.loss);
        const LinearizedNetworkProblem linear(network);
        CAPTURE(linear.name());
        const Eigen::Index n = linear.dimension();
        const VecX w = linear.center() + 0.7 * linearizedTestDirection(n, 1.3);
        VecX gradient;
        const double value = linear.valueAndGradientAt(w, gradient);
        CHECK(value == linear.valueAt(w));
        VecX difference(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            VecX a = w, b = w;
            a[i] += 1e-6, b[i] -= 1e-6;
            difference[i] = (linear.valueAt(a) - linear.valueAt(b)) / 2e-6;
        }
        CHECK(linearizedClose(gradient, difference, 1e-7));
        const VecX v = linearizedTestDirection(n, 2.1);
        VecX hv, ga, gb;
        linear.hessianVectorProduct(w, v, hv);
        linear.valueAndGradientAt(w + 1e-5 * v, ga);
        linear.valueAndGradientAt(w - 1e-5 * v, gb);
        CHECK(linearizedClose(hv, (ga - gb) / 2e-5, 1e-7));
        // The Gauss-Newton form from the dense J: for MSE, (2/N) J^T J v at every w.
        if (c.loss == Loss::Mse) {
            const Eigen::MatrixXd jacobian = linearizedDenseJacobian(linear);
            const double count = static_cast<double>(linear.centerOutputs().size());
            CHECK(linearizedClose(hv, (2 / count) * jacobian.transpose() * (jacobian * v), 1e-12));
        }
    }
}

TEST_CASE("a linearized minibatch is the mean over its samples; a plane's values are valueAt's") {
    const auto network = linearizedTestNet({2, 5, 1}, Activation::Tanh, Loss::Bce, 16);
    const LinearizedNetworkProblem linear(network);
    const VecX w = linear.center() + 0.5 * linearizedTestDirection(linear.dimension(), 0.9);
    std::vector<int> all(16);
    for (int i = 0; i < 16; ++i)
        all[i] = i;
    VecX g, gAll;
    const double full = linear.valueAndGradientAt(w, g);
    CHECK(linear.minibatchValueAndGradientAt(w, all, gAll) == doctest::Approx(full).epsilon(1e-14));
    CHECK(linearizedClose(gAll, g, 1e-13));
    // Two samples, one listed twice, against the network's outputs by hand.
    const std::vector<int> batch = {3, 11, 3};
    const Eigen::MatrixXd outputs = linear.outputsAt(w);
    double expected = 0;
    for (const int i : batch) {
        const double z = outputs(0, i), t = network->data().targets(0, i);
        expected += std::max(z, 0.0) - z * t + std::log1p(std::exp(-std::abs(z)));
    }
    VecX gBatch;
    CHECK(linear.minibatchValueAndGradientAt(w, batch, gBatch) ==
          doctest::Approx(expected / 3).epsilon(1e-13));
    CHECK_THROWS_WITH_AS(linear.minibatchValueAndGradientAt(w, std::vector<int>{16}, gBatch),
                         doctest::Contains("outside [0, 15]"), std::invalid_argument);
    // The full-batch passes after a minibatch still read the pass at w0 on every sample.
    CHECK(linear.valueAt(w) == full);

    const VecX d1 = linearizedTestDirection(linear.dimension(), 0.2),
               d2 = linearizedTestDirection(linear.dimension(), 3.0);
    const std::vector<Vec2> coordinates = {{0, 0}, {1, -2}, {-0.3, 0.7}};
    std::vector<double> values(coordinates.size());
    linear.valuesOnPlane(w, d1, d2, coordinates, values);
    for (size_t i = 0; i < coordinates.size(); ++i)
        CHECK(values[i] ==
              doctest::Approx(linear.valueAt(w + coordinates[i].x() * d1 + coordinates[i].y() * d2))
                  .epsilon(1e-12));
}

TEST_CASE("linearized problems share threads and a thread alternates between them") {
    const LinearizedNetworkProblem a(linearizedTestNet({2, 6, 1}, Activation::Tanh, Loss::Bce, 24, 1));
    const LinearizedNetworkProblem b(linearizedTestNet({2, 6, 1}, Activation::Tanh, Loss::Bce, 24, 2));
    const VecX wa = a.center() + 0.3 * linearizedTestDirection(a.dimension(), 0.1);
    const VecX wb = b.center() + 0.3 * linearizedTestDirection(b.dimension(), 0.1);
    const double va = a.valueAt(wa), vb = b.valueAt(wb);
    REQUIRE(va != vb);
    // One thread switching problems, and several threads at once, get the same values.
    for (int i = 0; i < 3; ++i) {
        CHECK(a.valueAt(wa) == va);
        CHECK(b.valueAt(wb) == vb);
    }
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const bool first = (i + t) % 2 == 0;
                if ((first ? a.valueAt(wa) : b.valueAt(wb)) != (first ? va : vb)) ++wrong[t];
            }
        });
    for (auto& thread : threads)
        thread.join();
    for (int t = 0; t < 4; ++t)
        CHECK(wrong[t] == 0);
}

TEST_CASE("a linearized problem refuses a probe, a null network and a bad center") {
    ProblemSpec spec;
    spec.layers = {2, 4, 1};
    spec.probe = true;
    CHECK_THROWS_WITH_AS(LinearizedNetworkProblem{makeProblem(spec)}, doctest::Contains("already linear"),
                         std::invalid_argument);
    CHECK_THROWS_AS(LinearizedNetworkProblem{nullptr}, std::invalid_argument);
    spec.probe = false;
    CHECK_THROWS_WITH_AS((LinearizedNetworkProblem{makeProblem(spec), VecX::Zero(3)}),
                         doctest::Contains("the center has 3 entries"), std::invalid_argument);
    const auto network = makeProblem(spec);
    CHECK_THROWS_AS(LinearizedNetworkProblem(network).valueAt(VecX::Zero(2)), std::invalid_argument);
}

TEST_CASE("a spec with linearized trains the linearization; makeProblem stays the network") {
    ProblemSpec spec;
    spec.layers = {2, 6, 1};
    spec.linearized = true;
    CHECK(validate(spec).empty());
    const auto network = makeProblem(spec);
    CHECK(network->name() == "mlp 2-6-1 tanh on moons, bce");
    const auto trained = makeTrainedProblem(spec);
    CHECK(trained->name() == "mlp 2-6-1 tanh on moons, bce linearized at w0");
    const auto* linear = dynamic_cast<const LinearizedNetworkProblem*>(trained.get());
    REQUIRE(linear);
    CHECK(linear->center() == network->initialParameters());
    spec.linearized = false;
    CHECK(makeTrainedProblem(spec)->name() == network->name());
    spec.linearized = spec.probe = true;
    const auto errors = validate(spec);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rfind("linearized excludes probe", 0) == 0);
    CHECK_THROWS_AS(makeTrainedProblem(spec), std::invalid_argument);
}

TEST_CASE("gradient descent on the linearized MSE loss follows the closed form of a quadratic") {
    const auto network = linearizedTestNet({1, 12, 1}, Activation::Tanh, Loss::Mse, 20);
    const LinearizedNetworkProblem linear(network);
    const Eigen::MatrixXd j = linearizedDenseJacobian(linear);
    const double count = static_cast<double>(j.rows());
    const VecX r0 = (linear.centerOutputs() - network->data().targets).reshaped();
    // L(w) = |r0 + J d|^2 / N, d = w - w0: H = (2/N) J^T J, the gradient at w0 g0 = (2/N) J^T r0.
    const Eigen::MatrixXd hessian = (2 / count) * j.transpose() * j;
    const VecX g0 = (2 / count) * j.transpose() * r0;
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(hessian);
    const double top = eigen.eigenvalues().maxCoeff();
    CHECK(sharpnessAt(linear, linear.center()) == doctest::Approx(top).epsilon(1e-8));

    Hyperparameters hp;
    hp.learningRate = 1.5 / top;  // below 2 / lambda_max
    auto gd = makeParameterOptimizer("gd", hp);
    ParameterPath path = startParameterPath(linear, linear.center());
    advanceParameterPath(path, *gd, linear, 300);
    REQUIRE_FALSE(path.diverged());
    // d_k = -sum_{i<k} (I - eta H)^i eta g0 = -sum over H's eigenpairs (h, u) of (1 - (1 - eta h)^k)/h (u.g0)
    // u (g0 lies in J^T's range, so the h = 0 directions carry nothing: k eta (u.g0) u with u.g0 ~ 0).
    const double eta = hp.learningRate;
    for (const int k : {1, 10, 100, 300}) {
        CAPTURE(k);
        VecX d = VecX::Zero(linear.dimension());
        for (Eigen::Index e = 0; e < eigen.eigenvalues().size(); ++e) {
            const double h = eigen.eigenvalues()[e];
            const VecX u = eigen.eigenvectors().col(e);
            // 1 - (1 - eta h)^k, without cancellation for small eta h
            const double share =
                eta * h < 1 ? -std::expm1(k * std::log1p(-eta * h)) : 1 - std::pow(1 - eta * h, k);
            const double factor = std::abs(h) > 1e-12 * top ? share / h : k * eta;
            d -= factor * u.dot(g0) * u;
        }
        const VecX closedForm = linear.center() + d;
        CHECK(linearizedClose(path.iterates[k], closedForm, 1e-9));
        const double closedLoss = (r0 + j * d).squaredNorm() / count;
        CHECK(path.losses[k] == doctest::Approx(closedLoss).epsilon(1e-9));
    }
}

// The NTK regime. torch's default initialization is the standard parametrization: the last layer's
// features are O(1) each, so the tangent kernel, and with it lambda_max of the linearized MSE Hessian,
// grows in proportion to the width, and a fixed learning rate diverges once the network is wide enough.
// With the rate scaled to 1 / lambda_max (half the stable bound, so about 1 / width), the network's
// training approaches its linearization's as it widens: the paths' distance falls about as
// 1 / sqrt(width), the losses' largest gap about as 1 / width. Here, 300 steps on 32 sine samples:
//   width                16      64      256     1024
//   lambda_max           9.06    29.6    130     513
//   path distance        0.40    0.27    0.058   0.015    |w_real - w_lin| / |w_lin - w0|
//   largest loss gap     5.8e-2  4.6e-3  5.0e-4  2.4e-5   max_k |L_real - L_lin| / L_0
//   final loss gap       3.9e-2  5.3e-3  6.7e-5  3.6e-5   |L_real - L_lin| / L_lin at the end
TEST_CASE("as the width grows, training the network approaches training its linearization (lr ~ 1/width)") {
    struct Run {
        double sharpness, pathDistance, largestGap, finalGap;
    };
    std::vector<Run> runs;
    for (const int width : {16, 64, 256, 1024}) {
        CAPTURE(width);
        ProblemSpec spec;
        spec.layers = {1, width, 1};
        spec.loss = Loss::Mse;
        spec.seed = 1;
        spec.data = {DatasetKind::Sine, 32, 0.1, 11, 1};
        const auto network = makeProblem(spec);
        const LinearizedNetworkProblem linear(network);
        Run run;
        run.sharpness = sharpnessAt(linear, linear.center());
        Hyperparameters hp;
        hp.learningRate = 1 / run.sharpness;
        auto gdReal = makeParameterOptimizer("gd", hp), gdLinear = makeParameterOptimizer("gd", hp);
        ParameterPath real = startParameterPath(*network, network->initialParameters());
        ParameterPath lazy = startParameterPath(linear, linear.center());
        const int steps = 300;
        advanceParameterPath(real, *gdReal, *network, steps);
        advanceParameterPath(lazy, *gdLinear, linear, steps);
        REQUIRE_FALSE(real.diverged());
        REQUIRE_FALSE(lazy.diverged());
        CHECK(lazy.losses[steps] < 0.2 * lazy.losses[0]);  // both learn
        run.pathDistance = (real.last - lazy.last).norm() / (lazy.last - linear.center()).norm();
        run.largestGap = 0;
        for (int k = 0; k <= steps; ++k)
            run.largestGap =
                std::max(run.largestGap, std::abs(real.losses[k] - lazy.losses[k]) / real.losses[0]);
        run.finalGap = std::abs(real.losses[steps] - lazy.losses[steps]) / lazy.losses[steps];
        runs.push_back(run);
        // A fixed rate that suits the narrow network is past 2 / lambda_max for the wide one.
        if (width == 1024) {
            hp.learningRate = 0.01;
            auto fixed = makeParameterOptimizer("gd", hp);
            ParameterPath wide = startParameterPath(*network, network->initialParameters());
            advanceParameterPath(wide, *fixed, *network, steps);
            CHECK(wide.diverged());
        }
    }
    CHECK(runs.back().sharpness > 25 * runs.front().sharpness);  // 64 times the width
    for (size_t i = 1; i < runs.size(); ++i) {
        CAPTURE(i);
        CAPTURE(runs[i].pathDistance);
        CAPTURE(runs[i].largestGap);
        CAPTURE(runs[i].finalGap);
        CHECK(runs[i].pathDistance < 0.75 * runs[i - 1].pathDistance);
        CHECK(runs[i].largestGap < 0.5 * runs[i - 1].largestGap);
        CHECK(runs[i].finalGap < runs[i - 1].finalGap);
    }
    CHECK(runs.back().pathDistance < 0.03);
    CHECK(runs.back().largestGap < 1e-4);
}
