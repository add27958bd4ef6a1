// `gradscape run --problem mlp` (issue 15): every step's loss as id,optimizer,step,loss, reproducible from
// the seed; --export-problem writes the problem in the format and --problem-file races on it to the
// same losses; what cannot be raced is refused, naming the option.

#include "support/test_support.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace gradscape::testing;

namespace {

std::vector<std::string> networkRunLines(const std::string& output) {
    std::vector<std::string> lines;
    std::stringstream in(output);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

double networkRunLoss(const std::string& line) {
    return std::stod(line.substr(line.rfind(',') + 1));
}

}  // namespace

TEST_CASE("run --problem mlp prints every step's loss per racer, the same for the same seed") {
    const std::string base = std::string(executable()) +
                             " run --problem mlp --layers 2,16,16,1 --activation tanh --data moons --samples 256 "
                             "--loss bce --optimizer adam:lr=0.01 --optimizer gd:lr=0.1 --steps 50";
    const CommandResult r = run(base + " --seed 3");
    INFO(r.output);
    REQUIRE(r.exitStatus == 0);
    const auto lines = networkRunLines(r.output);
    REQUIRE(lines.size() == 1 + 2 * 51);
    CHECK(lines[0] == "id,optimizer,step,loss");
    CHECK(lines[1].rfind("1,adam,0,", 0) == 0);
    CHECK(lines[52].rfind("2,gd,0,", 0) == 0);
    CHECK(lines[102].rfind("2,gd,50,", 0) == 0);
    // Both start from the same weights; both learn.
    CHECK(networkRunLoss(lines[1]) == networkRunLoss(lines[52]));
    CHECK(networkRunLoss(lines[51]) < 0.5 * networkRunLoss(lines[1]));
    CHECK(networkRunLoss(lines[102]) < networkRunLoss(lines[52]));
    CHECK(run(base + " --seed 3").output == r.output);
    CHECK(run(base + " --seed 4").output != r.output);
}

TEST_CASE("--export-problem writes the problem as the issue specifies; --problem-file races to the same losses") {
    const std::string dir = temporaryDirectory("network-export");
    const std::string spec = " --optimizer nesterov:lr=0.05,momentum=0.9 --steps 20";
    const CommandResult made = run(std::string(executable()) +
                                   " run --problem mlp --layers 1,8,1 --activation gelu --data sine --samples 24 "
                                   "--seed 9 --export-problem " + dir + "/sine.json" + spec);
    INFO(made.output);
    REQUIRE(made.exitStatus == 0);
    std::ifstream in(dir + "/sine.json");
    const nlohmann::json file = nlohmann::json::parse(in);
    CHECK(file["layers"] == nlohmann::json::array({1, 8, 1}));
    CHECK(file["activation"] == "gelu");
    CHECK(file["loss"] == "mse");  // a regression set's default
    REQUIRE(file["inputs"].size() == 24);
    CHECK(file["inputs"][0].size() == 1);
    CHECK(file["targets"].size() == 24);
    REQUIRE(file["weights"].size() == 2);
    CHECK(file["weights"][0]["W"].size() == 8);     // out x in
    CHECK(file["weights"][0]["W"][0].size() == 1);
    CHECK(file["weights"][1]["b"].size() == 1);
    const CommandResult again = run(std::string(executable()) + " run --problem-file " + dir + "/sine.json" + spec);
    REQUIRE(again.exitStatus == 0);
    CHECK(again.output == made.output);
    // Exporting alone writes the file and races nothing.
    const CommandResult alone = run(std::string(executable()) + " run --problem mlp --data xor --samples 16 "
                                    "--layers 2,4,1 --export-problem " + dir + "/xor.json");
    CHECK(alone.exitStatus == 0);
    CHECK(alone.output.empty());
    CHECK(std::ifstream(dir + "/xor.json").good());
}

TEST_CASE("run --problem mlp --batch-size trains every racer on the same minibatches, printing full-batch losses") {
    const std::string base = std::string(executable()) +
                             " run --problem mlp --layers 2,8,1 --data moons --samples 64 --seed 5 --steps 30";
    const std::string racers = " --optimizer sgd:lr=0.5 --optimizer gd:lr=0.5 --optimizer lbfgs";
    const CommandResult mini = run(base + racers + " --batch-size 16");
    INFO(mini.output);
    REQUIRE(mini.exitStatus == 0);
    const auto lines = networkRunLines(mini.output);
    REQUIRE(lines.size() == 1 + 3 * 31);
    CHECK(lines[0] == "id,optimizer,step,loss");
    // sgd and gd see the same batches: the same losses, step for step.
    for (int k = 0; k <= 30; ++k) {
        CAPTURE(k);
        CHECK(networkRunLoss(lines[1 + k]) == networkRunLoss(lines[32 + k]));
    }
    CHECK(networkRunLoss(lines[31]) < networkRunLoss(lines[1]));
    CHECK(networkRunLoss(lines[93]) < networkRunLoss(lines[63]));
    // The same seed deals the same batches; another seed (other data and weights too) does not.
    CHECK(run(base + racers + " --batch-size 16").output == mini.output);
    const CommandResult full = run(base + racers);
    REQUIRE(full.exitStatus == 0);
    CHECK(full.output != mini.output);
    CHECK(networkRunLines(full.output)[1] == lines[1]);  // the same start
    // Every kind trains on minibatches, newton and bfgs on this small network too.
    const CommandResult every =
        run(base + " --batch-size 8 --optimizer newton --optimizer bfgs --optimizer coordinate:lr=0.5 "
                   "--optimizer randomsearch:lr=0.1 --optimizer adam:lr=0.05");
    INFO(every.output);
    CHECK(every.exitStatus == 0);
    CHECK(networkRunLines(every.output).size() == 1 + 5 * 31);
}

TEST_CASE("run refuses a network it cannot race, naming the option") {
    const std::string gradscape = std::string(executable()) + " run ";
    for (auto [arguments, why] : {
             std::pair{"--problem mlp --samples 0 --optimizer gd", "--samples must be in [1, 100000], got 0"},
             {"--problem mlp --layers 2,4,3 --optimizer gd", "--layers must end in 1"},
             {"--landscape quadratic --layers 2,3,1 --optimizer gd", "--layers: describes a network: give --problem mlp"},
             {"--problem mlp --layers 2,64,64,1 --optimizer newton",
              "newton: a network of 4417 parameters needs a 4417 x 4417 Hessian (148.8 MiB); at most 2048 "
              "parameters; try lbfgs"},
             {"--problem mlp --layers 2,64,64,1 --optimizer bfgs", "bfgs: a network of 4417 parameters"},
             {"--problem mlp --samples 64 --batch-size 65 --optimizer gd",
              "--batch-size: a batch of 65 samples is more than the data set's 64"},
             {"--problem mlp --batch-size 0 --optimizer gd", "--batch-size"},
             {"--problem mlp --optimizer sgd:batch-size=8",
              "sgd: batch-size= is the run's on a network, the same batches for every racer: give --batch-size"},
             {"--problem mlp --optimizer gd --start 1,1", "--start: a network starts from its initial weights"},
             {"--problem mlp --landscape quadratic --optimizer gd", "Exactly 1 option"},
             {"--problem-file /nonexistent/p.json --optimizer gd", "/nonexistent/p.json"},
         }) {
        CAPTURE(arguments);
        const CommandResult r = run(gradscape + arguments + " 2>&1");
        CHECK(r.exitStatus == 2);
        CHECK(r.output.find(why) != std::string::npos);
    }
}
