#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace gradscape::testing;

namespace {
std::string gradscapeCommand(const std::string& arguments) {
    return std::string(executable()) + " " + arguments;
}
}  // namespace

TEST_CASE("--help explains every subcommand") {
    const CommandResult help = run(gradscapeCommand("--help"));
    CHECK(help.exitStatus == 0);
    for (const char* word : {"render", "run", "analyze", "bench", "--state-file", "--screenshot-dir", "--param",
                             "--region", "--camera", "KIND[:KEY=VALUE,...]"})
        CHECK(help.output.find(word) != std::string::npos);
    const CommandResult renderHelp = run(gradscapeCommand("render --help"));
    CHECK(renderHelp.exitStatus == 0);
    for (const char* word : {"--landscape", "--optimizer", "--steps", "--start", "--lr", "--out", "--width",
                             "--height", "rosenbrock", "himmelblau", "--param", "colour=#rrggbb", "start=X;Y",
                             "--schedule", "--region", "--camera"})
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
             {"render --optimizer gd,no-such-optimizer" + out, "unknown optimizer 'no-such-optimizer'"},
             {"render --lr -1" + out, "learning rate must be in (0, 1000], got -1"},
             {"render --start 1:2" + out, "expected two finite numbers as X,Y"},
             {"render --start 1,nan" + out, "expected two finite numbers as X,Y"},
             {"render --steps -5" + out, "--steps: must be a whole number in [0, 1000000], got '-5'"},
             {"render --width 3" + out, "--width: must be a whole number in [16, 8192], got '3'"},
             {"render --overlays gradient,sparkles" + out, "sparkles not in"},
             {"render --taylor-centre 1" + out, "--taylor-centre: expected two finite numbers as X,Y"},
             {"render --probe 1,inf" + out, "--probe: expected two finite numbers as X,Y"},
             {"render", "--out is required"},
             {"frobnicate", "frobnicate"},
             {"--ui-scale 5", "--ui-scale"},
             {"--ui-scale 0.5", "--ui-scale"},
             {"--theme pink", "pink not in"},
         }) {
        CAPTURE(c.arguments);
        const CommandResult r = run(gradscapeCommand(c.arguments));
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(c.message) != std::string::npos);
    }
}

TEST_CASE("bench --json reports every figure the closing notes need") {
    const CommandResult r = run(gradscapeCommand("bench --json --no-window --quick"));
    REQUIRE(r.exitStatus == 0);
    const auto figures = nlohmann::json::parse(r.output);
    for (const char* name : {"quadratic", "rosenbrock", "himmelblau", "beale", "saddle"})
        CHECK(figures["grid_512x512_ms"][name].get<double>() > 0);
    CHECK(figures["recompute_three_1000_step_paths_ms"].get<double>() > 0);
    CHECK(figures["solver_answer_three_1000_step_paths_ms"].get<double>() > 0);
    for (const char* name : {"gd", "momentum", "adam"})
        CHECK(figures["steps_per_second"][name].get<double>() > 0);
    CHECK(figures["headless_frames_per_second_1280x800"].get<double>() > 0);
    CHECK(figures["headless_frames_per_second_1920x1080_both_views_eight_paths"].get<double>() > 0);
    CHECK(figures["grid_512x512_typed_formula_ms"].size() == 2);
    // The stable keys of issue 13, item 5.
    for (const char* name : {"contour_1280x800", "both_plots_1920x1080_playing", "both_plots_1920x1080_dragging",
                             "eight_1m_step_paths_1920x1080_playing"})
        CHECK(figures["frames_per_second"][name].get<double>() > 0);
    for (const char* part : {"contour", "surface", "paths", "plots", "ui"})
        CHECK(figures["frame_ms_split"][part].is_number());
    CHECK(figures["frame_ms_split"]["ui"].get<double>() > 0);
    CHECK(figures["snapshot_publish_ms_at_1m_steps"].get<double>() > 0);
    CHECK(figures["drag_answer_ms_at_1m_steps"].get<double>() > 0);
    // Issue 14's map figures (a 32x32 map under --quick).
    CHECK(figures["map_basins_512_gd_himmelblau_1000_steps_ms"].get<double>() > 0);
    CHECK(figures["map_steps_per_second"].get<double>() > 0);
    CHECK(figures["map_first_coarse_picture_ms"].get<double>() > 0);
    // Issue 15's network figures (20 steps and a 16x16 plane under --quick).
    CHECK(figures["network_steps_per_second"].get<double>() > 0);
    CHECK(figures["network_plane_128_seconds"].get<double>() > 0);
    REQUIRE(figures.contains("idle_cpu_share"));
    CHECK(figures["idle_cpu_share"].is_null());  // --no-window measures no window
}

