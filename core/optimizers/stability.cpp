// The stability analysis every optimizer shares: A = H + wd I, its flat and curved directions, the
// spectral radius of the row's iteration matrix; the row's form supplies M(eta) and the bound.

#include "optimizers/stability.h"

#include "landscapes/regularization.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <vector>

namespace gradscape {
namespace {

using MatX = Eigen::MatrixXd;

Vec2 symmetricEigenvalues(const Mat2& m) {
    return Eigen::SelfAdjointEigenSolver<Mat2>(0.5 * (m + m.transpose())).eigenvalues();
}

std::string format(const char* pattern, double value) {
    char text[256];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

}  // namespace

int flatDirections(const Mat2& hessian, double weightDecay) {
    const Vec2 a = symmetricEigenvalues(hessian + weightDecay * Mat2::Identity());
    const double scale = a.cwiseAbs().maxCoeff();
    if (!(scale > 0) || !std::isfinite(scale)) return 2;
    return static_cast<int>(std::abs(a[0]) <= 1e-10 * scale) +
           static_cast<int>(std::abs(a[1]) <= 1e-10 * scale);
}

std::optional<MatX> iterationMatrix(const Mat2& hessian, const OptimizerSettings& settings, double eta) {
    const OptimizerInfo& info = optimizerInfo(settings.kind);
    const Hyperparameters& h = settings.hyperparameters;
    if (!info.stability.iterationMatrix || info.switchedOn(&Hyperparameters::lineSearch, h))
        return std::nullopt;
    // What the step's gradient g + wd x responds with.
    return info.stability.iterationMatrix(hessian + h.weightDecay * Mat2::Identity(), h, eta);
}

std::optional<double> sharpnessEdge(const OptimizerSettings& settings) {
    const double eta = settings.hyperparameters.learningRate;
    const auto stable = [&](double lambda) -> std::optional<bool> {
        const auto m = iterationMatrix(lambda * Mat2::Identity(), settings, eta);
        if (!m) return std::nullopt;
        return spectralRadius(*m) <= 1 + 1e-12;
    };
    const std::optional<bool> atZero = stable(0);
    if (!atZero || !*atZero || !(eta > 0)) return std::nullopt;
    // Stable on [0, edge], unstable past it: double until unstable, then bisect.
    double lo = 0, hi = 1 / eta;
    while (*stable(hi)) {
        lo = hi, hi *= 2;
        if (hi > 1e300) return std::nullopt;
    }
    while (hi - lo > 1e-12 * hi) {
        const double middle = lo + (hi - lo) / 2;
        (*stable(middle) ? lo : hi) = middle;
    }
    return lo;
}

std::string sharpnessEdgeFormula(const OptimizerSettings& settings) {
    if (!sharpnessEdge(settings)) return "";
    const std::string& kind = settings.kind;
    std::string formula = "edge";
    if (kind == "gd" || kind == "sgd")
        formula = "2/\xce\xb7";
    else if (kind == "momentum" && !settings.hyperparameters.dampeningFollowsMomentum && settings.hyperparameters.dampening == 0)
        formula = "2(1+\xce\xbc)/\xce\xb7";
    else if (kind == "nesterov" && !settings.hyperparameters.lookAhead)
        formula = "(2+2\xce\xbc)/((1+2\xce\xbc)\xce\xb7)";
    if (settings.hyperparameters.weightDecay > 0) formula += " \xe2\x88\x92 \xce\xbb";
    return formula;
}

std::string curvatureName(const Hyperparameters& h, const char* which) {
    return h.weightDecay > 0 ? "(" + std::string(which) + " + wd)" : std::string(which);
}

bool unstableEverywhere(const LinearizedStep& step, StabilityAnalysis& result) {
    if (!(step.lambdaMin() < 0)) return false;
    result.why = format(
        "unstable at every learning rate: the curvature here has a negative eigenvalue (%.3g), so the "
        "step moves away along it (a saddle or a maximum)",
        step.lambdaMin());
    return true;
}

MatX gradientStepMatrix(const Mat2& a, const Hyperparameters&, double eta) {
    return Mat2::Identity() - eta * a;
}

void gradientStepBound(const LinearizedStep& step, StabilityAnalysis& result, bool alongGradient) {
    result.learningRateBound = 2 / step.lambdaMax();
    result.boundFormula = "2 / " + curvatureName(step.h);
    if (!alongGradient) return;
    const Vec2 g = step.gradient + step.h.weightDecay * step.at;
    if (const double gAg = g.dot(step.a * g); gAg > 0) result.alongGradient = 2 * g.squaredNorm() / gAg;
}

double spectralRadius(const MatX& m, int neutralDirections) {
    const Eigen::VectorXcd z = Eigen::EigenSolver<MatX>(m, false).eigenvalues();
    std::vector<std::complex<double>> values(z.data(), z.data() + z.size());
    // The eigenvalues at 1 that belong to the flat directions stay put at every eta: leave them out.
    std::sort(values.begin(), values.end(),
              [](auto l, auto r) { return std::abs(l - 1.0) < std::abs(r - 1.0); });
    size_t first = 0;
    while (first < values.size() && static_cast<int>(first) < neutralDirections &&
           std::abs(values[first] - 1.0) < 1e-6)
        ++first;
    double rho = 0;
    for (size_t i = first; i < values.size(); ++i)
        rho = std::max(rho, std::abs(values[i]));
    return rho;
}

StabilityAnalysis stabilityFor(const Mat2& hessian, const Vec2& gradient, const Vec2& at,
                               const OptimizerSettings& settings) {
    StabilityAnalysis result;
    const Hyperparameters& h = settings.hyperparameters;
    const OptimizerInfo& info = optimizerInfo(settings.kind);
    const StabilityForm& form = info.stability;
    if (!form.noBound.empty()) {
        result.why = form.noBound;
        return result;
    }
    if (info.switchedOn(&Hyperparameters::lineSearch, h)) {
        result.why =
            "Armijo line search picks the step (eta is only the first trial): no fixed "
            "learning-rate bound";
        return result;
    }
    if (!form.iterationMatrix || !form.bound) {
        result.why = "no fixed bound: this optimizer's step is not a linear map";
        return result;
    }
    const Mat2 a = hessian + h.weightDecay * Mat2::Identity();
    if (!a.allFinite()) {
        result.why = "no bound: the Hessian here is not finite";
        return result;
    }
    const int flat = flatDirections(hessian, h.weightDecay);
    const Vec2 eigen = symmetricEigenvalues(a);
    const double scale = eigen.cwiseAbs().maxCoeff();
    result.rate = std::pow(spectralRadius(form.iterationMatrix(a, h, h.learningRate), flat),
                           1.0 / form.stepsPerIteration);
    if (flat == 2) {
        result.why = "the landscape is flat here (Hessian 0): the step neither grows nor shrinks; no bound";
        result.rate.reset();
        return result;
    }
    // The non-flat curvatures of A, ascending.
    LinearizedStep step{a, gradient, at, h, {}};
    for (int i = 0; i < 2; ++i)
        if (std::abs(eigen[i]) > 1e-10 * scale) step.curvatures.push_back(eigen[i]);
    if (flat == 1)
        result.note = "one direction is flat (a valley of minima): the bound is for the curved direction";
    form.bound(step, result);
    return result;
}

StabilityAnalysis stabilityAt(const Landscape& landscape, const Vec2& at, const OptimizerSettings& settings) {
    StabilityAnalysis result = stabilityFor(landscape.hessianAt(at), landscape.gradientAt(at), at, settings);
    if (const auto* regularized = dynamic_cast<const RegularizedLandscape*>(&landscape);
        regularized && result.rate) {
        const Regularization& r = regularized->regularization();
        std::string remark;
        if (r.l2 > 0) remark = format("lambda_max includes the L2 term's 2 lambda2 = %.3g", 2 * r.l2);
        if (r.l1 > 0)
            remark += std::string(remark.empty() ? "" : "; ") +
                      "the L1 term adds no curvature, but near an axis its kink makes the step chatter "
                      "across it by eta lambda1";
        result.note += (result.note.empty() || remark.empty() ? "" : "; ") + remark;
    }
    if (settings.hyperparameters.schedule.kind != Schedule::Kind::Constant && result.rate)
        result.note += std::string(result.note.empty() ? "" : "; ") +
                       "the schedule changes eta: the rate is at the base learning rate";
    return result;
}

}  // namespace gradscape
