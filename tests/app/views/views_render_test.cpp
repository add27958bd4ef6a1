// Renders of the views' furniture (issue 10): the 3D view's legend and ticked axes, its paths cut at the
// box, and a recording's legend staying in one corner from the first frame to the last.

#include "render/image.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

Image renderTo(const std::string& name, const std::string& arguments) {
    const std::string path = temporaryDirectory("views-render-" + name) + "/out.png";
    const CommandResult r = run(std::string(executable()) + " render " + arguments + " --out " + path);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    return readPng(path);
}

// Pixels within `tolerance` of a colour inside the rectangle [x0, x1) x [y0, y1).
int countNearIn(const Image& image, int x0, int y0, int x1, int y1, int r, int g, int b, int tolerance) {
    int count = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const std::uint8_t* p = &image.rgba[(size_t(y) * image.width + x) * 4];
            count += std::abs(p[0] - r) <= tolerance && std::abs(p[1] - g) <= tolerance &&
                     std::abs(p[2] - b) <= tolerance;
        }
    return count;
}

}  // namespace

TEST_CASE("render --view surface draws the race's legend and ticked x, y and f axes on the box") {
    unsetenv("DISPLAY");
    const Image image =
        renderTo("surface-legend", "--view surface --landscape quadratic --optimizer gd,adam --steps 50");
    const int w = image.width, h = image.height;
    // The legend's panel (its dark background over the view's) fills much of the top right...
    const int legend = countNearIn(image, w / 2, 0, w, h / 4, 21, 21, 25, 3);
    // ...with both racers' colours as swatches (orange, then sky blue) and its white text.
    const int orange = countNearIn(image, w / 2, 0, w, h / 4, 230, 159, 0, 10);
    const int blue = countNearIn(image, w / 2, 0, w, h / 4, 86, 180, 233, 10);
    const int text = countNearIn(image, w / 2, 0, w, h / 4, 255, 255, 255, 40);
    MESSAGE("legend panel " << legend << ", orange " << orange << ", blue " << blue << ", text " << text);
    CHECK(legend > 5000);
    CHECK(orange > 20);
    CHECK(blue > 20);
    CHECK(text > 300);
    // The axes: lines, ticks and labels in the axis grey, below the legend's strip (the old title alone
    // was a few dozen such pixels at the top left).
    const int axes = countNearIn(image, 0, h / 4, w, h, 200, 200, 205, 12);
    MESSAGE("axis grey " << axes);
    CHECK(axes > 500);
}

namespace {

// Which corner of the plot holds the legend: the one with the most of its dark panel's pixels (the
// contour colours and the paths are never that dark over such an area). 0 top left, 1 top right, 2
// bottom left, 3 bottom right. The plot's margins (axes, ticks) are left out.
int legendCorner(const Image& image) {
    const int left = 80, right = image.width - 20, top = 10, bottom = image.height - 40;
    const int midX = (left + right) / 2, midY = (top + bottom) / 2;
    int best = -1, most = -1;
    for (int corner = 0; corner < 4; ++corner) {
        const int x0 = corner % 2 ? midX : left, y0 = corner / 2 ? midY : top;
        int count = 0;
        for (int y = y0; y < y0 + (bottom - top) / 2; ++y)
            for (int x = x0; x < x0 + (right - left) / 2; ++x) {
                const std::uint8_t* p = &image.rgba[(size_t(y) * image.width + x) * 4];
                count += p[0] < 50 && p[1] < 50 && p[2] < 55;
            }
        if (count > most) most = count, best = corner;
    }
    return best;
}

}  // namespace

TEST_CASE("a video's legend stays in one corner from the first frame to the last") {
    unsetenv("DISPLAY");
    const std::string dir = temporaryDirectory("views-video-legend");
    // Momentum from off the left edge: at first nothing is in the top right, where the legend starts; by
    // the end the path rings through it, so a legend that chose its corner per frame jumped mid-video.
    const std::string race =
        " --landscape quadratic --optimizer momentum --start -4,1.5 --lr 0.08 --width 640 --height 400";
    const std::string first = dir + "/first.png", last = dir + "/last.png";
    const CommandResult stills = run(std::string(executable()) + " render" + race + " --steps 0 --out " + first +
                                     " && " + executable() + " render" + race + " --steps 300 --out " + last);
    INFO(stills.output);
    REQUIRE(stills.exitStatus == 0);
    // The race itself: a still of the start and one of the end put the legend in different corners.
    REQUIRE(legendCorner(readPng(first)) != legendCorner(readPng(last)));

    const CommandResult video = run(std::string(executable()) + " render" + race + " --steps 300 --video " + dir +
                                    "/race.gif --frames 8 --fps 4");
    INFO(video.output);
    REQUIRE(video.exitStatus == 0);
    const CommandResult frames = run("ffmpeg -v error -i " + dir + "/race.gif " + dir + "/frame%02d.png");
    INFO(frames.output);
    REQUIRE(frames.exitStatus == 0);
    const int corner = legendCorner(readPng(dir + "/frame08.png"));
    CHECK(corner == legendCorner(readPng(last)));
    for (int frame = 1; frame <= 8; ++frame) {
        CAPTURE(frame);
        char name[32];
        std::snprintf(name, sizeof name, "/frame%02d.png", frame);
        CHECK(legendCorner(readPng(dir + name)) == corner);
    }
}
