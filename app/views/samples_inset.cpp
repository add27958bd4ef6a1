#include "views/samples_inset.h"

#include <algorithm>
#include <cmath>

namespace gradscape {

void drawSamplesInset(ImDrawList* list, const Snapshot& snapshot, const ContourGeometry& plot,
                      ImU32 racerColour) {
    const auto& samples = snapshot.landscape->samples();
    if (samples.empty()) return;
    const ImVec2 size(std::min(220.0f, plot.width * 0.3f), std::min(160.0f, plot.height * 0.3f));
    const ImVec2 min(plot.x + 8, plot.y + plot.height - size.y - 8), max(min.x + size.x, min.y + size.y);
    list->AddRectFilled(min, max, IM_COL32(20, 20, 24, 225), 6);
    list->AddText({min.x + 6, min.y + 4}, IM_COL32(220, 220, 225, 255), "data");

    const bool oneFeature =
        std::all_of(samples.begin(), samples.end(), [](const auto& s) { return s.input.y() == 0; });
    const bool labels =
        std::all_of(samples.begin(), samples.end(), [](const auto& s) { return std::abs(s.target) == 1; });
    // The inset's axes: (x, target) for one feature, (x1, x2) for two.
    double lo[2] = {1e300, 1e300}, hi[2] = {-1e300, -1e300};
    for (const auto& s : samples) {
        const double v[2] = {s.input.x(), oneFeature ? s.target : s.input.y()};
        for (int i = 0; i < 2; ++i)
            lo[i] = std::min(lo[i], v[i]), hi[i] = std::max(hi[i], v[i]);
    }
    for (int i = 0; i < 2; ++i) {
        const double pad = 0.1 * std::max(hi[i] - lo[i], 1e-9);
        lo[i] -= pad, hi[i] += pad;
    }
    const float left = min.x + 8, right = max.x - 8, top = min.y + 22, bottom = max.y - 8;
    auto toInset = [&](double a, double b) {
        return ImVec2(left + float((a - lo[0]) / (hi[0] - lo[0])) * (right - left),
                      bottom - float((b - lo[1]) / (hi[1] - lo[1])) * (bottom - top));
    };
    list->PushClipRect({left, top}, {right, bottom}, true);

    // The first enabled racer's current weights, for its fit or boundary.
    const PathSnapshot* racer = nullptr;
    for (const auto& p : snapshot.paths)
        if (p.settings.enabled && !p.trajectory->points.empty()) {
            racer = &p;
            break;
        }
    if (racer && oneFeature) {
        const Vec2 w = racer->trajectory->points.back();
        std::vector<ImVec2> curve;
        for (int i = 0; i <= 60; ++i) {
            const double x = lo[0] + (hi[0] - lo[0]) * i / 60;
            curve.push_back(toInset(x, w.y() * std::tanh(w.x() * x)));
        }
        list->AddPolyline(curve.data(), int(curve.size()), racerColour, 0, 2);
    }
    if (racer && !oneFeature && labels) {
        // The boundary w . x = 0 is the line through the origin perpendicular to w.
        const Vec2 w = racer->trajectory->points.back();
        if (w.norm() > 0) {
            const Vec2 along = Vec2(-w.y(), w.x()).normalized() * 100.0;
            list->AddLine(toInset(-along.x(), -along.y()), toInset(along.x(), along.y()), racerColour, 2);
        }
    }
    double targetLo = 1e300, targetHi = -1e300;
    for (const auto& s : samples)
        targetLo = std::min(targetLo, s.target), targetHi = std::max(targetHi, s.target);
    for (const auto& s : samples) {
        const ImVec2 p = toInset(s.input.x(), oneFeature ? s.target : s.input.y());
        // Two-feature points are coloured by their target: blue low, orange high.
        const float t =
            oneFeature ? 1.0f : float((s.target - targetLo) / std::max(targetHi - targetLo, 1e-12));
        const ImU32 colour = oneFeature ? IM_COL32(235, 235, 240, 255)
                                        : IM_COL32(int(86 + t * (230 - 86)), int(180 + t * (159 - 180)),
                                                   int(233 + t * (0 - 233)), 255);
        list->AddCircleFilled(p, 3.2f, IM_COL32(0, 0, 0, 200));
        list->AddCircleFilled(p, 2.4f, colour);
    }
    list->PopClipRect();
}

}  // namespace gradscape
