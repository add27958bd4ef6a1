// The paths' level-of-detail summary: built as a path grows it equals one built at once; the contour
// view's polyline and the surface's thinned path drawn from it equal the point-by-point ones (shorter
// paths, or with runs over drawn cells not left out), stay within their tolerance of every iterate when
// runs over drawn cells are left out, keep the first and last iterate, and cost what is drawn.
#include "view/path_lod.h"

#include "view/path_clipping.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <vector>

using namespace gradscape;

namespace {

ChunkedVector<Vec2> chunked(const std::vector<Vec2>& points) {
    return ChunkedVector<Vec2>(points.begin(), points.end());
}

PathLod lodOf(const ChunkedVector<Vec2>& points) {
    PathLod lod;
    lod.update(points);
    return lod;
}

bool sameBoxes(const PathLod& a, const PathLod& b) {
    if (a.levelCount() != b.levelCount()) return false;
    for (std::size_t k = 0; k < a.levelCount(); ++k) {
        if (a.level(k).size() != b.level(k).size()) return false;
        for (std::size_t i = 0; i < a.level(k).size(); ++i) {
            const PathBox &p = a.level(k)[i], &q = b.level(k)[i];
            if (p.finite() != q.finite()) return false;
            if (p.finite() && (p.xMin != q.xMin || p.xMax != q.xMax || p.yMin != q.yMin || p.yMax != q.yMax))
                return false;
        }
    }
    return true;
}

// A random walk with steps of about `step`, drifting by `drift` per step and pulled back to where it
// started by `pull` of its distance (SGD's noise about a minimum).
std::vector<Vec2> walk(std::size_t n, double step, Vec2 drift, unsigned seed, double pull = 0) {
    std::mt19937 random(seed);
    std::normal_distribution<double> normal(0, step);
    const Vec2 from(0.1, -0.2);
    std::vector<Vec2> points{from};
    while (points.size() < n)
        points.push_back(points.back() + drift - pull * (points.back() - from) +
                         Vec2(normal(random), normal(random)));
    return points;
}

// A spiral converging geometrically into `centre`.
std::vector<Vec2> spiral(std::size_t n, double rate, Vec2 centre = Vec2(0.3, 0.4)) {
    std::vector<Vec2> points;
    double r = 0.8;
    for (std::size_t k = 0; k < n; ++k, r *= rate)
        points.push_back(centre + r * Vec2(std::cos(0.3 * k), std::sin(0.3 * k)));
    return points;
}

// The contour view's screen: [-1, 1]^2 on a 500 x 400 pixel plot whose y grows downwards.
ScreenPoint toScreen(const Vec2& p) {
    return {20 + static_cast<float>((p.x() + 1) / 2 * 500), 10 + static_cast<float>((1 - p.y()) / 2 * 400)};
}
const ViewBox kGuard{-3, 3, -3, 3};

// The polyline the contour view drew before the summary: clipPathToBox, then every point within the
// tolerance of the last kept one left out, each piece's ends kept.
std::vector<ScreenPiece> pointByPoint(const std::vector<Vec2>& points, float tolerance) {
    std::vector<ScreenPiece> out;
    for (const ClippedPiece& piece : clipPathToBox(points, kGuard)) {
        ScreenPiece& line = out.emplace_back();
        for (std::size_t i = 0; i < piece.points.size(); ++i) {
            const ScreenPoint s = toScreen(piece.points[i]);
            if (!line.points.empty() && i + 1 != piece.points.size() &&
                std::abs(s.x - line.points.back().x) < tolerance &&
                std::abs(s.y - line.points.back().y) < tolerance)
                continue;
            line.points.push_back(s), line.iterate.push_back(piece.iterate[i]);
        }
    }
    return out;
}

bool samePieces(const std::vector<ScreenPiece>& a, const std::vector<ScreenPiece>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].points != b[i].points || a[i].iterate != b[i].iterate || a[i].joined) return false;
    return true;
}

