// `gradscape map basins|params` (issue 14): the CSV contract, every cell checked against `gradscape run`
// from that start with those settings, the PNG's size, the progress bar, and refusals naming the option.

#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace gradscape::testing;

namespace {

std::vector<std::vector<std::string>> readCsv(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> fields;
        std::stringstream s(line);
        for (std::string f; std::getline(s, f, ',');)
            fields.push_back(f);
        rows.push_back(fields);
    }
    return rows;
}

CommandResult mapRun(const std::string& arguments) {
    return run(std::string(executable()) + " map " + arguments);
}

// The last row of `gradscape run` (optimizer,id,label,step,x,y,loss) and the rows themselves.
std::vector<std::vector<std::string>> runRows(const std::string& arguments) {
    const CommandResult r = runData(arguments);
    REQUIRE(r.exitStatus == 0);
    std::vector<std::vector<std::string>> rows;
    std::stringstream in(r.output);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream s(line);
        for (std::string f; std::getline(s, f, ',');)
            fields.push_back(f);
        rows.push_back(fields);
    }
    return rows;
}

}  // namespace

TEST_CASE("map basins writes one CSV row per cell, each the run gradscape run makes from that start") {
    const std::string dir = temporaryDirectory("map-basins");
    const CommandResult r = mapRun("basins --landscape himmelblau --optimizer gd:lr=0.01 --size 6 --steps 400 "
                                   "--tol 1e-4 --out " + dir + "/b.png --csv " + dir + "/b.csv");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    CHECK(r.output.find("100%") != std::string::npos);  // the progress bar, on standard error
    const auto rows = readCsv(dir + "/b.csv");
    REQUIRE(rows.size() == 1 + 36);
    CHECK(rows[0] == std::vector<std::string>{"i", "j", "x", "y", "minimum", "steps", "final_loss", "diverged"});
    // Himmelblau's minima, as the landscape knows them, for the check of `minimum`.
    const double minima[4][2] = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
    for (size_t k = 1; k < rows.size(); k += 5) {
        const auto& row = rows[k];
        REQUIRE(row.size() == 8);
        CAPTURE(k);
        const int i = std::stoi(row[0]), j = std::stoi(row[1]);
        CHECK(std::stod(row[2]) == doctest::Approx(-5 + (i + 0.5) * 10 / 6.0));
        CHECK(std::stod(row[3]) == doctest::Approx(-5 + (j + 0.5) * 10 / 6.0));
        const auto path = runRows("--landscape himmelblau --optimizer gd:lr=0.01 --steps 400 --start " + row[2] +
                                  "," + row[3]);
        REQUIRE(path.size() == 401);
        CHECK(row[6] == path.back()[6]);  // the final loss, to the last digit
        CHECK(row[7] == "0");
        // The step from which the path stays within 1e-4 of the minimum it reaches.
        const double ex = std::stod(path.back()[4]), ey = std::stod(path.back()[5]);
        int nearest = -1;
        for (int m = 0; m < 4; ++m)
            if (std::hypot(ex - minima[m][0], ey - minima[m][1]) < 1e-3) nearest = m;
        REQUIRE(nearest >= 0);
        int arrived = 400;
        // Against the minimum's exact position: the row's own final point stands in, 1e-4 being far wider
        // than the distance between the two (the run ends within 1e-12 of the polished minimum).
        while (arrived > 0 && std::hypot(std::stod(path[arrived - 1][4]) - ex, std::stod(path[arrived - 1][5]) - ey) <= 1e-4 - 1e-9)
            --arrived;
        CHECK(std::abs(std::stoi(row[5]) - arrived) <= 1);
        CHECK(std::stoi(row[4]) >= 0);
    }
    const gradscape::Image png = readPng(dir + "/b.png");
    CHECK(png.width == 6 * 86);  // small maps are drawn in whole blocks at least 512 pixels a side
    CHECK(png.height == 6 * 86);
}

