#include "session.h"

#include "landscapes/formula_landscape.h"
#include "support/input_limits.h"
#include "palette.h"
#include "theme.h"

#include <algorithm>
#include <stdexcept>

namespace gradscape {
namespace {

// A user's text as a message may echo it: cut to limits::kMaxEchoedCharacters.
std::string echoed(const std::string& text) {
    if (text.size() <= limits::kMaxEchoedCharacters) return text;
    return text.substr(0, limits::kMaxEchoedCharacters) + "...";
}

}  // namespace

ImU32 colourFromRgb(std::uint32_t rgb) {
    return IM_COL32((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, 255);
}

std::uint32_t rgbFromColour(ImU32 colour) {
    const std::uint32_t r = (colour >> IM_COL32_R_SHIFT) & 0xff, g = (colour >> IM_COL32_G_SHIFT) & 0xff,
                        b = (colour >> IM_COL32_B_SHIFT) & 0xff;
    return r << 16 | g << 8 | b;
}

Session::Session(const Scene& scene) {
    replaceScene(scene);
}

void Session::replaceScene(const Scene& scene) {
    // Everything that can refuse the scene runs first, so a refusal changes nothing.
    if (scene.optimizers.size() > limits::kMaxRacers)
        throw std::invalid_argument("a race has at most " + std::to_string(limits::kMaxRacers) + " racers, got " +
                                    std::to_string(scene.optimizers.size()));
    auto landscape = landscapeFor(scene);
    auto replacement = std::make_unique<Solver>(landscape, scene.optimizers);

    solver = std::move(replacement);
    landscapeName = scene.formula.empty() ? scene.landscape : "formula";
    landscapeParameters = scene.landscapeParameters;
    formula = scene.formula;
    formulaError.clear();
    regularization = scene.regularization;
    showConstraintRegion = scene.showConstraintRegion;
    contours = scene.contours;
    view = scene.view;
    views = scene.views;
    lesson = scene.lesson;
    drag = {};
    inputErrors.clear();
    stepParts.clear();
    colours.clear();
    followsShared.clear();
    // The new solver's snapshots and errors count from zero again.
    solverErrorsSeen = 0;
    std::erase_if(controls, [](const auto& entry) {
        for (const char* perRacer : {"remove-", "colour-", "follow-"})
            if (entry.first.rfind(perRacer, 0) == 0) return true;
        return false;
    });
    nextId = 1;
    coloursHanded = 0;
    sharedStart = scene.sharedStart.value_or(scene.optimizers.empty() ? landscape->defaultStart()
                                                                      : scene.optimizers.front().start);
    // A racer's own colour and follow flag are kept exactly; one without a colour takes the next palette
    // colour that no racer has already.
    for (const auto& settings : scene.optimizers)
        if (settings.colour) colours[settings.id] = colourFromRgb(*settings.colour);
    for (const auto& settings : scene.optimizers) {
        if (!settings.colour) colours[settings.id] = nextPaletteColour();
        followsShared[settings.id] = settings.followsSharedStart;
        nextId = std::max(nextId, settings.id + 1);
    }
    solver->post(command::SetSpeed{scene.stepsPerSecond});
    if (scene.steps > 0) solver->post(command::Step{scene.steps});
    if (scene.playing) solver->post(command::Play{});
}

Scene Session::toScene() const {
    const auto snapshot = solver->snapshot();
    Scene scene;
    scene.landscape = landscapeName;
    scene.landscapeParameters = landscapeParameters;
    scene.formula = landscapeName == "formula" ? formula : "";
    scene.regularization = regularization;
    scene.showConstraintRegion = showConstraintRegion;
    scene.contours = contours;
    scene.optimizers.clear();
    for (const auto& path : snapshot->paths) {
        OptimizerSettings settings = path.settings;
        // The window keeps colours and follow flags itself; the scene holds them exactly as shown.
        if (const auto colour = colours.find(settings.id); colour != colours.end())
            settings.colour = rgbFromColour(colour->second);
        if (const auto follows = followsShared.find(settings.id); follows != followsShared.end())
            settings.followsSharedStart = follows->second;
        scene.optimizers.push_back(settings);
    }
    scene.sharedStart = sharedStart;
    scene.view = view;
    scene.views = views;
    scene.steps = snapshot->stepCount;
    scene.playing = snapshot->playing;
    scene.stepsPerSecond = snapshot->stepsPerSecond;
    scene.lesson = lesson;
    return scene;
}

ImU32 Session::nextPaletteColour() {
    constexpr int count = sizeof(kOptimizerPalette) / sizeof(kOptimizerPalette[0]);
    for (int tries = 0; tries < count; ++tries) {
        const ImU32 colour = paletteColour(coloursHanded++);
        if (std::none_of(colours.begin(), colours.end(), [&](const auto& c) { return c.second == colour; }))
            return colour;
    }
    return paletteColour(coloursHanded++);  // every palette colour is taken: repeat one
}

ImU32 Session::colourOf(int id) const {
    auto it = colours.find(id);
    // Palette colours follow the theme; a colour the user picked stays.
    return themedPathColour(it != colours.end() ? it->second : paletteColour(id - 1));
}

int Session::addOptimizer(const std::string& kind) {
    // The window counts its racers itself (colours holds one per racer, added or from the scene), so
    // a burst of clicks before the solver answers cannot pass the limit either.
    if (colours.size() >= limits::kMaxRacers) {
        say("a race has at most " + std::to_string(limits::kMaxRacers) + " racers, got " +
                std::to_string(colours.size() + 1) + "; remove one first",
            true);
        return 0;
    }
    OptimizerSettings settings = defaultSettings(kind, sharedStart);
    settings.id = nextId++;
    settings.followsSharedStart = true;
    colours[settings.id] = nextPaletteColour();
    followsShared[settings.id] = true;
    solver->post(command::AddOptimizer{settings});
    return settings.id;
}

void Session::removeOptimizer(int id) {
    solver->post(command::RemoveOptimizer{id});
    colours.erase(id);
    followsShared.erase(id);
    for (const char* perRacer : {"remove-", "colour-", "follow-"})
        controls.erase(perRacer + std::to_string(id));
}

void Session::moveStart(int id, const Vec2& start) {
    if (!followsShared[id]) {
        solver->post(command::SetStart{id, start});
        return;
    }
    sharedStart = start;
    for (const auto& [other, follows] : followsShared)
        if (follows) solver->post(command::SetStart{other, start});
}

void Session::setFollowsShared(int id, bool follows) {
    followsShared[id] = follows;
    if (follows) solver->post(command::SetStart{id, sharedStart});
}

bool Session::setFormula(const std::string& text, bool moveStarts) {
    std::shared_ptr<const Landscape> landscape;
    try {
        // Parsed and differentiated once; a typo leaves everything as it was.
        landscape = regularize(makeFormulaLandscape(text), regularization);
    } catch (const std::exception& e) {
        formulaError = e.what();
        return false;
    } catch (...) {
        formulaError = "cannot use this formula: an unknown error while reading it";
        return false;
    }
    formula = text;
    formulaError.clear();
    use(landscape, "formula", {}, moveStarts);
    return true;
}

bool Session::setRegularization(const Regularization& changed) {
    const Regularization previous = regularization;
    regularization = changed;
    if (setLandscape(landscapeName, landscapeParameters, false)) return true;
    regularization = previous;
    return false;
}

void Session::recordControl(const std::string& name) {
    const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    controls[name] = {int(min.x), int(min.y), int(size.x), int(size.y)};
}

void Session::say(std::string message, bool isError) {
    status = std::move(message);
    statusIsError = isError;
}

bool Session::setLandscape(const std::string& name, const std::map<std::string, double>& parameters,
                           bool moveStarts) {
    std::shared_ptr<const Landscape> landscape;
    try {
        landscape = landscapeFor(name == "formula" ? std::optional(formula) : std::nullopt, name, parameters,
                                 regularization);
    } catch (const std::exception& e) {
        say(e.what(), true);
        return false;
    } catch (...) {
        say("cannot use landscape '" + echoed(name) + "': an unknown error while building it", true);
        return false;
    }
    use(landscape, name, parameters, moveStarts);
    return true;
}

void Session::use(const std::shared_ptr<const Landscape>& landscape, const std::string& name,
                  const std::map<std::string, double>& parameters, bool moveStarts) {
    solver->post(command::SetLandscape{landscape});
    if (moveStarts) {
        // A new landscape opens on its own view, with every racer at its classic start point.
        view = landscape->displayBox();
        sharedStart = landscape->defaultStart();
        // Held for the loop: a range-for over snapshot()->paths would outlive the snapshot it reads.
        const auto current = solver->snapshot();
        for (const auto& path : current->paths)
            solver->post(command::SetStart{path.settings.id, sharedStart});
        solver->post(command::Reset{});
    }
    landscapeName = name;
    landscapeParameters = parameters;
}

}  // namespace gradscape
