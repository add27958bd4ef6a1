#pragma once
// The lectures' analysis of a point on a landscape: curvature, conditioning and the second-order Taylor
// model. Learning-rate bounds are each optimizer's own: stabilityAt() in optimizers/stability.h.

#include "landscapes/landscape.h"

namespace gradscape {

/// The Hessian's eigen-decomposition at a point.
struct Curvature {
    Vec2 eigenvalues;        ///< Ascending: lambda_min, lambda_max.
    Mat2 eigenvectors;       ///< Column i belongs to eigenvalues[i], unit length.
    double conditionNumber;  ///< kappa = lambda_max / lambda_min when both are positive; infinity otherwise.
};

/// The curvature of f at p.
Curvature curvatureAt(const Landscape& f, const Vec2& p);

/// The second-order Taylor model of f around a centre, with f, its gradient and Hessian there.
struct QuadraticModel {
    Vec2 centre;
    double value;
    Vec2 gradient;
    Mat2 hessian;
    /// f(c) + g'(p - c) + (p - c)' H (p - c) / 2.
    double operator()(const Vec2& p) const {
        const Vec2 d = p - centre;
        return value + gradient.dot(d) + 0.5 * d.dot(hessian * d);
    }
};

/// The Taylor model of f around c, evaluated cheaply at many points.
QuadraticModel taylorModelAt(const Landscape& f, const Vec2& c);

}  // namespace gradscape
