// Network problems from settings, and to and from their JSON files.
//
// [SECTION] index
//   validate, makeProblem       the settings checked against input_limits.h, then built (or linearized)
//   problemToJson               the file's text, 17 significant digits a number
//   FileReader helpers          numbers, lists and objects read with their JSON pointers
//   problemFromJson             the file checked key by key, then built
//   saveProblemFile, loadProblemFile

#include "networks/problem_spec.h"

#include "support/atomic_file.h"
#include "support/echo.h"
#include "support/input_limits.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace gradscape {

// --- validate, makeProblem ---------------------------------------------------------------------------

namespace {

// samples x the sum of every layer's units: the doubles in one buffer of a pass.
long long networkActivationCount(const std::vector<int>& layers, long long samples) {
    long long units = 0;
    for (const int size : layers)
        units += size;
    return units * samples;
}

std::string specNumberText(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

}  // namespace

std::vector<std::string> validate(const ProblemSpec& spec) {
    std::vector<std::string> errors;
    const auto& layers = spec.layers;
    const DatasetSpec& data = spec.data;
    const std::string dataName = nameOf(kDatasetKindNames, data.kind);

    if (!(data.samples >= 1 && data.samples <= limits::kMaxSamples))
        errors.push_back("data.samples must be in [1, " + std::to_string(limits::kMaxSamples) + "], got " +
                         std::to_string(data.samples));
    if (!(data.noise >= 0 && data.noise <= limits::kMaxDatasetNoise))
        errors.push_back("data.noise must be in [0, " + specNumberText(limits::kMaxDatasetNoise) + "], got " +
                         specNumberText(data.noise));
    const bool featuresOk = data.kind != DatasetKind::Linear ||
                            (data.features >= 1 && data.features <= limits::kMaxLayerWidth);
    if (!featuresOk)
        errors.push_back("data.features must be in [1, " + std::to_string(limits::kMaxLayerWidth) + "], got " +
                         std::to_string(data.features));

    const int maxSizes = limits::kMaxNetworkLayers + 1;
    if (layers.size() < 2 || static_cast<int>(layers.size()) > maxSizes) {
        errors.push_back("layers must list 2 to " + std::to_string(maxSizes) + " sizes (1 to " +
                         std::to_string(limits::kMaxNetworkLayers) + " layers), got " +
                         std::to_string(layers.size()));
        return errors;
    }
    bool widthsOk = true;
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i] < 1 || layers[i] > limits::kMaxLayerWidth) {
            errors.push_back("layers[" + std::to_string(i) + "] must be in [1, " +
                             std::to_string(limits::kMaxLayerWidth) + "], got " + std::to_string(layers[i]));
            widthsOk = false;
        }
    if (!widthsOk) return errors;
    if (layers.back() != 1)
        errors.push_back("layers must end in 1 (one output per sample), got " + std::to_string(layers.back()));
    const int inputs = inputDimension(data.kind, data.features);
    if (featuresOk && layers.front() != inputs)
        errors.push_back("layers[0] must be " + std::to_string(inputs) + ", the inputs of a " + dataName +
                         " sample, got " + std::to_string(layers.front()));
    const long long parameters = MlpShape{layers, spec.activation}.parameterCount();
    if (parameters > limits::kMaxNetworkParameters)
        errors.push_back("layers make " + std::to_string(parameters) + " parameters, at most " +
                         std::to_string(limits::kMaxNetworkParameters));
    const long long activations = networkActivationCount(layers, data.samples);
    if (activations > limits::kMaxNetworkActivations)
        errors.push_back("data.samples times the units of all layers must be at most " +
                         std::to_string(limits::kMaxNetworkActivations) + ", got " + std::to_string(activations));
    if (spec.loss == Loss::Bce && !isClassification(data.kind))
        errors.push_back("loss bce needs targets 0 or 1, and " + dataName + " is a regression: use mse");
    if (spec.probe && layers.size() < 3)
        errors.push_back("probe needs a hidden layer (layers of 3 or more sizes), got " +
                         std::to_string(layers.size()) + " sizes");
    if (spec.linearized && spec.probe)
        errors.push_back("linearized excludes probe (a linear probe is already linear in its weights)");
    return errors;
}

