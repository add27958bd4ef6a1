#include "view/path_lod.h"

#include "view/path_clipping.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>

namespace gradscape {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

PathBox boxOf(std::span<const Vec2> run) {
    PathBox box{run[0].x(), run[0].x(), run[0].y(), run[0].y()};
    for (const Vec2& p : run) {
        if (!p.allFinite()) return {kNaN, kNaN, kNaN, kNaN};
        box.xMin = std::min(box.xMin, p.x()), box.xMax = std::max(box.xMax, p.x());
        box.yMin = std::min(box.yMin, p.y()), box.yMax = std::max(box.yMax, p.y());
    }
    return box;
}

PathBox merged(const PathBox& a, const PathBox& b) {
    if (!a.finite() || !b.finite()) return {kNaN, kNaN, kNaN, kNaN};
    return {std::min(a.xMin, b.xMin), std::max(a.xMax, b.xMax), std::min(a.yMin, b.yMin),
            std::max(a.yMax, b.yMax)};
}

bool inside(const ViewBox& outer, const PathBox& box) {
    return box.finite() && outer.contains({box.xMin, box.yMin}) && outer.contains({box.xMax, box.yMax});
}

// Square cells over a rectangle; a drawn segment marks the cells along it and the eight around each (a
// line bouncing between two points a cell or two apart would leave the cells beside it empty), so every
// point in a marked cell is within 2 sqrt(2) cells of a drawn segment. A rectangle is covered when every
// cell it touches is marked: then so is the cell of every point inside it (the cell index grows with the
// coordinate, as computed). A segment marks its cells only once kDelay later ones are drawn: a path that
// creeps on is never "covered" by the line it has just drawn, only by where it has been before.
class CoveredCells {
  public:
    static constexpr std::size_t kMaxCells = std::size_t(1) << 23;  // a 1 MiB bitmap
    static constexpr long kMaxCellsTested = 64;                     // larger rectangles: not covered
    static constexpr std::size_t kDelay = 16;

    CoveredCells(double xMin, double xMax, double yMin, double yMax, double cell)
        : x0_(xMin), y0_(yMin), cell_(cell) {
        const double columns = std::floor((xMax - xMin) / cell) + 1,
                     rows = std::floor((yMax - yMin) / cell) + 1;
        if (!(cell > 0) || !(columns * rows <= double(kMaxCells))) return;  // also NaN: no cells, none marked
        columns_ = static_cast<long>(columns), rows_ = static_cast<long>(rows);
        bits_.assign(static_cast<std::size_t>(columns_ * rows_ + 63) / 64, 0);
    }
    void mark(double x, double y) {
        const long c = column(x), r = row(y);
        if (c < 0 || r < 0) return;
        for (long rr = std::max(r - 1, 0L); rr <= std::min(r + 1, rows_ - 1); ++rr)
            for (long cc = std::max(c - 1, 0L); cc <= std::min(c + 1, columns_ - 1); ++cc) {
                const auto i = static_cast<std::size_t>(rr * columns_ + cc);
                bits_[i / 64] |= std::uint64_t(1) << (i % 64);
            }
    }
    // A segment drawn: the one drawn kDelay segments ago marks its cells.
    void drawn(double ax, double ay, double bx, double by) {
        recent_.push_back({ax, ay, bx, by});
        if (recent_.size() <= kDelay) return;
        const auto [x0, y0, x1, y1] = recent_.front();
        recent_.pop_front();
        markSegment(x0, y0, x1, y1);
    }
    // The cells along the segment a -> b, sampled every half cell (a segment longer than 4096 half cells
    // marks nothing: leaving cells unmarked only leaves out less).
    void markSegment(double ax, double ay, double bx, double by) {
        const double length = std::max(std::abs(bx - ax), std::abs(by - ay)) / cell_;
        if (!(length <= 2048)) return mark(ax, ay), mark(bx, by);
        const int samples = static_cast<int>(2 * length) + 1;
        for (int i = 0; i <= samples; ++i)
            mark(ax + (bx - ax) * i / samples, ay + (by - ay) * i / samples);
    }
    bool covers(double xMin, double xMax, double yMin, double yMax) const {
        const long c0 = column(xMin), c1 = column(xMax), r0 = row(yMin), r1 = row(yMax);
        if (c0 < 0 || c1 < 0 || r0 < 0 || r1 < 0 || (c1 - c0 + 1) * (r1 - r0 + 1) > kMaxCellsTested)
            return false;
        for (long r = r0; r <= r1; ++r)
            for (long c = c0; c <= c1; ++c) {
                const auto i = static_cast<std::size_t>(r * columns_ + c);
                if (!(bits_[i / 64] >> (i % 64) & 1)) return false;
            }
        return true;
    }

