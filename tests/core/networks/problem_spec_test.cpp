// Network problems from settings, and their JSON files: validate's sentences, the file's exact format, a
// round trip to the last bit, and broken files refused with the JSON path of what is wrong.

#include "networks/problem_spec.h"
#include "support/input_limits.h"
#include "support/test_files.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>

using namespace gradscape;

namespace {

bool specTestMentions(const std::vector<std::string>& errors, const std::string& text) {
    for (const auto& e : errors)
        if (e.find(text) != std::string::npos) return true;
    return false;
}

bool specTestBitEqual(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0;
}

// A small problem's file as JSON, for the refusal tests to break one key at a time.
nlohmann::json specTestFile() {
    ProblemSpec spec;
    spec.layers = {2, 3, 1};
    spec.data.samples = 4;
    return nlohmann::json::parse(problemToJson(*makeProblem(spec)));
}

// The message problemFromJson refuses `file` with ("" when it reads it).
std::string specTestRefusal(const std::string& text) {
    try {
        problemFromJson(std::string_view(text));
    } catch (const ProblemFileError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("validate names each field and its allowed range") {
    ProblemSpec spec;
    CHECK(validate(spec).empty());
    CHECK(makeProblem(spec)->name() == "mlp 2-16-16-1 tanh on moons, bce");
    CHECK(makeProblem(spec)->dimension() == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);

    ProblemSpec bad = spec;
    bad.data.samples = 0;
    bad.data.noise = -1;
    CHECK(specTestMentions(validate(bad), "data.samples must be in [1, 100000], got 0"));
    CHECK(specTestMentions(validate(bad), "data.noise must be in [0, 10], got -1"));
    bad = spec;
    bad.layers = {2};
    CHECK(specTestMentions(validate(bad), "layers must list 2 to 9 sizes"));
    bad.layers = {2, 2000, 1};
    CHECK(specTestMentions(validate(bad), "layers[1] must be in [1, 1024], got 2000"));
    bad.layers = {3, 4, 2};
    CHECK(specTestMentions(validate(bad), "layers must end in 1"));
    CHECK(specTestMentions(validate(bad), "layers[0] must be 2, the inputs of a moons sample, got 3"));
    bad.layers = {2, 1024, 1024, 1};
    CHECK(specTestMentions(validate(bad), "parameters, at most 1000000"));
    bad = spec;
    bad.layers = {2, 32, 32, 1};
    bad.data.samples = 100000;
    CHECK(specTestMentions(validate(bad), "data.samples times the units of all layers must be at most"));
    bad = spec;
    bad.data.kind = DatasetKind::Sine;
    bad.layers = {1, 8, 1};
    CHECK(specTestMentions(validate(bad), "loss bce needs targets 0 or 1, and sine is a regression: use mse"));
    bad.loss = Loss::Mse;
    CHECK(validate(bad).empty());
    bad.data.kind = DatasetKind::Linear;
    bad.data.features = 0;
    CHECK(specTestMentions(validate(bad), "data.features must be in [1, 1024], got 0"));
    bad.data.features = 1;
    bad.layers = {1, 1};
    bad.probe = true;
    CHECK(specTestMentions(validate(bad), "probe needs a hidden layer"));
    CHECK_THROWS_WITH_AS(makeProblem(bad), doctest::Contains("probe needs a hidden layer"), std::invalid_argument);
}

TEST_CASE("a problem file: the issue's format, 17 significant digits, read back to the last bit") {
    ProblemSpec spec;
    spec.layers = {2, 5, 4, 1};
    spec.activation = Activation::Gelu;
    spec.data = {DatasetKind::Spirals, 17, 0.1, 5};
    spec.seed = 99;
    const auto problem = makeProblem(spec);
    Eigen::VectorXd trained = problem->initialParameters() * 1.7;
    trained[0] = -0.0;  // a negative zero survives too
    trained[1] = 1e-300;
    const std::string text = problemToJson(*problem, trained);
    const nlohmann::json file = nlohmann::json::parse(text);

    CHECK(file.size() == 6);
    CHECK(file["layers"] == nlohmann::json({2, 5, 4, 1}));
    CHECK(file["activation"] == "gelu");
    CHECK(file["loss"] == "bce");
    CHECK(file["inputs"].size() == 17);
    CHECK(file["inputs"][3].size() == 2);
    CHECK(file["targets"].size() == 17);
    REQUIRE(file["weights"].size() == 3);
    CHECK(file["weights"][1]["W"].size() == 4);     // out x in: 4 rows of 5
    CHECK(file["weights"][1]["W"][0].size() == 5);
    CHECK(file["weights"][1]["b"].size() == 4);
    CHECK(file["inputs"][2][1].get<double>() == problem->data().inputs(1, 2));
    CHECK(file["weights"][1]["W"][2][3].get<double>() == problem->network().weight(trained, 1)(2, 3));
    CHECK(text.find("0.") != std::string::npos);
    CHECK(text.find("-0.0,") != std::string::npos);

    const auto read = problemFromJson(std::string_view(text));
    CHECK(read->network().shape() == problem->network().shape());
    CHECK(read->loss() == Loss::Bce);
    CHECK(specTestBitEqual(read->data().inputs, problem->data().inputs));
    CHECK(specTestBitEqual(read->data().targets, problem->data().targets));
    CHECK(specTestBitEqual(read->initialParameters(), trained));
    CHECK(std::signbit(read->initialParameters()[0]));
    Eigen::VectorXd g1, g2;
    const double v1 = problem->valueAndGradientAt(trained, g1);
    const double v2 = read->valueAndGradientAt(read->initialParameters(), g2);
    CHECK(std::memcmp(&v1, &v2, sizeof v1) == 0);
    CHECK(specTestBitEqual(g1, g2));
    CHECK(problemToJson(*read) == text);  // and written again, the same text

    // A probe's file holds the whole model; read as a probe, it trains the last layer from the same point.
    spec.probe = true;
    const auto probe = makeProblem(spec);
    const std::string probeText = problemToJson(*probe);
    CHECK(probeText == problemToJson(*makeProblem({spec.layers, spec.activation, spec.loss, spec.data, false, 99})));
    const auto probeRead = problemFromJson(std::string_view(probeText), true);
    CHECK(probeRead->isLinearProbe());
    CHECK(specTestBitEqual(probeRead->initialParameters(), probe->initialParameters()));
    CHECK(probeRead->valueAt(probeRead->initialParameters()) == probe->valueAt(probe->initialParameters()));
    CHECK_THROWS_AS(problemToJson(*problem, Eigen::VectorXd::Constant(problem->dimension(), NAN)),
                    std::invalid_argument);
}

TEST_CASE("a problem file saved and loaded; refusals carry the file's path") {
    const std::filesystem::path dir = testing::freshFolder("problem-file");
    const auto problem = makeProblem({});
    const std::string path = (dir / "problem.json").string();
    saveProblemFile(path, *problem, problem->initialParameters());
    const auto loaded = loadProblemFile(path);
    CHECK(specTestBitEqual(loaded->initialParameters(), problem->initialParameters()));
    std::ofstream(dir / "broken.json") << "{\"layers\": [2, 1}";
    CHECK_THROWS_WITH_AS(loadProblemFile((dir / "broken.json").string()), doctest::Contains("broken.json: /: not JSON"),
                         ProblemFileError);
    CHECK_THROWS_WITH_AS(loadProblemFile((dir / "missing.json").string()), doctest::Contains("cannot be opened"),
                         ProblemFileError);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a broken problem file is refused with the JSON path of what is wrong") {
    const auto broken = [](auto&& change) {
        nlohmann::json file = specTestFile();
        change(file);
        return specTestRefusal(file.dump());
    };
    CHECK(specTestRefusal(specTestFile().dump()).empty());
    CHECK(specTestRefusal("").find("/: not JSON") == 0);
    CHECK(specTestRefusal("[1, 2]") == "/: expected an object, got a list");
    CHECK(specTestRefusal(std::string(100, '[') + std::string(100, ']')).find("nests deeper") != std::string::npos);
    CHECK(specTestRefusal("{\"layers\": [1e999]}").find("/: not JSON") == 0);
    using nlohmann::json;
    CHECK(broken([](json& f) { f.erase("weights"); }) == "/weights: missing");
    CHECK(broken([](json& f) { f["extra"] = 1; }).find("/extra: unknown key (allowed here: layers,") == 0);
    CHECK(broken([](json& f) { f["layers"] = "2-3-1"; }) == "/layers: expected a list of layer sizes, got \"2-3-1\"");
    CHECK(broken([](json& f) { f["layers"] = {2}; }) == "/layers: expected 2 to 9 layer sizes, got 1");
    CHECK(broken([](json& f) { f["layers"][1] = 0; }) == "/layers/1: must be in [1, 1024], got 0");
    CHECK(broken([](json& f) { f["layers"][1] = 2.5; }) == "/layers/1: expected a whole number, got 2.5");
    CHECK(broken([](json& f) { f["layers"][1] = -1; }) == "/layers/1: must be in [1, 1024], got -1");
    CHECK(broken([](json& f) { f["layers"][1] = 1e30; }) == "/layers/1: must be in [1, 1024], got 1e+30");
    CHECK(broken([](json& f) { f["layers"][2] = 2; }).find("/layers/2: must be 1") == 0);
    CHECK(broken([](json& f) { f["layers"] = {2, 1000, 1000, 1000, 1}; }).find("/layers: a network has at most") == 0);
    CHECK(broken([](json& f) { f["activation"] = "sigmoid"; }) ==
          "/activation: expected tanh, relu or gelu, got \"sigmoid\"");
    CHECK(broken([](json& f) { f["loss"] = 3; }) == "/loss: expected mse or bce, got 3");
    CHECK(broken([](json& f) { f["inputs"] = json::array(); }) == "/inputs: expected 1 to 100000 samples, got 0");
    CHECK(broken([](json& f) { f["inputs"][2] = {1.0}; }) == "/inputs/2: expected 2 numbers, got 1");
    CHECK(broken([](json& f) { f["inputs"][2][1] = "x"; }) == "/inputs/2/1: expected a number, got \"x\"");
    CHECK(broken([](json& f) { f["inputs"][2][1] = nullptr; }) == "/inputs/2/1: expected a number, got null");
    CHECK(broken([](json& f) { f["targets"].push_back(1); }) == "/targets: expected 4 numbers, got 5");
    CHECK(broken([](json& f) { f["targets"][1] = 2; }) == "/targets/1: bce needs targets in [0, 1], got 2");
    CHECK(broken([](json& f) { f["loss"] = "mse", f["targets"][1] = 2; }).empty());
    CHECK(broken([](json& f) { f["weights"].erase(1); }) == "/weights: expected 2 layers, got 1");
    CHECK(broken([](json& f) { f["weights"][1] = {1, 2}; }) == "/weights/1: expected an object, got a list");
    CHECK(broken([](json& f) { f["weights"][1].erase("b"); }) == "/weights/1/b: missing");
    CHECK(broken([](json& f) { f["weights"][0]["w"] = 1; }).find("/weights/0/w: unknown key") == 0);
    CHECK(broken([](json& f) { f["weights"][0]["W"].erase(2); }) == "/weights/0/W: expected 3 rows, got 2");
    CHECK(broken([](json& f) { f["weights"][0]["W"][1] = {1, 2, 3}; }) ==
          "/weights/0/W/1: expected 2 numbers, got 3");
    CHECK(broken([](json& f) { f["weights"][0]["W"][1][0] = true; }) ==
          "/weights/0/W/1/0: expected a number, got true");
    CHECK(broken([](json& f) { f["weights"][1]["b"] = json::array(); }) == "/weights/1/b: expected 1 numbers, got 0");
    CHECK(broken([](json& f) { f["inputs"][100000] = {0, 0}; }) == "/inputs: expected 1 to 100000 samples, got 100001");
    CHECK(broken([](json& f) { f["layers"][1] = 1024, f["inputs"][99999] = {0, 0}; }) ==
          "/inputs: 100000 samples times the units of all layers (1027) must be at most 4000000");
}
