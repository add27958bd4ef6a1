#include "view/camera.h"

#include <algorithm>
#include <cmath>

namespace gradscape {

SurfaceMapping SurfaceMapping::of(const Grid& grid, bool logHeight) {
    return {grid.box, grid.minimum, grid.maximum, logHeight};
}

double SurfaceMapping::scale() const {
    return 2 / std::max({box.width(), box.height(), 1e-300});
}

double SurfaceMapping::height(double f) const {
    if (!std::isfinite(f)) return 0;
    const double range = std::max(maximum - minimum, 1e-12);
    const double above = std::clamp(f - minimum, 0.0, range);
    if (!logHeight) return above / range;
    // The contour shader's colour scale: about three decades above the minimum.
    const double s = range / 1000;
    return std::log1p(above / s) / std::log1p(range / s);
}

Vec3 SurfaceMapping::toSurface(const Vec2& p, double f) const {
    const Vec2 c = box.center();
    return {(p.x() - c.x()) * scale(), (p.y() - c.y()) * scale(), height(f)};
}

Vec2 SurfaceMapping::toPlane(const Vec3& q) const {
    const Vec2 c = box.center();
    return {c.x() + q.x() / scale(), c.y() + q.y() / scale()};
}

Vec3 forwardDirection(const OrbitCamera& camera) {
    const double cp = std::cos(camera.pitch);
    return {std::sin(camera.yaw) * cp, std::cos(camera.yaw) * cp, -std::sin(camera.pitch)};
}

Vec3 rightDirection(const OrbitCamera& camera) {
    return {std::cos(camera.yaw), -std::sin(camera.yaw), 0};
}

Vec3 eyePosition(const OrbitCamera& camera) {
    return Vec3(camera.targetX, camera.targetY, camera.targetZ) - camera.distance * forwardDirection(camera);
}

std::pair<double, double> clipDistances(const OrbitCamera& camera) {
    // The surface lies within sqrt(3) of the origin; the target within a pan of it.
    const double reach = Vec3(camera.targetX, camera.targetY, camera.targetZ).norm() + 2;
    return {0.01 * camera.distance, camera.distance + reach};
}

// tan of the half-angles the picture spans, horizontally and vertically: the field of view spans its
// shorter side, so a tall, narrow picture shows as much of the surface as a wide one.
Eigen::Vector2d halfExtents(const OrbitCamera& camera, double aspect) {
    const double t = std::tan(camera.fieldOfView / 2);
    return aspect >= 1 ? Eigen::Vector2d(t * aspect, t) : Eigen::Vector2d(t, t / aspect);
}

Eigen::Matrix4d viewMatrix(const OrbitCamera& camera) {
    const Vec3 forward = forwardDirection(camera), right = rightDirection(camera);
    const Vec3 up = right.cross(forward), eye = eyePosition(camera);
    Eigen::Matrix4d view = Eigen::Matrix4d::Identity();
    view.block<1, 3>(0, 0) = right.transpose();
    view.block<1, 3>(1, 0) = up.transpose();
    view.block<1, 3>(2, 0) = -forward.transpose();
    view(0, 3) = -right.dot(eye);
    view(1, 3) = -up.dot(eye);
    view(2, 3) = forward.dot(eye);
    return view;
}

Eigen::Matrix4d projectionMatrix(const OrbitCamera& camera, double aspect) {
    const auto [near, far] = clipDistances(camera);
    const Eigen::Vector2d half = halfExtents(camera, aspect);
    Eigen::Matrix4d projection = Eigen::Matrix4d::Zero();
    projection(0, 0) = 1 / half.x();
    projection(1, 1) = 1 / half.y();
    projection(2, 2) = (far + near) / (near - far);
    projection(2, 3) = 2 * far * near / (near - far);
    projection(3, 2) = -1;
    return projection;
}

std::optional<Vec3> projectToPixel(const OrbitCamera& camera, const Viewport& viewport, const Vec3& point) {
    const Eigen::Vector4d clip =
        projectionMatrix(camera, viewport.width / viewport.height) * viewMatrix(camera) * point.homogeneous();
    if (clip.w() <= 1e-9) return std::nullopt;
    const Vec3 ndc = clip.head<3>() / clip.w();
    return Vec3(viewport.x + (ndc.x() + 1) / 2 * viewport.width,
                viewport.y + (1 - ndc.y()) / 2 * viewport.height, (ndc.z() + 1) / 2);
}

Ray pixelRay(const OrbitCamera& camera, const Viewport& viewport, double px, double py) {
    const double ndcX = (px - viewport.x) / viewport.width * 2 - 1;
    const double ndcY = 1 - (py - viewport.y) / viewport.height * 2;
    const Eigen::Vector2d half = halfExtents(camera, viewport.width / viewport.height);
    const Vec3 forward = forwardDirection(camera), right = rightDirection(camera);
    const Vec3 up = right.cross(forward);
    const Vec3 direction = forward + right * (ndcX * half.x()) + up * (ndcY * half.y());
    return {eyePosition(camera), direction.normalized()};
}

void orbit(OrbitCamera& camera, double deltaYaw, double deltaPitch) {
    constexpr double kTurn = 2 * 3.14159265358979323846;
    camera.yaw = std::remainder(camera.yaw + deltaYaw, kTurn);
    camera.pitch = std::clamp(camera.pitch + deltaPitch, kMinPitch, kMaxPitch);
}

void zoom(OrbitCamera& camera, double factor) {
    if (!(factor > 0) || !std::isfinite(factor)) return;
    camera.distance = std::clamp(camera.distance * factor, kMinDistance, kMaxDistance);
}

void pan(OrbitCamera& camera, double right, double forward) {
    const Vec3 r = rightDirection(camera);
    const Vec3 ground(std::sin(camera.yaw), std::cos(camera.yaw), 0);
    const Vec3 move = r * right + ground * forward;
    camera.targetX = std::clamp(camera.targetX + move.x(), -kMaxTargetOffset, kMaxTargetOffset);
    camera.targetY = std::clamp(camera.targetY + move.y(), -kMaxTargetOffset, kMaxTargetOffset);
}

std::optional<double> surfaceHeightAt(const Grid& grid, const SurfaceMapping& mapping, const Vec2& p) {
    if (grid.width < 2 || grid.height < 2) return std::nullopt;
    // Column and row coordinates, with sample centres at whole numbers.
    const double u =
        std::clamp((p.x() - grid.box.xMin) / grid.box.width() * grid.width - 0.5, 0.0, grid.width - 1.0);
    const double v =
        std::clamp((p.y() - grid.box.yMin) / grid.box.height() * grid.height - 0.5, 0.0, grid.height - 1.0);
    if (!std::isfinite(u) || !std::isfinite(v)) return std::nullopt;
    const int i = std::min(static_cast<int>(u), grid.width - 2),
              j = std::min(static_cast<int>(v), grid.height - 2);
    const double fu = u - i, fv = v - j;
    const auto at = [&](int column, int row) { return grid.values[size_t(row) * grid.width + column]; };
    const float v00 = at(i, j), v10 = at(i + 1, j), v01 = at(i, j + 1), v11 = at(i + 1, j + 1);
    if (!std::isfinite(v00) || !std::isfinite(v10) || !std::isfinite(v01) || !std::isfinite(v11))
        return std::nullopt;
    // Heights, not values, are interpolated: the mesh is linear in height between its vertices.
    const double h00 = mapping.height(v00), h10 = mapping.height(v10), h01 = mapping.height(v01),
                 h11 = mapping.height(v11);
    return (1 - fv) * ((1 - fu) * h00 + fu * h10) + fv * ((1 - fu) * h01 + fu * h11);
}

std::optional<SurfaceHit> castRay(const Grid& grid, const SurfaceMapping& mapping, const Ray& ray) {
    if (grid.width < 2 || grid.height < 2) return std::nullopt;
    // The block spans the sample centres, from height 0 up to just above the highest sample.
    const Vec3 low = mapping.toSurface(grid.cellCenter(0, 0), mapping.minimum);
    const Vec3 high = mapping.toSurface(grid.cellCenter(grid.width - 1, grid.height - 1), mapping.maximum) +
                      Vec3(0, 0, 0.01);
    double tEnter = 0, tExit = 1e30;
    for (int axis = 0; axis < 3; ++axis) {
        const double d = ray.direction[axis], o = ray.origin[axis];
        if (std::abs(d) < 1e-15) {
            if (o < low[axis] || o > high[axis]) return std::nullopt;
            continue;
        }
        double t0 = (low[axis] - o) / d, t1 = (high[axis] - o) / d;
        if (t0 > t1) std::swap(t0, t1);
        tEnter = std::max(tEnter, t0);
        tExit = std::min(tExit, t1);
    }
    if (!(tEnter < tExit)) return std::nullopt;

    // Above (positive) or below the surface; nothing where the surface has a hole.
    const auto side = [&](double t) -> std::optional<double> {
        const Vec3 q = ray.at(t);
        const auto h = surfaceHeightAt(grid, mapping, mapping.toPlane(q));
        if (!h) return std::nullopt;
        return q.z() - *h;
    };
    std::optional<double> previous = side(tEnter);
    // Below the surface where it enters the block: it came in through a wall.
    if (previous && *previous <= 0) return SurfaceHit{ray.at(tEnter), false};
    const double cell =
        mapping.scale() * std::min(grid.box.width() / grid.width, grid.box.height() / grid.height);
    const double step = std::max(cell / 2, (tExit - tEnter) / 20000);
    double tPrevious = tEnter;
    for (double t = tEnter + step;; t += step) {
        t = std::min(t, tExit);
        const std::optional<double> now = side(t);
        if (previous && now && (*previous > 0) != (*now > 0)) {
            double a = tPrevious, b = t;
            const bool aboveAtA = *previous > 0;
            for (int k = 0; k < 48; ++k) {
                const double mid = (a + b) / 2;
                const std::optional<double> s = side(mid);
                if (s && (*s > 0) == aboveAtA)
                    a = mid;
                else
                    b = mid;
            }
            return SurfaceHit{ray.at((a + b) / 2), true};
        }
        previous = now;
        tPrevious = t;
        if (t >= tExit) return std::nullopt;
    }
}

std::optional<Vec2> pickSurface(const Grid& grid, const SurfaceMapping& mapping, const Ray& ray) {
    const auto hit = castRay(grid, mapping, ray);
    if (!hit || !hit->onTop) return std::nullopt;
    return mapping.toPlane(hit->point);
}

}  // namespace gradscape
