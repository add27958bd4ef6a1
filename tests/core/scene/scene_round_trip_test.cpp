// Scenes as a property: any valid scene, saved and loaded again, is the same scene.

#include "view/camera.h"
#include "scene/scene_file.h"
#include "race/solver.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <random>

using namespace gradscape;
using nlohmann::json;

namespace {

class RandomScenes {
  public:
    explicit RandomScenes(unsigned seed) : random_(seed) {}

    Scene next() {
        Scene scene;
        const auto names = namedLandscapeNames();
        scene.landscape = names[index(names.size())];
        const auto landscape = makeLandscape(scene.landscape);
        for (const auto& p : landscape->parameters())
            if (chance(0.5)) scene.landscapeParameters[p.name] = uniform(p.minimum, p.maximum);
        if (chance(0.15)) {
            scene.landscape = "formula";
            scene.landscapeParameters.clear();
            scene.formula = chance(0.5) ? "x^2 + 3*y^2" : "(1 - x)^2 + 100*(y - x^2)^2";
        }
        scene.regularization = {chance(0.5) ? uniform(0, 100) : 0, chance(0.5) ? uniform(0, 100) : 0};
        scene.showConstraintRegion = chance(0.5);
        const int racers = static_cast<int>(index(7));
        std::vector<int> ids;
        for (int i = 0; i < racers; ++i) {
            int id = 1 + static_cast<int>(index(50));
            while (std::find(ids.begin(), ids.end(), id) != ids.end())
                id = 1 + static_cast<int>(index(50));
            ids.push_back(id);
            scene.optimizers.push_back(racer(id));
        }
        if (chance(0.7)) scene.sharedStart = point();
        scene.view = {uniform(-10, 0), uniform(0.5, 10), uniform(-10, 0), uniform(0.5, 10)};
        ViewSettings& v = scene.views;
        v.mode = std::array{ViewMode::Contour, ViewMode::Surface, ViewMode::Both}[index(3)];
        v.logHeight = chance(0.5);
        v.plots = chance(0.5);
        v.stepByStepId = chance(0.5) && !ids.empty() ? ids[index(ids.size())] : 0;
        v.camera = {uniform(-6, 6),         uniform(kMinPitch, kMaxPitch), uniform(kMinDistance, kMaxDistance),
                    uniform(-1, 1),         uniform(-1, 1),                uniform(0, 1),
                    uniform(0.05, 3)};
        v.overlays = {chance(0.5), chance(0.5), chance(0.5), chance(0.5), chance(0.5), point()};
        Presentation& p = v.presentation;
        p.uiScale = 1 + 0.25 * static_cast<double>(index(9));
        p.theme = std::array{Theme::Dark, Theme::HighContrast, Theme::ColourBlindSafe}[index(3)];
        p.panelsHidden = chance(0.5);
        p.fullscreen = chance(0.5);
        scene.steps = static_cast<int>(index(5000));
        scene.playing = chance(0.5);
        scene.stepsPerSecond = uniform(kMinStepsPerSecond, 1000);
        if (chance(0.5))
            scene.lesson = {"Lesson " + std::to_string(index(100)), "Watch \"the\" valley, then κ.", "η < 2/λ",
                            {"Raise κ.", "Tick momentum, \\ and see."}};
        return scene;
    }

  private:
    OptimizerSettings racer(int id) {
        const auto& catalog = optimizerCatalog();
        OptimizerSettings s = defaultSettings(catalog[index(catalog.size())].name, point());
        s.id = id;
        s.enabled = chance(0.8);
        s.followsSharedStart = chance(0.5);
        if (chance(0.5)) s.colour = static_cast<std::uint32_t>(random_() & 0xffffff);
        const char* labels[] = {"", "", "baseline", "GD (η=0.095)", "with, comma \"and quotes\"", "ünïcode κ"};
        s.label = labels[index(std::size(labels))];
        Hyperparameters& h = s.hyperparameters;
        for (const auto& spec : hyperparameterSpecs())
            if (chance(0.5)) {
                // Strictly inside every range (open ends), full 17-digit doubles.
                const double hi = std::min(spec.maximum, 10.0);
                h.*spec.field = spec.minimum + (hi - spec.minimum) * uniform(1e-6, 1 - 1e-6);
            }
        h.batchSize = 1 + static_cast<int>(index(64));
        h.memory = 1 + static_cast<int>(index(kMaxMemory));
        h.seed = random_() * (chance(0.5) ? 1ull : 1ull << 32);
        h.biasCorrection = chance(0.5);
        h.epsilonInsideSqrt = chance(0.5);
        h.lookAhead = chance(0.5);
        h.lineSearch = chance(0.5);
        h.dampeningFollowsMomentum = chance(0.5);
        const char* schedules[] = {"constant", "step:17:0.3", "exp:0.999", "inv:0.01", "cosine:500:0.0001", "warmup:20"};
        h.schedule = parseSchedule(schedules[index(std::size(schedules))]);
        if (chance(0.3)) h.schedule.gamma = uniform(0.01, 1);
        return s;
    }

