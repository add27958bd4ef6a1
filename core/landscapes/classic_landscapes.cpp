// The built-in landscapes of the lectures, each with hand-derived gradient and Hessian.

#include "landscapes/landscape_registry.h"

#include <cmath>
#include <functional>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

std::vector<LandscapeEntry> allEntries() {
    std::vector<LandscapeEntry> entries = classicLandscapes();
    for (auto group : {testFunctionLandscapes(), lectureLandscapes(), dataLandscapes()})
        entries.insert(entries.end(), group.begin(), group.end());
    return entries;
}

const std::vector<LandscapeEntry>& registry() {
    static const std::vector<LandscapeEntry> entries = allEntries();
    return entries;
}

}  // namespace

std::vector<double> parameterValues(const std::string& landscape, const std::map<std::string, double>& given,
                                    const std::vector<LandscapeParameter>& specs) {
    std::vector<double> values;
    for (const auto& spec : specs) {
        auto it = given.find(spec.name);
        const double v = it == given.end() ? spec.value : it->second;
        if (!std::isfinite(v) || v < spec.minimum || v > spec.maximum) {
            std::ostringstream out;
            out << landscape << ": parameter " << spec.name << " must be in [" << spec.minimum << ", "
                << spec.maximum << "], got " << v;
            throw std::invalid_argument(out.str());
        }
        values.push_back(v);
    }
    return values;
}

std::vector<LandscapeEntry> classicLandscapes() {
    return {
        {"quadratic",
         [](const auto& given) {
             const auto v = parameterValues("quadratic", given, Quadratic(10, 0).parameters());
             return std::make_shared<Quadratic>(v[0], v[1]);
         }},
        {"rosenbrock",
         [](const auto& given) {
             const auto v = parameterValues("rosenbrock", given, Rosenbrock(1, 100).parameters());
             return std::make_shared<Rosenbrock>(v[0], v[1]);
         }},
        {"himmelblau", [](const auto&) { return std::make_shared<Himmelblau>(); }},
        {"beale", [](const auto&) { return std::make_shared<Beale>(); }},
        {"saddle", [](const auto&) { return std::make_shared<Saddle>(); }},
    };
}

std::vector<std::string> namedLandscapeNames() {
    std::vector<std::string> names;
    for (const auto& entry : registry())
        names.push_back(entry.name);
    return names;
}

std::shared_ptr<const Landscape> makeLandscape(const std::string& name,
                                               const std::map<std::string, double>& parameters) {
    for (const auto& entry : registry()) {
        if (entry.name != name) continue;
        auto landscape = entry.make(parameters);
        for (const auto& [key, value] : parameters) {
            bool known = false;
            for (const auto& spec : landscape->parameters())
                known |= spec.name == key;
            if (!known) throw std::invalid_argument(name + ": unknown parameter '" + key + "'");
        }
        landscape->polishKnownMinima();
        return landscape;
    }
    throw std::invalid_argument("unknown landscape '" + name + "' (one of: " + [] {
        std::string list;
        for (const auto& n : namedLandscapeNames())
            list += (list.empty() ? "" : ", ") + n;
        return list;
    }() + ")");
}

}  // namespace gradscape
