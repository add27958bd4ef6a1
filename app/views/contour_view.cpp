#include "views/contour_view.h"

#include "view/loss_plane.h"

#include "view/notation.h"
#include "views/dot_sprites.h"
#include "views/overlays.h"
#include "palette.h"
#include "views/race_legend.h"
#include "views/network_inset.h"
#include "views/samples_inset.h"
#include "views/window_background.h"
#include "view/path_lod.h"
#include "theme.h"

#include "view/analysis.h"
#include "view/isolines.h"
#include "view/view_box_check.h"

#include <algorithm>
#include <tuple>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace gradscape {
namespace {

// Sizes at UI scale 1; look().px scales them, look().line scales line widths.
constexpr float kLeftMargin = 64, kBottomMargin = 30, kTopMargin = 8, kRightMargin = 16;
constexpr float kHandleRadius = 8, kGrabRadius = 12;

// Keeps far-away points (a path on its way to divergence) within what float screen coordinates handle.
ImVec2 clampToScreen(ImVec2 p) {
    return {std::clamp(p.x, -1e5f, 1e5f), std::clamp(p.y, -1e5f, 1e5f)};
}

// A network's plane is sampled at most this finely: each cell is a forward pass over the whole data set.
constexpr int kMaxPlaneGridSide = 128;

void drawAxes(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape) {
    const Look& l = look();
    const ImVec2 min(plot.x, plot.y), max(plot.x + plot.width, plot.y + plot.height);
    list->AddRect(min, max, l.axis, 0, 0, l.line(1));
    const float fontSize = ImGui::GetFontSize();
    for (double t : niceTicks(plot.view.xMin, plot.view.xMax, std::max(2, int(plot.width / l.px(90))))) {
        const float sx = plot.toScreen({t, 0}).x;
        list->AddLine({sx, max.y}, {sx, max.y + l.px(5)}, l.axis, l.line(1));
        const std::string label = viewNumber(t);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        list->AddText({sx - w / 2, max.y + l.px(7)}, l.axis, label.c_str());
    }
    for (double t : niceTicks(plot.view.yMin, plot.view.yMax, std::max(2, int(plot.height / l.px(70))))) {
        const float sy = plot.toScreen({0, t}).y;
        list->AddLine({min.x - l.px(5), sy}, {min.x, sy}, l.axis, l.line(1));
        const std::string label = viewNumber(t);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        list->AddText({min.x - l.px(8) - w, sy - fontSize / 2}, l.axis, label.c_str());
    }
    // Axis names sit outside the tick labels: x right of the last tick row, y above the tick column. A
    // network's plane names its two directions instead, under the tick row and above the data area.
    if (const LossPlane* plane = lossPlaneOf(landscape)) {
        // Inside the data area, on a dark band: a: along the bottom right, b: at the top left.
        const std::string a = "a: " + plane->firstLabel, b = "b: " + plane->secondLabel;
        const float pad = l.px(4);
        const ImVec2 aSize = ImGui::CalcTextSize(a.c_str()), bSize = ImGui::CalcTextSize(b.c_str());
        const ImVec2 aAt(max.x - aSize.x - 2 * pad, max.y - aSize.y - 2 * pad), bAt(min.x + 2 * pad, min.y + 2 * pad);
        for (auto [at, size, text] : {std::tuple{aAt, aSize, &a}, std::tuple{bAt, bSize, &b}}) {
            list->AddRectFilled({at.x - pad, at.y - pad / 2}, {at.x + size.x + pad, at.y + size.y + pad / 2},
                                IM_COL32(20, 20, 24, 200), pad);
            list->AddText(at, IM_COL32(235, 235, 240, 255), text->c_str());
        }
        return;
    }
    list->AddText({max.x + l.px(3), max.y + l.px(7)}, l.axis, "x");
    list->AddText({min.x - l.px(8) - ImGui::CalcTextSize("y").x, (min.y + max.y) / 2 - fontSize * 1.6f},
                  l.axis, "y");
}

void drawMinima(ImDrawList* list, const ContourGeometry& plot, const Landscape& landscape) {
    const Look& l = look();
    const float r = l.px(6);
    for (const Vec2& m : landscape.knownMinima()) {
        const ImVec2 s = plot.toScreen(m);
        for (auto [thickness, colour] :
             {std::pair{l.line(4.0f), l.outline}, std::pair{l.line(2.0f), l.mark}}) {
            list->AddLine({s.x - r, s.y - r}, {s.x + r, s.y + r}, colour, thickness);
            list->AddLine({s.x - r, s.y + r}, {s.x + r, s.y - r}, colour, thickness);
        }
    }
}

// One path: a dark-outlined polyline, dots at iterates at least a few pixels apart, the current point.
// The path is cut to a guard box around the view first: far-away iterates of a diverging run become
// exact segment ends at its edge, never points clamped to some pixel range (which bent the segments
// into false streaks across the view). Iterates closer than 0.75 px (in x and y) to the last one kept add
// nothing visible and are left out (each piece's ends kept); screenPath leaves whole runs of them out at
// once from the path's level-of-detail summary, so a million-step path that has settled costs a few boxes.
// A long path also leaves out runs over 1-px cells it has already drawn (within 2.9 px of its line): one
// that never settles (SGD's noise) costs the pixels it covers, not its steps.
void drawPath(ImDrawList* list, const ContourGeometry& plot, const PathLod& path, ImU32 colour) {
    if (path.points().empty()) return;
    const ViewBox& v = plot.view;
    const ViewBox guard{v.xMin - v.width(), v.xMax + v.width(), v.yMin - v.height(), v.yMax + v.height()};
    const Look& l = look();
    constexpr size_t kPiece = 2000;  // ImGui indexes vertices with 16 bits: long polylines go in pieces
    const ScreenMap toScreen = [&](const Vec2& p) {
        const ImVec2 s = plot.toScreen(p);
        return ScreenPoint{s.x, s.y};
    };
    const std::vector<ScreenPiece> pieces = screenPath(path, guard, toScreen, 0.75f, 1.0f);
    ImVec2 lastDot(-1e9f, -1e9f);
    // A line and the pieces joined to it: all outlines first, then the colours, then the dots.
    for (size_t first = 0, end = 0; first < pieces.size(); first = end) {
        for (end = first + 1; end < pieces.size() && pieces[end].joined;)
            ++end;
        std::vector<std::vector<ImVec2>> lines;
        for (size_t p = first; p < end; ++p) {
            std::vector<ImVec2>& line = lines.emplace_back();
            line.reserve(pieces[p].points.size());
            for (const ScreenPoint& s : pieces[p].points)
                line.emplace_back(s.x, s.y);
        }
        for (auto [thickness, c] : {std::pair{l.stroke(4.0f), l.outline}, std::pair{l.stroke(2.0f), colour}})
            for (const std::vector<ImVec2>& line : lines)
                for (size_t begin = 0; begin + 1 < line.size(); begin += kPiece)
                    list->AddPolyline(line.data() + begin,
                                      static_cast<int>(std::min(kPiece + 1, line.size() - begin)), c, 0,
                                      thickness);
        for (size_t p = first; p < end; ++p) {
            const std::vector<ImVec2>& line = lines[p - first];
            const std::vector<bool>& iterate = pieces[p].iterate;
            for (size_t i = 0; i < line.size(); ++i) {
                if (!iterate[i] || std::hypot(line[i].x - lastDot.x, line[i].y - lastDot.y) < l.line(6))
                    continue;
                addDot(list, line[i], l.line(2.6f), l.outline);
                addDot(list, line[i], l.line(1.8f), colour);
                lastDot = line[i];
            }
        }
    }
    const Vec2& current = path.points().back();
    if (!current.allFinite() || !guard.contains(current)) return;
    list->AddCircleFilled(plot.toScreen(current), l.line(6.5f), l.mark);
    list->AddCircleFilled(plot.toScreen(current), l.line(5.0f), colour);
}

// The run from the hovered map cell: a faint line in its racer's colour, its segments cut to a guard box
// around the view (so a diverging run draws no streaks), and a ring where it ends.
void drawMapGhost(ImDrawList* list, const ContourGeometry& plot, const std::vector<Vec2>& ghost, ImU32 colour) {
    if (ghost.size() < 2) return;
    const ViewBox& v = plot.view;
    const ViewBox guard{v.xMin - v.width(), v.xMax + v.width(), v.yMin - v.height(), v.yMax + v.height()};
    const Look& l = look();
    const ImU32 faint = (colour & ~IM_COL32_A_MASK) | (IM_COL32(0, 0, 0, 170) & IM_COL32_A_MASK);
    std::vector<ImVec2> run;
    const auto flush = [&] {
        if (run.size() >= 2) list->AddPolyline(run.data(), int(run.size()), faint, 0, l.stroke(2.0f));
        run.clear();
    };
    for (const Vec2& p : ghost) {
        if (!p.allFinite() || !guard.contains(p)) {
            flush();
            continue;
        }
        run.push_back(plot.toScreen(p));
        if (run.size() == 2000) {  // 16-bit indices: long runs go in overlapping pieces
            const ImVec2 last = run.back();
            flush();
            run.push_back(last);
        }
    }
    flush();
    if (guard.contains(ghost.back())) {
        const ImVec2 end = plot.toScreen(ghost.back());
        list->AddCircle(end, l.px(6), l.outline, 0, l.line(3));
        list->AddCircle(end, l.px(6), faint, 0, l.line(1.5f));
    }
}

void drawStartHandle(ImDrawList* list, ImVec2 s, ImU32 colour, bool active) {
    const Look& l = look();
    const float r = l.px(active ? kHandleRadius + 2 : kHandleRadius);
    list->AddCircleFilled(s, r + l.line(1.5f), l.outline);
    list->AddCircle(s, r, l.mark, 0, l.line(3.0f));
    list->AddCircle(s, r - l.line(2.0f), colour, 0, l.line(2.0f));
}

// What the legend keeps clear of: minima, the Taylor centre, start points (each weighing as much as a
// long stretch of path: hiding one hides what the user drags) and the iterates of `race`, which is the
// whole race during a recording, so the legend stays in one corner for every frame.
std::vector<ImVec2> legendMarks(const Session& session, const Snapshot& race, const ContourGeometry& plot) {
    std::vector<ImVec2> marks;
    for (const Vec2& m : race.landscape->knownMinima())
        marks.push_back(plot.toScreen(m));
    if (session.viewSettings.overlays.taylorModel)
        marks.insert(marks.end(), 50, plot.toScreen(session.viewSettings.overlays.taylorCentre));
    for (const auto& path : race.paths) {
        if (!path.settings.enabled) continue;
        marks.insert(marks.end(), 50, plot.toScreen(path.settings.start));
        const auto& points = path.trajectory->points;
        const size_t stride = std::max<size_t>(1, points.size() / 400);
        for (size_t i = 0; i < points.size(); i += stride)
            marks.push_back(clampToScreen(plot.toScreen(points[i])));
    }
    return marks;
}

// The lecture's geometry: the constraint region lambda1 |w|_1 + lambda2 |w|^2 <= budget of the equivalent
// constrained problem (a diamond, a disc, or the elastic net's rounded diamond) whose boundary passes
// through the regularized optimum, where it touches a contour of the data loss.
void drawConstraintRegion(ImDrawList* list, const Session& session, const Snapshot& snapshot,
                          const ContourGeometry& plot) {
    const auto region = constraintRegion(*snapshot.landscape);
    if (!session.showConstraintRegion || !region || !(region->budget > 0)) return;
    const ImU32 fill = IM_COL32(255, 255, 255, 40), edge = IM_COL32(255, 255, 255, 220);
    // A multiple of 4 points, so the diamond's corners on the axes are among them.
    constexpr int kPoints = 192;
    ImVec2 boundary[kPoints];
    for (int i = 0; i < kPoints; ++i)
        boundary[i] = plot.toScreen(region->boundaryAt(2 * std::numbers::pi * i / kPoints));
    list->AddConvexPolyFilled(boundary, kPoints, fill);
    list->AddPolyline(boundary, kPoints, edge, ImDrawFlags_Closed, look().line(2));
    // Over the data loss's contours, the textbook figure's one contour: the level of the data loss at
    // the optimum, which touches the region's boundary there.
    if (session.contours != ContourSource::DataLoss) return;
    const auto data = contouredLandscape(snapshot.landscape, ContourSource::DataLoss);
    const double level = data->valueAt(region->optimum);
    if (!std::isfinite(level)) return;
    const int columns = std::max(16, int(plot.width / 5));
    // Separate opaque segments, each a little longer at both ends, so the bends between them show no
    // notches.
    const float width = look().line(2);
    for (const IsolineSegment& s :
         isolines([&](const Vec2& w) { return data->valueAt(w); }, plot.view, columns, {level})) {
        const ImVec2 a = plot.toScreen(s.a), b = plot.toScreen(s.b);
        const float length = std::hypot(b.x - a.x, b.y - a.y);
        if (!(length > 0)) continue;
        const ImVec2 extra((b.x - a.x) / length * width / 2, (b.y - a.y) / length * width / 2);
        list->AddLine({a.x - extra.x, a.y - extra.y}, {b.x + extra.x, b.y + extra.y}, IM_COL32_WHITE, width);
    }
}

void showHoverTooltip(const Landscape& landscape, const Vec2& p, bool curvature) {
    Vec2 gradient;
    const double f = landscape.valueAndGradientAt(p, gradient);
    ImGui::BeginTooltip();
    // On a network's plane the coordinates are a and b along its two directions, the value the network's loss
    // there, and the gradient its part along the plane.
    if (lossPlaneOf(landscape)) {
        ImGui::Text("(a, b) = (%.4g, %.4g)", p.x(), p.y());
        ImGui::Text("L(w0 + a d1 + b d2) = %.6g", f);
        ImGui::Text("along the plane (d1, d2)\xc2\xb7\xe2\x88\x87L = (%.4g, %.4g)", gradient.x(), gradient.y());
    } else {
        ImGui::Text("(x, y) = (%.4g, %.4g)", p.x(), p.y());
        ImGui::Text("f = %.6g", f);
        ImGui::Text(
            "\xe2\x88\x87"
            "f = (%.4g, %.4g)",
            gradient.x(), gradient.y());
    }
    if (curvature) {
        const Curvature c = curvatureAt(landscape, p);
        ImGui::Text("Hessian eigenvalues \xce\xbb = %.4g, %.4g", c.eigenvalues[0], c.eigenvalues[1]);
        if (std::isinf(c.conditionNumber))
            ImGui::TextUnformatted("\xce\xba = \xe2\x88\x9e (not positive definite)");
        else
            ImGui::Text("\xce\xba = %.4g", c.conditionNumber);
    }
    ImGui::EndTooltip();
}

// A pan or zoom past what can be drawn (checkViewBox: coordinates within 1e12, a width above rounding)
// keeps the view where it was and says why.
void showIfDrawable(Session& session, const ViewBox& box) {
    if (const std::string problem = checkViewBox(box); problem.empty())
        session.viewBox = box;
    else
        session.say("The view stays: " + problem);
}

// Dragging a start point, panning, zooming about the cursor.
void handleMouse(Session& session, const Snapshot& snapshot, ContourGeometry& plot) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetCursorScreenPos({plot.x, plot.y});
    ImGui::InvisibleButton("plot", {plot.width, plot.height});
    const bool hovered = ImGui::IsItemHovered();
    ViewDrag& drag = session.layout.drag;
    if (ImGui::IsItemActivated()) {
        drag = {};
        const Overlays& overlays = session.viewSettings.overlays;
        const ImVec2 centre = plot.toScreen(overlays.taylorCentre);
        // The Taylor model's centre is drawn over the start handles, so it is picked first.
        drag.taylorCentre =
            overlays.taylorModel && std::hypot(centre.x - io.MousePos.x, centre.y - io.MousePos.y) <=
                                        look().px(kTaylorHandleRadius + 3);
        // The nearest handle within reach; where handles coincide, the one drawn on top (the last).
        float best = look().px(kGrabRadius);
        for (const auto& path : snapshot.paths) {
            // A network starts from its weights: no handle to drag (its path starts at its projection).
            if (!path.settings.enabled || drag.taylorCentre || snapshot.problem) continue;
            const ImVec2 s = plot.toScreen(path.settings.start);
            const float d = std::hypot(s.x - io.MousePos.x, s.y - io.MousePos.y);
            if (d <= best) best = d, drag.startId = path.settings.id, drag.position = path.settings.start;
        }
        drag.panning = drag.startId == 0 && !drag.taylorCentre;
    }
    if (ImGui::IsItemActive() && drag.taylorCentre)
        session.viewSettings.overlays.taylorCentre = plot.toWorld(io.MousePos);
    if (ImGui::IsItemActive() && drag.startId != 0) {
        const Vec2 p = plot.toWorld(io.MousePos);
        if (p != drag.position) {
            drag.position = p;
            session.moveStart(drag.startId, p);
        }
    } else if (ImGui::IsItemActive() && drag.panning && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
        // Panning moves the box the user asked for; the shown box (its aspect fitted) moves with it.
        const double dx = io.MouseDelta.x / plot.width * plot.view.width();
        const double dy = io.MouseDelta.y / plot.height * plot.view.height();
        const ViewBox& v = session.viewBox;
        showIfDrawable(session, {v.xMin - dx, v.xMax - dx, v.yMin + dy, v.yMax + dy});
    }
    if (ImGui::IsItemDeactivated()) drag = {};
    if (hovered && io.MouseWheel != 0) {
        // Zoom about the point under the cursor, which stays put (in the asked-for box, and so in the
        // shown one: fitting the aspect commutes with scaling about a point).
        const Vec2 c = plot.toWorld(io.MousePos);
        const double factor = std::pow(0.85, io.MouseWheel);
        const ViewBox& v = session.viewBox;
        showIfDrawable(session, {c.x() + (v.xMin - c.x()) * factor, c.x() + (v.xMax - c.x()) * factor,
                                 c.y() + (v.yMin - c.y()) * factor, c.y() + (v.yMax - c.y()) * factor});
    }
    if (hovered && !ImGui::IsItemActive()) {
        const bool curvature = session.viewSettings.overlays.hessianAtHover;
        const Vec2 p = plot.toWorld(io.MousePos);
        if (curvature) {
            ImDrawList* list = ImGui::GetWindowDrawList();
            list->PushClipRect({plot.x, plot.y}, {plot.x + plot.width, plot.y + plot.height}, true);
            drawCurvatureAt(list, plot, *snapshot.landscape, p);
            list->PopClipRect();
        }
        showHoverTooltip(*snapshot.landscape, p, curvature);
    }
}

}  // namespace