std::shared_ptr<const NetworkProblem> makeProblem(const ProblemSpec& spec) {
    const std::vector<std::string> errors = validate(spec);
    if (!errors.empty()) {
        std::string message;
        for (const auto& e : errors)
            message += (message.empty() ? "" : "; ") + e;
        throw std::invalid_argument(message);
    }
    const MlpShape shape{spec.layers, spec.activation};
    const std::string name = std::string(spec.probe ? "linear probe of mlp " : "mlp ") + shape.text() + " on " +
                             nameOf(kDatasetKindNames, spec.data.kind) + ", " + nameOf(kLossNames, spec.loss);
    return std::make_shared<const NetworkProblem>(shape, spec.loss, makeDataset(spec.data),
                                                  initialWeights(shape, spec.seed), spec.probe, name);
}

std::shared_ptr<const Problem> trainedProblem(const ProblemSpec& spec, std::shared_ptr<const NetworkProblem> network) {
    if (!spec.linearized) return network;
    return std::make_shared<const LinearizedNetworkProblem>(std::move(network));
}

std::shared_ptr<const Problem> makeTrainedProblem(const ProblemSpec& spec) {
    return trainedProblem(spec, makeProblem(spec));
}

// --- problemToJson -------------------------------------------------------------------------------------

namespace {

// 17 significant digits, as printf's %.17g but independent of the locale; -0 as "-0.0", which JSON
// readers keep as a negative zero ("-0" would be read as the integer 0).
void appendJsonNumber(std::string& out, double value) {
    if (!std::isfinite(value)) throw std::invalid_argument("a problem file holds finite numbers only");
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
    const std::string_view text(buffer, result.ptr - buffer);
    out += text == "-0" ? std::string_view("-0.0") : text;
}

template <class Row>
void appendJsonList(std::string& out, const Row& values) {
    out += '[';
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        appendJsonNumber(out, values[i]);
    }
    out += ']';
}

}  // namespace

std::string problemToJson(const NetworkProblem& problem, const Eigen::VectorXd& parameters) {
    if (parameters.size() != problem.dimension())
        throw std::invalid_argument("the problem has " + std::to_string(problem.dimension()) + " parameters, got " +
                                    std::to_string(parameters.size()));
    const Mlp& mlp = problem.network();
    const Eigen::VectorXd w = problem.networkParameters(parameters);
    const Dataset& data = problem.data();
    std::string out = "{\n  \"layers\": [";
    for (size_t l = 0; l < mlp.shape().layers.size(); ++l)
        out += (l ? ", " : "") + std::to_string(mlp.shape().layers[l]);
    out += "],\n  \"activation\": \"" + std::string(nameOf(kActivationNames, mlp.shape().activation)) + "\",\n";
    out += "  \"loss\": \"" + std::string(nameOf(kLossNames, problem.loss())) + "\",\n  \"inputs\": [";
    for (int i = 0; i < data.sampleCount(); ++i) {
        out += i ? ",\n    " : "\n    ";
        appendJsonList(out, data.inputs.col(i));
    }
    out += "\n  ],\n  \"targets\": ";
    appendJsonList(out, data.targets.row(0));
    out += ",\n  \"weights\": [";
    for (int l = 0; l < mlp.layerCount(); ++l) {
        out += l ? ",\n    {\"W\": [" : "\n    {\"W\": [";
        const auto W = mlp.weight(w, l);
        for (Eigen::Index r = 0; r < W.rows(); ++r) {
            if (r) out += ",\n          ";
            appendJsonList(out, W.row(r));
        }
        out += "],\n     \"b\": ";
        appendJsonList(out, mlp.bias(w, l));
        out += "}";
    }
    out += "\n  ]\n}\n";
    return out;
}

std::string problemToJson(const NetworkProblem& problem) {
    return problemToJson(problem, problem.initialParameters());
}

// --- FileReader helpers --------------------------------------------------------------------------------

