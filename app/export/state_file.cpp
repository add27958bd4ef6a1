#include "export/state_file.h"

#include "optimizers/optimizer_spec.h"
#include "scene/scene_file.h"
#include "support/atomic_file.h"
#include "view/camera.h"

#include <nlohmann/json.hpp>

namespace gradscape {
namespace {

bool followsSharedStart(const Session& session, int id) {
    const auto it = session.followsShared.find(id);
    return it != session.followsShared.end() && it->second;
}

}  // namespace

void writeStateFile(const std::string& path, const Session& session, const Snapshot& snapshot,
                    const std::string& lastScreenshot) {
    using nlohmann::json;
    const ContourGeometry& plot = session.plot;
    const OrbitCamera& camera = session.views.camera;
    // The surface as last drawn: its grid, and where its start points appear in the window.
    const std::shared_ptr<const Grid> surfaceGrid =
        session.surfaceArea.width > 0 ? session.surfaceSampler.latest() : nullptr;
    const Viewport surfaceViewport{double(session.surfaceArea.x), double(session.surfaceArea.y),
                                   double(session.surfaceArea.width), double(session.surfaceArea.height)};
    json state = {
        {"landscape", session.landscapeName},
        {"stepCount", snapshot.stepCount},
        {"playing", snapshot.playing},
        {"view",
         {{"xMin", plot.view.xMin},
          {"xMax", plot.view.xMax},
          {"yMin", plot.view.yMin},
          {"yMax", plot.view.yMax}}},
        {"plot", {{"x", plot.x}, {"y", plot.y}, {"width", plot.width}, {"height", plot.height}}},
        {"plotWindow",
         {{"x", session.plotWindow.x},
          {"y", session.plotWindow.y},
          {"width", session.plotWindow.width},
          {"height", session.plotWindow.height}}},
        {"screenshot", lastScreenshot},
        {"status", session.status},
        {"statusIsError", session.statusIsError},
        {"inputErrors", session.inputErrors},
        {"lessonTitle", session.lesson.title},
        {"autosave",
         {{"path", session.autosave.path},
          {"offer", session.autosave.offer},
          {"saves", session.autosave.saves}}},
        {"sharedStart", {session.sharedStart.x(), session.sharedStart.y()}},
        {"landscapeParameters", session.landscapeParameters},
        {"contours", nameOf(kContourSources, session.contours)},
        {"views",
         {{"mode", nameOf(kViewModes, session.views.mode)},
          {"logHeight", session.views.logHeight},
          {"plots", session.views.plots},
          {"overlays", overlaysToJson(session.views.overlays)},
          {"stepByStepId", session.views.stepByStepId},
          {"presentation",
           {{"uiScale", session.views.presentation.uiScale},
            {"theme", nameOf(kThemes, session.views.presentation.theme)},
            {"panelsHidden", session.views.presentation.panelsHidden},
            {"fullscreen", session.views.presentation.fullscreen},
            {"helpOpen", session.views.presentation.helpOpen}}}}},
        {"framebuffer", {{"width", session.framebuffer.width}, {"height", session.framebuffer.height}}},
        {"camera", cameraToJson(camera)},
        {"surfaceArea",
         {{"x", session.surfaceArea.x},
          {"y", session.surfaceArea.y},
          {"width", session.surfaceArea.width},
          {"height", session.surfaceArea.height}}},
        {"controls", json::object()},
        {"optimizers", json::array()},
    };
    for (const auto& p : snapshot.paths) {
        const ImVec2 pixel = plot.toScreen(p.settings.start);
        json entry = {{"id", p.settings.id},
                      {"kind", p.settings.kind},
                      {"enabled", p.settings.enabled},
                      {"learningRate", p.settings.hyperparameters.learningRate},
                      {"label", p.settings.label},
                      {"colour", colourText(rgbFromColour(session.colourOf(p.settings.id)))},
                      {"followsSharedStart", followsSharedStart(session, p.settings.id)},
                      {"momentum", p.settings.hyperparameters.momentum},
                      {"dampening", p.settings.hyperparameters.dampening},
                      {"dampeningFollowsMomentum", p.settings.hyperparameters.dampeningFollowsMomentum},
                      {"start", {p.settings.start.x(), p.settings.start.y()}},
                      {"startPixel", {pixel.x, pixel.y}},
                      {"steps", p.trajectory->steps()},
                      {"divergedAtStep", p.trajectory->divergedAtStep}};
        if (surfaceGrid) {
            const SurfaceMapping mapping = SurfaceMapping::of(*surfaceGrid, session.views.logHeight);
            if (const auto h = surfaceHeightAt(*surfaceGrid, mapping, p.settings.start))
                if (const auto s =
                        projectToPixel(camera, surfaceViewport,
                                       mapping.toSurface(p.settings.start, mapping.minimum) + Vec3(0, 0, *h)))
                    entry["startSurfacePixel"] = {s->x(), s->y()};
        }
        if (!p.trajectory->points.empty())
            entry["firstPoint"] = {p.trajectory->points.front().x(), p.trajectory->points.front().y()};
        state["optimizers"].push_back(entry);
    }
    if (surfaceGrid)
        state["surfaceGrid"] = {{"xMin", surfaceGrid->box.xMin}, {"xMax", surfaceGrid->box.xMax},
                                {"yMin", surfaceGrid->box.yMin}, {"yMax", surfaceGrid->box.yMax},
                                {"width", surfaceGrid->width},   {"height", surfaceGrid->height}};
    for (const auto& [name, r] : session.controls)
        state["controls"][name] = {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
    replaceFile(path, state.dump(2) + "\n");
}

}  // namespace gradscape
