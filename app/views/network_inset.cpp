#include "views/network_inset.h"

#include "networks/network_problem.h"
#include "theme.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gradscape {
namespace {

// Cells per side of the decision-region grid: one forward pass of this many squared inputs per frame.
constexpr int kRegionCells = 36;

// Blue for class 0 (or low), orange for class 1 (or high), as the samples inset colours targets.
ImU32 classColour(double t, int alpha) {
    const double u = std::clamp(t, 0.0, 1.0);
    return IM_COL32(int(86 + u * (230 - 86)), int(180 + u * (159 - 180)), int(233 + u * (0 - 233)), alpha);
}

}  // namespace

void drawNetworkInset(ImDrawList* list, const Snapshot& snapshot, const ContourGeometry& plot, ImU32 racerColour) {
    const auto* problem = dynamic_cast<const NetworkProblem*>(snapshot.problem.get());
    if (!problem) return;
    const PathSnapshot* racer = nullptr;
    for (const auto& p : snapshot.paths)
        if (p.settings.enabled && p.parameters) {
            racer = &p;
            break;
        }
    const Look& l = look();
    const Dataset& data = problem->data();
    const int d = data.inputDimension(), n = data.sampleCount();
    const float side = std::min({l.px(230), plot.width * 0.32f, plot.height * 0.42f});
    const ImVec2 min(plot.x + l.px(8), plot.y + plot.height - side - l.px(8)), max(min.x + side, min.y + side);
    list->AddRectFilled(min, max, IM_COL32(20, 20, 24, 230), l.px(6));
    const float left = min.x + l.px(8), right = max.x - l.px(8), top = min.y + l.px(22), bottom = max.y - l.px(8);
    const bool classes = problem->loss() == Loss::Bce;
    const Eigen::VectorXd weights = racer ? problem->networkParameters(*racer->parameters) : Eigen::VectorXd();
    const Eigen::MatrixXd predicted = racer ? problem->network().outputs(weights, data.inputs) : Eigen::MatrixXd();
    // The title says what is drawn, with the racer's training accuracy or error now.
    char title[96] = "data";
    if (racer && classes) {
        std::snprintf(title, sizeof title, "data: %.0f%% right after %d steps",
                      100 * classificationAccuracy(*problem, *racer->parameters), racer->steps);
    } else if (racer) {
        std::snprintf(title, sizeof title, "data and fit after %d steps", racer->steps);
    }
    list->AddText({min.x + l.px(6), min.y + l.px(4)}, IM_COL32(220, 220, 225, 255), title);

    // The inset's axes: the two inputs; x and the target for one input; target against prediction else.
    const bool plane = d == 2, curve = d == 1;
    auto horizontal = [&](int i) { return plane || curve ? data.inputs(0, i) : data.targets(0, i); };
    auto vertical = [&](int i) {
        return plane ? data.inputs(1, i) : curve ? data.targets(0, i) : (racer ? predicted(0, i) : data.targets(0, i));
    };
    double lo[2] = {1e300, 1e300}, hi[2] = {-1e300, -1e300};
    for (int i = 0; i < n; ++i) {
        const double v[2] = {horizontal(i), vertical(i)};
        for (int k = 0; k < 2; ++k)
            lo[k] = std::min(lo[k], v[k]), hi[k] = std::max(hi[k], v[k]);
    }
    for (int k = 0; k < 2; ++k) {
        const double pad = 0.1 * std::max(hi[k] - lo[k], 1e-9);
        lo[k] -= pad, hi[k] += pad;
    }
    auto toInset = [&](double a, double b) {
        return ImVec2(left + float((a - lo[0]) / (hi[0] - lo[0])) * (right - left),
                      bottom - float((b - lo[1]) / (hi[1] - lo[1])) * (bottom - top));
    };
    list->PushClipRect({left, top}, {right, bottom}, true);
    if (racer && plane) {
        // The decision regions: the network's probability of class 1 (or its output) over the input box.
        Eigen::MatrixXd grid(2, kRegionCells * kRegionCells);
        for (int r = 0; r < kRegionCells; ++r)
            for (int c = 0; c < kRegionCells; ++c)
                grid.col(r * kRegionCells + c) << lo[0] + (c + 0.5) * (hi[0] - lo[0]) / kRegionCells,
                    lo[1] + (r + 0.5) * (hi[1] - lo[1]) / kRegionCells;
        const Eigen::MatrixXd out = problem->network().outputs(weights, grid);
        for (int r = 0; r < kRegionCells; ++r)
            for (int c = 0; c < kRegionCells; ++c) {
                const double z = out(0, r * kRegionCells + c);
                const double p = classes ? 1 / (1 + std::exp(-z)) : z;
                const ImVec2 a = toInset(lo[0] + c * (hi[0] - lo[0]) / kRegionCells, lo[1] + (r + 1) * (hi[1] - lo[1]) / kRegionCells);
                const ImVec2 b = toInset(lo[0] + (c + 1) * (hi[0] - lo[0]) / kRegionCells, lo[1] + r * (hi[1] - lo[1]) / kRegionCells);
                // Blended with the inset's background by hand: opaque cells leave no seams where they meet.
                const ImVec4 hue = ImGui::ColorConvertU32ToFloat4(classColour(p, 255));
                const float mix = 0.38f;
                list->AddRectFilled(a, b, ImGui::ColorConvertFloat4ToU32({20 / 255.f + mix * (hue.x - 20 / 255.f),
                                                                           20 / 255.f + mix * (hue.y - 20 / 255.f),
                                                                           24 / 255.f + mix * (hue.z - 24 / 255.f), 1}));
            }
    }
    if (racer && curve) {
        Eigen::MatrixXd xs(1, 80);
        for (int i = 0; i < 80; ++i)
            xs(0, i) = lo[0] + (hi[0] - lo[0]) * i / 79;
        const Eigen::MatrixXd ys = problem->network().outputs(weights, xs);
        std::vector<ImVec2> line;
        for (int i = 0; i < 80; ++i)
            line.push_back(toInset(xs(0, i), ys(0, i)));
        list->AddPolyline(line.data(), int(line.size()), racerColour, 0, l.line(2));
    }
    if (!plane && !curve) list->AddLine(toInset(lo[0], lo[0]), toInset(hi[0], hi[0]), IM_COL32(160, 160, 170, 200), l.line(1));
    double targetLo = 1e300, targetHi = -1e300;
    for (int i = 0; i < n; ++i)
        targetLo = std::min(targetLo, data.targets(0, i)), targetHi = std::max(targetHi, data.targets(0, i));
    const int stride = std::max(1, n / 600);  // at most about 600 points: a dense set stays readable
    for (int i = 0; i < n; i += stride) {
        const ImVec2 p = toInset(horizontal(i), vertical(i));
        const double t = (data.targets(0, i) - targetLo) / std::max(targetHi - targetLo, 1e-12);
        list->AddCircleFilled(p, l.px(3.0f), IM_COL32(0, 0, 0, 200));
        list->AddCircleFilled(p, l.px(2.2f), plane ? classColour(t, 255) : IM_COL32(235, 235, 240, 255));
    }
    list->PopClipRect();
}

}  // namespace gradscape
