#include "view/ridge_path.h"

#include <Eigen/LU>

#include <cmath>

namespace gradscape {

std::vector<RidgePoint> ridgePath(const Landscape& landscape, double alphaMax, double alphaMin, int count) {
    std::vector<RidgePoint> path;
    Vec2 w = Vec2::Zero();
    for (int k = 0; k < count; ++k) {
        const double t = count > 1 ? double(k) / (count - 1) : 0;
        const double alpha = std::exp(std::log(alphaMax) + t * (std::log(alphaMin) - std::log(alphaMax)));
        const double scale = std::max(1.0, landscape.gradientAt(Vec2::Zero()).norm());
        bool converged = false;
        for (int iteration = 0; iteration < 60; ++iteration) {
            const Vec2 g = landscape.gradientAt(w) + alpha * w;
            if (!g.allFinite()) break;
            if (g.norm() <= 1e-12 * scale) {
                converged = true;
                break;
            }
            const Mat2 h = landscape.hessianAt(w) + alpha * Mat2::Identity();
            if (!(h.determinant() > 0) || !(h.trace() > 0)) break;  // not a minimum's neighbourhood
            const Vec2 step = h.inverse() * g;
            if (!step.allFinite()) break;
            w -= step;
        }
        if (!converged) {
            const Vec2 g = landscape.gradientAt(w) + alpha * w;
            if (!(g.allFinite() && g.norm() <= 1e-9 * scale)) break;
        }
        path.push_back({alpha, w});
    }
    return path;
}

Vec2 ridgeAt(const std::vector<RidgePoint>& path, double alpha) {
    if (path.empty()) return Vec2::Zero();
    if (alpha >= path.front().alpha) return path.front().w;
    if (alpha <= path.back().alpha) return path.back().w;
    for (size_t k = 0; k + 1 < path.size(); ++k) {
        const RidgePoint &a = path[k], &b = path[k + 1];
        if (alpha <= a.alpha && alpha >= b.alpha) {
            const double s = (std::log(a.alpha) - std::log(alpha)) / (std::log(a.alpha) - std::log(b.alpha));
            return a.w + s * (b.w - a.w);
        }
    }
    return path.back().w;
}

}  // namespace gradscape
