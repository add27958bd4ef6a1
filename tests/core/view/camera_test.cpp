#include "view/camera.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace gradscape;

TEST_CASE("the default camera looks at its target from above, at its distance") {
    const OrbitCamera camera;
    const Vec3 eye = eyePosition(camera), target(camera.targetX, camera.targetY, camera.targetZ);
    CHECK((eye - target).norm() == doctest::Approx(camera.distance));
    CHECK(eye.z() > target.z());
    CHECK(forwardDirection(camera).dot(target - eye) == doctest::Approx(camera.distance));
    // The target appears at the centre of any viewport, between the clip planes.
    const Viewport viewport{100, 50, 640, 480};
    const auto pixel = projectToPixel(camera, viewport, target);
    REQUIRE(pixel);
    CHECK(pixel->x() == doctest::Approx(420));
    CHECK(pixel->y() == doctest::Approx(290));
    CHECK(pixel->z() > 0);
    CHECK(pixel->z() < 1);
    // A point behind the eye has no pixel.
    CHECK_FALSE(projectToPixel(camera, viewport, eye - forwardDirection(camera)));
}

TEST_CASE("a pixel's ray passes through every point that projects to that pixel") {
    OrbitCamera camera;
    camera.yaw = 2.1, camera.pitch = 0.4, camera.distance = 2.5, camera.targetX = 0.3;
    for (const Viewport& viewport : {Viewport{10, 20, 800, 500}, Viewport{0, 0, 300, 900}})
        for (const Vec3& point : {Vec3(0.2, -0.4, 0.1), Vec3(-0.9, 0.8, 0.9), Vec3(0.5, 0.5, 0.5)}) {
            CAPTURE(point.transpose());
            CAPTURE(viewport.width);
            const auto pixel = projectToPixel(camera, viewport, point);
            REQUIRE(pixel);
            const Ray ray = pixelRay(camera, viewport, pixel->x(), pixel->y());
            CHECK(ray.origin.isApprox(eyePosition(camera)));
            CHECK(ray.direction.norm() == doctest::Approx(1));
            // The point lies on the ray: its distance from the ray's line is tiny.
            const Vec3 toPoint = point - ray.origin;
            const Vec3 off = toPoint - toPoint.dot(ray.direction) * ray.direction;
            CHECK(off.norm() < 1e-9);
            CHECK(toPoint.dot(ray.direction) > 0);
            // And back: the point on the ray at that distance projects to the same pixel.
            const auto again = projectToPixel(camera, viewport, ray.at(toPoint.norm()));
            REQUIRE(again);
            CHECK(again->x() == doctest::Approx(pixel->x()).epsilon(1e-9));
            CHECK(again->y() == doctest::Approx(pixel->y()).epsilon(1e-9));
        }
}

TEST_CASE("the field of view spans the picture's shorter side, wide or tall") {
    OrbitCamera camera;
    camera.yaw = 0, camera.pitch = kMinPitch;
    const Vec3 target(camera.targetX, camera.targetY, camera.targetZ);
    // A point off to the right at the field of view's half-angle lands on the edge of a tall picture...
    const Vec3 right = target + rightDirection(camera) * camera.distance * std::tan(camera.fieldOfView / 2);
    const auto tall = projectToPixel(camera, {0, 0, 300, 900}, right);
    REQUIRE(tall);
    CHECK(tall->x() == doctest::Approx(300));
    // ...and one above at that angle on the top edge of a wide one.
    const Vec3 up = rightDirection(camera).cross(forwardDirection(camera));
    const auto wide = projectToPixel(camera, {0, 0, 900, 300},
                                     target + up * camera.distance * std::tan(camera.fieldOfView / 2));
    REQUIRE(wide);
    CHECK(wide->y() == doctest::Approx(0).epsilon(1e-9));
}

TEST_CASE("the surface mapping keeps the box's aspect and maps values to heights in [0, 1]") {
    const SurfaceMapping mapping{{-2, 2, -1, 3}, 0.0, 2500.0, false};
    CHECK(mapping.scale() == doctest::Approx(0.5));
    CHECK(mapping.toSurface({2, 3}, 2500).isApprox(Vec3(1, 1, 1)));
    CHECK(mapping.toSurface({-2, -1}, 0).isApprox(Vec3(-1, -1, 0)));
    CHECK(mapping.toPlane(mapping.toSurface({0.7, -0.3}, 12)).isApprox(Vec2(0.7, -0.3)));
    const SurfaceMapping wide{{0, 8, 0, 2}, -1.0, 1.0, false};
    CHECK(wide.toSurface({8, 2}, 0).isApprox(Vec3(1, 0.25, 0.5)));
    CHECK(mapping.height(-5) == 0);
    CHECK(mapping.height(1e9) == 1);
    CHECK(mapping.height(std::nan("")) == 0);
}

TEST_CASE("log height is monotone, spans [0, 1] and lifts low values above the linear height") {
    SurfaceMapping mapping{{-1, 1, -1, 1}, 3.0, 1003.0, true};
    SurfaceMapping linear = mapping;
    linear.logHeight = false;
    CHECK(mapping.height(3) == doctest::Approx(0));
    CHECK(mapping.height(1003) == doctest::Approx(1));
    // One thousandth of the range above the minimum is log(2) / log(1001) of the height.
    CHECK(mapping.height(4) == doctest::Approx(std::log(2.0) / std::log(1001.0)));
    double previous = -1;
    for (double f = 3; f <= 1003; f += 0.25) {
        const double h = mapping.height(f);
        CHECK(h > previous);
        CHECK(h >= linear.height(f) - 1e-12);
        previous = h;
    }
}

