#pragma once
// Armijo backtracking line search, shared by BFGS, L-BFGS and (optionally) GD and Newton.

#include "landscapes/landscape.h"

#include <type_traits>

namespace gradscape {

/// The Armijo sufficient-decrease constant c in phi(x + a d) <= phi(x) + c a g.d.
inline constexpr double kArmijoConstant = 1e-4;

/// Whether a line search may also lengthen the first trial step.
enum class LineSearchExpansion { No, Yes };

/// Backtracks from `initialStep` along the direction d, halving up to 60 times, until
/// phi(x + a d) <= phi(x) + c a g.d, where phi = f + weightDecay / 2 |x|^2 and g is its gradient at x.
/// With expansion (BFGS, L-BFGS), a first trial that is accepted at once is doubled while the
/// condition still holds and phi still falls: without a curvature condition, a quasi-Newton
/// direction can be scaled far too short, and plain backtracking would crawl along it.
/// Returns the accepted step a, or 0 when d is not a descent direction or no step decreases phi.
/// V is x's type (Vec2, or VecX through ProblemFunction); g and d convert to it as they did to Vec2.
template <class F, class V>
double armijoStep(const F& f, const V& x, const std::type_identity_t<V>& g, const std::type_identity_t<V>& d,
                  double initialStep, double weightDecay = 0,
                  LineSearchExpansion expansion = LineSearchExpansion::No) {
    const double slope = g.dot(d);
    if (!(slope < 0)) return 0;
    auto phi = [&](const V& p) { return f.valueAt(p) + 0.5 * weightDecay * p.squaredNorm(); };
    const double phi0 = phi(x);
    auto sufficient = [&](double a, double value) { return value <= phi0 + kArmijoConstant * a * slope; };
    double a = initialStep;
    double value = phi(x + a * d);
    if (sufficient(a, value) && expansion == LineSearchExpansion::Yes) {
        for (int i = 0; i < 40; ++i) {
            const double longer = phi(x + 2 * a * d);
            if (!(sufficient(2 * a, longer) && longer < value)) break;
            a *= 2, value = longer;
        }
        return a;
    }
    for (int i = 0; i < 60; ++i, a *= 0.5, value = phi(x + a * d))
        if (sufficient(a, value)) return a;  // NaN never passes
    return 0;
}

}  // namespace gradscape
