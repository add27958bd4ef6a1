// Issue 11 on the command line: every option checked with a message that names it, echoes the value
// cut and says what is allowed; every limit refused with the limit named; no file of the user's damaged
// (a full disk, a symbolic link, a folder, a device, a missing folder).
#include "cli_parse.h"
#include "support/test_files.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

std::string gradscapeCommand(const std::string& arguments) {
    return std::string(executable()) + " " + arguments;
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The names in a folder, so a test can say nothing was left behind (no temporary, no new folder).
std::vector<std::string> namesIn(const std::string& directory) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(directory))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

struct Case {
    std::string arguments, message;
};

void checkRefused(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        CAPTURE(c.arguments);
        const CommandResult r = run(gradscapeCommand(c.arguments));
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(c.message) != std::string::npos);
        CHECK(lines(r.output).size() == 1);
    }
}

const char* kRun = "run --landscape quadratic --optimizer gd ";

}  // namespace

TEST_CASE("item 6: schedule step counts are whole numbers in range, refused before any conversion") {
    const std::string rule = "must be a whole number in [1, 1000000000], got ";
    checkRefused({
        {kRun + std::string("--schedule step:1e10:0.5"), "--schedule: schedule 'step:1e10:0.5': step size " + rule + "'1e10'"},
        {kRun + std::string("--schedule step:3000000000:0.5"), "step size " + rule + "'3000000000'"},
        {kRun + std::string("--schedule step:1.5:0.5"), "step size " + rule + "'1.5'"},
        {kRun + std::string("--schedule step:nan:0.5"), "step size " + rule + "'nan'"},
        {kRun + std::string("--schedule step:nan"), "--schedule: schedule 'step:nan': wrong number of fields"},
        {kRun + std::string("--schedule cosine:1e10"), "period " + rule + "'1e10'"},
        {kRun + std::string("--schedule warmup:inf"), "warm-up steps " + rule + "'inf'"},
        {"run --landscape quadratic --optimizer gd:schedule=step:1.5:0.5", "step size " + rule + "'1.5'"},
    });
    // The largest allowed count is taken whole.
    const CommandResult fits = runData(kRun + std::string("--schedule step:1000000000:0.5 --steps 2"));
    CHECK(fits.exitStatus == 0);
}

TEST_CASE("item 10: whole numbers, seeds, long values and an empty --expr are refused with what is allowed") {
    checkRefused({
        {kRun + std::string("--steps 1.5"), "--steps: must be a whole number in [0, 1000000], got '1.5'"},
        {kRun + std::string("--steps 1000001"), "--steps: must be a whole number in [0, 1000000], got '1000001'"},
        {kRun + std::string("--seed 99999999999999999999"),
         "--seed: must be a whole number in [0, 18446744073709551615], got '99999999999999999999'"},
        {kRun + std::string("--batch-size 2.5"), "--batch-size: must be a whole number in [1, 1000000], got '2.5'"},
        {"render --steps 1.5 --out x.png", "--steps: must be a whole number in [0, 1000000], got '1.5'"},
        {"render --fps nan --out x.png", "--fps: must be a number in [1, 120], got 'nan'"},
        {"--ui-scale nan", "--ui-scale: must be a number in [1, 3], got 'nan'"},
        {"--width 1.5", "--width: must be a whole number in [320, 16384], got '1.5'"},
    });
    // The largest seed is still a seed.
    CHECK(runData(kRun + std::string("--seed 18446744073709551615 --steps 1")).exitStatus == 0);

    // An empty formula is a formula: the formula parser says what is wrong, not "unknown landscape ''".
    for (const std::string& command : std::vector<std::string>{"run --expr '' --optimizer gd", "analyze --expr '' --at 0,0"}) {
        CAPTURE(command);
        const CommandResult empty = run(gradscapeCommand(command));
        CHECK(empty.exitStatus == 2);
        CHECK(empty.output.find("--expr: ") != std::string::npos);
        CHECK(empty.output.find("unknown landscape") == std::string::npos);
    }

    // A pasted megabyte is echoed cut, in one short line.
    const std::string pasted(5000, 'q');
    for (const std::string& command : std::vector<std::string>{"--view " + pasted, "run --landscape " + pasted + " --optimizer gd",
                                      kRun + std::string("--schedule step:") + pasted + ":0.5",
                                      kRun + std::string("--steps ") + pasted, "render --out x.png " + pasted}) {
        const CommandResult r = run(gradscapeCommand(command));
        CHECK(r.exitStatus == 2);
        CHECK(lines(r.output).size() == 1);
        CHECK(r.output.size() < 700);
        CHECK(r.output.find(std::string(80, 'q') + "…") != std::string::npos);
    }
}

