#include "panels/text_wrap.h"

#include <algorithm>

namespace gradscape {
namespace {

constexpr int kDeepest = 8;  // beyond this, every space may break

bool opens(char c) {
    return c == '(' || c == '[' || c == '{';
}
bool closes(char c) {
    return c == ')' || c == ']' || c == '}';
}

// Appends the lines of `text` to `lines`, filling the last line where it has room.
void wrapInto(std::vector<std::string>& lines, std::string_view text, int depth, float width,
              const std::function<float(std::string_view)>& measure) {
    for (const std::string& unit : breakableUnits(text, depth)) {
        if (!lines.empty() && !lines.back().empty() && measure(lines.back() + " " + unit) <= width) {
            lines.back() += " " + unit;
            continue;
        }
        if (measure(unit) <= width || depth >= kDeepest || breakableUnits(unit, depth + 1).size() < 2) {
            if (lines.empty() || !lines.back().empty()) lines.emplace_back();
            lines.back() = unit;
            continue;
        }
        // Too wide alone: broken one bracket deeper, starting on a line of its own.
        if (!lines.empty() && !lines.back().empty()) lines.emplace_back();
        wrapInto(lines, unit, depth + 1, width, measure);
    }
}

}  // namespace

std::vector<std::string> breakableUnits(std::string_view text, int depth) {
    std::vector<std::string> units(1);
    int level = 0;
    for (char c : text) {
        if (c == ' ' && level <= depth) {
            if (!units.back().empty()) units.emplace_back();
            continue;
        }
        if (opens(c)) ++level;
        if (closes(c)) level = std::max(0, level - 1);
        units.back() += c;
    }
    if (units.back().empty()) units.pop_back();
    return units;
}

std::vector<std::string> wrapText(std::string_view text, float width,
                                  const std::function<float(std::string_view)>& measure) {
    std::vector<std::string> lines;
    wrapInto(lines, text, 0, width, measure);
    if (lines.empty()) lines.emplace_back();
    return lines;
}

}  // namespace gradscape
