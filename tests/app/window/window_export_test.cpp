// End to end: the window's Export section under Xvfb, clicked with xdotool, judged by the files it wrote.

#include "render/image.h"
#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

using namespace gradscape;
using namespace gradscape::testing;
using nlohmann::json;

namespace {

void click(const json& state, const std::string& control) {
    REQUIRE_MESSAGE(state["controls"].contains(control), control);
    const json& r = state["controls"][control];
    xdotool("mousemove " + std::to_string(r["x"].get<int>() + r["width"].get<int>() / 2) + " " +
        std::to_string(r["y"].get<int>() + r["height"].get<int>() / 2));
    pause(300);
    xdotool("click 1");
    pause(300);
}

// Presses S, which saves a screenshot and the state; returns the new state.
json report(const std::string& statePath) {
    const std::string previous = readState(statePath).value("screenshot", "");
    xdotool("key s");
    REQUIRE(waitUntil([&] { return readState(statePath).value("screenshot", "") != previous; },
                      std::chrono::seconds(30)));
    return readState(statePath);
}

// The file in `dir` whose name ends in `ending`, or "".
std::string fileEndingIn(const std::string& dir, const std::string& ending) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > ending.size() &&
            name.compare(name.size() - ending.size(), ending.size(), ending) == 0)
            return entry.path().string();
    }
    return {};
}

}  // namespace

TEST_CASE(
    "the Export section saves a PNG at a size of its own and the paths as CSV, next to the screenshots") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-export");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--width", "1280", "--height", "800", "--state-file", statePath,
                 "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    // Space pauses the race, so the paths exported are the paths the state reports.
    xdotool("mousemove 900 300");
    xdotool("key space");
    pause(300);
    click(readState(statePath), "export");  // opens the section
    const json opened = report(statePath);

    // The PNG: 1920x1080 (the first preset), not the window's 1280x800 nor its plot's size.
    click(opened, "export-png");
    std::string png;
    REQUIRE(waitUntil([&] { return !(png = fileEndingIn(dir, "-1920x1080.png")).empty(); },
                      std::chrono::seconds(60)));
    const Image image = readPng(png);
    CHECK(image.width == 1920);
    CHECK(image.height == 1080);
    // The views with their legend: each racer's colour (orange gd, sky-blue momentum, purple adam) is there.
    const std::map<std::string, std::array<int, 3>> colours = {
        {"gd", {230, 159, 0}}, {"momentum", {86, 180, 233}}, {"adam", {204, 121, 167}}};
    for (const auto& [kind, rgb] : colours) {
        CAPTURE(kind);
        int count = 0;
        for (size_t i = 0; i < image.rgba.size(); i += 4)
            count += std::abs(image.rgba[i] - rgb[0]) <= 12 && std::abs(image.rgba[i + 1] - rgb[1]) <= 12 &&
                     std::abs(image.rgba[i + 2] - rgb[2]) <= 12;
        CHECK(count > 100);
    }

    // The paths as CSV: the header, then every iterate of every racer from its start.
    click(opened, "export-csv");
    std::string csv;
    REQUIRE(waitUntil([&] { return !(csv = fileEndingIn(dir, "-paths.csv")).empty(); },
                      std::chrono::seconds(20)));
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(20)) == 0);
    const json closed = readState(statePath);
    CHECK(closed["status"] ==
          "Saved the paths as CSV to " + std::filesystem::absolute(csv).lexically_normal().string());

    std::ifstream in(csv);
    std::string line;
    REQUIRE(std::getline(in, line));
    CHECK(line == "optimizer,id,label,step,x,y,loss");
    std::map<std::string, int> rows;
    std::map<std::string, std::string> firstRow;
    while (std::getline(in, line)) {
        const std::string kind = line.substr(0, line.find(','));
        if (rows[kind]++ == 0) firstRow[kind] = line;
    }
    REQUIRE(closed["optimizers"].size() == 3);
    for (const json& o : closed["optimizers"]) {
        const std::string kind = o["kind"];
        CAPTURE(kind);
        CHECK(o["steps"].get<int>() > 0);
        CHECK(rows[kind] == o["steps"].get<int>() + 1);
        CHECK(firstRow[kind].rfind(kind + "," + std::to_string(o["id"].get<int>()) + ",", 0) == 0);
        CHECK(firstRow[kind].find(",0,-1.2,1,") != std::string::npos);
    }
}

TEST_CASE("Record video shows its progress, keeps the window answering, and Cancel leaves no file") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const std::string dir = temporaryDirectory("window-record");
    const std::string statePath = dir + "/state.json";
    Process app({executable(), "--state-file", statePath, "--screenshot-dir", dir});
    REQUIRE(waitForWindow(statePath));
    click(readState(statePath), "export");
    const json opened = report(statePath);
    // 2000 frames: far more than can be drawn before Cancel is clicked.
    click(opened, "export-frames");
    xdotool("key ctrl+a");
    xdotool("type 2000");
    xdotool("key Return");
    pause(300);
    click(opened, "export-record");
    // ffmpeg is writing the video beside the screenshots, into AtomicFile's hidden temporary
    // (".NAME.gradscape-PID-RANDOM.mp4"), a name that says it is not finished.
    std::string partial;
    REQUIRE(waitUntil([&] { return !(partial = fileEndingIn(dir, ".mp4")).empty(); }, std::chrono::seconds(30)));
    const std::string partialName = std::filesystem::path(partial).filename().string();
    REQUIRE(partialName.rfind(".gradscape-", 0) == 0);
    REQUIRE(partialName.find("-race.mp4.gradscape-") != std::string::npos);
    // The window still answers keys and draws while it records: S saves a screenshot and the state,
    // which shows the progress bar and the Cancel button.
    const json recording = report(statePath);
    REQUIRE(recording["controls"].contains("export-progress"));
    click(recording, "export-cancel");
    REQUIRE(waitUntil([&] { return !std::filesystem::exists(partial); }, std::chrono::seconds(30)));
    pause(500);
    xdotool("key ctrl+q");
    CHECK(app.wait(std::chrono::seconds(30)) == 0);
    CHECK(readState(statePath)["status"] == "Recording cancelled; no video was written.");
    const std::string video =
        dir + "/" + partialName.substr(1, partialName.find(".gradscape-", 1) - 1);  // ".X.gradscape-..." -> X
    CHECK_FALSE(std::filesystem::exists(video));
    CHECK(fileEndingIn(dir, ".mp4").empty());
}
