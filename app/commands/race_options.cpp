#include "commands/race_options.h"

#include "landscapes/formula_landscape.h"
#include "optimizers/optimizer_spec.h"
#include "scene/scene.h"
#include "support/atomic_file.h"
#include "support/input_limits.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

namespace gradscape {

std::string withValuesCut(std::string message, const std::vector<std::string>& values) {
    for (const auto& value : values) {
        if (value.size() <= limits::kMaxEchoedCharacters) continue;
        const std::string cut = shortened(value);
        for (size_t at = message.find(value); at != std::string::npos; at = message.find(value, at + cut.size()))
            message.replace(at, value.size(), cut);
    }
    return message;
}

CLI::Option* wholeNumberIn(CLI::Option* option, std::uint64_t lowest, std::uint64_t highest) {
    const std::string range = "[" + std::to_string(lowest) + ", " + std::to_string(highest) + "]";
    const std::string rule = "must be a whole number in " + range + ", got ";
    // Digits compared as text (without leading zeros, the longer is larger): nothing is converted until
    // the value is known to fit, so no value wraps, saturates or loses its fraction.
    auto fits = [](const std::string& digits, std::uint64_t bound, bool atMost) {
        const std::string limit = std::to_string(bound);
        if (digits.size() != limit.size()) return atMost ? digits.size() < limit.size() : digits.size() > limit.size();
        return atMost ? digits <= limit : digits >= limit;
    };
    option->check(CLI::Validator(
        [=](std::string& text) {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
                return rule + echoed(text);
            const std::string digits = text.substr(std::min(text.find_first_not_of('0'), text.size() - 1));
            return fits(digits, lowest, false) && fits(digits, highest, true) ? std::string() : rule + echoed(text);
        },
        range));
    return option;
}

CLI::Option* numberIn(CLI::Option* option, double lowest, double highest) {
    char range[80];
    std::snprintf(range, sizeof range, "[%g, %g]", lowest, highest);
    const std::string rule = std::string("must be a number in ") + range + ", got ";
    option->check(CLI::Validator(
        [=](std::string& text) {
            const std::optional<double> value = finiteNumber(text);
            return value && *value >= lowest && *value <= highest ? std::string() : rule + echoed(text);
        },
        range));
    return option;
}

void CommonOptimizerOptions::applyTo(OptimizerSettings& s) const {
    Hyperparameters& h = s.hyperparameters;
    for (const auto& [name, value] : values) {
        const HyperparameterSpec& spec = hyperparameterSpec(name);
        if (std::string complaint = checkHyperparameter(spec, value); !complaint.empty())
            throw std::invalid_argument("--" + name + ": " + complaint);
        h.*spec.field = value;
    }
    if (batchSize) {
        if (*batchSize < 1 || *batchSize > kMaxBatchSize)
            throw std::invalid_argument("--batch-size: batch size must be in [1, " + std::to_string(kMaxBatchSize) +
                                        "], got " + std::to_string(*batchSize));
        h.batchSize = *batchSize;
    }
    if (memory) {
        if (*memory < 1 || *memory > kMaxMemory)
            throw std::invalid_argument("--memory: memory must be in [1, " + std::to_string(kMaxMemory) +
                                        "], got " + std::to_string(*memory));
        h.memory = *memory;
    }
    if (seed) h.seed = *seed;
    if (schedule) {
        try {
            h.schedule = parseSchedule(*schedule);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("--schedule: ") + e.what());
        }
    }
    h.lineSearch |= lineSearch;
    h.lookAhead |= lookAhead;
    h.biasCorrection &= !noBiasCorrection;
    h.epsilonInsideSqrt |= epsilonInsideSqrt;
    if (start) {
        s.start = *start;
        s.followsSharedStart = true;  // --start moves the shared start, and every racer with it
    }
}

void CommonOptimizerOptions::check() const {
    OptimizerSettings probe;
    probe.hyperparameters = optimizerInfo("gd").defaults;
    applyTo(probe);
}

std::vector<OptimizerSettings> racersFromSpecs(const std::vector<std::string>& specs,
                                               const CommonOptimizerOptions& common, const Vec2& start) {
    common.check();
    try {
        return parseOptimizerSpecs(specs, common.start.value_or(start),
                                   [&](OptimizerSettings& s) { common.applyTo(s); });
    } catch (const std::invalid_argument& e) {
        // The spec parser quotes a spec whole: a pasted page becomes its first characters.
        throw std::invalid_argument(withValuesCut(e.what(), specs));
    }
}

