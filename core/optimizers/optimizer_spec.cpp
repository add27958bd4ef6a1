#include "optimizers/optimizer_spec.h"

#include "support/input_limits.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>

namespace gradscape {
namespace {

struct SwitchKey {
    const char* name;
    bool Hyperparameters::*field;
};

// The switches by their command-line names; which kinds read each is the catalog's options.
constexpr SwitchKey kSwitches[] = {
    {"bias-correction", &Hyperparameters::biasCorrection},
    {"eps-inside-sqrt", &Hyperparameters::epsilonInsideSqrt},
    {"look-ahead", &Hyperparameters::lookAhead},
    {"line-search", &Hyperparameters::lineSearch},
    {"ema-form", &Hyperparameters::dampeningFollowsMomentum},
};

// Keys every racer takes, whatever its kind.
const char* const kPresentationKeys[] = {"start", "follow", "colour", "label", "enabled", "id", "linearized"};

[[noreturn]] void refuse(const std::string& key, const std::string& why) {
    throw std::invalid_argument(key + ": " + why);
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

double realNumber(const std::string& key, const std::string& text) {
    size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (text.empty() || used != text.size()) refuse(key, "expected a number, got '" + text + "'");
    return value;
}

unsigned long long wholeNumber(const std::string& key, const std::string& text, unsigned long long maximum) {
    const std::string range = "[" + std::string(key == "seed" ? "0" : "1") + ", " + std::to_string(maximum) + "]";
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        refuse(key, "expected a whole number in " + range + ", got '" + text + "'");
    unsigned long long value = 0;
    try {
        value = std::stoull(text);
    } catch (const std::exception&) {
        refuse(key, "must be in " + range + ", got " + text);
    }
    if (value > maximum || (key != "seed" && value < 1)) refuse(key, "must be in " + range + ", got " + text);
    return value;
}

bool switchValue(const std::string& key, const std::string& text, bool hasValue) {
    if (!hasValue) return true;
    for (const char* on : {"on", "true", "yes", "1"})
        if (text == on) return true;
    for (const char* off : {"off", "false", "no", "0"})
        if (text == off) return false;
    refuse(key, "expected on or off (true/false, yes/no, 1/0), got '" + text + "'");
}

Vec2 pointValue(const std::string& key, const std::string& text) {
    const auto separator = text.find(';');
    if (separator == std::string::npos || text.find(';', separator + 1) != std::string::npos)
        refuse(key, "expected X;Y (two numbers separated by ';'), got '" + text + "'");
    const Vec2 p(realNumber(key, trimmed(text.substr(0, separator))), realNumber(key, trimmed(text.substr(separator + 1))));
    if (!std::isfinite(p.x()) || !std::isfinite(p.y())) refuse(key, "expected two finite numbers, got '" + text + "'");
    return p;
}

bool reads(const OptimizerInfo& info, const std::string& key) {
    const auto keys = optimizerSpecKeys(info);
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string keyList(const OptimizerInfo& info) {
    std::string list;
    for (const auto& key : optimizerSpecKeys(info))
        list += (list.empty() ? "" : ", ") + key;
    return list;
}

}  // namespace

std::uint32_t parseColour(const std::string& text) {
    const std::string hex = !text.empty() && text[0] == '#' ? text.substr(1) : text;
    if (hex.size() != 6 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        throw std::invalid_argument("expected a colour as #rrggbb (six hex digits), got '" + text + "'");
    return static_cast<std::uint32_t>(std::stoul(hex, nullptr, 16));
}

std::string colourText(std::uint32_t colour) {
    char text[8];
    std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(colour & 0xffffff));
    return text;
}

std::vector<std::string> optimizerSpecKeys(const OptimizerInfo& info) {
    std::vector<std::string> keys(info.hyperparameters.begin(), info.hyperparameters.end());
    for (const auto& option : info.options)
        for (const auto& s : kSwitches)
            if (s.field == option.field) keys.push_back(s.name);
    // The lecture's EMA form (dampening = momentum) belongs to the kind that reads dampening.
    if (info.reads("dampening")) keys.push_back("ema-form");
    if (info.usesSchedule) keys.push_back("schedule");
    if (info.usesSeed) keys.push_back("seed");
    if (info.usesBatchSize) keys.push_back("batch-size");
    if (info.usesMemory) keys.push_back("memory");
    keys.insert(keys.end(), std::begin(kPresentationKeys), std::end(kPresentationKeys));
    return keys;
}

void applyOptimizerSetting(OptimizerSettings& settings, const std::string& rawKey, const std::string& rawValue,
                           bool hasValue, bool strict) {
    const std::string key = rawKey == "color" ? "colour" : rawKey;
    const std::string value = trimmed(rawValue);
    const OptimizerInfo& info = optimizerInfo(settings.kind);
    bool known = key == "schedule" || key == "seed" || key == "batch-size" || key == "memory";
    for (const auto& spec : hyperparameterSpecs())
        known = known || key == spec.name;
    for (const auto& s : kSwitches)
        known = known || key == s.name;
    for (const char* k : kPresentationKeys)
        known = known || key == k;
    if (!known) refuse(rawKey, "unknown setting (" + info.name + " takes: " + keyList(info) + ")");
    if (strict && !reads(info, key))
        refuse(rawKey, "not a setting of " + info.name + " (it takes: " + keyList(info) + ")");
    const bool isSwitch = key == "follow" || key == "enabled" || key == "linearized" ||
                          std::any_of(std::begin(kSwitches), std::end(kSwitches),
                                      [&](const SwitchKey& s) { return key == s.name; });
    if (!hasValue && !isSwitch) refuse(rawKey, "expected " + key + "=VALUE");

    OptimizerSettings changed = settings;
    Hyperparameters& h = changed.hyperparameters;
    for (const auto& spec : hyperparameterSpecs()) {
        if (key != spec.name) continue;
        const double v = realNumber(key, value);
        if (std::string complaint = checkHyperparameter(spec, v); !complaint.empty()) refuse(key, complaint);
        h.*spec.field = v;
    }
    for (const auto& s : kSwitches)
        if (key == s.name) h.*s.field = switchValue(key, value, hasValue);
    if (key == "schedule") {
        try {
            h.schedule = parseSchedule(value);
        } catch (const std::invalid_argument& e) {
            refuse(key, e.what());
        }
    }
    if (key == "seed") h.seed = wholeNumber(key, value, std::numeric_limits<std::uint64_t>::max());
    if (key == "batch-size") h.batchSize = static_cast<int>(wholeNumber(key, value, kMaxBatchSize));
    if (key == "memory") h.memory = static_cast<int>(wholeNumber(key, value, kMaxMemory));
    if (key == "start") {
        changed.start = pointValue(key, value);
        changed.followsSharedStart = false;  // a start of its own, unless a later follow says otherwise
    }
    if (key == "follow") changed.followsSharedStart = switchValue(key, value, hasValue);
    if (key == "enabled") changed.enabled = switchValue(key, value, hasValue);
    if (key == "linearized") changed.linearized = switchValue(key, value, hasValue);
    if (key == "id") changed.id = static_cast<int>(wholeNumber(key, value, 1'000'000));
    if (key == "label") {
        if (value.empty()) refuse(key, "expected a text, got nothing");
        // A longer label would be saved into a scene that then refuses to open.
        if (value.size() > limits::kMaxTextCharacters)
            refuse(key, "a label has at most " + std::to_string(limits::kMaxTextCharacters) + " characters, got " +
                            std::to_string(value.size()));
        changed.label = value;
    }
    if (key == "colour") {
        try {
            changed.colour = parseColour(value);
        } catch (const std::invalid_argument& e) {
            refuse(rawKey, e.what());
        }
    }
    settings = changed;
}

OptimizerSettings parseOptimizerSpec(const std::string& spec, const Vec2& start,
                                     const std::function<void(OptimizerSettings&)>& common) {
    const auto colon = spec.find(':');
    const std::string kind = trimmed(spec.substr(0, colon));
    if (kind.empty()) throw std::invalid_argument("expected KIND[:KEY=VALUE,...], got '" + spec + "'");
    if (kind.find(',') != std::string::npos)
        throw std::invalid_argument("a spec with settings names one kind, got '" + kind +
                                    "' (give each racer its own --optimizer)");
    OptimizerSettings settings;
    const OptimizerInfo& info = optimizerInfo(kind);  // unknown kinds are refused here
    settings.kind = info.name;                        // an alias reads as the kind's own name
    settings.hyperparameters = info.defaults;
    settings.start = start;
    settings.followsSharedStart = true;
    if (common) common(settings);
    if (colon == std::string::npos) return settings;
    const std::string list = spec.substr(colon + 1);
    size_t begin = 0;
    while (begin <= list.size()) {
        size_t end = list.find(',', begin);
        if (end == std::string::npos) end = list.size();
        const std::string entry = trimmed(list.substr(begin, end - begin));
        begin = end + 1;
        if (entry.empty())
            throw std::invalid_argument("empty setting in '" + spec + "' (expected KEY=VALUE between commas)");
        const auto equals = entry.find('=');
        const std::string key = trimmed(entry.substr(0, equals));
        if (equals == std::string::npos) {
            const auto keys = optimizerSpecKeys(info);
            const bool isKey = std::find(keys.begin(), keys.end(), key) != keys.end();
            // "gd:lr=0.1,adam" most likely meant two racers.
            if (!isKey && std::any_of(optimizerCatalog().begin(), optimizerCatalog().end(),
                                      [&](const OptimizerInfo& i) { return i.isNamed(key); }))
                refuse(key, "expected KEY=VALUE; to add another racer, give it its own --optimizer");
            applyOptimizerSetting(settings, key, "", false);
        } else {
            applyOptimizerSetting(settings, key, entry.substr(equals + 1), true);
        }
    }
    return settings;
}

std::vector<OptimizerSettings> parseOptimizerSpecs(const std::vector<std::string>& texts, const Vec2& start,
                                                   const std::function<void(OptimizerSettings&)>& common) {
    std::vector<std::string> specs;
    for (const auto& text : texts) {
        if (text.find(':') != std::string::npos) {
            specs.push_back(text);
            continue;
        }
        size_t begin = 0;
        while (begin <= text.size()) {
            size_t end = text.find(',', begin);
            if (end == std::string::npos) end = text.size();
            specs.push_back(trimmed(text.substr(begin, end - begin)));
            begin = end + 1;
        }
    }
    std::vector<OptimizerSettings> racers;
    std::set<int> ids;
    auto nameOf = [&](size_t i) { return "--optimizer '" + specs[i] + "' (racer " + std::to_string(i + 1) + ")"; };
    for (size_t i = 0; i < specs.size(); ++i) {
        try {
            racers.push_back(parseOptimizerSpec(specs[i], start, common));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(nameOf(i) + ": " + e.what());
        }
        const int id = racers.back().id;
        if (id != 0 && !ids.insert(id).second)
            throw std::invalid_argument(nameOf(i) + ": id: " + std::to_string(id) + " is already another racer's");
    }
    // Racers without an id of their own take the lowest free ones, in order.
    int next = 1;
    for (auto& racer : racers) {
        if (racer.id != 0) continue;
        while (ids.count(next)) ++next;
        racer.id = next;
        ids.insert(next);
    }
    return racers;
}

}  // namespace gradscape
