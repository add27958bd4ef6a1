#pragma once
// Regularization added to any landscape: L2, L1, or both (elastic net).

#include "landscape.h"

#include <memory>

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

}  // namespace gradscape