TEST_CASE("items 8 and 14: racers, racers x steps, image sides and video frames are refused at their limits") {
    std::string racers;
    for (int i = 0; i < 65; ++i)
        racers += " --optimizer gd";
    std::string oneSpec = "gd";
    for (int i = 1; i < 65; ++i)
        oneSpec += ",gd";
    std::string twentyOne = "gd";
    for (int i = 1; i < 21; ++i)
        twentyOne += ",gd";
    checkRefused({
        {"run --landscape quadratic" + racers, "--optimizer: a race has at most 64 racers, got 65"},
        {"run --landscape quadratic --optimizer " + oneSpec, "a race has at most 64 racers, got 65"},
        {"run --landscape quadratic --steps 1000000 --optimizer " + twentyOne,
         "a race keeps at most 20000000 iterates (racers x steps), got 21 racers x 1000000 steps"},
        {"render --out x.png --steps 1000000 --optimizer " + twentyOne,
         "a race keeps at most 20000000 iterates (racers x steps), got 21 racers x 1000000 steps"},
        {"render --out x.png" + racers, "--optimizer: a race has at most 64 racers"},
        {"render --out x.png --width 8193", "--width: must be a whole number in [16, 8192], got '8193'"},
        {"render --out x.png --height 100000", "--height: must be a whole number in [16, 8192], got '100000'"},
        {"render --video x.gif --frames 10001", "--frames: must be a whole number in [2, 10000], got '10001'"},
        {"--optimizer gd" + racers, "--optimizer: a race has at most 64 racers"},
    });
}

TEST_CASE("item 9: run --out on a full disk says so, exits 1 and leaves the previous file whole") {
    const std::string dir = temporaryDirectory("cli-full-disk");
    const std::string out = dir + "/paths.csv";
    writeText(out, "the previous good file\n");
    // A file size limit of 2 KB stands in for a full disk: the CSV of 5000 steps is far larger.
    const CommandResult r =
        run("bash -c 'ulimit -f 2; exec " + gradscapeCommand(kRun + std::string("--steps 5000 --out ") + out) + "'");
    CHECK(r.exitStatus == 1);
    CHECK(r.output.find("gradscape run: cannot write " + out + ": File too large") != std::string::npos);
    CHECK(fileContents(out) == "the previous good file\n");
    CHECK(namesIn(dir) == std::vector<std::string>{"paths.csv"});

    // The same PNG through render: the previous picture stays.
    const std::string png = dir + "/figure.png";
    writeText(png, "the previous picture");
    const CommandResult picture =
        run("bash -c 'ulimit -f 2; exec " + gradscapeCommand("render --steps 5 --out " + png) + "'");
    CHECK(picture.exitStatus == 1);
    CHECK(picture.output.find("cannot write " + png + ": File too large") != std::string::npos);
    CHECK(fileContents(png) == "the previous picture");
    CHECK(namesIn(dir) == std::vector<std::string>{"figure.png", "paths.csv"});
}