  private:
    // -1 outside the rectangle (or no cells at all).
    long column(double x) const { return index((x - x0_) / cell_, columns_); }
    long row(double y) const { return index((y - y0_) / cell_, rows_); }
    static long index(double at, long count) {
        if (!(at >= 0 && at < double(count))) return -1;
        return static_cast<long>(at);
    }

    double x0_, y0_, cell_;
    long columns_ = 0, rows_ = 0;
    std::vector<std::uint64_t> bits_;
    std::deque<std::array<double, 4>> recent_;
};

// clipPathToBox and the contour view's pixel skip, in one pass that can also leave out a whole run.
// While a piece has a kept point, the last iterate is inside the box (a step that leaves it ends the piece),
// so every step of a run inside the box is added whole, as an iterate: leaving the run out changes nothing
// but which skipped point is the latest (`pending`, kept if the piece ends there).
class ScreenPathBuilder {
  public:
    ScreenPathBuilder(const ViewBox& box, const ScreenMap& toScreen, float tolerance, float coverCell)
        : box_(box),
          toScreen_(toScreen),
          tolerance_(tolerance),
          diagonal_(std::hypot(box.width(), box.height())) {
        if (coverCell > 0) {
            const ScreenPoint a = toScreen_({box.xMin, box.yMin}), b = toScreen_({box.xMax, box.yMax});
            covered_.emplace(std::min(a.x, b.x), std::max(a.x, b.x), std::min(a.y, b.y), std::max(a.y, b.y),
                             coverCell);
        }
    }

    // The body of clipPathToBox's loop.
    void point(const Vec2& p) {
        if (!p.allFinite()) {
            cut(), last_.reset();
            return;
        }
        if (!last_) {
            if (box_.contains(p)) add(p, true);
            last_ = p;
            return;
        }
        const auto inside =
            (p - *last_).norm() < 1e6 * diagonal_ ? clipSegmentToBox(box_, *last_, p) : std::nullopt;
        if (!inside) {
            cut(), last_ = p;
            return;
        }
        const auto [t0, t1] = *inside;
        const Vec2 from = *last_, step = p - *last_;
        if (t0 > 0) cut(), add(from + t0 * step, false);
        add(t1 < 1 ? Vec2(from + t1 * step) : p, t1 >= 1);
        if (t1 < 1) cut();
        last_ = p;
    }

