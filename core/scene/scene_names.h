#pragma once
// The names scene files give to enumerations, shared by the writer and the checking reader.

#include "optimizers/schedule.h"
#include "view/view_settings.h"

#include <cstddef>
#include <utility>

namespace gradscape {

inline constexpr std::pair<Schedule::Kind, const char*> kScheduleKindNames[] = {
    {Schedule::Kind::Constant, "constant"}, {Schedule::Kind::StepDecay, "step"},
    {Schedule::Kind::Exponential, "exp"},   {Schedule::Kind::InverseTime, "inv"},
    {Schedule::Kind::Cosine, "cosine"},     {Schedule::Kind::Warmup, "warmup"}};

inline constexpr std::pair<ViewMode, const char*> kViewModeNames[] = {
    {ViewMode::Contour, "contour"}, {ViewMode::Surface, "surface"}, {ViewMode::Both, "both"}};

inline constexpr std::pair<Theme, const char*> kThemeNames[] = {
    {Theme::Dark, "dark"},
    {Theme::HighContrast, "high-contrast"},
    {Theme::ColourBlindSafe, "colour-blind-safe"}};

/// The name of `value` in one of the tables above.
template <class Enum, std::size_t N>
const char* nameOf(const std::pair<Enum, const char*> (&names)[N], Enum value) {
    for (const auto& [v, name] : names)
        if (v == value) return name;
    return names[0].second;
}

}  // namespace gradscape
