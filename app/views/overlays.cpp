#include "views/overlays.h"

#include "theme.h"
#include "view/ridge_path.h"
#include "view/analysis.h"
#include "view/isolines.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gradscape {
namespace {

constexpr ImU32 kOverlayOutline = IM_COL32(0, 0, 0, 190), kWhite = IM_COL32(255, 255, 255, 255);

void outlinedText(ImDrawList* list, ImVec2 at, ImU32 colour, const char* text) {
    for (const ImVec2 d : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
        list->AddText({at.x + d.x, at.y + d.y}, kOverlayOutline, text);
    list->AddText(at, colour, text);
}

}  // namespace

void drawArrow(ImDrawList* list, ImVec2 from, ImVec2 to, ImU32 colour, float thickness) {
    const float dx = to.x - from.x, dy = to.y - from.y, length = std::hypot(dx, dy);
    if (!(length > 0.5f)) return;
    const float ux = dx / length, uy = dy / length;
    const float head = std::min(length * 0.45f, 4.0f + 2.5f * thickness);
    const ImVec2 base(to.x - ux * head, to.y - uy * head);
    const ImVec2 left(base.x - uy * head * 0.55f, base.y + ux * head * 0.55f);
    const ImVec2 right(base.x + uy * head * 0.55f, base.y - ux * head * 0.55f);
    list->AddLine(from, base, kOverlayOutline, thickness + look().line(2.0f));
    list->AddTriangleFilled(ImVec2(to.x + ux * 1.2f, to.y + uy * 1.2f), ImVec2(left.x - uy, left.y + ux),
                            ImVec2(right.x + uy, right.y - ux), kOverlayOutline);
    list->AddLine(from, base, colour, thickness);
    list->AddTriangleFilled(to, left, right, colour);
}

void drawGradientField(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape) {
    const float kSpacing = look().px(42);
    const int columns = std::max(2, int(plot.width / kSpacing)),
              rows = std::max(2, int(plot.height / kSpacing));
    struct Sample {
        ImVec2 at;
        Vec2 gradient;
    };
    std::vector<Sample> samples;
    std::vector<double> norms;
    for (int j = 0; j < rows; ++j)
        for (int i = 0; i < columns; ++i) {
            const ImVec2 s(plot.x + (i + 0.5f) * plot.width / columns,
                           plot.y + (j + 0.5f) * plot.height / rows);
            const Vec2 g = landscape.gradientAt(plot.toWorld(s));
            if (!g.allFinite()) continue;
            samples.push_back({s, g});
            norms.push_back(g.norm());
        }
    if (norms.empty()) return;
    std::nth_element(norms.begin(), norms.begin() + norms.size() / 2, norms.end());
    const double median = std::max(norms[norms.size() / 2], 1e-300);
    const double largest = *std::max_element(norms.begin(), norms.end());
    const double scale = std::log1p(largest / median);
    const float maxLength = kSpacing * 0.8f;
    for (const Sample& sample : samples) {
        const double norm = sample.gradient.norm();
        if (norm == 0 || scale == 0) continue;
        // Every arrow stays long enough to show its direction; the length adds how steep it is.
        const float length =
            static_cast<float>(maxLength * (0.35 + 0.65 * std::log1p(norm / median) / scale));
        const float ux = static_cast<float>(-sample.gradient.x() / norm),
                    uy = static_cast<float>(sample.gradient.y() / norm);
        const ImVec2 from(sample.at.x - ux * length / 2, sample.at.y - uy * length / 2);
        const ImVec2 to(sample.at.x + ux * length / 2, sample.at.y + uy * length / 2);
        drawArrow(list, from, to, IM_COL32(255, 255, 255, 215), look().line(1.6f));
    }
}

void drawCurvatureAt(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape, const Vec2& p) {
    const Curvature c = curvatureAt(landscape, p);
    if (!c.eigenvalues.allFinite() || !c.eigenvectors.allFinite()) return;
    const ImVec2 centre = plot.toScreen(p);
    const double largest = std::max(std::abs(c.eigenvalues[0]), std::abs(c.eigenvalues[1]));
    const float kLongest = look().px(70), kShortest = look().px(14);
    for (int i = 0; i < 2; ++i) {
        const double lambda = c.eigenvalues[i];
        const float length =
            largest > 0 ? std::max(kShortest, float(kLongest * std::abs(lambda) / largest)) : kShortest;
        const Vec2 v = c.eigenvectors.col(i);
        const ImVec2 u(static_cast<float>(v.x()), static_cast<float>(-v.y()));
        const ImU32 colour = lambda >= 0 ? look().curvingUp : look().curvingDown;
        const ImVec2 a(centre.x - u.x * length, centre.y - u.y * length),
            b(centre.x + u.x * length, centre.y + u.y * length);
        list->AddLine(a, b, kOverlayOutline, look().line(5.0f));
        list->AddLine(a, b, colour, look().line(2.5f));
        char text[64];
        std::snprintf(text, sizeof text, "\xce\xbb%d = %.4g", i + 1, lambda);  // lambda_i
        // The label sits beyond the end of its axis that points left (or up): a hover tooltip opens
        // below right of the cursor.
        const ImVec2 tip = (u.x < 0 || (u.x == 0 && u.y < 0)) ? b : a;
        const float width = ImGui::CalcTextSize(text).x;
        outlinedText(list, {tip.x < centre.x ? tip.x - width - 4 : tip.x + 4, tip.y - ImGui::GetFontSize()},
                     colour, text);
    }
    char text[64];
    if (std::isinf(c.conditionNumber))
        std::snprintf(text, sizeof text, "\xce\xba = \xe2\x88\x9e (not positive definite)");
    else
        std::snprintf(text, sizeof text, "\xce\xba = \xce\xbbmax/\xce\xbbmin = %.4g", c.conditionNumber);
    const ImVec2 size = ImGui::CalcTextSize(text);
    outlinedText(list, {centre.x + 12, centre.y - size.y - 10}, kWhite, text);
    list->AddCircleFilled(centre, 4, kOverlayOutline);
    list->AddCircleFilled(centre, 2.5f, kWhite);
}

void drawRidgePath(ImDrawList* list, const ContourGeometry& plot, const Snapshot& snapshot) {
    const std::vector<RidgePoint> path = ridgePath(*snapshot.landscape);
    if (path.size() < 2) return;
    const Look& l = look();
    std::vector<ImVec2> points;
    for (const RidgePoint& p : path)
        points.push_back(plot.toScreen(p.w));
    list->AddPolyline(points.data(), int(points.size()), kOverlayOutline, 0, l.stroke(5.0f));
    list->AddPolyline(points.data(), int(points.size()), IM_COL32(255, 255, 255, 230), 0, l.stroke(2.0f));
    // A tick and a label at every power of ten of alpha along the path, where it is not on top of the last.
    ImVec2 labelled(-1e9f, -1e9f);
    for (double alpha = 1e3; alpha >= 1e-4 * 0.999; alpha /= 10) {
        if (alpha > path.front().alpha * 1.0001 || alpha < path.back().alpha * 0.9999) continue;
        const ImVec2 s = plot.toScreen(ridgeAt(path, alpha));
        if (std::hypot(s.x - labelled.x, s.y - labelled.y) < l.px(48)) continue;
        labelled = s;
        list->AddCircleFilled(s, l.px(3.5f), kOverlayOutline);
        list->AddCircleFilled(s, l.px(2.2f), IM_COL32(255, 255, 255, 255));
        char text[32];
        std::snprintf(text, sizeof text, "\xce\xb1=%g", alpha);
        list->AddText({s.x + l.px(6), s.y - l.px(8)}, kOverlayOutline, text);
        list->AddText({s.x + l.px(5), s.y - l.px(9)}, IM_COL32(255, 255, 255, 255), text);
    }
    // GD's step t on the path: alpha = 1 / (eta t).
    for (const PathSnapshot& p : snapshot.paths) {
        const Hyperparameters& h = p.settings.hyperparameters;
        if (!p.settings.enabled || p.settings.kind != "gd" || h.schedule.kind != Schedule::Kind::Constant || h.lineSearch)
            continue;
        const int t = p.trajectory->steps();
        if (t < 1) break;
        const double alpha = 1 / (h.learningRate * t);
        const ImVec2 s = plot.toScreen(ridgeAt(path, alpha));
        const float r = l.px(7);
        const ImVec2 diamond[4] = {{s.x, s.y - r}, {s.x + r, s.y}, {s.x, s.y + r}, {s.x - r, s.y}};
        list->AddConvexPolyFilled(diamond, 4, IM_COL32(255, 255, 255, 255));
        list->AddPolyline(diamond, 4, kOverlayOutline, ImDrawFlags_Closed, l.line(2));
        char text[64];
        std::snprintf(text, sizeof text, "1/(\xce\xb7t) = %.3g at t = %d", alpha, t);
        // Left of the diamond, where the decade labels (above right of their ticks) are not.
        const ImVec2 at(s.x - r - l.px(4) - ImGui::CalcTextSize(text).x, s.y - ImGui::GetFontSize() / 2);
        list->AddText({at.x + l.px(1), at.y + l.px(1)}, kOverlayOutline, text);
        list->AddText(at, IM_COL32(255, 255, 255, 255), text);
        break;
    }
}

void drawTaylorModel(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape,
                     const Vec2& centre, double minimum, double maximum, bool active) {
    const QuadraticModel model = taylorModelAt(landscape, centre);
    if (std::isfinite(model.value) && model.gradient.allFinite() && model.hessian.allFinite()) {
        // The model is local: it is drawn within a disc around its centre, a third of the view across.
        const double radius = std::min(plot.view.width(), plot.view.height()) / 3;
        const ViewBox around{centre.x() - radius, centre.x() + radius, centre.y() - radius,
                             centre.y() + radius};
        // Cells of about 7 px: a segment is drawn in every other cell, so each line comes out dashed.
        const int columns = std::max(8, int(2 * radius / plot.view.width() * plot.width / 7));
        // Every other level of the contour view's 28: the same lines, half as crowded.
        std::vector<double> levels;
        const auto all = logSpacedLevels(minimum, maximum, 28);
        for (size_t k = 1; k < all.size(); k += 2)
            levels.push_back(all[k]);
        const auto segments = isolines(model, around, columns, levels);
        for (int pass = 0; pass < 2; ++pass)
            for (const IsolineSegment& s : segments) {
                if ((s.column + s.row) % 2 || (s.a - centre).norm() > radius ||
                    (s.b - centre).norm() > radius)
                    continue;
                const ImVec2 a = plot.toScreen(s.a), b = plot.toScreen(s.b);
                if (pass == 0)
                    list->AddLine(a, b, IM_COL32(0, 0, 0, 150), look().line(3.6f));
                else
                    list->AddLine(a, b, IM_COL32(255, 160, 60, 255), look().line(1.8f));
            }
    }
    const ImVec2 s = plot.toScreen(centre);
    const float r = look().px(active ? kTaylorHandleRadius + 2 : kTaylorHandleRadius);
    const ImVec2 diamond[4] = {{s.x, s.y - r}, {s.x + r, s.y}, {s.x, s.y + r}, {s.x - r, s.y}};
    list->AddConvexPolyFilled(diamond, 4, IM_COL32(255, 160, 60, 255));
    list->AddPolyline(diamond, 4, kOverlayOutline, ImDrawFlags_Closed, look().line(2.0f));
    outlinedText(list, {s.x + r + 3, s.y - r - 2}, IM_COL32(255, 200, 140, 255), "Taylor model here");
}

namespace {

struct PartStyle {
    ImU32 colour;
    const char* name;
};

PartStyle styleOf(StepPart part, ImU32 optimizerColour) {
    switch (part) {
        case StepPart::RawGradient:
            return {IM_COL32(255, 255, 255, 255), "-\xce\xb7g"};
        case StepPart::Noise:
            return {IM_COL32(175, 175, 185, 255), "noise"};
        case StepPart::WeightDecay:
            return {look().weightDecay, "decay"};
        case StepPart::Momentum:
            return {look().momentum, "momentum"};
        case StepPart::Rescaled:
            return {IM_COL32(255, 215, 70, 255), "rescaled"};
        case StepPart::StepTaken:
            break;
    }
    return {optimizerColour, "step"};
}

// The solver explains every path's next step when the overlay is on (Session::analyses asks for it).
const StepExplanation* nextStepOf(const PathSnapshot& path) {
    const std::optional<ExplainedStep>& next = path.analysis->nextStep;
    return next && !next->explanation.arrows.empty() ? &next->explanation : nullptr;
}

}  // namespace

void drawStepParts(ImDrawList* list, const Session& session, const Snapshot& snapshot,
                   const ContourGeometry& plot) {
    const double pixelsPerUnit = plot.width / plot.view.width();
    for (const auto& path : snapshot.paths) {
        if (!path.settings.enabled || path.trajectory->points.empty() || path.trajectory->diverged())
            continue;
        const StepExplanation* e = nextStepOf(path);
        if (!e) continue;
        // One factor for all of an optimizer's arrows keeps their proportions; a step between 30 and 250
        // pixels is drawn as it is.
        double longest = 0;
        for (const StepArrow& arrow : e->arrows)
            longest = std::max(longest, arrow.vector.norm() * pixelsPerUnit);
        if (!(longest > 0)) continue;
        const double scale = longest >= 30 && longest <= 250 ? 1.0 : 90 / longest;
        auto screen = [&](const Vec2& v) {
            return ImVec2(static_cast<float>(v.x() * pixelsPerUnit * scale),
                          static_cast<float>(-v.y() * pixelsPerUnit * scale));
        };
        const ImVec2 origin = plot.toScreen(e->from);
        const ImU32 colour = session.colourOf(path.settings.id);
        ImVec2 chain = origin;
        std::string stepLabel = "step";
        for (const StepArrow& arrow : e->arrows) {
            const bool taken = arrow.part == StepPart::StepTaken;
            const PartStyle style = styleOf(arrow.part, colour);
            // A part that is the whole step (Adam's rescaled step) is named on the step's arrow instead.
            if (!taken && (arrow.vector - e->stepTaken).norm() <= 1e-12 * e->stepTaken.norm()) {
                stepLabel += std::string(" = ") + style.name;
                continue;
            }
            const ImVec2 d = screen(arrow.vector);
            // Parts that add up go head to tail and end where the step ends; the others start at x_k.
            const bool chained = e->partsAddUp && arrow.addsToStep;
            const ImVec2 from = chained ? chain : origin;
            const ImVec2 to(from.x + d.x, from.y + d.y);
            if (chained) chain = to;
            std::string label = style.name;
            if (taken) {
                label = stepLabel;
                char factor[32];
                // Arrows too small or too large to see are drawn scaled, by this factor.
                if (scale != 1.0)
                    std::snprintf(factor, sizeof factor, "  (\xc3\x97%.3g)", scale), label += factor;
            }
            drawArrow(list, from, to, style.colour, look().line(taken ? 3.0f : 2.0f));
            // The name sits beside the arrow's middle, on its left: tips often meet where parts add up.
            const float length = std::max(std::hypot(d.x, d.y), 1.0f);
            const ImVec2 side(d.y / length, -d.x / length);
            const ImVec2 size = ImGui::CalcTextSize(label.c_str());
            const ImVec2 middle((from.x + to.x) / 2 + side.x * (6 + size.x / 2),
                                (from.y + to.y) / 2 + side.y * (6 + size.y / 2));
            outlinedText(list, {middle.x - size.x / 2, middle.y - size.y / 2}, style.colour, label.c_str());
        }
    }
}

}  // namespace gradscape
