// Scene files at and past their limits (issue 11): nesting, size, numbers too large, view boxes, counts of
// parameters and racers, versions and integers in every JSON form, and values too long to echo.
#include "race/solver.h"
#include "scene/scene_file.h"
#include "support/input_limits.h"
#include "support/scene_refusal.h"
#include "support/test_files.h"
#include "view/view_box_check.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace gradscape;
using gradscape::testing::freshFolder;
using nlohmann::json;

using gradscape::testing::refusal;
using gradscape::testing::refusalOf;

namespace {


// A small valid scene to change one field of.
json plainScene() {
    return {{"format", "gradscape-scene"},
            {"version", 1},
            {"landscape", {{"name", "quadratic"}}},
            {"optimizers", json::array({{{"kind", "gd"}}})}};
}

std::string nested(size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

TEST_CASE("JSON nested 70,000 deep in format or version is refused at the limit, with its place") {
    for (const char* field : {"format", "version"}) {
        CAPTURE(field);
        const std::string text = std::string("{\n  \"") + field + "\": " + nested(70'000) + "\n}";
        const std::string message = refusal(text);
        CAPTURE(message.substr(0, 300));
        // The root object is level 1, so the 32nd bracket of line 2 (after `  "format": `) opens level 33.
        const size_t column = std::string(field).size() + 38;
        CHECK(message.find("line 2, column " + std::to_string(column)) != std::string::npos);
        CHECK(message.find("nests deeper than 32 levels") != std::string::npos);
        CHECK(message.size() < 200);
    }
    // At the limit the JSON is read, and the reader names the field without echoing the lists.
    json j = plainScene();
    const std::string deepest = nested(limits::kMaxJsonDepth - 1);
    std::string text = j.dump();
    text.replace(text.find("\"gradscape-scene\""), 17, deepest);
    const std::string message = refusal(text);
    CHECK(message == "/format: expected \"gradscape-scene\", got a list");
    text = j.dump();
    text.replace(text.find("\"version\":1"), 11, "\"version\":" + deepest);
    CHECK(refusal(text) == "/version: expected a whole number, got a list");
}

TEST_CASE("a number too large for a double names its line, column and value") {
    const std::string text =
        "{\"format\": \"gradscape-scene\", \"version\": 1,\n"
        "  \"landscape\": {\"name\": \"quadratic\",\n"
        "                \"parameters\": {\"kappa\": 1e400}}}";
    CHECK(refusal(text) ==
          "line 3, column 41: the number 1e400 is too large (numbers must be within ±1.8e308)");
    CHECK(refusal("[-1.5e99999]").find("line 1, column 2: the number -1.5e99999 is too large") == 0);
    // A file adds its path.
    const std::string path = freshFolder("limits").string() + "/huge.json";
    std::ofstream(path) << text;
    try {
        loadScene(path);
        FAIL("1e400 was accepted");
    } catch (const SceneError& e) {
        CHECK(std::string(e.what()) ==
              path +
                  ": line 3, column 41: the number 1e400 is too large (numbers must be "
                  "within ±1.8e308)");
    }
}

TEST_CASE("a syntax error says what is wrong in words, never echoing a long token") {
    CHECK(refusal("{\"format\": tru }") ==
          "JSON syntax error at line 1, column 15: invalid literal (while parsing value)");
    const std::string longString = "{\"format\": \"" + std::string(100'000, 'a') + "\n\"}";
    const std::string message = refusal(longString);
    CAPTURE(message.substr(0, 300));
    CHECK(message ==
          "JSON syntax error at line 1, column 100013: invalid string: control character U+000A (LF) must be "
          "escaped to \\u000A or \\n (while parsing value)");
    CHECK(message.size() < 400);
    CHECK(refusal("{\"a\": 1} x") ==
          "JSON syntax error at line 1, column 10: invalid literal; expected end of input (while parsing "
          "value)");
}

TEST_CASE("text past the size limit, and what is not a file, are refused before they are parsed") {
    std::string text = plainScene().dump();
    text.insert(text.size() - 1, std::string(limits::kMaxSceneFileBytes, ' '));
    CHECK(refusal(text) ==
          "the scene is " + std::to_string(text.size()) + " bytes; a scene file holds at most 4194304 bytes");
    const std::string path = freshFolder("limits").string() + "/large.json";
    std::ofstream(path) << text;
    CHECK_THROWS_WITH_AS(loadScene(path),
                         (path + ": too large for a scene file (more than 4194304 bytes)").c_str(),
                         SceneError);
    // What is not a regular file is refused before it is opened: a pipe would block, a device never end.
    const std::string folder = freshFolder("limits").string();
    CHECK_THROWS_WITH_AS(loadScene(folder), (folder + ": cannot open: it is a folder, not a file").c_str(),
                         SceneError);
    REQUIRE(mkfifo((folder + "/pipe").c_str(), 0600) == 0);
    CHECK_THROWS_WITH_AS(loadScene(folder + "/pipe"),
                         (folder + "/pipe: cannot open: not a regular file").c_str(), SceneError);
    CHECK_THROWS_WITH_AS(loadScene("/dev/zero"), "/dev/zero: cannot open: not a regular file", SceneError);
}

TEST_CASE("checkViewBox refuses what cannot be drawn and passes the rest") {
    CHECK(checkViewBox({-1, 1, -1, 1}).empty());
    CHECK(checkViewBox({1e12 - 2e3, 1e12, 0, 1}).empty());
    CHECK(checkViewBox({-1e-9, 0, 0, 1}).empty());
    CHECK(checkViewBox({-1e308, 1e308, -1, 1}) ==
          "xMin and xMax must be within [-1e+12, 1e+12], got -1e+308 and 1e+308");
    CHECK(checkViewBox({0, 5e-324, -1, 1}).find("the range from xMin to xMax is too narrow to draw") == 0);
    CHECK(checkViewBox({1e9, 1e9 + 1e-3, -1, 1}).find("too narrow") != std::string::npos);
    CHECK(checkViewBox({0, 1, 2, 1}) == "yMin must be less than yMax, got 2 and 1");
    CHECK(checkViewBox({0, 1, 0, std::nan("")}) == "yMin and yMax must be finite numbers, got 0 and nan");
    CHECK(checkViewBox({-INFINITY, 1, 0, 1}).find("xMin and xMax must be finite numbers") == 0);
}

TEST_CASE("a scene's view of [-1e308, 1e308] or [0, 5e-324] is refused at /view") {
    json j = plainScene();
    j["view"] = {{"xMin", -1e308}, {"xMax", 1e308}, {"yMin", -1}, {"yMax", 1}};
    CHECK(refusalOf(j) == "/view: xMin and xMax must be within [-1e+12, 1e+12], got -1e+308 and 1e+308");
    j["view"] = {{"xMin", -1}, {"xMax", 1}, {"yMin", 0}, {"yMax", 5e-324}};
    CHECK(refusalOf(j).find("/view: the range from yMin to yMax is too narrow to draw") == 0);
    // Points further out than any view are refused where they are.
    j = plainScene();
    j["optimizers"][0]["start"] = {1e300, 0};
    CHECK(refusalOf(j) == "/optimizers/0/start/0: must be in [-1e+12, 1e+12], got 1e+300");
    j = plainScene();
    j["views"] = {{"camera", {{"target", {0, 1e300, 0}}}}};
    CHECK(refusalOf(j) == "/views/camera/target/1: must be in [-2, 2], got 1e+300");
}

TEST_CASE("huge numbers are refused at the field that holds them") {
    json j = plainScene();
    j["views"] = {{"camera", {{"yaw", 1e300}}}};
    CHECK(refusalOf(j) == "/views/camera/yaw: must be in [-1000, 1000], got 1e+300");
    j = plainScene();
    j["landscape"]["parameters"] = {{"kappa", 1e300}};
    CHECK(refusalOf(j).find("/landscape/parameters/kappa: ") == 0);
    j = plainScene();
    j["optimizers"][0]["hyperparameters"] = {{"lr", 1e300}};
    CHECK(refusalOf(j).find("/optimizers/0/hyperparameters/lr: ") == 0);
    j["optimizers"][0]["hyperparameters"] = {{"schedule", {{"kind", "exp"}, {"gamma", 1e300}}}};
    CHECK(refusalOf(j).find(
              "/optimizers/0/hyperparameters/schedule/gamma: schedule gamma must be in (0, 1]") == 0);
}

TEST_CASE("100,000 landscape parameters are refused by their count, naming the limit") {
    json j = plainScene();
    json parameters = json::object();
    for (int i = 0; i < 100'000; ++i)
        parameters["p" + std::to_string(i)] = 1;
    j["landscape"]["parameters"] = parameters;
    CHECK(refusalOf(j) == "/landscape/parameters: a landscape has at most 64 parameters, got 100000");
    // 64 are counted through to the landscape's own check of their names.
    parameters = json::object();
    for (int i = 0; i < 64; ++i)
        parameters["p" + std::to_string(i)] = 1;
    j["landscape"]["parameters"] = parameters;
    CHECK(refusalOf(j).find("/landscape/parameters/p0: quadratic: unknown parameter 'p0'") == 0);
}

TEST_CASE("65 racers, steps past the solver's limit and past the stored-iterate budget are refused") {
    json j = plainScene();
    j["optimizers"] = json::array();
    for (size_t i = 0; i < limits::kMaxRacers; ++i)
        j["optimizers"].push_back({{"kind", "gd"}});
    CHECK(sceneFromJson(j).optimizers.size() == 64);
    j["optimizers"].push_back({{"kind", "gd"}});
    CHECK(refusalOf(j) == "/optimizers: a race has at most 64 racers, got 65");

    j = plainScene();
    j["race"] = {{"steps", kMaxStepsLimit + 1}};
    CHECK(refusalOf(j) == "/race/steps: must be in [0, 1000000], got 1000001");
    j["race"] = {{"steps", kMaxStepsLimit}};
    CHECK(sceneFromJson(j).steps == kMaxStepsLimit);
    j["optimizers"] = json::array();
    for (int i = 0; i < 21; ++i)
        j["optimizers"].push_back({{"kind", "gd"}});
    CHECK(refusalOf(j) ==
          "/race/steps: a race keeps at most 20000000 iterates (racers x steps), got 21 racers x "
          "1000000 steps");
}

TEST_CASE("a version is shown as written: 2^64 - 1, negative, fractional, beyond 64 bits") {
    const auto versionRefusal = [](const std::string& version) {
        std::string text = plainScene().dump();
        text.replace(text.find("\"version\":1"), 11, "\"version\":" + version);
        return refusal(text);
    };
    CHECK(versionRefusal("18446744073709551615") ==
          "/version: the file is version 18446744073709551615, but this gradscape reads version 1 (written "
          "by a "
          "newer gradscape?)");
    CHECK(versionRefusal("-1") == "/version: unsupported version -1");
    CHECK(versionRefusal("-9223372036854775808") == "/version: unsupported version -9223372036854775808");
    CHECK(versionRefusal("1.5") == "/version: expected a whole number, got 1.5");
    CHECK(versionRefusal("1e20").find("/version: the file is version 1e+20, but") == 0);
    CHECK(versionRefusal("\"1\"") == "/version: expected a whole number, got \"1\"");
    CHECK(versionRefusal("1.0") == "(accepted)");
}

TEST_CASE("whole numbers are read in every JSON form, refused ones shown as written") {
    json j = plainScene();
    j["optimizers"][0]["hyperparameters"] = {{"batchSize", 7.0}};
    CHECK(sceneFromJson(j).optimizers[0].hyperparameters.batchSize == 7);
    j["optimizers"][0]["hyperparameters"] = {{"batchSize", 18446744073709551615ull}};
    CHECK(refusalOf(j) ==
          "/optimizers/0/hyperparameters/batchSize: must be in [1, 1000000], got 18446744073709551615");
    j["optimizers"][0]["hyperparameters"] = {{"batchSize", 1e300}};
    CHECK(refusalOf(j) == "/optimizers/0/hyperparameters/batchSize: must be in [1, 1000000], got 1e+300");
    j["optimizers"][0]["hyperparameters"] = {{"batchSize", -5}};
    CHECK(refusalOf(j) == "/optimizers/0/hyperparameters/batchSize: must be in [1, 1000000], got -5");
    j["optimizers"][0]["hyperparameters"] = {{"seed", -1}};
    CHECK(refusalOf(j) ==
          "/optimizers/0/hyperparameters/seed: expected a whole number in [0, 18446744073709551615], got -1");
    j["optimizers"][0]["hyperparameters"] = {{"seed", 18446744073709551615ull}};
    CHECK(sceneFromJson(j).optimizers[0].hyperparameters.seed == 18446744073709551615ull);
}

TEST_CASE("values too long to echo are cut in every message, and keys in a pointer too") {
    const std::string longText(100'000, 'z');
    const std::string cut = std::string(limits::kMaxEchoedCharacters, 'z') + "…";
    json j = plainScene();
    j["format"] = longText;
    CHECK(refusalOf(j) == "/format: expected \"gradscape-scene\", got \"" + cut + "\"");
    j = plainScene();
    j[longText] = 1;
    CHECK(refusalOf(j).find("/" + cut + ": unknown key (allowed here: format,") == 0);
    for (const char* pointer : {"/optimizers/0/kind", "/landscape/name", "/optimizers/0/colour",
                                "/views/mode", "/views/presentation/theme", "/regularization/contours",
                                "/optimizers/0/hyperparameters/schedule/kind"}) {
        CAPTURE(pointer);
        j = plainScene();
        j[json::json_pointer(pointer)] = std::string(kMaxSceneTextCharacters, 'z');
        const std::string message = refusalOf(j);
        CAPTURE(message.substr(0, 300));
        CHECK(message.find(pointer) == 0);
        CHECK(message.find(cut) != std::string::npos);
        CHECK(message.size() < 1000);
    }
    j = plainScene();
    j["landscape"]["parameters"] = {{longText, 1}};
    const std::string message = refusalOf(j);
    CHECK(message.find("/landscape/parameters/" + cut + ": quadratic: unknown parameter '" + cut + "'") == 0);
    // A key with "/" and "~" is escaped in its pointer.
    j = plainScene();
    j["landscape"]["parameters"] = {{"a/b~c", 1}};
    CHECK(refusalOf(j).find("/landscape/parameters/a~1b~0c: ") == 0);
}

TEST_CASE("texts and prompts past their limits are refused at their place") {
    json j = plainScene();
    j["lesson"] = {{"explanation", std::string(kMaxSceneTextCharacters, 'e')}};
    CHECK(sceneFromJson(j).lesson.explanation.size() == kMaxSceneTextCharacters);
    j["lesson"] = {{"explanation", std::string(kMaxSceneTextCharacters + 1, 'e')}};
    CHECK(refusalOf(j) == "/lesson/explanation: a text has at most 4000 characters, got 4001");
    // Characters, not bytes: 4000 Greek letters are 8000 bytes.
    std::string greek;
    for (size_t i = 0; i < kMaxSceneTextCharacters; ++i)
        greek += "κ";
    j["lesson"] = {{"formula", greek}};
    CHECK(sceneFromJson(j).lesson.formula == greek);
    j["lesson"] = {{"tryThis", json::array({"a", std::string(5000, 'b')})}};
    CHECK(refusalOf(j) == "/lesson/tryThis/1: a text has at most 4000 characters, got 5000");
    j["lesson"] = {{"tryThis", json(std::vector<std::string>(33, "try"))}};
    CHECK(refusalOf(j) == "/lesson/tryThis: a lesson has at most 32 prompts, got 33");
    j = plainScene();
    j["optimizers"][0]["label"] = std::string(100'000, 'l');
    CHECK(refusalOf(j) == "/optimizers/0/label: a text has at most 4000 characters, got 100000");
}

TEST_CASE("a formula the parser cannot take is refused at /landscape/formula in a short message") {
    // 1141^11111 made muparser throw its own type (no std::exception) past the formula's checks.
    for (const char* formula : {"1141^11111", "x*1141^1111"}) {
        CAPTURE(formula);
        json j = plainScene();
        j["landscape"] = {{"name", "formula"}, {"formula", formula}};
        const std::string message = refusalOf(j);
        CAPTURE(message);
        CHECK(message.find("/landscape/formula: ") == 0);
        CHECK(message.size() < 300);
    }
}
