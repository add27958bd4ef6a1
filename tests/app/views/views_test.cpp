// The views' geometry without a window (issue 10): Fit view's box, the legend's corner, and paths on
// the 3D surface cut at its box.

#include "views/contour_view.h"
#include "views/race_legend.h"
#include "optimizers/optimizer.h"
#include "render/gl/surface_layer.h"
#include "panels/text_wrap.h"
#include "view/path_lod.h"

#include <doctest/doctest.h>

#include <cmath>
#include <functional>

using namespace gradscape;

TEST_CASE("Fit view shows the landscape's display box, grown to take in start points outside it") {
    const ViewBox display{-2, 2, -1, 3};
    CHECK(fitViewBox(display, {}) == display);
    CHECK(fitViewBox(display, {Vec2(0, 0), Vec2(-2, 3)}) == display);
    // A start at (5, -2): the box reaches it, plus a 5% margin of the grown box on each side.
    const ViewBox grown = fitViewBox(display, {Vec2(5, -2)});
    CHECK(grown.xMin == doctest::Approx(-2 - 0.35));
    CHECK(grown.xMax == doctest::Approx(5 + 0.35));
    CHECK(grown.yMin == doctest::Approx(-2 - 0.25));
    CHECK(grown.yMax == doctest::Approx(3 + 0.25));
    // A start that is not a number is ignored.
    CHECK(fitViewBox(display, {Vec2(NAN, 1)}) == display);
}

TEST_CASE("the legend takes the corner hiding the fewest marks, top right on a tie") {
    const ImVec2 min(0, 0), max(100, 100), size(30, 20);
    CHECK(leastCoveredCorner(min, max, size, 5, {}).x == 65);
    CHECK(leastCoveredCorner(min, max, size, 5, {}).y == 5);
    // Marks in the top right push it to the top left; marks there too, to the bottom right.
    CHECK(leastCoveredCorner(min, max, size, 5, {{80, 10}}).x == 5);
    const ImVec2 c = leastCoveredCorner(min, max, size, 5, {{80, 10}, {10, 10}});
    CHECK(c.x == 65);
    CHECK(c.y == 75);
}

TEST_CASE("a segment is clipped to a box at its edges") {
    const ViewBox box{-1, 1, -1, 1};
    const auto across = clipSegmentToBox(box, {-3, 0}, {3, 0});
    REQUIRE(across);
    CHECK(across->first == doctest::Approx(1.0 / 3));
    CHECK(across->second == doctest::Approx(2.0 / 3));
    const auto inside = clipSegmentToBox(box, {0, 0}, {0.5, 0.5});
    REQUIRE(inside);
    CHECK(inside->first == 0);
    CHECK(inside->second == 1);
    CHECK_FALSE(clipSegmentToBox(box, {2, 2}, {3, -3}));
    CHECK_FALSE(clipSegmentToBox(box, {-3, 1.5}, {3, 1.5}));
}

TEST_CASE("a diverging path laid on the surface stays inside the box, cut where it leaves, with no chords") {
    // A bowl sampled on [-2, 2]^2.
    Grid grid;
    grid.box = {-2, 2, -2, 2};
    grid.width = grid.height = 64;
    grid.values.resize(size_t(grid.width) * grid.height);
    for (int row = 0; row < grid.height; ++row)
        for (int column = 0; column < grid.width; ++column) {
            const Vec2 p = grid.cellCenter(column, row);
            grid.values[size_t(row) * grid.width + column] = p.squaredNorm();
        }
    grid.minimum = 0;
    grid.maximum = 8;
    const SurfaceMapping mapping = SurfaceMapping::of(grid, false);
    // GD at twice the stable rate: x_k = (-1.5)^k x_0, leaving the box after a few steps and jumping
    // across it from far away, then running off to 1e30.
    std::vector<Vec2> points;
    Vec2 x(0.3, 0.2);
    for (int k = 0; k < 200; ++k, x *= -1.5)
        points.push_back(x);
    const auto pieces = drapeOnSurface(grid, mapping, points, 0);
    REQUIRE(!pieces.empty());
    const ViewBox mesh = meshBox(grid);
    const double cell = grid.box.width() / grid.width;
    int onEdge = 0;
    for (const auto& piece : pieces)
        for (size_t i = 0; i < piece.size(); ++i) {
            const Vec2 p = mapping.toPlane(piece[i]);
            CHECK(p.x() >= mesh.xMin - 1e-9);
            CHECK(p.x() <= mesh.xMax + 1e-9);
            CHECK(p.y() >= mesh.yMin - 1e-9);
            CHECK(p.y() <= mesh.yMax + 1e-9);
            onEdge += std::abs(std::abs(p.x()) - mesh.xMax) < 1e-9 || std::abs(std::abs(p.y()) - mesh.yMax) < 1e-9;
            // Each point lies on the surface, and the next one is at most about a cell away: the path
            // follows the bowl instead of cutting a straight chord over it.
            CHECK(piece[i].z() == doctest::Approx(*surfaceHeightAt(grid, mapping, p)).epsilon(1e-6));
            if (i > 0) CHECK((p - mapping.toPlane(piece[i - 1])).norm() <= 1.5 * cell);
        }
    // The steps that leave the box, and those that cross it from outside, are cut at its edges.
    CHECK(onEdge >= 4);
}