TEST_CASE("item 9: --out through a symbolic link replaces the file it names and keeps the link") {
    const std::string dir = temporaryDirectory("cli-link");
    writeText(dir + "/target.csv", "old");
    std::filesystem::create_symlink("target.csv", dir + "/link.csv");
    REQUIRE(runData(kRun + std::string("--steps 3 --out ") + dir + "/link.csv").exitStatus == 0);
    CHECK(std::filesystem::is_symlink(dir + "/link.csv"));
    CHECK(fileContents(dir + "/target.csv").rfind("optimizer,id,label,step,x,y,loss", 0) == 0);

    std::filesystem::create_symlink("picture.png", dir + "/link.png");
    writeText(dir + "/picture.png", "old");
    REQUIRE(run(gradscapeCommand("render --steps 3 --width 64 --height 64 --out " + dir + "/link.png")).exitStatus == 0);
    CHECK(std::filesystem::is_symlink(dir + "/link.png"));
    CHECK(readPng(dir + "/picture.png").width == 64);
}

TEST_CASE("item 9: folders, devices and missing folders are refused by run and render alike, creating nothing") {
    const std::string dir = temporaryDirectory("cli-refused-paths");
    const std::string missing = dir + "/missing";
    checkRefused({
        {kRun + std::string("--out ") + dir, "--out: cannot write " + dir + ": it is a folder"},
        {kRun + std::string("--out /dev/null"), "--out: cannot write /dev/null: it is not a regular file"},
        {kRun + std::string("--out ") + missing + "/x.csv",
         "--out: cannot write " + missing + "/x.csv: the folder " + missing + " does not exist"},
        {"render --steps 3 --out " + dir, "--out: cannot write " + dir + ": it is a folder"},
        {"render --steps 3 --out /dev/null", "--out: cannot write /dev/null: it is not a regular file"},
        {"render --steps 3 --out " + missing + "/x.png", "the folder " + missing + " does not exist"},
        {"render --steps 3 --video " + missing + "/x.gif", "--video: cannot write " + missing + "/x.gif: the folder"},
    });
    CHECK(namesIn(dir).empty());
}

TEST_CASE("item 10: render --video with a name that looks like an option is written as that file") {
    unsetenv("DISPLAY");  // headless, as the other video tests
    const std::string dir = temporaryDirectory("cli-dash-video");
    const CommandResult r = run("cd " + dir + " && " +
                                gradscapeCommand("render --steps 3 --width 64 --height 64 --frames 3 --video -y.gif"));
    INFO(r.output);
    CHECK(r.exitStatus == 0);
    CHECK(std::filesystem::file_size(dir + "/-y.gif") > 0);
    CHECK(namesIn(dir) == std::vector<std::string>{"-y.gif"});
}

TEST_CASE("parseCommandLine reads options without touching the disk or running anything") {
    const std::string dir = temporaryDirectory("cli-parse-only");
    const ParsedCommand run =
        parseCommandLine({"run", "--scene", dir + "/absent.json", "--steps", "7", "--out", dir + "/no/such/x.csv"});
    CHECK(run.action == ParsedCommand::Action::Run);
    CHECK(run.run.steps == 7);
    CHECK(run.run.stepsGiven);
    CHECK(namesIn(dir).empty());

    const ParsedCommand help = parseCommandLine({"--help"});
    CHECK(help.action == ParsedCommand::Action::Exit);
    CHECK(help.status == 0);
    CHECK(help.output.find("render") != std::string::npos);

    const ParsedCommand refused = parseCommandLine({"run", "--landscape", "quadratic", "--optimizer", "gd", "--steps", "1.5"});
    CHECK(refused.action == ParsedCommand::Action::Exit);
    CHECK(refused.status == 2);
    CHECK(refused.errors == "gradscape: --steps: must be a whole number in [0, 1000000], got '1.5'\n");

    const ParsedCommand empty = parseCommandLine({"run", "--expr", "", "--optimizer", "gd"});
    CHECK(empty.action == ParsedCommand::Action::Run);
    REQUIRE(empty.run.expression.has_value());
    CHECK(empty.run.expression->empty());
}
