#include "optimizers/racer_labels.h"

#include <doctest/doctest.h>

#include <random>
#include <set>

using namespace gradscape;

namespace {

OptimizerSettings racer(int id, const std::string& kind) {
    OptimizerSettings s;
    s.id = id;
    s.kind = kind;
    s.hyperparameters = optimizerInfo(kind).defaults;
    return s;
}

}  // namespace

TEST_CASE("a racer alone of its kind goes by the kind's title, an own label wins") {
    auto adam = racer(1, "adam"), momentum = racer(2, "momentum"), gd = racer(3, "gd");
    gd.label = "baseline";
    CHECK(racerLabels({adam, momentum, gd}) ==
          std::vector<std::string>{"Adam", "Momentum (heavy ball)", "baseline"});
    CHECK(racerLabels({}).empty());
}

TEST_CASE("two racers of one kind are told apart by exactly the settings that differ") {
    auto a = racer(1, "gd"), b = racer(2, "gd");
    a.hyperparameters.learningRate = 0.095;
    b.hyperparameters.learningRate = 0.105;
    CHECK(racerLabels({a, b}) == std::vector<std::string>{"Gradient descent (η=0.095)", "Gradient descent (η=0.105)"});

    // Two settings differ within the group: every member names both, in the catalog's order.
    auto c = racer(3, "gd");
    c.hyperparameters.learningRate = 0.095;
    c.hyperparameters.weightDecay = 0.5;
    CHECK(racerLabels({a, b, c}) == std::vector<std::string>{"Gradient descent (η=0.095, λ=0)",
                                                              "Gradient descent (η=0.105, λ=0)",
                                                              "Gradient descent (η=0.095, λ=0.5)"});

    // A racer of another kind keeps its plain title.
    auto adam = racer(4, "adam");
    CHECK(racerLabels({a, adam, b})[1] == "Adam");
}

TEST_CASE("switches, schedules, seeds, batch sizes, memory and starts each tell racers apart") {
    auto a = racer(1, "adam"), b = racer(2, "adam");
    b.hyperparameters.biasCorrection = false;
    CHECK(racerLabels({a, b}) == std::vector<std::string>{"Adam (bias correction)", "Adam (no bias correction)"});

    auto w1 = racer(1, "adamw"), w2 = racer(2, "adamw");
    w2.hyperparameters.epsilonInsideSqrt = true;
    w2.hyperparameters.beta2 = 0.99;
    CHECK(racerLabels({w1, w2}) ==
          std::vector<std::string>{"AdamW (β₂=0.999, ε outside √)", "AdamW (β₂=0.99, ε inside √)"});

    auto n1 = racer(1, "nesterov"), n2 = racer(2, "nesterov");
    n2.hyperparameters.lookAhead = true;
    CHECK(racerLabels({n1, n2})[1] == "Nesterov momentum (look-ahead form)");

    auto g1 = racer(1, "gd"), g2 = racer(2, "gd");
    g2.hyperparameters.schedule = parseSchedule("step:100:0.5");
    CHECK(racerLabels({g1, g2}) ==
          std::vector<std::string>{"Gradient descent (schedule constant)", "Gradient descent (schedule step:100:0.5)"});

    auto s1 = racer(1, "sgd"), s2 = racer(2, "sgd");
    s2.hyperparameters.seed = 7;
    s2.hyperparameters.batchSize = 8;
    CHECK(racerLabels({s1, s2}) == std::vector<std::string>{"SGD (seed 0, batch 1)", "SGD (seed 7, batch 8)"});

    auto l1 = racer(1, "lbfgs"), l2 = racer(2, "lbfgs");
    l2.hyperparameters.memory = 5;
    CHECK(racerLabels({l1, l2})[1] == "L-BFGS (memory 5)");

    auto e1 = racer(1, "momentum"), e2 = racer(2, "momentum");
    e2.hyperparameters.dampeningFollowsMomentum = true;
    CHECK(racerLabels({e1, e2}) == std::vector<std::string>{"Momentum (torch form)", "Momentum (EMA form)"});

    auto m1 = racer(1, "momentum"), m2 = racer(2, "momentum");
    m1.start = Vec2(-1.5, 2);
    CHECK(racerLabels({m1, m2}) == std::vector<std::string>{"Momentum (start (-1.5, 2))", "Momentum (start (0, 0))"});
}

