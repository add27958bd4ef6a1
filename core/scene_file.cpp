// Scene files: writing the JSON, parsing the text with line and column, the atomic save and the load.

#include "scene_file.h"

#include "optimizer_spec.h"
#include "scene_names.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gradscape {
namespace {

using nlohmann::json;

constexpr std::uintmax_t kMaxSceneFileBytes = 16 << 20;

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
    out["schedule"] = {{"kind", nameOf(kScheduleKindNames, s.kind)},
                       {"stepSize", s.stepSize},
                       {"gamma", s.gamma},
                       {"decay", s.decay},
                       {"period", s.period},
                       {"minimumRate", s.minimumRate},
                       {"warmupSteps", s.warmupSteps}};
    return out;
}

std::string lineAndColumn(const std::string& text, size_t offset) {
    offset = std::min(offset, text.size());
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n')
            ++line, column = 1;
        else
            ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

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
        optimizers.push_back(racer);
    }
    json parameters = json::object();
    for (const auto& [name, value] : scene.landscapeParameters)
        parameters[name] = value;
    const ViewSettings& v = scene.views;
    const OrbitCamera& c = v.camera;
    return {
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
          {"showConstraintRegion", scene.showConstraintRegion}}},
        {"optimizers", optimizers},
        {"sharedStart", scene.sharedStart ? point(*scene.sharedStart) : json(nullptr)},
        {"view",
         {{"xMin", scene.view.xMin},
          {"xMax", scene.view.xMax},
          {"yMin", scene.view.yMin},
          {"yMax", scene.view.yMax}}},
        {"views",
         {{"mode", nameOf(kViewModeNames, v.mode)},
          {"logHeight", v.logHeight},
          {"plots", v.plots},
          {"stepByStepId", v.stepByStepId},
          {"camera",
           {{"yaw", c.yaw},
            {"pitch", c.pitch},
            {"distance", c.distance},
            {"target", {c.targetX, c.targetY, c.targetZ}},
            {"fieldOfView", c.fieldOfView}}},
          {"overlays",
           {{"gradientField", v.overlays.gradientField},
            {"stepParts", v.overlays.stepParts},
            {"hessianAtHover", v.overlays.hessianAtHover},
            {"taylorModel", v.overlays.taylorModel},
            {"taylorCentre", point(v.overlays.taylorCentre)}}},
          {"presentation",
           {{"uiScale", v.presentation.uiScale},
            {"theme", nameOf(kThemeNames, v.presentation.theme)},
            {"panelsHidden", v.presentation.panelsHidden},
            {"fullscreen", v.presentation.fullscreen}}}}},
        {"race",
         {{"steps", scene.steps}, {"playing", scene.playing}, {"stepsPerSecond", scene.stepsPerSecond}}},
    };
}

Scene sceneFromText(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw SceneError("the file is empty; expected a JSON scene");
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann counts the byte it stopped at from 1.
        const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const std::string where = lineAndColumn(text, offset);
        if (offset >= text.size() || text.find_first_not_of(" \t\r\n", offset) == std::string::npos)
            throw SceneError("the JSON ends too early at " + where + " (is the file truncated?)");
        std::string detail = e.what();
        if (const auto colon = detail.find("error while parsing"); colon != std::string::npos)
            detail = detail.substr(colon);
        throw SceneError("JSON syntax error at " + where + ": " + detail);
    }
    return sceneFromJson(j);
}

void saveScene(const std::string& path, const Scene& scene) {
    namespace fs = std::filesystem;
    const std::string text = sceneToJson(scene).dump(2) + "\n";
    const fs::path target(path);
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string temporary = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = mkstemp(temporary.data());
    if (fd < 0) throw SceneError("cannot save the scene to " + path + ": " + std::strerror(errno));
    auto giveUp = [&](const char* what) {
        const std::string reason = std::strerror(errno);
        ::close(fd);
        ::unlink(temporary.c_str());
        throw SceneError("cannot save the scene to " + path + ": " + what + ": " + reason);
    };
    for (size_t written = 0; written < text.size();) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            giveUp("write failed");
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) giveUp("flush failed");
    // mkstemp makes the file private; a scene is a document like any other.
    ::fchmod(fd, 0644);
    if (::close(fd) != 0) {
        ::unlink(temporary.c_str());
        throw SceneError("cannot save the scene to " + path + ": " + std::strerror(errno));
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(temporary.c_str());
        throw SceneError("cannot save the scene to " + path + ": " + reason);
    }
}

Scene loadScene(const std::string& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw SceneError(path + ": cannot open: " + error.message());
    if (size > kMaxSceneFileBytes)
        throw SceneError(path + ": too large for a scene file (" + std::to_string(size) + " bytes)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SceneError(path + ": cannot open: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return sceneFromText(text.str());
    } catch (const SceneError& e) {
        throw SceneError(path + ": " + e.what());
    }
}

}  // namespace gradscape