std::map<std::string, double> parseLandscapeParameters(const std::vector<std::string>& texts) {
    std::map<std::string, double> parameters;
    for (const auto& text : texts) {
        const auto equals = text.find('=');
        const std::string name = text.substr(0, equals);
        const std::string shownName = name.substr(0, limits::kMaxEchoedCharacters);  // a name, unquoted
        if (equals == std::string::npos || name.empty())
            throw std::invalid_argument("--param: expected NAME=VALUE, got " + echoed(text));
        const std::string value = text.substr(equals + 1);
        const std::optional<double> number = finiteNumber(value);
        if (!number)
            throw std::invalid_argument("--param " + shownName + ": expected a finite number, got " +
                                        echoed(value));
        if (!parameters.emplace(name, *number).second)
            throw std::invalid_argument("--param " + shownName + ": given twice");
    }
    return parameters;
}

struct CommonOptimizerCli::Parts {
    std::map<std::string, double> values;
    std::vector<std::pair<std::string, CLI::Option*>> valueOptions;
    int batchSize = 0, memory = 0;
    std::uint64_t seed = 0;
    std::string schedule, start;
    CLI::Option *batch = nullptr, *memoryOption = nullptr, *seedOption = nullptr, *scheduleOption = nullptr,
                *startOption = nullptr;
};

CommonOptimizerCli::CommonOptimizerCli(CLI::App& app, CommonOptimizerOptions& options, bool withStart)
    : options_(options), parts_(std::make_shared<Parts>()) {
    Parts& p = *parts_;
    for (const auto& spec : hyperparameterSpecs())
        p.valueOptions.emplace_back(
            spec.name, app.add_option("--" + std::string(spec.name), p.values[spec.name],
                                      std::string(spec.label) + " for every racer (a racer's own " + spec.name +
                                          "= overrides it)"));
    p.batch = wholeNumberIn(
        app.add_option("--batch-size", p.batchSize,
                       "SGD minibatch size on data landscapes, for every racer; with --problem, the minibatch "
                       "size every racer trains on (the full batch unless given)"),
        1,
        kMaxBatchSize);
    p.memoryOption = wholeNumberIn(app.add_option("--memory", p.memory, "L-BFGS memory m, for every racer"), 1,
                                   kMaxMemory);
    p.seedOption =
        wholeNumberIn(app.add_option("--seed", p.seed,
                                     "seed of SGD noise and random search, for every racer; with --problem, also "
                                     "of its data, weights and minibatches"),
                      0,
                      std::numeric_limits<std::uint64_t>::max());
    p.scheduleOption = app.add_option("--schedule", p.schedule,
                                      "learning-rate schedule for every racer: constant, step:N:GAMMA, exp:GAMMA, "
                                      "inv:DECAY, cosine:T_MAX[:ETA_MIN] or warmup:N");
    app.add_flag("--line-search", options.lineSearch, "Armijo line search for gd and newton");
    app.add_flag("--look-ahead", options.lookAhead, "nesterov in the lecture's look-ahead form");
    app.add_flag("--no-bias-correction", options.noBiasCorrection, "adam/adamw without bias correction");
    app.add_flag("--eps-inside-sqrt", options.epsilonInsideSqrt, "adam/adamw with eps inside the square root");
    if (withStart)
        p.startOption = app.add_option("--start", p.start, "the shared start point X,Y of every racer (default: the landscape's)");
}

void CommonOptimizerCli::setAfterParse() {
    Parts& p = *parts_;
    for (const auto& [name, option] : p.valueOptions)
        if (*option) options_.values[name] = p.values[name];
    if (*p.batch) options_.batchSize = p.batchSize;
    if (*p.memoryOption) options_.memory = p.memory;
    if (*p.seedOption) options_.seed = p.seed;
    if (*p.scheduleOption) options_.schedule = p.schedule;
    if (p.startOption && *p.startOption) options_.start = parsePoint(p.start, "--start");
}

struct LandscapeSourceCli::Parts {
    CLI::App* app = nullptr;
    std::optional<std::string>* expression = nullptr;
    std::map<std::string, double>* parameters = nullptr;
    bool exactlyOne = true;
    std::string formula;                      // --expr as typed
    std::vector<std::string> parameterTexts;  // --param as typed
    CLI::Option *landscape = nullptr, *formulaOption = nullptr, *parameterOption = nullptr;
    std::vector<CLI::Option*> sources;  // what the exactly-one check counts
};

LandscapeSourceCli::LandscapeSourceCli(CLI::App& app, std::string& name,
                                       std::optional<std::string>& expression,
                                       std::map<std::string, double>& parameters,
                                       const LandscapeSourceHelp& help)
    : parts_(std::make_shared<Parts>()) {
    Parts& p = *parts_;
    p.app = &app;
    p.expression = &expression;
    p.parameters = &parameters;
    p.exactlyOne = help.exactlyOne;
    p.landscape = addAlternative(app.add_option("--landscape", name, help.landscape + landscapeNameList()));
    if (!help.formula.empty())
        p.formulaOption = addAlternative(app.add_option("--expr", p.formula, help.formula));
}

