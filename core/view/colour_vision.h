#pragma once
// Colour science for checking palettes: colour-vision deficiency simulated as Machado, Oliveira and
// Fernandes (2009), "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG
// 15(6), at severity 1 (dichromacy), and the CIE 1976 colour difference (delta E*ab, "CIE76") in CIELAB
// under D65.

#include <array>

namespace gradscape {

/// An sRGB colour, each channel in [0, 255].
struct Srgb {
    double r = 0, g = 0, b = 0;
};

/// How a viewer sees colour: normal trichromacy, or a dichromacy missing the L (protanopia), M
/// (deuteranopia) or S (tritanopia) cones.
enum class ColourVision { Normal, Protanopia, Deuteranopia, Tritanopia };

/// The colour a viewer with `vision` perceives for `colour`, as the sRGB colour a normal viewer would
/// match it with: Machado et al.'s matrix for that dichromacy applied in linear RGB, clamped to the gamut.
Srgb simulateColourVision(const Srgb& colour, ColourVision vision);

/// CIELAB (L*, a*, b*) of an sRGB colour, D65 white.
std::array<double, 3> toLab(const Srgb& colour);

/// The CIE76 colour difference: the Euclidean distance in CIELAB. About 2.3 is just noticeable; above
/// 20 two colours read as different colours at a glance.
double deltaE76(const Srgb& a, const Srgb& b);

/// The CIE76 difference between two colours as a viewer with `vision` sees them.
double deltaE76As(const Srgb& a, const Srgb& b, ColourVision vision);

}  // namespace gradscape
