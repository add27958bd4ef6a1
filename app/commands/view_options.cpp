#include "commands/view_options.h"

#include "commands/race_options.h"
#include "support/echo.h"
#include "view/view_box_check.h"

#include <CLI/CLI.hpp>

#include <sstream>

namespace gradscape {
namespace {

// "A,B,C,..." into finite numbers, between `fewest` and `most` of them, described by `shape`.
std::vector<double> parseNumbers(const std::string& text, const std::string& option, size_t fewest,
                                 size_t most, const std::string& shape) {
    std::vector<double> numbers;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');) {
        const std::optional<double> value = finiteNumber(part);
        if (!value) throw CLI::ValidationError(option, "expected " + shape + ", got " + echoed(text));
        numbers.push_back(*value);
        if (numbers.size() > most) break;  // a pasted megabyte of commas is refused at once
    }
    if (numbers.size() < fewest || numbers.size() > most)
        throw CLI::ValidationError(option, "expected " + shape + ", got " + echoed(text));
    return numbers;
}

const char* kOverlayHelp =
    "comma-separated overlays: gradient (field arrows), steps (each step split into its parts), "
    "curvature (Hessian eigen-directions and kappa at the cursor, or at --probe), taylor (the second-order "
    "model around --taylor-centre, dashed)";

}  // namespace

ViewBox parseRegion(const std::string& text) {
    const auto v = parseNumbers(text, "--region", 4, 4, "XMIN,XMAX,YMIN,YMAX");
    if (!(v[0] < v[1]) || !(v[2] < v[3]))
        throw CLI::ValidationError("--region", "expected XMIN < XMAX and YMIN < YMAX, got " + echoed(text));
    const ViewBox box{v[0], v[1], v[2], v[3]};
    // The same check as a scene's view: a box that cannot be drawn is refused here, not in the renderer.
    if (const std::string problem = checkViewBox(box); !problem.empty())
        throw CLI::ValidationError("--region", problem);
    return box;
}

OrbitCamera parseCamera(const std::string& text) {
    const std::string shape = "YAW,PITCH,DISTANCE[,TARGET_X,TARGET_Y,TARGET_Z[,FIELD_OF_VIEW]] (radians)";
    const auto v = parseNumbers(text, "--camera", 3, 7, shape);
    if (v.size() != 3 && v.size() != 6 && v.size() != 7)
        throw CLI::ValidationError("--camera", "expected " + shape + ", got " + echoed(text));
    OrbitCamera camera;
    camera.yaw = v[0], camera.pitch = v[1], camera.distance = v[2];
    if (v.size() >= 6) camera.targetX = v[3], camera.targetY = v[4], camera.targetZ = v[5];
    if (v.size() == 7) camera.fieldOfView = v[6];
    if (camera.pitch < kMinPitch || camera.pitch > kMaxPitch)
        throw CLI::ValidationError("--camera",
                                   "pitch must be in [0.05, 1.5], got " + std::to_string(camera.pitch));
    if (camera.distance < kMinDistance || camera.distance > kMaxDistance)
        throw CLI::ValidationError("--camera",
                                   "distance must be in [0.6, 12], got " + std::to_string(camera.distance));
    if (camera.fieldOfView < 0.05 || camera.fieldOfView > 3)
        throw CLI::ValidationError(
            "--camera", "field of view must be in [0.05, 3], got " + std::to_string(camera.fieldOfView));
    return camera;
}

CLI::Option* addOverlaysOption(CLI::App& app, std::vector<std::string>& words) {
    std::vector<std::string> allowed;
    for (const OverlayName& overlay : kOverlayNames)
        allowed.emplace_back(overlay.word);
    return app.add_option("--overlays", words, kOverlayHelp)->delimiter(',')->check(CLI::IsMember(allowed));
}

Overlays parseOverlays(const std::vector<std::string>& words) {
    Overlays overlays;
    for (const auto& word : words)
        for (const OverlayName& overlay : kOverlayNames)
            if (word == overlay.word) overlays.*overlay.field = true;
    return overlays;
}

}  // namespace gradscape