CLI::Option* LandscapeSourceCli::addParameters() {
    Parts& p = *parts_;
    p.parameterOption = p.app->add_option("--param", p.parameterTexts,
                                          "a landscape parameter NAME=VALUE, repeatable (--param kappa=20)");
    return p.parameterOption;
}

CLI::Option* LandscapeSourceCli::addAlternative(CLI::Option* option) {
    if (parts_->exactlyOne) option->group(kLandscapeSourceGroup);
    parts_->sources.push_back(option);
    return option;
}

CLI::Option* LandscapeSourceCli::landscapeOption() const {
    return parts_->landscape;
}

CLI::Option* LandscapeSourceCli::formulaOption() const {
    return parts_->formulaOption;
}

bool LandscapeSourceCli::given() const {
    const Parts& p = *parts_;
    return *p.landscape || (p.formulaOption && *p.formulaOption) || (p.parameterOption && *p.parameterOption);
}

void LandscapeSourceCli::setAfterParse() {
    Parts& p = *parts_;
    if (p.exactlyOne && *p.app) {
        int given = 0;
        std::string names;
        for (const CLI::Option* option : p.sources) {
            given += *option ? 1 : 0;
            names += (names.empty() ? "" : ",") + option->get_name();
        }
        if (given != 1) throw CLI::RequiredError("Exactly 1 option from [" + names + "]");
    }
    if (p.formulaOption && *p.formulaOption) *p.expression = p.formula;
}

void LandscapeSourceCli::finish() {
    *parts_->parameters = parseLandscapeParameters(parts_->parameterTexts);
}

void requireWritable(const std::string& option, const std::string& path) {
    try {
        AtomicFile probe(path);
    } catch (const FileError& e) {
        throw std::invalid_argument(option + ": " + e.what());
    }
}

std::optional<double> finiteNumber(const std::string& text) {
    size_t used = 0;
    double value = NAN;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {  // no number at all, or one out of a double's range
        return std::nullopt;
    }
    if (used != text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

Vec2 parsePoint(const std::string& text, const std::string& option) {
    const auto comma = text.find(',');
    const auto x = comma == std::string::npos ? std::nullopt : finiteNumber(text.substr(0, comma));
    const auto y = comma == std::string::npos ? std::nullopt : finiteNumber(text.substr(comma + 1));
    // CLI11 reports the throw as a bad value for the option.
    if (!x || !y)
        throw CLI::ValidationError(option, "expected two finite numbers as X,Y, got " + echoed(text));
    return {*x, *y};
}

std::shared_ptr<const Landscape> landscapeFromOptions(const std::string& name,
                                                      const std::optional<std::string>& expression,
                                                      const std::map<std::string, double>& parameters,
                                                      const Regularization& regularization) {
    if (expression && !parameters.empty())
        throw std::invalid_argument("--param: a typed formula has no parameters");
    try {
        return landscapeFor(expression, name, parameters, regularization);
    } catch (const FormulaError& e) {
        throw std::invalid_argument(std::string("--expr: ") + e.what());
    } catch (const std::invalid_argument& e) {
        std::vector<std::string> typed = {name};  // the landscape's own messages quote names whole
        for (const auto& [key, value] : parameters)
            typed.push_back(key);
        throw std::invalid_argument(withValuesCut(e.what(), typed));
    }
}

std::string optimizerSpecHelp() {
    std::string kinds;
    for (const auto& info : optimizerCatalog())
        kinds += (kinds.empty() ? "" : ", ") + info.name;
    return "a racer as KIND[:KEY=VALUE,...], repeatable; a plain list gd,adam is one racer each. KIND: " + kinds +
           ". KEY: any hyperparameter (lr, momentum, dampening, alpha, beta1, beta2, eps, weight-decay, noise, "
           "damping), a switch (bias-correction, eps-inside-sqrt, look-ahead, line-search, ema-form =on|off), "
           "schedule=SPEC (as --schedule), seed=N, batch-size=N, memory=N, start=X;Y, follow=on|off, "
           "colour=#rrggbb, label=TEXT, enabled=on|off, id=N; only the keys a kind reads. Example: "
           "--optimizer \"adam:lr=0.05,weight-decay=0.3,colour=#cc79a7\" --optimizer adamw:lr=0.05";
}

std::string landscapeNameList() {
    std::string list;
    for (const auto& name : namedLandscapeNames())
        list += (list.empty() ? "" : ", ") + name;
    return list;
}

void refuseRacerCount(const std::vector<std::string>& specs) {
    if (specs.size() > limits::kMaxRacers)
        throw std::invalid_argument("--optimizer: a race has at most " + std::to_string(limits::kMaxRacers) +
                                    " racers, got " + std::to_string(specs.size()) + " --optimizer values");
}

}  // namespace gradscape
