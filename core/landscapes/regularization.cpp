#include "landscapes/regularization.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

double sign(double v) {
    return (v > 0) - (v < 0);
}

// Proximal gradient descent (ISTA) on f + lambda2 |w|^2, with soft-thresholding for lambda1 |w|_1, from
// `start` with the fixed step 1 / curvature. Returns the start when it does not settle.
Vec2 regularizedOptimum(const RegularizedLandscape& f, const Vec2& start) {
    const Regularization& r = f.regularization();
    const Mat2 h = f.base().hessianAt(start) + 2 * r.l2 * Mat2::Identity();
    const double curvature = Eigen::SelfAdjointEigenSolver<Mat2>(h).eigenvalues().cwiseAbs().maxCoeff();
    if (!(curvature > 0) || !std::isfinite(curvature)) return start;
    const double step = 1 / curvature;
    Vec2 w = start;
    for (int i = 0; i < 100000; ++i) {
        const Vec2 smooth = f.base().gradientAt(w) + 2 * r.l2 * w;
        Vec2 next = w - step * smooth;
        for (int k = 0; k < 2; ++k)
            next[k] = sign(next[k]) * std::max(std::abs(next[k]) - step * r.l1, 0.0);
        if (!next.allFinite()) return start;
        const bool settled = (next - w).norm() < 1e-13 * std::max(1.0, w.norm());
        w = next;
        if (settled) break;
    }
    return w;
}

}  // namespace

std::string validate(const Regularization& r) {
    for (auto [name, v] : {std::pair{"L2 lambda", r.l2}, std::pair{"L1 lambda", r.l1}})
        if (!(v >= 0 && v <= kMaxRegularization)) {
            std::ostringstream out;
            out << name << " must be in [0, " << kMaxRegularization << "], got " << v;
            return out.str();
        }
    return "";
}

RegularizedLandscape::RegularizedLandscape(std::shared_ptr<const Landscape> base,
                                           const Regularization& regularization)
    : base_(std::move(base)), regularization_(regularization) {
    name_ = base_->name();
    std::ostringstream text;
    text << base_->formula();
    if (regularization.l2 > 0) text << " + " << regularization.l2 << " |w|^2";
    if (regularization.l1 > 0) text << " + " << regularization.l1 << " |w|_1";
    formula_ = text.str();
    description_ = base_->description() + (regularization.l1 > 0 && regularization.l2 > 0 ? " (elastic net)"
                                           : regularization.l1 > 0 ? " (L1: corners make zeros)"
                                                                   : " (L2: shrinks toward 0)");
    displayBox_ = base_->displayBox();
    defaultStart_ = base_->defaultStart();
    parameters_ = base_->parameters();
    samples_ = base_->samples();
    for (const Vec2& m : base_->knownMinima())
        knownMinima_.push_back(regularizedOptimum(*this, m));
}

double RegularizedLandscape::penalty(const Vec2& p) const {
    return regularization_.l2 * p.squaredNorm() + regularization_.l1 * (std::abs(p.x()) + std::abs(p.y()));
}

Vec2 RegularizedLandscape::penaltyGradient(const Vec2& p) const {
    return 2 * regularization_.l2 * p + regularization_.l1 * Vec2(sign(p.x()), sign(p.y()));
}

double RegularizedLandscape::valueAt(const Vec2& p) const {
    return base_->valueAt(p) + penalty(p);
}
Vec2 RegularizedLandscape::gradientAt(const Vec2& p) const {
    return base_->gradientAt(p) + penaltyGradient(p);
}
Mat2 RegularizedLandscape::hessianAt(const Vec2& p) const {
    return base_->hessianAt(p) + 2 * regularization_.l2 * Mat2::Identity();
}
double RegularizedLandscape::valueAndGradientAt(const Vec2& p, Vec2& gradient) const {
    const double f = base_->valueAndGradientAt(p, gradient);
    gradient += penaltyGradient(p);
    return f + penalty(p);
}
Vec2 RegularizedLandscape::minibatchGradientAt(const Vec2& p, const std::vector<int>& sampleIndices) const {
    return base_->minibatchGradientAt(p, sampleIndices) + penaltyGradient(p);
}

std::shared_ptr<const Landscape> regularize(std::shared_ptr<const Landscape> base,
                                            const Regularization& regularization) {
    if (std::string complaint = validate(regularization); !complaint.empty())
        throw std::invalid_argument(complaint);
    if (!regularization.active()) return base;
    return std::make_shared<const RegularizedLandscape>(std::move(base), regularization);
}

std::shared_ptr<const Landscape> contouredLandscape(const std::shared_ptr<const Landscape>& landscape,
                                                    ContourSource source) {
    if (source == ContourSource::DataLoss)
        if (const auto* regularized = dynamic_cast<const RegularizedLandscape*>(landscape.get()))
            return regularized->sharedBase();
    return landscape;
}

Vec2 ConstraintRegion::boundaryAt(double angle) const {
    const Vec2 direction(std::cos(angle), std::sin(angle));
    // lambda2 r^2 + a r = budget along the direction, a = lambda1 |direction|_1; r >= 0.
    const double a = lambda1 * direction.lpNorm<1>();
    const double r = lambda2 > 0 ? (std::sqrt(a * a + 4 * lambda2 * budget) - a) / (2 * lambda2)
                     : a > 0     ? budget / a
                                 : 0;
    return r * direction;
}

std::optional<ConstraintRegion> constraintRegion(const Landscape& landscape) {
    const auto* regularized = dynamic_cast<const RegularizedLandscape*>(&landscape);
    if (!regularized || landscape.knownMinima().empty()) return std::nullopt;
    const Regularization& r = regularized->regularization();
    ConstraintRegion region;
    region.optimum = landscape.knownMinima().front();
    region.lambda1 = r.l1;
    region.lambda2 = r.l2;
    region.budget = region.penaltyAt(region.optimum);
    return region;
}

}  // namespace gradscape