TEST_CASE("map params writes lr and momentum per cell, each the run with those settings, and marks divergence") {
    const std::string dir = temporaryDirectory("map-params");
    const CommandResult r = mapRun("params --landscape quadratic --param kappa=25 --optimizer momentum "
                                   "--x lr:0.01:0.2:log --y momentum:0:0.9 --size 5 --steps 300 --quiet --colour rate "
                                   "--out " + dir + "/p.png --csv " + dir + "/p.csv");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    CHECK(r.output.find("%") == std::string::npos);  // --quiet
    const auto rows = readCsv(dir + "/p.csv");
    REQUIRE(rows.size() == 1 + 25);
    CHECK(rows[0] == std::vector<std::string>{"i", "j", "lr", "momentum", "final_loss", "steps", "rate", "diverged"});
    int diverged = 0;
    for (size_t k = 1; k < rows.size(); k += 3) {
        const auto& row = rows[k];
        CAPTURE(k);
        const double eta = std::stod(row[2]), beta = std::stod(row[3]);
        const auto path = runRows("--landscape quadratic --param kappa=25 --optimizer momentum:lr=" + row[2] +
                                  ",momentum=" + row[3] + " --steps 300");
        // A diverged run stops before its 300 steps; the map's final loss is its last row's.
        CHECK(row[4] == path.back()[6]);
        const bool stable = eta * 25 < 2 + 2 * beta;
        CHECK(row[7] == (stable ? "0" : "1"));
        CHECK((path.size() < 301) == !stable);
        diverged += !stable;
    }
    CHECK(diverged > 0);
}

TEST_CASE("map basins of several racers draws them side by side and writes each racer's rows as its own map") {
    const std::string dir = temporaryDirectory("map-multiples");
    const std::string common = " --landscape six-hump-camel --size 5 --steps 300 --quiet";
    const CommandResult all = mapRun("basins" + common + " --optimizer gd:lr=0.02 --optimizer momentum:lr=0.01,momentum=0.9 "
                                     "--optimizer adam:lr=0.05 --out " + dir + "/all.png --csv " + dir + "/all.csv");
    INFO(all.output);
    REQUIRE(all.exitStatus == 0);
    const auto rows = readCsv(dir + "/all.csv");
    REQUIRE(rows.size() == 1 + 3 * 25);
    CHECK(rows[0] == std::vector<std::string>{"optimizer", "id", "label", "i", "j", "x", "y", "minimum", "steps",
                                              "final_loss", "diverged"});
    const char* specs[] = {"gd:lr=0.02", "momentum:lr=0.01,momentum=0.9", "adam:lr=0.05"};
    const char* kinds[] = {"gd", "momentum", "adam"};
    std::vector<std::string> differ;
    for (int k = 0; k < 3; ++k) {
        CAPTURE(k);
        REQUIRE(mapRun("basins" + common + " --optimizer " + specs[k] + " --out " + dir + "/one.png --csv " + dir +
                       "/one.csv").exitStatus == 0);
        const auto one = readCsv(dir + "/one.csv");
        REQUIRE(one.size() == 26);
        std::string minima;
        for (size_t r = 1; r < one.size(); ++r) {
            const auto& row = rows[size_t(k) * 25 + r];
            CHECK(row[0] == kinds[k]);
            CHECK(std::vector<std::string>(row.begin() + 3, row.end()) == one[r]);  // the same run, digit for digit
            minima += one[r][4] + "@" + one[r][5] + ";";  // the minimum reached, and from which step
        }
        differ.push_back(minima);
    }
    // GD, momentum and Adam reach six-hump camel's minima differently.
    CHECK(differ[0] != differ[1]);
    CHECK(differ[0] != differ[2]);
    const gradscape::Image png = readPng(dir + "/all.png");
    CHECK(png.width == 3 * 5 * 103 + 2 * 16);
    CHECK(png.height == 5 * 103);
    // The gaps between the tiles are white.
    const size_t gap = (static_cast<size_t>(png.height / 2) * png.width + 5 * 103 + 8) * 4;
    CHECK(int(png.rgba[gap]) + png.rgba[gap + 1] + png.rgba[gap + 2] == 3 * 255);
}

