// Exports from the command line: a PNG at any size with a title, the race replayed as MP4 and GIF
// through ffmpeg, and the refusals of bad video options.

#include "render/image.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

// What ffprobe reads from a video's first stream: "frames" or "width,height".
std::string probe(const std::string& path, const std::string& entries, bool countFrames) {
    const CommandResult r =
        run(std::string("ffprobe -v error ") + (countFrames ? "-count_frames " : "") +
            "-select_streams v:0 -show_entries stream=" + entries + " -of csv=p=0 " + path);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    std::string out = r.output;
    while (!out.empty() && (out.back() == '\n' || out.back() == ','))
        out.pop_back();
    return out;
}

// Bright, nearly grey pixels: text drawn in the panels' white.
int countText(const Image& image, int top, int bottom, int left, int right) {
    int count = 0;
    for (int y = top; y < bottom; ++y)
        for (int x = left; x < right; ++x) {
            const std::uint8_t* p = &image.rgba[(size_t(y) * image.width + x) * 4];
            count += p[0] > 180 && p[1] > 180 && p[2] > 180;
        }
    return count;
}

const std::string kRace = " --landscape rosenbrock --optimizer gd --lr 0.001 --steps 500";

// Whether AtomicFile left a temporary (".NAME.gradscape-PID-RANDOM") in the folder: a finished or
// failed video leaves none.
bool hasTemporary(const std::string& dir) {
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().find(".gradscape-") != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE(
    "render --width 3840 --height 2160 --title draws a PNG of exactly that size, the title at the top") {
    unsetenv("DISPLAY");
    const std::string dir = temporaryDirectory("export-title");
    const std::string titled = dir + "/titled.png", plain = dir + "/plain.png";
    const std::string size = " --width 3840 --height 2160";
    CommandResult r = run(std::string(executable()) + " render" + size + kRace +
                          " --title \"Gradient descent on Rosenbrock\" --out " + titled);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    r = run(std::string(executable()) + " render" + size + kRace + " --out " + plain);
    REQUIRE(r.exitStatus == 0);
    const Image withTitle = readPng(titled), without = readPng(plain);
    CHECK(withTitle.width == 3840);
    CHECK(withTitle.height == 2160);
    // The title strip (the top 48 rows at the default font) holds white text around the middle and
    // nothing bright beside it. Without a title the views start at the top: the frame's top edge runs
    // across both parts alike, and nothing stands out in the middle.
    const int text = countText(withTitle, 4, 44, 1500, 2340), beside = countText(withTitle, 4, 44, 300, 1140);
    CHECK(text > beside + 300);
    CHECK(countText(without, 4, 44, 1500, 2340) < countText(without, 4, 44, 300, 1140) + 100);
    // The strip is text on the window background, not the colour map: viridis' yellow is absent from it.
    Image strip{3840, 44, {}};
    strip.rgba.assign(withTitle.rgba.begin(), withTitle.rgba.begin() + size_t(44) * 3840 * 4);
    CHECK(countNear(strip, 0xfd, 0xe7, 0x25, 30) == 0);
    // The legend stays: the optimizer's orange appears as much with the title as without.
    CHECK(countNear(withTitle, 230, 159, 0, 40) > 500);
}

TEST_CASE("render --video writes an MP4 and a GIF that ffprobe reads as the asked number of frames") {
    unsetenv("DISPLAY");
    const std::string dir = temporaryDirectory("export-video");
    for (const std::string extension : {"mp4", "gif"}) {
        CAPTURE(extension);
        const std::string path = dir + "/race." + extension;
        // Odd sides: an MP4 in yuv420p needs even ones, so its last row and column are cropped.
        const CommandResult r = run(std::string(executable()) + " render --width 321 --height 201" + kRace +
                                    " --video " + path + " --frames 12 --fps 6");
        INFO(r.output);
        REQUIRE(r.exitStatus == 0);
        REQUIRE(std::filesystem::exists(path));
        CHECK_FALSE(hasTemporary(dir));
        CHECK(probe(path, "nb_read_frames", true) == "12");
        CHECK(probe(path, "width,height", false) == (extension == "mp4" ? "320,200" : "321,201"));
    }
    CHECK(probe(dir + "/race.mp4", "codec_name", false) == "h264");

    // The frames replay the race: the first shows the start alone, the last the whole path in orange.
    const CommandResult frames = run("ffmpeg -v error -i " + dir + "/race.gif " + dir + "/frame%02d.png");
    INFO(frames.output);
    REQUIRE(frames.exitStatus == 0);
    const Image first = readPng(dir + "/frame01.png"), last = readPng(dir + "/frame12.png");
    CHECK(countNear(last, 230, 159, 0, 40) > countNear(first, 230, 159, 0, 40) + 40);
}

TEST_CASE("render refuses bad --frames, --fps and video extensions with status 2, writing nothing") {
    const std::string dir = temporaryDirectory("export-refused");
    const std::string base = std::string(executable()) + " render --steps 10 ";
    struct Case {
        std::string arguments, named;
    };
    for (const Case& c : {Case{"--video " + dir + "/a.mp4 --frames 1", "--frames"},
                          Case{"--video " + dir + "/a.mp4 --frames 100000", "--frames"},
                          Case{"--video " + dir + "/a.gif --fps 0", "--fps"},
                          Case{"--video " + dir + "/a.gif --fps 1000", "--fps"},
                          Case{"--video " + dir + "/a.avi", ".mp4 or .gif"},
                          Case{"--video " + dir + "/noextension", ".mp4 or .gif"}, Case{"", "--out"}}) {
        CAPTURE(c.arguments);
        const CommandResult r = run(base + c.arguments);
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(c.named) != std::string::npos);
    }
    CHECK(std::filesystem::is_empty(dir));
}

TEST_CASE("a missing or failing ffmpeg is reported with what it said, and no partial video is left") {
    unsetenv("DISPLAY");
    const std::string dir = temporaryDirectory("export-ffmpeg");
    const std::string video = dir + "/race.gif";
    const std::string render =
        std::string(executable()) + " render --width 64 --height 64 --steps 5 --frames 3 --video " + video;
    const CommandResult missing = run("GRADSCAPE_FFMPEG=" + dir + "/no-such-ffmpeg " + render);
    CHECK(missing.exitStatus == 1);
    CHECK(missing.output.find("apt-get install ffmpeg") != std::string::npos);

    // A stand-in that reads a little, complains and fails, as ffmpeg does on a bad option.
    const std::string fake = dir + "/fake-ffmpeg";
    {
        std::ofstream script(fake);
        script << "#!/bin/sh\nhead -c 100 >/dev/null\necho 'Unknown encoder: no such codec' >&2\n"
                  "out=\"$(eval echo \\${$#})\"\ntouch \"${out#file:}\"\nexit 3\n";
    }
    std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
    const CommandResult failing = run("GRADSCAPE_FFMPEG=" + fake + " " + render);
    INFO(failing.output);
    CHECK(failing.exitStatus == 1);
    CHECK(failing.output.find("ffmpeg failed (exit status 3)") != std::string::npos);
    CHECK(failing.output.find("Unknown encoder: no such codec") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(video));
    CHECK_FALSE(hasTemporary(dir));
}
