#include "export/state_file.h"

#include "optimizers/optimizer_spec.h"
#include "scene/scene_file.h"
#include "maps/map_settings.h"
#include "support/atomic_file.h"
#include "view/camera.h"

#include <nlohmann/json.hpp>

namespace gradscape {

void writeStateFile(const std::string& path, const Session& session, const Snapshot& snapshot,
                    const std::string& lastScreenshot, long long framesDrawn) {
    using nlohmann::json;
    const ContourGeometry& plot = session.layout.contourArea;
    const OrbitCamera& camera = session.viewSettings.camera;
    // The surface as last drawn: its grid, and where its start points appear in the window.
    const std::shared_ptr<const Grid> surfaceGrid =
        session.layout.surfaceArea.width > 0 ? session.surfaceSampler.latest() : nullptr;
    const PixelRect& surfaceArea = session.layout.surfaceArea;
    const Viewport surfaceViewport{double(surfaceArea.x), double(surfaceArea.y), double(surfaceArea.width),
                                   double(surfaceArea.height)};
    json state = {
        {"landscape", session.race().landscapeName},
        {"framesDrawn", framesDrawn},
        {"stepCount", snapshot.stepCount},
        {"playing", snapshot.playing},
        {"view",
         {{"xMin", plot.view.xMin},
          {"xMax", plot.view.xMax},
          {"yMin", plot.view.yMin},
          {"yMax", plot.view.yMax}}},
        {"plot", {{"x", plot.x}, {"y", plot.y}, {"width", plot.width}, {"height", plot.height}}},
        {"plotWindow",
         {{"x", session.layout.viewsArea.x},
          {"y", session.layout.viewsArea.y},
          {"width", session.layout.viewsArea.width},
          {"height", session.layout.viewsArea.height}}},
        {"screenshot", lastScreenshot},
        {"status", session.status},
        {"statusIsError", session.statusIsError},
        {"inputErrors", session.inputErrors},
        {"lessonTitle", session.race().lesson.title},
        {"autosave",
         {{"path", session.autosave.path},
          {"offer", session.autosave.offer},
          {"saves", session.autosave.saves}}},
        {"sharedStart", {session.race().sharedStart.x(), session.race().sharedStart.y()}},
        {"landscapeParameters", session.race().landscapeParameters},
        {"contours", nameOf(kContourSources, session.contours)},
        {"views",
         {{"mode", nameOf(kViewModes, session.viewSettings.mode)},
          {"logHeight", session.viewSettings.logHeight},
          {"plots", session.viewSettings.plots},
          {"overlays", overlaysToJson(session.viewSettings.overlays)},
          {"stepByStepId", session.viewSettings.stepByStepId},
          {"presentation",
           {{"uiScale", session.viewSettings.presentation.uiScale},
            {"theme", nameOf(kThemes, session.viewSettings.presentation.theme)},
            {"panelsHidden", session.viewSettings.presentation.panelsHidden},
            {"fullscreen", session.viewSettings.presentation.fullscreen},
            {"helpOpen", session.viewSettings.presentation.helpOpen}}}}},
        {"framebuffer", {{"width", session.layout.framebuffer.width}, {"height", session.layout.framebuffer.height}}},
        {"camera", cameraToJson(camera)},
        {"surfaceArea",
         {{"x", session.layout.surfaceArea.x},
          {"y", session.layout.surfaceArea.y},
          {"width", session.layout.surfaceArea.width},
          {"height", session.layout.surfaceArea.height}}},
        {"controls", json::object()},
        {"optimizers", json::array()},
        {"sharpnessEvery", snapshot.sharpnessEvery},
    };
    for (const auto& p : snapshot.paths) {
        const ImVec2 pixel = plot.toScreen(p.settings.start);
        json entry = {{"id", p.settings.id},
                      {"kind", p.settings.kind},
                      {"enabled", p.settings.enabled},
                      {"learningRate", p.settings.hyperparameters.learningRate},
                      {"label", p.settings.label},
                      {"colour", colourText(rgbFromColour(session.colourOf(p.settings.id)))},
                      {"followsSharedStart", session.followsShared(p.settings.id)},
                      {"momentum", p.settings.hyperparameters.momentum},
                      {"dampening", p.settings.hyperparameters.dampening},
                      {"dampeningFollowsMomentum", p.settings.hyperparameters.dampeningFollowsMomentum},
                      {"start", {p.settings.start.x(), p.settings.start.y()}},
                      {"startPixel", {pixel.x, pixel.y}},
                      {"steps", p.trajectory->steps()},
                      {"divergedAtStep", p.trajectory->divergedAtStep},
                      {"linearized", p.settings.linearized}};
        if (surfaceGrid) {
            const SurfaceMapping mapping = SurfaceMapping::of(*surfaceGrid, session.viewSettings.logHeight);
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
    // The map panel: what it maps, what it has computed, and the hovered cell's ghost run.
    const MapProgressReport maps = session.mapSampler.report();
    state["maps"] = {{"shown", session.maps.shown},
                     {"kind", nameOf(kMapKinds, session.maps.kind)},
                     {"allRacers", session.maps.allRacers},
                     {"working", maps.working},
                     {"error", maps.error},
                     {"ghostPoints", session.layout.mapGhost.size()},
                     {"computed", json::array()}};
    for (const auto& map : maps.maps)
        if (map)
            state["maps"]["computed"].push_back({{"racerId", map->request.racer.id},
                                                 {"width", map->request.width},
                                                 {"height", map->request.height},
                                                 {"complete", map->complete},
                                                 {"x", {map->request.x.min, map->request.x.max}},
                                                 {"y", {map->request.y.min, map->request.y.max}}});
    for (const auto& [name, r] : session.layout.controls)
        state["controls"][name] = {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
    replaceFile(path, state.dump(2) + "\n");
}

}  // namespace gradscape
