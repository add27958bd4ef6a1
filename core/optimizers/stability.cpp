#include "optimizers/stability.h"

#include "landscapes/regularization.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <map>
#include <vector>

namespace gradscape {
namespace {

using MatX = Eigen::MatrixXd;

// Kinds whose step is no fixed linear map, and why, in words a class can follow.
const std::map<std::string, std::string>& unboundedKinds() {
    static const std::map<std::string, std::string> why = {
        {"adagrad",
         "adaptive: each coordinate's step is divided by the root of its summed squared gradients, so the "
         "step shrinks by itself; no fixed learning-rate bound"},
        {"rmsprop",
         "adaptive: each coordinate's step is divided by the running RMS of its gradient, so a step is "
         "about eta long whatever the curvature; no fixed learning-rate bound"},
        {"adam",
         "adaptive: each coordinate's step is m^ / sqrt(v^), about eta long whatever the curvature; no "
         "fixed learning-rate bound (eta sets how closely it can settle)"},
        {"adamw",
         "adaptive: each coordinate's step is m^ / sqrt(v^), about eta long whatever the curvature; no "
         "fixed learning-rate bound (eta sets how closely it can settle)"},
        {"signsgd",
         "sign steps: every step moves each coordinate by eta whatever the gradient, so it never diverges "
         "and never settles closer than about eta; no learning-rate bound"},
        {"random-search",
         "eta is a sampling radius and only improvements are accepted: the loss never rises; no bound"},
        {"bfgs", "line search picks the step (eta is only the first trial): no fixed learning-rate bound"},
        {"lbfgs", "line search picks the step (eta is only the first trial): no fixed learning-rate bound"},
    };
    return why;
}

bool linearKind(const std::string& kind) {
    return kind == "gd" || kind == "sgd" || kind == "momentum" || kind == "nesterov" ||
           kind == "coordinate" || kind == "newton";
}

// Newton's step code falls back to a gradient step where (H + (delta + wd) I) is singular.
bool newtonSingular(const Mat2& newtonHessian) {
    const double determinant = newtonHessian.determinant();
    const double scale = newtonHessian.cwiseAbs().maxCoeff();
    return !std::isfinite(determinant) || std::abs(determinant) <= 1e-12 * scale * scale;
}

Vec2 symmetricEigenvalues(const Mat2& m) {
    return Eigen::SelfAdjointEigenSolver<Mat2>(0.5 * (m + m.transpose())).eigenvalues();
}

// "lambda_max", or "(lambda_max + wd)" when the optimizer's own weight decay adds to the curvature.
std::string curvatureName(const Hyperparameters& h, const char* which = "lambda_max") {
    return h.weightDecay > 0 ? "(" + std::string(which) + " + wd)" : std::string(which);
}

std::string format(const char* pattern, double value) {
    char text[256];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

// The smallest positive root of a eta^2 + b eta + c (none: infinity).
void positiveRoots(double a, double b, double c, std::vector<double>& roots) {
    if (a == 0) {
        if (b != 0 && -c / b > 0) roots.push_back(-c / b);
        return;
    }
    const double discriminant = b * b - 4 * a * c;
    if (discriminant < 0) return;
    const double s = std::sqrt(discriminant);
    for (double r : {(-b - s) / (2 * a), (-b + s) / (2 * a)})
        if (r > 0) roots.push_back(r);
}

// Coordinate descent's cycle M = [[u, -s], [-s u, w + s^2]] (u = 1 - eta A11, w = 1 - eta A22,
// s = eta A12) has trace u + w + s^2 and determinant u w. By Jury's test it is stable while |u w| < 1,
// 1 - tr + det = eta^2 det A > 0 and 1 + tr + det > 0; the bound is the first eta where one fails.
std::optional<double> coordinateBound(const Mat2& a, const OptimizerSettings& settings) {
    const double p = a(0, 0), q = 0.5 * (a(0, 1) + a(1, 0)), r = a(1, 1);
    std::vector<double> candidates;
    positiveRoots(p * r + q * q, -2 * (p + r), 4, candidates);  // 1 + tr + det = 0
    positiveRoots(p * r, -(p + r), 0, candidates);              // u w = 1
    positiveRoots(p * r, -(p + r), 2, candidates);              // u w = -1
    std::sort(candidates.begin(), candidates.end());
    const int flat = flatDirections(a, 0);
    for (double eta : candidates)
        if (spectralRadius(*iterationMatrix(a, OptimizerSettings{.kind = "coordinate"}, eta * (1 + 1e-7)),
                           flat) > 1)
            return eta;
    return std::nullopt;
}

}  // namespace

int flatDirections(const Mat2& hessian, double weightDecay) {
    const Vec2 a = symmetricEigenvalues(hessian + weightDecay * Mat2::Identity());
    const double scale = a.cwiseAbs().maxCoeff();
    if (!(scale > 0) || !std::isfinite(scale)) return 2;
    return static_cast<int>(std::abs(a[0]) <= 1e-10 * scale) + static_cast<int>(std::abs(a[1]) <= 1e-10 * scale);
}

int stepsPerIterationMatrix(const std::string& kind) { return kind == "coordinate" ? 2 : 1; }

std::optional<MatX> iterationMatrix(const Mat2& hessian, const OptimizerSettings& settings, double eta) {
    const Hyperparameters& h = settings.hyperparameters;
    const std::string& kind = settings.kind;
    if (!linearKind(kind) || (h.lineSearch && (kind == "gd" || kind == "newton"))) return std::nullopt;
    const Mat2 identity = Mat2::Identity();
    const Mat2 a = hessian + h.weightDecay * identity;  // what the step's gradient g + wd x responds with
    const double mu = h.momentum;
    MatX m;
    if (kind == "gd" || kind == "sgd") {
        m = identity - eta * a;
    } else if (kind == "momentum") {
        const double c = 1 - effectiveDampening(h);  // v' = mu v + c A x;  x' = x - eta v'
        m.resize(4, 4);
        m << identity - eta * c * a, -eta * mu * identity, c * a, mu * identity;
    } else if (kind == "nesterov" && h.lookAhead) {  // v' = mu v - eta A (x + mu v);  x' = x + v'
        const Mat2 shrink = identity - eta * a;
        m.resize(4, 4);
        m << shrink, mu * shrink, -eta * a, mu * shrink;
    } else if (kind == "nesterov") {  // b' = mu b + A x;  x' = x - eta ((1 + mu) A x + mu^2 b)
        m.resize(4, 4);
        m << identity - eta * (1 + mu) * a, -eta * mu * mu * identity, a, mu * identity;
    } else if (kind == "coordinate") {  // x along the first axis, then y
        Mat2 alongX = identity, alongY = identity;
        alongX.row(0) -= eta * a.row(0);
        alongY.row(1) -= eta * a.row(1);
        m = alongY * alongX;
    } else {  // newton: x' = x - eta (A + delta I)^-1 A x, or a gradient step where that is singular
        const Mat2 newtonHessian = a + h.damping * identity;
        m = newtonSingular(newtonHessian) ? Mat2(identity - eta * a)
                                          : Mat2(identity - eta * newtonHessian.inverse() * a);
    }
    return m;
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
    const std::string& kind = settings.kind;
    if (auto it = unboundedKinds().find(kind); it != unboundedKinds().end()) {
        result.why = it->second;
        return result;
    }
    if (h.lineSearch && (kind == "gd" || kind == "newton")) {
        result.why = "Armijo line search picks the step (eta is only the first trial): no fixed learning-rate "
                     "bound";
        return result;
    }
    if (!linearKind(kind)) {
        result.why = "no fixed bound: this optimizer's step is not a linear map";
        return result;
    }
    const Mat2 identity = Mat2::Identity();
    const Mat2 a = hessian + h.weightDecay * identity;
    if (!a.allFinite()) {
        result.why = "no bound: the Hessian here is not finite";
        return result;
    }
    const int flat = flatDirections(hessian, h.weightDecay);
    const Vec2 eigen = symmetricEigenvalues(a);
    const double scale = eigen.cwiseAbs().maxCoeff();
    const int steps = stepsPerIterationMatrix(kind);
    result.rate = std::pow(spectralRadius(*iterationMatrix(hessian, settings, h.learningRate), flat), 1.0 / steps);
    if (flat == 2) {
        result.why = "the landscape is flat here (Hessian 0): the step neither grows nor shrinks; no bound";
        result.rate.reset();
        return result;
    }
    // The non-flat curvatures of A, ascending.
    std::vector<double> curvatures;
    for (int i = 0; i < 2; ++i)
        if (std::abs(eigen[i]) > 1e-10 * scale) curvatures.push_back(eigen[i]);
    const double lambdaMin = curvatures.front(), lambdaMax = curvatures.back();
    if (flat == 1)
        result.note = "one direction is flat (a valley of minima): the bound is for the curved direction";

    if (kind == "newton") {
        const Mat2 newtonHessian = a + h.damping * identity;
        if (newtonSingular(newtonHessian)) {
            result.note = "singular Hessian: Newton takes a gradient step here";
        } else {
            // M = I - eta (A + delta I)^-1 A has eigenvalues 1 - eta lambda / (lambda + delta).
            double largest = -1;
            for (double lambda : curvatures) {
                const double ratio = lambda / (lambda + h.damping);
                if (ratio < 0) {
                    result.why = "unstable at every learning rate: H + wd has an eigenvalue in (-delta, 0), "
                                 "where the damped Newton step points uphill";
                    return result;
                }
                largest = std::max(largest, ratio);
            }
            result.learningRateBound = 2 / largest;
            result.boundFormula =
                h.damping == 0  ? "2 (pure Newton: every direction shrinks by 1 - eta)"
                : lambdaMin > 0 ? std::string(h.weightDecay > 0 ? "2 (lambda_max + wd + delta) / (lambda_max + wd)"
                                                                : "2 (lambda_max + delta) / lambda_max")
                                : "2 / max_i lambda_i / (lambda_i + delta)";
            if (lambdaMin < 0)
                result.note = "indefinite Hessian: Newton is drawn to the saddle point of its quadratic model";
            return result;
        }
    }
    if (lambdaMin < 0) {
        result.why = format(
            "unstable at every learning rate: the curvature here has a negative eigenvalue (%.3g), so the "
            "step moves away along it (a saddle or a maximum)",
            lambdaMin);
        return result;
    }
    if (kind == "gd" || kind == "sgd" || kind == "newton") {
        result.learningRateBound = 2 / lambdaMax;
        result.boundFormula = "2 / " + curvatureName(h);
        if (kind == "sgd") result.note = "in expectation: the gradient noise keeps the iterate from settling";
        if (kind != "newton") {
            const Vec2 g = gradient + h.weightDecay * at;
            if (const double gAg = g.dot(a * g); gAg > 0) result.alongGradient = 2 * g.squaredNorm() / gAg;
        }
    } else if (kind == "momentum") {
        const double c = 1 - effectiveDampening(h);
        if (!(c > 0)) {
            result.why = "no bound: with dampening 1 no gradient enters the velocity, so the point stops after its first step";
            return result;
        }
        // Per eigenvalue: z^2 - (1 + mu - eta c lambda) z + mu; Jury: 0 < eta c lambda < 2 (1 + mu).
        result.learningRateBound = 2 * (1 + h.momentum) / (c * lambdaMax);
        result.boundFormula = "2(1 + mu) / " +
                              (h.dampeningFollowsMomentum ? "((1 - mu) " + curvatureName(h) + ")"
                               : c < 1                    ? "((1 - d) " + curvatureName(h) + ")"
                                                          : curvatureName(h));
    } else if (kind == "nesterov") {
        // Per eigenvalue, h = eta lambda: look-ahead  z^2 - (1 + mu)(1 - h) z + mu (1 - h);  torch
        // z^2 - (1 + mu)(1 - h) z + mu (1 - h) as well (b' = mu b + g, x' = x - eta (g + mu b')). Jury:
        // h > 0, |mu (1 - h)| < 1 and 1 + (1 + 2mu)(1 - h) > 0, so h < (2 + 2mu) / (1 + 2mu).
        result.learningRateBound = (2 + 2 * h.momentum) / ((1 + 2 * h.momentum) * lambdaMax);
        result.boundFormula = "(2 + 2mu) / ((1 + 2mu) " + curvatureName(h) + ")";
    } else {  // coordinate
        result.learningRateBound = coordinateBound(a, settings);
        result.boundFormula = "first eta where the two-step cycle's spectral radius reaches 1 "
                              "(at least 2 / max_i " + curvatureName(h, "H_ii") + ")";
        if (!result.learningRateBound) result.why = "no bound: the two-step cycle never becomes unstable here";
    }
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