TEST_CASE("settings a kind does not read never appear in its labels") {
    auto a = racer(1, "gd"), b = racer(2, "gd");
    b.hyperparameters.beta1 = 0.5;  // GD has no beta1: the racers are alike, and told apart by their ids
    b.hyperparameters.seed = 9;     // nor a seed
    CHECK(racerLabels({a, b}) == std::vector<std::string>{"Gradient descent #1", "Gradient descent #2"});
}

TEST_CASE("identical racers and repeated own labels are made unique") {
    auto a = racer(3, "adam"), b = racer(5, "adam");
    CHECK(racerLabels({a, b}) == std::vector<std::string>{"Adam #3", "Adam #5"});
    a.label = b.label = "mine";
    CHECK(racerLabels({a, b}) == std::vector<std::string>{"mine #3", "mine #5"});
    // An own label that reads like another's fallback is still told apart.
    auto c = racer(4, "gd"), d = racer(4, "gd");
    c.label = "x #4";
    d.label = "x";
    auto e = racer(4, "gd");
    e.label = "x";
    const auto labels = racerLabels({c, d, e});
    CHECK(std::set<std::string>(labels.begin(), labels.end()).size() == 3);
}

TEST_CASE("numbers are written in the shortest form that reads back exactly") {
    CHECK(shortestNumber(0.095) == "0.095");
    CHECK(shortestNumber(20) == "20");
    CHECK(shortestNumber(1e-8) == "1e-08");
    CHECK(std::stod(shortestNumber(0.1 + 0.2)) == 0.1 + 0.2);
    auto a = racer(1, "gd"), b = racer(2, "gd");
    a.hyperparameters.learningRate = 0.1;
    b.hyperparameters.learningRate = 0.1 + 1e-12;  // differs only far down: still told apart by value
    const auto labels = racerLabels({a, b});
    CHECK(labels[0] == "Gradient descent (η=0.1)");
    CHECK(labels[1] == "Gradient descent (η=" + shortestNumber(0.1 + 1e-12) + ")");
}

TEST_CASE("random races: every racer gets a label, and no two are equal") {
    std::mt19937 random(10);
    const auto& catalog = optimizerCatalog();
    for (int trial = 0; trial < 300; ++trial) {
        std::vector<OptimizerSettings> racers;
        const int n = 1 + static_cast<int>(random() % 8);
        for (int i = 0; i < n; ++i) {
            auto s = racer(1 + static_cast<int>(random() % 4), catalog[random() % 3].name);
            s.hyperparameters.learningRate = (random() % 2) ? 0.1 : 0.2;
            if (random() % 5 == 0) s.label = (random() % 2) ? "mine" : "Gradient descent";
            racers.push_back(s);
        }
        const auto labels = racerLabels(racers);
        REQUIRE(labels.size() == racers.size());
        CHECK(std::set<std::string>(labels.begin(), labels.end()).size() == labels.size());
        for (const auto& label : labels)
            CHECK(!label.empty());
    }
}

TEST_CASE("a racer on the network's linearization says so, beside its twin on the network") {
    auto network = racer(1, "gd"), lazy = racer(2, "gd");
    lazy.linearized = true;
    const auto labels = racerLabels({network, lazy});
    CHECK(labels[0] == "Gradient descent");
    CHECK(labels[1] == "Gradient descent (linearized)");
    lazy.label = "lazy";
    CHECK(racerLabels({network, lazy})[1] == "lazy");
}
