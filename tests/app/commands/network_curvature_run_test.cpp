// `gradscape run --problem mlp` with --linearize (the network's linearization at w0 trains) and
// --sharpness-every K (the Hessian's largest eigenvalue in a sharpness column every K steps, empty between).

#include "support/test_support.h"

#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

using namespace gradscape::testing;

TEST_CASE("run --linearize trains the linearized network: the same start, then its own losses") {
    const std::string base = std::string(executable()) +
                             " run --problem mlp --layers 1,32,1 --activation tanh --data sine --samples 32 "
                             "--seed 2 --optimizer gd:lr=0.05 --steps 30";
    const CommandResult real = run(base);
    const CommandResult linear = run(base + " --linearize");
    INFO(linear.output);
    REQUIRE(real.exitStatus == 0);
    REQUIRE(linear.exitStatus == 0);
    const auto realLines = lines(real.output), linearLines = lines(linear.output);
    REQUIRE(linearLines.size() == 1 + 31);
    CHECK(linearLines[0] == "id,optimizer,step,loss");
    CHECK(linearLines[1] == realLines[1]);  // f_lin(w0) = f(w0)
    CHECK(linearLines[31] != realLines[31]);
    const double first = std::stod(csvFields(linearLines[1])[3]);
    const double last = std::stod(csvFields(linearLines[31])[3]);
    const double lastReal = std::stod(csvFields(realLines[31])[3]);
    CHECK(last < first);
    CHECK(std::abs(last - lastReal) < 0.2 * lastReal);  // lazy enough at this width and rate to stay close
}

TEST_CASE("a racer given linearized= trains the linearization beside a racer on the network, as --linearize does") {
    const std::string base = std::string(executable()) +
                             " run --problem mlp --layers 1,32,1 --activation tanh --data sine --samples 32 "
                             "--seed 2 --steps 30";
    const CommandResult mixed = run(base + " --optimizer gd:lr=0.05 --optimizer gd:lr=0.05,linearized");
    const CommandResult linear = run(base + " --optimizer gd:lr=0.05 --linearize");
    const CommandResult real = run(base + " --optimizer gd:lr=0.05");
    INFO(mixed.output);
    REQUIRE(mixed.exitStatus == 0);
    REQUIRE(linear.exitStatus == 0);
    const auto mixedLines = lines(mixed.output), linearLines = lines(linear.output), realLines = lines(real.output);
    REQUIRE(mixedLines.size() == 1 + 2 * 31);
    // Racer 1 is the network's own run, racer 2 the linearized run, loss for loss (only the id differs).
    for (std::size_t k = 1; k <= 31; ++k) {
        CHECK(mixedLines[k] == realLines[k]);
        const auto lazy = csvFields(mixedLines[31 + k]), alone = csvFields(linearLines[k]);
        CHECK(lazy[0] == "2");
        CHECK(lazy[3] == alone[3]);
    }
}

TEST_CASE("run --sharpness-every K adds the sharpness every K steps, empty between") {
    const std::string base = std::string(executable()) +
                             " run --problem mlp --layers 2,8,1 --data moons --samples 64 --seed 4 "
                             "--optimizer gd:lr=0.5 --optimizer adam:lr=0.01 --steps 20 --sharpness-every 5";
    const CommandResult r = run(base);
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    const auto rows = lines(r.output);
    REQUIRE(rows.size() == 1 + 2 * 21);
    CHECK(rows[0] == "id,optimizer,step,loss,sharpness");
    for (size_t i = 1; i < rows.size(); ++i) {
        CAPTURE(rows[i]);
        const auto fields = csvFields(rows[i]);
        REQUIRE(fields.size() == 5);
        const int step = std::stoi(fields[2]);
        if (step % 5 == 0) {
            CHECK(std::stod(fields[4]) > 0);
        } else {
            CHECK(fields[4].empty());
        }
    }
    // Both racers start at the same weights: the same sharpness there.
    CHECK(csvFields(rows[1])[4] == csvFields(rows[22])[4]);
    CHECK(run(base).output == r.output);

    // The linearized MSE loss is a quadratic: its sharpness is the same all along the path.
    const CommandResult flat = run(std::string(executable()) +
                                   " run --problem mlp --layers 1,16,1 --data sine --samples 32 --linearize "
                                   "--optimizer gd:lr=0.05 --steps 12 --sharpness-every 4");
    REQUIRE(flat.exitStatus == 0);
    const auto flatRows = lines(flat.output);
    const double start = std::stod(csvFields(flatRows[1])[4]);
    for (const size_t row : {5, 9, 13})
        CHECK(std::stod(csvFields(flatRows[row])[4]) == doctest::Approx(start).epsilon(1e-8));
}

TEST_CASE("run refuses --linearize and --sharpness-every where they mean nothing, naming the option") {
    const std::string gradscape = std::string(executable()) + " run ";
    for (auto [arguments, why] : {
             std::pair{"--landscape quadratic --linearize --optimizer gd",
                       "--linearize: describes a network race"},
             {"--landscape quadratic --sharpness-every 3 --optimizer gd",
              "--sharpness-every: describes a network race"},
             {"--problem mlp --probe --linearize --optimizer gd", "--linearize excludes probe"},
             {"--problem mlp --sharpness-every 0 --optimizer gd", "--sharpness-every"},
         }) {
        CAPTURE(arguments);
        const CommandResult r = run(gradscape + arguments + " 2>&1");
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(why) != std::string::npos);
    }
}