// drapeOnSurface's own thinning: a point closer than `radius` to the last kept is left out (not the last).
std::vector<Vec2> thinnedPointByPoint(const std::vector<Vec2>& points, double radius) {
    std::vector<Vec2> kept;
    std::optional<Vec2> last;
    for (std::size_t k = 0; k < points.size(); ++k) {
        const Vec2& p = points[k];
        if (!p.allFinite()) {
            kept.push_back(p), last.reset();
            continue;
        }
        if (last && (p - *last).norm() < radius && k + 1 != points.size()) continue;
        kept.push_back(p), last = p;
    }
    return kept;
}

bool sameOrBothNaN(const std::vector<Vec2>& a, const std::vector<Vec2>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i]) && !(!a[i].allFinite() && !b[i].allFinite())) return false;
    return true;
}

double distanceToSegment(const Vec2& p, const Vec2& a, const Vec2& b) {
    const Vec2 u = b - a;
    const double t = u.squaredNorm() > 0 ? std::clamp((p - a).dot(u) / u.squaredNorm(), 0.0, 1.0) : 0;
    return (p - a - t * u).norm();
}

// The largest distance from any of `points` to the nearest of `segments` (a point alone is a segment from
// itself to itself), by brute force over buckets of side `bucket` (larger than any distance that matters).
double farthest(const std::vector<Vec2>& points, const std::vector<std::pair<Vec2, Vec2>>& segments,
                double bucket) {
    std::map<std::pair<long, long>, std::vector<std::size_t>> buckets;
    const auto key = [&](const Vec2& p) {
        return std::pair{long(std::floor(p.x() / bucket)), long(std::floor(p.y() / bucket))};
    };
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto [a, b] = segments[i];
        const int samples = 1 + int((b - a).norm() / bucket * 4);
        for (int u = 0; u <= samples; ++u) {
            auto& list = buckets[key(a + (b - a) * (double(u) / samples))];
            if (list.empty() || list.back() != i) list.push_back(i);
        }
    }
    double worst = 0;
    for (std::size_t k = 0; k < points.size(); k += 3) {  // every third iterate: enough, and quick
        const Vec2& p = points[k];
        double nearest = 1e9;
        const auto [bx, by] = key(p);
        for (long dx = -1; dx <= 1; ++dx)
            for (long dy = -1; dy <= 1; ++dy)
                if (auto it = buckets.find({bx + dx, by + dy}); it != buckets.end())
                    for (std::size_t i : it->second)
                        nearest =
                            std::min(nearest, distanceToSegment(p, segments[i].first, segments[i].second));
        worst = std::max(worst, nearest);
    }
    return worst;
}

// On the screen: from the iterates to the drawn pieces.
double farthestIterate(const std::vector<Vec2>& points, const std::vector<ScreenPiece>& pieces) {
    std::vector<std::pair<Vec2, Vec2>> segments;
    for (const ScreenPiece& piece : pieces)
        for (std::size_t i = 0; i < piece.points.size(); ++i) {
            const ScreenPoint a = piece.points[i], b = piece.points[i + 1 < piece.points.size() ? i + 1 : i];
            segments.push_back({Vec2(a.x, a.y), Vec2(b.x, b.y)});
        }
    std::vector<Vec2> screen;
    for (const Vec2& p : points)
        screen.push_back(Vec2(toScreen(p).x, toScreen(p).y));
    return farthest(screen, segments, 8);
}

std::size_t pointCount(const std::vector<ScreenPiece>& pieces) {
    std::size_t n = 0;
    for (const ScreenPiece& piece : pieces)
        n += piece.points.size();
    return n;
}

}  // namespace