ViewBox fitAspect(const ViewBox& box, float width, float height) {
    if (width <= 0 || height <= 0) return box;
    const double unitsPerPixel = std::max(box.width() / width, box.height() / height);
    const Vec2 c = box.center();
    const double halfW = unitsPerPixel * width / 2, halfH = unitsPerPixel * height / 2;
    return {c.x() - halfW, c.x() + halfW, c.y() - halfH, c.y() + halfH};
}

ViewBox fitViewBox(const ViewBox& displayBox, const std::vector<Vec2>& starts) {
    ViewBox box = displayBox;
    bool grown = false;
    for (const Vec2& s : starts) {
        if (!s.allFinite() || box.contains(s)) continue;
        box = {std::min(box.xMin, s.x()), std::max(box.xMax, s.x()), std::min(box.yMin, s.y()),
               std::max(box.yMax, s.y())};
        grown = true;
    }
    if (!grown) return box;
    // A start outside the landscape's box gets a margin, so its handle is not cut in half by the edge.
    const double mx = 0.05 * box.width(), my = 0.05 * box.height();
    return {box.xMin - mx, box.xMax + mx, box.yMin - my, box.yMax + my};
}

void fitView(Session& session, const Snapshot& snapshot) {
    std::vector<Vec2> starts;
    for (const auto& path : snapshot.paths)
        if (path.settings.enabled && !snapshot.problem) starts.push_back(path.settings.start);
    session.viewBox = fitViewBox(snapshot.landscape->displayBox(), starts);
}

