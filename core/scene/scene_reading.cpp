// Reading a scene from JSON: every field checked, every refusal naming its JSON pointer. Counts (racers,
// parameters, prompts) are checked before any per-item work, so a refusal is as quick as the parse.
//
// [SECTION] index
//   readLesson            the lesson's texts and prompts
//   readLandscape         a named landscape and its parameters, or a typed formula
//   readSchedule          a learning-rate schedule
//   readHyperparameters   one racer's hyperparameters
//   readOptimizers        the racers (at most limits::kMaxRacers)
//   readView, readCamera, readViews   the region shown (checkViewBox), the 3D camera, the views
//   readVersion           "version" as written, whatever its JSON form
//   sceneFromJson         the whole scene, format and version first

#include "scene/scene_file.h"

#include "view/camera.h"
#include "landscapes/formula_landscape.h"
#include "support/input_limits.h"
#include "optimizers/optimizer_spec.h"
#include "scene/scene_json_reader.h"
#include "scene/scene_names.h"
#include "race/solver.h"
#include "view/view_box_check.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>
#include <sstream>

namespace gradscape {
namespace {

using nlohmann::json;
using scene_json::describe;
using scene_json::fail;
using scene_json::foreign;
using scene_json::ObjectReader;
using scene_json::shortNumber;

// --- reading -------------------------------------------------------------------------------------

Lesson readLesson(const json& j) {
    ObjectReader r(j, "/lesson", {"title", "explanation", "formula", "tryThis"});
    Lesson lesson;
    lesson.title = r.text("title", "");
    lesson.explanation = r.text("explanation", "");
    lesson.formula = r.text("formula", "");
    if (r.has("tryThis")) {
        const json& prompts = r.at("tryThis");
        if (!prompts.is_array())
            fail(r.pathOf("tryThis"), std::string("expected a list of strings, got ") + prompts.type_name());
        if (prompts.size() > kMaxLessonPrompts)
            fail(r.pathOf("tryThis"), "a lesson has at most " + std::to_string(kMaxLessonPrompts) +
                                          " prompts, got " + std::to_string(prompts.size()));
        for (size_t i = 0; i < prompts.size(); ++i)
            lesson.tryThis.push_back(
                scene_json::textAt(prompts[i], r.pathOf("tryThis") + "/" + std::to_string(i)));
    }
    return lesson;
}

// Reads the landscape into `scene` and returns it built (regularization not yet applied).
std::shared_ptr<const Landscape> readLandscape(const json& j, Scene& scene) {
    ObjectReader r(j, "/landscape", {"name", "parameters", "formula"});
    scene.formula = r.text("formula", "");
    if (!scene.formula.empty()) {
        scene.landscape = r.text("name", "formula");
        if (r.has("parameters") && !r.at("parameters").empty())
            fail(r.pathOf("parameters"), "a typed formula has no parameters");
        try {
            return makeFormulaLandscape(scene.formula);
        } catch (const std::exception& e) {  // a FormulaError, or whatever else the parser threw
            fail(r.pathOf("formula"), foreign(e.what()));
        } catch (...) {  // the parser libraries' own types (muparser's is no std::exception)
            fail(r.pathOf("formula"), "the formula could not be read");
        }
    }
    if (!r.required("name").is_string())
        fail(r.pathOf("name"), std::string("expected a string, got ") + r.at("name").type_name());
    scene.landscape = r.text("name", "");
    scene.landscapeParameters.clear();
    if (r.has("parameters")) {
        const json& parameters = r.at("parameters");
        if (!parameters.is_object())
            fail(r.pathOf("parameters"), std::string("expected an object, got ") + parameters.type_name());
        // Counted before any per-parameter work: reading 100,000 of them is what must not happen.
        if (parameters.size() > limits::kMaxLandscapeParameters)
            fail(r.pathOf("parameters"), "a landscape has at most " +
                                             std::to_string(limits::kMaxLandscapeParameters) +
                                             " parameters, got " + std::to_string(parameters.size()));
        std::vector<std::string> names;
        for (const auto& [key, value] : parameters.items())
            names.push_back(key);
        ObjectReader p(parameters, r.pathOf("parameters"), names);
        for (const auto& key : names)
            scene.landscapeParameters[key] = p.number(key, 0);
    }
    try {
        return makeLandscape(scene.landscape, scene.landscapeParameters);
    } catch (const std::invalid_argument& e) {
        // Point at the parameter the message names, if any; otherwise at the name.
        const std::string message = e.what();
        for (const auto& [key, value] : scene.landscapeParameters)
            if (message.find("'" + key + "'") != std::string::npos ||
                message.find(" " + key + " ") != std::string::npos)
                fail(scene_json::pointerTo(r.pathOf("parameters"), key), foreign(message));
        fail(r.pathOf(scene.landscapeParameters.empty() ||
                              message.find("unknown landscape") != std::string::npos
                          ? "name"
                          : "parameters"),
             foreign(message));
    }
}

Schedule readSchedule(const json& j, const std::string& path, const Schedule& fallback) {
    ObjectReader r(j, path, {"kind", "stepSize", "gamma", "decay", "period", "minimumRate", "warmupSteps"});
    Schedule s = fallback;
    if (r.has("kind")) {
        const std::string kind = r.text("kind", "");
        if (const auto value = valueNamed(kScheduleKinds, kind))
            s.kind = *value;
        else
            fail(r.pathOf("kind"),
                 "unknown schedule '" + shortened(kind) + "' (one of: " + nameList(kScheduleKinds) + ")");
    }
    const int maxInt = std::numeric_limits<int>::max();
    s.stepSize = static_cast<int>(r.integer("stepSize", s.stepSize, 1, maxInt));
    s.gamma = r.number("gamma", s.gamma);
    s.decay = r.number("decay", s.decay);
    s.period = static_cast<int>(r.integer("period", s.period, 1, maxInt));
    s.minimumRate = r.number("minimumRate", s.minimumRate);
    s.warmupSteps = static_cast<int>(r.integer("warmupSteps", s.warmupSteps, 1, maxInt));
    if (std::string complaint = validate(s); !complaint.empty()) {
        // Point at the field the complaint names ("schedule gamma must be in (0, 1], got 2").
        for (const auto& [words, key] : {std::pair{"step size", "stepSize"},
                                         {"gamma", "gamma"},
                                         {"decay", "decay"},
                                         {"period", "period"},
                                         {"minimum rate", "minimumRate"},
                                         {"warm-up steps", "warmupSteps"}})
            if (complaint.rfind(std::string("schedule ") + words + " ", 0) == 0 && r.has(key))
                fail(r.pathOf(key), foreign(complaint));
        fail(path, foreign(complaint));
    }
    return s;
}

Hyperparameters readHyperparameters(const json& j, const std::string& path, const Hyperparameters& defaults) {
    std::vector<std::string> keys;
    for (const auto& spec : hyperparameterSpecs())
        keys.push_back(spec.name);
    for (const char* key : {"batchSize", "memory", "seed", "biasCorrection", "epsilonInsideSqrt", "lookAhead",
                            "lineSearch", "schedule", "dampeningFollowsMomentum"})
        keys.push_back(key);
    ObjectReader r(j, path, keys);
    Hyperparameters h = defaults;
    for (const auto& spec : hyperparameterSpecs()) {
        h.*spec.field = r.number(spec.name, h.*spec.field);
        if (std::string complaint = checkHyperparameter(spec, h.*spec.field); !complaint.empty())
            fail(r.pathOf(spec.name), foreign(complaint));
    }
    h.batchSize = static_cast<int>(r.integer("batchSize", h.batchSize, 1, kMaxBatchSize));
    h.memory = static_cast<int>(r.integer("memory", h.memory, 1, kMaxMemory));
    if (r.has("seed")) {
        // Unsigned 64 bits: only an unsigned integer holds them all (nlohmann reads every integer
        // written without a minus sign as one).
        const json& seed = r.at("seed");
        if (!seed.is_number_unsigned())
            fail(r.pathOf("seed"),
                 "expected a whole number in [0, 18446744073709551615], got " + describe(seed));
        h.seed = seed.get<std::uint64_t>();
    }
    h.biasCorrection = r.boolean("biasCorrection", h.biasCorrection);
    h.epsilonInsideSqrt = r.boolean("epsilonInsideSqrt", h.epsilonInsideSqrt);
    h.lookAhead = r.boolean("lookAhead", h.lookAhead);
    h.dampeningFollowsMomentum = r.boolean("dampeningFollowsMomentum", h.dampeningFollowsMomentum);
    h.lineSearch = r.boolean("lineSearch", h.lineSearch);
    if (r.has("schedule")) h.schedule = readSchedule(r.at("schedule"), r.pathOf("schedule"), h.schedule);
    return h;
}

// Reads the racers; `followGiven[i]` says whether racer i says itself whether it follows the shared start.
std::vector<OptimizerSettings> readOptimizers(const json& j, const Landscape& landscape,
                                              std::vector<bool>& followGiven) {
    if (!j.is_array()) fail("/optimizers", std::string("expected a list, got ") + j.type_name());
    if (j.size() > limits::kMaxRacers)
        fail("/optimizers", "a race has at most " + std::to_string(limits::kMaxRacers) + " racers, got " +
                                std::to_string(j.size()));
    std::vector<OptimizerSettings> optimizers;
    std::map<int, size_t> seen;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string path = "/optimizers/" + std::to_string(i);
        ObjectReader r(j[i], path,
                       {"id", "kind", "label", "colour", "enabled", "start", "followsSharedStart",
                        "linearized", "hyperparameters"});
        OptimizerSettings s;
        if (!r.required("kind").is_string())
            fail(r.pathOf("kind"), std::string("expected a string, got ") + r.at("kind").type_name());
        s.kind = r.text("kind", "");
        const OptimizerInfo* info = nullptr;
        try {
            info = &optimizerInfo(s.kind);
            s.kind = info->name;  // an alias reads as the kind's own name
        } catch (const std::invalid_argument& e) {
            fail(r.pathOf("kind"), foreign(e.what()));
        }
        s.id = static_cast<int>(r.integer("id", static_cast<long long>(i) + 1, 1, 1'000'000));
        if (auto [it, inserted] = seen.emplace(s.id, i); !inserted)
            fail(r.pathOf("id"), "id " + std::to_string(s.id) + " is already used by /optimizers/" +
                                     std::to_string(it->second));
        s.label = r.text("label", "");
        if (r.has("colour")) {
            try {
                s.colour = parseColour(r.text("colour", ""));
            } catch (const std::invalid_argument& e) {
                fail(r.pathOf("colour"), foreign(e.what()));
            }
        }
        s.enabled = r.boolean("enabled", true);
        s.start = r.point("start", landscape.defaultStart());
        followGiven.push_back(r.has("followsSharedStart"));
        s.followsSharedStart = r.boolean("followsSharedStart", false);
        s.linearized = r.boolean("linearized", false);
        s.hyperparameters =
            r.has("hyperparameters")
                ? readHyperparameters(r.at("hyperparameters"), r.pathOf("hyperparameters"), info->defaults)
                : info->defaults;
        try {
            makeOptimizer(s.kind, s.hyperparameters);  // whatever the field checks missed
        } catch (const std::invalid_argument& e) {
            fail(r.pathOf("hyperparameters"), foreign(e.what()));
        }
        optimizers.push_back(s);
    }
    return optimizers;
}

ViewBox readView(const json& j, const ViewBox& fallback) {
    ObjectReader r(j, "/view", {"xMin", "xMax", "yMin", "yMax"});
    ViewBox box{r.number("xMin", fallback.xMin), r.number("xMax", fallback.xMax),
                r.number("yMin", fallback.yMin), r.number("yMax", fallback.yMax)};
    if (std::string complaint = checkViewBox(box); !complaint.empty()) fail("/view", complaint);
    return box;
}

OrbitCamera readCamera(const json& j, const std::string& path) {
    ObjectReader r(j, path, {"yaw", "pitch", "distance", "target", "fieldOfView"});
    OrbitCamera c;
    // The window keeps the yaw in [-pi, pi]; a hand-written scene may wind it a few turns, not 1e300.
    c.yaw = r.numberIn("yaw", c.yaw, -1000, 1000, "[-1000, 1000]");
    c.pitch = r.numberIn("pitch", c.pitch, kMinPitch, kMaxPitch, "[0.05, 1.5]");
    c.distance = r.numberIn("distance", c.distance, kMinDistance, kMaxDistance, "[0.6, 12]");
    c.fieldOfView = r.numberIn("fieldOfView", c.fieldOfView, 0.05, 3, "[0.05, 3]");
    if (r.has("target")) {
        const json& t = r.at("target");
        if (!t.is_array() || t.size() != 3) fail(r.pathOf("target"), "expected [x, y, z]");
        double* fields[] = {&c.targetX, &c.targetY, &c.targetZ};
        for (int i = 0; i < 3; ++i) {
            const std::string where = r.pathOf("target") + "/" + std::to_string(i);
            if (!t[i].is_number()) fail(where, std::string("expected a number, got ") + t[i].type_name());
            *fields[i] = t[i].get<double>();
            // The window pans the target at most this far; further out the camera math overflows.
            if (!(std::abs(*fields[i]) <= kMaxTargetOffset))
                fail(where, "must be in [-" + shortNumber(kMaxTargetOffset) + ", " +
                                shortNumber(kMaxTargetOffset) + "], got " + shortNumber(*fields[i]));
        }
    }
    return c;
}

MapAxis readMapAxis(const json& j, const std::string& path) {
    ObjectReader r(j, path, {"name", "min", "max", "log"});
    MapAxis a;
    a.name = r.text("name", "");
    a.min = r.number("min", 0);
    a.max = r.number("max", 1);
    a.log = r.boolean("log", false);
    // An unnamed axis takes the racer's default; a named one must be a range the map can sample.
    if (!a.name.empty() && !(a.min < a.max)) fail(path + "/max", "must be above min");
    if (!a.name.empty() && a.log && !(a.min > 0)) fail(path + "/min", "must be above 0 on a log axis");
    return a;
}

// /problem: a network's spec (checked field by field, then by validate) and its plane.
ProblemSpec readProblem(const json& j, PlaneSettings& plane, int& sharpnessEvery) {
    ObjectReader r(j, "/problem", {"layers", "activation", "loss", "data", "probe", "seed", "plane", "sharpnessEvery"});
    ProblemSpec spec;
    if (r.has("layers")) {
        const json& layers = r.at("layers");
        if (!layers.is_array()) fail(r.pathOf("layers"), std::string("expected an array, got ") + layers.type_name());
        if (layers.size() > static_cast<std::size_t>(limits::kMaxNetworkLayers) + 1)
            fail(r.pathOf("layers"), "at most " + std::to_string(limits::kMaxNetworkLayers + 1) + " sizes");
        spec.layers.clear();
        for (std::size_t i = 0; i < layers.size(); ++i)
            spec.layers.push_back(static_cast<int>(
                scene_json::wholeNumber(layers[i], r.pathOf("layers") + "/" + std::to_string(i), 1, limits::kMaxLayerWidth)));
    }
    auto named = [&](const char* key, auto& table, auto& value) {
        const std::string text = r.text(key, nameOf(table, value));
        if (const auto found = valueNamed(table, text))
            value = *found;
        else
            fail(r.pathOf(key), "unknown " + std::string(key) + " '" + shortened(text) + "' (one of: " + nameList(table) + ")");
    };
    named("activation", kActivationNames, spec.activation);
    if (r.has("data")) {
        ObjectReader d(r.at("data"), r.pathOf("data"), {"kind", "samples", "noise", "seed", "features"});
        const std::string kind = d.text("kind", nameOf(kDatasetKindNames, spec.data.kind));
        if (const auto found = valueNamed(kDatasetKindNames, kind))
            spec.data.kind = *found;
        else
            fail(d.pathOf("kind"), "unknown data set '" + shortened(kind) + "' (one of: " + nameList(kDatasetKindNames) + ")");
        spec.data.samples = static_cast<int>(d.integer("samples", spec.data.samples, 1, limits::kMaxSamples));
        spec.data.noise = d.numberIn("noise", spec.data.noise, 0, 10, "[0, 10]");
        spec.data.seed = static_cast<std::uint64_t>(d.integer("seed", 0, 0, std::numeric_limits<long long>::max()));
        spec.data.features = static_cast<int>(d.integer("features", spec.data.features, 1, limits::kMaxLayerWidth));
    }
    // The loss defaults as on the command line: bce for a classification set, mse for a regression one.
    spec.loss = isClassification(spec.data.kind) ? Loss::Bce : Loss::Mse;
    named("loss", kLossNames, spec.loss);
    spec.probe = r.boolean("probe", false);
    spec.seed = static_cast<std::uint64_t>(r.integer("seed", 0, 0, std::numeric_limits<long long>::max()));
    if (const std::vector<std::string> why = validate(spec); !why.empty()) fail("/problem", why.front());
    sharpnessEvery = static_cast<int>(r.integer("sharpnessEvery", 0, 0, kMaxSharpnessEvery));
    if (r.has("plane")) {
        ObjectReader p(r.at("plane"), r.pathOf("plane"), {"kind", "seed"});
        const std::string kind = p.text("kind", nameOf(kPlaneKindNames, plane.kind));
        if (const auto found = valueNamed(kPlaneKindNames, kind))
            plane.kind = *found;
        else
            fail(p.pathOf("kind"), "unknown plane '" + shortened(kind) + "' (one of: " + nameList(kPlaneKindNames) + ")");
        plane.seed = static_cast<std::uint64_t>(p.integer("seed", 1, 0, std::numeric_limits<long long>::max()));
    }
    return spec;
}

MapSettings readMaps(const json& j) {
    ObjectReader r(j, "/maps", {"shown", "kind", "racerId", "allRacers", "x", "y", "size", "steps", "tolerance", "colouring"});
    MapSettings m;
    m.shown = r.boolean("shown", false);
    const std::string kind = r.text("kind", nameOf(kMapKinds, m.kind));
    if (const auto value = valueNamed(kMapKinds, kind))
        m.kind = *value;
    else
        fail(r.pathOf("kind"), "unknown map '" + shortened(kind) + "' (one of: " + nameList(kMapKinds) + ")");
    m.racerId = static_cast<int>(r.integer("racerId", 0, 0, 1'000'000));
    m.allRacers = r.boolean("allRacers", false);
    if (r.has("x")) m.x = readMapAxis(r.at("x"), r.pathOf("x"));
    if (r.has("y")) m.y = readMapAxis(r.at("y"), r.pathOf("y"));
    m.size = static_cast<int>(r.integer("size", m.size, 1, kMaxMapSide));
    m.steps = static_cast<int>(r.integer("steps", 0, 0, kMaxStepsLimit));
    m.tolerance = r.numberIn("tolerance", m.tolerance, 1e-300, 1e6, "(0, 1e6]");
    const std::string colouring = r.text("colouring", nameOf(kMapColourings, m.colouring));
    if (const auto value = valueNamed(kMapColourings, colouring))
        m.colouring = *value;
    else
        fail(r.pathOf("colouring"),
             "unknown colouring '" + shortened(colouring) + "' (one of: " + nameList(kMapColourings) + ")");
    return m;
}

ViewSettings readViews(const json& j) {
    ObjectReader r(j, "/views",
                   {"mode", "logHeight", "plots", "stepByStepId", "camera", "overlays", "presentation"});
    ViewSettings v;
    if (r.has("mode")) {
        const std::string mode = r.text("mode", "");
        if (const auto value = valueNamed(kViewModes, mode))
            v.mode = *value;
        else
            fail(r.pathOf("mode"),
                 "unknown view '" + shortened(mode) + "' (one of: " + nameList(kViewModes) + ")");
    }
    v.logHeight = r.boolean("logHeight", v.logHeight);
    v.plots = r.boolean("plots", v.plots);
    v.stepByStepId = static_cast<int>(r.integer("stepByStepId", 0, 0, 1'000'000));
    if (r.has("camera")) v.camera = readCamera(r.at("camera"), r.pathOf("camera"));
    if (r.has("overlays")) {
        std::vector<std::string> keys;
        for (const OverlayName& overlay : kOverlayNames)
            keys.emplace_back(overlay.key);
        keys.emplace_back("taylorCentre");
        ObjectReader o(r.at("overlays"), r.pathOf("overlays"), keys);
        for (const OverlayName& overlay : kOverlayNames)
            v.overlays.*overlay.field = o.boolean(overlay.key, false);
        v.overlays.taylorCentre = o.point("taylorCentre", Vec2::Zero());
    }
    if (r.has("presentation")) {
        // The help window is not saved: a scene opens on the views, not on a list of keys.
        ObjectReader p(r.at("presentation"), r.pathOf("presentation"),
                       {"uiScale", "theme", "panelsHidden", "fullscreen"});
        Presentation& presentation = v.presentation;
        presentation.uiScale =
            p.numberIn("uiScale", 1, Presentation::kMinUiScale, Presentation::kMaxUiScale, "[1, 3]");
        if (p.has("theme")) {
            const std::string theme = p.text("theme", "");
            if (const auto value = valueNamed(kThemes, theme))
                presentation.theme = *value;
            else
                fail(p.pathOf("theme"),
                     "unknown theme '" + shortened(theme) + "' (one of: " + nameList(kThemes) + ")");
        }
        presentation.panelsHidden = p.boolean("panelsHidden", false);
        presentation.fullscreen = p.boolean("fullscreen", false);
    }
    return v;
}

// Refuses any version but 1..kSceneVersion, showing the value as written (2^64 - 1 is not -1).
void readVersion(const json& version) {
    const bool whole =
        version.is_number_integer() ||
        (version.is_number_float() && version.get<double>() == std::floor(version.get<double>()));
    if (!whole) fail("/version", "expected a whole number, got " + describe(version));
    // As a double, every integer JSON holds compares correctly with 1 and kSceneVersion.
    const double value = version.get<double>();
    if (value > kSceneVersion)
        fail("/version", "the file is version " + describe(version) + ", but this gradscape reads version " +
                             std::to_string(kSceneVersion) + " (written by a newer gradscape?)");
    if (value < 1) fail("/version", "unsupported version " + describe(version));
}

}  // namespace

