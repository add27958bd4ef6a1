#pragma once
// The lectures' analysis of a point on a landscape: curvature, conditioning, step-size bounds, and the
// second-order Taylor model.

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

/// Learning-rate bounds at a point (each infinite where the curvature gives no bound).
struct StepSizeBounds {
    double gradientDescent;  ///< 2 / lambda_max: GD is stable below it (exact for quadratics).
    double alongGradient;    ///< Lecture 2's per-step bound 2 g'g / g'Hg: the step along -g that still
                             ///< decreases the quadratic model (eta = g'g / g'Hg is the best one).
    double heavyBall;  ///< Momentum beta with no dampening and no weight decay only: (2 + 2 beta) / lambda_max.
                       ///< Every form of every optimizer: stabilityAt() in stability.h.
};

/// The bounds at p for heavy-ball momentum `beta`.
StepSizeBounds stepSizeBoundsAt(const Landscape& f, const Vec2& p, double beta);

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

/// The second-order Taylor model of f around c, evaluated at p:
/// f(c) + g'(p - c) + (p - c)' H (p - c) / 2 with g, H at c.
double taylorModel(const Landscape& f, const Vec2& c, const Vec2& p);

}  // namespace gradscape
