#include "maps/map_theory.h"

#include <Eigen/Eigenvalues>

#include <cmath>

namespace gradscape {
namespace {

constexpr int kCurvePoints = 200;

// The x axis' values at kCurvePoints points from its min to its max (log-spaced on a log axis).
std::vector<double> alongX(const MapAxis& axis) {
    std::vector<double> xs;
    for (int k = 0; k <= kCurvePoints; ++k) {
        xs.push_back(axis.valueAtFraction(double(k) / kCurvePoints));
    }
    return xs;
}

// The curve y = f(x) over the map's x axis, kept where it lies within the y axis (pieces joined).
TheoryCurve curveOf(const MapRequest& r, std::string label, bool boundary, double (*f)(double, double), double lambda) {
    TheoryCurve curve{std::move(label), {}, boundary};
    for (double x : alongX(r.x)) {
        const double y = f(x, lambda);
        if (std::isfinite(y) && y >= r.y.min && y <= r.y.max) curve.points.emplace_back(x, y);
    }
    return curve;
}

bool plainRate(const Hyperparameters& h) {
    return h.schedule.kind == Schedule::Kind::Constant && !h.lineSearch;
}

}  // namespace

std::optional<std::pair<double, double>> quadraticCurvatures(const Landscape& landscape, const ViewBox& box) {
    const Mat2 h = landscape.hessianAt(box.center());
    if (!h.allFinite()) return std::nullopt;
    for (const Vec2& p : {Vec2(box.xMin, box.yMin), Vec2(box.xMax, box.yMin), Vec2(box.xMin, box.yMax),
                          Vec2(box.xMax, box.yMax)})
        if (!((landscape.hessianAt(p) - h).norm() <= 1e-9 * std::max(1.0, h.norm()))) return std::nullopt;
    const Eigen::SelfAdjointEigenSolver<Mat2> eigen(0.5 * (h + h.transpose()));
    const Vec2 lambda = eigen.eigenvalues();
    if (!(lambda(0) > 0)) return std::nullopt;
    return std::pair{lambda(0), lambda(1)};
}

std::optional<MapTheory> mapTheory(const Landscape& landscape, const MapRequest& r) {
    if (r.kind != MapKind::Parameters || r.x.name != "lr") return std::nullopt;
    const Hyperparameters& h = r.racer.hyperparameters;
    if (!plainRate(h)) return std::nullopt;
    const auto curvatures = quadraticCurvatures(landscape, landscape.displayBox());
    if (!curvatures) return std::nullopt;
    MapTheory theory;
    theory.lambdaMin = curvatures->first, theory.lambdaMax = curvatures->second;
    const double l1 = theory.lambdaMin, ln = theory.lambdaMax;
    if (r.racer.kind == "gd" && r.y.name == "weight-decay") {  // the only other hyperparameter GD reads
        theory.curves.push_back(curveOf(r, "η (λ_max + wd) = 2", true,
                                        [](double eta, double l) { return 2 / eta - l; }, ln));
        return theory;
    }
    if (r.racer.kind == "momentum" && r.y.name == "momentum" && h.dampening == 0 && !h.dampeningFollowsMomentum &&
        h.weightDecay == 0) {
        theory.curves.push_back(curveOf(r, "η λ_max = 2 + 2β", true,
                                        [](double eta, double l) { return eta * l / 2 - 1; }, ln));
        const auto critical = [](double eta, double l) {
            const double s = std::sqrt(eta * l);
            return s < 1 ? (1 - s) * (1 - s) : NAN;
        };
        theory.curves.push_back(curveOf(r, "critical damping, λ_min", false, critical, l1));
        theory.curves.push_back(curveOf(r, "critical damping, λ_max", false, critical, ln));
        const double kappa = ln / l1, root = std::sqrt(kappa);
        const Vec2 best(std::pow(2 / (std::sqrt(l1) + std::sqrt(ln)), 2), std::pow((root - 1) / (root + 1), 2));
        theory.optimalRate = (root - 1) / (root + 1);
        if (best.x() >= r.x.min && best.x() <= r.x.max && best.y() >= r.y.min && best.y() <= r.y.max) {
            theory.optimum = best;
            theory.optimumLabel = "optimum (η*, β*)";
        }
        return theory;
    }
    return std::nullopt;
}

}  // namespace gradscape