namespace {

using nlohmann::json;

[[noreturn]] void refuseAt(const std::string& where, const std::string& what) {
    throw ProblemFileError((where.empty() ? "/" : where) + ": " + what);
}

std::string pointerAt(const std::string& path, std::string_view key) { return path + "/" + std::string(key); }
std::string pointerAt(const std::string& path, size_t index) { return path + "/" + std::to_string(index); }

// A value as a message shows it: a string quoted and cut, a scalar as written, a list or object by type.
std::string shownValue(const json& value) {
    if (value.is_string()) return "\"" + shortened(value.get_ref<const std::string&>()) + "\"";
    if (value.is_array()) return "a list";
    if (value.is_object()) return "an object";
    return cutTo(value.dump(), limits::kMaxEchoedCharacters);
}

const json& listOfAt(const json& v, const std::string& where, size_t minimum, size_t maximum, const char* what) {
    if (!v.is_array()) refuseAt(where, std::string("expected a list of ") + what + ", got " + shownValue(v));
    if (v.size() < minimum || v.size() > maximum)
        refuseAt(where, std::string("expected ") +
                        (minimum == maximum ? std::to_string(minimum)
                                            : std::to_string(minimum) + " to " + std::to_string(maximum)) +
                        " " + what + ", got " + std::to_string(v.size()));
    return v;
}

double finiteNumberAt(const json& v, const std::string& where) {
    if (!v.is_number()) refuseAt(where, "expected a number, got " + shownValue(v));
    const double value = v.get<double>();
    if (!std::isfinite(value)) refuseAt(where, "expected a finite number, got " + shownValue(v));
    return value;
}

int layerSizeAt(const json& v, const std::string& where, int lo, int hi) {
    const auto outside = [&] {
        refuseAt(where, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + shownValue(v));
    };
    if (!v.is_number()) refuseAt(where, "expected a whole number, got " + shownValue(v));
    if (v.is_number_unsigned()) {
        if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) outside();
    } else if (v.is_number_integer()) {
        const std::int64_t i = v.get<std::int64_t>();
        if (i < lo || i > hi) outside();
    } else {
        const double d = v.get<double>();
        if (d != std::floor(d)) refuseAt(where, "expected a whole number, got " + shownValue(v));
        if (!(d >= lo && d <= hi)) outside();
    }
    const int value = static_cast<int>(v.get<double>());
    if (value < lo) outside();
    return value;
}

// Numbers into `out` (length `count`), from the list at `where`.
template <class Out>
void readNumbersAt(const json& v, const std::string& where, Eigen::Index count, Out&& out) {
    listOfAt(v, where, count, count, "numbers");
    for (Eigen::Index i = 0; i < count; ++i)
        out[i] = finiteNumberAt(v[i], pointerAt(where, i));
}

