#pragma once
// Colours: the viridis colour map for values and the Okabe-Ito palette for optimizers.

#include <imgui.h>

namespace gradscape {

/// Viridis at nine evenly spaced points (matplotlib's perceptually uniform map), RGB in [0, 1].
inline constexpr float kViridis[9][3] = {
    {0x44 / 255.f, 0x01 / 255.f, 0x54 / 255.f}, {0x47 / 255.f, 0x2d / 255.f, 0x7b / 255.f},
    {0x3b / 255.f, 0x52 / 255.f, 0x8b / 255.f}, {0x2c / 255.f, 0x72 / 255.f, 0x8e / 255.f},
    {0x21 / 255.f, 0x91 / 255.f, 0x8c / 255.f}, {0x28 / 255.f, 0xae / 255.f, 0x80 / 255.f},
    {0x5e / 255.f, 0xc9 / 255.f, 0x62 / 255.f}, {0xad / 255.f, 0xdc / 255.f, 0x30 / 255.f},
    {0xfd / 255.f, 0xe7 / 255.f, 0x25 / 255.f}};

/// The Okabe-Ito colour-blind-safe palette, reordered so the first colours stand out on viridis.
inline constexpr ImU32 kOptimizerPalette[] = {
    IM_COL32(230, 159, 0, 255),    // orange
    IM_COL32(86, 180, 233, 255),   // sky blue
    IM_COL32(204, 121, 167, 255),  // reddish purple
    IM_COL32(240, 228, 66, 255),   // yellow
    IM_COL32(213, 94, 0, 255),     // vermillion
    IM_COL32(0, 158, 115, 255),    // bluish green
    IM_COL32(0, 114, 178, 255),    // blue
    IM_COL32(255, 255, 255, 255),  // white
};

/// Text and marks that report something wrong, in the dark theme; drawing code takes look().error,
/// which follows the theme.
inline const ImVec4 kErrorColour(1.0f, 0.45f, 0.35f, 1.0f);

/// The palette colour for the n-th optimizer (wrapping around).
inline ImU32 paletteColour(int n) {
    constexpr int count = sizeof(kOptimizerPalette) / sizeof(kOptimizerPalette[0]);
    return kOptimizerPalette[((n % count) + count) % count];
}

}  // namespace gradscape