    Vec2 point() { return {uniform(-5, 5), uniform(-5, 5)}; }
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(random_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
    size_t index(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random_); }

    std::mt19937_64 random_;
};

}  // namespace

TEST_CASE("property: any valid scene, saved and loaded again, is the same scene") {
    RandomScenes scenes(20261202);
    for (int trial = 0; trial < 400; ++trial) {
        const Scene scene = scenes.next();
        CAPTURE(trial);
        const std::string text = sceneToJson(scene).dump(2);
        Scene loaded;
        REQUIRE_NOTHROW(loaded = sceneFromText(text));
        CHECK(loaded == scene);
        if (!(loaded == scene)) {
            // Say which part differs, so a failure points at the field.
            CHECK(sceneToJson(loaded).dump(2) == text);
            break;
        }
        // Saved again, the file is the same text: nothing drifts.
        CHECK(sceneToJson(loaded).dump(2) == text);
    }
}

TEST_CASE("a racer's colour, label and follow flag, and the shared start, are saved and read back") {
    Scene scene;
    scene.landscape = "quadratic";
    OptimizerSettings adam = defaultSettings("adam", {1, 1}), adamw = defaultSettings("adamw", {1, 1});
    adam.id = 1, adamw.id = 2;
    adam.colour = 0xcc79a7;  // pink
    adamw.colour = 0xe69f00;  // orange
    adam.label = "Adam, lecture form";
    adam.followsSharedStart = false;
    scene.optimizers = {adam, adamw};
    scene.sharedStart = Vec2(1, 1);
    const json j = sceneToJson(scene);
    CHECK(j["optimizers"][0]["colour"] == "#cc79a7");
    CHECK(j["optimizers"][1]["colour"] == "#e69f00");
    CHECK(j["optimizers"][0]["label"] == "Adam, lecture form");
    CHECK(j["optimizers"][0]["followsSharedStart"] == false);
    CHECK(j["optimizers"][1]["followsSharedStart"] == true);
    CHECK(j["sharedStart"] == json::array({1.0, 1.0}));
    const Scene loaded = sceneFromJson(j);
    CHECK(loaded.optimizers[0].colour == 0xcc79a7u);
    CHECK(loaded.optimizers[1].colour == 0xe69f00u);
    CHECK_FALSE(loaded.optimizers[0].followsSharedStart);
    CHECK(loaded.optimizers[1].followsSharedStart);
    CHECK(loaded == scene);
}

TEST_CASE("a short lesson file leaves colours unset, and a racer follows the shared start when it starts there") {
    const Scene scene = sceneFromText(R"({"format": "gradscape-scene", "version": 1,
        "landscape": {"name": "quadratic"},
        "optimizers": [{"kind": "gd", "start": [1, 1]}, {"kind": "gd", "start": [1, 1]},
                       {"kind": "adam", "start": [-1, 0.5]}]})");
    REQUIRE(scene.optimizers.size() == 3);
    for (const auto& racer : scene.optimizers) {
        CHECK_FALSE(racer.colour.has_value());
        CHECK(racer.label.empty());
    }
    CHECK(scene.optimizers[0].followsSharedStart);
    CHECK(scene.optimizers[1].followsSharedStart);
    CHECK_FALSE(scene.optimizers[2].followsSharedStart);
    CHECK_FALSE(scene.sharedStart.has_value());

    // With a shared start of its own, the racers there follow it.
    const Scene shared = sceneFromText(R"({"format": "gradscape-scene", "version": 1,
        "landscape": {"name": "quadratic"}, "sharedStart": [-1, 0.5],
        "optimizers": [{"kind": "gd", "start": [1, 1]}, {"kind": "adam", "start": [-1, 0.5],
                        "followsSharedStart": false}]})");
    CHECK_FALSE(shared.optimizers[0].followsSharedStart);
    CHECK_FALSE(shared.optimizers[1].followsSharedStart);  // said so itself
    CHECK(shared.sharedStart == Vec2(-1, 0.5));
}

TEST_CASE("a bad colour, label or follow flag is refused with its JSON pointer") {
    auto refusal = [](const std::string& racer) {
        try {
            sceneFromText(R"({"format": "gradscape-scene", "version": 1, "landscape": {"name": "quadratic"},
                             "optimizers": [)" + racer + "]}");
        } catch (const SceneError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK(refusal(R"({"kind": "gd", "colour": "pink"})") ==
          "/optimizers/0/colour: expected a colour as #rrggbb (six hex digits), got 'pink'");
    CHECK(refusal(R"({"kind": "gd", "colour": 13400487})") == "/optimizers/0/colour: expected a string, got number");
    CHECK(refusal(R"({"kind": "gd", "label": 3})") == "/optimizers/0/label: expected a string, got number");
    CHECK(refusal(R"({"kind": "gd", "followsSharedStart": "yes"})") ==
          "/optimizers/0/followsSharedStart: expected true or false, got string");
}