TEST_CASE("on a basin map each start draws its own noise: SGD's cell (i, j) is the run with seed + j * size + i") {
    const std::string dir = temporaryDirectory("map-noise");
    const std::string common = " --landscape six-hump-camel --size 24 --steps 300 --tol 0.2 --quiet";
    REQUIRE(mapRun("basins" + common + " --optimizer sgd:lr=0.02,noise=2,seed=7 --out " + dir + "/n.png --csv " + dir +
                   "/n.csv").exitStatus == 0);
    REQUIRE(mapRun("basins" + common + " --optimizer gd:lr=0.02 --out " + dir + "/g.png --csv " + dir + "/g.csv")
                .exitStatus == 0);
    const auto noisy = readCsv(dir + "/n.csv"), plain = readCsv(dir + "/g.csv");
    REQUIRE(noisy.size() == 1 + 24 * 24);
    for (size_t k : {1, 2, 25, 300, 576}) {
        const auto& row = noisy[k];
        const int i = std::stoi(row[0]), j = std::stoi(row[1]);
        CAPTURE(k);
        const auto path = runRows("--landscape six-hump-camel --optimizer sgd:lr=0.02,noise=2,seed=" +
                                  std::to_string(7 + j * 24 + i) + " --steps 300 --start " + row[2] + "," + row[3]);
        CHECK(row[6] == path.back()[6]);  // the final loss, to the last digit
    }
    // Noise blurs the borders: far more neighbouring starts end at different minima than without it.
    const auto borders = [](const std::vector<std::vector<std::string>>& rows) {
        int count = 0;
        for (int j = 0; j < 24; ++j)
            for (int i = 0; i + 1 < 24; ++i)
                count += rows[size_t(1 + j * 24 + i)][4] != rows[size_t(2 + j * 24 + i)][4];
        return count;
    };
    CHECK(borders(plain) > 10);
    CHECK(borders(noisy) > 3 * borders(plain) / 2);
}

TEST_CASE("map refuses what it cannot compute, naming the option") {
    const std::string dir = temporaryDirectory("map-refusals");
    const std::string out = " --out " + dir + "/x.png";
    for (auto [arguments, why] : {
             std::pair{"params --landscape quadratic --optimizer adam --y momentum:0:0.9", "--y: adam does not read momentum"},
             {"params --landscape quadratic --optimizer momentum --x lr:0:1:log", "--x: a log axis needs MIN > 0"},
             {"params --landscape quadratic --optimizer gd,adam", "--optimizer: a parameter map follows one racer, got 2"},
             {"basins --landscape quadratic --optimizer gd --x lr:0:1", "--x: a basin map's x axis is the start's x"},
             {"params --landscape quadratic --optimizer momentum --colour minimum", "--colour: minimum colours basin maps"},
             {"volcanoes --landscape quadratic --optimizer gd", "kind"},
             {"basins --landscape quadratic --optimizer gd --size 0", "--size"},
         }) {
        CAPTURE(arguments);
        const CommandResult r = mapRun(std::string(arguments) + out);
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(why) != std::string::npos);
    }
    CHECK_FALSE(std::ifstream(dir + "/x.png").good());
}

