#pragma once
// Regularization added to any landscape: L2, L1, or both (elastic net).

#include "landscapes/landscape.h"
#include "support/enum_names.h"

#include <memory>
#include <optional>
#include <string>

namespace gradscape {

/// The penalty lambda2 ||w||^2 + lambda1 ||w||_1 (both non-zero: elastic net).
struct Regularization {
    double l2 = 0;  ///< lambda2: weight of ||w||^2 (ridge)
    double l1 = 0;  ///< lambda1: weight of ||w||_1 (lasso)

    bool active() const { return l2 > 0 || l1 > 0; }
    bool operator==(const Regularization&) const = default;
};

/// Allowed range of each lambda.
inline constexpr double kMaxRegularization = 100;

/// "" when both lambdas are in [0, kMaxRegularization], otherwise which one is not and its range.
std::string validate(const Regularization& regularization);

/// f(w) + lambda2 ||w||^2 + lambda1 ||w||_1 for a base landscape f.
///
/// The L1 term is not differentiable where a coordinate is 0; its gradient there is taken as 0 (the
/// subgradient an optimizer standing exactly on the axis would use). Known minima are the regularized
/// optima, found by proximal gradient descent (soft-thresholding for L1) from each base minimum, so an
/// L1 optimum has its coordinates exactly at 0 where the lecture's diamond has its corners.
class RegularizedLandscape final : public Landscape {
  public:
    RegularizedLandscape(std::shared_ptr<const Landscape> base, const Regularization& regularization);

    double valueAt(const Vec2& p) const override;
    Vec2 gradientAt(const Vec2& p) const override;
    Mat2 hessianAt(const Vec2& p) const override;
    double valueAndGradientAt(const Vec2& p, Vec2& gradient) const override;
    Vec2 minibatchGradientAt(const Vec2& p, const std::vector<int>& sampleIndices) const override;

    const Landscape& base() const { return *base_; }
    const std::shared_ptr<const Landscape>& sharedBase() const { return base_; }
    const Regularization& regularization() const { return regularization_; }

  private:
    Vec2 penaltyGradient(const Vec2& p) const;
    double penalty(const Vec2& p) const;

    std::shared_ptr<const Landscape> base_;
    Regularization regularization_;
};

/// `base` itself when nothing is switched on, otherwise base regularized. Throws std::invalid_argument
/// when a lambda is out of range.
std::shared_ptr<const Landscape> regularize(std::shared_ptr<const Landscape> base,
                                            const Regularization& regularization);

/// What the contour view shows while a regularization is on: the data loss f alone (the textbook
/// figure, with the constraint region drawn over it) or the objective f + penalty the optimizers
/// minimize. The optimizers always run on f + penalty.
enum class ContourSource { Total, DataLoss };

/// The sources' names: scene and state files and --contours spell them, the panel shows the labels (in
/// this order).
inline constexpr EnumName<ContourSource> kContourSources[] = {
    {ContourSource::DataLoss, "data", "data loss"}, {ContourSource::Total, "total", "data loss + penalty"}};

/// The landscape the contours sample: the base of a regularized landscape for DataLoss, otherwise
/// `landscape` itself (also when nothing is regularized).
std::shared_ptr<const Landscape> contouredLandscape(const std::shared_ptr<const Landscape>& landscape,
                                                    ContourSource source);

/// The constraint region of the problem equivalent to the regularized one: min f(w) subject to
/// lambda1 |w|_1 + lambda2 |w|^2 <= budget, the budget the penalty at the regularized optimum, so the
/// region's boundary passes through that optimum and touches the data loss's contour there. L1 alone
/// gives the diamond |w|_1 <= |w*|_1, L2 alone the disc |w| <= |w*|, both a rounded diamond.
struct ConstraintRegion {
    Vec2 optimum = Vec2::Zero();  ///< The regularized optimum w* the boundary passes through.
    double lambda1 = 0, lambda2 = 0;
    double budget = 0;  ///< lambda1 |w*|_1 + lambda2 |w*|^2.

    /// The penalty lambda1 |w|_1 + lambda2 |w|^2: the region is where it is at most the budget.
    double penaltyAt(const Vec2& w) const { return lambda1 * w.lpNorm<1>() + lambda2 * w.squaredNorm(); }
    /// The boundary point in the direction (cos angle, sin angle) from the origin.
    Vec2 boundaryAt(double angle) const;
};

/// The region for `landscape`'s first known optimum; nullopt when it is not regularized or knows no
/// optimum.
std::optional<ConstraintRegion> constraintRegion(const Landscape& landscape);

}  // namespace gradscape
