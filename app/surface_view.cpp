#include "surface_view.h"

#include "theme.h"

#include <algorithm>
#include <cmath>

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
    // Whether the surface hides a mark at a point from the eye: all of it, up to a little above the point
    // (a mark at the bottom of a narrow valley stays in view while its upper half is).
    bool hidden(const Vec3& point) const {
        const Vec3 eye = eyePosition(camera), q = point + Vec3(0, 0, 0.02);
        const double distance = (q - eye).norm();
        const auto hit = castRay(grid, mapping, {eye, (q - eye) / distance});
        return hit && (hit->point - eye).norm() < distance - 0.03;
    }
    std::optional<Vec2> pick(ImVec2 mouse) const {
        return pickSurface(grid, mapping, pixelRay(camera, viewport, mouse.x, mouse.y));
    }
};

std::vector<SurfaceLine> pathLines(const Session& session, const Snapshot& snapshot, const Scene3d& scene) {
    std::vector<SurfaceLine> lines;
    for (const auto& path : snapshot.paths) {
        if (!path.settings.enabled) continue;
        for (auto& piece : drapeOnSurface(scene.grid, scene.mapping, path.trajectory->points, kPathLift))
            lines.push_back({std::move(piece), session.colourOf(path.settings.id)});
    }
    return lines;
}

void drawMarks(ImDrawList* list, Session& session, const Snapshot& snapshot, const Scene3d& scene) {
    const Look& l = look();
    const ImU32 kOutline = l.outline, kWhite = l.mark;
    const float cross = l.px(5);
    for (const Vec2& m : snapshot.landscape->knownMinima()) {
        const Vec3 q = scene.onSurface(m, kPathLift);
        const auto s = scene.toScreen(q);
        if (!s) continue;
        const float opacity = scene.hidden(q) ? 0.3f : 1.0f;
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
        const Vec3 q = scene.onSurface(path.trajectory->points.back(), kPathLift);
        const auto s = scene.toScreen(q);
        if (!s) continue;
        const float opacity = scene.hidden(q) ? 0.35f : 1.0f;
        list->AddCircleFilled(*s, l.line(6.5f), faded(kWhite, opacity));
        list->AddCircleFilled(*s, l.line(5.0f), faded(session.colourOf(path.settings.id), opacity));
    }
    for (const auto& path : snapshot.paths) {
        if (!path.settings.enabled) continue;
        // While a shared start is dragged, every follower's handle moves with it.
        const bool dragged = session.drag.startId == path.settings.id ||
                             (session.drag.startId != 0 && session.followsShared[session.drag.startId] &&
                              session.followsShared[path.settings.id]);
        const Vec3 q = scene.onSurface(dragged ? session.drag.position : path.settings.start, kPathLift);
        const auto s = scene.toScreen(q);
        if (!s) continue;
        const float opacity = scene.hidden(q) ? 0.45f : 1.0f,
                    r = l.px(dragged ? kHandleRadius + 2 : kHandleRadius);
        list->AddCircleFilled(*s, r + l.line(1.5f), faded(kOutline, opacity));
        list->AddCircle(*s, r, faded(kWhite, opacity), 0, l.line(3.0f));
        list->AddCircle(*s, r - l.line(2.0f), faded(session.colourOf(path.settings.id), opacity), 0,
                        l.line(2.0f));
    }
}

void showHoverTooltip(const Landscape& landscape, const Vec2& p) {
    ImGui::BeginTooltip();
    ImGui::Text("(x, y) = (%.4g, %.4g)", p.x(), p.y());
    ImGui::Text("f = %.6g", landscape.valueAt(p));
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
    PlotDrag& drag = session.drag;
    OrbitCamera& camera = session.views.camera;
    if (ImGui::IsItemActivated()) {
        drag = {};
        const bool left = ImGui::IsMouseDown(ImGuiMouseButton_Left) && !io.KeyShift;
        if (left) {
            // The nearest handle within reach; where handles coincide, the one drawn on top (the last).
            float best = look().px(kGrabRadius);
            for (const auto& path : snapshot.paths) {
                if (!path.settings.enabled) continue;
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
    session.surfaceArea = {int(viewport.x), int(viewport.y), int(viewport.width), int(viewport.height)};

    // A fixed-size grid over the view box the contour view shows, sampled in the background.
    session.surfaceSampler.request(snapshot.landscape, session.view, options.gridSide, options.gridSide);
    surface.upload(session.surfaceSampler.latest(), session.views.logHeight);

    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 min(origin.x, origin.y),
        max(float(viewport.x + viewport.width), float(viewport.y + viewport.height));
    list->AddRectFilled(min, max, look().viewBackground);
    list->PushClipRect(min, max, true);
    const Grid* grid = surface.grid();
    std::optional<Scene3d> scene;
    if (grid) {
        scene.emplace(Scene3d{*grid, surface.mapping(), *snapshot.landscape, session.views.camera, viewport});
        surface.addTo(list, session.views.camera, viewport, pathLines(session, snapshot, *scene));
        drawMarks(list, session, snapshot, *scene);
    }
    if (options.title) {
        const std::string title = session.landscapeName + (session.views.logHeight ? "  (log height)" : "");
        list->AddText({min.x + look().px(10), min.y + look().px(8)}, look().axis, title.c_str());
    }
    list->PopClipRect();
    if (options.interactive && scene) handleMouse(session, snapshot, *scene);
}

}  // namespace gradscape