// An object with exactly the listed keys, each required.
void checkKeysAt(const json& v, const std::string& where, std::initializer_list<std::string_view> keys) {
    if (!v.is_object()) refuseAt(where, "expected an object, got " + shownValue(v));
    std::string allowed;
    for (const auto key : keys)
        allowed += (allowed.empty() ? "" : ", ") + std::string(key);
    for (const auto& [key, value] : v.items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            refuseAt(pointerAt(where, shortened(key)), "unknown key (allowed here: " + allowed + ")");
    for (const auto key : keys)
        if (!v.contains(key)) refuseAt(pointerAt(where, key), "missing");
}

template <class Enum, size_t N>
Enum enumNamedAt(const json& v, const std::string& where, const EnumName<Enum> (&table)[N]) {
    const std::string expected = "expected " + nameList(table, " or ");
    if (!v.is_string()) refuseAt(where, expected + ", got " + shownValue(v));
    const auto value = valueNamed(table, v.get_ref<const std::string&>());
    if (!value) refuseAt(where, expected + ", got " + shownValue(v));
    return *value;
}

// The deepest a problem file nests: root, weights, a layer, W, a row.
constexpr int kProblemFileDepth = 5;

// Whether `text` nests lists and objects deeper than `limit` (strings skipped): checked before parsing.
bool jsonNestsDeeperThan(std::string_view text, int limit) {
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

}  // namespace

// --- problemFromJson -------------------------------------------------------------------------------------

std::shared_ptr<const NetworkProblem> problemFromJsonValue(const nlohmann::json& file, bool linearProbe) {
    checkKeysAt(file, "", {"layers", "activation", "loss", "inputs", "targets", "weights"});

    const int maxSizes = limits::kMaxNetworkLayers + 1;
    const json& layerList = listOfAt(file.at("layers"), "/layers", 2, maxSizes, "layer sizes");
    MlpShape shape;
    for (size_t i = 0; i < layerList.size(); ++i)
        shape.layers.push_back(layerSizeAt(layerList[i], pointerAt("/layers", i), 1, limits::kMaxLayerWidth));
    if (shape.layers.back() != 1)
        refuseAt(pointerAt("/layers", layerList.size() - 1),
             "must be 1 (targets holds one number per sample), got " + std::to_string(shape.layers.back()));
    if (shape.parameterCount() > limits::kMaxNetworkParameters)
        refuseAt("/layers", "a network has at most " + std::to_string(limits::kMaxNetworkParameters) +
                            " parameters, these layers make " + std::to_string(shape.parameterCount()));
    if (linearProbe && shape.layers.size() < 3)
        refuseAt("/layers", "a linear probe needs a hidden layer (3 or more sizes), got " +
                            std::to_string(shape.layers.size()));
    shape.activation = enumNamedAt(file.at("activation"), "/activation", kActivationNames);
    const Loss loss = enumNamedAt(file.at("loss"), "/loss", kLossNames);

    // The samples: counted, and the passes' size bounded, before any of them is read.
    const json& inputs = listOfAt(file.at("inputs"), "/inputs", 1, limits::kMaxSamples, "samples");
    const long long n = static_cast<long long>(inputs.size());
    if (networkActivationCount(shape.layers, n) > limits::kMaxNetworkActivations)
        refuseAt("/inputs", std::to_string(n) + " samples times the units of all layers (" +
                            std::to_string(networkActivationCount(shape.layers, 1)) + ") must be at most " +
                            std::to_string(limits::kMaxNetworkActivations));
    Dataset data;
    const int d = shape.layers.front();
    data.inputs.resize(d, n);
    data.targets.resize(1, n);
    for (long long i = 0; i < n; ++i)
        readNumbersAt(inputs[i], pointerAt("/inputs", i), d, data.inputs.col(i));
    readNumbersAt(file.at("targets"), "/targets", n, data.targets.row(0));
    if (loss == Loss::Bce)
        for (long long i = 0; i < n; ++i)
            if (!(data.targets(0, i) >= 0 && data.targets(0, i) <= 1))
                refuseAt(pointerAt("/targets", i), "bce needs targets in [0, 1], got " + specNumberText(data.targets(0, i)));

    const Mlp mlp(shape);
    const json& weightList = listOfAt(file.at("weights"), "/weights", mlp.layerCount(), mlp.layerCount(), "layers");
    Eigen::VectorXd w(mlp.parameterCount());
    for (int l = 0; l < mlp.layerCount(); ++l) {
        const std::string where = pointerAt("/weights", l);
        const json& layer = weightList[l];
        checkKeysAt(layer, where, {"W", "b"});
        const int out = shape.layers[l + 1], in = shape.layers[l];
        const json& rows = listOfAt(layer.at("W"), pointerAt(where, "W"), out, out, "rows");
        Eigen::Map<RowMajorMatrix> W(w.data() + mlp.weightOffset(l), out, in);
        for (int r = 0; r < out; ++r)
            readNumbersAt(rows[r], pointerAt(pointerAt(where, "W"), r), in, W.row(r));
        readNumbersAt(layer.at("b"), pointerAt(where, "b"), out, w.segment(mlp.biasOffset(l), out));
    }
    return std::make_shared<const NetworkProblem>(shape, loss, std::move(data), std::move(w), linearProbe);
}

std::shared_ptr<const NetworkProblem> problemFromJson(std::string_view text, bool linearProbe) {
    if (text.size() > limits::kMaxProblemFileBytes)
        refuseAt("", "a problem file has at most " + std::to_string(limits::kMaxProblemFileBytes) + " bytes, got " +
                     std::to_string(text.size()));
    if (jsonNestsDeeperThan(text, kProblemFileDepth))
        refuseAt("", "the JSON nests deeper than a problem file does (" + std::to_string(kProblemFileDepth) +
                     " levels)");
    json file;
    try {
        file = json::parse(text);
    } catch (const json::exception& e) {
        std::string message = e.what();
        const size_t bracket = message.find("] ");
        if (bracket != std::string::npos) message = message.substr(bracket + 2);
        refuseAt("", "not JSON: " + cutTo(message, 4 * limits::kMaxEchoedCharacters));
    }
    try {
        return problemFromJsonValue(file, linearProbe);
    } catch (const ProblemFileError&) {
        throw;
    } catch (const std::exception& e) {  // a size the checks above missed: still a refusal, not a crash
        refuseAt("", cutTo(e.what(), 4 * limits::kMaxEchoedCharacters));
    }
}

// --- saveProblemFile, loadProblemFile ------------------------------------------------------------------

void saveProblemFile(const std::string& path, const NetworkProblem& problem, const Eigen::VectorXd& parameters) {
    replaceFile(path, problemToJson(problem, parameters));
}

std::shared_ptr<const NetworkProblem> loadProblemFile(const std::string& path, bool linearProbe) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ProblemFileError(shortened(path) + ": cannot be opened");
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, in.gcount());
        if (text.size() > limits::kMaxProblemFileBytes)
            throw ProblemFileError(shortened(path) + ": a problem file has at most " +
                                   std::to_string(limits::kMaxProblemFileBytes) + " bytes");
    }
    try {
        return problemFromJson(text, linearProbe);
    } catch (const ProblemFileError& e) {
        throw ProblemFileError(shortened(path) + ": " + e.what());
    }
}

}  // namespace gradscape
