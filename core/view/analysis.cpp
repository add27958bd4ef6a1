#include "view/analysis.h"

#include <Eigen/Eigenvalues>

#include <limits>

namespace gradscape {
namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
}

Curvature curvatureAt(const Landscape& f, const Vec2& p) {
    const Mat2 h = f.hessianAt(p);
    // The Hessian is symmetric; average away any rounding asymmetry before decomposing.
    const Eigen::SelfAdjointEigenSolver<Mat2> eigen(0.5 * (h + h.transpose()));
    Curvature c{eigen.eigenvalues(), eigen.eigenvectors(), kInfinity};
    if (c.eigenvalues[0] > 0) c.conditionNumber = c.eigenvalues[1] / c.eigenvalues[0];
    return c;
}

QuadraticModel taylorModelAt(const Landscape& f, const Vec2& c) {
    QuadraticModel model{c, 0, Vec2::Zero(), f.hessianAt(c)};
    model.value = f.valueAndGradientAt(c, model.gradient);
    return model;
}

}  // namespace gradscape