std::vector<double> niceTicks(double lo, double hi, int targetCount) {
    std::vector<double> ticks;
    if (!(hi > lo) || targetCount < 1) return ticks;
    const double raw = (hi - lo) / targetCount;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        ticks.push_back(t);
    return ticks;
}

void drawContourView(Session& session, const Snapshot& snapshot, ContourPainter& contours,
              const ContourViewOptions& options) {
    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    ContourGeometry& plot = session.layout.contourArea;
    const Look& l = look();
    plot.x = origin.x + l.px(kLeftMargin);
    plot.y = origin.y + l.px(kTopMargin);
    plot.width = std::max(avail.x - l.px(kLeftMargin + kRightMargin), 16.0f);
    plot.height = std::max(avail.y - l.px(kTopMargin + kBottomMargin), 16.0f);
    // session.viewBox stays the box the user asked for: the shown box is fitted to this frame's aspect
    // without replacing it, so a narrower view (Both, a larger UI scale) and back leaves the zoom as it was.
    plot.view = fitAspect(session.viewBox, plot.width, plot.height);

    // Re-sampled in the background for exactly what is visible; the previous grid stays until then.
    // A network's plane: at most kMaxPlaneGridSide cells a side (each a pass over the data set).
    const float maxSide = float(snapshot.problem ? std::min(options.maxGridSide, kMaxPlaneGridSide) : options.maxGridSide);
    const float scale = std::min(1.0f, maxSide / std::max(plot.width, plot.height));
    session.sampler.request(contouredLandscape(snapshot.landscape, session.contours), plot.view,
                            std::max(2, int(plot.width * scale)), std::max(2, int(plot.height * scale)));
    contours.upload(session.sampler.latest());

    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 min(plot.x, plot.y), max(plot.x + plot.width, plot.y + plot.height);
    // The plot's area is covered whole, by the background or the contour layer's opaque picture.
    drawWindowBackgroundAround({{min, max}});
    // The background shows only where no grid covers the view yet (a software renderer pays for every
    // full-plot layer).
    const Grid* latest = contours.grid();
    if (!latest || latest->box.xMin > plot.view.xMin || latest->box.xMax < plot.view.xMax ||
        latest->box.yMin > plot.view.yMin || latest->box.yMax < plot.view.yMax)
        list->AddRectFilled(min, max, l.viewBackground);
    list->PushClipRect(min, max, true);
    if (const Grid* grid = latest)
        contours.addTo(list, plot.toScreen({grid->box.xMin, grid->box.yMax}),
                       plot.toScreen({grid->box.xMax, grid->box.yMin}));
    drawConstraintRegion(list, session, snapshot, plot);
    const Overlays& overlays = session.viewSettings.overlays;
    if (overlays.gradientField) drawGradientField(list, plot, *snapshot.landscape);
    if (overlays.ridgePath) drawRidgePath(list, plot, snapshot);
    if (overlays.taylorModel) {
        const Grid* grid = contours.grid();
        drawTaylorModel(list, plot, *snapshot.landscape, overlays.taylorCentre, grid ? grid->minimum : 0,
                        grid ? grid->maximum : 1, session.layout.drag.taylorCentre);
    }
    drawMinima(list, plot, *snapshot.landscape);
    for (const auto& path : snapshot.paths)
        if (path.settings.enabled) drawPath(list, plot, *path.lod, session.colourOf(path.settings.id));
    drawMapGhost(list, plot, session.layout.mapGhost, session.layout.mapGhostColour);
    for (const auto& path : snapshot.paths) {
        if (!path.settings.enabled || snapshot.problem) continue;
        const bool dragged = session.startDragged(path.settings.id);
        const Vec2 start = dragged ? session.layout.drag.position : path.settings.start;
        drawStartHandle(list, plot.toScreen(start), session.colourOf(path.settings.id), dragged);
    }
    if (overlays.stepParts) drawStepParts(list, session, snapshot, plot);
    if (!snapshot.paths.empty()) {
        drawSamplesInset(list, snapshot, plot, session.colourOf(snapshot.paths.front().settings.id));
        drawNetworkInset(list, snapshot, plot, session.colourOf(snapshot.paths.front().settings.id));
    }
    if (options.legend)
        drawRaceLegend(list, session, snapshot,
                       {min, max, legendMarks(session, options.legendRace ? *options.legendRace : snapshot, plot)});
    list->PopClipRect();
    drawAxes(list, plot, *snapshot.landscape);
    if (options.interactive) handleMouse(session, snapshot, plot);
    if (session.layout.probe && session.viewSettings.overlays.hessianAtHover) {
        list->PushClipRect(min, max, true);
        drawCurvatureAt(list, plot, *snapshot.landscape, *session.layout.probe);
        list->PopClipRect();
    }
}

}  // namespace gradscape
