// Sharpness by Lanczos: against the dense Hessian's eigendecomposition (built from n Hessian-vector
// products) on small networks, equal to the known top eigenvalue of quadratics, the edge of stability on a
// quadratic (gradient descent converges below lambda_max = 2 / eta and diverges above), and the tracker
// along a path.

#include "networks/sharpness.h"
#include "landscapes/landscape.h"
#include "networks/problem_spec.h"
#include "optimizers/parameter_optimizer.h"

#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <numbers>

using namespace gradscape;

namespace {

std::shared_ptr<const NetworkProblem> sharpnessNet(std::vector<int> layers, Activation activation, Loss loss,
                                                   std::uint64_t seed = 5) {
    ProblemSpec spec;
    spec.layers = std::move(layers);
    spec.activation = activation;
    spec.loss = loss;
    spec.seed = seed;
    spec.data = {DatasetKind::Moons, 32, 0.2, seed + 1, 2};
    return makeProblem(spec);
}

// Away from the small initial weights, so the Hessian has negative eigenvalues too.
VecX sharpnessPoint(const Problem& problem) {
    VecX w = problem.initialParameters();
    for (Eigen::Index i = 0; i < w.size(); ++i)
        w[i] = 1.5 * w[i] + 0.3 * std::sin(2.3 * i + 0.1);
    return w;
}

// H(w) column by column from n Hessian-vector products.
Eigen::MatrixXd sharpnessDenseHessian(const Problem& problem, const VecX& w) {
    const int n = problem.dimension();
    Eigen::MatrixXd h(n, n);
    VecX column;
    for (int i = 0; i < n; ++i) {
        problem.hessianVectorProduct(w, VecX::Unit(n, i), column);
        h.col(i) = column;
    }
    return h;
}

// L(w) = 1/2 (w - c)^T A (w - c), A = Q diag(eigenvalues) Q^T with a fixed rotation Q.
class SharpnessQuadratic final : public Problem {
  public:
    explicit SharpnessQuadratic(const VecX& eigenvalues)
        : center_(VecX::LinSpaced(eigenvalues.size(), -1, 1)) {
        const Eigen::Index n = eigenvalues.size();
        Eigen::MatrixXd m(n, n);
        for (Eigen::Index i = 0; i < n; ++i)
            for (Eigen::Index j = 0; j < n; ++j)
                m(i, j) = std::sin(1.0 + 3.0 * i + 7.0 * j * j);
        const Eigen::HouseholderQR<Eigen::MatrixXd> qr(m);
        const Eigen::MatrixXd q = qr.householderQ();
        a_ = q * eigenvalues.asDiagonal() * q.transpose();
    }
    int dimension() const override { return static_cast<int>(a_.rows()); }
    double valueAt(const VecX& w) const override { return 0.5 * (w - center_).dot(a_ * (w - center_)); }
    double valueAndGradientAt(const VecX& w, VecX& gradient) const override {
        gradient = a_ * (w - center_);
        return 0.5 * (w - center_).dot(gradient);
    }
    void hessianVectorProduct(const VecX&, const VecX& v, VecX& product) const override { product = a_ * v; }
    VecX initialParameters() const override { return center_ + VecX::Ones(center_.size()); }
    std::string name() const override { return "quadratic"; }

  private:
    VecX center_;
    Eigen::MatrixXd a_;
};

}  // namespace

