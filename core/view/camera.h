#pragma once
// The 3D surface view's geometry, with no GL: where the orbit camera is, its matrices, projecting
// points to pixels and pixels to rays, the map between the plane and the surface's normalized
// coordinates, the mouse's orbit, zoom and pan, and picking the surface with a ray.

#include "view/grid.h"
#include "view/view_settings.h"

#include <Eigen/Dense>

#include <optional>

namespace gradscape {

using Vec3 = Eigen::Vector3d;

/// The surface's pitch is kept within [kMinPitch, kMaxPitch] radians: above the horizon, short of
/// looking straight down (where yaw would lose its meaning).
inline constexpr double kMinPitch = 0.05, kMaxPitch = 1.5;
/// The camera's distance from its target is kept within [kMinDistance, kMaxDistance] normalized units.
inline constexpr double kMinDistance = 0.6, kMaxDistance = 12;
/// The target may be panned at most this far from the surface's centre along x and y.
inline constexpr double kMaxTargetOffset = 2;

/// A rectangle of window pixels (top-left origin, y down) that the camera's picture fills.
struct Viewport {
    double x = 0, y = 0, width = 1, height = 1;
};

/// A half-line from `origin` along the unit vector `direction`.
struct Ray {
    Vec3 origin = Vec3::Zero();
    Vec3 direction = Vec3::UnitZ();

    Vec3 at(double t) const { return origin + t * direction; }
};

/// The map between plane points with their value, (x, y, f), and the surface's normalized coordinates.
/// The box maps to [-1, 1] along its longer side, centred, keeping its aspect; f from minimum to maximum
/// maps to height 0 to 1, linearly or, with logHeight, as log(1 + (f - minimum) / s) / log(1 + range / s)
/// with s = range / 1000 (the contour view's colour scale).
struct SurfaceMapping {
    ViewBox box;
    double minimum = 0, maximum = 1;
    bool logHeight = false;

    /// The mapping of a sampled grid: its box and the range of its finite values.
    static SurfaceMapping of(const Grid& grid, bool logHeight);

    /// Normalized units per plane unit (the same along x and y).
    double scale() const;
    /// The height in [0, 1] of a value f (clamped to the range; a non-finite f gives 0).
    double height(double f) const;
    /// The normalized point of plane point (x, y) with value f.
    Vec3 toSurface(const Vec2& p, double f) const;
    /// The plane point under a normalized point (its height is ignored).
    Vec2 toPlane(const Vec3& q) const;
};

/// The camera's position in normalized coordinates.
Vec3 eyePosition(const OrbitCamera& camera);
/// The unit vector the camera looks along.
Vec3 forwardDirection(const OrbitCamera& camera);
/// The unit vector to the right of the picture, horizontal.
Vec3 rightDirection(const OrbitCamera& camera);
/// The near and far clip distances that hold the whole surface (and pans away from it).
std::pair<double, double> clipDistances(const OrbitCamera& camera);

/// The view matrix (world to camera, camera looking down its -z), like gluLookAt with z up.
Eigen::Matrix4d viewMatrix(const OrbitCamera& camera);
/// The perspective projection onto a picture of this aspect (width / height), like gluPerspective with
/// clipDistances(camera), except that the field of view spans the picture's shorter side.
Eigen::Matrix4d projectionMatrix(const OrbitCamera& camera, double aspect);

/// The pixel where a normalized point appears (x right, y down, within the viewport when visible) and
/// its depth in [0, 1] (near to far); nothing when the point is behind the camera.
std::optional<Vec3> projectToPixel(const OrbitCamera& camera, const Viewport& viewport, const Vec3& point);
/// The ray from the eye through a pixel of the viewport.
Ray pixelRay(const OrbitCamera& camera, const Viewport& viewport, double px, double py);

/// Turns the camera about its target: yaw and pitch change by these many radians, pitch clamped.
void orbit(OrbitCamera& camera, double deltaYaw, double deltaPitch);
/// Multiplies the distance to the target by factor (below 1 comes closer), clamped.
void zoom(OrbitCamera& camera, double factor);
/// Moves the target along the ground: `right` units along the picture's right, `forward` units along
/// the horizontal direction the camera looks in. The target stays within kMaxTargetOffset of the centre.
void pan(OrbitCamera& camera, double right, double forward);

/// The surface's height at a plane point, interpolated bilinearly between the grid's samples (clamped to
/// the outermost ones at the edges); nothing where a neighbouring sample is not finite.
std::optional<double> surfaceHeightAt(const Grid& grid, const SurfaceMapping& mapping, const Vec2& p);

/// Where a ray meets the surface drawn for a grid.
struct SurfaceHit {
    Vec3 point;  ///< In normalized coordinates.
    bool onTop;  ///< On the height field itself, rather than on a side wall (from its edge down to 0).
};

/// Where a ray first meets the surface of the grid, drawn as a block: the height field over the grid's
/// sample centres and the walls from its edges down to height 0. Marched in steps smaller than a cell
/// and refined by bisection; nothing when the ray misses (or falls through a hole where f is not finite).
std::optional<SurfaceHit> castRay(const Grid& grid, const SurfaceMapping& mapping, const Ray& ray);

/// The plane point where a ray first meets the top of the surface; nothing when it misses, or meets a
/// side wall first.
std::optional<Vec2> pickSurface(const Grid& grid, const SurfaceMapping& mapping, const Ray& ray);

}  // namespace gradscape