Scene sceneFromJson(const json& j) {
    if (!j.is_object()) fail("/", std::string("expected a scene object, got ") + j.type_name());
    // Format and version first: a file of another kind or a newer gradscape is named as such.
    if (!j.contains("format")) fail("/format", std::string("missing; not a ") + kSceneFormat + " file");
    const json& format = j.at("format");
    if (!format.is_string() || format.get_ref<const std::string&>() != kSceneFormat)
        fail("/format", std::string("expected \"") + kSceneFormat + "\", got " + describe(format));
    if (!j.contains("version")) fail("/version", "missing");
    readVersion(j.at("version"));

    ObjectReader r(j, "",
                   {"format", "version", "lesson", "landscape", "regularization", "optimizers", "sharedStart",
                    "view", "views", "race", "maps", "problem"});
    Scene scene;
    scene.optimizers.clear();
    if (r.has("lesson")) scene.lesson = readLesson(r.at("lesson"));
    const std::shared_ptr<const Landscape> base = readLandscape(r.required("landscape"), scene);
    if (r.has("regularization")) {
        ObjectReader g(r.at("regularization"), "/regularization",
                       {"l2", "l1", "showConstraintRegion", "contours"});
        scene.regularization.l2 = g.numberIn("l2", 0, 0, kMaxRegularization, "[0, 100]");
        scene.regularization.l1 = g.numberIn("l1", 0, 0, kMaxRegularization, "[0, 100]");
        scene.showConstraintRegion = g.boolean("showConstraintRegion", false);
        const std::string contours = g.text("contours", nameOf(kContourSources, ContourSource::Total));
        if (const auto source = valueNamed(kContourSources, contours))
            scene.contours = *source;
        else
            fail("/regularization/contours",
                 "expected \"" + std::string(nameOf(kContourSources, ContourSource::Total)) + "\" or \"" +
                     nameOf(kContourSources, ContourSource::DataLoss) + "\", got \"" + shortened(contours) +
                     "\"");
    }
    const std::shared_ptr<const Landscape> landscape = regularize(base, scene.regularization);
    std::vector<bool> followGiven;
    if (r.has("optimizers")) scene.optimizers = readOptimizers(r.at("optimizers"), *landscape, followGiven);
    if (r.has("sharedStart") && !r.at("sharedStart").is_null())
        scene.sharedStart = r.point("sharedStart", Vec2::Zero());
    // A racer that does not say follows the shared start when it starts there (as lessons are written).
    const Vec2 shared = scene.sharedStart.value_or(
        scene.optimizers.empty() ? landscape->defaultStart() : scene.optimizers.front().start);
    for (size_t i = 0; i < scene.optimizers.size(); ++i)
        if (!followGiven[i]) scene.optimizers[i].followsSharedStart = scene.optimizers[i].start == shared;
    scene.view = r.has("view") ? readView(r.at("view"), landscape->displayBox()) : landscape->displayBox();
    if (r.has("views")) scene.views = readViews(r.at("views"));
    if (r.has("maps")) scene.maps = readMaps(r.at("maps"));
    if (r.has("problem")) scene.problem = readProblem(r.at("problem"), scene.plane, scene.sharpnessEvery);
    if (r.has("race")) {
        ObjectReader race(r.at("race"), "/race", {"steps", "playing", "stepsPerSecond"});
        scene.steps = static_cast<int>(race.integer("steps", 0, 0, kMaxStepsLimit));
        // Every racer keeps each step it has taken: the opening race must fit the stored-iterate budget.
        const std::size_t racers = scene.optimizers.size();
        if (racers * static_cast<std::size_t>(scene.steps) > limits::kMaxStoredIterates)
            fail("/race/steps", "a race keeps at most " + std::to_string(limits::kMaxStoredIterates) +
                                    " iterates (racers x steps), got " + std::to_string(racers) +
                                    " racers x " + std::to_string(scene.steps) + " steps");
        scene.playing = race.boolean("playing", false);
        scene.stepsPerSecond = race.numberIn("stepsPerSecond", scene.stepsPerSecond, kMinStepsPerSecond,
                                             kMaxStepsPerSecond, "[1, 1e6]");
    } else {
        scene.playing = false;
    }
    return scene;
}

}  // namespace gradscape