TEST_CASE("Lanczos's extreme eigenvalues equal the dense Hessian's on small networks") {
    struct Net {
        std::vector<int> layers;
        Activation activation;
        Loss loss;
    };
    for (const Net& net :
         {Net{{2, 4, 1}, Activation::Tanh, Loss::Mse}, Net{{2, 3, 3, 1}, Activation::Gelu, Loss::Bce},
          Net{{2, 5, 1}, Activation::Relu, Loss::Bce}, Net{{2, 6, 1}, Activation::Tanh, Loss::Bce}}) {
        const auto problem = sharpnessNet(net.layers, net.activation, net.loss);
        CAPTURE(problem->name());
        for (const VecX& w : {problem->initialParameters(), sharpnessPoint(*problem)}) {
            const Eigen::MatrixXd h = sharpnessDenseHessian(*problem, w);
            REQUIRE((h - h.transpose()).norm() <= 1e-12 * h.norm());
            const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(0.5 * (h + h.transpose()));
            const double top = dense.eigenvalues().maxCoeff(), bottom = dense.eigenvalues().minCoeff();
            const double scale = std::max(std::abs(top), std::abs(bottom));

            LanczosSettings settings;
            settings.smallest = true;
            const HessianExtremes found = hessianExtremes(*problem, w, settings);
            CHECK(found.converged);
            CHECK(found.iterations <= problem->dimension());
            CHECK(std::abs(found.largest.value - top) <= 1e-8 * scale);
            REQUIRE(found.smallest);
            CHECK(std::abs(found.smallest->value - bottom) <= 1e-8 * scale);
            // The eigenvector: unit, and its true residual within what Lanczos estimated (and small).
            CHECK(std::abs(found.largest.vector.norm() - 1) < 1e-12);
            const double residual =
                (h * found.largest.vector - found.largest.value * found.largest.vector).norm();
            CHECK(residual <= 1e-7 * scale);
            CHECK(sharpnessAt(*problem, w) == doctest::Approx(top).epsilon(1e-8));
        }
    }
}

TEST_CASE("Lanczos finds a larger network's sharpness in far fewer products than parameters") {
    const auto problem = sharpnessNet({2, 16, 16, 1}, Activation::Tanh, Loss::Bce);
    const VecX w = sharpnessPoint(*problem);
    const Eigen::MatrixXd h = sharpnessDenseHessian(*problem, w);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(0.5 * (h + h.transpose()),
                                                               Eigen::EigenvaluesOnly);
    const double top = dense.eigenvalues().maxCoeff();
    LanczosSettings settings;
    settings.maxIterations = 60;
    const HessianExtremes found = hessianExtremes(*problem, w, settings);
    CAPTURE(found.iterations);
    CAPTURE(found.largest.residual);
    CHECK(found.converged);
    CHECK(found.iterations < problem->dimension() / 4);
    CHECK(std::abs(found.largest.value - top) <= 1e-8 * std::abs(top));
}

TEST_CASE("the sharpness of a quadratic is its largest curvature") {
    // The 2D quadratic landscape: H = R^T diag(kappa, 1) R.
    const auto bowl = makeLandscape("quadratic", {{"kappa", 10.0}, {"theta", 30.0}});
    const LandscapeProblem planar(*bowl, Vec2(1, 1));
    LanczosSettings both;
    both.smallest = true;
    const HessianExtremes extremes = hessianExtremes(planar, planar.initialParameters(), both);
    CHECK(extremes.converged);
    CHECK(extremes.largest.value == doctest::Approx(10.0).epsilon(1e-12));
    CHECK(extremes.smallest->value == doctest::Approx(1.0).epsilon(1e-12));
    const double t = 30.0 * std::numbers::pi / 180.0;  // the kappa axis: R's first row
    CHECK(std::abs(extremes.largest.vector.dot(Vec2(std::cos(t), std::sin(t)))) ==
          doctest::Approx(1.0).epsilon(1e-10));

    // A 40-dimensional one with a known spectrum, negative curvature included, in fewer products than n.
    VecX eigenvalues = VecX::LinSpaced(40, -3.0, 2.0);
    eigenvalues[39] = 25.0;
    eigenvalues[0] = -7.0;
    const SharpnessQuadratic quadratic(eigenvalues);
    const HessianExtremes found = hessianExtremes(quadratic, quadratic.initialParameters(), both);
    CHECK(found.converged);
    CHECK(found.iterations < 40);
    CHECK(found.largest.value == doctest::Approx(25.0).epsilon(1e-10));
    CHECK(found.smallest->value == doctest::Approx(-7.0).epsilon(1e-10));
}

