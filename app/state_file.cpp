#include "state_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace gradscape {

void writeStateFile(const std::string& path, const Session& session, const Snapshot& snapshot,
                    const std::string& lastScreenshot) {
    using nlohmann::json;
    const PlotGeometry& plot = session.plot;
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
        {"controls", json::object()},
        {"optimizers", json::array()},
    };
    for (const auto& p : snapshot.paths) {
        const ImVec2 pixel = plot.toScreen(p.settings.start);
        json entry = {{"id", p.settings.id},
                      {"kind", p.settings.kind},
                      {"enabled", p.settings.enabled},
                      {"learningRate", p.settings.hyperparameters.learningRate},
                      {"start", {p.settings.start.x(), p.settings.start.y()}},
                      {"startPixel", {pixel.x, pixel.y}},
                      {"steps", p.trajectory->steps()},
                      {"divergedAtStep", p.trajectory->divergedAtStep}};
        if (!p.trajectory->points.empty())
            entry["firstPoint"] = {p.trajectory->points.front().x(), p.trajectory->points.front().y()};
        state["optimizers"].push_back(entry);
    }
    for (const auto& [name, r] : session.controls)
        state["controls"][name] = {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
    const std::string temporary = path + ".partial";
    {
        std::ofstream out(temporary);
        out << state.dump(2) << '\n';
        if (!out) throw std::runtime_error("cannot write " + temporary);
    }
    std::filesystem::rename(temporary, path);
}

}  // namespace gradscape