    // Whether every step of the run in `box` would miss the box (cutting the piece), or every iterate would
    // be added whole and then left out; if so, as if it was.
    // Otherwise, with covered cells and a run that does not end the path, whether its cells are all drawn:
    // then the piece ends here and the next starts at the run's last iterate.
    bool skip(const PathBox& box, const Vec2& lastOfRun, bool endsPath) {
        if (!box.finite()) return false;
        // Wholly outside the box, with the step into it: each step misses the box and cuts the piece. (Apart
        // by more than rounding could close, so that clipSegmentToBox finds no touching point either.)
        const PathBox reach = last_ ? merged(box, {last_->x(), last_->x(), last_->y(), last_->y()}) : box;
        const double margin =
            1e-9 * (1 + std::max({std::abs(reach.xMin), std::abs(reach.xMax), std::abs(reach.yMin),
                                  std::abs(reach.yMax), std::abs(box_.xMin), std::abs(box_.xMax),
                                  std::abs(box_.yMin), std::abs(box_.yMax)}));
        if (reach.xMax < box_.xMin - margin || reach.xMin > box_.xMax + margin ||
            reach.yMax < box_.yMin - margin || reach.yMin > box_.yMax + margin) {
            cut();
            last_ = lastOfRun;
            return true;
        }
        if (!inside(box_, box)) return false;
        const ScreenPoint low = toScreen_({box.xMin, box.yMin}), high = toScreen_({box.xMax, box.yMax});
        if (!pieces_.back().points.empty() && near(low) && near(high)) {
            pending_ = {toScreen_(lastOfRun), true};
            last_ = lastOfRun;
            return true;
        }
        if (!covered_ || endsPath || !last_ ||
            !covered_->covers(std::min(low.x, high.x), std::max(low.x, high.x), std::min(low.y, high.y),
                              std::max(low.y, high.y)))
            return false;
        cut();
        resume_ = lastOfRun;
        last_ = lastOfRun;
        return true;
    }

    std::vector<ScreenPiece> finish() {
        cut();
        std::erase_if(pieces_, [](const ScreenPiece& piece) { return piece.points.empty(); });
        return std::move(pieces_);
    }

  private:
    struct Pending {
        ScreenPoint at;
        bool iterate;
    };

    // Both coordinates within the tolerance of the piece's last kept point, as the view tests each point.
    bool near(const ScreenPoint& s) const {
        const ScreenPoint& kept = pieces_.back().points.back();
        return std::abs(s.x - kept.x) < tolerance_ && std::abs(s.y - kept.y) < tolerance_;
    }
    void keep(const ScreenPoint& s, bool iterate) {
        ScreenPiece& piece = pieces_.back();
        // Only a segment is ink: a piece's first point alone draws nothing.
        if (covered_ && !piece.points.empty())
            covered_->drawn(piece.points.back().x, piece.points.back().y, s.x, s.y);
        piece.points.push_back(s);
        piece.iterate.push_back(iterate);
    }
    // A piece's last point is kept whatever its distance: the latest point left out, if any.
    void cut() {
        if (pending_) keep(pending_->at, pending_->iterate), pending_.reset();
        resume_.reset();
        if (!pieces_.back().points.empty()) pieces_.emplace_back();
    }
    void add(Vec2 p, bool iterate) {
        // After a run left out over drawn cells, the piece starts at the run's last iterate.
        if (resume_) {
            pieces_.back().joined = true;
            keep(toScreen_(*resume_), true), resume_.reset();
        }
        // Where a step crosses the edge: put back on it, whatever the rounding.
        if (!iterate) p = {std::clamp(p.x(), box_.xMin, box_.xMax), std::clamp(p.y(), box_.yMin, box_.yMax)};
        const ScreenPoint s = toScreen_(p);
        if (!pieces_.back().points.empty() && near(s)) {
            pending_ = Pending{s, iterate};
            return;
        }
        pending_.reset();
        keep(s, iterate);
    }

    const ViewBox& box_;
    const ScreenMap& toScreen_;
    const float tolerance_;
    const double diagonal_;
    std::vector<ScreenPiece> pieces_ = std::vector<ScreenPiece>(1);
    std::optional<Vec2> last_;
    std::optional<Pending> pending_;
    std::optional<Vec2> resume_;
    std::optional<CoveredCells> covered_;
};

}  // namespace

void PathLod::update(const ChunkedVector<Vec2>& points) {
    const std::size_t shared = points_.sharedPrefix(points);
    if (shared < points_.size()) *this = prefix(shared);
    points_ = points;
    extendBoxes();
}

