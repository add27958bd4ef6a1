#pragma once
// A landscape's gradient and Hessian checked against central differences of its value and gradient:
// for tests of landscapes whose derivatives are worked out (by hand or by GiNaC) rather than measured.

#include "landscapes/landscape.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace gradscape::testing {

/// CHECKs at p that f's gradient agrees with central differences of f (to 1e-6 relative) and its
/// Hessian with central differences of the gradient (to 1e-5 relative).
inline void checkDerivativesAgainstDifferences(const Landscape& f, const Vec2& p) {
    CAPTURE(p.transpose());
    Vec2 numeric;
    Mat2 numericHessian;
    for (int i = 0; i < 2; ++i) {
        Vec2 a = p, b = p;
        a[i] += 1e-6, b[i] -= 1e-6;
        numeric[i] = (f.valueAt(a) - f.valueAt(b)) / 2e-6;
        numericHessian.col(i) = (f.gradientAt(a) - f.gradientAt(b)) / 2e-6;
    }
    CHECK((f.gradientAt(p) - numeric).norm() < 1e-6 * std::max(1.0, numeric.norm()));
    CHECK((f.hessianAt(p) - numericHessian).norm() < 1e-5 * std::max(1.0, numericHessian.norm()));
}

}  // namespace gradscape::testing