TEST_CASE(
    "the summary built as a path grows equals the one built at once, and a cut one equals its prefix's") {
    const std::vector<Vec2> all = walk(70'000, 1e-3, Vec2(1e-5, 0), 7);
    ChunkedVector<Vec2> growing;
    PathLod lod;
    std::size_t next = 0;
    // Grown in uneven steps, each publish a copy of the writer (sharing its chunks), as the solver does.
    for (std::size_t size : {1, 2, 31, 32, 33, 100, 4095, 4096, 4097, 9000, 16384, 40'000, 70'000}) {
        for (; next < size; ++next)
            growing.push_back(all[next]);
        const ChunkedVector<Vec2> published = growing;
        lod.update(published);
        CHECK(lod.points().size() == size);
        CHECK(sameBoxes(lod, lodOf(chunked({all.begin(), all.begin() + static_cast<long>(size)}))));
    }
    REQUIRE(lod.levelCount() == 12);  // 70,000 / 32 = 2187 leaves, up to one box of 65,536 iterates
    CHECK(lod.level(0).size() == 70'000 / 32);
    const PathBox& top = lod.level(10)[0];
    double xMin = 1e9, xMax = -1e9;
    for (std::size_t i = 0; i < 32'768; ++i)
        xMin = std::min(xMin, all[i].x()), xMax = std::max(xMax, all[i].x());
    CHECK(top.xMin == xMin);
    CHECK(top.xMax == xMax);

    for (std::size_t count : {0, 1, 31, 32, 1000, 4096, 33'333, 70'000}) {
        const PathLod cut = lod.prefix(count);
        CHECK(cut.points().size() == count);
        CHECK(sameBoxes(cut, lodOf(chunked({all.begin(), all.begin() + static_cast<long>(count)}))));
    }
    // A path computed again (not sharing the old storage) is summarized from scratch.
    const std::vector<Vec2> other = spiral(5000, 0.999);
    lod.update(chunked(other));
    CHECK(sameBoxes(lod, lodOf(chunked(other))));
    CHECK(lod.points() == other);
}

TEST_CASE("a box with a point that is not finite is never left out") {
    std::vector<Vec2> points = walk(300, 0.01, Vec2::Zero(), 3);
    points[100] = Vec2(NAN, 0);
    const PathLod lod = lodOf(chunked(points));
    CHECK_FALSE(lod.level(0)[3].finite());
    CHECK(lod.level(0)[2].finite());
    CHECK_FALSE(lod.level(1)[1].finite());
    CHECK(samePieces(screenPath(lod, kGuard, toScreen, 0.75f), pointByPoint(points, 0.75f)));
    CHECK(sameOrBothNaN(thinPath(lod, 0.01), thinnedPointByPoint(points, 0.01)));
}

TEST_CASE("the contour polyline from the summary equals the point-by-point one") {
    std::vector<std::vector<Vec2>> paths = {
        spiral(1000, 0.99),                     // today's 1000-step converging path
        spiral(60'000, 0.9995),                 // long, settling into one pixel
        walk(5000, 2e-3, Vec2(2e-4, 1e-4), 1),  // wandering, steps about half a pixel
        walk(20'000, 4e-3, Vec2::Zero(), 2),    // wandering over a few pixels
        walk(3000, 0.4, Vec2::Zero(), 5),       // leaving the guard box and coming back
    };
    // GD at twice the stable rate: leaves the box, jumps across it, runs off far.
    std::vector<Vec2> diverging;
    for (Vec2 x(0.5, 0.2); diverging.size() < 120; x = Vec2(-1.5 * x.x(), 0.5 * x.y()))
        diverging.push_back(x);
    paths.push_back(diverging);
    // Iterates exactly on the guard box's edge, and a run along it.
    std::vector<Vec2> edge = spiral(200, 0.99, Vec2(3, 0));
    for (int i = 0; i < 100; ++i)
        edge.push_back(Vec2(3, -1 + 0.02 * i));
    paths.push_back(edge);
    // Mostly outside the guard box (a zoomed view), through it now and then.
    std::vector<Vec2> outside;
    for (int k = 0; k < 50'000; ++k)
        outside.push_back(Vec2(5 * std::cos(0.001 * k), 4 * std::sin(0.0013 * k)));
    paths.push_back(outside);
    for (std::size_t i = 0; i < paths.size(); ++i) {
        CAPTURE(i);
        const PathLod lod = lodOf(chunked(paths[i]));
        for (float tolerance : {0.75f, 3.0f})
            CHECK(
                samePieces(screenPath(lod, kGuard, toScreen, tolerance), pointByPoint(paths[i], tolerance)));
        // Paths shorter than kDensePathPoints are drawn point by point even when runs over drawn cells may
        // go.
        if (paths[i].size() < kDensePathPoints)
            CHECK(samePieces(screenPath(lod, kGuard, toScreen, 0.75f, 1.0f), pointByPoint(paths[i], 0.75f)));
    }
}

TEST_CASE("the surface's thinned path from the summary equals the point-by-point one") {
    for (const auto& points :
         {spiral(1000, 0.99), spiral(50'000, 0.9995), walk(20'000, 4e-3, Vec2(1e-4, 0), 4)}) {
        const PathLod lod = lodOf(chunked(points));
        for (double radius : {1e-3, 0.0125 / 5, 0.05}) {
            CAPTURE(radius);
            CHECK(sameOrBothNaN(thinPath(lod, radius), thinnedPointByPoint(points, radius)));
        }
    }
}

TEST_CASE("a million-step path that settles into a pixel costs a few points, first and last exact") {
    const std::vector<Vec2> points = spiral(1'000'000, 0.99);
    const PathLod lod = lodOf(chunked(points));
    const auto exact = screenPath(lod, kGuard, toScreen, 0.75f);
    REQUIRE(exact.size() == 1);
    CHECK(pointCount(exact) < 800);
    CHECK(samePieces(exact, pointByPoint(points, 0.75f)));
    const auto pieces = screenPath(lod, kGuard, toScreen, 0.75f, 1.0f);
    CHECK(pointCount(pieces) <= pointCount(exact));
    CHECK(pieces.front().points.front() == toScreen(points.front()));
    CHECK(pieces.back().points.back() == toScreen(points.back()));
    const auto thinned = thinPath(lod, 0.0025, 0.0025, kGuard);
    CHECK(thinned.size() < 800);
    CHECK(thinned.front() == points.front());
    CHECK(thinned.back() == points.back());
}

TEST_CASE("a long path that never settles stays within three pixels of every iterate and costs its pixels") {
    // SGD's noise at a minimum (a walk of about 0.3 px steps over a few dozen pixels), and RMSprop bouncing
    // between two points 2.8 px apart: every step kept point by point.
    std::vector<Vec2> bouncing = spiral(2000, 0.995);
    for (int k = 0; k < 200'000; ++k)
        bouncing.push_back(k % 2 ? Vec2(0.3, 0.4) : Vec2(0.3088, 0.3934));
    const std::vector<std::vector<Vec2>> paths = {walk(200'000, 1.2e-3, Vec2::Zero(), 11, 1e-3), bouncing};
    for (const auto& points : paths) {
        const PathLod lod = lodOf(chunked(points));
        const auto exact = screenPath(lod, kGuard, toScreen, 0.75f);
        const auto drawn = screenPath(lod, kGuard, toScreen, 0.75f, 1.0f);
        CHECK(pointCount(exact) > 20'000);
        CHECK(pointCount(drawn) < 5'000);
        // Within 2 sqrt(2) cells of a drawn segment (or 0.75 sqrt(2) of a kept point).
        CHECK(farthestIterate(points, drawn) <= 2 * std::sqrt(2.0) + 1e-3);
        CHECK(drawn.front().points.front() == toScreen(points.front()));
        CHECK(drawn.back().points.back() == toScreen(points.back()));
        // Pieces after the first go on from the one before: drawn as one line.
        for (std::size_t i = 1; i < drawn.size(); ++i)
            CHECK(drawn[i].joined);

        const auto thinned = thinPath(lod, 0.0025, 0.004, kGuard);
        CHECK(thinned.size() < 10'000);
        CHECK(thinned.front() == points.front());
        CHECK(thinned.back() == points.back());
        // Every iterate is within 2 sqrt(2) cells of a segment between two finite neighbours in the list
        // (or within the radius of a point kept alone).
        std::vector<std::pair<Vec2, Vec2>> segments;
        for (std::size_t i = 0; i < thinned.size(); ++i)
            if (thinned[i].allFinite())
                segments.push_back({thinned[i], i + 1 < thinned.size() && thinned[i + 1].allFinite()
                                                    ? thinned[i + 1]
                                                    : thinned[i]});
        CHECK(farthest(points, segments, 0.02) <= 2 * std::sqrt(2.0) * 0.004 + 0.0025);
    }
}