TEST_CASE(
    "edge of stability: gradient descent on a quadratic converges when lambda_max < 2/eta, diverges above") {
    VecX eigenvalues = VecX::LinSpaced(12, 0.2, 3.0);
    eigenvalues[11] = 8.0;
    const SharpnessQuadratic quadratic(eigenvalues);
    const double sharpness = sharpnessAt(quadratic, quadratic.initialParameters());
    REQUIRE(sharpness == doctest::Approx(8.0).epsilon(1e-10));
    for (const double ratio : {0.9, 0.99, 1.01, 1.2}) {  // lambda_max / (2 / eta)
        CAPTURE(ratio);
        Hyperparameters hp;
        hp.learningRate = ratio * 2.0 / sharpness;
        auto gd = makeParameterOptimizer("gd", hp);
        ParameterPath path = startParameterPath(quadratic, quadratic.initialParameters());
        advanceParameterPath(path, *gd, quadratic, 4000);
        if (ratio < 1) {
            CHECK_FALSE(path.diverged());
            CHECK(path.losses.back() < 1e-6 * path.losses[0]);
        } else {
            // |1 - eta lambda_max| > 1: the top direction grows geometrically until it passes the radius.
            CHECK(path.diverged());
        }
    }
}

TEST_CASE("the sharpness tracker warm-starts along a path and agrees with cold starts") {
    const auto problem = sharpnessNet({2, 16, 1}, Activation::Tanh, Loss::Bce, 8);
    Hyperparameters hp;
    hp.learningRate = 0.5;
    auto gd = makeParameterOptimizer("gd", hp);
    ParameterPath path = startParameterPath(*problem, problem->initialParameters());
    advanceParameterPath(path, *gd, *problem, 200);
    REQUIRE(path.keptStride == 1);
    const auto samples = sharpnessAlongIterates(*problem, path.iterates, path.keptStride, 25);
    REQUIRE(samples.size() == 9);  // steps 0, 25, ..., 200
    int warm = 0, cold = 0;
    for (const SharpnessSample& sample : samples) {
        CAPTURE(sample.step);
        const HessianExtremes fresh = hessianExtremes(*problem, path.iterates[sample.step]);
        CHECK(sample.converged);
        CHECK(sample.sharpness == doctest::Approx(fresh.largest.value).epsilon(1e-8));
        if (sample.step > 0) warm += sample.iterations, cold += fresh.iterations;
    }
    CHECK(warm < cold);
    // The same points give the same samples; a path's stride is honoured.
    const auto again = sharpnessAlongIterates(*problem, path.iterates, path.keptStride, 25);
    CHECK(again.back().sharpness == samples.back().sharpness);
    const std::vector<VecX> everyOther = {path.iterates[0], path.iterates[2], path.iterates[4]};
    const auto strided = sharpnessAlongIterates(*problem, everyOther, 2, 4);
    REQUIRE(strided.size() == 2);
    CHECK(strided[1].step == 4);
}

TEST_CASE("Lanczos refuses bad settings and sizes, naming them") {
    const auto problem = sharpnessNet({2, 3, 1}, Activation::Tanh, Loss::Mse);
    const VecX w = problem->initialParameters();
    LanczosSettings bad;
    bad.maxIterations = 0;
    CHECK_THROWS_WITH_AS(hessianExtremes(*problem, w, bad),
                         doctest::Contains("maxIterations must be in [1, 1000]"), std::invalid_argument);
    bad = {};
    bad.tolerance = 0;
    CHECK_THROWS_WITH_AS(SharpnessTracker{bad}, doctest::Contains("tolerance must be in (0, 1)"),
                         std::invalid_argument);
    CHECK_THROWS_AS(hessianExtremes(*problem, VecX::Zero(3)), std::invalid_argument);
    const VecX wrongStart = VecX::Ones(2);
    CHECK_THROWS_AS(hessianExtremes(*problem, w, {}, &wrongStart), std::invalid_argument);
    // A zero start falls back to the seeded one.
    const VecX zero = VecX::Zero(w.size());
    CHECK(hessianExtremes(*problem, w, {}, &zero).largest.value == doctest::Approx(sharpnessAt(*problem, w)));
}
