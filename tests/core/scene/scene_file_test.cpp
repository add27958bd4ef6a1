#include "scene/scene_file.h"
#include "support/scene_refusal.h"
#include "support/test_files.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <cstdlib>
#include <fstream>

using namespace gradscape;
using gradscape::testing::freshFolder;
using nlohmann::json;

using gradscape::testing::refusal;
using gradscape::testing::refusalOf;

namespace {

// A scene with every field away from its default, doubles that need all 17 digits.
Scene richScene() {
    Scene scene;
    scene.landscape = "quadratic";
    scene.landscapeParameters = {{"kappa", 12.345678901234567}, {"theta", 0.1}};
    scene.regularization = {0.1 + 0.2, 0.05};
    scene.showConstraintRegion = true;
    scene.contours = ContourSource::DataLoss;
    OptimizerSettings gd = defaultSettings("gd", {1.0 / 3.0, -2.0 / 7.0});
    gd.id = 4;
    gd.hyperparameters.learningRate = 0.123456789012345678;
    gd.hyperparameters.schedule.kind = Schedule::Kind::Cosine;
    gd.hyperparameters.schedule.period = 321;
    gd.hyperparameters.schedule.minimumRate = 1e-5;
    gd.hyperparameters.lineSearch = true;
    OptimizerSettings adam = defaultSettings("adam", {-1.5, 2.25});
    adam.id = 9;
    adam.enabled = false;
    adam.hyperparameters.biasCorrection = false;
    adam.hyperparameters.epsilonInsideSqrt = true;
    adam.hyperparameters.weightDecay = 0.01;
    adam.hyperparameters.seed = 18446744073709551615ull;
    adam.hyperparameters.batchSize = 7;
    adam.hyperparameters.memory = 3;
    scene.optimizers = {gd, adam};
    scene.view = {-2.5, 3.1, -1.0 / 3.0, 2.0};
    scene.views.mode = ViewMode::Both;
    scene.views.logHeight = true;
    scene.views.plots = false;
    scene.views.stepByStepId = 9;
    scene.views.camera = {0.3, 1.1, 5.5, 0.1, -0.2, 0.4, 0.9};
    scene.views.overlays = {true, true, false, true, true, Vec2(0.7, -0.3)};
    scene.views.presentation.uiScale = 2.25;
    scene.views.presentation.theme = Theme::ColourBlindSafe;
    scene.views.presentation.panelsHidden = true;
    scene.views.presentation.fullscreen = true;
    scene.steps = 123;
    scene.playing = true;
    scene.stepsPerSecond = 240;
    scene.lesson = {"Ill-conditioning",
                    "GD zig-zags across the valley.",
                    "κ = λ_max / λ_min, η < 2/λ_max",
                    {"Raise κ to 50.", "Switch on momentum: β = 0.9."}};
    scene.maps.shown = true;
    scene.maps.kind = MapKind::Parameters;
    scene.maps.racerId = 2;
    scene.maps.allRacers = true;
    scene.maps.x = {"lr", 1e-4, 0.3, true};
    scene.maps.y = {"momentum", 0, 0.95, false};
    scene.maps.size = 96;
    scene.maps.steps = 400;
    scene.maps.tolerance = 1.0 / 3.0 * 1e-3;
    scene.maps.colouring = MapColouring::Rate;
    return scene;
}

}  // namespace

