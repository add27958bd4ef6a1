// Scene files past their limits through the real executable (issue 11): each refused the way every
// corrupt scene is (status 2, one line naming the file and the place), never a crash.

#include "support/test_support.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace gradscape::testing;

namespace {

const char* kSceneStart =
    "{\"format\": \"gradscape-scene\", \"version\": 1,\n \"landscape\": {\"name\": \"quadratic\"}";

}  // namespace

TEST_CASE("run, render and the window refuse scenes past the limits with one line, and no crash") {
    const std::string dir = temporaryDirectory("scene-limits");
    struct Case {
        std::string file, text, message;
    };
    const std::string deep(70'000, '[');
    const Case cases[] = {
        // Nested 70,000 deep in "format": the release build used to overflow its stack here.
        {"deep.json", "{\"format\": " + deep + std::string(70'000, ']') + "}",
         "line 1, column 43: the JSON nests deeper than 32 levels"},
        {"huge-number.json", std::string(kSceneStart) + ",\n \"race\": {\"steps\": 1e400}}",
         "line 3, column 20: the number 1e400 is too large"},
        {"wide-view.json",
         std::string(kSceneStart) +
             ",\n \"view\": {\"xMin\": -1e308, \"xMax\": 1e308, \"yMin\": -1, \"yMax\": 1}}",
         "/view: xMin and xMax must be within [-1e+12, 1e+12], got -1e+308 and 1e+308"},
        {"future.json",
         "{\"format\": \"gradscape-scene\", \"version\": 18446744073709551615, \"landscape\": {\"name\": "
         "\"quadratic\"}}",
         "/version: the file is version 18446744073709551615, but this gradscape reads version 1"},
    };
    for (const Case& c : cases) {
        const std::string path = dir + "/" + c.file;
        std::ofstream(path) << c.text;
        for (const std::string& arguments :
             {" run --scene " + path, " render --scene " + path + " --out " + dir + "/x.png",
              " --scene " + path}) {
            CAPTURE(arguments);
            const CommandResult r = run(std::string(executable()) + arguments);
            CAPTURE(r.output.substr(0, 400));
            CHECK(r.exitStatus == 2);
            CHECK(r.output.find(path + ": " + c.message) != std::string::npos);
            CHECK(lines(r.output).size() == 1);
        }
    }
    CHECK(!std::filesystem::exists(dir + "/x.png"));
}