PathLod PathLod::prefix(std::size_t count) const {
    PathLod cut;
    cut.points_ = points_;
    cut.points_.truncate(count);
    for (std::size_t k = 0; k < levels_.size(); ++k) {
        const std::size_t boxes = std::min(levels_[k].size(), count >> (kLeafShift + k));
        if (boxes == 0) break;
        cut.levels_.push_back(levels_[k]);
        cut.levels_.back().truncate(boxes);
    }
    return cut;
}

void PathLod::extendBoxes() {
    const std::size_t n = points_.size();
    for (std::size_t k = 0; (n >> (kLeafShift + k)) > 0; ++k) {
        if (levels_.size() == k) levels_.emplace_back();
        Boxes& boxes = levels_[k];
        const std::size_t wanted = n >> (kLeafShift + k);
        for (std::size_t i = boxes.size(); i < wanted; ++i) {
            if (k == 0) {
                // A leaf's run lies within one chunk of the points (a chunk holds a whole number of leaves).
                points_.forEachSpan(i << kLeafShift, (i + 1) << kLeafShift,
                                    [&](std::span<const Vec2> run) { boxes.push_back(boxOf(run)); });
            } else {
                const Boxes& below = levels_[k - 1];
                boxes.push_back(merged(below[2 * i], below[2 * i + 1]));
            }
        }
    }
}

std::vector<ScreenPiece> screenPath(const PathLod& lod, const ViewBox& box, const ScreenMap& toScreen,
                                    float tolerance, float coverCell) {
    const ChunkedVector<Vec2>& points = lod.points();
    const std::size_t n = points.size();
    ScreenPathBuilder builder(box, toScreen, tolerance, n >= kDensePathPoints ? coverCell : 0);
    lod.walk(
        [&](const PathBox& run, std::size_t last) { return builder.skip(run, points[last], last + 1 == n); },
        [&](std::size_t i) { builder.point(points[i]); });
    return builder.finish();
}

std::vector<Vec2> thinPath(const PathLod& lod, double radius, double coverCell, const ViewBox& coverArea) {
    const ChunkedVector<Vec2>& points = lod.points();
    const std::size_t n = points.size();
    std::vector<Vec2> kept;
    std::optional<Vec2> last, resume;
    std::optional<CoveredCells> covered;
    if (coverCell > 0 && n >= kDensePathPoints)
        covered.emplace(coverArea.xMin, coverArea.xMax, coverArea.yMin, coverArea.yMax, coverCell);
    const auto keep = [&](const Vec2& p) {
        // Only a segment is drawn: a point after a break alone draws nothing.
        if (covered && !kept.empty() && kept.back().allFinite())
            covered->drawn(kept.back().x(), kept.back().y(), p.x(), p.y());
        kept.push_back(p);
    };
    // A run is left out when its box's corner farthest from the last kept point is within the radius: each
    // coordinate's distance, as computed, grows with the distance of the coordinate itself.
    const auto skip = [&](const PathBox& run, std::size_t lastIndex) {
        if (!last || !run.finite() || lastIndex + 1 == n) return false;
        const double dx = std::max(std::abs(run.xMin - last->x()), std::abs(run.xMax - last->x()));
        const double dy = std::max(std::abs(run.yMin - last->y()), std::abs(run.yMax - last->y()));
        if (Vec2(dx, dy).norm() < radius) return true;
        if (!covered || !inside(coverArea, run) || !covered->covers(run.xMin, run.xMax, run.yMin, run.yMax))
            return false;
        // Over drawn cells: the line breaks (a NaN) and goes on from the run's last iterate.
        if (!kept.empty() && kept.back().allFinite()) kept.emplace_back(kNaN, kNaN);
        resume = last = points[lastIndex];
        return true;
    };
    const auto visit = [&](std::size_t i) {
        const Vec2& p = points[i];
        if (!p.allFinite()) {
            kept.push_back(p), last.reset(), resume.reset();
            return;
        }
        if (last && (p - *last).norm() < radius && i + 1 != n) return;
        if (resume) keep(*resume), resume.reset();
        keep(p), last = p;
    };
    lod.walk(skip, visit);
    return kept;
}

}  // namespace gradscape