TEST_CASE("run prints CSV: the exact header, one row per iterate from step 0, 17 significant digits") {
    const CommandResult r = runData("--landscape rosenbrock --optimizer gd,momentum,adam --steps 5");
    REQUIRE(r.exitStatus == 0);
    const auto rows = lines(r.output);
    REQUIRE(rows.size() == 1 + 3 * 6);
    CHECK(rows[0] == "optimizer,id,label,step,x,y,loss");
    CHECK(rows[1] == "gd,1,Gradient descent,0,-1.2,1,24.199999999999996");
    // x1 = -1.2 - 1e-3 * (-215.6) = -0.9844, printed with 17 significant digits.
    CHECK(rows[2] == "gd,1,Gradient descent,1,-0.98439999999999994,1.0880000000000001,5.3529115800089642");
    CHECK(rows[7].rfind("momentum,2,Momentum (heavy ball),0,", 0) == 0);
    CHECK(rows[18].rfind("adam,3,Adam,5,", 0) == 0);
}

TEST_CASE("run --expr races on a typed formula with exact derivatives") {
    const CommandResult r = runData("--expr 'x^2 + 3*y^2' --optimizer newton --steps 1 --start 1,1");
    REQUIRE(r.exitStatus == 0);
    const auto rows = lines(r.output);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1] == "newton,1,Newton,0,1,1,4");
    CHECK(rows[2] == "newton,1,Newton,1,0,0,0");  // Newton: one exact step to the minimum of a quadratic
}

TEST_CASE("run --format json holds the same data as an object per optimizer") {
    const std::string out = temporaryDirectory("run-json") + "/race.json";
    const CommandResult r = runData(
        "--landscape quadratic --optimizer newton,bfgs --steps 3 --start 1,-2 "
        "--format json --out " +
        out);
    REQUIRE(r.exitStatus == 0);
    CHECK(r.output.empty());
    std::ifstream in(out);
    const auto document = nlohmann::json::parse(in);
    CHECK(document["landscape"] == "quadratic");
    REQUIRE(document["optimizers"].size() == 2);
    const auto& newton = document["optimizers"][0];
    CHECK(newton["optimizer"] == "newton");
    CHECK(newton["step"] == nlohmann::json::array({0, 1, 2, 3}));
    CHECK(newton["x"][0] == 1.0);
    CHECK(newton["y"][0] == -2.0);
    CHECK(std::abs(newton["x"][1].get<double>()) < 1e-15);  // Newton: one step to the minimum
    CHECK(newton["divergedAtStep"].is_null());
    CHECK(newton["hyperparameters"]["lr"] == 1.0);
    CHECK(document["optimizers"][1]["loss"].size() == 4);
}

