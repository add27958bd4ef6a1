// Whether a region of the plane can be shown: finite, ordered, neither too far out nor too narrow.

#include "view/view_box_check.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gradscape {
namespace {

std::string shown(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

// One axis: "" or what is wrong with [low, high], naming the fields as a scene file spells them.
std::string checkRange(double low, double high, const std::string& lowName, const std::string& highName) {
    const std::string got = ", got " + shown(low) + " and " + shown(high);
    if (!std::isfinite(low) || !std::isfinite(high))
        return lowName + " and " + highName + " must be finite numbers" + got;
    if (!(low < high)) return lowName + " must be less than " + highName + got;
    if (std::abs(low) > kMaxViewCoordinate || std::abs(high) > kMaxViewCoordinate)
        return lowName + " and " + highName + " must be within [-" + shown(kMaxViewCoordinate) + ", " +
               shown(kMaxViewCoordinate) + "]" + got;
    // Both within 1e12: the difference is finite, and exact enough to compare.
    const double scale = std::max({1.0, std::abs(low), std::abs(high)});
    if (high - low < kMinViewWidthRatio * scale)
        return "the range from " + lowName + " to " + highName +
               " is too narrow to draw: it must be at least " + shown(kMinViewWidthRatio) +
               " times the larger of 1 and its largest coordinate" + got + " (a width of " + shown(high - low) + ")";
    return "";
}

}  // namespace

std::string checkViewBox(const ViewBox& box) {
    if (std::string complaint = checkRange(box.xMin, box.xMax, "xMin", "xMax"); !complaint.empty())
        return complaint;
    return checkRange(box.yMin, box.yMax, "yMin", "yMax");
}

}  // namespace gradscape
