// `gradscape render --problem mlp` (issue 15): the network race drawn on its plane exactly as the scene with
// the same /problem draws it; --problem-file draws the file's network; the linear probe is --linear-probe on
// both commands while render's --probe stays the curvature overlay's point; what has no meaning on a network
// is refused with exit status 2, naming the option.

#include "render/image.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

using namespace gradscape;
using namespace gradscape::testing;

namespace {

const std::string kNetworkRaceOptions = " --problem mlp --layers 2,8,1 --data moons --samples 64 --seed 3 --loss bce "
                                        "--optimizer gd:lr=0.5 --optimizer adam:lr=0.01 --steps 60";

// `gradscape render ARGUMENTS --out DIR/NAME.png`, REQUIREd to succeed, and its picture.
Image networkRender(const std::string& dir, const std::string& name, const std::string& arguments) {
    const std::string path = dir + "/" + name + ".png";
    const CommandResult r = run(std::string(executable()) + " render " + arguments + " --out " + path + " 2>&1");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    return readPng(path);
}

// The rows [top, image.height) alone.
Image rowsFrom(const Image& image, int top) {
    Image rows{image.width, image.height - top, {}};
    rows.rgba.assign(image.rgba.begin() + std::ptrdiff_t(top) * image.width * 4, image.rgba.end());
    return rows;
}

}  // namespace

TEST_CASE("render --problem mlp draws the network race on its plane as the scene with that /problem does") {
    const std::string dir = temporaryDirectory("network-render");
    const std::string size = " --width 640 --height 400";
    const Image fromOptions = networkRender(dir, "options", kNetworkRaceOptions + " --plane pca" + size);
    CHECK(fromOptions.width == 640);
    // The same race as a scene file: every pixel the same (contours, paths, legend, the data inset).
    std::ofstream(dir + "/race.json") << R"({"format": "gradscape-scene", "version": 1,
        "landscape": {"name": "rosenbrock"},
        "optimizers": [{"id": 1, "kind": "gd", "hyperparameters": {"lr": 0.5}},
                       {"id": 2, "kind": "adam", "hyperparameters": {"lr": 0.01}}],
        "problem": {"layers": [2, 8, 1], "activation": "tanh", "loss": "bce",
                    "data": {"kind": "moons", "samples": 64, "seed": 3}, "seed": 3,
                    "plane": {"kind": "pca", "seed": 1}},
        "views": {"mode": "contour", "plots": false}, "race": {"steps": 60}})";
    const Image fromScene = networkRender(dir, "scene", "--scene " + dir + "/race.json" + size);
    CHECK(samePixelShare(fromOptions, fromScene) == 1.0);
    // Both racers' paths are drawn in their palette colours (orange, sky blue) beyond their legend swatches.
    CHECK(countNear(fromOptions, 0xe6, 0x9f, 0x00, 30) > 60);
    CHECK(countNear(fromOptions, 0x56, 0xb4, 0xe9, 30) > 60);
    // Another plane is another picture; the random plane is the default.
    const Image points = networkRender(dir, "points", kNetworkRaceOptions + " --plane points" + size);
    CHECK(samePixelShare(points, fromOptions) < 0.9);
    const Image random = networkRender(dir, "random", kNetworkRaceOptions + size);
    CHECK(samePixelShare(random, networkRender(dir, "random-1", kNetworkRaceOptions + " --plane random" + size)) == 1.0);
    CHECK(samePixelShare(random, networkRender(dir, "random-2", kNetworkRaceOptions + " --plane random --plane-seed 2" + size)) < 0.9);
    // --region is in the plane's coordinates: a zoom is another picture.
    CHECK(samePixelShare(random, networkRender(dir, "zoom", kNetworkRaceOptions + " --region -0.2,0.2,-0.2,0.2" + size)) < 0.9);
}