TEST_CASE("the map panel's lessons render their maps: basins in the minima's colours, the momentum map with its theory") {
    const std::string dir = temporaryDirectory("map-lessons");
    const std::string lessons = std::string(GRADSCAPE_ASSETS_DIR) + "/lessons/";
    // Count pixels of the strip under the views (its lower 40%) near a colour.
    const auto stripCount = [](const gradscape::Image& image, int r, int g, int b) {
        gradscape::Image strip{image.width, image.height * 2 / 5, {}};
        strip.rgba.assign(image.rgba.end() - size_t(strip.width) * strip.height * 4, image.rgba.end());
        return countNear(strip, r, g, b, 6);
    };
    CommandResult r = run(std::string(executable()) + " render --scene " + lessons + "14-newton-basins.json --out " +
                          dir + "/basins.png --width 1600 --height 1000");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    const gradscape::Image basins = readPng(dir + "/basins.png");
    // Each minimum's colour (orange, sky blue, reddish purple, yellow), darkened by the steps it took (to 40%
    // at the race's steps), and grey where Newton ends at a saddle or the maximum.
    const auto shadedCount = [](const gradscape::Image& image, int red, int green, int blue) {
        int count = 0;
        for (size_t k = image.rgba.size() * 3 / 5 / 4 * 4; k < image.rgba.size(); k += 4) {
            const double shade = image.rgba[k + 1] / double(green);
            count += shade > 0.38 && shade < 1.02 && std::abs(image.rgba[k] - shade * red) <= 6 &&
                     std::abs(image.rgba[k + 2] - shade * blue) <= 6;
        }
        return count;
    };
    for (auto [red, green, blue] : {std::tuple{230, 159, 0}, {86, 180, 233}, {204, 121, 167}, {240, 228, 66}}) {
        CAPTURE(red);
        CHECK(shadedCount(basins, red, green, blue) > 2000);
    }
    CHECK(stripCount(basins, 128, 128, 128) > 5000);

    r = run(std::string(executable()) + " render --scene " + lessons + "15-momentum-map.json --out " + dir +
            "/momentum.png --width 1600 --height 1000");
    REQUIRE(r.exitStatus == 0);
    const gradscape::Image momentum = readPng(dir + "/momentum.png");
    CHECK(stripCount(momentum, 0xd6, 0x27, 0x28) > 2000);  // diverged cells, beyond the edge
    // The theory's curves and the optimum are white; with dampening there is no closed form, and no curves.
    std::ifstream in(lessons + "15-momentum-map.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string own = "\"momentum\": 0.6}";
    REQUIRE(text.find(own) != std::string::npos);
    text.replace(text.find(own), own.size(), "\"momentum\": 0.6, \"dampening\": 0.5}");
    std::ofstream(dir + "/damped.json") << text;
    r = run(std::string(executable()) + " render --scene " + dir + "/damped.json --out " + dir +
            "/damped.png --width 1600 --height 1000");
    REQUIRE(r.exitStatus == 0);
    const gradscape::Image damped = readPng(dir + "/damped.png");
    CHECK(stripCount(momentum, 255, 255, 255) > stripCount(damped, 255, 255, 255) + 500);
}

TEST_CASE("tune prints each racer's setting before and after, tuned by one criterion for all") {
    const CommandResult r = run(std::string(executable()) +
                                " tune --landscape quadratic --param kappa=25 --optimizer gd --optimizer momentum "
                                "--steps 500 --criterion steps --tol 1e-6 2>&1");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    std::stringstream in(r.output);
    std::vector<std::string> rows;
    for (std::string line; std::getline(in, line);)
        rows.push_back(line);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == "tuned by steps to the tolerance after 500 steps, from each racer's start (tolerance 1e-06)");
    CHECK(rows[2].find("Gradient descent") == 0);
    // GD's fastest rate on a quadratic with curvatures 1 and 25 is 2 / 26 = 0.0769.
    const size_t lr = rows[2].find("lr=0.07");
    CHECK(lr != std::string::npos);
    CHECK(rows[3].find("momentum=0.") != std::string::npos);
    CHECK(rows[3].find("there from step") != std::string::npos);
    const CommandResult bad = run(std::string(executable()) + " tune --landscape quadratic --optimizer gd --size 1 2>&1");
    CHECK(bad.exitStatus == 2);
    CHECK(bad.output.find("--size") != std::string::npos);
}

TEST_CASE("the ridge-path overlay draws the path and GD's alpha = 1/(eta t) marker in white over the landscape") {
    const std::string dir = temporaryDirectory("ridge-overlay");
    const std::string base = std::string(executable()) +
                             " render --landscape linreg --optimizer \"gd:lr=0.02,start=0;0\" --steps 20 --width 800 --height 500";
    REQUIRE(run(base + " --out " + dir + "/plain.png").exitStatus == 0);
    const CommandResult r = run(base + " --overlays ridge --out " + dir + "/ridge.png");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    const gradscape::Image plain = readPng(dir + "/plain.png"), ridge = readPng(dir + "/ridge.png");
    CHECK(countNear(ridge, 255, 255, 255, 20) > countNear(plain, 255, 255, 255, 20) + 150);
}