TEST_CASE("a scene's map settings are checked as they are read") {
    const auto refusal = [](const std::string& maps) {
        const std::string text = "{\"format\": \"gradscape-scene\", \"version\": 1, \"landscape\": {\"name\": \"quadratic\"}, \"maps\": " + maps + "}";
        try {
            sceneFromText(text);
        } catch (const SceneError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(refusal(R"({"kind": "volcano"})").find("/maps/kind: unknown map 'volcano' (one of: basins, params)") == 0);
    CHECK(refusal(R"({"size": 0})").find("/maps/size") == 0);
    CHECK(refusal(R"({"x": {"name": "lr", "min": 0, "max": 1, "log": true}})").find("/maps/x/min") == 0);
    CHECK(refusal(R"({"colouring": "heat"})").find("/maps/colouring") == 0);
    CHECK(refusal(R"({"shown": true, "pizza": 1})").find("/maps/pizza: unknown key") == 0);
    CHECK(refusal(R"({"shown": true, "kind": "basins"})") == "accepted");
}

TEST_CASE("a saved scene loads back equal in every field") {
    const Scene scene = richScene();
    const std::string path = freshFolder("scene").string() + "/rich.json";
    saveScene(path, scene);
    const Scene loaded = loadScene(path);
    CHECK(loaded.landscape == scene.landscape);
    CHECK(loaded.landscapeParameters == scene.landscapeParameters);
    CHECK(loaded.regularization == scene.regularization);
    REQUIRE(loaded.optimizers.size() == 2);
    CHECK(loaded.optimizers[0] == scene.optimizers[0]);
    CHECK(loaded.optimizers[1] == scene.optimizers[1]);
    CHECK(loaded.optimizers[0].hyperparameters.schedule == scene.optimizers[0].hyperparameters.schedule);
    CHECK(loaded.view == scene.view);
    CHECK(loaded.views.camera == scene.views.camera);
    CHECK(loaded.views.overlays == scene.views.overlays);
    CHECK(loaded.views == scene.views);
    CHECK(loaded.lesson == scene.lesson);
    CHECK(loaded.steps == 123);
    CHECK(loaded.playing);
    CHECK(loaded == scene);
    // Saving what was loaded writes the same bytes.
    CHECK(sceneToJson(loaded).dump() == sceneToJson(scene).dump());
}

TEST_CASE("a typed formula and the default scene round-trip") {
    Scene scene = defaultScene();
    CHECK(sceneFromJson(sceneToJson(scene)) == scene);
    scene.formula = "x^2 + 3*sin(y)";
    scene.landscape = "formula";
    CHECK(sceneFromJson(sceneToJson(scene)) == scene);
}

TEST_CASE("a short hand-written scene takes the defaults for what it leaves out") {
    const Scene scene = sceneFromText(R"({"format": "gradscape-scene", "version": 1,
        "landscape": {"name": "himmelblau"},
        "optimizers": [{"kind": "adam", "hyperparameters": {"lr": 0.1}}, {"kind": "nesterov"}]})");
    const auto himmelblau = makeLandscape("himmelblau");
    CHECK(scene.view == himmelblau->displayBox());
    REQUIRE(scene.optimizers.size() == 2);
    CHECK(scene.optimizers[0].id == 1);
    CHECK(scene.optimizers[1].id == 2);
    CHECK(scene.optimizers[0].start == himmelblau->defaultStart());
    CHECK(scene.optimizers[0].hyperparameters.learningRate == 0.1);
    CHECK(scene.optimizers[0].hyperparameters.beta2 == 0.999);
    CHECK(scene.optimizers[1].hyperparameters == optimizerInfo("nesterov").defaults);
    CHECK(scene.lesson.empty());
    CHECK(scene.contours == ContourSource::Total);  // files from before the switch keep their picture
}

TEST_CASE("a file cut short anywhere is refused as truncated or with its line and column") {
    const std::string text = sceneToJson(richScene()).dump(2);
    int truncated = 0;
    for (size_t length = 0; length < text.size(); length += 7) {
        CAPTURE(length);
        const std::string message = refusal(text.substr(0, length));
        CHECK(message != "(accepted)");
        if (message.find("truncated") != std::string::npos) ++truncated;
        const bool located =
            message.find("line ") != std::string::npos || message.find("empty") != std::string::npos;
        CHECK(located);
    }
    CHECK(truncated > 100);
}

TEST_CASE("a JSON syntax error is reported at its line and column") {
    const std::string message = refusal("{\n  \"format\": \"gradscape-scene\",\n  \"version\": 1,,\n}");
    CHECK(message.find("line 3, column 16") != std::string::npos);
    CHECK(message.find("syntax error") != std::string::npos);
}

TEST_CASE("wrong format, missing format and a future version are refused by name") {
    json j = sceneToJson(richScene());
    j["format"] = "something-else";
    CHECK(refusalOf(j).find("/format: expected \"gradscape-scene\", got \"something-else\"") !=
          std::string::npos);
    j.erase("format");
    CHECK(refusalOf(j).find("/format: missing") != std::string::npos);
    j = sceneToJson(richScene());
    j["version"] = 2;
    const std::string future = refusalOf(j);
    CHECK(future.find("/version: the file is version 2, but this gradscape reads version 1") !=
          std::string::npos);
    j["version"] = "1";
    CHECK(refusalOf(j).find("/version: expected a whole number") != std::string::npos);
    CHECK(refusal("[1, 2]").find("expected a scene object, got array") != std::string::npos);
}

TEST_CASE("each bad field is refused with its JSON path and the reason") {
    struct Case {
        std::string pointer;
        json value;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"/optimizers/1/hyperparameters/lr", -1,
         "/optimizers/1/hyperparameters/lr: learning rate must be in (0, 1000], got -1"},
        {"/optimizers/0/hyperparameters/lr", "fast",
         "/optimizers/0/hyperparameters/lr: expected a number, got string"},
        {"/optimizers/0/hyperparameters/lr", 1e308 * 10,
         "/optimizers/0/hyperparameters/lr: expected a number, got null"},
        {"/optimizers/0/hyperparameters/beta1", 1.0,
         "/optimizers/0/hyperparameters/beta1: beta1 must be in [0, 1)"},
        {"/optimizers/0/hyperparameters/batchSize", 0,
         "/optimizers/0/hyperparameters/batchSize: must be in [1, 1000000], got 0"},
        {"/optimizers/0/hyperparameters/memory", 2.5,
         "/optimizers/0/hyperparameters/memory: expected a whole number, got 2.5"},
        {"/optimizers/0/hyperparameters/schedule/kind", "zigzag",
         "/optimizers/0/hyperparameters/schedule/kind: unknown schedule 'zigzag'"},
        {"/optimizers/0/hyperparameters/schedule/period", 0,
         "/optimizers/0/hyperparameters/schedule/period: must be in [1,"},
        {"/optimizers/0/hyperparameters/learningrate", 0.1,
         "/optimizers/0/hyperparameters/learningrate: unknown key (allowed here: lr, "},
        {"/optimizers/1/kind", "no-such-optimizer", "/optimizers/1/kind: unknown optimizer 'no-such-optimizer'"},
        {"/optimizers/1/id", 4, "/optimizers/1/id: id 4 is already used by /optimizers/0"},
        {"/optimizers/0/start", json::array({1}), "/optimizers/0/start: expected [x, y], got 1 numbers"},
        {"/optimizers/0/enabled", "yes", "/optimizers/0/enabled: expected true or false, got string"},
        {"/optimizers", json::object(), "/optimizers: expected a list, got object"},
        {"/landscape/name", "banana", "/landscape/name: unknown landscape 'banana'"},
        {"/regularization/contours", "penalty",
         "/regularization/contours: expected \"total\" or \"data\", got \"penalty\""},
        {"/landscape/parameters/kappa", 1e5, "/landscape/parameters/kappa: "},
        {"/landscape/parameters/colour", 3,
         "/landscape/parameters/colour: quadratic: unknown parameter 'colour'"},
        {"/landscape/formula", "x^2 + * y", "/landscape/formula: "},
        {"/regularization/l1", -0.5, "/regularization/l1: must be in [0, 100], got -0.5"},
        {"/view/xMax", -10, "/view: xMin must be less than xMax"},
        {"/views/mode", "hologram", "/views/mode: unknown view 'hologram'"},
        {"/views/camera/pitch", 3, "/views/camera/pitch: must be in [0.05, 1.5], got 3"},
        {"/views/overlays/taylorCentre/1", "a",
         "/views/overlays/taylorCentre/1: expected a number, got string"},
        {"/views/presentation/uiScale", 4, "/views/presentation/uiScale: must be in [1, 3], got 4"},
        {"/views/presentation/theme", "neon", "/views/presentation/theme: unknown theme 'neon'"},
        {"/race/steps", -1, "/race/steps: must be in [0, 1000000], got -1"},
        {"/race/stepsPerSecond", 0, "/race/stepsPerSecond: must be in [1, 1e6], got 0"},
        {"/lesson/tryThis/1", 5, "/lesson/tryThis/1: expected a string, got number"},
        {"/colour", "red", "/colour: unknown key (allowed here: format, version, lesson"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.pointer);
        json j = sceneToJson(richScene());
        if (c.pointer == "/landscape/formula") j["landscape"]["parameters"] = json::object();
        j[json::json_pointer(c.pointer)] = c.value;
        const std::string message = refusalOf(j);
        CAPTURE(message);
        CHECK(message.find(c.message) != std::string::npos);
    }
    // A typo in a formula is placed by its character.
    json j = sceneToJson(richScene());
    j["landscape"] = {{"name", "formula"}, {"formula", "x^2 + * y"}};
    CHECK(refusalOf(j).find("(at position") != std::string::npos);
    j = sceneToJson(richScene());
    j.erase("landscape");
    CHECK(refusalOf(j).find("/landscape: missing") != std::string::npos);
}

TEST_CASE("a missing or unreadable file is refused with its path") {
    const std::string dir = freshFolder("scene").string();
    try {
        loadScene(dir + "/none.json");
        FAIL("a missing file was accepted");
    } catch (const SceneError& e) {
        CHECK(std::string(e.what()).find(dir + "/none.json: cannot open") == 0);
    }
    std::ofstream(dir + "/bad.json") << "{\"format\": \"gradscape-scene\", \"version\": 1, \"landscape\": ";
    try {
        loadScene(dir + "/bad.json");
        FAIL("a truncated file was accepted");
    } catch (const SceneError& e) {
        CHECK(std::string(e.what()).find(dir + "/bad.json: the JSON ends too early at line 1") == 0);
    }
}
