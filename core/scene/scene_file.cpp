// Scene files: writing the JSON, the atomic save and the bounded load.

#include "scene/scene_file.h"

#include "support/atomic_file.h"
#include "support/input_limits.h"
#include "optimizers/optimizer_spec.h"
#include "scene/scene_names.h"
#include "scene/scene_text.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace gradscape {
namespace {

using nlohmann::json;

json point(const Vec2& p) {
    return json::array({p.x(), p.y()});
}

json hyperparametersToJson(const Hyperparameters& h) {
    json out = json::object();
    for (const auto& spec : hyperparameterSpecs())
        out[spec.name] = h.*spec.field;
    const Schedule& s = h.schedule;
    out["batchSize"] = h.batchSize;
    out["memory"] = h.memory;
    out["seed"] = h.seed;
    out["biasCorrection"] = h.biasCorrection;
    out["epsilonInsideSqrt"] = h.epsilonInsideSqrt;
    out["lookAhead"] = h.lookAhead;
    out["dampeningFollowsMomentum"] = h.dampeningFollowsMomentum;
    out["lineSearch"] = h.lineSearch;
    out["schedule"] = {{"kind", nameOf(kScheduleKinds, s.kind)},
                       {"stepSize", s.stepSize},
                       {"gamma", s.gamma},
                       {"decay", s.decay},
                       {"period", s.period},
                       {"minimumRate", s.minimumRate},
                       {"warmupSteps", s.warmupSteps}};
    return out;
}

json axisToJson(const MapAxis& a) {
    return {{"name", a.name}, {"min", a.min}, {"max", a.max}, {"log", a.log}};
}

json mapsToJson(const MapSettings& m) {
    return {{"shown", m.shown},
            {"kind", nameOf(kMapKinds, m.kind)},
            {"racerId", m.racerId},
            {"allRacers", m.allRacers},
            {"x", axisToJson(m.x)},
            {"y", axisToJson(m.y)},
            {"size", m.size},
            {"steps", m.steps},
            {"tolerance", m.tolerance},
            {"colouring", nameOf(kMapColourings, m.colouring)}};
}

json problemToSceneJson(const ProblemSpec& spec, const PlaneSettings& plane, int sharpnessEvery) {
    return {{"layers", spec.layers},
            {"activation", nameOf(kActivationNames, spec.activation)},
            {"loss", nameOf(kLossNames, spec.loss)},
            {"data",
             {{"kind", nameOf(kDatasetKindNames, spec.data.kind)},
              {"samples", spec.data.samples},
              {"noise", spec.data.noise},
              {"seed", spec.data.seed},
              {"features", spec.data.features}}},
            {"probe", spec.probe},
            {"seed", spec.seed},
            {"plane", {{"kind", nameOf(kPlaneKindNames, plane.kind)}, {"seed", plane.seed}}},
            {"sharpnessEvery", sharpnessEvery}};
}

}  // namespace

json cameraToJson(const OrbitCamera& c) {
    return {{"yaw", c.yaw},
            {"pitch", c.pitch},
            {"distance", c.distance},
            {"target", {c.targetX, c.targetY, c.targetZ}},
            {"fieldOfView", c.fieldOfView}};
}

json overlaysToJson(const Overlays& overlays) {
    json out = json::object();
    for (const OverlayName& overlay : kOverlayNames)
        out[overlay.key] = overlays.*overlay.field;
    out["taylorCentre"] = point(overlays.taylorCentre);
    return out;
}

