#include "test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gradscape::testing;

namespace {
std::string gradscapeCommand(const std::string& arguments) {
    return std::string(executable()) + " " + arguments;
}
}  // namespace

TEST_CASE("--help explains every subcommand") {
    const CommandResult help = run(gradscapeCommand("--help"));
    CHECK(help.exitStatus == 0);
    for (const char* word : {"render", "bench", "--state-file", "--screenshot-dir"})
        CHECK(help.output.find(word) != std::string::npos);
    const CommandResult renderHelp = run(gradscapeCommand("render --help"));
    CHECK(renderHelp.exitStatus == 0);
    for (const char* word : {"--landscape", "--optimizer", "--steps", "--start", "--lr", "--out", "--width",
                             "--height", "rosenbrock", "himmelblau"})
        CHECK(renderHelp.output.find(word) != std::string::npos);
    CHECK(run(gradscapeCommand("bench --help")).output.find("--json") != std::string::npos);
}

TEST_CASE("bad arguments exit with status 2 and say what is wrong") {
    const std::string out = " --out " + temporaryDirectory("cli") + "/x.png";
    struct Case {
        std::string arguments, message;
    };
    for (const Case& c : std::vector<Case>{
             {"render --landscape banana" + out, "unknown landscape 'banana'"},
             {"render --optimizer gd,lion" + out, "unknown optimizer 'lion'"},
             {"render --lr -1" + out, "learning rate must be in (0, 1000], got -1"},
             {"render --start 1:2" + out, "expected two finite numbers as X,Y"},
             {"render --start 1,nan" + out, "expected two finite numbers as X,Y"},
             {"render --steps -5" + out, "--steps must be in [0, 1000000]"},
             {"render --width 3" + out, "image size must be between 16 and 16384"},
             {"render", "--out is required"},
             {"frobnicate", "frobnicate"},
         }) {
        CAPTURE(c.arguments);
        const CommandResult r = run(gradscapeCommand(c.arguments));
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(c.message) != std::string::npos);
    }
}

TEST_CASE("bench --json reports every figure the closing notes need") {
    const CommandResult r = run(gradscapeCommand("bench --json --no-window"));
    REQUIRE(r.exitStatus == 0);
    const auto figures = nlohmann::json::parse(r.output);
    for (const char* name : {"quadratic", "rosenbrock", "himmelblau", "beale", "saddle"})
        CHECK(figures["grid_512x512_ms"][name].get<double>() > 0);
    CHECK(figures["recompute_three_1000_step_paths_ms"].get<double>() > 0);
    CHECK(figures["solver_answer_three_1000_step_paths_ms"].get<double>() > 0);
    for (const char* name : {"gd", "momentum", "adam"})
        CHECK(figures["steps_per_second"][name].get<double>() > 0);
    CHECK(figures["headless_frames_per_second_1280x800"].get<double>() > 0);
}