TEST_CASE("render --problem-file draws the file's network: the same picture but for the legend's name") {
    const std::string dir = temporaryDirectory("network-render-file");
    const CommandResult made = run(std::string(executable()) +
                                   " run --problem mlp --layers 2,8,1 --data moons --samples 64 --seed 3 "
                                   "--export-problem " + dir + "/moons.json 2>&1");
    INFO(made.output);
    REQUIRE(made.exitStatus == 0);
    const std::string racers = " --optimizer gd:lr=0.5 --optimizer adam:lr=0.01 --steps 60 --plane pca";
    const Image made2 = networkRender(dir, "made", kNetworkRaceOptions + " --plane pca");
    const Image read = networkRender(dir, "read", "--problem-file " + dir + "/moons.json" + racers);
    // The legend (at the top right) names the network "mlp 2-8-1 tanh, bce" (a file does not say what data it
    // holds) instead of "... on moons, bce"; below it, the same race on the same plane, the same data inset.
    CHECK(samePixelShare(made2, read) < 1.0);
    CHECK(samePixelShare(rowsFrom(made2, 200), rowsFrom(read, 200)) == 1.0);
}

TEST_CASE("the linear probe is --linear-probe on run and render; run still reads --probe, render's is a point") {
    const std::string dir = temporaryDirectory("network-render-probe");
    const std::string net = " --problem mlp --layers 2,8,8,1 --data moons --samples 64 --seed 3 --optimizer adam:lr=0.01 "
                            "--steps 20";
    const CommandResult oldName = runData(net + " --probe");
    const CommandResult newName = runData(net + " --linear-probe");
    REQUIRE(oldName.exitStatus == 0);
    CHECK(newName.output == oldName.output);
    CHECK(runData(net).output != oldName.output);
    const Image probe = networkRender(dir, "probe", net + " --linear-probe");
    CHECK(samePixelShare(probe, networkRender(dir, "whole", net)) < 0.9);
    // render's --probe is the curvature overlay's point, on a network's plane too.
    const Image curvature = networkRender(dir, "curvature", net + " --overlays curvature --probe 0.1,0.1");
    CHECK(samePixelShare(curvature, networkRender(dir, "no-curvature", net + " --overlays curvature")) < 1.0);
    const CommandResult help = run(std::string(executable()) + " render --help");
    CHECK(help.output.find("--linear-probe") != std::string::npos);
    CHECK(help.output.find("--problem-file") != std::string::npos);
    CHECK(help.output.find("--linearize") == std::string::npos);
    CHECK(run(std::string(executable()) + " run --help").output.find("--linear-probe,--probe") != std::string::npos);
}

TEST_CASE("render refuses what has no meaning on a network, naming the option, with exit status 2") {
    const std::string dir = temporaryDirectory("network-render-refused");
    const std::string gradscape = std::string(executable()) + " render --out " + dir + "/refused.png ";
    const std::string net = "--problem mlp --layers 2,8,1 --data moons --samples 64 --steps 5 ";
    for (auto [arguments, why] : {
             std::pair{net + "--l2 0.1", "--l1, --l2: a network problem has no regularization"},
             {net + "--constraint", "--constraint: a network problem has no L1 or L2 region"},
             {net + "--contours data", "--contours data: a network problem has no penalty"},
             {net + "--start 1,1", "--start: a network starts from its initial weights"},
             {net + "--batch-size 8", "--batch-size: render trains a network on the full batch"},
             {net + "--optimizer sgd:batch-size=8", "sgd: batch-size= has no meaning here"},
             {net + "--landscape quadratic", "--problem: races a network instead of a landscape"},
             {net + "--param kappa=3", "--problem: races a network instead of a landscape"},
             {net + "--scene x.json", "excludes"},
             {"--problem mlp --layers 2,64,64,1 --optimizer newton", "newton: a network of 4417 parameters"},
             {"--problem mlp --samples 0", "--samples must be in [1, 100000], got 0"},
             {"--problem mlp --layers 2,1 --linear-probe", "--linear-probe needs a hidden layer"},
             {"--layers 2,8,1", "--layers: describes a network: give --problem mlp"},
             {"--linear-probe", "--linear-probe: describes a network: give --problem mlp"},
             {"--plane pca", "--plane: slices a network problem: give --problem mlp"},
             {net + "--plane-seed 3", "--plane-seed: seeds the random plane: give --plane random"},
             {net + "--linearize", "--linearize"},
             {"--problem-file " + dir + "/missing.json", "missing.json"},
         }) {
        CAPTURE(arguments);
        const CommandResult r = run(gradscape + arguments + " 2>&1");
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(why) != std::string::npos);
    }
    CHECK_FALSE(std::ifstream(dir + "/refused.png").good());
}
