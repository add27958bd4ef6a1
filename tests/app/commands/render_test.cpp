#include "render/image.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <tuple>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

Image render(const std::string& name, const std::string& arguments) {
    const std::string path = temporaryDirectory("render-" + name) + "/out.png";
    const CommandResult r = run(std::string(executable()) + " render " + arguments + " --out " + path);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    return readPng(path);
}

// The same count within the rows [top, bottom) only.
int countNearInRows(const Image& image, int top, int bottom, int r, int g, int b, int tolerance = 12) {
    Image rows{image.width, bottom - top, {}};
    rows.rgba.assign(image.rgba.begin() + size_t(top) * image.width * 4,
                     image.rgba.begin() + size_t(bottom) * image.width * 4);
    return countNear(rows, r, g, b, tolerance);
}

// Columns holding a vertical line of the axis grey at least `length` pixels long within the rows
// [top, bottom): the sides of plot frames.
int axisLineColumns(const Image& image, int top, int bottom, int length) {
    int columns = 0;
    for (int x = 0; x < image.width; ++x) {
        int run = 0, longest = 0;
        for (int y = top; y < bottom; ++y) {
            const std::uint8_t* p = &image.rgba[(size_t(y) * image.width + x) * 4];
            const bool grey =
                std::abs(p[0] - 200) <= 40 && std::abs(p[1] - 200) <= 40 && std::abs(p[2] - 205) <= 40;
            run = grey ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        columns += longest >= length;
    }
    return columns;
}

// Colours told apart at 5 bits a channel.
int distinctColourBins(const Image& image) {
    std::vector<bool> seen(1 << 15);
    int count = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4) {
        const int key = (image.rgba[i] >> 3) << 10 | (image.rgba[i + 1] >> 3) << 5 | image.rgba[i + 2] >> 3;
        if (!seen[key]) seen[key] = true, ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("render draws the contour view with paths and legend to a PNG of the asked size, with no display") {
    // No X server: the renderer must not need one.
    unsetenv("DISPLAY");
    const Image walked = render("walked", "--landscape rosenbrock --steps 500");
    CHECK(walked.width == 1280);
    CHECK(walked.height == 800);
    // A colour map, not a flat fill: thousands of distinct colours.
    CHECK(distinctColourBins(walked) > 500);
    // Viridis' dark purple valley and its yellow heights are both on screen.
    CHECK(countNear(walked, 0x44, 0x01, 0x54, 20) + countNear(walked, 0x47, 0x2d, 0x7b, 20) > 2000);
    CHECK(countNear(walked, 0xfd, 0xe7, 0x25, 30) > 2000);
    // The known minimum (1, 1) is marked in white.
    CHECK(countNear(walked, 255, 255, 255, 0) > 30);

    // The three paths share a start, so each is checked alone: after 500 steps its colour (the first of the
    // palette, orange) covers far more pixels than at step 0, when only the legend and start point show it.
    for (auto [kind, lr] :
         {std::pair<std::string, std::string>{"gd", "0.001"}, {"momentum", "0.001"}, {"adam", "0.05"}}) {
        CAPTURE(kind);
        const std::string arguments = "--landscape rosenbrock --lr " + lr + " --optimizer " + kind;
        const Image start = render(kind + "0", arguments + " --steps 0");
        const Image moved = render(kind + "500", arguments + " --steps 500");
        // Near the colour: the path's colour line is 1 px of full colour with anti-aliased edges.
        CHECK(countNear(moved, 230, 159, 0, 40) > countNear(start, 230, 159, 0, 40) + 150);
    }
}

TEST_CASE("render honours --width, --height, --landscape, --optimizer, --start and --lr") {
    unsetenv("DISPLAY");
    const Image small = render("small",
                               "--width 640 --height 480 --landscape himmelblau --optimizer adam --lr 0.1 "
                               "--start 0.5,-4 --steps 200");
    CHECK(small.width == 640);
    CHECK(small.height == 480);
    CHECK(countNear(small, 230, 159, 0) > 100);  // the single optimizer takes the first palette colour
    CHECK(countNear(small, 86, 180, 233) == 0);  // and there is no second one
    const Image saddle =
        render("saddle", "--width 640 --height 480 --landscape saddle --optimizer gd --steps 50");
    CHECK(saddle.rgba != small.rgba);
}

TEST_CASE("render draws each overlay: gradient field, Taylor model, step parts, curvature at a probe point") {
    unsetenv("DISPLAY");
    const std::string base = "--width 800 --height 600 --landscape quadratic --optimizer gd --steps 20";
    const Image plain = render("plain", base);
    // Orange Taylor lines and diamond, cyan curvature axes: none of these colours is in the plain view.
    CHECK(countNear(plain, 255, 160, 60, 6) == 0);
    CHECK(countNear(plain, 90, 230, 255, 6) == 0);

    const Image field = render("field", base + " --overlays gradient");
    CHECK(countNear(field, 255, 255, 255, 45) > countNear(plain, 255, 255, 255, 45) + 2000);

    // On a quadratic the model is f itself: its dashed isolines lie over the landscape's.
    const Image taylor = render("taylor", base + " --overlays taylor --taylor-centre 0.5,0.5");
    CHECK(countNear(taylor, 255, 160, 60, 6) > 500);

    // Momentum's next step, split: -eta g (white) then the velocity part (green) head to tail.
    const std::string race =
        "--width 800 --height 600 --landscape rosenbrock --optimizer momentum --steps 60";
    CHECK(countNear(render("no-parts", race), 80, 225, 160, 6) == 0);
    CHECK(countNear(render("parts", race + " --overlays steps"), 80, 225, 160, 6) > 60);

    const Image curvature = render("curvature", base + " --overlays curvature --probe 1,1");
    CHECK(countNear(curvature, 90, 230, 255, 6) > 100);
    // Without a probe (no cursor in a render) the curvature overlay draws nothing.
    CHECK(countNear(render("no-probe", base + " --overlays curvature"), 90, 230, 255, 6) == 0);
}

TEST_CASE("render --plots draws the loss, gradient-norm and distance plots in a strip under the view") {
    unsetenv("DISPLAY");
    const Image plain = render("no-plots", "--steps 300");
    const Image plots = render("plots", "--steps 300 --plots");
    REQUIRE(plots.height == 800);
    // The strip takes the bottom 30% (240 px); rows 600..800 lie inside it.
    const int top = 600, bottom = 800;
    // Each optimizer of the default race has a line in its colour in the strip: three plots of ~300 steps.
    for (auto [name, r, g, b] :
         {std::tuple{"gd orange", 230, 159, 0}, std::tuple{"momentum sky blue", 86, 180, 233},
          std::tuple{"adam purple", 204, 121, 167}}) {
        CAPTURE(name);
        CHECK(countNearInRows(plots, top, bottom, r, g, b) > 300);
    }
    // Axes: three frames, whose six sides are long vertical lines in the axis grey (the view alone has
    // only its own two sides down there), on the plots' dark background.
    CHECK(axisLineColumns(plots, top, bottom, 120) >= 6);
    CHECK(axisLineColumns(plain, top, bottom, 120) <= 2);
    CHECK(countNearInRows(plots, top, bottom, 30, 30, 34, 2) > 50000);
    // Without --plots the view fills the height: its colour map reaches the bottom rows.
    CHECK(countNearInRows(plain, top, bottom, 0x44, 0x01, 0x54, 20) +
              countNearInRows(plain, top, bottom, 0xfd, 0xe7, 0x25, 30) >
          2000);
}

TEST_CASE("render --plots marks where a diverged path's series ends") {
    unsetenv("DISPLAY");
    // GD with eta 0.01 on Rosenbrock diverges within a few steps: its series stop at a cross in the
    // error colour, with the step written beside it.
    const Image diverged = render("plots-diverged", "--optimizer gd --lr 0.01 --steps 100 --plots");
    const Image stable = render("plots-stable", "--optimizer gd --lr 0.001 --steps 100 --plots");
    const int errorInDiverged = countNearInRows(diverged, 560, 800, 255, 115, 89, 20);
    CHECK(errorInDiverged > 200);
    CHECK(countNearInRows(stable, 560, 800, 255, 115, 89, 20) < errorInDiverged / 10);
}

namespace {

// The part of an image in [x0, x1) x [0, height): one view of a side-by-side render.
Image columns(const Image& image, int x0, int x1) {
    Image part;
    part.width = x1 - x0;
    part.height = image.height;
    for (int y = 0; y < image.height; ++y)
        part.rgba.insert(part.rgba.end(), image.rgba.begin() + (size_t(y) * image.width + x0) * 4,
                         image.rgba.begin() + (size_t(y) * image.width + x1) * 4);
    return part;
}

// Lit viridis: blue-violet shades (blue above green, red well above green: the low valley) and green-yellow
// shades (green above blue: the heights), each in many pixels.
int countViridisLow(const Image& image) {
    int count = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4) {
        const int r = image.rgba[i], g = image.rgba[i + 1], b = image.rgba[i + 2];
        count += b > g + 15 && r > g && b > 40;
    }
    return count;
}
int countViridisHigh(const Image& image) {
    int count = 0;
    for (size_t i = 0; i < image.rgba.size(); i += 4) {
        const int r = image.rgba[i], g = image.rgba[i + 1], b = image.rgba[i + 2];
        count += g > b + 40 && g > 90 && std::abs(r - g) < 140 && !(r > 200 && g < 175);
    }
    return count;
}

}  // namespace

TEST_CASE("render --view surface draws the lit 3D surface with the paths on it") {
    unsetenv("DISPLAY");
    for (const std::string landscape : {"rosenbrock", "himmelblau", "quadratic"}) {
        CAPTURE(landscape);
        const std::string arguments =
            std::string("--view surface --landscape ") + landscape + " --optimizer adam";
        const Image still = render(std::string("surface0-") + landscape, arguments + " --steps 0");
        const Image walked =
            render(std::string("surface-") + landscape, arguments + " --lr 0.05 --steps 300");
        CHECK(walked.width == 1280);
        CHECK(walked.height == 800);
        // Shaded colours, not a flat fill, in both ends of the colour map.
        CHECK(distinctColourBins(walked) > 500);
        CHECK(countViridisLow(walked) > 500);
        CHECK(countViridisHigh(walked) > 2000);
        // The path is drawn in the optimizer's colour (orange) on the surface.
        CHECK(countNear(walked, 230, 159, 0) > countNear(still, 230, 159, 0) + 100);
    }
    const Image log = render("surface-log", "--view surface --landscape rosenbrock --log-height");
    const Image linear = render("surface-linear", "--view surface --landscape rosenbrock");
    CHECK(log.rgba != linear.rgba);
}

TEST_CASE("render --view both draws the contour view and the surface side by side") {
    unsetenv("DISPLAY");
    const Image both =
        render("both", "--view both --landscape rosenbrock --optimizer gd --lr 0.001 --steps 500");
    REQUIRE(both.width == 1280);
    const Image contour = columns(both, 0, 640), surface = columns(both, 640, 1280);
    for (const Image* half : {&contour, &surface}) {
        CHECK(distinctColourBins(*half) > 300);
        CHECK(countViridisLow(*half) > 1000);
        CHECK(countNear(*half, 230, 159, 0) > 100);
    }
    // The contour half is the flat map: viridis' exact yellow heights are there.
    CHECK(countNear(contour, 0xfd, 0xe7, 0x25, 30) > 500);
    // The two halves are different pictures.
    CHECK(contour.rgba != surface.rgba);
}

TEST_CASE("render refuses an unknown --view with a message naming the option") {
    const CommandResult r = run(std::string(executable()) + " render --view sideways --out /tmp/never.png");
    CHECK(r.exitStatus != 0);
    CHECK(r.output.find("--view") != std::string::npos);
    CHECK(r.output.find("sideways") != std::string::npos);
}

namespace {

// The CPU render of a contour figure against the GL render of the same figure: per-channel mean
// absolute difference, and the share of pixels whose channels all lie within `tolerance`.
std::pair<double, double> cpuAgainstGl(const std::string& name, const std::string& arguments, int tolerance) {
    const Image cpu = render(name + "-cpu", arguments);
    const std::string path = temporaryDirectory("render-" + name + "-gl") + "/out.png";
    const CommandResult r =
        run("GRADSCAPE_RENDER=gl " + std::string(executable()) + " render " + arguments + " --out " + path);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    const Image gl = readPng(path);
    REQUIRE(cpu.width == gl.width);
    REQUIRE(cpu.height == gl.height);
    double sum = 0;
    size_t within = 0;
    for (size_t i = 0; i < cpu.rgba.size(); i += 4) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int d = std::abs(int(cpu.rgba[i + c]) - int(gl.rgba[i + c]));
            sum += d;
            worst = std::max(worst, d);
        }
        within += worst <= tolerance;
    }
    const double pixels = double(cpu.width) * cpu.height;
    return {sum / (pixels * 3), double(within) / pixels};
}

}  // namespace

