#include "views/surface_view.h"

#include "view/loss_plane.h"

#include "views/line_plot.h"
#include "views/contour_view.h"
#include "views/race_legend.h"
#include "views/window_background.h"
#include "theme.h"
#include "view/path_lod.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gradscape {
namespace {

constexpr float kHandleRadius = 8, kGrabRadius = 12;
constexpr double kPathLift = 0.004;  // normalized height the paths float above the surface

// A colour with its opacity scaled: marks hidden behind a hill are drawn faint.
ImU32 faded(ImU32 colour, float opacity) {
    const auto alpha = static_cast<ImU32>(((colour >> IM_COL32_A_SHIFT) & 0xFF) * opacity);
    return (colour & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

// What the view is drawn from this frame: the mesh's grid and mapping, the camera and where it draws.
struct Scene3d {
    const Grid& grid;
    const SurfaceMapping& mapping;
    const Landscape& landscape;
    const OrbitCamera& camera;
    Viewport viewport;

    // A plane point on the surface (beyond the grid, at the height of its value there).
    Vec3 onSurface(const Vec2& p, double lift = 0) const {
        auto h = grid.box.contains(p) ? surfaceHeightAt(grid, mapping, p) : std::nullopt;
        const double height = h ? *h : mapping.height(landscape.valueAt(p));
        return mapping.toSurface(p, mapping.minimum) + Vec3(0, 0, height + lift);
    }
    std::optional<ImVec2> toScreen(const Vec3& q) const {
        const auto pixel = projectToPixel(camera, viewport, q);
        if (!pixel || std::abs(pixel->x()) > 1e5 || std::abs(pixel->y()) > 1e5) return std::nullopt;
        return ImVec2(float(pixel->x()), float(pixel->y()));
    }
    std::optional<Vec2> pick(ImVec2 mouse) const {
        return pickSurface(grid, mapping, pixelRay(camera, viewport, mouse.x, mouse.y));
    }
};

std::vector<SurfaceLine> pathLines(const Session& session, const Snapshot& snapshot, const Scene3d& scene) {
    std::vector<SurfaceLine> lines;
    // drapeOnSurface leaves out every iterate closer than a fifth of a grid cell to the last it kept; the
    // path's summary leaves those out first, a run at a time, so it is handed what it would draw anyway.
    // A long path also leaves out runs over half-cells it has already drawn (within 1.5 grid cells of its
    // line, a few pixels), so one that never settles costs the cells it covers, not its steps.
    const ViewBox box = meshBox(scene.grid);
    const double cell = std::min(box.width() / scene.grid.width, box.height() / scene.grid.height);
    for (const auto& path : snapshot.paths) {
        if (!path.settings.enabled) continue;
        const auto points = thinPath(*path.lod, cell / 5, cell / 2, box);
        for (auto& piece : drapeOnSurface(scene.grid, scene.mapping, points, kPathLift))
            lines.push_back({std::move(piece), session.colourOf(path.settings.id)});
    }
    return lines;
}

std::optional<float> markOpacity(const Scene3d& scene, const Vec2& p, const Vec3& q, float faint) {
    switch (markVisibility(scene.grid, scene.mapping, scene.camera, p, q)) {
        case MarkVisibility::InView:
            return 1.0f;
        case MarkVisibility::BehindHill:
            return faint;
        default:
            return std::nullopt;
    }
}

// What the legend keeps clear of, on screen: minima, start points (weighing as much as a stretch of
// path) and the iterates of `race` (the whole race during a recording, so the legend stays put).
std::vector<ImVec2> legendMarks(const Session& session, const Snapshot& race, const Scene3d& scene) {
    std::vector<ImVec2> marks;
    const auto add = [&](const Vec2& p, size_t weight) {
        if (const auto s = scene.toScreen(scene.onSurface(p))) marks.insert(marks.end(), weight, *s);
    };
    for (const Vec2& m : race.landscape->knownMinima())
        add(m, 1);
    for (const auto& path : race.paths) {
        if (!path.settings.enabled) continue;
        add(path.settings.start, 50);
        const auto& points = path.trajectory->points;
        const size_t stride = std::max<size_t>(1, points.size() / 400);
        for (size_t i = 0; i < points.size(); i += stride)
            if (meshBox(scene.grid).contains(points[i])) add(points[i], 1);
    }
    return marks;
}

void drawMarks(ImDrawList* list, Session& session, const Snapshot& snapshot, const Scene3d& scene) {
    const Look& l = look();
    const ImU32 kOutline = l.outline, kWhite = l.mark;
    const float cross = l.px(5);
    for (const Vec2& m : snapshot.landscape->knownMinima()) {
        const Vec3 q = scene.onSurface(m, kPathLift);
        const auto s = scene.toScreen(q);
        const auto shown = markOpacity(scene, m, q, 0.3f);
        if (!s || !shown) continue;
        const float opacity = *shown;
        for (auto [thickness, colour] :
             {std::pair{l.line(4.0f), kOutline}, std::pair{l.line(2.0f), kWhite}}) {
            list->AddLine({s->x - cross, s->y - cross}, {s->x + cross, s->y + cross}, faded(colour, opacity),
                          thickness);
            list->AddLine({s->x - cross, s->y + cross}, {s->x + cross, s->y - cross}, faded(colour, opacity),
                          thickness);
        }
    }
    for (const auto& path : snapshot.paths) {
        if (!path.settings.enabled || path.trajectory->points.empty()) continue;
        const Vec2& at = path.trajectory->points.back();
        const Vec3 q = scene.onSurface(at, kPathLift);
        const auto s = scene.toScreen(q);
        const auto shown = markOpacity(scene, at, q, 0.35f);
        if (!s || !shown) continue;
        const float opacity = *shown;
        list->AddCircleFilled(*s, l.line(6.5f), faded(kWhite, opacity));
        list->AddCircleFilled(*s, l.line(5.0f), faded(session.colourOf(path.settings.id), opacity));
    }
    for (const auto& path : snapshot.paths) {
        if (!path.settings.enabled || snapshot.problem) continue;  // a network has no start handle
        const bool dragged = session.startDragged(path.settings.id);
        const Vec2 at = dragged ? session.layout.drag.position : path.settings.start;
        const Vec3 q = scene.onSurface(at, kPathLift);
        const auto s = scene.toScreen(q);
        const auto shown = markOpacity(scene, at, q, 0.45f);
        if (!s || !shown) continue;
        const float opacity = *shown, r = l.px(dragged ? kHandleRadius + 2 : kHandleRadius);
        list->AddCircleFilled(*s, r + l.line(1.5f), faded(kOutline, opacity));
        list->AddCircle(*s, r, faded(kWhite, opacity), 0, l.line(3.0f));
        list->AddCircle(*s, r - l.line(2.0f), faded(session.colourOf(path.settings.id), opacity), 0,
                        l.line(2.0f));
    }
}

std::string tickText(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", std::abs(v) < 1e-12 ? 0.0 : v);
    return text;
}

// One ticked axis along the box edge from a to b (normalized points), its ticks pointing `outward` (a
// normalized direction), labelled with `values` placed at the fractions `at` along the edge, and named
// `name` past its end.
void drawAxis(ImDrawList* list, const Scene3d& scene, const Vec3& a, const Vec3& b, const Vec3& outward,
              const std::vector<double>& values, const std::vector<double>& at, const char* name) {
    const Look& l = look();
    const auto sa = scene.toScreen(a), sb = scene.toScreen(b);
    if (!sa || !sb) return;
    list->AddLine(*sa, *sb, l.axis, l.line(1.5f));
    const float fontSize = ImGui::GetFontSize();
    float lastEnd = -1e9f;  // labels that would touch the previous one are left out
    for (size_t i = 0; i < values.size(); ++i) {
        const Vec3 q = a + at[i] * (b - a);
        const auto s = scene.toScreen(q), tip = scene.toScreen(q + 0.04 * outward),
                   labelAt = scene.toScreen(q + 0.11 * outward);
        if (!s || !tip || !labelAt) continue;
        list->AddLine(*s, *tip, l.axis, l.line(1.5f));
        const std::string text = tickText(values[i]);
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        // Kept inside the view, so a label beside its edge is never cut in half.
        const Viewport& v = scene.viewport;
        const ImVec2 min(std::clamp(labelAt->x - size.x / 2, float(v.x) + 2, float(v.x + v.width) - size.x - 2),
                         std::clamp(labelAt->y - fontSize / 2, float(v.y) + 2, float(v.y + v.height) - fontSize - 2));
        const float along = std::abs(sb->x - sa->x) > std::abs(sb->y - sa->y) ? min.x : min.y;
        const float extent = std::abs(sb->x - sa->x) > std::abs(sb->y - sa->y) ? size.x : size.y;
        const float from = std::min(along, along + extent), to = from + extent;
        if (i > 0 && from < lastEnd + l.px(6) && to > lastEnd - extent - l.px(6)) continue;
        list->AddText(min, l.axis, text.c_str());
        lastEnd = to;
    }
    if (const auto end = scene.toScreen(b + 0.2 * (b - a).normalized() * 0.5 + 0.11 * outward))
        list->AddText({end->x - ImGui::CalcTextSize(name).x / 2, end->y - fontSize / 2}, l.mark, name);
}

// Ticked axes on the box's edges: x and y along the two bottom edges nearest the eye, f up the corner
// furthest left on screen, in the values the surface shows (on the log height's scale when it is on).
void drawBoxAxes(ImDrawList* list, const Scene3d& scene) {
    const ViewBox box = meshBox(scene.grid);
    const SurfaceMapping& m = scene.mapping;
    const Vec3 eye = eyePosition(scene.camera);
    const auto corner = [&](double x, double y) { return m.toSurface({x, y}, m.minimum); };
    const auto nearer = [&](const Vec3& p, const Vec3& q) { return (p - eye).norm() < (q - eye).norm(); };
    const auto fractions = [](const std::vector<double>& ticks, double lo, double hi) {
        std::vector<double> at;
        for (double t : ticks)
            at.push_back((t - lo) / (hi - lo));
        return at;
    };
    // x along y = yMin or y = yMax, whichever edge is nearer the eye; y likewise.
    const double yEdge = nearer(corner(box.center().x(), box.yMin), corner(box.center().x(), box.yMax))
                             ? box.yMin
                             : box.yMax;
    const double xEdge = nearer(corner(box.xMin, box.center().y()), corner(box.xMax, box.center().y()))
                             ? box.xMin
                             : box.xMax;
    const Vec3 yOut(0, yEdge == box.yMin ? -1 : 1, 0), xOut(xEdge == box.xMin ? -1 : 1, 0, 0);
    const auto xTicks = niceTicks(box.xMin, box.xMax, 5), yTicks = niceTicks(box.yMin, box.yMax, 5);
    const bool plane = lossPlaneOf(scene.landscape) != nullptr;  // a network's plane: coordinates a and b
    drawAxis(list, scene, corner(box.xMin, yEdge), corner(box.xMax, yEdge), yOut, xTicks,
             fractions(xTicks, box.xMin, box.xMax), plane ? "a" : "x");
    drawAxis(list, scene, corner(xEdge, box.yMin), corner(xEdge, box.yMax), xOut, yTicks,
             fractions(yTicks, box.yMin, box.yMax), plane ? "b" : "y");
    // f up the corner furthest left on screen (usually the block's left silhouette), ticked outwards.
    std::optional<Vec3> left;
    float leftX = 1e9f;
    for (double x : {box.xMin, box.xMax})
        for (double y : {box.yMin, box.yMax})
            if (const auto s = scene.toScreen(corner(x, y)); s && s->x < leftX) leftX = s->x, left = corner(x, y);
    if (!left) return;
    std::vector<double> fTicks;
    if (m.logHeight) {
        // Decades above the minimum, as the log height spaces them.
        const double range = std::max(m.maximum - m.minimum, 1e-12);
        for (double t : decadeTicks(range / 1000, range, 5))
            fTicks.push_back(m.minimum + t);
    } else {
        fTicks = niceTicks(m.minimum, m.maximum, 5);
    }
    std::vector<double> heights;
    for (double f : fTicks)
        heights.push_back(m.height(f));
    const Vec3 out = Vec3(left->x(), left->y(), 0).normalized();
    drawAxis(list, scene, *left, *left + Vec3(0, 0, 1), out, fTicks, heights, "f");
}

void showHoverTooltip(const Landscape& landscape, const Vec2& p) {
    ImGui::BeginTooltip();
    const bool plane = lossPlaneOf(landscape) != nullptr;  // a network's loss on a plane: a and b, L
    ImGui::Text(plane ? "(a, b) = (%.4g, %.4g)" : "(x, y) = (%.4g, %.4g)", p.x(), p.y());
    ImGui::Text(plane ? "L(w0 + a d1 + b d2) = %.6g" : "f = %.6g", landscape.valueAt(p));
    ImGui::EndTooltip();
}

// Dragging a start point along the surface, orbiting, panning and zooming the camera.
void handleMouse(Session& session, const Snapshot& snapshot, const Scene3d& scene) {
    ImGuiIO& io = ImGui::GetIO();
    const Viewport& v = scene.viewport;
    ImGui::SetCursorScreenPos({float(v.x), float(v.y)});
    ImGui::InvisibleButton("surface", {float(v.width), float(v.height)},
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool hovered = ImGui::IsItemHovered();
    ViewDrag& drag = session.layout.drag;
    OrbitCamera& camera = session.viewSettings.camera;
    if (ImGui::IsItemActivated()) {
        drag = {};
        const bool left = ImGui::IsMouseDown(ImGuiMouseButton_Left) && !io.KeyShift;
        if (left) {
            // The nearest handle within reach; where handles coincide, the one drawn on top (the last).
            float best = look().px(kGrabRadius);
            for (const auto& path : snapshot.paths) {
                if (!path.settings.enabled || snapshot.problem) continue;
                const auto s = scene.toScreen(scene.onSurface(path.settings.start, kPathLift));
                if (!s) continue;
                const float d = std::hypot(s->x - io.MousePos.x, s->y - io.MousePos.y);
                if (d <= best) best = d, drag.startId = path.settings.id, drag.position = path.settings.start;
            }
        }
        drag.orbiting = drag.startId == 0 && left;
        drag.panning = drag.startId == 0 && !left;
    }
    const bool moved = io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
    if (ImGui::IsItemActive() && drag.startId != 0) {
        // The start follows the point of the surface under the mouse; off the surface it stays.
        if (const auto p = scene.pick(io.MousePos); p && *p != drag.position) {
            drag.position = *p;
            session.moveStart(drag.startId, *p);
        }
    } else if (ImGui::IsItemActive() && drag.orbiting && moved) {
        orbit(camera, -io.MouseDelta.x * 0.008, io.MouseDelta.y * 0.008);
    } else if (ImGui::IsItemActive() && drag.panning && moved) {
        // The ground under the mouse moves with it, about.
        const double unitsPerPixel =
            2 * camera.distance * std::tan(camera.fieldOfView / 2) / std::min(v.width, v.height);
        pan(camera, -io.MouseDelta.x * unitsPerPixel,
            io.MouseDelta.y * unitsPerPixel / std::max(std::sin(camera.pitch), 0.3));
    }
    if (ImGui::IsItemDeactivated()) drag = {};
    if (hovered && io.MouseWheel != 0) zoom(camera, std::pow(0.85, io.MouseWheel));
    if (hovered && !ImGui::IsItemActive())
        if (const auto p = scene.pick(io.MousePos)) showHoverTooltip(*snapshot.landscape, *p);
}

}  // namespace

void drawSurface(Session& session, const Snapshot& snapshot, SurfaceLayer& surface,
                 const SurfaceOptions& options) {
    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    const Viewport viewport{origin.x, origin.y, std::max(avail.x, 16.0f), std::max(avail.y, 16.0f)};
    session.layout.surfaceArea = {int(viewport.x), int(viewport.y), int(viewport.width),
                                  int(viewport.height)};

    // A fixed-size grid over the view box the contour view shows, sampled in the background.
    // A network's plane costs a pass over the data set per vertex: its mesh is coarser.
    const int side = snapshot.problem ? std::min(options.gridSide, 96) : options.gridSide;
    session.surfaceSampler.request(snapshot.landscape, session.viewBox, side, side);
    surface.upload(session.surfaceSampler.latest(), session.viewSettings.logHeight);

    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 min(origin.x, origin.y),
        max(float(viewport.x + viewport.width), float(viewport.y + viewport.height));
    drawWindowBackgroundAround({{min, max}});  // the view's background covers its area whole
    const Grid* grid = surface.grid();
    std::optional<Scene3d> scene;
    if (grid)
        scene.emplace(
            Scene3d{*grid, surface.mapping(), *snapshot.landscape, session.viewSettings.camera, viewport});
    // The surface layer paints the view's background under its mesh (a software rasterizer pays for
    // every layer of pixels); without it, a rectangle does.
    list->PushClipRect(min, max, true);
    if (!scene || !surface.addTo(list, session.viewSettings.camera, viewport,
                                 pathLines(session, snapshot, *scene), look().viewBackground))
        list->AddRectFilled(min, max, look().viewBackground);
    if (scene) {
        drawBoxAxes(list, *scene);
        drawMarks(list, session, snapshot, *scene);
    }
    const std::string heightScale = session.viewSettings.logHeight ? "  (log height)" : "";
    if (options.legend && scene) {
        drawRaceLegend(list, session, snapshot,
                       {min, max, legendMarks(session, options.legendRace ? *options.legendRace : snapshot, *scene),
                        heightScale});
    } else if (options.title) {
        const std::string title = session.race().landscapeName + heightScale;
        list->AddText({min.x + look().px(10), min.y + look().px(8)}, look().axis, title.c_str());
    }
    list->PopClipRect();
    if (options.interactive && scene) handleMouse(session, snapshot, *scene);
}

}  // namespace gradscape
