#pragma once
// Armijo backtracking line search, shared by BFGS, L-BFGS and (optionally) GD and Newton.

#include "landscape.h"

namespace gradscape {

/// The Armijo sufficient-decrease constant c in phi(x + a d) <= phi(x) + c a g.d.
inline constexpr double kArmijoConstant = 1e-4;

/// Backtracks from `initialStep` along the direction d, halving up to 60 times, until
/// phi(x + a d) <= phi(x) + c a g.d, where phi = f + weightDecay / 2 |x|^2 and g is its gradient at x.
/// Returns the accepted step a, or 0 when d is not a descent direction or no step decreases phi.
template <class F>
double armijoStep(const F& f, const Vec2& x, const Vec2& g, const Vec2& d, double initialStep,
                  double weightDecay = 0) {
    const double slope = g.dot(d);
    if (!(slope < 0)) return 0;
    auto phi = [&](const Vec2& p) { return f.valueAt(p) + 0.5 * weightDecay * p.squaredNorm(); };
    const double phi0 = phi(x);
    double a = initialStep;
    for (int i = 0; i < 60; ++i, a *= 0.5)
        if (phi(x + a * d) <= phi0 + kArmijoConstant * a * slope) return a;  // NaN never passes
    return 0;
}

}  // namespace gradscape
