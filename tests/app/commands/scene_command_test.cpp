// The scene files through the real executable: `render --scene`, `run --scene`, the window's --scene,
// and every lesson in assets/lessons rendered.

#include "render/image.h"
#include "scene/scene_file.h"
#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

// GD with a chosen rate on a quadratic with kappa 10, and a disabled Adam that run must skip.
Scene quadraticScene() {
    Scene scene;
    scene.landscape = "quadratic";
    scene.landscapeParameters = {{"kappa", 10}};
    OptimizerSettings gd = defaultSettings("gd", {1.5, 1.0});
    gd.id = 1;
    gd.hyperparameters.learningRate = 0.05;
    OptimizerSettings adam = defaultSettings("adam", {1.5, 1.0});
    adam.id = 2;
    adam.enabled = false;
    scene.optimizers = {gd, adam};
    scene.view = makeLandscape("quadratic", scene.landscapeParameters)->displayBox();
    scene.steps = 20;
    return scene;
}

}  // namespace

TEST_CASE("run --scene races the scene's enabled optimizers with their own settings for its steps") {
    const std::string dir = temporaryDirectory("scene-run");
    const Scene scene = quadraticScene();
    saveScene(dir + "/q.json", scene);
    const CommandResult r = run(std::string(executable()) + " run --scene " + dir + "/q.json");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    const auto rows = lines(r.output);
    REQUIRE(rows.size() == 1 + 21);  // gd only, steps 0..20
    CHECK(rows[1] == "gd,1,Gradient descent,0,1.5,1,11.75");  // 0.5 (10 * 1.5^2 + 1^2)
    // The first step by hand: x1 = x0 - eta * grad f(x0) on the scene's landscape.
    const auto landscape = makeLandscape("quadratic", scene.landscapeParameters);
    const Vec2 x1 = Vec2(1.5, 1.0) - 0.05 * landscape->gradientAt({1.5, 1.0});
    char expected[120];
    std::snprintf(expected, sizeof expected, "gd,1,Gradient descent,1,%.17g,%.17g,", x1.x(), x1.y());
    CHECK(rows[2].rfind(expected, 0) == 0);
    // --steps overrides the scene's own; --lr overrides every optimizer's.
    const CommandResult longer =
        run(std::string(executable()) + " run --scene " + dir + "/q.json --steps 5 --lr 0.01");
    REQUIRE(longer.exitStatus == 0);
    const auto longerRows = lines(longer.output);
    REQUIRE(longerRows.size() == 1 + 6);
    const Vec2 slow = Vec2(1.5, 1.0) - 0.01 * landscape->gradientAt({1.5, 1.0});
    std::snprintf(expected, sizeof expected, "gd,1,Gradient descent,1,%.17g,%.17g,", slow.x(), slow.y());
    CHECK(longerRows[2].rfind(expected, 0) == 0);
}

TEST_CASE("render --scene draws the saved scene") {
    const std::string dir = temporaryDirectory("scene-render");
    Scene scene = quadraticScene();
    scene.views.mode = ViewMode::Both;
    saveScene(dir + "/q.json", scene);
    const CommandResult r = run(std::string(executable()) + " render --scene " + dir + "/q.json --out " +
                                dir + "/q.png --width 640 --height 400");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    const Image image = readPng(dir + "/q.png");
    CHECK(image.width == 640);
    CHECK(image.height == 400);
    CHECK(distinctColours(image) > 300);
    // Options that would contradict the scene are refused rather than silently ignored.
    const CommandResult both = run(std::string(executable()) + " render --scene " + dir +
                                   "/q.json --landscape beale --out " + dir + "/x.png");
    CHECK(both.exitStatus == 2);
    CHECK(both.output.find("excludes") != std::string::npos);
}

TEST_CASE("render --scene draws each racer in its saved colour") {
    const std::string dir = temporaryDirectory("scene-colours");
    Scene scene = quadraticScene();
    scene.optimizers[1].enabled = true;
    scene.optimizers[1].start = {-1.5, 1.0};
    scene.optimizers[0].colour = 0xff00ff;  // magenta and pure green: neither is in the palette nor viridis
    scene.optimizers[1].colour = 0x00ff00;
    saveScene(dir + "/coloured.json", scene);
    scene.optimizers[0].colour.reset();
    scene.optimizers[1].colour.reset();
    saveScene(dir + "/plain.json", scene);
    auto pixelsOf = [&](const std::string& name, std::array<int, 3> rgb) {
        const CommandResult r = run(std::string(executable()) + " render --scene " + dir + "/" + name +
                                    ".json --out " + dir + "/" + name + ".png --width 640 --height 400");
        REQUIRE(r.exitStatus == 0);
        const Image image = readPng(dir + "/" + name + ".png");
        int count = 0;
        for (size_t i = 0; i + 3 < image.rgba.size(); i += 4)
            count += std::abs(image.rgba[i] - rgb[0]) <= 8 && std::abs(image.rgba[i + 1] - rgb[1]) <= 8 &&
                     std::abs(image.rgba[i + 2] - rgb[2]) <= 8;
        return count;
    };
    CHECK(pixelsOf("coloured", {255, 0, 255}) > 100);
    CHECK(pixelsOf("coloured", {0, 255, 0}) > 100);
    CHECK(pixelsOf("plain", {255, 0, 255}) == 0);
    CHECK(pixelsOf("plain", {0, 255, 0}) == 0);
}

TEST_CASE("a corrupt scene exits with status 2 and says what and where, for run, render and the window") {
    const std::string dir = temporaryDirectory("scene-corrupt");
    const std::string bad = dir + "/bad.json";
    nlohmann::json j = sceneToJson(quadraticScene());
    j["optimizers"][0]["hyperparameters"]["lr"] = -1;
    std::ofstream(bad) << j.dump(2);
    const std::string truncated = dir + "/cut.json";
    std::ofstream(truncated) << j.dump(2).substr(0, 200);
    const std::string message =
        "/optimizers/0/hyperparameters/lr: learning rate must be in (0, 1000], got -1";
    for (const std::string& arguments :
         {" run --scene " + bad, " render --scene " + bad + " --out " + dir + "/x.png", " --scene " + bad}) {
        CAPTURE(arguments);
        const CommandResult r = run(std::string(executable()) + arguments);
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(bad + ": " + message) != std::string::npos);
        CHECK(lines(r.output).size() == 1);
    }
    const CommandResult cut = run(std::string(executable()) + " run --scene " + truncated);
    CHECK(cut.exitStatus == 2);
    CHECK(cut.output.find("truncated") != std::string::npos);
    CHECK(!std::filesystem::exists(dir + "/x.png"));
}

TEST_CASE("every lesson renders with its paths over the landscape") {
    const std::string dir = temporaryDirectory("lessons");
    int rendered = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(GRADSCAPE_ASSETS_DIR) + "/lessons")) {
        const std::string name = entry.path().stem().string();
        CAPTURE(name);
        const std::string out = dir + "/" + name + ".png";
        const CommandResult r = run(std::string(executable()) + " render --scene " + entry.path().string() +
                                    " --out " + out + " --width 800 --height 500");
        INFO(r.output);
        CHECK(r.exitStatus == 0);
        if (r.exitStatus != 0) continue;
        const Image image = readPng(out);
        CHECK(image.width == 800);
        CHECK(distinctColours(image) > 300);
        ++rendered;
    }
    CHECK(rendered >= 12);
}