TEST_CASE("render draws a contour figure on the CPU that matches the GL render of it") {
    for (const std::string& arguments :
         {std::string("--steps 500"), std::string("--width 640 --height 480 --landscape saddle --steps 200 "
                                                  "--plots --title Saddle --overlays gradient")}) {
        CAPTURE(arguments);
        const auto [meanDifference, withinShare] = cpuAgainstGl("cpu-vs-gl", arguments, 24);
        CHECK(meanDifference < 3.0);
        CHECK(withinShare > 0.97);
    }
}

TEST_CASE("render --contours data draws the data loss's contours with the region touching one of them") {
    unsetenv("DISPLAY");
    const std::string base = "--width 800 --height 600 --landscape linreg --optimizer gd --steps 0";
    const Image plain = render("unregularized", base);
    const Image data = render("data", base + " --l1 0.5 --contours data");
    const Image total = render("total", base + " --l1 0.5 --contours total");
    // The data loss's contours are the unregularized landscape's; loss + penalty's are not.
    const double dataShare = samePixelShare(data, plain), totalShare = samePixelShare(total, plain);
    INFO("same as unregularized: data " << dataShare << ", total " << totalShare);
    CHECK(dataShare > 0.9);
    CHECK(totalShare < 0.6);
    // The region is drawn (its fill and white edge change the pixels inside and around it), and over the
    // data loss's contours so is the one contour touching it, which changes many more.
    const Image regionOverTotal = render("region-total", base + " --l1 0.2 --contours total --constraint");
    const Image regionOverData = render("region-data", base + " --l1 0.2 --contours data --constraint");
    const Image total2 = render("total2", base + " --l1 0.2 --contours total");
    const Image data2 = render("data2", base + " --l1 0.2 --contours data");
    const auto pixels = double(data.width) * data.height;
    const double regionAlone = (1 - samePixelShare(regionOverTotal, total2)) * pixels;
    const double regionAndContour = (1 - samePixelShare(regionOverData, data2)) * pixels;
    INFO("pixels changed: region " << regionAlone << ", region and contour " << regionAndContour);
    CHECK(regionAlone > 1500);
    CHECK(regionAndContour > regionAlone + 300);
    CHECK(countNear(regionOverData, 255, 255, 255, 30) > countNear(data2, 255, 255, 255, 30) + 500);
    // A scene carries the choice: lesson 10 opens on the data loss's contours.
    const Image lesson = render("lesson10", "--scene " + std::string(GRADSCAPE_ASSETS_DIR) +
                                                "/lessons/10-l1-vs-l2.json --width 800 --height 600");
    CHECK(countNear(lesson, 255, 255, 255, 30) > 500);
    // Anything else is refused by name.
    const CommandResult r =
        run(std::string(executable()) + " render --l1 0.2 --contours penalty --out /tmp/never.png");
    CHECK(r.exitStatus != 0);
    CHECK(r.output.find("--contours: penalty not in {data,total}") != std::string::npos);
}
