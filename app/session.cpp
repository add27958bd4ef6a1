#include "session.h"

#include "palette.h"

#include <stdexcept>

namespace gradscape {

Session::Session(const Scene& scene)
    : landscapeName(scene.landscape), landscapeParameters(scene.landscapeParameters), view(scene.view) {
    auto landscape = makeLandscape(scene.landscape, scene.landscapeParameters);
    solver = std::make_unique<Solver>(landscape, scene.optimizers);
    int n = 0;
    for (const auto& settings : scene.optimizers)
        colours[settings.id] = paletteColour(n++);
    solver->post(command::SetSpeed{scene.stepsPerSecond});
    if (scene.steps > 0) solver->post(command::Step{scene.steps});
    if (scene.playing) solver->post(command::Play{});
}

ImU32 Session::colourOf(int id) const {
    auto it = colours.find(id);
    return it != colours.end() ? it->second : paletteColour(id - 1);
}

void Session::say(std::string message, bool isError) {
    status = std::move(message);
    statusIsError = isError;
}

bool Session::setLandscape(const std::string& name, const std::map<std::string, double>& parameters,
                           bool moveStarts) {
    std::shared_ptr<const Landscape> landscape;
    try {
        landscape = makeLandscape(name, parameters);
    } catch (const std::invalid_argument& e) {
        say(e.what(), true);
        return false;
    }
    solver->post(command::SetLandscape{landscape});
    if (moveStarts) {
        // A new landscape opens on its own view, with every racer at its classic start point.
        view = landscape->displayBox();
        for (const auto& path : solver->snapshot()->paths)
            solver->post(command::SetStart{path.settings.id, landscape->defaultStart()});
        solver->post(command::Reset{});
    }
    landscapeName = name;
    landscapeParameters = parameters;
    return true;
}

}  // namespace gradscape
