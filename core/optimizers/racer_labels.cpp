#include "optimizers/racer_labels.h"

#include <charconv>
#include <functional>
#include <map>

namespace gradscape {

std::string shortestNumber(double value) {
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

namespace {

// How a hyperparameter is written in a label: the lecture's symbol where it has one.
std::string symbolOf(const std::string& name) {
    static const std::map<std::string, std::string> symbols = {
        {"lr", "η"},    {"momentum", "μ"}, {"dampening", "dampening"}, {"alpha", "α"},
        {"beta1", "β₁"}, {"beta2", "β₂"},   {"eps", "ε"},               {"weight-decay", "λ"},
        {"noise", "σ"}, {"damping", "δ"},
    };
    const auto it = symbols.find(name);
    return it != symbols.end() ? it->second : name;
}

// A switch's state in a few words: what the legend says when it is on, and when it is off.
std::string switchText(const OptimizerOption& option, bool on) {
    struct Words {
        bool Hyperparameters::*field;
        const char *on, *off;
    };
    static const Words words[] = {
        {&Hyperparameters::biasCorrection, "bias correction", "no bias correction"},
        {&Hyperparameters::epsilonInsideSqrt, "ε inside √", "ε outside √"},
        {&Hyperparameters::lookAhead, "look-ahead form", "torch form"},
        {&Hyperparameters::lineSearch, "line search", "no line search"},
    };
    for (const auto& w : words)
        if (w.field == option.field) return on ? w.on : w.off;
    return on ? option.label : "no " + option.label;
}

// The kind's title without its parenthesized gloss ("Momentum (heavy ball)" -> "Momentum"), so that the
// differences can take the parentheses.
std::string shortTitle(const std::string& title) {
    const auto open = title.find(" (");
    return open == std::string::npos ? title : title.substr(0, open);
}

using Aspect = std::function<std::string(const OptimizerSettings&)>;

// Every setting of this kind that could tell two of its racers apart, in the order a label lists them.
std::vector<Aspect> aspectsOf(const OptimizerInfo& info) {
    std::vector<Aspect> aspects;
    for (const auto& name : info.hyperparameters) {
        const HyperparameterSpec& spec = hyperparameterSpec(name);
        aspects.push_back([&spec, symbol = symbolOf(name)](const OptimizerSettings& s) {
            return symbol + "=" + shortestNumber(s.hyperparameters.*spec.field);
        });
    }
    for (const auto& option : info.options)
        aspects.push_back(
            [option](const OptimizerSettings& s) { return switchText(option, s.hyperparameters.*option.field); });
    if (info.reads("dampening"))
        aspects.push_back([](const OptimizerSettings& s) {
            return s.hyperparameters.dampeningFollowsMomentum ? std::string("EMA form") : std::string("torch form");
        });
    if (info.usesSchedule)
        aspects.push_back([](const OptimizerSettings& s) { return "schedule " + s.hyperparameters.schedule.spec(); });
    if (info.usesSeed)
        aspects.push_back([](const OptimizerSettings& s) { return "seed " + std::to_string(s.hyperparameters.seed); });
    if (info.usesBatchSize)
        aspects.push_back(
            [](const OptimizerSettings& s) { return "batch " + std::to_string(s.hyperparameters.batchSize); });
    if (info.usesMemory)
        aspects.push_back(
            [](const OptimizerSettings& s) { return "memory " + std::to_string(s.hyperparameters.memory); });
    aspects.push_back([](const OptimizerSettings& s) {
        return "start (" + shortestNumber(s.start.x()) + ", " + shortestNumber(s.start.y()) + ")";
    });
    return aspects;
}

}  // namespace

std::vector<std::string> racerLabels(const std::vector<OptimizerSettings>& racers) {
    std::map<std::string, std::vector<size_t>> byKind;
    for (size_t i = 0; i < racers.size(); ++i)
        byKind[racers[i].kind].push_back(i);

    std::vector<std::string> labels(racers.size());
    for (const auto& [kind, members] : byKind) {
        const OptimizerInfo& info = optimizerInfo(kind);
        std::vector<std::vector<std::string>> differences(members.size());
        if (members.size() > 1) {
            for (const Aspect& aspect : aspectsOf(info)) {
                std::vector<std::string> texts;
                for (size_t m : members)
                    texts.push_back(aspect(racers[m]));
                bool varies = false;
                for (const auto& text : texts)
                    varies = varies || text != texts.front();
                if (!varies) continue;
                for (size_t j = 0; j < members.size(); ++j)
                    differences[j].push_back(texts[j]);
            }
        }
        for (size_t j = 0; j < members.size(); ++j) {
            const OptimizerSettings& racer = racers[members[j]];
            std::string& label = labels[members[j]];
            if (!racer.label.empty()) {
                label = racer.label;
            } else if (members.size() == 1) {
                label = info.title;
            } else {
                label = shortTitle(info.title);
                for (size_t d = 0; d < differences[j].size(); ++d)
                    label += (d == 0 ? " (" : ", ") + differences[j][d];
                if (!differences[j].empty()) label += ")";
            }
        }
    }

    // A racer on a network's linearization says so (unless it has a label of its own): beside its twin on the
    // network itself it would otherwise read the same.
    for (size_t i = 0; i < racers.size(); ++i)
        if (racers[i].linearized && racers[i].label.empty()) labels[i] += " (linearized)";

    // Whatever is still shared (identical settings, a repeated own label) is told apart by the id.
    // A repeated id, or an own label that reads like another's "#id", takes the position as well.
    for (int pass = 0; pass < 8; ++pass) {
        std::map<std::string, int> uses;
        for (const auto& label : labels)
            ++uses[label];
        bool repeated = false;
        for (size_t i = 0; i < racers.size(); ++i) {
            if (uses[labels[i]] < 2) continue;
            repeated = true;
            labels[i] += pass == 0 ? " #" + std::to_string(racers[i].id) : " [" + std::to_string(i + 1) + "]";
        }
        if (!repeated) break;
    }
    return labels;
}

}  // namespace gradscape