TEST_CASE("run applies every option to every optimizer, and --seed makes SGD reproducible") {
    const std::string base = "--landscape himmelblau --optimizer sgd --noise 2 --steps 50 --lr 0.005";
    const CommandResult a = runData(base + " --seed 11"), b = runData(base + " --seed 11"),
                        c = runData(base + " --seed 12");
    REQUIRE(a.exitStatus == 0);
    CHECK(a.output == b.output);
    CHECK(a.output != c.output);
    // The schedule and the lecture switches reach the optimizers.
    CHECK(runData("--landscape rosenbrock --optimizer gd --schedule step:1:0.5 --steps 3").output !=
          runData("--landscape rosenbrock --optimizer gd --steps 3").output);
    CHECK(runData("--landscape rosenbrock --optimizer nesterov --look-ahead --steps 3").output !=
          runData("--landscape rosenbrock --optimizer nesterov --steps 3").output);
    CHECK(runData("--landscape rosenbrock --optimizer adam --no-bias-correction --steps 3").output !=
          runData("--landscape rosenbrock --optimizer adam --steps 3").output);
    // A run that diverges stops its rows there, says so on stderr, and still exits 0.
    const CommandResult diverged =
        run(gradscapeCommand("run --landscape quadratic --optimizer gd --lr 1 --start 1,0 --steps 50"));
    CHECK(diverged.exitStatus == 0);
    CHECK(diverged.output.find("gd diverged at step 7") != std::string::npos);
}

TEST_CASE("run refuses every bad input with status 2 and one line naming the parameter") {
    struct Case {
        std::string arguments, message;
    };
    for (const Case& c : std::vector<Case>{
             {"--landscape rosenbrock --optimizer no-such-optimizer", "unknown optimizer 'no-such-optimizer'"},
             {"--landscape banana --optimizer gd", "unknown landscape 'banana'"},
             {"--landscape rosenbrock --optimizer gd --lr -1",
              "--lr: learning rate must be in (0, 1000], got -1"},
             {"--landscape rosenbrock --optimizer adam --beta1 1", "--beta1: beta1 must be in [0, 1), got 1"},
             {"--landscape rosenbrock --optimizer adam --beta2 -0.5", "--beta2: beta2 must be in [0, 1)"},
             {"--landscape rosenbrock --optimizer momentum --momentum 1.5",
              "--momentum: momentum must be in [0, 1)"},
             {"--landscape rosenbrock --optimizer momentum --dampening 2",
              "--dampening: dampening must be in [0, 1)"},
             {"--landscape rosenbrock --optimizer rmsprop --alpha 1", "--alpha: alpha must be in [0, 1)"},
             {"--landscape rosenbrock --optimizer adam --eps 0", "--eps: epsilon must be in (0, 1]"},
             {"--landscape rosenbrock --optimizer adamw --weight-decay -1",
              "--weight-decay: weight decay must be in [0, 1000]"},
             {"--landscape rosenbrock --optimizer sgd --noise -1",
              "--noise: noise sigma must be in [0, 1000]"},
             {"--landscape rosenbrock --optimizer sgd --batch-size 0", "--batch-size: must be a whole number in [1, 1000000], got '0'"},
             {"--landscape rosenbrock --optimizer lbfgs --memory 0", "--memory: must be a whole number in [1, 100], got '0'"},
             {"--landscape rosenbrock --optimizer gd --schedule exp:2", "schedule gamma must be in (0, 1]"},
             {"--landscape rosenbrock --optimizer gd --schedule zigzag", "unknown kind"},
             {"--landscape rosenbrock --optimizer gd --lr abc", "--lr"},
             {"--landscape rosenbrock --optimizer gd --seed -4", "--seed"},
             {"--landscape rosenbrock --optimizer gd --steps -3", "--steps"},
             {"--landscape rosenbrock --optimizer gd --start 1", "expected two finite numbers as X,Y"},
             {"--landscape rosenbrock --optimizer gd --format xml", "--format"},
             {"--expr 'x + z' --optimizer gd", "--expr: Unexpected token \"z\" found at position 4"},
             {"--expr 'x*(y' --optimizer gd", "--expr: Missing parenthesis"},
             {"--scene lesson.json --optimizer gd", "excludes"},
             {"--scene /nonexistent/lesson.json", "/nonexistent/lesson.json: cannot open"},
             {"--optimizer gd", "--landscape"},
             {"--landscape rosenbrock --expr x --optimizer gd", "--landscape"},
             {"--landscape rosenbrock", "--optimizer is required"},
         }) {
        CAPTURE(c.arguments);
        const CommandResult r = run(gradscapeCommand("run " + c.arguments));
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(c.message) != std::string::npos);
        CHECK(lines(r.output).size() == 1);
    }
}
