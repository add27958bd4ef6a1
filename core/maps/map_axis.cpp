#include "maps/map_axis.h"

#include "support/echo.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace gradscape {

double MapAxis::valueAtFraction(double t) const {
    if (log) return std::exp(std::log(min) + t * (std::log(max) - std::log(min)));
    return min + t * (max - min);
}

double MapAxis::cellOf(double value, int n) const {
    if (log) {
        if (!(value > 0)) return std::numeric_limits<double>::quiet_NaN();
        return n * (std::log(value) - std::log(min)) / (std::log(max) - std::log(min));
    }
    return n * (value - min) / (max - min);
}

std::string MapAxis::spec() const {
    std::ostringstream out;
    out.precision(17);
    out << name << ':' << min << ':' << max << (log ? ":log" : "");
    return out.str();
}

MapAxis parseMapAxis(const std::string& text, const std::string& option) {
    const std::string shown = echoed(text);
    const auto refuse = [&](const std::string& why) {
        throw std::invalid_argument(option + ": " + why + ", got '" + shown + "'");
    };
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, ':'))
        parts.push_back(part);
    if (!text.empty() && text.back() == ':') parts.push_back("");
    if (parts.size() < 3 || parts.size() > 4) refuse("expected NAME:MIN:MAX or NAME:MIN:MAX:log");
    MapAxis axis;
    axis.name = parts[0];
    if (axis.name.empty()) refuse("the axis needs a name");
    const auto number = [&](const std::string& s, const char* what) {
        size_t used = 0;
        double value = 0;
        try {
            value = std::stod(s, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (s.empty() || used != s.size() || !std::isfinite(value)) refuse(std::string(what) + " must be a finite number");
        return value;
    };
    axis.min = number(parts[1], "MIN");
    axis.max = number(parts[2], "MAX");
    if (parts.size() == 4) {
        if (parts[3] != "log" && parts[3] != "linear") refuse("the fourth part must be 'log' or 'linear'");
        axis.log = parts[3] == "log";
    }
    if (!(axis.min < axis.max)) refuse("MIN must be below MAX");
    if (axis.log && !(axis.min > 0)) refuse("a log axis needs MIN > 0");
    return axis;
}

}  // namespace gradscape
