// `gradscape render --problem mlp` (issue 15): the network race drawn on its plane exactly as the scene with
// the same /problem draws it; --problem-file draws the file's network; the linear probe is --linear-probe on
// both commands while render's --probe stays the curvature overlay's point; what has no meaning on a network
// is refused with exit status 2, naming the option; --grid-csv writes the loss over the plane's box.

#include "cli_parse.h"
#include "commands/render_command.h"
#include "render/image.h"
#include "support/test_files.h"
#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

TEST_CASE("render --grid-csv writes the loss over the plane's box as a,b,loss: the network's loss on the plane") {
    const std::string dir = temporaryDirectory("network-render-grid");
    const std::string race = kNetworkRaceOptions + " --plane pca";
    const CommandResult r =
        run(std::string(executable()) + " render" + race + " --grid-csv " + dir + "/plane.csv --grid-size 9 2>&1");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    CHECK(r.output.find("(9 x 9 points of a,b,loss)") != std::string::npos);
    const std::vector<std::string> rows = lines(fileContents(dir + "/plane.csv"));
    REQUIRE(rows.size() == 1 + 81);
    CHECK(rows[0] == "a,b,loss");
    // The same race in this process: its plane and the box the plane is drawn over.
    std::vector<std::string> words{"render"};
    std::stringstream in(race);
    for (std::string word; in >> word;)
        words.push_back(word);
    const ParsedCommand parsed = parseCommandLine(words);
    REQUIRE(parsed.action == ParsedCommand::Action::Render);
    const NetworkRender made = networkSceneFor(parsed.render);
    Session session(made.scene, made.network);
    const auto snapshot = session.sync();
    const LossPlane* plane = lossPlaneOf(*snapshot->landscape);
    REQUIRE(plane != nullptr);
    CHECK(plane->settings.kind == PlaneKind::Principal);
    const ViewBox box = session.viewBox;
    for (std::size_t k = 1; k < rows.size(); ++k) {
        CAPTURE(rows[k]);
        char* end = nullptr;
        const double a = std::strtod(rows[k].c_str(), &end);
        const double b = std::strtod(end + 1, &end);
        const double loss = std::strtod(end + 1, &end);
        const int i = static_cast<int>((k - 1) % 9), j = static_cast<int>((k - 1) / 9);
        CHECK(a == doctest::Approx(box.xMin + box.width() * i / 8).epsilon(1e-14));
        CHECK(b == doctest::Approx(box.yMin + box.height() * j / 8).epsilon(1e-14));
        const double expected = made.network->valueAt(plane->at(Vec2(a, b)));
        CHECK(std::abs(loss - expected) <= 1e-12 * std::abs(expected));
    }
    // Beside a PNG too; and a 2D landscape's grid is x,y,loss over --region.
    const Image picture = networkRender(dir, "with-grid", race + " --grid-csv " + dir + "/again.csv --grid-size 9");
    CHECK(picture.width == 1280);
    CHECK(fileContents(dir + "/again.csv") == fileContents(dir + "/plane.csv"));
    const CommandResult flat = run(std::string(executable()) + " render --landscape quadratic --region -1,1,-2,2 "
                                   "--grid-csv " + dir + "/flat.csv --grid-size 3 2>&1");
    REQUIRE(flat.exitStatus == 0);
    const std::vector<std::string> flatRows = lines(fileContents(dir + "/flat.csv"));
    REQUIRE(flatRows.size() == 10);
    CHECK(flatRows[0] == "x,y,loss");
    CHECK(flatRows[1].rfind("-1,-2,", 0) == 0);
    CHECK(flatRows[5].rfind("0,0,", 0) == 0);
    CHECK(flatRows[9].rfind("1,2,", 0) == 0);
    CHECK(std::stod(flatRows[5].substr(4)) == makeLandscape("quadratic")->valueAt(Vec2(0, 0)));
    // Refused: a size without a file, a size out of range, a file that cannot be written.
    for (auto [arguments, why] : {
             std::pair{std::string(" --grid-size 9 --out ") + dir + "/x.png", "--grid-size: sizes the grid of --grid-csv"},
             {" --grid-csv " + dir + "/g.csv --grid-size 1", "--grid-size: must be a whole number in [2, 1024]"},
             {" --grid-csv " + dir, "--grid-csv: "},
         }) {
        CAPTURE(arguments);
        const CommandResult refused = run(std::string(executable()) + " render" + race + arguments + " 2>&1");
        CHECK(refused.exitStatus == 2);
        CHECK(refused.output.find(why) != std::string::npos);
    }
}
