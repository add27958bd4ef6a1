#pragma once
// Early stopping against ridge, as lecture 2 derives it: the ridge path w*(alpha), the minimizer of
// f(w) + alpha/2 |w|^2, for alpha from large (w* near 0) to small (w* near the minimum of f), beside
// gradient descent's path from 0. On least squares, after t steps GD has fitted the component along an
// eigen-direction of curvature lambda to the fraction 1 - (1 - eta lambda)^t, ridge to lambda / (lambda +
// alpha): the two agree roughly at alpha = 1 / (eta t).

#include "landscapes/landscape.h"

#include <vector>

namespace gradscape {

struct RidgePoint {
    double alpha = 0;
    Vec2 w = Vec2::Zero();
};

/// The ridge path at `count` values of alpha, log-spaced from alphaMax down to alphaMin, each point found
/// by Newton's method on grad f(w) + alpha w = 0 from the previous one (the first from 0). The path ends
/// early where Newton does not converge (f not convex there, or the point runs off): it never holds a point
/// that is not a stationary point of f + alpha/2 |w|^2 to 1e-9 of its gradient's scale.
std::vector<RidgePoint> ridgePath(const Landscape& landscape, double alphaMax = 1e3, double alphaMin = 1e-4,
                                  int count = 141);

/// The path's point at `alpha`, interpolated linearly in log alpha between its neighbours (its ends
/// beyond them); the origin for an empty path.
Vec2 ridgeAt(const std::vector<RidgePoint>& path, double alpha);

}  // namespace gradscape