TEST_CASE("orbit clamps the pitch, zoom clamps the distance, pan moves the target along the ground") {
    OrbitCamera camera;
    orbit(camera, 0.3, 10);
    CHECK(camera.pitch == kMaxPitch);
    orbit(camera, 0, -10);
    CHECK(camera.pitch == kMinPitch);
    CHECK(camera.yaw == doctest::Approx(OrbitCamera{}.yaw + 0.3));
    orbit(camera, 100, 0);  // yaw wraps into [-pi, pi]
    CHECK(std::abs(camera.yaw) <= 3.1416);

    zoom(camera, 1e-3);
    CHECK(camera.distance == kMinDistance);
    zoom(camera, 1e6);
    CHECK(camera.distance == kMaxDistance);
    zoom(camera, 0.5);
    CHECK(camera.distance == doctest::Approx(kMaxDistance / 2));
    zoom(camera, std::nan(""));
    CHECK(camera.distance == doctest::Approx(kMaxDistance / 2));

    OrbitCamera moved;
    moved.yaw = 0;  // looking along +y, so right is +x
    pan(moved, 0.5, 0.25);
    CHECK(moved.targetX == doctest::Approx(0.5));
    CHECK(moved.targetY == doctest::Approx(0.25));
    CHECK(moved.targetZ == OrbitCamera{}.targetZ);
    pan(moved, 100, -100);
    CHECK(moved.targetX == kMaxTargetOffset);
    CHECK(moved.targetY == -kMaxTargetOffset);
}

TEST_CASE("a ray through a projected point of a sampled surface picks that point back") {
    for (const std::string name : {"quadratic", "rosenbrock", "himmelblau"}) {
        for (bool logHeight : {false, true}) {
            CAPTURE(name);
            CAPTURE(logHeight);
            auto landscape = makeLandscape(name);
            const Grid grid = sampleGrid(landscape, landscape->displayBox(), 256, 256);
            const SurfaceMapping mapping = SurfaceMapping::of(grid, logHeight);
            OrbitCamera camera;
            // Looking nearly straight down, so that no hill (log height makes the minima deep funnels)
            // hides the points aimed at.
            camera.pitch = kMaxPitch;
            const Viewport viewport{0, 0, 900, 700};
            const ViewBox& box = grid.box;
            int picked = 0;
            for (double a : {0.2, 0.45, 0.7})
                for (double b : {0.25, 0.5, 0.8}) {
                    const Vec2 p(box.xMin + a * box.width(), box.yMin + b * box.height());
                    const auto h = surfaceHeightAt(grid, mapping, p);
                    REQUIRE(h);
                    const Vec3 q = mapping.toSurface(p, 0) + Vec3(0, 0, *h);
                    const auto pixel = projectToPixel(camera, viewport, q);
                    REQUIRE(pixel);
                    const auto hit =
                        pickSurface(grid, mapping, pixelRay(camera, viewport, pixel->x(), pixel->y()));
                    REQUIRE(hit);
                    CAPTURE(p.transpose());
                    CAPTURE(hit->transpose());
                    // Within a tenth of a cell of the point the ray was aimed at.
                    CHECK(std::abs(hit->x() - p.x()) < 0.1 * box.width() / grid.width);
                    CHECK(std::abs(hit->y() - p.y()) < 0.1 * box.height() / grid.height);
                    ++picked;
                }
            CHECK(picked == 9);
        }
    }
}

TEST_CASE("a ray that passes beside the surface, or over a hole in it, picks nothing") {
    auto landscape = makeLandscape("quadratic");
    Grid grid = sampleGrid(landscape, landscape->displayBox(), 64, 64);
    const SurfaceMapping mapping = SurfaceMapping::of(grid, false);
    // Straight down beside the surface, and straight up from under it.
    CHECK_FALSE(pickSurface(grid, mapping, {Vec3(1.5, 0, 2), Vec3(0, 0, -1)}));
    CHECK_FALSE(pickSurface(grid, mapping, {Vec3(0, 0, 2), Vec3(0, 0, 1)}));
    const auto centre = pickSurface(grid, mapping, {Vec3(0, 0, 2), Vec3(0, 0, -1)});
    REQUIRE(centre);
    CHECK((*centre - grid.box.center()).norm() < 1e-6);
    // A hole where f is not finite: the ray falls through it.
    for (int row = 28; row < 36; ++row)
        for (int column = 28; column < 36; ++column)
            grid.values[size_t(row) * grid.width + column] = std::nanf("");
    CHECK_FALSE(surfaceHeightAt(grid, mapping, grid.box.center()));
    // A ray from beside the block, below the rim of the bowl, meets the wall, not the top.
    const Vec2 rim = grid.cellCenter(63, 40);
    const auto rimHeight = surfaceHeightAt(grid, mapping, rim);
    REQUIRE(rimHeight);
    REQUIRE(*rimHeight > 0.01);
    const Vec3 onRim = mapping.toSurface(rim, mapping.minimum);
    const Ray sideways{Vec3(3, onRim.y(), *rimHeight / 2), Vec3(-1, 0, 0)};
    const auto wall = castRay(grid, mapping, sideways);
    REQUIRE(wall);
    CHECK_FALSE(wall->onTop);
    CHECK(wall->point.x() == doctest::Approx(onRim.x()));
    CHECK_FALSE(pickSurface(grid, mapping, sideways));
    CHECK_FALSE(pickSurface(grid, mapping, {Vec3(0, 0, 2), Vec3(0, 0, -1)}));
}