TEST_CASE("the surface view's thinned path drapes exactly as the whole path") {
    // The surface view hands drapeOnSurface thinPath(lod, cell / 5): what drapeOnSurface keeps of the whole
    // path itself. A wandering path crossing the mesh's edge, with steps around a fifth of a cell (shorter
    // than kDensePathPoints: no run is left out over drawn cells).
    Grid grid;
    grid.box = {-2, 2, -2, 2};
    grid.width = grid.height = 64;
    grid.values.resize(size_t(grid.width) * grid.height);
    for (int row = 0; row < grid.height; ++row)
        for (int column = 0; column < grid.width; ++column)
            grid.values[size_t(row) * grid.width + column] = grid.cellCenter(column, row).squaredNorm();
    grid.minimum = 0;
    grid.maximum = 8;
    const SurfaceMapping mapping = SurfaceMapping::of(grid, false);
    const ViewBox box = meshBox(grid);
    const double cell = std::min(box.width() / grid.width, box.height() / grid.height);
    ChunkedVector<Vec2> points;
    Vec2 x(1.5, 0.5);
    for (int k = 0; k < 6000; ++k, x += Vec2(3e-4 + 0.02 * std::sin(0.37 * k), 0.015 * std::cos(0.11 * k)))
        points.push_back(x);
    PathLod lod;
    lod.update(points);
    const auto whole = drapeOnSurface(grid, mapping, points.toVector(), 0.004);
    const auto thinned = drapeOnSurface(grid, mapping, thinPath(lod, cell / 5, cell / 2, box), 0.004);
    REQUIRE(whole.size() > 1);  // it leaves the box and comes back
    CHECK(thinned == whole);
}

TEST_CASE("text breaks only between numbers and vectors, outer spaces first, a number never") {
    using Units = std::vector<std::string>;
    CHECK(breakableUnits("g = (0.002025, 0.0008097)  f") == Units{"g", "=", "(0.002025, 0.0008097)", "f"});
    CHECK(breakableUnits("(0.002025, 0.0008097)", 1) == Units{"(0.002025,", "0.0008097)"});
    CHECK(breakableUnits("[[1, 2], [3, 4]]", 1) == Units{"[[1, 2],", "[3, 4]]"});
    CHECK(breakableUnits("   ").empty());
    // One "pixel" per character.
    const auto measure = [](std::string_view s) { return float(s.size()); };
    // The vector fits a line of its own: it moves down whole instead of breaking at "0." as ImGui did.
    CHECK(wrapText("g = (0.002025, 0.0008097)", 22, measure) == Units{"g =", "(0.002025, 0.0008097)"});
    // Narrower than the vector: broken after its comma, each number whole.
    CHECK(wrapText("g = (0.002025, 0.0008097)", 12, measure) == Units{"g =", "(0.002025,", "0.0008097)"});
    // Narrower than a number: the number overflows rather than break.
    CHECK(wrapText("0.000809712", 4, measure) == Units{"0.000809712"});
    // A matrix breaks between its rows first.
    CHECK(wrapText("[[0.25, -1.5], [2, 3.75]]", 16, measure) == Units{"[[0.25, -1.5],", "[2, 3.75]]"});
    // Every line is within the width wherever breaking at spaces allows, and no character is lost.
    const std::string text = "v = (0.9 v_k + g_k) = (-0.12345, 6.789e-05) then x - lr v";
    for (float width : {8.0f, 14.0f, 20.0f, 30.0f, 80.0f}) {
        std::string joined;
        for (const std::string& line : wrapText(text, width, measure)) {
            const bool breakable = line.find(' ') != std::string::npos;
            if (breakable) CHECK(measure(line) <= width);
            joined += (joined.empty() ? "" : " ") + line;
        }
        CHECK(joined == text);
    }
}

namespace {

Grid sampled(const std::function<double(const Vec2&)>& f) {
    Grid grid;
    grid.box = {-2, 2, -2, 2};
    grid.width = grid.height = 64;
    grid.values.resize(size_t(grid.width) * grid.height);
    grid.minimum = 1e300, grid.maximum = -1e300;
    for (int row = 0; row < grid.height; ++row)
        for (int column = 0; column < grid.width; ++column) {
            const double v = f(grid.cellCenter(column, row));
            grid.values[size_t(row) * grid.width + column] = float(v);
            grid.minimum = std::min(grid.minimum, v), grid.maximum = std::max(grid.maximum, v);
        }
    return grid;
}

MarkVisibility visibility(const Grid& grid, const OrbitCamera& camera, const Vec2& p) {
    const SurfaceMapping mapping = SurfaceMapping::of(grid, false);
    const Vec3 q = mapping.toSurface(p, mapping.minimum) + Vec3(0, 0, *surfaceHeightAt(grid, mapping, p) + 0.004);
    return markVisibility(grid, mapping, camera, p, q);
}

}  // namespace