json sceneToJson(const Scene& scene) {
    json optimizers = json::array();
    for (const auto& s : scene.optimizers) {
        json racer = {{"id", s.id},
                      {"kind", s.kind},
                      {"label", s.label},
                      {"enabled", s.enabled},
                      {"start", point(s.start)},
                      {"followsSharedStart", s.followsSharedStart},
                      {"hyperparameters", hyperparametersToJson(s.hyperparameters)}};
        if (s.colour) racer["colour"] = colourText(*s.colour);
        if (s.linearized) racer["linearized"] = true;  // on a network only: 2D scenes read as they were
        optimizers.push_back(racer);
    }
    json parameters = json::object();
    for (const auto& [name, value] : scene.landscapeParameters)
        parameters[name] = value;
    const ViewSettings& v = scene.views;
    json j = {
        {"format", kSceneFormat},
        {"version", kSceneVersion},
        {"lesson",
         {{"title", scene.lesson.title},
          {"explanation", scene.lesson.explanation},
          {"formula", scene.lesson.formula},
          {"tryThis", scene.lesson.tryThis}}},
        {"landscape", {{"name", scene.landscape}, {"parameters", parameters}, {"formula", scene.formula}}},
        {"regularization",
         {{"l2", scene.regularization.l2},
          {"l1", scene.regularization.l1},
          {"showConstraintRegion", scene.showConstraintRegion},
          {"contours", nameOf(kContourSources, scene.contours)}}},
        {"optimizers", optimizers},
        {"sharedStart", scene.sharedStart ? point(*scene.sharedStart) : json(nullptr)},
        {"view",
         {{"xMin", scene.view.xMin},
          {"xMax", scene.view.xMax},
          {"yMin", scene.view.yMin},
          {"yMax", scene.view.yMax}}},
        {"views",
         {{"mode", nameOf(kViewModes, v.mode)},
          {"logHeight", v.logHeight},
          {"plots", v.plots},
          {"stepByStepId", v.stepByStepId},
          {"camera", cameraToJson(v.camera)},
          {"overlays", overlaysToJson(v.overlays)},
          {"presentation",
           {{"uiScale", v.presentation.uiScale},
            {"theme", nameOf(kThemes, v.presentation.theme)},
            {"panelsHidden", v.presentation.panelsHidden},
            {"fullscreen", v.presentation.fullscreen}}}}},
        {"race",
         {{"steps", scene.steps}, {"playing", scene.playing}, {"stepsPerSecond", scene.stepsPerSecond}}},
        {"maps", mapsToJson(scene.maps)},
    };
    if (scene.problem) j["problem"] = problemToSceneJson(*scene.problem, scene.plane, scene.sharpnessEvery);
    return j;
}

Scene sceneFromText(const std::string& text) {
    return sceneFromJson(parseSceneText(text));
}

void saveScene(const std::string& path, const Scene& scene) {
    const std::string text = sceneToJson(scene).dump(2) + "\n";
    try {
        replaceFile(path, text);
    } catch (const FileError& e) {
        // "cannot write PATH: why" becomes "cannot save the scene to PATH: why".
        std::string why = e.what();
        if (const std::string prefix = "cannot write " + path + ": "; why.rfind(prefix, 0) == 0)
            why = why.substr(prefix.size());
        throw SceneError("cannot save the scene to " + path + ": " + why);
    }
}

Scene loadScene(const std::string& path) {
    // Only a regular file: a folder cannot be read, a pipe or a device could block or never end.
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error) throw SceneError(path + ": cannot open: " + error.message());
    if (std::filesystem::is_directory(status))
        throw SceneError(path + ": cannot open: it is a folder, not a file");
    if (!std::filesystem::is_regular_file(status))
        throw SceneError(path + ": cannot open: not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SceneError(path + ": cannot open: " + std::strerror(errno));
    // Read in pieces, and never more than one piece past the limit (the file may grow while it is read).
    std::string text;
    char piece[1 << 16];
    while (text.size() <= limits::kMaxSceneFileBytes && in.read(piece, sizeof piece).gcount() > 0)
        text.append(piece, static_cast<size_t>(in.gcount()));
    if (in.bad()) throw SceneError(path + ": cannot read: " + std::strerror(errno));
    if (text.size() > limits::kMaxSceneFileBytes)
        throw SceneError(path + ": too large for a scene file (more than " +
                         std::to_string(limits::kMaxSceneFileBytes) + " bytes)");
    try {
        return sceneFromText(text);
    } catch (const SceneError& e) {
        throw SceneError(path + ": " + e.what());
    }
}

}  // namespace gradscape
