// The line plot's pure parts: the log axis's floor and ticks, envelopes of oscillating series and the
// labels' layout (declared in line_plot.h).

#include "views/line_plot.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace gradscape {

double logFloor(std::span<const LinePlotSeries> series) {
    double largestStart = 0;
    for (const LinePlotSeries& s : series)
        for (double v : s.values)
            if (std::isfinite(v)) {
                if (v > 0) largestStart = std::max(largestStart, v);
                break;  // the first finite value only
            }
    return largestStart * DBL_EPSILON;
}

bool oscillates(std::span<const double> axisValues, double swing) {
    std::vector<double> finite;
    for (double v : axisValues)
        if (std::isfinite(v)) finite.push_back(v);
    int turns = 0, reversals = 0;
    for (size_t k = 2; k < finite.size(); ++k) {
        const double before = finite[k - 1] - finite[k - 2], after = finite[k] - finite[k - 1];
        if (before == 0 || after == 0) continue;
        ++turns;
        reversals += (before > 0) != (after > 0) && std::abs(before) > swing && std::abs(after) > swing;
    }
    return turns >= 4 && 3 * reversals > turns;
}

Envelope envelopeOf(std::span<const double> axisValues, int lastStep, int columns) {
    Envelope e;
    const int count = static_cast<int>(axisValues.size());
    const long long span = std::max(lastStep, count - 1) + 1LL;
    columns = std::max(columns, 1);
    int column = -1;
    for (int k = 0; k < count; ++k) {
        const double v = axisValues[static_cast<size_t>(k)];
        if (!std::isfinite(v)) continue;
        // Each step with its neighbours: a 2-cycle's high and low values are both in every window.
        double hi = v, lo = v;
        for (int j : {k - 1, k + 1})
            if (j >= 0 && j < count && std::isfinite(axisValues[static_cast<size_t>(j)]))
                hi = std::max(hi, axisValues[static_cast<size_t>(j)]), lo = std::min(lo, axisValues[static_cast<size_t>(j)]);
        const int c = static_cast<int>(k * static_cast<long long>(columns) / span);
        if (c != column) {
            column = c;
            e.steps.push_back(k), e.upper.push_back(hi), e.lower.push_back(lo);
        } else {
            e.upper.back() = std::max(e.upper.back(), hi), e.lower.back() = std::min(e.lower.back(), lo);
        }
    }
    return e;
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
        for (int shift = 0; shift <= 2 * int(bounds.height / std::max(l.height, 1.0f)) + 2 && !found; ++shift) {
            const float dy = (shift % 2 ? 1 : -1) * float((shift + 1) / 2) * l.height;
            for (float x : {l.anchorX + l.gap, l.anchorX - l.gap - l.width}) {
                // Pulled inside the bounds vertically, so a label at the edge still finds its row.
                const float y = std::clamp(centredY + dy, bounds.y, bounds.y + bounds.height - l.height);
                const LabelRect r{x, y, l.width, l.height};
                if (!inside(r)) continue;
                if (std::none_of(taken.begin(), taken.end(), [&](const LabelRect& t) { return t.overlaps(r); })) {
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
