// The line plot's pure parts: the log axis's floor and ticks, the polylines' simplification to the pixel
// and the labels' layout (declared in line_plot.h).

#include "views/line_plot.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace gradscape {

double logFloor(std::span<const LinePlotSeries> series) {
    double largestStart = 0;
    for (const LinePlotSeries& s : series) {
        // The first finite value only.
        std::optional<size_t> first;
        if (s.summary) {
            first = s.summary->firstFinite(s.values, 0, std::min(s.values.size(), s.summary->size()));
        } else {
            for (size_t k = 0; k < s.values.size() && !first; ++k)
                if (std::isfinite(s.values[k])) first = k;
        }
        if (first && s.values[*first] > 0) largestStart = std::max(largestStart, s.values[*first]);
    }
    return largestStart * DBL_EPSILON;
}

void Turns::add(std::span<const double> axisValues, double swing) {
    // Each finite value with the two finite values before it.
    double previous[2] = {};
    int seen = 0;
    for (double v : axisValues) {
        if (!std::isfinite(v)) continue;
        if (seen >= 2) {
            const double before = previous[1] - previous[0], after = v - previous[1];
            if (before != 0 && after != 0) {
                ++turns;
                reversals +=
                    (before > 0) != (after > 0) && std::abs(before) > swing && std::abs(after) > swing;
            }
        }
        previous[0] = previous[1], previous[1] = v;
        ++seen;
    }
}

bool oscillates(std::span<const double> axisValues, double swing) {
    Turns t;
    t.add(axisValues, swing);
    return t.oscillating();
}

std::vector<ImVec2> simplifyPolyline(const std::vector<ImVec2>& line, float tolerance) {
    if (line.size() < 3) return line;
    std::vector<char> kept(line.size(), 0);
    kept.front() = kept.back() = 1;
    // A thick line's corner at a point is set by the directions of its two segments, and at a sharp turn
    // (a spike's tip) a tiny change of either moves the corner's mitre a lot: a point where the line turns
    // by more than ~18 degrees stays with both its neighbours, so both segments keep their direction.
    constexpr float kSharp = 0.95f;  // the cosine of that turn
    for (size_t i = 1; i + 1 < line.size(); ++i) {
        const ImVec2 a(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
        const ImVec2 b(line[i + 1].x - line[i].x, line[i + 1].y - line[i].y);
        const float dot = a.x * b.x + a.y * b.y,
                    lengths = std::sqrt((a.x * a.x + a.y * a.y) * (b.x * b.x + b.y * b.y));
        if (!(dot > kSharp * lengths)) kept[i - 1] = kept[i] = kept[i + 1] = 1;
    }
    // Between kept points, each span keeps its farthest point while that is beyond the tolerance.
    std::vector<std::pair<size_t, size_t>> spans;
    for (size_t a = 0, b = 1; b < line.size(); ++b)
        if (kept[b]) spans.push_back({a, b}), a = b;
    const float limit = tolerance * tolerance;
    while (!spans.empty()) {
        const auto [a, b] = spans.back();
        spans.pop_back();
        const ImVec2 p = line[a], d(line[b].x - p.x, line[b].y - p.y);
        const float length2 = d.x * d.x + d.y * d.y;
        float farthest = -1;
        size_t at = a;
        for (size_t i = a + 1; i < b; ++i) {
            // The squared distance from the segment (not its line: a point beyond an end is far).
            const ImVec2 q(line[i].x - p.x, line[i].y - p.y);
            const float t = length2 > 0 ? std::clamp((q.x * d.x + q.y * d.y) / length2, 0.0f, 1.0f) : 0.0f;
            const float dx = q.x - t * d.x, dy = q.y - t * d.y, distance2 = dx * dx + dy * dy;
            if (distance2 > farthest) farthest = distance2, at = i;
        }
        if (farthest > limit) {
            kept[at] = 1;
            spans.push_back({a, at});
            spans.push_back({at, b});
        }
    }
    std::vector<ImVec2> out;
    for (size_t i = 0; i < line.size(); ++i)
        if (kept[i]) out.push_back(line[i]);
    return out;
}

std::vector<std::optional<LabelRect>> layoutLabels(std::span<const LabelRequest> labels, LabelRect bounds) {
    std::vector<std::optional<LabelRect>> placed;
    std::vector<LabelRect> taken;
    const auto inside = [&](const LabelRect& r) {
        return r.x >= bounds.x && r.y >= bounds.y && r.x + r.width <= bounds.x + bounds.width &&
               r.y + r.height <= bounds.y + bounds.height;
    };
    for (const LabelRequest& l : labels) {
        std::optional<LabelRect> found;
        const float centredY = l.anchorY - l.height / 2;
        // Beside the anchor, then a line lower, a line higher, two lines lower, ...
        for (int shift = 0; shift <= 2 * int(bounds.height / std::max(l.height, 1.0f)) + 2 && !found;
             ++shift) {
            const float dy = (shift % 2 ? 1 : -1) * float((shift + 1) / 2) * l.height;
            for (float x : {l.anchorX + l.gap, l.anchorX - l.gap - l.width}) {
                // Pulled inside the bounds vertically, so a label at the edge still finds its row.
                const float y = std::clamp(centredY + dy, bounds.y, bounds.y + bounds.height - l.height);
                const LabelRect r{x, y, l.width, l.height};
                if (!inside(r)) continue;
                if (std::none_of(taken.begin(), taken.end(),
                                 [&](const LabelRect& t) { return t.overlaps(r); })) {
                    found = r;
                    break;
                }
            }
        }
        if (found) taken.push_back(*found);
        placed.push_back(found);
    }
    return placed;
}

std::vector<double> decadeTicks(double lo, double hi, int targetCount) {
    std::vector<double> ticks;
    if (!(lo > 0) || !(hi > lo) || !std::isfinite(hi)) return ticks;
    const int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
    const int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
    if (last < first) return ticks;
    const int decades = last - first + 1;
    const int every = std::max(1, (decades + std::max(1, targetCount) - 1) / std::max(1, targetCount));
    // Multiples of `every` in the exponent, so 1 (10^0) stays a tick whenever it is in range.
    for (int e = first; e <= last; ++e)
        if (e % every == 0) ticks.push_back(std::pow(10.0, e));
    if (ticks.empty()) ticks.push_back(std::pow(10.0, first));
    return ticks;
}

}  // namespace gradscape