TEST_CASE("marks on the 3D surface: hidden behind the side walls and outside the box, faint behind hills") {
    const Grid bowl = sampled([](const Vec2& p) { return p.squaredNorm(); });
    OrbitCamera low;  // the default yaw looks from the +x, -y side
    low.pitch = 0.05;
    // Seen almost edge-on, the bowl's bottom (its minimum) is behind the near wall, not drawn over it.
    CHECK(visibility(bowl, low, {0, 0}) == MarkVisibility::BehindWall);
    // A point beyond the box is not drawn at all.
    CHECK(visibility(bowl, low, {5, 5}) == MarkVisibility::OutsideBox);
    // From above, the bottom and the rim are in view.
    OrbitCamera high;
    high.pitch = 1.4;
    CHECK(visibility(bowl, high, {0, 0}) == MarkVisibility::InView);
    CHECK(visibility(bowl, high, {1.9, -1.9}) == MarkVisibility::InView);
    CHECK(visibility(bowl, high, {-1.9, 1.9}) == MarkVisibility::InView);
    // A hill hides the plain behind it: drawn faint there, so a start point can still be found.
    const Grid hill = sampled([](const Vec2& p) { return 8 * std::exp(-p.squaredNorm()); });
    OrbitCamera side;
    side.pitch = 0.3;
    CHECK(visibility(hill, side, {-1.5, 1.5}) == MarkVisibility::BehindHill);
    CHECK(visibility(hill, side, {1.5, -1.5}) == MarkVisibility::InView);
}

TEST_CASE("a contour path is cut at a box: pieces inside it, on the original segments, with the iterates marked") {
    const ViewBox box{-1, 1, -1, 1};
    // GD at twice the stable rate along x: (0.5, 0.2), (-0.75, 0.1), (1.125, 0.05), (-1.6875, 0.025), ...
    std::vector<Vec2> points;
    Vec2 x(0.5, 0.2);
    for (int k = 0; k < 120; ++k, x = Vec2(-1.5 * x.x(), 0.5 * x.y()))
        points.push_back(x);
    const auto pieces = clipPathToBox(points, box);
    REQUIRE(pieces.size() >= 2);
    // The first piece: two iterates inside, then cut at x = 1 on the way to the third.
    REQUIRE(pieces[0].points.size() == 3);
    CHECK(pieces[0].iterate == std::vector<bool>{true, true, false});
    const Vec2 a = points[1], b = points[2], edge = pieces[0].points[2];
    CHECK(edge.x() == doctest::Approx(1));
    // On the segment from the second iterate to the third: collinear, not clamped.
    CHECK((edge - a).x() * (b - a).y() - (edge - a).y() * (b - a).x() == doctest::Approx(0).scale(1));
    for (const ClippedPiece& piece : pieces)
        for (const Vec2& p : piece.points) {
            CHECK(std::abs(p.x()) <= 1 + 1e-12);
            CHECK(std::abs(p.y()) <= 1 + 1e-12);
        }
    // Far out (1.5^119), steps are left out rather than drawn where rounding puts them.
    CHECK(pieces.size() < 60);
    // A point that is not a number breaks the path.
    CHECK(clipPathToBox({Vec2(0, 0), Vec2(NAN, 0), Vec2(0.5, 0.5)}, box).size() == 2);
}

TEST_CASE("the legend tells racers of one kind apart by what differs, and names every learning rate once") {
    OptimizerSettings slow, fast, adam, named;
    slow.kind = fast.kind = "gd";
    slow.hyperparameters.learningRate = 0.095;
    fast.hyperparameters.learningRate = 0.105;
    adam.kind = "adam";
    adam.hyperparameters.learningRate = 0.05;
    named.kind = "momentum";
    named.label = "heavy ball, mu 0.9";
    named.hyperparameters.learningRate = 0.01;
    const auto titles = legendTitles({slow, fast, adam, named});
    REQUIRE(titles.size() == 4);
    // Two GD racers: the rate that differs is in each label (as eta), and not repeated as "lr".
    CHECK(titles[0].find("0.095") != std::string::npos);
    CHECK(titles[1].find("0.105") != std::string::npos);
    CHECK(titles[0] != titles[1]);
    CHECK(titles[0].find("(lr") == std::string::npos);
    // A lone Adam, and a racer with its own label: the rate follows.
    CHECK(titles[2] == "Adam  (lr 0.05)");
    CHECK(titles[3] == "heavy ball, mu 0.9  (lr 0.01)");
}
