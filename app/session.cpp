#include "session.h"

#include "landscapes/formula_landscape.h"
#include "optimizers/parameter_optimizer.h"
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

// What the solver gets of a racer: the window keeps its colour and follow flag in RaceState only.
void withoutPresentation(OptimizerSettings& settings) {
    settings.colour.reset();
    settings.followsSharedStart = false;
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

Session::Session(const Scene& scene, std::shared_ptr<const Problem> problem) {
    replaceScene(scene, std::move(problem));
}

void Session::replaceScene(const Scene& scene, std::shared_ptr<const Problem> given) {
    // Everything that can refuse the scene runs first, so a refusal changes nothing.
    if (scene.optimizers.size() > limits::kMaxRacers)
        throw std::invalid_argument("a race has at most " + std::to_string(limits::kMaxRacers) + " racers, got " +
                                    std::to_string(scene.optimizers.size()));
    auto landscape = landscapeFor(scene);
    std::shared_ptr<const Problem> problem = given;
    if (!problem && scene.problem) problem = makeProblem(*scene.problem);
    // The racers' colours and follow flags are kept once, in RaceState, where the window changes them.
    std::vector<OptimizerSettings> racers = scene.optimizers;
    for (OptimizerSettings& settings : racers)
        withoutPresentation(settings);
    // Room for the scene's steps: a race opened at a million steps can still play on.
    const int maxSteps = maxStepsFor(racers.size(), scene.steps);
    auto replacement = problem ? std::make_unique<Solver>(problem, scene.plane, racers, maxSteps)
                               : std::make_unique<Solver>(landscape, racers, maxSteps);
    if (publishListener_) replacement->setPublishListener(publishListener_);
    if (scene.sharpnessEvery > 0) replacement->post(command::SetSharpness{scene.sharpnessEvery});

    solver_ = std::move(replacement);
    requested_ = {};  // the new solver analyses nothing until asked
    race_ = {};
    race_.landscapeName = scene.formula.empty() ? scene.landscape : "formula";
    race_.landscapeParameters = scene.landscapeParameters;
    race_.formula = scene.formula;
    race_.regularization = scene.regularization;
    race_.lesson = scene.lesson;
    race_.problem = scene.problem;
    race_.plane = scene.plane;
    fittedPlane_ = nullptr;
    showConstraintRegion = scene.showConstraintRegion;
    contours = scene.contours;
    viewBox = scene.view;
    viewSettings = scene.views;
    maps = scene.maps;
    layout.drag = {};
    inputErrors.clear();
    // The new solver's snapshots and errors count from zero again.
    solverErrorsSeen = 0;
    std::erase_if(layout.controls, [](const auto& entry) {
        for (const char* perRacer : {"remove-", "colour-", "follow-"})
            if (entry.first.rfind(perRacer, 0) == 0) return true;
        return false;
    });
    race_.sharedStart = scene.sharedStart.value_or(scene.optimizers.empty() ? landscape->defaultStart()
                                                                            : scene.optimizers.front().start);
    // A racer's own colour and follow flag are kept exactly; one without a colour takes the next palette
    // colour that no racer has already.
    for (const auto& settings : scene.optimizers)
        if (settings.colour) race_.colours[settings.id] = colourFromRgb(*settings.colour);
    for (const auto& settings : scene.optimizers) {
        if (!settings.colour) race_.colours[settings.id] = nextPaletteColour();
        race_.followsShared[settings.id] = settings.followsSharedStart;
        race_.nextId = std::max(race_.nextId, settings.id + 1);
    }
    setSpeed(scene.stepsPerSecond);
    if (scene.steps > 0) step(scene.steps);
    if (scene.playing) play();
}

std::shared_ptr<const Snapshot> Session::snapshot() const {
    requestAnalyses();
    auto latest = solver_->snapshot();
    fitPlane(*latest);
    return latest;
}

void Session::fitPlane(const Snapshot& latest) const {
    // A network's plane is made anew as its paths change: the contour view opens on the new plane's box.
    if (!latest.problem || latest.landscape == fittedPlane_) return;
    fittedPlane_ = latest.landscape;
    const_cast<Session*>(this)->viewBox = latest.landscape->displayBox();
}

bool Session::setProblem(const ProblemSpec& spec) {
    std::shared_ptr<const NetworkProblem> problem;
    try {
        problem = makeProblem(spec);
        // Every racer must be able to train it: refused here, with the kind named, rather than by the solver.
        for (const auto& path : solver_->snapshot()->paths)
            (void)makeParameterOptimizer(path.settings.kind, path.settings.hyperparameters);
    } catch (const std::exception& e) {
        say(e.what(), true);
        return false;
    }
    solver_->post(command::SetPlane{race_.plane});
    solver_->post(command::SetProblem{problem});
    race_.problem = spec;
    fittedPlane_ = nullptr;
    return true;
}

void Session::setPlane(const PlaneSettings& plane) {
    race_.plane = plane;
    solver_->post(command::SetPlane{plane});
}

std::shared_ptr<const Snapshot> Session::sync() const {
    requestAnalyses();
    auto latest = solver_->sync();
    fitPlane(*latest);
    return latest;
}

AnalysisRequest Session::analyses() const {
    const Overlays& overlays = viewSettings.overlays;
    const int explained = layout.stepByStepShown ? viewSettings.stepByStepId : 0;
    return {true, viewSettings.plots, overlays.stepParts, explained};
}

void Session::requestAnalyses() const {
    const AnalysisRequest wanted = analyses();
    if (wanted == requested_) return;
    solver_->post(command::SetAnalyses{wanted});
    requested_ = wanted;
}

void Session::setPublishListener(std::function<void()> listener) {
    publishListener_ = listener;
    solver_->setPublishListener(std::move(listener));
}

void Session::play() {
    solver_->post(command::Play{});
}

void Session::pause() {
    solver_->post(command::Pause{});
}

void Session::togglePlay() {
    if (solver_->snapshot()->playing)
        pause();
    else
        play();
}

void Session::step(int count) {
    solver_->post(command::Step{count});
}

void Session::reset() {
    solver_->post(command::Reset{});
}

void Session::setSpeed(double stepsPerSecond) {
    solver_->post(command::SetSpeed{stepsPerSecond});
}

void Session::setLinearized(int id, bool linearized) {
    solver_->post(command::SetLinearized{id, linearized});
}

void Session::setSharpnessEvery(int every) {
    solver_->post(command::SetSharpness{every});
}

void Session::setEnabled(int id, bool enabled) {
    solver_->post(command::SetEnabled{id, enabled});
}

void Session::setHyperparameters(int id, const Hyperparameters& hyperparameters) {
    solver_->post(command::SetHyperparameters{id, hyperparameters});
}

void Session::setColour(int id, ImU32 colour) {
    race_.colours[id] = colour;
}

bool Session::followsShared(int id) const {
    const auto follows = race_.followsShared.find(id);
    return follows != race_.followsShared.end() && follows->second;
}

bool Session::startDragged(int id) const {
    const int dragged = layout.drag.startId;
    return dragged == id || (dragged != 0 && followsShared(dragged) && followsShared(id));
}

Scene Session::toScene() const {
    const auto snapshot = solver_->snapshot();
    Scene scene;
    scene.landscape = race_.landscapeName;
    scene.landscapeParameters = race_.landscapeParameters;
    scene.formula = race_.landscapeName == "formula" ? race_.formula : "";
    scene.regularization = race_.regularization;
    scene.showConstraintRegion = showConstraintRegion;
    scene.contours = contours;
    scene.optimizers.clear();
    for (const auto& path : snapshot->paths) {
        OptimizerSettings settings = path.settings;
        // The solver's settings carry no colour or follow flag: the scene takes them from RaceState.
        if (const auto colour = race_.colours.find(settings.id); colour != race_.colours.end())
            settings.colour = rgbFromColour(colour->second);
        if (const auto follows = race_.followsShared.find(settings.id); follows != race_.followsShared.end())
            settings.followsSharedStart = follows->second;
        scene.optimizers.push_back(settings);
    }
    scene.sharedStart = race_.sharedStart;
    scene.view = viewBox;
    scene.views = viewSettings;
    scene.maps = maps;
    scene.problem = race_.problem;
    scene.plane = race_.plane;
    scene.sharpnessEvery = snapshot->sharpnessEvery;
    scene.steps = snapshot->stepCount;
    scene.playing = snapshot->playing;
    scene.stepsPerSecond = snapshot->stepsPerSecond;
    scene.lesson = race_.lesson;
    return scene;
}

ImU32 Session::nextPaletteColour() {
    constexpr int count = sizeof(kOptimizerPalette) / sizeof(kOptimizerPalette[0]);
    for (int tries = 0; tries < count; ++tries) {
        const ImU32 colour = paletteColour(race_.coloursHanded++);
        if (std::none_of(race_.colours.begin(), race_.colours.end(),
                         [&](const auto& c) { return c.second == colour; }))
            return colour;
    }
    return paletteColour(race_.coloursHanded++);  // every palette colour is taken: repeat one
}

ImU32 Session::colourOf(int id) const {
    auto it = race_.colours.find(id);
    // Palette colours follow the theme; a colour the user picked stays.
    return themedPathColour(it != race_.colours.end() ? it->second : paletteColour(id - 1));
}

int Session::addOptimizer(const std::string& kind) {
    // The window counts its racers itself (colours holds one per racer, added or from the scene), so
    // a burst of clicks before the solver answers cannot pass the limit either.
    if (race_.colours.size() >= limits::kMaxRacers) {
        say("a race has at most " + std::to_string(limits::kMaxRacers) + " racers, got " +
                std::to_string(race_.colours.size() + 1) + "; remove one first",
            true);
        return 0;
    }
    OptimizerSettings settings = defaultSettings(kind, race_.sharedStart);
    settings.id = race_.nextId++;
    withoutPresentation(settings);
    race_.colours[settings.id] = nextPaletteColour();
    race_.followsShared[settings.id] = true;
    solver_->post(command::AddOptimizer{settings});
    return settings.id;
}

void Session::removeOptimizer(int id) {
    solver_->post(command::RemoveOptimizer{id});
    race_.colours.erase(id);
    race_.followsShared.erase(id);
    for (const char* perRacer : {"remove-", "colour-", "follow-"})
        layout.controls.erase(perRacer + std::to_string(id));
}

void Session::moveStart(int id, const Vec2& start) {
    if (!followsShared(id)) {
        solver_->post(command::SetStart{id, start});
        return;
    }
    moveSharedStart(start);
}

void Session::moveSharedStart(const Vec2& start) {
    race_.sharedStart = start;
    for (const auto& [other, follows] : race_.followsShared)
        if (follows) solver_->post(command::SetStart{other, start});
}

void Session::setFollowsShared(int id, bool follows) {
    race_.followsShared[id] = follows;
    if (follows) solver_->post(command::SetStart{id, race_.sharedStart});
}

bool Session::setFormula(const std::string& text, bool moveStarts) {
    std::shared_ptr<const Landscape> landscape;
    try {
        // Parsed and differentiated once; a typo leaves everything as it was.
        landscape = regularize(makeFormulaLandscape(text), race_.regularization);
    } catch (const std::exception& e) {
        race_.formulaError = e.what();
        return false;
    } catch (...) {
        race_.formulaError = "cannot use this formula: an unknown error while reading it";
        return false;
    }
    race_.formula = text;
    race_.formulaError.clear();
    use(landscape, "formula", {}, moveStarts);
    return true;
}

bool Session::setRegularization(const Regularization& changed) {
    const Regularization previous = race_.regularization;
    race_.regularization = changed;
    if (setLandscape(race_.landscapeName, race_.landscapeParameters, false)) return true;
    race_.regularization = previous;
    return false;
}

void Session::recordControl(const std::string& name) {
    const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    layout.controls[name] = {int(min.x), int(min.y), int(size.x), int(size.y)};
}

void Session::say(std::string message, bool isError) {
    status = std::move(message);
    statusIsError = isError;
}

bool Session::setLandscape(const std::string& name, const std::map<std::string, double>& parameters,
                           bool moveStarts) {
    std::shared_ptr<const Landscape> landscape;
    try {
        landscape = landscapeFor(name == "formula" ? std::optional(race_.formula) : std::nullopt, name,
                                 parameters, race_.regularization);
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
    solver_->post(command::SetLandscape{landscape});
    const bool fromNetwork = race_.problem.has_value();
    race_.problem.reset();
    fittedPlane_ = nullptr;
    if (fromNetwork) viewBox = landscape->displayBox();
    if (moveStarts) {
        // A new landscape opens on its own view, with every racer at its classic start point.
        viewBox = landscape->displayBox();
        race_.sharedStart = landscape->defaultStart();
        // Held for the loop: a range-for over snapshot()->paths would outlive the snapshot it reads.
        const auto current = solver_->snapshot();
        for (const auto& path : current->paths)
            solver_->post(command::SetStart{path.settings.id, race_.sharedStart});
        reset();
    }
    race_.landscapeName = name;
    race_.landscapeParameters = parameters;
}

}  // namespace gradscape
