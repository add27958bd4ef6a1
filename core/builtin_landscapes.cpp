// The built-in landscapes of the lectures, each with hand-derived gradient and Hessian.

#include "builtin_landscapes.h"

#include <cmath>
#include <functional>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace gradscape {
namespace {

// Looks up a parameter by name, refusing unknown names and values out of range.
double parameterValue(const std::string& landscape, const std::map<std::string, double>& given,
                      const LandscapeParameter& spec) {
    auto it = given.find(spec.name);
    if (it == given.end()) return spec.value;
    const double v = it->second;
    if (!std::isfinite(v) || v < spec.minimum || v > spec.maximum) {
        std::ostringstream out;
        out << landscape << ": parameter " << spec.name << " must be in [" << spec.minimum << ", "
            << spec.maximum << "], got " << v;
        throw std::invalid_argument(out.str());
    }
    return v;
}

using Factory = std::function<std::shared_ptr<const Landscape>(const std::map<std::string, double>&)>;

const std::vector<std::pair<std::string, Factory>>& registry() {
    static const std::vector<std::pair<std::string, Factory>> entries = {
        {"quadratic",
         [](const auto& given) {
             const Quadratic defaults(10, 0);
             const auto& spec = defaults.parameters();
             return std::make_shared<const Quadratic>(parameterValue("quadratic", given, spec[0]),
                                                      parameterValue("quadratic", given, spec[1]));
         }},
        {"rosenbrock", [](const auto&) { return std::make_shared<const Rosenbrock>(); }},
        {"himmelblau", [](const auto&) { return std::make_shared<const Himmelblau>(); }},
        {"beale", [](const auto&) { return std::make_shared<const Beale>(); }},
        {"saddle", [](const auto&) { return std::make_shared<const Saddle>(); }},
    };
    return entries;
}

}  // namespace

std::vector<std::string> builtinLandscapeNames() {
    std::vector<std::string> names;
    for (const auto& [name, factory] : registry())
        names.push_back(name);
    return names;
}

std::shared_ptr<const Landscape> makeLandscape(const std::string& name,
                                               const std::map<std::string, double>& parameters) {
    for (const auto& [entryName, factory] : registry()) {
        if (entryName != name) continue;
        auto landscape = factory(parameters);
        for (const auto& [key, value] : parameters) {
            bool known = false;
            for (const auto& spec : landscape->parameters())
                known |= spec.name == key;
            if (!known) throw std::invalid_argument(name + ": unknown parameter '" + key + "'");
        }
        return landscape;
    }
    std::string list;
    for (const auto& n : builtinLandscapeNames())
        list += (list.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown landscape '" + name + "' (one of: " + list + ")");
}

}  // namespace gradscape
