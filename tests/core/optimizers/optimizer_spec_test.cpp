#include "optimizers/optimizer_spec.h"

#include "scene/scene.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <map>

using namespace gradscape;

namespace {

const Vec2 kStart(-1.2, 1);

OptimizerSettings spec(const std::string& text) {
    return parseOptimizerSpec(text, kStart);
}

std::string refusal(const std::vector<std::string>& texts) {
    try {
        parseOptimizerSpecs(texts, kStart);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("a bare kind is that kind at its catalog defaults, at the given start") {
    for (const auto& info : optimizerCatalog()) {
        CAPTURE(info.name);
        const OptimizerSettings s = spec(info.name);
        CHECK(s == defaultSettings(info.name, kStart));
    }
}

TEST_CASE("every real hyperparameter a kind reads can be set by its command-line name") {
    for (const auto& info : optimizerCatalog())
        for (const auto& name : info.hyperparameters) {
            CAPTURE(info.name);
            CAPTURE(name);
            const HyperparameterSpec& hs = hyperparameterSpec(name);
            // A value inside every range, different from every default.
            const double value = name == "lr" ? 0.0375 : 0.375;
            const OptimizerSettings s = spec(info.name + ":" + name + "=" + std::to_string(value));
            OptimizerSettings expected = defaultSettings(info.name, kStart);
            expected.hyperparameters.*hs.field = value;
            CHECK(s == expected);
        }
}

TEST_CASE("switches, schedule, seed, batch size, memory, start, follow, colour, label, enabled and id") {
    CHECK_FALSE(spec("adam:bias-correction=off").hyperparameters.biasCorrection);
    CHECK(spec("adam:bias-correction=off,bias-correction").hyperparameters.biasCorrection);
    CHECK(spec("adamw:eps-inside-sqrt=true").hyperparameters.epsilonInsideSqrt);
    CHECK(spec("nesterov:look-ahead").hyperparameters.lookAhead);
    CHECK(spec("momentum:ema-form").hyperparameters.dampeningFollowsMomentum);
    CHECK(refusal({"gd:ema-form"}).find("ema-form: not a setting of gd") != std::string::npos);
    CHECK(spec("gd:line-search=yes").hyperparameters.lineSearch);
    CHECK_FALSE(spec("newton:line-search=0").hyperparameters.lineSearch);
    CHECK(spec("gd:schedule=step:100:0.5").hyperparameters.schedule == parseSchedule("step:100:0.5"));
    CHECK(spec("momentum:schedule=cosine:1000:0.001,lr=0.01").hyperparameters.schedule ==
          parseSchedule("cosine:1000:0.001"));
    CHECK(spec("sgd:seed=18446744073709551615").hyperparameters.seed == std::numeric_limits<std::uint64_t>::max());
    CHECK(spec("sgd:batch-size=8").hyperparameters.batchSize == 8);
    CHECK(spec("lbfgs:memory=5").hyperparameters.memory == 5);
    CHECK(spec("random-search:seed=3").hyperparameters.seed == 3);
    CHECK(spec("gd:start=-0.5;2.25").start == Vec2(-0.5, 2.25));
    CHECK(spec("gd").followsSharedStart);
    CHECK_FALSE(spec("gd:start=-0.5;2.25").followsSharedStart);
    CHECK(spec("gd:start=-0.5;2.25,follow").followsSharedStart);
    CHECK(spec("gd:start= 0 ; 0 ").start == Vec2(0, 0));
    CHECK(spec("gd:follow").followsSharedStart);
    CHECK_FALSE(spec("gd:follow=off").followsSharedStart);
    CHECK(spec("adam:colour=#cc79a7").colour == 0xcc79a7u);
    CHECK(spec("adam:color=E69F00").colour == 0xe69f00u);
    CHECK(spec("adam:label=pink Adam").label == "pink Adam");
    CHECK_FALSE(spec("gd:enabled=off").enabled);
    CHECK(spec("gd:id=7").id == 7);
}

TEST_CASE("a later key overrides an earlier one, and a racer's keys override the common settings") {
    CHECK(spec("gd:lr=0.1,lr=0.2").hyperparameters.learningRate == 0.2);
    auto common = [](OptimizerSettings& s) {
        s.hyperparameters.learningRate = 0.5;
        s.hyperparameters.weightDecay = 0.25;
    };
    const OptimizerSettings s = parseOptimizerSpec("adam:lr=0.05", kStart, common);
    CHECK(s.hyperparameters.learningRate == 0.05);
    CHECK(s.hyperparameters.weightDecay == 0.25);
}

TEST_CASE("several --optimizer texts: plain comma lists, specs with settings, ids in order") {
    const auto racers = parseOptimizerSpecs({"gd,adam", "adam:lr=0.05,weight-decay=0.3", "adamw:lr=0.05"}, kStart);
    REQUIRE(racers.size() == 4);
    CHECK(racers[0].kind == "gd");
    CHECK(racers[1].kind == "adam");
    CHECK(racers[1].hyperparameters.learningRate == optimizerInfo("adam").defaults.learningRate);
    CHECK(racers[2].hyperparameters.weightDecay == 0.3);
    CHECK(racers[3].kind == "adamw");
    for (int i = 0; i < 4; ++i)
        CHECK(racers[i].id == i + 1);

    // Own ids are kept; the others take the lowest free ids.
    const auto withIds = parseOptimizerSpecs({"gd:id=1", "gd", "gd:id=2"}, kStart);
    CHECK(withIds[0].id == 1);
    CHECK(withIds[1].id == 3);
    CHECK(withIds[2].id == 2);
    CHECK(parseOptimizerSpecs({}, kStart).empty());
}

TEST_CASE("every bad spec is refused in one line naming the racer, the key and what is allowed") {
    CHECK(refusal({"gd", "adam:lr=-1"}) ==
          "--optimizer 'adam:lr=-1' (racer 2): lr: learning rate must be in (0, 1000], got -1");
    CHECK(refusal({"adam:lr=abc"}) == "--optimizer 'adam:lr=abc' (racer 1): lr: expected a number, got 'abc'");
    CHECK(refusal({"adam:lr=0.1x"}) == "--optimizer 'adam:lr=0.1x' (racer 1): lr: expected a number, got '0.1x'");
    CHECK(refusal({"adam:lr=nan"}).find("lr: learning rate must be in (0, 1000]") != std::string::npos);
    CHECK(refusal({"adam:beta1=1"}) == "--optimizer 'adam:beta1=1' (racer 1): beta1: beta1 must be in [0, 1), got 1");
    CHECK(refusal({"gd:beta1=0.5"}) ==
          "--optimizer 'gd:beta1=0.5' (racer 1): beta1: not a setting of gd (it takes: lr, weight-decay, "
          "line-search, schedule, start, follow, colour, label, enabled, id, linearized)");
    CHECK(refusal({"gd:learningrate=0.5"}).find("learningrate: unknown setting (gd takes: lr,") != std::string::npos);
    CHECK(refusal({"adam:bias-correction=maybe"}) ==
          "--optimizer 'adam:bias-correction=maybe' (racer 1): bias-correction: expected on or off (true/false, "
          "yes/no, 1/0), got 'maybe'");
    CHECK(refusal({"adam:lr"}) == "--optimizer 'adam:lr' (racer 1): lr: expected lr=VALUE");
    CHECK(refusal({"gd:schedule=step:0:0.5"}) ==
          "--optimizer 'gd:schedule=step:0:0.5' (racer 1): schedule: schedule 'step:0:0.5': step size must be a "
          "whole number in [1, 1000000000], got '0'");
    CHECK(refusal({"sgd:seed=-4"}) ==
          "--optimizer 'sgd:seed=-4' (racer 1): seed: expected a whole number in [0, 18446744073709551615], got '-4'");
    CHECK(refusal({"sgd:batch-size=0"}) ==
          "--optimizer 'sgd:batch-size=0' (racer 1): batch-size: must be in [1, 1000000], got 0");
    CHECK(refusal({"lbfgs:memory=101"}) ==
          "--optimizer 'lbfgs:memory=101' (racer 1): memory: must be in [1, 100], got 101");
    CHECK(refusal({"lbfgs:memory=2.5"}).find("memory: expected a whole number in [1, 100], got '2.5'") !=
          std::string::npos);
    CHECK(refusal({"gd:start=1,2"}).find("start: expected X;Y (two numbers separated by ';'), got '1'") !=
          std::string::npos);
    CHECK(refusal({"gd:start=1;inf"}).find("start: expected two finite numbers") != std::string::npos);
    CHECK(refusal({"gd:colour=#12345"}) ==
          "--optimizer 'gd:colour=#12345' (racer 1): colour: expected a colour as #rrggbb (six hex digits), got "
          "'#12345'");
    // "," ends a label: what follows is read as another key.
    CHECK(refusal({"adam:label=Adam, wd 0.3"}).find("wd 0.3: unknown setting") != std::string::npos);
    CHECK(refusal({"gd:label="}) == "--optimizer 'gd:label=' (racer 1): label: expected a text, got nothing");
    // A label a scene could not hold again (issue 11).
    CHECK(refusal({"gd:label=" + std::string(4001, 'a')}).find("label: a label has at most 4000 characters, got 4001") !=
          std::string::npos);
    CHECK(spec("gd:label=" + std::string(4000, 'a')).label.size() == 4000);
    CHECK(refusal({"gd:lr=0.1,,"}).find("empty setting") != std::string::npos);
    CHECK(refusal({"gd:lr=0.1,adam"}).find("adam: expected KEY=VALUE; to add another racer, give it its own") !=
          std::string::npos);
    CHECK(refusal({"gd,adam:lr=0.1"}).find("names one kind") != std::string::npos);
    CHECK(refusal({"gd,"}).find("(racer 2)") != std::string::npos);
    CHECK(refusal({"sgdd:lr=0.1"}).find("unknown optimizer 'sgdd'") != std::string::npos);
    CHECK(refusal({"gd:id=2", "adam:id=2"}) == "--optimizer 'adam:id=2' (racer 2): id: 2 is already another racer's");
    CHECK(refusal({"gd:id=0"}).find("id: must be in [1, 1000000], got 0") != std::string::npos);
}

TEST_CASE("a refused setting leaves the settings as they were") {
    OptimizerSettings s = defaultSettings("adam", kStart);
    const OptimizerSettings before = s;
    CHECK_THROWS(applyOptimizerSetting(s, "lr", "-3"));
    CHECK_THROWS(applyOptimizerSetting(s, "schedule", "step:1:7"));
    CHECK_THROWS(applyOptimizerSetting(s, "colour", "red"));
    CHECK(s == before);
    // Without strictness (a global option) a key the kind does not read is still set.
    applyOptimizerSetting(s, "look-ahead", "", false, false);
    CHECK(s.hyperparameters.lookAhead);
}

TEST_CASE("colours read and write as #rrggbb") {
    CHECK(parseColour("#000000") == 0u);
    CHECK(parseColour("#FFFFFF") == 0xffffffu);
    CHECK(colourText(0xcc79a7) == "#cc79a7");
    CHECK(colourText(0x0000ff) == "#0000ff");
    for (std::uint32_t c : {0u, 0x123456u, 0xabcdefu, 0xffffffu})
        CHECK(parseColour(colourText(c)) == c);
    CHECK_THROWS(parseColour("#gg0000"));
    CHECK_THROWS(parseColour(""));
    CHECK_THROWS(parseColour("#1234567"));
}

TEST_CASE("exhaustive: every kind takes a valid value for each of its keys and refuses every other key") {
    // A valid value for every key there is.
    const std::map<std::string, std::string> valid = {
        {"lr", "0.5"},          {"momentum", "0.5"},   {"dampening", "0.5"},     {"alpha", "0.5"},
        {"beta1", "0.5"},       {"beta2", "0.5"},      {"eps", "0.5"},           {"weight-decay", "0.5"},
        {"noise", "0.5"},       {"damping", "0.5"},    {"bias-correction", "off"}, {"eps-inside-sqrt", "on"},
        {"look-ahead", "on"},   {"line-search", "on"}, {"ema-form", "on"},       {"schedule", "exp:0.5"},
        {"seed", "5"},          {"batch-size", "5"},   {"memory", "5"},          {"start", "0.5;0.5"},
        {"follow", "off"},      {"colour", "#123456"}, {"label", "mine"},        {"enabled", "off"},
        {"id", "5"},            {"linearized", "on"}};
    for (const auto& info : optimizerCatalog()) {
        const auto keys = optimizerSpecKeys(info);
        for (const auto& entry : valid) {
            // Named copies, not a structured binding: CAPTURE's lambda cannot capture one before clang 16.
            const auto& key = entry.first;
            const auto& value = entry.second;
            CAPTURE(info.name);
            CAPTURE(key);
            const std::string text = info.name + ":" + key + "=" + value;
            const bool takes = std::find(keys.begin(), keys.end(), key) != keys.end();
            if (takes) {
                OptimizerSettings before = spec(info.name), after;
                REQUIRE_NOTHROW(after = spec(text));
                CHECK_FALSE(after == before);  // the key changed something
            } else {
                CHECK(refusal({text}).find(key + ": not a setting of " + info.name) != std::string::npos);
            }
        }
        // Every key a kind takes is one of the keys above.
        for (const auto& key : keys)
            CHECK(valid.count(key) == 1);
    }
}
